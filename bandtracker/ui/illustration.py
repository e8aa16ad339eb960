"""An exercise drawing on a full-width panel, with a plain placeholder if the file is missing."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from bandtracker.assets import illustration_path
from bandtracker.ui.theme import is_dark

ASPECT = 3 / 2
HEIGHT = 172
# The drawings' own backdrop colour (tools/draw_illustrations.py), so the panel and the
# drawing read as one picture however wide the card is.
BACKDROP = QColor("#F3F1EC")
MAT = QColor("#E9E5DD")
FLOOR = QColor("#CFC6B6")
# The same in the dark drawings (resources/illustrations/dark/): no beige glare in a dim room.
DARK_BACKDROP = QColor("#2B3038")
DARK_MAT = QColor("#333943")
DARK_FLOOR = QColor("#4C5461")
# Where the drawings' mat and floor line lie, in their viewBox units: the panel carries them
# on to its edges so that a wide card shows one continuous floor.
MAT_TOP, FLOOR_TOP, FLOOR_BOTTOM = 114.0, 140.0, 143.0


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
        self.light_renderer = _renderer(illustration_path(slug))
        self.renderer = self.light_renderer
        self.setAccessibleName(self.tr("Drawing of {name}").format(name=name))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(160)
        self.setFixedHeight(HEIGHT)
        self._cached: tuple[tuple[int, float, float, float], QPixmap] | None = None

    @property
    def is_placeholder(self) -> bool:
        return self.renderer is None

    def aspect(self) -> float:
        if self.renderer is None:
            return ASPECT
        box = self.renderer.viewBoxF()
        return box.width() / box.height() if box.height() else ASPECT

    def sizeHint(self) -> QSize:
        return QSize(int(HEIGHT * self.aspect()), HEIGHT)

    def _pick_renderer(self, dark: bool) -> None:
        # A checkout or install without the dark set still shows the light drawing.
        dark_renderer = _renderer(illustration_path(self.slug, dark=True)) if dark else None
        self.renderer = dark_renderer or self.light_renderer

    def _floor(self, painter: QPainter, target: QRectF, dark: bool) -> None:
        """Continue the drawing's mat and floor line to both sides of the panel."""
        assert self.renderer is not None
        box = self.renderer.viewBoxF()
        scale = target.height() / box.height()

        def y(units: float) -> float:
            return target.top() + (units - box.top()) * scale

        inset, overlap = 14 * scale, 15 * scale  # the drawing's floor starts 14 units in
        # drawRect rather than fillRect: PySide resolves fillRect's overloads by building
        # QGradient's Python type, 2-3 ms of the first paint.
        painter.setPen(Qt.PenStyle.NoPen)
        for left, right in (
            (inset, target.left() + overlap),
            (target.right() - overlap, self.width() - inset),
        ):
            if right <= left:
                continue
            painter.setBrush(DARK_MAT if dark else MAT)
            painter.drawRect(QRectF(left, y(MAT_TOP), right - left, y(FLOOR_TOP) - y(MAT_TOP)))
            painter.setBrush(DARK_FLOOR if dark else FLOOR)
            painter.drawRect(
                QRectF(left, y(FLOOR_TOP), right - left, y(FLOOR_BOTTOM) - y(FLOOR_TOP))
            )

    def _drawing(self, size: QSizeF) -> QPixmap:
        """The drawing at `size`, rendered once per size and scheme: a scroll or a set marked
        in floor mode repaints the panel, and rendering the SVG again took 2 ms at 1920x1080."""
        assert self.renderer is not None
        ratio = self.devicePixelRatioF()
        key = (id(self.renderer), size.width(), size.height(), ratio)
        if self._cached is None or self._cached[0] != key:
            pixmap = QPixmap((size * ratio).toSize())
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.renderer.render(painter, QRectF(QPointF(0, 0), size))
            painter.end()
            self._cached = (key, pixmap)
        return self._cached[1]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        panel = QRectF(self.rect())
        height = min(panel.height(), panel.width() / self.aspect())
        width = height * self.aspect()
        target = QRectF((panel.width() - width) / 2, (panel.height() - height) / 2, width, height)
        palette = self.palette()
        dark = is_dark(palette)
        self._pick_renderer(dark)
        if self.renderer is not None:
            dark = dark and self.renderer is not self.light_renderer
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(DARK_BACKDROP if dark else BACKDROP)
            painter.drawRoundedRect(panel, 10, 10)
            painter.drawPixmap(target.topLeft(), self._drawing(target.size()))
            self._floor(painter, target, dark)
            return
        painter.setPen(palette.mid().color())
        painter.setBrush(palette.alternateBase())
        painter.drawRoundedRect(panel.adjusted(1, 1, -1, -1), 10, 10)
        painter.setPen(palette.placeholderText().color())
        painter.drawText(panel, Qt.AlignmentFlag.AlignCenter, self.tr("Drawing coming soon"))
