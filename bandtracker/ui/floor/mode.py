"""Floor mode as the app offers it: View > Floor Mode (F11), a full-screen window, its cues."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QWidget

from bandtracker import APP_NAME
from bandtracker.domain.settings import Settings
from bandtracker.state import AppState
from bandtracker.store.errors import StoreError
from bandtracker.ui.floor.cues import CuePlayer, Cues, Speaker, system_player, system_speaker
from bandtracker.ui.floor.finish import FinishFacts, accept_all, gather
from bandtracker.ui.floor.session import FloorSession, FloorSettings, Phase
from bandtracker.ui.floor.view import FloorView
from bandtracker.ui.inhibit import NoInhibitor, ScreenInhibitor


def floor_settings(settings: Settings) -> FloorSettings:
    """Floor mode's part of the application's settings."""
    return FloorSettings(
        rest_seconds=settings.rest_seconds,
        switch_seconds=settings.floor_switch_seconds,
        cue_mode=settings.floor_cue_mode,
        alternate_walks=settings.floor_alternate_walks,
    )


class FloorWindow(FloorView):
    """The view as its own full-screen window; closing it any way leaves floor mode."""

    def __init__(self, mode: FloorMode) -> None:
        super().__init__(mode.session)
        self.mode = mode
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Floor Mode"))
        self.leave.connect(mode.stop)
        self.step_up.connect(mode.step_up)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if self.mode.running:
            self.mode.stop()


class FloorMode(QObject):
    """Starts and stops floor mode; talks to the app only through the state object."""

    stopped = Signal()  # floor mode was left (Esc, F11, closing its window)

    def __init__(
        self,
        state: AppState,
        parent_window: QWidget,
        player: CuePlayer | None = None,
        speaker: Speaker | None = None,
        full_screen: bool = True,
        inhibitor: ScreenInhibitor | NoInhibitor | None = None,
        action: QAction | None = None,
    ) -> None:
        super().__init__(parent_window)
        self.state = state
        self.parent_window = parent_window
        self.full_screen = full_screen
        self._player = player
        self._speaker = speaker
        self.window: FloorWindow | None = None
        self.inhibitor = inhibitor or ScreenInhibitor(APP_NAME, self)
        settings = floor_settings(state.settings)
        self.cues = Cues(player or _LazyPlayer(self), speaker, settings.cue_mode)
        self.session = FloorSession(state, self.cues, state.clock, settings, self)
        state.settings_changed.connect(self._settings_changed)
        self.session.finished.connect(self._finished)
        self.facts: FinishFacts | None = None
        # The window's View > Floor Mode (ui/actions.py); alone (in tests) a checkable stand-in.
        self.action = action or QAction(self)
        self.action.setCheckable(True)
        self.action.triggered.connect(self.toggle)

    @property
    def running(self) -> bool:
        return self.window is not None

    def toggle(self, on: bool) -> None:
        if on:
            self.start()
        else:
            self.stop()

    def start(self) -> None:
        if self.window is not None:
            self.window.activateWindow()
            return
        if self.cues.speaker is None and self.cues.mode == "voice" and self._speaker is None:
            self.cues.speaker = system_speaker(self)
        self.session.start()
        self.facts = None
        self.window = FloorWindow(self)
        if self.session.phase is Phase.FINISHED:
            self._finished()
        if self.full_screen:
            self.window.showFullScreen()
        else:
            self.window.show()
        self.window.activateWindow()
        self.window.setFocus()
        self.action.setChecked(True)
        # Nobody touches the keyboard between sets: the screen must not blank.
        self.inhibitor.inhibit(self.tr("Floor mode: a workout is on screen"))

    def stop(self) -> None:
        if self.window is None:
            return
        window, self.window = self.window, None
        self.session.stop()
        self.inhibitor.release()
        window.close()
        window.deleteLater()
        self.action.setChecked(False)
        self.parent_window.activateWindow()
        self.stopped.emit()

    def _finished(self) -> None:
        if self.window is None:
            return
        try:
            started = self.session.started_at or self.state.clock()
            self.facts = gather(self.state, started, self.state.clock())
        except StoreError as exc:
            self.state.fail(exc)
            self.facts = None
        self.window.show_finish(self.facts)

    def step_up(self) -> None:
        """Take every step-up the finish screen shows, for the whole routine at once."""
        if self.facts is None or not self.facts.step_ups or self.window is None:
            return
        taken = accept_all(self.state, self.facts.step_ups)
        if taken:
            self.window.show_step_ups(self.facts, taken=True)

    def _settings_changed(self) -> None:
        self.session.apply_settings(floor_settings(self.state.settings))


class _LazyPlayer:
    """Finds the sound player on the first cue, so opening the app never waits for it."""

    def __init__(self, parent: QObject) -> None:
        self.parent = parent
        self.player: CuePlayer | None = None

    def play(self, cue: Any) -> None:
        if self.player is None:
            self.player = system_player(self.parent)
        self.player.play(cue)
