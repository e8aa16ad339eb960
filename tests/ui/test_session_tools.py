"""Running a session from the keyboard: Space, undo, the timers and the note (issue 7)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCloseEvent, QPalette
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from bandtracker.domain.prescription import SetKey, Side
from bandtracker.domain.session_prefs import SessionPrefs
from bandtracker.store import history, session_log, sessions
from bandtracker.ui.appearance import apply_colour_scheme
from tests.conftest import TZ
from tests.ui.conftest import box_named

TODAY = date(2026, 11, 24)
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def system_colours():
    """A test that picks dark or light colours must not leave them to the next test."""
    yield
    apply_colour_scheme("system")


class WindowManagerClose(QCloseEvent):
    """The close a title bar's button sends (Qt marks those spontaneous)."""

    def spontaneous(self) -> bool:
        return True


def active(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    for _ in range(times):
        target = QApplication.focusWidget() or window
        qtbot.keyClick(target, key, modifier)


def done() -> frozenset[SetKey]:
    return sessions.load_day(TODAY).done


def save_prefs(window, prefs: SessionPrefs) -> None:
    """As the Preferences dialog saves them: through the store, then the state is told."""
    session_log.save_session_prefs(prefs)
    window.state.settings_saved()


def set_rest(window, seconds: int) -> None:
    save_prefs(window, SessionPrefs(rest_seconds=seconds))


def test_space_ticks_the_next_set_in_routine_order_and_shows_it(qtbot, window):
    active(qtbot, window)
    window.resize(1024, 700)
    press(qtbot, window, Qt.Key.Key_Space, times=6)
    assert done() == {
        SetKey("forward-walk", 1),
        SetKey("forward-walk", 2),
        SetKey("backward-walk", 1),
        SetKey("backward-walk", 2),
        SetKey("side-step", 1, Side.RIGHT),
        SetKey("side-step", 1, Side.LEFT),
    }
    press(qtbot, window, Qt.Key.Key_Space)
    assert SetKey("side-step", 2, Side.RIGHT) in done()
    # Far down the page: the ticked box is scrolled into view and has the keyboard focus.
    for _ in range(16):
        press(qtbot, window, Qt.Key.Key_Space)
    last = box_named(window, "Donkey kick, set 2, right side")
    assert last.isChecked() and last.hasFocus()
    viewport = window.today.scroll_area.viewport()
    top_left = last.mapTo(viewport, QPoint(0, 0))
    assert viewport.rect().contains(top_left)
    assert window.today.progress_label.text() == "23 of 30 sets"


def test_space_after_a_mouse_tick_goes_on_in_order_and_skips_what_is_done(qtbot, window):
    active(qtbot, window)
    box = box_named(window, "Forward walking, set 2")
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    press(qtbot, window, Qt.Key.Key_Space, times=2)
    assert done() == {
        SetKey("forward-walk", 1),
        SetKey("forward-walk", 2),
        SetKey("backward-walk", 1),
    }


def test_space_on_a_focused_button_ticks_and_enter_presses_it_once(qtbot, window):
    """Tab can leave the focus on a button scrolled out of sight: Space still ticks the next
    set (issue 13), and Enter presses the focused button, once."""
    active(qtbot, window)
    cues = window.today.cards[0].cues_button
    cues.setFocus()
    press(qtbot, window, Qt.Key.Key_Space)
    assert done() == {SetKey("forward-walk", 1)}
    assert not cues.isChecked()
    cues.setFocus()
    toggles = []
    cues.toggled.connect(toggles.append)
    press(qtbot, window, Qt.Key.Key_Return)
    assert cues.isChecked() and toggles == [True]


def test_undo_takes_back_the_last_tick_and_says_which(qtbot, window):
    active(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Space, times=3)
    tools = window.session_tools
    assert tools.actions.undo.isEnabled()
    assert tools.actions.undo.text() == "&Undo Tick of Backward walking, set 1"
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert done() == {SetKey("forward-walk", 1), SetKey("forward-walk", 2)}
    assert not box_named(window, "Backward walking, set 1").isChecked()
    press(qtbot, window, Qt.Key.Key_Backspace)
    assert done() == {SetKey("forward-walk", 1)}
    tools.actions.undo.trigger()  # the Edit menu item
    assert done() == frozenset()
    assert not tools.actions.undo.isEnabled()
    assert tools.actions.undo.text() == "&Undo"


def test_undo_of_an_untick_ticks_the_set_again(qtbot, window):
    active(qtbot, window)
    box = box_named(window, "Clam shell, set 2, left side")
    for _ in range(2):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert (
        window.session_tools.actions.undo.text() == "&Undo Untick of Clam shell, set 2, left side"
    )
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert done() == {SetKey("clam-shell", 2, Side.LEFT)}
    assert box.isChecked()


def test_the_rest_timer_counts_down_never_blocks_and_can_be_skipped(qtbot, window, clock):
    set_rest(window, 30)
    active(qtbot, window)
    rest = window.session_tools.rest_timer
    assert rest.isHidden()
    press(qtbot, window, Qt.Key.Key_Space)
    assert rest.isVisible()
    assert rest.label.text() == "Rest 0:30"
    clock.advance(seconds=10)
    rest.timer.timeout.emit()
    assert rest.label.text() == "Rest 0:20"
    assert rest.bar.value() == 20
    # Ticking during the rest is fine and starts a fresh rest.
    press(qtbot, window, Qt.Key.Key_Space)
    assert len(done()) == 2
    assert rest.label.text() == "Rest 0:30"
    clock.advance(seconds=31)
    with qtbot.waitSignal(rest.rest_over):
        rest.timer.timeout.emit()
    assert "Rest over" in rest.label.text()
    assert rest.label.font().bold()
    assert not rest.timer.isActive()
    # The next set ticked straight away: a plain countdown again, not a bold one.
    press(qtbot, window, Qt.Key.Key_Space)
    assert rest.label.text() == "Rest 0:30" and not rest.label.font().bold()
    clock.advance(seconds=31)
    with qtbot.waitSignal(rest.rest_over):
        rest.timer.timeout.emit()
    qtbot.mouseClick(rest.skip_button, Qt.MouseButton.LeftButton)
    assert rest.isHidden()
    # The keyboard focus goes back to the sets, so Space goes on ticking.
    assert box_named(window, "Backward walking, set 1").hasFocus()

    press(qtbot, window, Qt.Key.Key_Space)
    assert rest.isVisible()
    press(qtbot, window, Qt.Key.Key_Escape)  # Skip Rest
    assert rest.isHidden()
    assert len(done()) == 4


def test_no_rest_timer_when_it_is_off(qtbot, window):
    set_rest(window, 0)
    active(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Space)
    assert window.session_tools.rest_timer.isHidden()


def test_the_session_timer_starts_at_the_first_set_and_stops_on_finish(qtbot, window, clock):
    active(qtbot, window)
    timer = window.session_tools.session_timer
    assert timer.label.text() == "Session: not started"
    assert not timer.finish_button.isEnabled()
    start = clock.now
    press(qtbot, window, Qt.Key.Key_Space)
    clock.advance(minutes=5, seconds=7)
    timer.timer.timeout.emit()
    assert timer.label.text() == "Session: 5:07"
    # The clock's label fits its text, so Finish sits right after it, not where "not
    # started" ended.
    label = timer.label
    assert label.width() <= label.fontMetrics().horizontalAdvance(label.text()) + 2
    qtbot.mouseClick(timer.finish_button, Qt.MouseButton.LeftButton)
    assert timer.label.text() == "This session took 5:07"
    state = session_log.session_state(TODAY)
    assert state.started_at == start
    assert state.finished_at == start.replace(minute=35, second=7)
    clock.advance(minutes=3)
    timer.timer.timeout.emit()
    assert timer.label.text() == "This session took 5:07"
    assert history.day_detail(sessions.load_day(TODAY)).duration.total_seconds() == 307


def test_the_session_ends_with_its_last_set_and_the_calendar_knows(qtbot, open_window, clock):
    window = active(qtbot, open_window())
    start = clock.now
    for _ in range(30):
        press(qtbot, window, Qt.Key.Key_Space)
        clock.advance(seconds=25)
    assert window.today.progress_label.text() == "30 of 30 sets"
    end = start.replace(minute=42, second=5)  # the 30th tick came after 29 steps of 25 s
    assert session_log.session_state(TODAY).finished_at == end
    assert window.session_tools.session_timer.label.text() == "This session took 12:05"
    assert window.session_tools.rest_timer.isHidden()  # nothing left to rest for
    window.close()
    reopened = open_window()
    assert reopened.session_tools.session_timer.label.text() == "This session took 12:05"


def test_a_session_left_running_ends_at_its_last_set_when_reopened_later(qtbot, open_window, clock):
    window = active(qtbot, open_window())
    start = clock.now
    press(qtbot, window, Qt.Key.Key_Space)
    clock.advance(minutes=4)
    press(qtbot, window, Qt.Key.Key_Space)  # two sets, then the user walks away unfinished
    window.close()
    clock.advance(minutes=20)
    again = open_window()  # back soon: the session is still on
    assert again.session_tools.session_timer.running
    again.close()
    clock.advance(hours=2)
    later = open_window()
    timer = later.session_tools.session_timer
    assert not timer.running
    assert timer.label.text() == "This session took 4:00"
    assert session_log.session_state(TODAY).finished_at == start.replace(minute=34)


def test_the_note_is_saved_as_you_type_and_survives_a_restart(qtbot, open_window):
    window = active(qtbot, open_window())
    notes = window.session_tools.notes
    notes.edit.setFocus()
    qtbot.keyClicks(notes.edit, "Left hip dropped")
    # Space and Backspace type into the note rather than ticking or undoing.
    press(qtbot, window, Qt.Key.Key_Backspace)
    assert done() == frozenset()
    assert notes.save_timer.isActive()
    with qtbot.waitSignal(notes.saved):
        notes.save_timer.timeout.emit()
    assert session_log.session_state(TODAY).note == "Left hip droppe"
    # A note alone does not start the session clock.
    assert session_log.session_state(TODAY).started_at is None
    qtbot.keyClicks(notes.edit, "d on set 2")
    window.close()  # before the save delay: closing saves what is pending

    reopened = open_window()
    assert reopened.session_tools.notes.edit.toPlainText() == "Left hip dropped on set 2"
    assert history.day_detail(sessions.load_day(TODAY)).note == "Left hip dropped on set 2"
    active(qtbot, reopened)
    reopened.today.setFocus()
    press(qtbot, reopened, Qt.Key.Key_Space)
    assert done() == {SetKey("forward-walk", 1)}
    assert session_log.session_state(TODAY).started_at is not None


def test_a_new_day_clears_undo_and_shows_its_own_note(qtbot, window, clock):
    active(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Space)
    window.session_tools.notes.edit.setPlainText("Tuesday")
    clock.advance(days=1)
    window.check_day()
    tools = window.session_tools
    assert not tools.actions.undo.isEnabled()
    assert tools.notes.edit.toPlainText() == ""
    assert tools.session_timer.label.text() == "Session: not started"
    assert session_log.session_state(TODAY).note == "Tuesday"


def test_page_shortcuts_switch_pages_and_space_is_left_alone_elsewhere(qtbot, window):
    active(qtbot, window)
    press(qtbot, window, Qt.Key.Key_2, CTRL)
    assert window.pages.currentWidget() is window.calendar_tab
    assert not window.session_tools.actions.tick_next.isEnabled()
    press(qtbot, window, Qt.Key.Key_3, CTRL)
    assert window.pages.currentWidget() is window.progress_tab
    press(qtbot, window, Qt.Key.Key_Space)
    assert done() == frozenset()
    press(qtbot, window, Qt.Key.Key_1, CTRL)
    assert window.pages.currentWidget() is window.today
    press(qtbot, window, Qt.Key.Key_Space)
    assert len(done()) == 1


def test_reminder_comes_once_when_the_session_has_not_started(qtbot, window, clock):
    # 2026-11-24 is a Tuesday (2); the clock stands at 18:30.
    save_prefs(
        window,
        SessionPrefs(reminder_days=frozenset({2}), reminder_time=datetime(1, 1, 1, 18, 0).time()),
    )
    tray = window.session_tools.tray
    tray.check_reminder()
    assert "not started" in tray.last_reminder
    if not tray.available:
        assert "not started" in window.statusBar().currentMessage()
    tray.last_reminder = ""
    tray.check_reminder()
    assert tray.last_reminder == ""  # once a day


def test_no_reminder_once_the_session_started(qtbot, window):
    save_prefs(
        window,
        SessionPrefs(reminder_days=frozenset({2}), reminder_time=datetime(1, 1, 1, 18, 0).time()),
    )
    active(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Space)
    window.session_tools.tray.check_reminder()
    assert window.session_tools.tray.last_reminder == ""


@pytest.mark.parametrize("mode", ["dark", "light", "system"])
def test_the_colour_scheme_menu_saves_the_choice(qtbot, window, mode):
    window.session_tools.actions.schemes[mode].trigger()
    assert session_log.load_session_prefs().colour_scheme == mode
    assert window.session_tools.actions.schemes[mode].isChecked()
    dark = QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    if mode != "system":
        assert dark == (mode == "dark")


def test_holding_space_or_backspace_down_does_not_repeat(window):
    # Key repeats reach an action only through the platform's shortcut path, which tests cannot
    # drive: what can be checked is that the actions refuse repeats.
    tools = window.session_tools
    assert not tools.actions.tick_next.autoRepeat()
    assert not tools.actions.undo.autoRepeat()


def test_closing_without_a_tray_really_closes(qtbot, window):
    save_prefs(window, SessionPrefs(close_to_tray=True))
    window.session_tools.tray.icon = None  # as on a desktop without a tray
    event = WindowManagerClose()
    window.closeEvent(event)
    assert event.isAccepted()
    assert not window.day_timer.isActive()


def test_started_at_keeps_its_offset(qtbot, window, clock):
    active(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Space)
    assert session_log.session_state(TODAY).started_at.utcoffset() == TZ.utcoffset(None)


def test_rest_and_reminders_are_set_in_preferences(qtbot, window):
    window.menu_actions.preferences.trigger()
    dialog = window.preferences_dialog
    qtbot.waitExposed(dialog)
    tab = dialog.session_tab
    assert tab.rest_spin.value() == 60  # the default
    tab.rest_spin.setValue(90)
    tab.day_checks[2].setChecked(True)
    tab.scheme_combo.setCurrentIndex(tab.scheme_combo.findData("dark"))
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    prefs = session_log.load_session_prefs()
    assert prefs.rest_seconds == 90
    assert prefs.reminder_days == {2}
    assert prefs.colour_scheme == "dark"
    assert window.session_tools.actions.schemes["dark"].isChecked()
    active(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Space)
    assert window.session_tools.rest_timer.label.text() == "Rest 1:30"


def test_close_to_tray_hides_the_window_and_quit_still_quits(qtbot, window, monkeypatch):
    save_prefs(window, SessionPrefs(close_to_tray=True))
    tools = window.session_tools
    # As if the desktop had a tray (the offscreen platform has none).
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", lambda: True)
    tools.tray.icon = object()
    tools.notes.edit.setPlainText("Pending")
    event = WindowManagerClose()
    window.closeEvent(event)
    assert not event.isAccepted()
    assert window.isHidden()
    assert window.day_timer.isActive()  # still running, only hidden
    assert session_log.session_state(TODAY).note == "Pending"  # saved on the way out
    window.show()
    window.menu_actions.quit.trigger()
    assert not window.isVisible()
    assert not window.day_timer.isActive()  # really closed


def test_closing_to_the_tray_is_off_by_default(qtbot, window):
    window.session_tools.tray.icon = object()
    event = WindowManagerClose()
    window.closeEvent(event)
    assert event.isAccepted()
    assert not window.day_timer.isActive()


def test_a_note_brought_in_by_an_import_or_merge_shows_at_once(qtbot, window, clock):
    notes = window.session_tools.notes
    assert notes.edit.toPlainText() == ""
    session_log.save_note(TODAY, "From the laptop", clock())  # as a merge writes it
    with qtbot.waitSignal(window.state.data_replaced):
        window.state.reload()
    assert notes.edit.toPlainText() == "From the laptop"
