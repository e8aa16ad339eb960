"""The month view: recorded days marked by kind, today outlined, rest weeks tinted; its legend."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QLocale, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
    QPolygonF,
    QTextCharFormat,
)
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLabel, QToolButton, QWidget

from bandtracker.domain.weeks import DayKind, DayTally, week_start
from bandtracker.ui.accessibility import announce
from bandtracker.ui.calendar.day_panel import day_summary
from bandtracker.ui.theme import error_colour, mix


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def paint_mark(
    painter: QPainter, rect: QRect, kind: DayKind, accent: QColor, fill: QColor | None = None
) -> None:
    """The day's mark: a filled disc when complete, a ring when it counts, a dot when it does not.

    Shapes differ, not just colours, so the marks read in any theme and for colour-blind users.
    """
    size = min(rect.width(), rect.height())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if kind is DayKind.PARTIAL:
        r = max(2, size // 12)
        centre = rect.center()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(accent))
        painter.drawEllipse(centre.x() - r, rect.bottom() - 3 * r - 1, 2 * r, 2 * r)
    else:
        pen = painter.pen()
        pen.setColor(accent)
        pen.setWidthF(max(2.0, size / 14))
        painter.setPen(pen)
        if fill is None or kind is not DayKind.COMPLETE:
            fill = QColor(accent)
            fill.setAlphaF(0.35 if kind is DayKind.COMPLETE else 0.0)
        painter.setBrush(QBrush(fill))
        d = int(size * 0.78)
        painter.drawEllipse(rect.center().x() - d // 2, rect.center().y() - d // 2, d, d)
    painter.restore()


def rest_tint(palette: QPalette) -> QColor:
    """A rest week's cell background: plainly set apart from the other days, under the text."""
    return mix(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Mid), 0.55)


