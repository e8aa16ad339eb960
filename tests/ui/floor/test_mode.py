"""Floor mode driven by real key presses on its window, through the whole routine."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from bandtracker.domain.floor import steps
from bandtracker.domain.prescription import SetKey, Side
from bandtracker.state import AppState
from bandtracker.store import sessions
from bandtracker.store.db import close_database, open_database
from bandtracker.store.models import CompletedSet
from bandtracker.ui.floor.mode import FloorMode
from bandtracker.ui.floor.session import Phase
from tests.ui.floor.test_session import Recorder

TODAY = date(2026, 11, 24)
Key = Qt.Key
NO_MODS = Qt.KeyboardModifier.NoModifier


class Inhibitor:
    """Records what floor mode asks of the screensaver (the D-Bus side: test_inhibit.py)."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def inhibit(self, reason: str) -> None:
        self.calls.append("inhibit")

    def release(self) -> None:
        self.calls.append("release")


@pytest.fixture
def start_floor(qtbot, data_dir, clock):
    """Open the database, the state and floor mode as the app would; call again to restart."""
    opened = []

    def start():
        for mode in opened:
            mode.stop()
        close_database()
        open_database(data_dir)
        state = AppState(clock)
        parent = QWidget()
        qtbot.addWidget(parent)
        ears = Recorder(clock)
        mode = FloorMode(
            state, parent, player=ears, speaker=ears, full_screen=False, inhibitor=Inhibitor()
        )
        mode.cues.mode = "voice"
        mode.start()
        qtbot.addWidget(mode.window)
        qtbot.waitExposed(mode.window)
        opened.append(mode)
        return mode, ears

    yield start
    for mode in opened:
        mode.stop()


def saved() -> frozenset[SetKey]:
    return sessions.load_day(TODAY).done


def test_one_key_does_the_whole_routine_in_order(start_floor, qtbot, clock):
    mode, ears = start_floor()
    view = mode.window
    plan = sessions.load_day(TODAY).plan
    expected = [s.key for s in steps(plan)]
    after = []
    keys = [Key.Key_Space, Key.Key_Return, Key.Key_PageDown, Key.Key_Right, Key.Key_MediaPlay]
    for n, want in enumerate(expected):
        assert mode.session.current.key == want
        if want.side is not Side.NONE:
            assert want.side.value in view.set_line.text()
        clock.advance(seconds=20)
        qtbot.keyClick(view, keys[n % len(keys)])
        assert want in saved() and len(saved()) == n + 1
        after.append(ears.sounds()[-1])
    assert mode.session.phase is Phase.FINISHED
    assert view.pages.currentWidget() is view.finish_page
    # The switch cue sounds after each right half, and only there.
    assert after == [
        "switch" if key.side is Side.RIGHT else "set_done" for key in expected[:-1]
    ] + ["finished"]
    assert after.count("switch") == 6 * 2  # six exercises done each side, two sets
    # Every set saved, in the order pressed, and still there after a restart.
    mode, _ = start_floor()
    assert mode.session.phase is Phase.FINISHED
    rows = CompletedSet.select().order_by(CompletedSet.completed_at)
    assert [SetKey(r.exercise, r.set_number, Side(r.side)) for r in rows] == expected


def test_sides_in_order_with_switch_between(start_floor, qtbot):
    mode, ears = start_floor()
    view = mode.window
    for _ in range(4):
        qtbot.keyClick(view, Key.Key_Space)
    assert mode.session.current.key == SetKey("side-step", 1, Side.RIGHT)
    ears.heard.clear()
    qtbot.keyClick(view, Key.Key_Space)
    assert ears.sounds() == ["switch"]
    assert mode.session.phase is Phase.PAUSE
    assert view.pause_title.isVisible() and view.countdown.text() == "5"
    assert view.next_line.text().startswith("Next: Set 1 of 2 \N{EN DASH} to the left")
    # Screen readers hear the pause and what comes next.
    assert view.last_announcement.startswith("Switch sides: step back the other way. Next:")
    qtbot.keyClick(view, Key.Key_Space)  # during the countdown: marks the left half
    assert SetKey("side-step", 1, Side.LEFT) in saved()


