from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QListWidget, QMenu, QMessageBox

from bandtracker.domain.prescription import SetKey, Side
from bandtracker.store import sessions
from bandtracker.store.db import database
from bandtracker.ui.preferences.dialog import PreferencesDialog
from tests.ui.conftest import box_named, handle_next_modal

TODAY = date(2026, 11, 24)


def open_dialog(qtbot, window) -> PreferencesDialog:
    window.menu_actions.preferences.trigger()
    dialog = window.preferences_dialog
    qtbot.waitExposed(dialog)
    return dialog


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def click_row(qtbot, listing: QListWidget, text: str) -> None:
    item = listing.findItems(text, Qt.MatchFlag.MatchStartsWith)[0]
    rect = listing.visualItemRect(item)
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert listing.currentItem() is item


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    combo.setCurrentIndex(index)


def ok(qtbot, window, dialog) -> None:
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.ok_button)


def snapshot_tables() -> list[tuple]:
    rows = []
    for table in ("setting", "band", "session", "session_exercise", "completed_set"):
        rows += [(table, *r) for r in database.execute_sql(f"SELECT * FROM {table}").fetchall()]
    return sorted(rows, key=repr)


def test_preferences_sit_in_the_edit_menu_with_the_standard_shortcut(window):
    action = window.menu_actions.preferences
    assert action in window.findChild(QMenu, "menuEdit").actions()
    keys = action.shortcuts()
    assert QKeySequence("Ctrl+,") in keys
    for standard in QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences):
        assert standard in keys


def test_the_shortcut_opens_the_dialog(qtbot, window):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(window, "preferences_dialog", None) is not None)
    dialog = window.preferences_dialog
    qtbot.waitExposed(dialog)
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))


def test_more_sets_add_check_boxes_on_today(qtbot, window):
    assert len(window.findChildren(QCheckBox)) == 30
    dialog = open_dialog(qtbot, window)
    dialog.sets_spin.setFocus()
    qtbot.keyClick(dialog.sets_spin, Qt.Key.Key_Up)
    assert dialog.sets_spin.value() == 3
    ok(qtbot, window, dialog)
    assert window.today.progress_label.text() == "0 of 45 sets"
    box_named(window, "Glute bridge with pulse-outs, set 3")
    box_named(window, "Clam shell, set 3, left side")


def test_a_per_exercise_band_shows_on_its_card(qtbot, window):
    dialog = open_dialog(qtbot, window)
    click_row(qtbot, dialog.exercise_list, "Clam shell")
    choose(dialog.ex_band, "green")
    dialog.ex_sets.setValue(4)
    ok(qtbot, window, dialog)
    cards = {c.planned.exercise.slug: c for c in window.today.cards}
    assert "Green band" in cards["clam-shell"].band_label.text()
    assert cards["clam-shell"].prescription_label.text().startswith("4 \N{MULTIPLICATION SIGN} 10")
    assert "Yellow band" in cards["donkey-kick"].band_label.text()


def test_invalid_values_cannot_be_entered(qtbot, window):
    dialog = open_dialog(qtbot, window)
    dialog.sets_spin.selectAll()
    qtbot.keyClicks(dialog.sets_spin, "9")
    assert dialog.sets_spin.value() <= 5
    dialog.reps_spin.selectAll()
    qtbot.keyClicks(dialog.reps_spin, "99")
    assert 5 <= dialog.reps_spin.value() <= 30

    dialog.tabs.setCurrentIndex(1)
    click_row(qtbot, dialog.band_list, "green")
    dialog.band_name.selectAll()
    qtbot.keyClicks(dialog.band_name, "Yellow")
    assert not dialog.ok_button.isEnabled()
    assert "Two bands are called" in dialog.problem_label.text()
    dialog.band_name.selectAll()
    qtbot.keyClick(dialog.band_name, Qt.Key.Key_Delete)
    assert not dialog.ok_button.isEnabled()
    assert "needs a name" in dialog.problem_label.text()
    qtbot.keyClicks(dialog.band_name, "lime")
    assert dialog.ok_button.isEnabled()

    # The routine's own band cannot be hidden or removed while it is in use.
    click_row(qtbot, dialog.band_list, "yellow")
    assert not dialog.band_hidden.isEnabled()
    assert not dialog.remove_band_button.isEnabled()
    dialog.tabs.setCurrentIndex(0)
    for row in range(dialog.exercise_list.count()):
        dialog.exercise_list.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.ok_button.isEnabled()
    assert "at least one exercise" in dialog.problem_label.text()


def test_cancel_leaves_the_database_unchanged(qtbot, window):
    click(qtbot, box_named(window, "Donkey kick, set 1, right side"))
    before = snapshot_tables()
    dialog = open_dialog(qtbot, window)
    dialog.sets_spin.setValue(5)
    dialog.target_spin.setValue(6)
    click_row(qtbot, dialog.exercise_list, "Forward walking")
    dialog.exercise_list.currentItem().setCheckState(Qt.CheckState.Unchecked)
    dialog.tabs.setCurrentIndex(1)
    click(qtbot, dialog.add_band_button)
    with qtbot.waitSignal(dialog.rejected):
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))
    assert snapshot_tables() == before
    assert window.today.progress_label.text() == "1 of 30 sets"


