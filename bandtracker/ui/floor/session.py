"""Floor mode's timeline: which set is up, the pause after each press, and the cues on the way.

Only a press marks a set done; time moves the pauses along and nothing else. The state object
is the one way in and out: the sets come from state.today, a press is state.set_done(key, True),
undo is state.undo_stack.undo(), and anything changed elsewhere arrives as a signal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from PySide6.QtCore import QObject, QTimer, Signal

from bandtracker import texts
from bandtracker.domain.clock import Clock
from bandtracker.domain.floor import (
    DEFAULT_CUE_MODE,
    DEFAULT_SWITCH_SECONDS,
    Pause,
    Step,
    first_open,
    is_first_of_exercise,
    pause_between,
    steps,
    switch_line,
)
from bandtracker.domain.prescription import SetKey
from bandtracker.domain.session_prefs import DEFAULT_REST_SECONDS
from bandtracker.state import AppState
from bandtracker.ui.floor.cues import Cue, Cues

# Often enough for a seconds display and a 3-2-1 within a tenth of a second of its moment.
POLL_MS = 100
COUNTDOWN_FROM = 3


@dataclass(frozen=True)
class FloorSettings:
    rest_seconds: int = DEFAULT_REST_SECONDS
    switch_seconds: int = DEFAULT_SWITCH_SECONDS
    cue_mode: str = DEFAULT_CUE_MODE
    alternate_walks: bool = False


class Phase(Enum):
    STEP = "step"  # a set is on screen, waiting for its press
    PAUSE = "pause"  # a rest or a side switch counts down to the set on screen next
    FINISHED = "finished"  # every set of the day is done


class FloorSession(QObject):
    changed = Signal()  # what is shown changed (step, phase or settings)
    ticked = Signal()  # the countdown's whole seconds changed
    finished = Signal()  # the last set was just done by a press

    def __init__(
        self,
        state: AppState,
        cues: Cues,
        clock: Clock,
        settings: FloorSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.cues = cues
        self.clock = clock
        self.settings = settings
        self.sequence: tuple[Step, ...] = ()
        self.index: int | None = None  # the step on screen, or the one the pause leads to
        self.phase = Phase.STEP
        self.pause: Pause | None = None
        self.deadline: datetime | None = None
        self.pause_seconds = 0
        self.previous: Step | None = None  # the step done just before the pause
        self._last_whole: int | None = None
        self._own_press = False
        self.active = False
        self.started_at: datetime | None = None
        self.sets_pressed = 0
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        # Outside floor mode nothing here is shown: start() reads the state afresh, so a tick on
        # Today costs floor mode nothing.
        state.sets_changed.connect(self._sets_changed)
        state.day_changed.connect(self._resync_if_active)
        state.data_replaced.connect(self._resync_if_active)

    # The steps ----------------------------------------------------------------------------

    @property
    def current(self) -> Step | None:
        return None if self.index is None else self.sequence[self.index]

    def following(self) -> Step | None:
        """The step after the current one (what "Next:" names while a set is on screen)."""
        if self.index is None:
            return None
        done = self.state.today.done
        for step in self.sequence[self.index + 1 :]:
            if step.key not in done:
                return step
        return None

    @property
    def done_count(self) -> int:
        done = self.state.today.done
        return sum(1 for step in self.sequence if step.key in done)

    @property
    def total(self) -> int:
        return len(self.sequence)

    def start(self) -> None:
        self.active = True
        self.started_at = self.clock()
        self.sets_pressed = 0
        self.resync(announce=True)

    def stop(self) -> None:
        self.active = False
        self.timer.stop()
        self.cues.stop()

    def apply_settings(self, settings: FloorSettings) -> None:
        self.settings = settings
        self.cues.mode = settings.cue_mode
        if self.phase is Phase.PAUSE and self.index is not None:
            # The order may change (alternating walks); the set being counted to stays put.
            key = self.sequence[self.index].key
            self.sequence = steps(self.state.today.plan, settings.alternate_walks)
            self.index = next((i for i, s in enumerate(self.sequence) if s.key == key), None)
            if self.index is None:
                self.resync()
                return
            self.changed.emit()
            return
        self.resync()

    def resync(self, announce: bool = False) -> None:
        """Start again from the state: the first set not done, on screen, no pause."""
        today = self.state.today
        self.sequence = steps(today.plan, self.settings.alternate_walks)
        self.index = first_open(self.sequence, today.done)
        self._end_pause()
        self.phase = Phase.FINISHED if self.index is None else Phase.STEP
        self.changed.emit()
        if announce and self.active:
            self._announce()

    # A press: one set, always --------------------------------------------------------------

    def press(self) -> bool:
        """Mark the set on screen (or the one the pause counts down to) done; True if saved."""
        step = self.current
        if step is None:
            return False
        self._own_press = True
        try:
            saved = self.state.set_done(step.key, True)
        finally:
            self._own_press = False
        if not saved:
            return False
        self.sets_pressed += 1
        self.previous = step
        self.index = first_open(self.sequence, self.state.today.done)
        self._end_pause()
        if self.index is None:
            self.phase = Phase.FINISHED
            self.cues.play(Cue.FINISHED)
            self.changed.emit()
            self.finished.emit()
            return True
        nxt = self.sequence[self.index]
        pause = pause_between(step, nxt)
        seconds = (
            self.settings.switch_seconds if pause is Pause.SWITCH else self.settings.rest_seconds
        )
        self.cues.play(Cue.SWITCH if pause is Pause.SWITCH else Cue.SET_DONE)
        if pause is Pause.SWITCH:
            self.cues.say(texts.translate(switch_line(nxt)))
        if seconds <= 0:
            self.phase = Phase.STEP
            self.changed.emit()
            self._announce()
            return True
        self.phase = Phase.PAUSE
        self.pause = pause
        self.pause_seconds = seconds
        self.deadline = self.clock() + timedelta(seconds=seconds)
        self._last_whole = seconds
        self.timer.start()
        self.changed.emit()
        return True

    def undo(self) -> None:
        stack = self.state.undo_stack
        if stack.canUndo():
            stack.undo()  # sets_changed brings the set back on screen

    def skip_pause(self) -> None:
        """End the countdown without marking anything (time only)."""
        if self.phase is Phase.PAUSE:
            self._pause_over()

    # Time --------------------------------------------------------------------------------

    def remaining(self) -> float:
        if self.deadline is None:
            return 0.0
        return max(0.0, (self.deadline - self.clock()).total_seconds())

    def remaining_whole(self) -> int:
        return math.ceil(self.remaining())

    def poll(self) -> None:
        if self.phase is not Phase.PAUSE:
            self.timer.stop()
            return
        left = self.remaining()
        if left <= 0:
            self._pause_over()
            return
        whole = math.ceil(left)
        if whole != self._last_whole:
            self._last_whole = whole
            if whole <= COUNTDOWN_FROM:
                self.cues.play(Cue.COUNT)
            self.ticked.emit()

    def _pause_over(self) -> None:
        self._end_pause()
        self.phase = Phase.STEP
        self.cues.play(Cue.GO)
        self.changed.emit()
        self._announce()

    def _end_pause(self) -> None:
        self.timer.stop()
        self.pause = None
        self.deadline = None
        self._last_whole = None

    def _announce(self) -> None:
        step = self.current
        if step is None or self.index is None:
            return
        self.cues.say(texts.translate(step.voice(is_first_of_exercise(self.sequence, self.index))))

    def _resync_if_active(self, *_: object) -> None:
        if self.active:
            self.resync()

    def _sets_changed(self, day: date, key: SetKey, ticked: bool) -> None:
        if not self.active or self._own_press or day != self.state.today.day:
            return
        # An undo, or a tick made elsewhere: start again from the state, whatever was running.
        self.resync(announce=self.active and not ticked)
