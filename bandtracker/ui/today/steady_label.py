"""A one-line label for text that changes often (a count, a clock) without relaying the window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QLabel


class SteadyLabel(QLabel):
    """A label that keeps a fixed size, grown (never shrunk) to fit each new text and font.

    A label whose size can change asks its parent's layout again at every new text, and Qt
    answers that by laying out and repainting the whole window (about 4 ms at 1280x800) at each
    tick and each second of a countdown. With a fixed size, a new text repaints the label alone.
    """

    def setText(self, text: str) -> None:
        super().setText(text)
        self._grow()

    def settle(self) -> None:
        """Fit the current text exactly, shrinking too: for a change of kind of text (a clock
        that starts), not for each new value."""
        self._fix(self._natural())

    def _natural(self) -> QSize:
        # Measured from the font: QLabel's own size hint never goes below its minimum size.
        margins = self.contentsMargins()
        text = self.fontMetrics().size(Qt.TextFlag.TextSingleLine, self.text())
        frame = 2 * self.margin()
        return QSize(
            text.width() + frame + margins.left() + margins.right(),
            max(text.height() + frame + margins.top() + margins.bottom(), 1),
        )

    def _grow(self) -> None:
        self._fix(self._natural().expandedTo(self.minimumSize()))

    def _fix(self, size: QSize) -> None:
        if self.minimumSize() != size or self.maximumSize() != size:
            self.setFixedSize(size)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._grow()
