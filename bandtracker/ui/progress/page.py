"""The progress page: for one exercise, the band and sets of every session, and each step up."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from bandtracker import texts
from bandtracker.domain.prescription import SetKey
from bandtracker.state import AppState
from bandtracker.store import progression
from bandtracker.store.errors import StoreError
from bandtracker.store.progression import HistoryPoint
from bandtracker.ui.focus_scroll import FocusScrollArea
from bandtracker.ui.messages import Level, MessageBar
from bandtracker.ui.theme import make_heading, visible_on

STEPS_MAX_HEIGHT = 180


def short_date(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def long_date(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")


class ProgressChart(QWidget):
    """One bar per session the exercise was done in: its height is the sets done, its colour
    the band they were done with, the reps written over it when there is room."""

    MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 44, 16, 62, 40

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: tuple[HistoryPoint, ...] = ()
        self.steps: frozenset[date] = frozenset()
        self.setObjectName("progressChart")
        self.setMinimumHeight(240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_points(self, points: Sequence[HistoryPoint], steps: Sequence[HistoryPoint]) -> None:
        self.points = tuple(points)
        self.steps = frozenset(p.day for p in steps)
        self.update()

    def _plot_rect(self) -> QRectF:
        return QRectF(self.rect()).adjusted(
            self.MARGIN_LEFT, self.MARGIN_TOP, -self.MARGIN_RIGHT, -self.MARGIN_BOTTOM
        )

    def bar_rects(self) -> list[QRectF]:
        """Where each session's bar goes (also what tests and hit-testing use)."""
        plot = self._plot_rect()
        if not self.points or plot.width() <= 0 or plot.height() <= 0:
            return []
        top_sets = max(3, max(p.sets for p in self.points))
        first, last = self.points[0].day, self.points[-1].day
        span = max((last - first).days, 1)
        # Narrow enough that sessions on consecutive days never overlap.
        slots = max(len(self.points), span + 1)
        width = max(2.0, min(18.0, plot.width() / slots * 0.7))
        usable = plot.width() - width
        rects = []
        for point in self.points:
            if first == last:
                x = plot.center().x() - width / 2
            else:
                x = plot.left() + usable * (point.day - first).days / span
            height = plot.height() * point.sets / top_sets
            rects.append(QRectF(x, plot.bottom() - height, width, height))
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        faint = QColor(text)
        faint.setAlpha(50)
        plot = self._plot_rect()
        if not self.points:
            painter.setPen(text)
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.tr(
                    "No sessions with this exercise yet. Tick its sets on the Today page "
                    "and they show here."
                ),
            )
            return
        top_sets = max(3, max(p.sets for p in self.points))
        metrics = painter.fontMetrics()
        for sets in range(top_sets + 1):
            y = plot.bottom() - plot.height() * sets / top_sets
            painter.setPen(QPen(faint, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - 10, self.MARGIN_LEFT - 8, 20),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(sets),
            )
        painter.save()
        painter.translate(12, plot.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-60, -10, 120, 20), Qt.AlignmentFlag.AlignCenter, self.tr("sets done")
        )
        painter.restore()

        outline = QColor(text)
        outline.setAlpha(120)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        last_label_end = -1.0
        rects = self.bar_rects()
        for index, (point, rect) in enumerate(zip(self.points, rects, strict=True)):
            painter.setBrush(QBrush(visible_on(QColor(point.colour), palette)))
            painter.setPen(QPen(outline, 1) if rect.width() > 4 else Qt.PenStyle.NoPen)
            painter.drawRect(rect)
            reps = str(point.reps)
            if rect.width() >= metrics.horizontalAdvance("00") + 2:
                painter.setPen(text)
                painter.drawText(
                    QRectF(rect.left() - 8, rect.top() - 16, rect.width() + 16, 14),
                    Qt.AlignmentFlag.AlignCenter,
                    reps,
                )
            labelled = point.day in self.steps or index in (0, len(self.points) - 1)
            if point.day in self.steps:
                cx = rect.center().x()
                painter.setBrush(highlight)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawPolygon(
                    QPolygonF(
                        [
                            # Above the reps written over the bar.
                            QPointF(cx, rect.top() - 28),
                            QPointF(cx - 5, rect.top() - 20),
                            QPointF(cx + 5, rect.top() - 20),
                        ]
                    )
                )
            if labelled:
                label = short_date(point.day)
                width = metrics.horizontalAdvance(label)
                x = min(max(rect.center().x() - width / 2, 0), self.width() - width)
                if x > last_label_end + 6:
                    painter.setPen(text)
                    painter.drawText(QPointF(x, plot.bottom() + 6 + metrics.ascent()), label)
                    last_label_end = x + width

        # Legend: the bands that appear, in the order they were first used.
        x = float(plot.left())
        seen: list[tuple[str, str]] = []
        for point in self.points:
            if point.band not in [b for b, _ in seen]:
                seen.append((point.band, point.colour))
        y = 8.0
        for name, band_colour in seen:
            band = texts.band_name(name)
            painter.setBrush(visible_on(QColor(band_colour), palette))
            painter.setPen(QPen(outline, 1))
            painter.drawRect(QRectF(x, y + 2, 12, 12))
            painter.setPen(text)
            painter.drawText(QPointF(x + 16, y + 2 + metrics.ascent() - 1), band)
            x += 16 + metrics.horizontalAdvance(band) + 14
        painter.setPen(text)
        key = self.tr("\N{BLACK UP-POINTING TRIANGLE} step up")
        if rects and rects[0].width() >= metrics.horizontalAdvance("00") + 2:
            key = self.tr("\N{BLACK UP-POINTING TRIANGLE} step up   number over a bar: reps")
        painter.drawText(
            QRectF(x, y, max(0.0, plot.right() - x), 18), Qt.AlignmentFlag.AlignRight, key
        )


