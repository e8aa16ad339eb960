"""A stand-in for the application state (bandtracker.state.AppState) over the real store.

Floor mode was written before the state landed; this has the same interface and writes the
same real SQLite file, so the tests check what was saved."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from bandtracker.domain.clock import session_day
from bandtracker.domain.prescription import SetKey
from bandtracker.store import sessions
from bandtracker.store.errors import StoreError


class SetCommand(QUndoCommand):
    def __init__(self, state: StandInState, day: date, key: SetKey, done: bool) -> None:
        super().__init__(f"{key}")
        self.state, self.day, self.key, self.done = state, day, key, done

    def redo(self) -> None:
        self.state._write(self.day, self.key, self.done)

    def undo(self) -> None:
        self.state._write(self.day, self.key, not self.done)


class StandInState(QObject):
    day_changed = Signal(object)
    sets_changed = Signal(object, object, bool)
    session_changed = Signal(object)
    settings_changed = Signal()
    data_replaced = Signal()
    store_failed = Signal(str)

    def __init__(self, clock) -> None:
        super().__init__()
        self.clock = clock
        self.settings = SimpleNamespace(rest_seconds=60)
        self.workout_day = session_day(clock())
        self.today = sessions.load_day(self.workout_day)
        self.undo_stack = QUndoStack(self)

    def set_done(self, key: SetKey, done: bool, day: date | None = None) -> bool:
        try:
            self.undo_stack.push(SetCommand(self, day or self.workout_day, key, done))
        except StoreError as exc:
            self.store_failed.emit(str(exc))
            return False
        return True

    def _write(self, day: date, key: SetKey, done: bool) -> None:
        if done:
            sessions.tick(day, key, self.clock())
        else:
            sessions.untick(day, key)
        if day == self.workout_day:
            self.today = sessions.load_day(day)
        self.sets_changed.emit(day, key, done)

    def next_key(self) -> SetKey | None:
        return next((k for k in self.today.slots() if k not in self.today.done), None)

    def reload(self) -> None:
        self.today = sessions.load_day(self.workout_day)
        self.data_replaced.emit()
