"""The session note on Today: saved a moment after typing stops, on a day change and on close."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from bandtracker.state import AppState

# Long enough that a typist never waits on the disk, short enough that little is at risk.
SAVE_DELAY_MS = 800


class NoteEditor(QWidget):
    failed = Signal(str)
    saved = Signal(object)  # the day

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionNote")
        self.state = state
        self.day: date | None = None
        self.saved_text = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 8)
        top = QHBoxLayout()
        self.label = QLabel(self.tr("&Notes for this session"))
        top.addWidget(self.label, 1)
        self.status = QLabel()
        self.status.setObjectName("noteStatus")
        top.addWidget(self.status)
        layout.addLayout(top)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("noteEdit")
        self.edit.setAccessibleName(self.tr("Notes for this session"))
        self.edit.setPlaceholderText(self.tr("How did it go? Say, the left hip dropped on set 2."))
        # Tab moves on to the next control rather than typing a tab into the note.
        self.edit.setTabChangesFocus(True)
        self.set_compact(False)
        self.label.setBuddy(self.edit)
        layout.addWidget(self.edit)
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save)
        self.edit.textChanged.connect(self._edited)
        self.edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Esc leaves the note (and gives Space back to Tick Next Set) before it means Skip Rest.
        if (
            watched is self.edit
            and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            if event.type() == QEvent.Type.KeyPress:
                self.leave()
            event.accept()
            return event.type() == QEvent.Type.KeyPress
        return super().eventFilter(watched, event)

    def leave(self) -> None:
        """Give the focus to the page around the note, saving what was typed."""
        self.save()
        holder = self.parentWidget()
        while holder is not None and not holder.focusPolicy() & Qt.FocusPolicy.ClickFocus:
            holder = holder.parentWidget()
        if holder is not None:
            holder.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.edit.clearFocus()

    def set_compact(self, compact: bool) -> None:
        """One line on a short window (it scrolls), two otherwise."""
        lines = 1 if compact else 2
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * lines + 16)

    def load(self, day: date) -> None:
        if day == self.day:
            return
        self.save()
        self.day = day
        self.reload()

    def reload(self) -> None:
        """Show the note as stored (after an import, a restore or a merge replaced it)."""
        if self.day is None:
            return
        self.save()  # what was being typed is kept, not overwritten
        self.saved_text = self.state.note(self.day)
        self.edit.blockSignals(True)
        self.edit.setPlainText(self.saved_text)
        self.edit.blockSignals(False)
        self.status.clear()

    def _edited(self) -> None:
        self.status.setText(self.tr("Editing\N{HORIZONTAL ELLIPSIS}"))
        self.save_timer.start()

    def save(self) -> None:
        """Save now if the text changed (a no-op otherwise)."""
        self.save_timer.stop()
        text = self.edit.toPlainText()
        if self.day is None or text == self.saved_text:
            return
        if not self.state.save_note(self.day, text):
            self.status.setText(self.tr("Not saved"))
            self.failed.emit(self.state.last_error)
            return
        self.saved_text = text
        self.status.setText(self.tr("Saved"))
        self.saved.emit(self.day)
