from datetime import date, datetime, timedelta

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QMessageBox,
    QTableView,
    QToolButton,
    QToolTip,
)

from bandtracker.domain.weeks import DayKind
from bandtracker.store import history, sessions
from bandtracker.store.db import close_database, open_database
from bandtracker.ui.calendar.page import CalendarPage
from bandtracker.ui.today.page import long_date
from tests.conftest import TZ
from tests.ui.conftest import handle_next_modal

TODAY = date(2026, 11, 24)  # a Tuesday; the clock fixture stands at 18:30 that day


def log_day(day: date, n_sets: int) -> None:
    keys = sessions.load_day(day).slots()[:n_sets]
    start = datetime(day.year, day.month, day.day, 18, 0, tzinfo=TZ)
    for i, key in enumerate(keys):
        sessions.tick(day, key, start + timedelta(minutes=i))


def seeded(data_dir, days: dict[date, int], week_start: int = 1) -> None:
    """Write history before the window opens, as an earlier run of the app would have."""
    open_database(data_dir)
    history.set_week_start(week_start)
    for day, n in days.items():
        log_day(day, n)
    close_database()


def show_calendar(qtbot, window) -> CalendarPage:
    qtbot.mouseClick(
        window.pages.tabBar(),
        Qt.MouseButton.LeftButton,
        pos=window.pages.tabBar().tabRect(1).center(),
    )
    page = window.calendar
    qtbot.waitUntil(lambda: page.isVisible() and page.loaded)
    return page


def click_day(qtbot, page: CalendarPage, day: date) -> None:
    """Go to the day's month with the arrow buttons and click its cell, as a user would."""
    calendar = page.calendar
    forward = calendar.findChild(QToolButton, "qt_calendar_nextmonth")
    back = calendar.findChild(QToolButton, "qt_calendar_prevmonth")
    while (calendar.yearShown(), calendar.monthShown()) != (day.year, day.month):
        later = (day.year, day.month) > (calendar.yearShown(), calendar.monthShown())
        qtbot.mouseClick(forward if later else back, Qt.MouseButton.LeftButton)
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


def editor_box(page: CalendarPage, name: str) -> QCheckBox:
    matches = [b for b in page.editor.findChildren(QCheckBox) if b.accessibleName() == name]
    assert len(matches) == 1
    return matches[0]


def test_clicking_a_marked_day_shows_its_session(qtbot, open_window, data_dir):
    seeded(data_dir, {date(2026, 11, 10): 15, date(2026, 11, 12): 30, date(2026, 10, 20): 4})
    window = open_window()
    page = show_calendar(qtbot, window)
    assert page.calendar.tallies[date(2026, 11, 10)].kind is DayKind.COUNTED
    assert page.calendar.tallies[date(2026, 11, 12)].kind is DayKind.COMPLETE

    click_day(qtbot, page, date(2026, 11, 10))
    panel = page.panel
    assert "10" in panel.title.text() and "November" in panel.title.text()
    assert panel.summary.text() == "Partial, counts toward the week: 15 of 30 sets"
    assert "Forward walking" in panel.exercises.text()
    assert "right 2/2, left 2/2" in panel.exercises.text()
    assert "yellow band" in panel.exercises.text()
    assert "18:00" in panel.times.text() or "6:00" in panel.times.text()
    assert "(14 min)" in panel.times.text()

    click_day(qtbot, page, date(2026, 10, 20))  # the previous month, through the arrow button
    assert page.calendar.monthShown() == 10
    assert page.calendar.tallies[date(2026, 10, 20)].kind is DayKind.PARTIAL
    assert panel.summary.text().startswith("Partial, fewer than half")


