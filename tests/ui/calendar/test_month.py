"""The month grid as a screen reader meets it: each chosen day described, the arrows named."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QTableView, QToolButton

from bandtracker.state import AppState
from tests.ui.calendar.helpers import click_day, open_calendar, seed


def test_the_chosen_day_is_said_with_its_date_and_how_it_went(qtbot, db, clock):
    seed({date(2026, 11, 10): 15, date(2026, 11, 12): 30, date(2026, 11, 13): 4})
    page = open_calendar(qtbot, AppState(clock))
    calendar = page.calendar
    grid = calendar.findChild(QTableView, "qt_calendar_calendarview")
    click_day(qtbot, page, date(2026, 11, 12))
    assert calendar.last_announcement == "Thursday 12 November, Complete: 30 of 30 sets"
    assert grid.accessibleDescription() == "Thursday 12 November, Complete: 30 of 30 sets"
    qtbot.keyClick(grid, Qt.Key.Key_Right)  # the next day, by keyboard
    assert (
        calendar.last_announcement
        == "Friday 13 November, Partial, fewer than half the sets: does not count: 4 of 30 sets"
    )
    for _ in range(3):
        qtbot.keyClick(grid, Qt.Key.Key_Left)
    assert (
        calendar.last_announcement
        == "Tuesday 10 November, Partial, counts toward the week: 15 of 30 sets"
    )
    click_day(qtbot, page, date(2026, 11, 24))
    assert calendar.last_announcement == "Tuesday 24 November, No session logged, today"


def test_the_month_arrows_and_the_year_have_names(qtbot, db, clock):
    calendar = open_calendar(qtbot, AppState(clock)).calendar
    for name, said in (
        ("qt_calendar_prevmonth", "Previous month"),
        ("qt_calendar_nextmonth", "Next month"),
    ):
        arrow = calendar.findChild(QToolButton, name)
        assert QAccessible.queryAccessibleInterface(arrow).text(QAccessible.Text.Name) == said
        assert arrow.toolTip() == said


def test_a_day_changing_under_the_selection_is_described_anew_not_announced(qtbot, db, clock):
    from bandtracker.ui.calendar.page import CalendarPage

    state = AppState(clock)
    page = CalendarPage(state)  # built out of sight, as after the first paint
    qtbot.addWidget(page)
    page.load()
    calendar = page.calendar
    grid = calendar.findChild(QTableView, "qt_calendar_calendarview")
    assert grid.accessibleDescription() == "Tuesday 24 November, No session logged, today"
    calendar.setSelectedDate(calendar.selectedDate().addDays(-1))  # moved while hidden
    assert calendar.last_announcement == ""  # nothing said of a page nobody is looking at
    calendar.setSelectedDate(calendar.selectedDate().addDays(1))
    assert state.set_done(state.today.plan[0].slots()[0], True)  # a tick on Today
    assert (
        grid.accessibleDescription()
        == "Tuesday 24 November, Partial, fewer than half the sets: does not count: "
        "1 of 30 sets, today"
    )