def test_undo_and_escape(start_floor, qtbot):
    mode, _ = start_floor()
    view = mode.window
    qtbot.keyClick(view, Key.Key_Space)
    qtbot.keyClick(view, Key.Key_Space)
    assert len(saved()) == 2
    qtbot.keyClick(view, Key.Key_Backspace)
    assert saved() == {SetKey("forward-walk", 1)}
    assert mode.session.current.key == SetKey("forward-walk", 2)
    assert mode.session.phase is Phase.STEP
    assert view.last_announcement == "Forward walking. Set 2 of 2. 10 steps"
    qtbot.keyClick(view, Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert saved() == frozenset()
    assert mode.inhibitor.calls == ["inhibit"]
    qtbot.keyClick(view, Key.Key_Escape)
    assert not mode.running and not mode.action.isChecked()
    assert mode.inhibitor.calls == ["inhibit", "release"]
    mode.action.trigger()  # F11 in the main window
    assert mode.running
    qtbot.keyClick(mode.window, Key.Key_F11)  # and F11 again on the floor
    assert not mode.running
    assert saved() == frozenset()


def test_a_held_key_is_one_set(start_floor, qtbot):
    mode, _ = start_floor()
    view = mode.window
    qtbot.keyPress(view, Key.Key_Space)
    for _ in range(5):
        repeat = QKeyEvent(QEvent.Type.KeyPress, Key.Key_Space, NO_MODS, " ", True)
        QApplication.sendEvent(view, repeat)
    qtbot.keyRelease(view, Key.Key_Space)
    assert len(saved()) == 1


def test_resume_after_a_restart_midway(start_floor, qtbot):
    mode, _ = start_floor()
    for _ in range(13):
        qtbot.keyClick(mode.window, Key.Key_Space)
    expected_next = mode.session.current.key
    mode, ears = start_floor()
    assert len(saved()) == 13
    assert mode.session.current.key == expected_next
    assert mode.session.phase is Phase.STEP
    assert ears.said()  # the step is announced on the way back in
    for _ in range(17):
        qtbot.keyClick(mode.window, Key.Key_Space)
    assert sessions.load_day(TODAY).done_count == 30


def test_no_child_can_take_the_keys(start_floor):
    mode, _ = start_floor()
    focusable = [
        w for w in mode.window.findChildren(QWidget) if w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert focusable == []


def test_floor_settings_come_from_the_registry_and_apply_at_once(start_floor, qtbot):
    mode, ears = start_floor()
    assert mode.session.settings.switch_seconds == 5
    assert mode.state.save_settings(
        {"floor_switch_seconds": 0, "floor_cue_mode": "silent", "floor_alternate_walks": True}
    )
    ears.heard.clear()
    order = []
    for _ in range(5):
        order.append(mode.session.current.key)
        qtbot.keyClick(mode.window, Key.Key_Space)
    assert order[:4] == [
        SetKey("forward-walk", 1),
        SetKey("backward-walk", 1),
        SetKey("forward-walk", 2),
        SetKey("backward-walk", 2),
    ]
    # No switch countdown at 0 s: the left half is on screen straight away; silent is silent.
    assert mode.session.phase is Phase.STEP
    assert mode.session.current.key == SetKey("side-step", 1, Side.LEFT)
    assert ears.heard == []


def test_finish_screen_reports_the_week_and_takes_every_step_up_at_once(
    db, start_floor, qtbot, clock
):
    from datetime import datetime, timedelta

    from bandtracker.state import AppState

    # Two complete sessions last week and one on Monday: every exercise is ready to step up.
    state = AppState(clock)
    for back in (8, 6, 1):
        day = TODAY - timedelta(days=back)
        assert state.log_whole_day(day, datetime.combine(day, clock().timetz()))
    mode, ears = start_floor()
    view = mode.window
    for _ in range(30):
        clock.advance(seconds=30)
        qtbot.keyClick(view, Key.Key_Space)
    assert view.pages.currentWidget() is view.finish_page
    assert view.finish_body.text().startswith("30 sets done")
    facts = view.finish_facts.text().splitlines()
    assert facts[0] == "Time: 15 minutes"
    assert facts[1] == "This week: 2 of 2 workouts"
    assert facts[2] == "Streak: 2 weeks in a row"
    assert view.step_up_button.isVisible()
    assert "Clam shell: 3 sets with the yellow band" in view.step_up_text.text()
    qtbot.keyClick(view, Key.Key_U)
    assert not view.step_up_button.isVisible()
    # Every exercise now has three sets in the settings the next session starts from.
    plan = mode.state.current_plan()
    assert {p.prescription.sets for p in plan} == {3}


@pytest.mark.parametrize("size", [(1024, 600), (3840, 2160)])
def test_every_step_and_pause_fits_the_screen_without_clipping(start_floor, qtbot, size):
    from PySide6.QtWidgets import QLabel

    mode, _ = start_floor()
    view = mode.window
    view.resize(*size)

    def check(where: str) -> None:
        QApplication.processEvents()
        assert view.size().toTuple() == size, where
        for label in view.findChildren(QLabel):
            if not label.isVisibleTo(view) or not label.text():
                continue
            needed = label.heightForWidth(label.width()) if label.wordWrap() else 0
            needed = max(needed, label.sizeHint().height() if not label.wordWrap() else 0)
            assert needed <= label.height() + 1, f"{where}: {label.objectName()} is clipped"
            bottom = label.mapTo(view, label.rect().bottomLeft()).y()
            assert bottom <= view.height(), f"{where}: {label.objectName()} is off the screen"

    for n in range(mode.session.total):
        check(f"step {n}")
        qtbot.keyClick(view, Key.Key_Space)
        check(f"pause after {n}")
    check("finish")


def test_a_new_workout_day_starts_floor_mode_over(start_floor, qtbot, clock):
    mode, _ = start_floor()
    for _ in range(3):
        qtbot.keyClick(mode.window, Key.Key_Space)
    clock.advance(hours=12)  # past the 4:00 rollover
    assert mode.state.check_day()
    assert mode.session.current.key == SetKey("forward-walk", 1)
    assert mode.session.phase is Phase.STEP
    assert mode.window.progress_label.text() == "0 of 30 sets"


def test_a_refused_save_keeps_the_set_on_screen_and_says_why(start_floor, qtbot):
    from bandtracker.store.db import database

    mode, ears = start_floor()
    view = mode.window
    first = mode.session.current.key
    database.execute_sql("PRAGMA query_only = 1")  # the store can no longer write
    try:
        sounds_before = list(ears.sounds())
        qtbot.keyClick(view, Key.Key_Space)
        assert mode.session.current.key == first  # not marked, not moved on
        assert mode.session.phase is Phase.STEP
        assert view.problem.isVisible()
        assert "read-only" in view.problem.text()
        assert view.last_announcement == view.problem.text()  # said, not only shown
        assert ears.sounds() == sounds_before  # no "set done" sound for a set not saved
    finally:
        database.execute_sql("PRAGMA query_only = 0")
    assert saved() == frozenset()
    qtbot.keyClick(view, Key.Key_Space)  # writing works again: the same press saves it
    assert saved() == {first}
    assert not view.problem.isVisible()
