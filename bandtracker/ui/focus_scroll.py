"""A scroll area that shows it has the keyboard focus, as every other Tab stop does."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFocusEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QScrollArea, QWidget

RING = 2  # px: the ring's width, kept free around the viewport


class FocusScrollArea(QScrollArea):
    """A frameless scroll area that draws a ring in the highlight colour while it has focus.

    Tab stops at a scroll area so the keyboard can scroll it; Qt's styles draw nothing there
    for a frameless one, so the focus seemed lost. The ring goes in a margin around the
    viewport, which would otherwise paint over it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setViewportMargins(RING, RING, RING, RING)

    def fit_height(self, content: int) -> None:
        """Fix the height to show `content` pixels of its widget, ring included."""
        self.setFixedHeight(content + 2 * RING)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        # The scroll area's own paint (its frame): not paintEvent(), which paints the viewport.
        if event.type() == QEvent.Type.Paint and self.hasFocus():
            painter = QPainter(self)
            colour = self.palette().color(QPalette.ColorRole.Highlight)
            painter.setPen(QPen(colour, RING))
            half = RING / 2
            painter.drawRect(self.rect().toRectF().adjusted(half, half, -half, -half))
            painter.end()
        return handled

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()
