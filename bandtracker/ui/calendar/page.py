"""The calendar page: month and year views, one day in detail, weekly goal, streaks, backfill."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from html import escape

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QPointF,
    QRect,
    QSignalBlocker,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QIcon,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
    QPolygonF,
    QShowEvent,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bandtracker import texts
from bandtracker.domain.clock import Clock, session_day
from bandtracker.domain.prescription import Side, sides_for
from bandtracker.domain.weeks import (
    DayKind,
    DayTally,
    Streaks,
    WeekProgress,
    counted_days,
    streaks,
    week_progress,
    week_start,
)
from bandtracker.store import history, preferences
from bandtracker.store.errors import StoreError
from bandtracker.store.settings import routine_settings
from bandtracker.ui import messages
from bandtracker.ui.calendar.year_heatmap import YearHeatmap
from bandtracker.ui.messages import Level, MessageBar
from bandtracker.ui.theme import error_colour, make_heading, mix
from bandtracker.ui.today.page import TodayPage, long_date

HEATMAP_DAYS = 365


def tr(text: str) -> str:
    return QCoreApplication.translate("CalendarPage", text)


def kind_text(kind: DayKind) -> str:
    if kind is DayKind.COMPLETE:
        return tr("Complete")
    if kind is DayKind.COUNTED:
        return tr("Partial, counts toward the week")
    if kind is DayKind.PARTIAL:
        return tr("Partial, fewer than half the sets: does not count")
    return tr("No sets ticked")


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def locale_first_weekday() -> int:
    return QLocale().firstDayOfWeek().value


def weeks_text(n: int) -> str:
    return (tr("{n} weeks") if n != 1 else tr("{n} week")).format(n=n)


def clock_time(moment: datetime) -> str:
    return QLocale().toString(moment.time(), QLocale.FormatType.ShortFormat)


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


class DayPanel(QFrame):
    """One day's session for reading, with the ways to log, edit or delete it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dayPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("dayTitle")
        make_heading(self.title, 1.3)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.summary = QLabel()
        self.summary.setObjectName("daySummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.times = QLabel()
        self.times.setObjectName("dayTimes")
        layout.addWidget(self.times)
        self.exercises = QLabel()
        self.exercises.setObjectName("dayExercises")
        self.exercises.setTextFormat(Qt.TextFormat.RichText)
        self.exercises.setWordWrap(True)
        self.exercises.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.exercises)
        self.note = QLabel()
        self.note.setObjectName("dayNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # the user's words, shown as typed
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        # Named from the start; show_detail() renames it for the day it shows.
        self.edit_button = QPushButton(self.tr("&Edit This Day"))
        self.edit_button.setObjectName("editDayButton")
        buttons.addWidget(self.edit_button)
        self.delete_button = QPushButton(self.tr("&Delete Session\N{HORIZONTAL ELLIPSIS}"))
        self.delete_button.setObjectName("deleteDayButton")
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def show_detail(self, detail: history.DayDetail, is_today: bool) -> None:
        view = detail.view
        self.title.setText(long_date(view.day))
        self.edit_button.setText(self.tr("&Open Today") if is_today else self.tr("&Edit This Day"))
        if not view.recorded:
            self.summary.setText(self.tr("No session logged on this day."))
            self.times.hide()
            self.exercises.clear()
            self.exercises.hide()
            self.note.hide()
            self.delete_button.hide()
            if not is_today:
                self.edit_button.setText(self.tr("&Log This Day"))
            return
        prescribed = sum(p.prescription.sets * len(sides_for(p.exercise)) for p in view.plan)
        tally = DayTally(view.done_count, prescribed)
        self.summary.setText(
            self.tr("{kind}: {done} of {total} sets").format(
                kind=kind_text(tally.kind), done=view.done_count, total=prescribed
            )
        )
        self.delete_button.show()
        self.exercises.show()
        if detail.started_at and not 0 <= (detail.started_at.date() - view.day).days <= 1:
            # Backfilled later: the clock times are those of the typing, not of the workout.
            self.times.setText(
                self.tr("Logged later, on {day}").format(day=long_date(detail.started_at.date()))
            )
            self.times.show()
        elif detail.started_at and detail.finished_at and view.done:
            minutes = round(detail.duration.total_seconds() / 60) if detail.duration else 0
            self.times.setText(
                self.tr("{start} \N{EN DASH} {end} ({minutes} min)").format(
                    start=clock_time(detail.started_at),
                    end=clock_time(detail.finished_at),
                    minutes=minutes,
                )
            )
            self.times.show()
        else:
            self.times.hide()
        rows = []
        for planned in view.plan:
            keys = planned.slots(view.extra_sets(planned))
            done = [k for k in keys if k in view.done]
            sides = sides_for(planned.exercise)
            if sides == (Side.NONE,):
                count = f"{len(done)}/{planned.prescription.sets}"
            else:
                count = ", ".join(
                    self.tr("{side} {done}/{sets}").format(
                        side=self.tr("right") if side is Side.RIGHT else self.tr("left"),
                        done=sum(1 for k in done if k.side is side),
                        sets=planned.prescription.sets,
                    )
                    for side in sides
                )
            band = self.tr("{band} band").format(band=texts.band_name(planned.prescription.band))
            rows.append(
                f"<tr><td>{escape(texts.exercise_name(planned.exercise))}</td>"
                f"<td style='padding-left:12px; white-space:nowrap'>{count}</td>"
                f"<td style='padding-left:12px; white-space:nowrap'>{escape(band)}</td></tr>"
            )
        self.exercises.setText(f"<table>{''.join(rows)}</table>")
        self.note.setText(self.tr("Note: {note}").format(note=detail.note) if detail.note else "")
        self.note.setVisible(bool(detail.note))


class CalendarPage(QWidget):
    """History at a glance; data is read only for what is on screen, and only once shown."""

    day_edited = Signal(object)  # a date whose sets changed here

    def __init__(
        self, clock: Clock, today_page: TodayPage | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calendarPage")
        self.clock = clock
        self.today_page = today_page
        self.first_weekday = 1
        self.target = 3
        self.all_tallies: dict[date, DayTally] | None = None  # loaded when first shown
        self.rest: list[date] = []
        self.undo_stack: list[history.DeletedSession] = []
        self.loaded = False
        self.chose_first_day = False

        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        overview = QWidget()
        layout = QVBoxLayout(overview)
        layout.setContentsMargins(16, 12, 16, 12)
        header = QHBoxLayout()
        self.week_label = QLabel()
        self.week_label.setObjectName("calendarWeekLabel")
        make_heading(self.week_label, 1.3)
        header.addWidget(self.week_label)
        header.addSpacing(24)
        self.streak_label = QLabel()
        self.streak_label.setObjectName("streakLabel")
        header.addWidget(self.streak_label, 1)
        layout.addLayout(header)

        self.message_bar = MessageBar()
        self.undo_button = QPushButton(self.tr("&Undo"))
        self.undo_button.setObjectName("undoDeleteButton")
        self.undo_button.clicked.connect(self.undo_delete)
        self.message_bar.layout().insertWidget(1, self.undo_button)
        self.undo_button.hide()
        layout.addWidget(self.message_bar)

        body = QHBoxLayout()
        left = QVBoxLayout()
        self.calendar = MonthCalendar()
        self.calendar.setMinimumSize(420, 300)
        self.calendar.setAccessibleName(self.tr("Month calendar"))
        left.addWidget(self.calendar, 1)
        left.addWidget(Legend())
        self.rest_box = QPushButton(self.tr("Mark as &Rest Week"))
        self.rest_box.setCheckable(True)
        self.rest_box.setToolTip(
            self.tr("A rest week (holiday, injury) neither counts toward nor breaks your streak.")
        )
        self.rest_box.setObjectName("restWeekBox")
        self.rest_box.toggled.connect(self._rest_toggled)
        rest_row = QHBoxLayout()
        rest_row.addWidget(self.rest_box)
        rest_row.addStretch(1)
        left.addLayout(rest_row)
        body.addLayout(left, 3)
        self.panel = DayPanel()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.panel)
        scroll.setAccessibleName(self.tr("Selected day"))
        body.addWidget(scroll, 2)
        layout.addLayout(body, 1)

        year_title = QLabel(self.tr("Last twelve months"))
        year_title.setObjectName("yearTitle")
        layout.addWidget(year_title)
        self.heatmap = YearHeatmap()
        heat_scroll = QScrollArea()
        heat_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        heat_scroll.setWidget(self.heatmap)
        heat_scroll.setAccessibleName(self.tr("Last twelve months"))
        heat_scroll.setWidgetResizable(False)
        heat_scroll.setFixedHeight(self.heatmap.sizeHint().height() + 24)
        heat_scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.heat_scroll = heat_scroll
        layout.addWidget(heat_scroll)
        # Scrolls rather than forcing a tall window; at 1024x700 everything fits.
        overview_scroll = QScrollArea()
        overview_scroll.setWidgetResizable(True)
        overview_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        overview_scroll.setWidget(overview)
        overview_scroll.setAccessibleName(self.tr("Calendar overview"))
        self.stack.addWidget(overview_scroll)

        editor_page = QWidget()
        editor_layout = QVBoxLayout(editor_page)
        editor_layout.setContentsMargins(0, 8, 0, 0)
        back_row = QHBoxLayout()
        back_row.setContentsMargins(16, 0, 16, 0)
        self.back_button = QPushButton(self.tr("\N{LEFTWARDS ARROW} &Back to Calendar"))
        self.back_button.setObjectName("backToCalendar")
        self.back_button.clicked.connect(self.close_editor)
        back_row.addWidget(self.back_button)
        back_row.addStretch(1)
        editor_layout.addLayout(back_row)
        self.editor = TodayPage(clock)
        self.editor.setObjectName("pastDayEditor")
        self.editor.set_saved.connect(self._after_change)
        editor_layout.addWidget(self.editor, 1)
        self.stack.addWidget(editor_page)

        self.undo_action = QAction(self.tr("&Undo Delete"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(self.undo_delete)
        self.undo_action.setEnabled(False)
        self.addAction(self.undo_action)
        back_action = QAction(self)
        back_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        back_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back_action.triggered.connect(self.close_editor)
        editor_page.addAction(back_action)

        self.calendar.currentPageChanged.connect(self._page_changed)
        self.calendar.selectionChanged.connect(self._selection_changed)
        self.calendar.activated.connect(lambda _: self.open_editor(self.selected_day()))
        self.heatmap.day_clicked.connect(self.select_day)
        self.panel.edit_button.clicked.connect(lambda: self.open_editor(self.selected_day()))
        self.panel.delete_button.clicked.connect(self.delete_selected)
        if today_page is not None:
            self.today_week_label = QLabel()
            self.today_week_label.setObjectName("todayWeekLabel")
            self.today_week_label.setAlignment(Qt.AlignmentFlag.AlignRight)
            today_page.add_header_widget(self.today_week_label)
            today_page.set_saved.connect(self.day_changed)
        self.refresh_week()

    # --- what day it is and what is in effect -------------------------------------------

    def today(self) -> date:
        return session_day(self.clock(), routine_settings().rollover_hour)

    def selected_day(self) -> date:
        return pydate(self.calendar.selectedDate())

    def _read_settings(self) -> None:
        self.first_weekday = history.first_weekday(locale_first_weekday())
        self.target = preferences.weekly_target()

    # --- loading -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.refresh()

    def refresh(self) -> None:
        """Reload everything (after an import, a new day or a settings change)."""
        self._read_settings()
        today = self.today()
        self.calendar.today = today
        self.calendar.first_weekday = self.first_weekday
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek(self.first_weekday))
        self.calendar.setMaximumDate(qdate(today))
        if not self.chose_first_day:
            # Start on the app's workout day (before the rollover hour, still yesterday),
            # not the computer's calendar date that QCalendarWidget picks by itself.
            self.chose_first_day = True
            with QSignalBlocker(self.calendar):
                self.calendar.setSelectedDate(qdate(today))
        if not self.isVisible():
            # Only the week's numbers are needed until the page is shown.
            self.loaded = False
            self.all_tallies = None
            self.refresh_week()
            return
        self.loaded = True
        self.all_tallies = history.tallies()
        self.rest = history.rest_days()
        self._load_month()
        self._load_heatmap()
        self.refresh_week()
        self._selection_changed()

    def _load_month(self) -> None:
        start, end = self.calendar.grid_range()
        self.calendar.tallies = history.tallies(start, end)
        self.calendar.set_rest_weeks({week_start(d, self.first_weekday) for d in self.rest})
        self.calendar.updateCells()

    def _load_heatmap(self) -> None:
        today = self.today()
        first = today - timedelta(days=HEATMAP_DAYS)
        counts = history.set_counts(week_start(first, self.first_weekday), today + timedelta(1))
        self.heatmap.set_data(today, self.first_weekday, counts, first)
        self.heatmap.resize(self.heatmap.sizeHint())
        self.heat_scroll.horizontalScrollBar().setValue(self.heatmap.width())

    def week_status(self) -> tuple[WeekProgress, Streaks | None]:
        today = self.today()
        if self.all_tallies is None:
            start = week_start(today, self.first_weekday)
            week = history.tallies(start, start + timedelta(days=7))
            rest = history.rest_days(start, start + timedelta(days=7))
            return week_progress(
                counted_days(week), today, self.target, self.first_weekday, rest
            ), None
        counted = counted_days(self.all_tallies)
        return (
            week_progress(counted, today, self.target, self.first_weekday, self.rest),
            streaks(counted, today, self.target, self.first_weekday, self.rest),
        )

    def refresh_week(self) -> None:
        try:
            if not self.loaded:
                self._read_settings()
            progress, run = self.week_status()
        except StoreError as exc:
            self._error(texts.error_text(exc))
            return
        text = self.week_text(progress)
        self.week_label.setText(text)
        if self.today_page is not None:
            self.today_week_label.setText(text)
        if run is not None:
            self.streak_label.setText(
                self.tr("Current streak: {current} \N{MIDDLE DOT} Best: {best}").format(
                    current=weeks_text(run.current), best=weeks_text(run.best)
                )
            )

    def week_text(self, progress: WeekProgress) -> str:
        # WeekProgress.text() says the same in the domain's English; the page shows this one.
        if progress.rest:
            return self.tr("This week: rest week ({done} done)").format(done=progress.counted)
        return self.tr("This week: {done} of {target}").format(
            done=progress.counted, target=progress.target
        )

    # --- reacting to the user ------------------------------------------------------------

    def _page_changed(self, year: int, month: int) -> None:
        if self.loaded:
            self._load_month()

    def select_day(self, day: date) -> None:
        self.calendar.setSelectedDate(qdate(day))
        self.calendar.setFocus()

    def _selection_changed(self) -> None:
        if not self.loaded:
            return
        day = self.selected_day()
        try:
            detail = history.day_detail(day)
        except StoreError as exc:
            self._error(texts.error_text(exc))
            return
        self.panel.show_detail(detail, day == self.today())
        self.rest_box.blockSignals(True)
        self.rest_box.setChecked(week_start(day, self.first_weekday) in self.calendar.rest_weeks)
        self.rest_box.blockSignals(False)

    def _rest_toggled(self, rest: bool) -> None:
        try:
            history.set_rest_week(self.selected_day(), self.first_weekday, rest)
            self.rest = history.rest_days()
        except StoreError as exc:
            self._error(texts.error_text(exc))
            self.rest_box.blockSignals(True)
            self.rest_box.setChecked(not rest)
            self.rest_box.blockSignals(False)
            return
        self._load_month()
        self.refresh_week()

    def day_changed(self, day: date) -> None:
        """A day's sets changed (here or on the Today page): update what shows it."""
        if self.all_tallies is not None:
            fresh = history.tallies(day, day + timedelta(days=1))
            self.all_tallies.pop(day, None)
            self.all_tallies.update(fresh)
        if self.loaded:
            start, end = self.calendar.grid_range()
            if start <= day < end:
                self._load_month()
            self._load_heatmap()
            if day == self.selected_day() and self.stack.currentIndex() == 0:
                self._selection_changed()
        self.refresh_week()

    def open_editor(self, day: date) -> None:
        """Open a day in the same card view as Today, labelled with its date."""
        if day > self.today():
            return
        if day == self.today() and self.today_page is not None:
            tabs = self.today_page.parentWidget()
            while tabs is not None and not hasattr(tabs, "setCurrentWidget"):
                tabs = tabs.parentWidget()
            if tabs is not None:
                tabs.setCurrentWidget(self.today_page)
                return
        self.editor.show_day(day)
        self.editor.title.setText(
            self.tr("Today") if day == self.today() else self.tr("Editing a past day")
        )
        self.stack.setCurrentIndex(1)
        self.back_button.setFocus()

    def close_editor(self) -> None:
        if self.stack.currentIndex() != 1:
            return
        self.stack.setCurrentIndex(0)
        self._selection_changed()
        self.calendar.setFocus()

    def delete_selected(self) -> None:
        day = self.selected_day()
        if not messages.confirm(
            self,
            self.tr("Delete Session"),
            self.tr(
                "Delete the session of {day} and all its ticked sets?\n\n"
                "You can undo this until you quit Band Tracker."
            ).format(day=long_date(day)),
            self.tr("Delete Session"),
        ):
            return
        try:
            deleted = history.delete_session(day)
        except StoreError as exc:
            self._error(texts.error_text(exc))
            return
        if deleted is None:
            return
        self.undo_stack.append(deleted)
        self.undo_action.setEnabled(True)
        self.undo_button.show()
        self.message_bar.show_message(
            self.tr("Deleted the session of {day}.").format(day=long_date(day))
        )
        self._after_change(day)

    def undo_delete(self) -> None:
        if not self.undo_stack:
            return
        deleted = self.undo_stack[-1]
        try:
            history.restore_session(deleted)
        except StoreError as exc:
            self.undo_button.hide()
            self._error(texts.error_text(exc))
            return
        self.undo_stack.pop()
        self.undo_action.setEnabled(bool(self.undo_stack))
        self.undo_button.setVisible(bool(self.undo_stack))
        self.message_bar.show_message(
            self.tr("Restored the session of {day}.").format(day=long_date(deleted.day))
        )
        if not self.undo_stack:
            self.undo_button.hide()
        self._after_change(deleted.day)
        self.select_day(deleted.day)

    def _error(self, text: str) -> None:
        self.undo_button.hide()
        self.message_bar.show_message(text, Level.ERROR)

    def _after_change(self, day: date) -> None:
        self.day_changed(day)
        self.day_edited.emit(day)
        if self.today_page is not None and self.today_page.day == day:
            self.today_page.show_day(day)
