"""Floor mode's timeline: presses save sets, pauses count down, cues sound at their moments."""

from __future__ import annotations

from datetime import date

import pytest

from bandtracker.domain.prescription import SetKey, Side
from bandtracker.state import AppState
from bandtracker.store import sessions
from bandtracker.ui.floor.cues import Cue, Cues
from bandtracker.ui.floor.session import FloorSession, FloorSettings, Phase

TODAY = date(2026, 11, 24)


class Recorder:
    """Speaker and player in one: what would be heard, and when (by the test's clock)."""

    def __init__(self, clock) -> None:
        self.clock = clock
        self.heard: list[tuple[float, str]] = []
        self.start = clock()

    def _at(self) -> float:
        return round((self.clock() - self.start).total_seconds(), 1)

    def play(self, cue: Cue) -> None:
        self.heard.append((self._at(), cue.value))

    def say(self, text: str) -> None:
        self.heard.append((self._at(), f"say: {text}"))

    def stop(self) -> None:
        pass

    def sounds(self) -> list[str]:
        return [what for _, what in self.heard if not what.startswith("say: ")]

    def said(self) -> list[str]:
        return [what[5:] for _, what in self.heard if what.startswith("say: ")]


@pytest.fixture
def floor(db, clock, qtbot):
    def make(mode="voice", **settings):
        state = AppState(clock)
        ears = Recorder(clock)
        session = FloorSession(state, Cues(ears, ears, mode), clock, FloorSettings(**settings))
        session.start()
        return session, state, ears

    return make


def run_pause(session, clock) -> None:
    """Let the pause run out, one poll every 100 ms of the test's clock."""
    while session.phase is Phase.PAUSE:
        clock.advance(seconds=0.1)
        session.poll()


def test_a_press_saves_the_set_and_time_only_moves_the_pause(floor, clock):
    session, state, ears = floor(rest_seconds=10)
    assert session.current.key == SetKey("forward-walk", 1)
    assert ears.said() == ["Forward walking. Band: Around the middle or upper calves. 10 steps."]
    assert session.press()
    assert sessions.load_day(TODAY).done == {SetKey("forward-walk", 1)}
    assert session.phase is Phase.PAUSE and session.current.key == SetKey("forward-walk", 2)
    run_pause(session, clock)
    assert session.phase is Phase.STEP
    # Time alone never ticks a set.
    assert sessions.load_day(TODAY).done == {SetKey("forward-walk", 1)}
    assert ears.heard[1:] == [
        (0.0, "set_done"),
        (7.0, "count"),
        (8.0, "count"),
        (9.0, "count"),
        (10.0, "go"),
        (10.0, "say: Set 2 of 2. 10 steps."),
    ]


def test_a_press_during_the_pause_marks_the_set_it_counted_down_to(floor, clock):
    session, state, ears = floor(rest_seconds=60)
    session.press()
    clock.advance(seconds=5)
    session.poll()
    assert session.press()
    assert sessions.load_day(TODAY).done == {SetKey("forward-walk", 1), SetKey("forward-walk", 2)}
    assert session.phase is Phase.PAUSE
    assert session.current.key == SetKey("backward-walk", 1)


def test_right_half_then_switch_cue_and_short_countdown_then_left(floor, clock):
    session, state, ears = floor(rest_seconds=0, switch_seconds=5)
    for _ in range(4):  # the two walks
        session.press()
    assert session.current.key == SetKey("side-step", 1, Side.RIGHT)
    ears.heard.clear()
    session.press()
    assert session.phase is Phase.PAUSE and session.remaining() == 5
    assert session.current.key == SetKey("side-step", 1, Side.LEFT)
    assert ears.sounds() == ["switch"]
    assert ears.said() == ["Switch sides: step back the other way"]
    run_pause(session, clock)
    assert ears.sounds() == ["switch", "count", "count", "count", "go"]
    assert ears.said()[-1] == "Set 1 of 2. Knees soft, step to the left. 10 steps."


def test_silent_and_sounds_modes(floor):
    session, _, ears = floor(mode="silent", rest_seconds=0)
    session.press()
    assert ears.heard == []
    session, _, ears = floor(mode="sounds", rest_seconds=0)
    session.press()
    assert ears.sounds() == ["set_done"] and ears.said() == []


def test_undo_brings_the_set_back_and_cancels_the_pause(floor, clock):
    session, state, ears = floor(rest_seconds=30)
    session.press()
    session.undo()
    assert sessions.load_day(TODAY).done == frozenset()
    assert session.phase is Phase.STEP and session.current.key == SetKey("forward-walk", 1)


def test_alternating_walks(floor):
    session, _, _ = floor(rest_seconds=0, alternate_walks=True)
    seen = []
    for _ in range(4):
        seen.append(session.current.key)
        session.press()
    assert seen == [
        SetKey("forward-walk", 1),
        SetKey("backward-walk", 1),
        SetKey("forward-walk", 2),
        SetKey("backward-walk", 2),
    ]


def test_the_last_press_finishes(floor, qtbot):
    session, _, ears = floor(rest_seconds=0, switch_seconds=0)
    with qtbot.waitSignal(session.finished):
        for _ in range(30):
            assert session.press()
    assert session.phase is Phase.FINISHED and not session.press()
    assert ears.sounds()[-1] == "finished"
    assert sessions.load_day(TODAY).done_count == 30
