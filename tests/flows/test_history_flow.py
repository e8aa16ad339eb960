"""Across screens: what is ticked on Today shows in the calendar, and a forgotten day logged in
the calendar stays after a restart."""

from datetime import date

from PySide6.QtCore import Qt

from tests.store.test_infer import csv_rows, write_csv
from tests.ui.calendar.helpers import TODAY, click, click_day, show_calendar
from tests.ui.conftest import box_named, import_through_menu


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


def test_an_import_ahead_of_the_settings_offers_its_level_and_today_follows(
    qtbot, open_window, monkeypatch, tmp_path
):
    """Bug 2: after importing history that ends at 3 x 12 green, Today offered 2 x 10 yellow."""
    window = open_window()
    rows = csv_rows(date(2026, 11, 2), 2, 10, "yellow") + csv_rows(
        date(2026, 11, 20), 3, 12, "green"
    )
    import_through_menu(qtbot, window, monkeypatch, write_csv(tmp_path, rows))
    offer = window.level_offer
    qtbot.waitUntil(offer.isVisible)
    assert "3 \N{MULTIPLICATION SIGN} 12 with the green band" in offer.text()
    assert window.today.cards[0].prescription_label.text().startswith("2 ")
    click(qtbot, offer.accept_button)
    qtbot.waitUntil(lambda: window.today.cards[0].prescription_label.text().startswith("3 "))
    assert not offer.isVisible()
    assert "12" in window.today.cards[0].prescription_label.text()


def test_edit_undo_brings_back_a_day_deleted_in_the_calendar(qtbot, open_window):
    from PySide6.QtWidgets import QMessageBox

    from bandtracker.store import sessions
    from tests.ui.conftest import handle_next_modal

    window = open_window()
    page = show_calendar(qtbot, window)
    forgotten = date(2026, 11, 20)
    click_day(qtbot, page, forgotten)
    click(qtbot, page.panel.backfill.log_button)
    undo = window.menu_actions.undo
    assert undo.text() == "&Undo Logging of Friday 20 November"
    handle_next_modal(qtbot, [], QMessageBox.StandardButton.Yes)
    click(qtbot, page.panel.delete_button)
    assert not sessions.load_day(forgotten).recorded
    assert undo.text() == "&Undo Deletion of Friday 20 November"
    # Backspace belongs to Today; on the calendar only Ctrl+Z undoes.
    assert all(k.toString() != "Backspace" for k in undo.shortcuts())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(page.calendar, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sessions.load_day(forgotten).done_count == 30
    assert page.panel.summary.text() == "Complete: 30 of 30 sets"
