"""Across screens: what is ticked on Today shows in the calendar, and a forgotten day logged in
the calendar stays after a restart."""

from datetime import date

from PySide6.QtCore import Qt

from tests.ui.calendar.helpers import TODAY, click, click_day, show_calendar
from tests.ui.conftest import box_named


def test_a_tick_on_today_and_a_backfilled_day_show_in_the_calendar_and_last(qtbot, open_window):
    window = open_window()
    box = box_named(window, "Donkey kick, set 1, right side")
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert box.isChecked()
    page = show_calendar(qtbot, window)
    qtbot.waitUntil(lambda: TODAY in page.calendar.tallies)
    assert page.calendar.tallies[TODAY].done == 1
    assert page.panel.summary.text().endswith("1 of 30 sets")

    forgotten = date(2026, 11, 20)
    click_day(qtbot, page, forgotten)
    click(qtbot, page.panel.backfill.log_button)
    assert page.panel.summary.text() == "Complete: 30 of 30 sets"
    assert page.week_label.text() == "This week: 0 of 2"  # the 20th was last week
    window.close()

    again = open_window()
    page = show_calendar(qtbot, again)
    assert page.calendar.tallies[forgotten].complete
    assert page.calendar.tallies[TODAY].done == 1
