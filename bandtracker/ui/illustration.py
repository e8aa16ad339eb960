"""An exercise drawing that scales to its box, with a plain placeholder if the file is missing."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from bandtracker.assets import illustration_path

ASPECT = 3 / 2


@cache
def _renderer(path: Path) -> QSvgRenderer | None:
    # Cached because the same nine drawings are shown again on every day change.
    if not path.is_file():
        return None
    renderer = QSvgRenderer(str(path))
    return renderer if renderer.isValid() else None


class IllustrationView(QWidget):
    def __init__(self, slug: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slug = slug
        self.renderer = _renderer(illustration_path(slug))
        self.setAccessibleName(f"Drawing of {name}")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(QSize(150, 100))
        self.setFixedHeight(120)

    @property
    def is_placeholder(self) -> bool:
        return self.renderer is None

    def sizeHint(self) -> QSize:
        return QSize(int(self.height() * ASPECT), self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        height = self.height()
        width = min(self.width(), int(height * ASPECT))
        target = QRectF((self.width() - width) / 2, 0, width, height)
        if self.renderer is not None:
            self.renderer.render(painter, target)
            return
        palette = self.palette()
        painter.setPen(palette.mid().color())
        painter.setBrush(palette.alternateBase())
        painter.drawRoundedRect(target.adjusted(1, 1, -1, -1), 10, 10)
        painter.setPen(palette.placeholderText().color())
        painter.drawText(target, Qt.AlignmentFlag.AlignCenter, "Drawing coming soon")