class ProgressPage(QWidget):
    """Pick an exercise; see how its band and sets moved, and when it stepped up."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.catalogue = state.catalogue
        self.stale = True  # read when shown, and again when shown after a change
        self.setObjectName("progressPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        header = QHBoxLayout()
        title = QLabel(self.tr("Progress"))
        make_heading(title, 1.6)
        header.addWidget(title, 1)
        chooser = QLabel(self.tr("E&xercise:"))
        self.exercise_combo = QComboBox()
        self.exercise_combo.setAccessibleName(self.tr("Exercise to show"))
        chooser.setBuddy(self.exercise_combo)
        for exercise in self.catalogue.exercises:
            self.exercise_combo.addItem(texts.exercise_name(exercise), exercise.slug)
        self.exercise_combo.currentIndexChanged.connect(self.refresh)
        header.addWidget(chooser)
        header.addWidget(self.exercise_combo)
        layout.addLayout(header)
        self.message_bar = MessageBar()
        layout.addWidget(self.message_bar)
        self.summary = QLabel()
        self.summary.setObjectName("progressSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # it names the user's bands
        layout.addWidget(self.summary)
        self.chart = ProgressChart()
        layout.addWidget(self.chart, 1)
        self.steps_label = QLabel()
        self.steps_label.setObjectName("stepsList")
        self.steps_label.setWordWrap(True)
        self.steps_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.steps_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Scrolls rather than stretching the window, however many steps a long history has.
        steps_scroll = FocusScrollArea()
        steps_scroll.setAccessibleName(self.tr("Steps up"))
        steps_scroll.setWidgetResizable(True)
        steps_scroll.setWidget(self.steps_label)
        self.steps_scroll = steps_scroll
        layout.addWidget(steps_scroll)
        for signal in (state.session_changed, state.day_changed):
            signal.connect(self._changed)
        for signal in (state.settings_changed, state.data_replaced):
            signal.connect(self._changed)
        state.sets_changed.connect(self._set_changed)

    def _set_changed(self, day: date, key: SetKey, ticked: bool) -> None:
        if key.exercise == self.exercise_combo.currentData():
            self._changed()

    def _changed(self, *_: object) -> None:
        """Read again now if on screen, else when next shown (a tick on Today costs nothing)."""
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def show_exercise(self, slug: str) -> None:
        index = self.exercise_combo.findData(slug)
        if index >= 0:
            self.exercise_combo.setCurrentIndex(index)
            self.refresh()

    def refresh(self) -> None:
        self.stale = False
        slug = self.exercise_combo.currentData()
        if slug is None:
            return
        exercise = self.catalogue[slug]
        try:
            points = progression.exercise_history(slug, self.catalogue)
            steps = progression.step_ups(points, progression.band_ladder(self.catalogue))
            plan = {p.exercise.slug: p for p in self.state.current_plan()}
        except StoreError as exc:
            self.message_bar.show_message(texts.error_text(exc), Level.ERROR)
            return
        self.chart.set_points(points, steps)
        planned = plan.get(slug)
        if planned is None:
            now = self.tr("Not in your routine at the moment.")
        else:
            p = planned.prescription
            now = self.tr("Now: {prescription} with the {band} band.").format(
                prescription=texts.prescription(planned), band=texts.band_name(p.band)
            )
        if points:
            done = sum(1 for point in points if point.complete)
            if len(points) == 1:
                since = self.tr("{count} session since {day}, {done} with every set done.")
            else:
                since = self.tr("{count} sessions since {day}, {done} with every set done.")
            now += " " + since.format(count=len(points), day=long_date(points[0].day), done=done)
        self.summary.setText(now)
        if steps:
            line = self.tr("{day}: {sets} sets of {reps} with the {band} band")
            lines = [
                escape(
                    line.format(
                        day=long_date(s.day),
                        sets=s.sets,
                        reps=s.reps,
                        band=texts.band_name(s.band),
                    )
                )
                for s in steps
            ]
            self.steps_label.setText(f"<b>{self.tr('Steps up')}</b><br>" + "<br>".join(lines))
        else:
            self.steps_label.setText(f"<b>{self.tr('Steps up')}</b><br>{self.tr('None yet.')}")
        # As tall as the list, up to a limit: the chart, which stretches, had squeezed it to a
        # line and a half even on a large screen.
        self.steps_scroll.fit_height(min(self.steps_label.sizeHint().height(), STEPS_MAX_HEIGHT))
        self.chart.setAccessibleName(
            self.tr("Band and sets over time for {name}").format(name=texts.exercise_name(exercise))
        )
        self.chart.setAccessibleDescription(
            self.tr("{sessions} sessions, {steps} steps up").format(
                sessions=len(points), steps=len(steps)
            )
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()