class MonthCalendar(QCalendarWidget):
    """A month view that marks recorded days, outlines today and tints rest weeks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monthCalendar")
        self.setGridVisible(False)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.tallies: dict[date, DayTally] = {}
        self.rest_weeks: set[date] = set()
        self.first_weekday = 1
        self.today = date.today()
        self.tinted: set[date] = set()
        # The days Qt shows in red (the locale's weekend), in a red readable on either scheme:
        # Qt's pure red was dim on the dark cells and under the contrast minimum on white.
        self.weekend = [
            day
            for day in Qt.DayOfWeek
            if self.weekdayTextFormat(day).foreground().style() != Qt.BrushStyle.NoBrush
        ]
        self._colour_weekend()
        self._draw_arrows()
        self._name_parts()
        self.last_announcement = ""
        self.selectionChanged.connect(self._selection_moved)

    def _name_parts(self) -> None:
        # Qt gives the month arrows and the year box no name: a screen reader said "button".
        for name, text in (
            ("qt_calendar_prevmonth", self.tr("Previous month")),
            ("qt_calendar_nextmonth", self.tr("Next month")),
            ("qt_calendar_yearedit", self.tr("Year")),
        ):
            part = self.findChild(QWidget, name)
            if part is not None:
                part.setAccessibleName(text)
                if isinstance(part, QToolButton):
                    part.setToolTip(text)

    def describe(self, day: date) -> str:
        """What a screen reader says of a day: "Tuesday 24 November, Complete: 30 of 30 sets"."""
        when = QLocale().toString(qdate(day), self.tr("dddd d MMMM", "date of a calendar day"))
        parts = [when, day_summary(self.tallies.get(day))]
        if week_start(day, self.first_weekday) in self.rest_weeks:
            parts.append(self.tr("rest week"))
        if day == self.today:
            parts.append(self.tr("today"))
        return ", ".join(parts)

    def describe_selection(self) -> str:
        """Put the chosen day's description on the grid (again: its day may have changed).

        Qt's day cells read as their number alone, and its model is private, so the grid
        carries the chosen day's date and how it went.
        """
        text = self.describe(pydate(self.selectedDate()))
        grid = self.findChild(QWidget, "qt_calendar_calendarview")
        if grid is not None:
            grid.setAccessibleDescription(text)
        return text

    def _selection_moved(self) -> None:
        text = self.describe_selection()
        # Said aloud only when the user moved it: not while the page is built or kept in step
        # out of sight (a new day, a rollover before midnight's date).
        if self.isVisible():
            self.last_announcement = text
            announce(self, text)

    def _draw_arrows(self) -> None:
        # Qt's month arrows are black whatever the bar's colour: on the dark scheme's light blue
        # bar an unavailable next month looked as available as the previous one.
        palette = self.palette()
        shown = palette.color(QPalette.ColorRole.HighlightedText)
        faded = mix(palette.color(QPalette.ColorRole.Highlight), shown, 0.3)
        right_to_left = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for name, back in (("qt_calendar_prevmonth", True), ("qt_calendar_nextmonth", False)):
            button = self.findChild(QToolButton, name)
            if button is None:
                continue
            left = back != right_to_left
            icon = QIcon()
            icon.addPixmap(self._arrow(button.iconSize(), shown, left), QIcon.Mode.Normal)
            icon.addPixmap(self._arrow(button.iconSize(), faded, left), QIcon.Mode.Disabled)
            button.setIcon(icon)

    def _arrow(self, size: QSize, colour: QColor, left: bool) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(size * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        w, h = size.width(), size.height()
        tip, base = (w * 0.22, w * 0.72) if left else (w * 0.78, w * 0.28)
        painter.drawPolygon(
            QPolygonF([QPointF(tip, h / 2), QPointF(base, h * 0.14), QPointF(base, h * 0.86)])
        )
        painter.end()
        return pixmap

    def _colour_weekend(self) -> None:
        for day in self.weekend:
            weekend = self.weekdayTextFormat(day)
            weekend.setForeground(QBrush(error_colour(self.palette())))
            self.setWeekdayTextFormat(day, weekend)

    def set_rest_weeks(self, weeks: set[date]) -> None:
        self.rest_weeks = weeks
        self._tint_rest_days()

    def _tint_rest_days(self) -> None:
        # A cell background of the date's format, so Qt paints it under the day's number (a fill
        # in paintCell would be covered by the cell, or cover its text). Only the grid's days.
        start, end = self.grid_range()
        days = {start + timedelta(days=n) for n in range((end - start).days)}
        rest = {d for d in days if week_start(d, self.first_weekday) in self.rest_weeks}
        tint = QTextCharFormat()
        tint.setBackground(QBrush(rest_tint(self.palette())))
        for day in self.tinted - rest:
            self.setDateTextFormat(qdate(day), QTextCharFormat())
        for day in rest:
            self.setDateTextFormat(qdate(day), tint)
        self.tinted = rest

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._draw_arrows()
        if event.type() == QEvent.Type.PaletteChange:
            # The colour scheme changed: the weekend's red and the rest tint follow it.
            self._colour_weekend()
            self._draw_arrows()
            if self.tinted:
                self._tint_rest_days()

    def grid_range(self) -> tuple[date, date]:
        """The days the month page can show (it includes parts of the months around it)."""
        first = date(self.yearShown(), self.monthShown(), 1)
        start = week_start(first, self.first_weekday) - timedelta(days=7)
        return start, start + timedelta(days=7 * 8)

    def paintCell(self, painter: QPainter, rect: QRect, qday: QDate) -> None:
        day = pydate(qday)
        # A copy, not a reference into the widget: the cell painter keeps it for the whole call.
        palette = QPalette(self.palette())
        super().paintCell(painter, rect, qday)
        tally = self.tallies.get(day)
        if tally is not None and tally.kind is not DayKind.NONE:
            selected = qday == self.selectedDate()
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight
            if selected:
                # A disc a shade further from the number's colour than the selection itself:
                # a pale one left a white number on light blue (or dark on mid blue).
                highlight = palette.color(QPalette.ColorRole.Highlight)
                light_number = palette.color(role).lightnessF() > 0.5
                fill = highlight.darker(135) if light_number else highlight.lighter(125)
            else:
                # Opaque, so the number written over it below is the only one showing.
                rest = week_start(day, self.first_weekday) in self.rest_weeks
                cell = rest_tint(palette) if rest else palette.color(QPalette.ColorRole.Base)
                fill = mix(cell, palette.color(role), 0.35)
            paint_mark(painter, rect, tally.kind, palette.color(role), fill)
            if tally.kind is DayKind.COMPLETE:
                # The disc lies over the day's number: write it again on top, or a selected
                # day's number was pale on pale (light) or dark on dark (dark).
                painter.save()
                painter.setPen(self._number_colour(qday, selected, palette))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(qday.day()))
                painter.restore()
        if day == self.today:
            painter.save()
            pen = painter.pen()
            pen.setColor(palette.color(QPalette.ColorRole.Text))
            pen.setWidth(2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
            painter.restore()

    def _number_colour(self, qday: QDate, selected: bool, palette: QPalette) -> QColor:
        """The colour Qt gives the day's number: selected, another month's, weekend, plain."""
        if selected:
            return palette.color(QPalette.ColorRole.HighlightedText)
        if qday.month() != self.monthShown():
            return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        weekday = self.weekdayTextFormat(Qt.DayOfWeek(qday.dayOfWeek())).foreground()
        if weekday.style() != Qt.BrushStyle.NoBrush:
            return weekday.color()
        return palette.color(QPalette.ColorRole.Text)


class Legend(QWidget):
    """What the calendar's marks mean, drawn with the same painter as the marks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarLegend")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        items: tuple[tuple[DayKind | str | None, str], ...] = (
            (DayKind.COMPLETE, self.tr("Complete")),
            (DayKind.COUNTED, self.tr("At least half: counts")),
            (DayKind.PARTIAL, self.tr("Under half: does not count")),
            (None, self.tr("Today")),
            ("rest", self.tr("Rest week")),
        )
        for kind, text in items:
            layout.addWidget(_Swatch(kind))
            label = QLabel(text)
            layout.addWidget(label)
            layout.addSpacing(10)
        layout.addStretch(1)
        self.setAccessibleName(
            self.tr(
                "Legend: filled circle complete, ring at least half, dot under half, box today, "
                "grey background rest week"
            )
        )


class _Swatch(QWidget):
    def __init__(self, kind: DayKind | str | None) -> None:
        super().__init__()
        self.kind = kind
        self.setFixedSize(20, 20)

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        rect = self.rect().adjusted(1, 1, -1, -1)
        if self.kind == "rest":
            painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
            painter.setBrush(rest_tint(self.palette()))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        elif self.kind is None:
            pen = painter.pen()
            pen.setColor(self.palette().color(QPalette.ColorRole.Text))
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        else:
            assert isinstance(self.kind, DayKind)
            paint_mark(painter, rect, self.kind, self.palette().color(QPalette.ColorRole.Highlight))
        painter.end()
