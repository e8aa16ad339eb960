"""The rest countdown between sets: never blocks ticking, hard to miss when it runs out."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QProgressBar, QPushButton, QWidget

from bandtracker.domain.clock import Clock
from bandtracker.domain.session_prefs import duration_text
from bandtracker.ui.today.steady_label import SteadyLabel

# Often enough for a seconds display; the remaining time comes from the clock, not tick counts.
REFRESH_MS = 250


class RestTimer(QWidget):
    """Counts down from start(seconds); at zero beeps, asks the desktop for attention, says so."""

    rest_over = Signal()
    active_changed = Signal(bool)  # shown (counting down or saying it is over) or hidden

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restTimer")
        self.clock = clock
        self.deadline: datetime | None = None
        self.seconds = 0
        self.had_focus = False  # whether Skip had the keyboard focus when the timer went away
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = SteadyLabel()
        self.label.setObjectName("restLabel")
        # Beside the bar whatever room "Rest over: ..." left it (the label only grows).
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.label)
        self.bar = QProgressBar()
        self.bar.setObjectName("restBar")
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(120)
        self.bar.setAccessibleName(self.tr("Rest left"))
        layout.addWidget(self.bar)
        self.skip_button = QPushButton(self.tr("S&kip Rest"))
        self.skip_button.setObjectName("skipRest")
        self.skip_button.setAccessibleName(self.tr("Skip the rest"))
        self.skip_button.clicked.connect(self.skip)
        layout.addWidget(self.skip_button)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.hide()

    @property
    def running(self) -> bool:
        return self.deadline is not None

    def remaining(self) -> float:
        if self.deadline is None:
            return 0.0
        return max(0.0, (self.deadline - self.clock()).total_seconds())

    def start(self, seconds: int) -> None:
        """(Re)start the countdown; 0 turns it off."""
        if seconds <= 0:
            self.skip()
            return
        self.seconds = seconds
        self.deadline = self.clock() + timedelta(seconds=seconds)
        self.setProperty("alert", False)
        self._set_bold(False)  # after "Rest over" (bold), the next countdown is plain again
        self.bar.setMaximum(seconds)
        self.bar.show()
        self.skip_button.setText(self.tr("S&kip Rest"))
        self.show()
        self.active_changed.emit(True)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        if self.deadline is None:
            return
        left = self.remaining()
        if left <= 0:
            self._over()
            return
        self.label.setText(self.tr("Rest %1").replace("%1", duration_text(left + 0.999)))
        self.bar.setValue(round(left))
        self.label.setAccessibleName(self.label.text())

    def _over(self) -> None:
        self.timer.stop()
        self.deadline = None
        # Emptied, not hidden: hiding it (and showing it at the next tick) would lay out and
        # repaint the whole window.
        self.bar.setValue(0)
        # No emoji: without a colour emoji font (common on Linux) it shows as an empty box.
        self.label.setText(self.tr("Rest over: time for the next set"))
        self._set_bold(True)
        self.skip_button.setText(self.tr("O&K"))
        self.label.setAccessibleName(self.label.text())
        # Screen readers announce an alert even when the focus is elsewhere. (Imported here:
        # QAccessible's Python type costs 3 ms, and startup does not need it.)
        from PySide6.QtGui import QAccessible, QAccessibleEvent

        QAccessible.updateAccessibility(QAccessibleEvent(self.label, QAccessible.Event.Alert))
        QApplication.beep()
        # Flashes the taskbar entry (or the like) until the user comes back to the window.
        QApplication.alert(self.window(), 0)
        self.rest_over.emit()

    def skip(self) -> None:
        self.timer.stop()
        self.deadline = None
        self._set_bold(False)
        parent, focus = self.parentWidget(), QApplication.focusWidget()
        was_active = parent is not None and self.isVisibleTo(parent)
        self.had_focus = focus is not None and self.isAncestorOf(focus)
        self.hide()
        if was_active:
            self.active_changed.emit(False)

    def _set_bold(self, bold: bool) -> None:
        # Through the font, not a style sheet: a styled label keeps its colours when the
        # scheme switches from light to dark.
        font = self.label.font()
        if font.bold() == bold:
            return  # a new font, even an equal one, would lay the window out again
        font.setBold(bold)
        self.label.setFont(font)
