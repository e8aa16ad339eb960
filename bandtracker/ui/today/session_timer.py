"""How long this session has run: starts at the first set, stops when all are done or on Finish."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from bandtracker import texts
from bandtracker.domain.clock import Clock
from bandtracker.domain.session_prefs import duration_text
from bandtracker.store import session_log
from bandtracker.store.errors import StoreError
from bandtracker.ui.today.steady_label import SteadyLabel

REFRESH_MS = 1000


class SessionTimer(QWidget):
    """Shows the elapsed time; the start and end it shows are the ones saved with the session."""

    failed = Signal(str)  # a StoreError's text, for the page's message bar
    running_changed = Signal(bool)

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionTimer")
        self.clock = clock
        self.day: date | None = None
        self.started_at: datetime | None = None
        self.finished_at: datetime | None = None
        self._kind: tuple[bool, bool] | None = None  # which of the label's texts is shown
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = SteadyLabel()
        self.label.setObjectName("sessionTime")
        layout.addWidget(self.label)
        self.finish_button = QPushButton(self.tr("&Finish Session"))
        self.finish_button.setObjectName("finishSession")
        self.finish_button.setAccessibleName(self.tr("Finish the session"))
        self.finish_button.clicked.connect(self.finish)
        layout.addWidget(self.finish_button)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    @property
    def running(self) -> bool:
        return self.started_at is not None and self.finished_at is None

    def load(self, day: date) -> None:
        self.day = day
        state = session_log.settle_session(day, self.clock())
        self.started_at, self.finished_at = state.started_at, state.finished_at
        self._update()

    def set_changed(self, ticked: bool, all_done: bool) -> None:
        """After a set was ticked or unticked (and saved)."""
        if self.day is None or not ticked:
            return
        now = self.clock()
        try:
            if self.started_at is None:
                session_log.mark_started(self.day, now)
                self.started_at = now.replace(microsecond=0)
            if all_done:
                session_log.set_finished(self.day, now)
                self.finished_at = now.replace(microsecond=0)
            elif self.finished_at is not None:
                # A set ticked after Finish: the session evidently goes on.
                session_log.set_finished(self.day, None)
                self.finished_at = None
        except StoreError as exc:
            self.failed.emit(texts.error_text(exc))
        self._update()

    def finish(self) -> None:
        if self.day is None or not self.running:
            return
        now = self.clock()
        try:
            session_log.set_finished(self.day, now)
        except StoreError as exc:
            self.failed.emit(texts.error_text(exc))
            return
        self.finished_at = now.replace(microsecond=0)
        self._update()

    def elapsed(self) -> float:
        if self.started_at is None:
            return 0.0
        end = self.finished_at or self.clock()
        return max(0.0, (end - self.started_at).total_seconds())

    def refresh(self) -> None:
        if self.started_at is None:
            text = self.tr("Session: not started")
        elif self.finished_at is None:
            text = self.tr("Session: %1").replace("%1", duration_text(self.elapsed()))
        else:
            text = self.tr("This session took %1").replace("%1", duration_text(self.elapsed()))
        self.label.setText(text)
        self.label.setAccessibleName(text)

    def _update(self) -> None:
        self.finish_button.setEnabled(self.running)
        self.running_changed.emit(self.running)
        if self.running:
            self.timer.start()
        else:
            self.timer.stop()
        self.refresh()
        # "not started", the running clock and "took" differ in width; each second does not.
        kind = (self.started_at is None, self.finished_at is None)
        if kind != self._kind:
            self._kind = kind
            self.label.settle()
