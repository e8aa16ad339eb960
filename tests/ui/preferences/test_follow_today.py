"""Bug 1: Preferences never rewrite a session under way unless the user says so."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from bandtracker.state import AppState
from bandtracker.store import sessions
from bandtracker.ui.preferences.dialog import PreferencesDialog
from bandtracker.ui.progress.page import ProgressPage
from tests.ui.calendar.helpers import TODAY, open_calendar, shown
from tests.ui.conftest import handle_next_modal


def open_dialog(qtbot, state: AppState) -> PreferencesDialog:
    dialog = PreferencesDialog(state)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def three_by_twelve_green(qtbot, dialog: PreferencesDialog) -> None:
    """3 sets of 12 with the green band, and the clam shell with the blue one."""
    dialog.sets_spin.setValue(3)
    dialog.reps_spin.setValue(12)
    dialog.band_combo.setCurrentIndex(dialog.band_combo.findText("green"))
    clam = dialog.exercise_list.findItems("Clam shell", Qt.MatchFlag.MatchStartsWith)[0]
    dialog.exercise_list.setCurrentItem(clam)
    dialog.ex_band.setCurrentIndex(dialog.ex_band.findText("blue"))


def press_ok(qtbot, dialog: PreferencesDialog) -> None:
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_a_finished_session_stays_finished_after_new_preferences(qtbot, db, clock):
    state = AppState(clock)
    for key in state.today.slots():
        state.set_done(key, True)
    page = open_calendar(qtbot, state)
    dialog = open_dialog(qtbot, state)
    three_by_twelve_green(qtbot, dialog)
    seen: list = []
    handle_next_modal(qtbot, seen)  # the default answer: keep today as it is
    press_ok(qtbot, dialog)

    assert "not yet done today" in seen[1]
    assert state.today.complete and state.today.done_count == 30
    assert page.panel.summary.text() == "Complete: 30 of 30 sets"
    assert "2/2</td><td style='padding-left:12px'>10 reps \N{MIDDLE DOT} yellow band" in (
        page.panel.exercises.text()
    )
    assert "green" not in page.panel.exercises.text()
    assert state.settings.default_sets == 3  # from the next session
    progress = shown(qtbot, ProgressPage(state))
    progress.show_exercise("clam-shell")
    assert [(p.band, p.sets, p.reps) for p in progress.chart.points] == [("yellow", 2, 10)]
    tomorrow = state.current_plan()
    assert {p.prescription.sets for p in tomorrow} == {3}
    assert next(p for p in tomorrow if p.exercise.slug == "clam-shell").prescription.band == "blue"


def test_when_asked_the_sets_not_yet_done_follow_and_done_ones_keep_their_own(qtbot, db, clock):
    state = AppState(clock)
    for key in state.today.slots()[:4]:  # forward walking 1-2, backward walking 1-2
        state.set_done(key, True)
    page = open_calendar(qtbot, state)
    dialog = open_dialog(qtbot, state)
    three_by_twelve_green(qtbot, dialog)
    seen: list = []
    handle_next_modal(qtbot, seen, QMessageBox.StandardButton.Yes)
    press_ok(qtbot, dialog)

    assert state.today.total == 45 and state.today.done_count == 4
    assert page.panel.summary.text().endswith("4 of 45 sets")
    rows = page.panel.exercises.text()
    assert "2/3</td><td style='padding-left:12px'>10 reps \N{MIDDLE DOT} yellow band" in rows
    assert "0/3</td><td style='padding-left:12px'>12 reps \N{MIDDLE DOT} green band" in rows
    stored = sessions.load_day(TODAY)
    assert {(r.reps, r.band) for r in stored.records.values()} == {(10, "yellow")}


def test_nothing_is_asked_when_today_has_no_sets(qtbot, db, clock):
    state = AppState(clock)
    dialog = open_dialog(qtbot, state)
    three_by_twelve_green(qtbot, dialog)
    press_ok(qtbot, dialog)  # no question box: this would hang waiting for an answer
    assert state.today.total == 45 and not state.today.recorded
