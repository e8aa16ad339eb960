"""Shared steps for the calendar tests: a history written first, the page opened on a state."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView, QToolButton, QWidget

from bandtracker.state import AppState
from bandtracker.store import sessions
from bandtracker.store.db import database, write
from bandtracker.store.settings import save_settings
from bandtracker.ui.calendar.page import CalendarPage
from tests.conftest import TZ

W = TypeVar("W", bound=QWidget)
TODAY = date(2026, 11, 24)  # a Tuesday; the clock fixture stands at 18:30 that day


def log_day(day: date, n_sets: int) -> None:
    """Tick the first `n_sets` boxes of a day, a minute apart from 18:00, through the store."""
    keys = sessions.load_day(day).slots()[:n_sets]
    start = datetime(day.year, day.month, day.day, 18, 0, tzinfo=TZ)
    for i, key in enumerate(keys):
        sessions.tick(day, key, start + timedelta(minutes=i))


def seed(days: dict[date, int], **settings: object) -> None:
    """Write history (and settings) before the state reads them, as an earlier run would."""
    if settings:
        with write("save"):
            save_settings(settings)
    for day, n in days.items():
        log_day(day, n)


def shown(qtbot, widget: W, size: tuple[int, int] = (1200, 860)) -> W:
    """A page on its own, at a window's size, shown and exposed."""
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def open_calendar(qtbot, state: AppState) -> CalendarPage:
    page = shown(qtbot, CalendarPage(state))
    assert page.loaded
    return page


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def turn_to(qtbot, page: CalendarPage, year: int, month: int) -> None:
    """Turn the month with the arrow buttons, as a user would."""
    calendar = page.calendar
    forward = calendar.findChild(QToolButton, "qt_calendar_nextmonth")
    back = calendar.findChild(QToolButton, "qt_calendar_prevmonth")
    while (calendar.yearShown(), calendar.monthShown()) != (year, month):
        later = (year, month) > (calendar.yearShown(), calendar.monthShown())
        qtbot.mouseClick(forward if later else back, Qt.MouseButton.LeftButton)


def click_day(qtbot, page: CalendarPage, day: date) -> None:
    """Go to the day's month and click its cell."""
    turn_to(qtbot, page, day.year, day.month)
    calendar = page.calendar
    view = calendar.findChild(QTableView)
    model = view.model()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if str(model.data(index)) != str(day.day):
                continue
            qtbot.mouseClick(
                view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
            )
            if calendar.selectedDate().toPython() == day:
                return
    raise AssertionError(f"no cell for {day}")


@contextmanager
def statements() -> Iterator[list[str]]:
    """Every SQL statement SQLite runs inside the block."""
    seen: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        connection.set_trace_callback(None)


def seeded(data_dir, days: dict[date, int], week_start: int = 1) -> None:
    """History written before the window opens, as an earlier run of the app would have."""
    from bandtracker.store.db import close_database, open_database

    open_database(data_dir)
    seed(days, week_start=week_start)
    close_database()


def show_calendar(qtbot, window) -> CalendarPage:
    """The calendar tab of the main window, opened with a click on its tab."""
    qtbot.mouseClick(
        window.pages.tabBar(),
        Qt.MouseButton.LeftButton,
        pos=window.pages.tabBar().tabRect(1).center(),
    )
    page = window.calendar
    qtbot.waitUntil(lambda: page.isVisible() and page.loaded)
    return page