def test_an_empty_day_offers_backfill_and_the_backfill_is_kept(qtbot, open_window, data_dir):
    window = open_window()
    page = show_calendar(qtbot, window)
    day = date(2026, 11, 12)
    click_day(qtbot, page, day)
    assert page.panel.summary.text() == "No session logged on this day."
    assert page.panel.edit_button.text() == "&Log This Day"

    qtbot.mouseClick(page.panel.edit_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentIndex() == 1
    assert page.editor.title.text() == "Editing a past day"
    assert "12" in page.editor.date_label.text()
    box = editor_box(page, "Clam shell, set 1, left side")
    with qtbot.waitSignal(page.editor.set_saved):  # what follows a tick comes just after it
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert box.isChecked()
    assert window.today.day == TODAY and window.today.view.done_count == 0  # today untouched

    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentIndex() == 0
    assert page.panel.summary.text().endswith("1 of 30 sets")
    assert page.panel.times.text().startswith("Logged later, on ")  # not a made-up workout time
    assert "24" in page.panel.times.text()
    assert page.calendar.tallies[day].done == 1
    assert page.heatmap.counts[day] == 1
    window.close()

    reopened = open_window()
    page = show_calendar(qtbot, reopened)
    click_day(qtbot, page, day)
    assert page.panel.summary.text().endswith("1 of 30 sets")


def test_deleting_asks_first_and_can_be_undone(qtbot, open_window, data_dir):
    day = date(2026, 11, 18)
    seeded(data_dir, {day: 30, date(2026, 11, 16): 30, date(2026, 11, 20): 30})
    window = open_window()
    page = show_calendar(qtbot, window)
    assert page.week_label.text() == "This week: 0 of 3"
    assert "Best: 1 week" in page.streak_label.text()
    click_day(qtbot, page, day)

    seen: list = []
    handle_next_modal(qtbot, seen, QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(page.panel.delete_button, Qt.MouseButton.LeftButton)
    assert "18 November 2026" in seen[1] or "November 18" in seen[1]
    assert sessions.load_day(day).recorded  # cancelled: nothing deleted

    handle_next_modal(qtbot, seen, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.panel.delete_button, Qt.MouseButton.LeftButton)
    assert not sessions.load_day(day).recorded
    assert page.panel.summary.text() == "No session logged on this day."
    assert day not in page.calendar.tallies
    assert "Best: 0 weeks" in page.streak_label.text()
    assert page.message_bar.isVisible() and page.undo_button.isVisible()

    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert sessions.load_day(day).done_count == 30
    assert page.panel.summary.text() == "Complete: 30 of 30 sets"
    assert page.calendar.tallies[day].complete
    assert "Best: 1 week" in page.streak_label.text()
    assert not page.undo_button.isVisible()

    # The standard Undo shortcut works too.
    handle_next_modal(qtbot, seen, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.panel.delete_button, Qt.MouseButton.LeftButton)
    assert not sessions.load_day(day).recorded
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.calendar.setFocus()
    qtbot.keyClick(page.calendar, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sessions.load_day(day).done_count == 30


def test_weekly_count_and_streaks_with_a_rest_week(qtbot, open_window, data_dir):
    history_days = {
        # Oct 26 - Nov 1: two sessions, target missed.
        date(2026, 10, 27): 30,
        date(2026, 10, 29): 30,
        # Nov 2-8: three sessions (one at exactly half), target met.
        date(2026, 11, 2): 30,
        date(2026, 11, 4): 15,
        date(2026, 11, 6): 30,
        # Nov 9-15: nothing (a holiday, marked below as a rest week).
        # Nov 16-22: three sessions plus one under half, which does not count.
        date(2026, 11, 16): 30,
        date(2026, 11, 18): 30,
        date(2026, 11, 19): 3,
        date(2026, 11, 21): 20,
        # This week (Nov 23-29): one session, and 14 of 30 sets today.
        date(2026, 11, 23): 30,
        TODAY: 14,
    }
    seeded(data_dir, history_days)
    window = open_window()

    def today_week_text() -> str | None:
        label = window.today.findChild(type(window.today.title), "todayWeekLabel")
        return None if label is None else label.text()

    # The weekly count arrives just after the first paint, with the pages built behind Today.
    qtbot.waitUntil(lambda: today_week_text() == "This week: 1 of 3")
    page = show_calendar(qtbot, window)
    assert page.week_label.text() == "This week: 1 of 3"
    assert page.streak_label.text() == "Current streak: 1 week \N{MIDDLE DOT} Best: 1 week"

    click_day(qtbot, page, date(2026, 11, 11))
    qtbot.mouseClick(page.rest_box, Qt.MouseButton.LeftButton)
    assert page.rest_box.isChecked()
    assert history.rest_days() == [date(2026, 11, 9)]
    assert page.streak_label.text() == "Current streak: 2 weeks \N{MIDDLE DOT} Best: 2 weeks"

    # One more set today reaches half: the day now counts, on both pages at once.
    window.pages.setCurrentIndex(0)
    box = [
        b
        for b in window.today.findChildren(QCheckBox)
        if not b.isChecked() and b.accessibleName().startswith("Glute bridge")
    ][0]
    with qtbot.waitSignal(window.today.set_saved):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    label = window.today.findChild(type(window.today.title), "todayWeekLabel")
    assert label.text() == "This week: 2 of 3"
    assert page.week_label.text() == "This week: 2 of 3"

    # Clearing the rest week breaks the run again.
    window.pages.setCurrentIndex(1)
    click_day(qtbot, page, date(2026, 11, 12))
    assert page.rest_box.isChecked()
    qtbot.mouseClick(page.rest_box, Qt.MouseButton.LeftButton)
    assert page.streak_label.text() == "Current streak: 1 week \N{MIDDLE DOT} Best: 1 week"


def test_months_with_no_data(qtbot, window):
    page = show_calendar(qtbot, window)
    assert page.calendar.tallies == {}
    assert page.heatmap.counts == {}
    assert page.week_label.text() == "This week: 0 of 3"
    assert page.streak_label.text() == "Current streak: 0 weeks \N{MIDDLE DOT} Best: 0 weeks"
    click_day(qtbot, page, date(2026, 8, 3))
    assert page.calendar.monthShown() == 8
    assert page.calendar.tallies == {}
    assert page.panel.summary.text() == "No session logged on this day."
    # Days after today cannot be picked.
    assert page.calendar.maximumDate().toPython() == TODAY


def test_the_heatmap_shows_counts_on_hover_and_opens_a_day_on_click(qtbot, open_window, data_dir):
    day = date(2026, 3, 3)
    seeded(data_dir, {day: 12})
    window = open_window()
    page = show_calendar(qtbot, window)
    heatmap = page.heatmap
    assert heatmap.counts == {day: 12}
    centre = heatmap.cell_rect(day).center()
    assert heatmap.day_at(centre) == day
    QApplication.sendEvent(
        heatmap, QHelpEvent(QEvent.Type.ToolTip, centre, heatmap.mapToGlobal(centre))
    )
    assert QToolTip.text().endswith(": 12 sets") and "2026" in QToolTip.text()
    qtbot.mouseClick(heatmap, Qt.MouseButton.LeftButton, pos=centre)
    assert page.calendar.selectedDate().toPython() == day
    assert page.calendar.monthShown() == 3
    assert page.panel.summary.text().endswith("12 of 30 sets")
    assert heatmap.day_at(QPoint(1, 1)) is None


def test_the_heatmap_works_from_the_keyboard(qtbot, open_window, data_dir):
    seeded(data_dir, {date(2026, 11, 17): 30})
    window = open_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = show_calendar(qtbot, window)
    heatmap = page.heatmap
    heatmap.setFocus()
    assert heatmap.cursor_day == TODAY
    qtbot.keyClick(heatmap, Qt.Key.Key_Left)  # a week back
    assert heatmap.cursor_day == date(2026, 11, 17)
    assert heatmap.accessibleDescription().endswith(": 30 sets")
    qtbot.keyClick(heatmap, Qt.Key.Key_Right)
    qtbot.keyClick(heatmap, Qt.Key.Key_Right)  # nothing after today
    assert heatmap.cursor_day == TODAY
    qtbot.keyClick(heatmap, Qt.Key.Key_Up)
    qtbot.keyClick(heatmap, Qt.Key.Key_Return)
    assert page.calendar.selectedDate().toPython() == date(2026, 11, 23)


def test_enter_opens_a_day_and_escape_returns(qtbot, open_window, data_dir):
    window = open_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = show_calendar(qtbot, window)
    click_day(qtbot, page, date(2026, 11, 19))
    view = page.calendar.findChild(QTableView)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert page.stack.currentIndex() == 1
    assert "19" in page.editor.date_label.text()
    qtbot.keyClick(page.back_button, Qt.Key.Key_Escape)
    assert page.stack.currentIndex() == 0


def test_today_opens_the_today_page_and_deleting_it_clears_that_page(qtbot, window):
    today_box = [
        b
        for b in window.today.findChildren(QCheckBox)
        if b.accessibleName() == "Donkey kick, set 1, right side"
    ][0]
    qtbot.mouseClick(today_box, Qt.MouseButton.LeftButton, pos=today_box.rect().center())
    page = show_calendar(qtbot, window)
    assert page.calendar.tallies[TODAY].done == 1  # the tick on Today shows at once
    click_day(qtbot, page, TODAY)
    assert page.panel.edit_button.text() == "&Open Today"

    seen: list = []
    handle_next_modal(qtbot, seen, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.panel.delete_button, Qt.MouseButton.LeftButton)
    assert window.today.progress_label.text() == "0 of 30 sets"
    assert not window.today.box(window.today.cards[6].planned.slots()[0]).isChecked()
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert window.today.progress_label.text() == "1 of 30 sets"

    qtbot.mouseClick(page.panel.edit_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.today


def test_the_calendar_follows_the_rollover_and_a_new_week_start(
    qtbot, open_window, data_dir, clock
):
    seeded(data_dir, {date(2026, 11, 22): 30, date(2026, 11, 23): 30})  # Sunday, Monday
    window = open_window()
    page = show_calendar(qtbot, window)
    assert page.week_label.text() == "This week: 1 of 3"  # weeks from Monday
    history.set_week_start(7)  # as the Preferences dialog would, then asks for a refresh
    page.refresh()
    assert page.calendar.firstDayOfWeek() == Qt.DayOfWeek.Sunday
    assert page.week_label.text() == "This week: 2 of 3"

    clock.now = clock.now.replace(day=25, hour=3, minute=50)
    window.day_timer.timeout.emit()
    assert page.calendar.today == TODAY  # before the rollover hour it is still the 24th
    clock.advance(minutes=30)
    window.day_timer.timeout.emit()
    assert page.calendar.today == date(2026, 11, 25)
    assert page.calendar.maximumDate().toPython() == date(2026, 11, 25)


def test_the_calendar_starts_on_the_apps_workout_day_not_the_computers_date(
    qtbot, open_window, clock
):
    # Later than any real date this test runs on, so the computer's date would be wrong;
    # before 4:00, so the workout day is still the 9th.
    clock.now = clock.now.replace(year=2099, month=3, day=10, hour=2)
    window = open_window()
    window.pages.setCurrentWidget(window.calendar_tab)
    page = window.calendar
    qtbot.waitUntil(lambda: page.loaded)
    assert page.calendar.selectedDate().toPython() == date(2099, 3, 9)
    assert page.panel.title.text() == long_date(date(2099, 3, 9))
