"""The last twelve months as a grid of days (weeks as columns), shaded by sets done."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from bandtracker.domain.weeks import week_start
from bandtracker.ui.today.page import long_date

CELL, GAP = 12, 3
LEFT, TOP = 34, 18
# Sets done per shade step: a full default session (30 sets) reaches the third step.
LEVELS = (1, 10, 20, 30)


def shade_level(count: int) -> int:
    """0 for nothing done, then 1-4 as the day's set count passes each step."""
    return sum(1 for step in LEVELS if count >= step)


def sets_text(count: int) -> str:
    if count == 0:
        return QCoreApplication.translate("YearHeatmap", "no sets")
    if count == 1:
        return QCoreApplication.translate("YearHeatmap", "{count} set").format(count=count)
    return QCoreApplication.translate("YearHeatmap", "{count} sets").format(count=count)


class YearHeatmap(QWidget):
    day_clicked = Signal(object)  # a date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("yearHeatmap")
        self.setAccessibleName(self.tr("Sets done per day over the last twelve months"))
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.first_day = date.today()
        self.last_day = date.today()
        self.first_weekday = 1
        self.counts: dict[date, int] = {}
        # The keyboard's place in the grid: arrows move it, Enter or Space opens its day.
        self.cursor_day = self.last_day
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_data(
        self, last_day: date, first_weekday: int, counts: dict[date, int], first_day: date
    ) -> None:
        """Show days from the week holding `first_day` up to `last_day` (today)."""
        self.last_day = last_day
        self.first_weekday = first_weekday
        self.first_day = week_start(first_day, first_weekday)
        self.counts = counts
        self.move_cursor(min(max(self.cursor_day, self.first_day), last_day))
        self.updateGeometry()
        self.update()

    def columns(self) -> int:
        return (self.last_day - self.first_day).days // 7 + 1

    def sizeHint(self) -> QSize:
        return QSize(LEFT + self.columns() * (CELL + GAP), TOP + 7 * (CELL + GAP))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def cell_rect(self, day: date) -> QRect:
        offset = (day - self.first_day).days
        column, row = divmod(offset, 7)
        return QRect(LEFT + column * (CELL + GAP), TOP + row * (CELL + GAP), CELL, CELL)

    def day_at(self, pos: QPoint) -> date | None:
        column, x_in = divmod(pos.x() - LEFT, CELL + GAP)
        row, y_in = divmod(pos.y() - TOP, CELL + GAP)
        if pos.x() < LEFT or pos.y() < TOP or x_in >= CELL or y_in >= CELL or row >= 7:
            return None
        day = self.first_day + timedelta(days=column * 7 + row)
        return day if self.first_day <= day <= self.last_day else None

    def describe(self, day: date) -> str:
        return self.tr("{day}: {sets}").format(
            day=long_date(day), sets=sets_text(self.counts.get(day, 0))
        )

    def move_cursor(self, day: date) -> None:
        if self.first_day <= day <= self.last_day:
            self.cursor_day = day
            self.setAccessibleDescription(self.describe(day))
            self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Left: -7,
            Qt.Key.Key_Right: 7,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Down: 1,
        }
        key = Qt.Key(event.key())
        if key in steps:
            self.move_cursor(self.cursor_day + timedelta(days=steps[key]))
            QToolTip.showText(
                self.mapToGlobal(self.cell_rect(self.cursor_day).bottomRight()),
                self.describe(self.cursor_day),
                self,
            )
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.day_clicked.emit(self.cursor_day)
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        empty = palette.color(QPalette.ColorRole.Mid)
        empty.setAlpha(70)
        text = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(text)
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 0.8)
        painter.setFont(font)
        locale = QLocale()
        for row in (0, 2, 4):
            weekday = (self.first_weekday - 1 + row) % 7 + 1
            name = locale.dayName(weekday, QLocale.FormatType.ShortFormat)
            painter.drawText(
                QRect(0, TOP + row * (CELL + GAP) - 2, LEFT - 4, CELL + 4),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
        # Brushes made once: QPainter.setBrush(QColor) in a tight loop trips a PySide6 6.12
        # reference-count fault ("deallocating None").
        empty_brush = QBrush(empty)
        shades: list[QBrush] = []
        for level in range(1, len(LEVELS) + 1):
            colour = QColor(accent)
            colour.setAlphaF(0.25 + 0.75 * level / len(LEVELS))
            shades.append(QBrush(colour))
        painter.setPen(Qt.PenStyle.NoPen)
        day = self.first_day
        one = timedelta(days=1)
        while day <= self.last_day:
            if day.day == 1:
                painter.setPen(text)
                x = self.cell_rect(day).x()
                painter.drawText(
                    QRect(x, 0, 4 * (CELL + GAP), TOP - 3),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                    locale.monthName(day.month, QLocale.FormatType.ShortFormat),
                )
                painter.setPen(Qt.PenStyle.NoPen)
            level = shade_level(self.counts.get(day, 0))
            painter.setBrush(shades[level - 1] if level else empty_brush)
            painter.drawRoundedRect(self.cell_rect(day), 2, 2)
            day += one
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawRoundedRect(self.cell_rect(self.last_day).adjusted(-1, -1, 1, 1), 2, 2)
        if self.hasFocus():
            pen = QPen(palette.color(QPalette.ColorRole.Text))
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(self.cell_rect(self.cursor_day).adjusted(-2, -2, 2, 2))
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.day_at(event.pos())
            if day is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.describe(day), self)
            return True
        return super().event(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and day is not None:
            self.move_cursor(day)
            self.day_clicked.emit(day)
        super().mouseReleaseEvent(event)
