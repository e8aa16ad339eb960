"""A grid of cards that picks its column count from its width, so the page reflows on resize."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget


class CardGrid(QWidget):
    def __init__(self, min_card_width: int = 340, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_card_width = min_card_width
        self._layout = QGridLayout(self)
        self._layout.setSpacing(14)
        self._cards: list[QWidget] = []
        self._columns = 0

    def set_cards(self, cards: list[QWidget]) -> None:
        for card in self._cards:
            self._layout.removeWidget(card)
            # Out of the widget tree at once, so nothing finds the old day's boxes meanwhile.
            card.setParent(None)
            card.deleteLater()
        self._cards = list(cards)
        self._columns = 0
        self._arrange()

    def cards(self) -> list[QWidget]:
        return list(self._cards)

    @property
    def columns(self) -> int:
        return self._columns

    def _arrange(self) -> None:
        spacing = self._layout.horizontalSpacing()
        margins = self._layout.contentsMargins()
        usable = self.width() - margins.left() - margins.right() + spacing
        columns = max(1, min(len(self._cards) or 1, usable // (self.min_card_width + spacing)))
        if columns == self._columns:
            return
        for card in self._cards:
            self._layout.removeWidget(card)
        for column in range(max(self._columns, columns) + 1):
            self._layout.setColumnStretch(column, 1 if column < columns else 0)
        for index, card in enumerate(self._cards):
            self._layout.addWidget(card, index // columns, index % columns)
        self._columns = columns

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()