def test_bands_are_added_renamed_reordered_and_used(qtbot, window):
    dialog = open_dialog(qtbot, window)
    dialog.tabs.setCurrentIndex(1)
    click(qtbot, dialog.add_band_button)
    dialog.band_name.selectAll()
    qtbot.keyClicks(dialog.band_name, "green + yellow")
    dialog.set_band_colour("#88aa22")
    for _ in range(2):
        click(qtbot, dialog.lighter_button)  # above blue and black
    click_row(qtbot, dialog.band_list, "black")
    click(qtbot, dialog.remove_band_button)  # never used: it can go
    dialog.tabs.setCurrentIndex(0)
    choose(dialog.band_combo, "green + yellow")
    ok(qtbot, window, dialog)

    again = open_dialog(qtbot, window)
    names = [again.band_list.item(i).text() for i in range(again.band_list.count())]
    assert [n.split(" \N{EM DASH}")[0] for n in names] == [
        "yellow", "green", "green + yellow", "blue",
    ]  # fmt: skip
    assert again.band_combo.currentText() == "green + yellow"
    click(qtbot, again.buttons.button(again.buttons.StandardButton.Cancel))
    assert "Green + yellow band" in window.today.cards[0].band_label.text()


def test_today_follows_when_asked_keeping_ticks_and_leaving_the_past(qtbot, window, clock):
    past = date(2026, 11, 20)
    sessions.tick(past, SetKey("forward-walk", 1), clock())
    click(qtbot, box_named(window, "Side stepping, set 2, right side"))
    click(qtbot, box_named(window, "Forward walking, set 1"))
    dialog = open_dialog(qtbot, window)
    dialog.sets_spin.setValue(1)
    click_row(qtbot, dialog.exercise_list, "Donkey kick")
    dialog.exercise_list.currentItem().setCheckState(Qt.CheckState.Unchecked)
    click(qtbot, dialog.up_button)  # and move it; it is off anyway
    click_row(qtbot, dialog.exercise_list, "Glute bridge")
    for _ in range(8):
        click(qtbot, dialog.up_button)
    seen: list = []
    handle_next_modal(qtbot, seen, QMessageBox.StandardButton.Yes)  # today's sets follow
    ok(qtbot, window, dialog)
    assert "not yet done today" in seen[1]

    page = window.today
    slugs = [c.planned.exercise.slug for c in page.cards]
    assert slugs[0] == "glute-bridge" and "donkey-kick" not in slugs
    # Lowered to one set: the tick on set 2 stays, shown as an extra box.
    assert box_named(window, "Side stepping, set 2, right side").isChecked()
    assert box_named(window, "Forward walking, set 1").isChecked()
    assert sessions.load_day(TODAY).done == {
        SetKey("side-step", 2, Side.RIGHT), SetKey("forward-walk", 1),
    }  # fmt: skip
    assert {p.prescription.sets for p in sessions.load_day(past).plan} == {2}
    assert len(sessions.load_day(past).plan) == 9


def test_a_later_rollover_hour_is_saved_and_shown_again(qtbot, window):
    dialog = open_dialog(qtbot, window)
    dialog.tabs.setCurrentIndex(2)
    dialog.rollover_combo.setCurrentIndex(dialog.rollover_combo.findData(6))
    dialog.week_start_combo.setCurrentIndex(dialog.week_start_combo.findData(7))
    ok(qtbot, window, dialog)
    again = open_dialog(qtbot, window)
    assert again.rollover_combo.currentData() == 6
    assert again.week_start_combo.currentData() == 7
    assert again.target_spin.value() == 2  # the source's "two to three times a week"
    again.reject()


def test_renaming_a_band_keeps_the_exercises_that_use_it(qtbot, window):
    dialog = open_dialog(qtbot, window)
    click_row(qtbot, dialog.exercise_list, "Donkey kick")
    choose(dialog.ex_band, "blue")
    dialog.tabs.setCurrentIndex(1)
    click_row(qtbot, dialog.band_list, "blue")
    assert not dialog.band_hidden.isEnabled()  # donkey kicks use it now
    dialog.band_name.selectAll()
    qtbot.keyClicks(dialog.band_name, "navy")
    dialog.tabs.setCurrentIndex(0)
    click_row(qtbot, dialog.exercise_list, "Donkey kick")
    assert dialog.ex_band.currentText() == "navy"
    ok(qtbot, window, dialog)
    card = next(c for c in window.today.cards if c.planned.exercise.slug == "donkey-kick")
    assert "Navy band" in card.band_label.text()


def test_a_failed_save_says_why_and_keeps_the_dialog_open(qtbot, window):
    from tests.ui.conftest import handle_next_modal

    before = snapshot_tables()
    dialog = open_dialog(qtbot, window)
    dialog.sets_spin.setValue(4)
    database.execute_sql("PRAGMA query_only = 1")  # the store can no longer write
    seen: list = []
    handle_next_modal(qtbot, seen)
    click(qtbot, dialog.ok_button)
    database.execute_sql("PRAGMA query_only = 0")
    assert any("Could not save your preferences" in str(s) for s in seen)
    assert dialog.isVisible() and dialog.sets_spin.value() == 4
    assert snapshot_tables() == before
    ok(qtbot, window, dialog)  # once writing works again, the same OK saves
    assert window.today.progress_label.text() == "0 of 60 sets"
