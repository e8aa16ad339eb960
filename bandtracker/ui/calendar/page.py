"""The calendar page: month and year views, one day in detail, weekly goal, streaks, backfill."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from bandtracker.domain.prescription import SetKey
from bandtracker.domain.weeks import DayTally, Streaks, WeekProgress, counted_days, streaks
from bandtracker.domain.weeks import week_start as start_of_week
from bandtracker.state import AppState
from bandtracker.store import history
from bandtracker.store.errors import StoreError
from bandtracker.store.sessions import DayView
from bandtracker.texts import error_text
from bandtracker.ui import messages
from bandtracker.ui.calendar.day_panel import DayPanel
from bandtracker.ui.calendar.month import Legend, MonthCalendar, pydate, qdate
from bandtracker.ui.calendar.year_heatmap import YearHeatmap
from bandtracker.ui.focus_scroll import FocusScrollArea
from bandtracker.ui.messages import Level, MessageBar
from bandtracker.ui.theme import make_heading
from bandtracker.ui.today.page import TodayPage, long_date
from bandtracker.ui.today.week_line import week_text

HEATMAP_DAYS = 365


def tr(text: str) -> str:
    return QCoreApplication.translate("CalendarPage", text)


def weeks_text(n: int) -> str:
    return (tr("{n} weeks") if n != 1 else tr("{n} week")).format(n=n)


class CalendarPage(QWidget):
    """History at a glance. Everything is read once, when first shown (one query for every
    day's tally); from then on it follows the state's signals, so a tick costs it no query."""

    open_today = Signal()  # the user asked to edit today: the window shows the Today page

    def __init__(
        self, state: AppState, today_page: QWidget | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calendarPage")
        self.state = state
        # Given by the window that also shows Today: then editing today goes there (open_today).
        self.today_page = today_page
        self.tallies: dict[date, DayTally] = {}
        self.rest: list[date] = []
        self.loaded = False
        self.stale = False  # something changed while hidden: header and panel redone on show
        self.editor: TodayPage | None = None

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
        layout.addWidget(self.message_bar)

        body = QHBoxLayout()
        left = QVBoxLayout()
        self.calendar = MonthCalendar()
        self.calendar.tallies = self.tallies
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
        scroll = FocusScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.panel)
        scroll.setAccessibleName(self.tr("Selected day"))
        body.addWidget(scroll, 2)
        layout.addLayout(body, 1)

        year_title = QLabel(self.tr("Last twelve months"))
        year_title.setObjectName("yearTitle")
        layout.addWidget(year_title)
        self.heatmap = YearHeatmap()
        heat_scroll = FocusScrollArea()
        heat_scroll.setWidget(self.heatmap)
        heat_scroll.setAccessibleName(self.tr("Last twelve months"))
        heat_scroll.setWidgetResizable(False)
        heat_scroll.fit_height(self.heatmap.sizeHint().height() + 24)
        heat_scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.heat_scroll = heat_scroll
        layout.addWidget(heat_scroll)
        # Scrolls rather than forcing a tall window; at 1024x700 everything fits.
        overview_scroll = FocusScrollArea()
        overview_scroll.setWidgetResizable(True)
        overview_scroll.setWidget(overview)
        overview_scroll.setAccessibleName(self.tr("Calendar overview"))
        self.stack.addWidget(overview_scroll)

        self.editor_page = QWidget()
        self.editor_layout = QVBoxLayout(self.editor_page)
        self.editor_layout.setContentsMargins(0, 8, 0, 0)
        back_row = QHBoxLayout()
        back_row.setContentsMargins(16, 0, 16, 0)
        self.back_button = QPushButton(self.tr("\N{LEFTWARDS ARROW} &Back to Calendar"))
        self.back_button.setObjectName("backToCalendar")
        self.back_button.clicked.connect(self.close_editor)
        back_row.addWidget(self.back_button)
        back_row.addSpacing(16)
        self.editor_title = QLabel()
        self.editor_title.setObjectName("editorTitle")
        make_heading(self.editor_title, 1.2)
        back_row.addWidget(self.editor_title, 1)
        self.editor_layout.addLayout(back_row)
        self.stack.addWidget(self.editor_page)

        back_action = QAction(self)
        back_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        back_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back_action.triggered.connect(self.close_editor)
        self.editor_page.addAction(back_action)

        self.calendar.currentPageChanged.connect(self._page_changed)
        self.calendar.selectionChanged.connect(self._selection_changed)
        self.calendar.activated.connect(lambda _: self.open_editor(self.selected_day()))
        self.heatmap.day_clicked.connect(self.select_day)
        self.panel.edit_button.clicked.connect(lambda: self.open_editor(self.selected_day()))
        self.panel.delete_button.clicked.connect(self.delete_selected)
        self.panel.backfill.log_requested.connect(self.log_whole_day)

        state.sets_changed.connect(self._set_changed)
        state.session_changed.connect(self._session_changed)
        state.settings_changed.connect(self._settings_changed)
        state.day_changed.connect(self._day_moved)
        state.data_replaced.connect(self._data_replaced)
        state.rest_weeks_changed.connect(self._rest_weeks_changed)
        state.store_failed.connect(self._store_failed)
        state.note_changed.connect(self._session_changed)
        self._configure()
        with QSignalBlocker(self.calendar):
            # Start on the app's workout day (before the rollover hour, still yesterday),
            # not the computer's calendar date that QCalendarWidget picks by itself.
            self.calendar.setSelectedDate(qdate(state.workout_day))

    # --- what is in force ----------------------------------------------------------------

    @property
    def today(self) -> date:
        return self.state.workout_day

    @property
    def first_weekday(self) -> int:
        return self.state.first_weekday()

    def selected_day(self) -> date:
        return pydate(self.calendar.selectedDate())

    def _configure(self) -> None:
        """Week start and today from the state (no query)."""
        first = self.first_weekday
        self.calendar.today = self.today
        self.calendar.first_weekday = first
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek(first))
        self.calendar.setMaximumDate(qdate(self.today))

    # --- loading -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.load()
        elif self.stale:
            self.stale = False
            self.refresh_week()
            self._selection_changed()

    def load(self) -> None:
        """Read every day's tally and the rest weeks once (two queries)."""
        try:
            tallies = history.tallies(catalogue=self.state.catalogue)
            self.rest = history.rest_days()
        except StoreError as exc:
            self._error(error_text(exc))
            return
        self.tallies.clear()
        self.tallies.update(tallies)
        self._remember(self.state.today)  # today as the state holds it, in memory
        self.loaded = True
        self.stale = False
        self._configure()
        self._load_month()
        self._load_heatmap()
        self.refresh_week()
        self._selection_changed()

    def refresh(self) -> None:
        """Read everything again (now if shown, else when next shown)."""
        self._configure()
        self.loaded = False
        if self.isVisible():
            self.load()

    def _remember(self, view: DayView) -> None:
        if view.recorded:
            self.tallies[view.day] = history.day_tally(view)
        else:
            self.tallies.pop(view.day, None)

    def _load_month(self) -> None:
        first = self.first_weekday
        self.calendar.set_rest_weeks({start_of_week(d, first) for d in self.rest})
        self.calendar.updateCells()

    def _load_heatmap(self) -> None:
        today = self.today
        first = today - timedelta(days=HEATMAP_DAYS)
        counts = {d: t.done for d, t in self.tallies.items() if d >= first - timedelta(days=7)}
        self.heatmap.set_data(today, self.first_weekday, counts, first)
        self.heatmap.resize(self.heatmap.sizeHint())
        self.heat_scroll.horizontalScrollBar().setValue(self.heatmap.width())

    def week_status(self) -> tuple[WeekProgress, Streaks]:
        counted = counted_days(self.tallies)
        target = self.state.settings.weekly_target
        return (
            self.state.week_progress(),
            streaks(counted, self.today, target, self.first_weekday, self.rest),
        )

    def refresh_week(self) -> None:
        progress, run = self.week_status()
        self.week_label.setText(week_text(progress))
        self.streak_label.setText(
            self.tr("Current streak: {current} \N{MIDDLE DOT} Best: {best}").format(
                current=weeks_text(run.current), best=weeks_text(run.best)
            )
        )

    # --- the state's news ----------------------------------------------------------------

    def _day_updated(self, day: date) -> None:
        """One day's sets or session changed: its tally, cell, heatmap square and detail."""
        if not self.loaded:
            return
        try:
            self._remember(self.state.day_view(day))
        except StoreError as exc:
            self._error(error_text(exc))
            return
        self.calendar.updateCell(qdate(day))
        tally = self.tallies.get(day)
        self.heatmap.counts[day] = tally.done if tally else 0
        self.heatmap.update()
        if day == self.selected_day():
            self.calendar.describe_selection()  # from the tally in memory
        if self.isVisible():
            self.refresh_week()
            if day == self.selected_day() and self.stack.currentIndex() == 0:
                self._selection_changed()
        else:
            self.stale = True

    def _set_changed(self, day: date, key: SetKey, ticked: bool) -> None:
        self._day_updated(day)  # the state's view of the day is in memory: no query

    def _session_changed(self, day: date) -> None:
        self._day_updated(day)

    def _settings_changed(self) -> None:
        self._configure()
        if self.loaded:
            self._remember(self.state.today)
            self._load_month()
            self._load_heatmap()
            self.refresh_week()
            self._selection_changed()

    def _day_moved(self, day: date) -> None:
        self._settings_changed()

    def _data_replaced(self) -> None:
        self.refresh()

    def _rest_weeks_changed(self) -> None:
        if not self.loaded:
            return
        try:
            self.rest = history.rest_days()
        except StoreError as exc:
            self._error(error_text(exc))
            return
        self._load_month()
        self.refresh_week()
        self._show_rest_box()

    def _store_failed(self, text: str) -> None:
        if self.isVisible():
            self._error(text)

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
        # Keep only the day on screen (and today) in memory, however many days were looked at.
        self.state.forget_other_days(keep=day)
        try:
            view = self.state.day_view(day)
            detail = history.day_detail(view)
        except StoreError as exc:
            self._error(error_text(exc))
            return
        # What backfilling an empty past day would record (one query, only for such a day).
        plan_then = () if view.recorded or day >= self.today else self.state.plan_in_force(day)
        self.panel.show_detail(detail, day == self.today, plan_then)
        self.calendar.describe_selection()
        self._show_rest_box()

    def _show_rest_box(self) -> None:
        with QSignalBlocker(self.rest_box):
            week = start_of_week(self.selected_day(), self.first_weekday)
            self.rest_box.setChecked(week in self.calendar.rest_weeks)

    def _rest_toggled(self, rest: bool) -> None:
        if not self.state.set_rest_week(self.selected_day(), rest):
            self._show_rest_box()

    def log_whole_day(self, at: time, note: str) -> None:
        """The day panel's "I did the whole routine that day": one undoable action."""
        day = self.selected_day()
        moment = datetime.combine(day, at, tzinfo=self.state.clock().tzinfo)
        if self.state.log_whole_day(day, moment, note):
            self.message_bar.show_message(
                self.tr(
                    "Logged every set of {day}. Take off any you did not do with Edit This Day."
                ).format(day=long_date(day))
            )

    def open_editor(self, day: date) -> None:
        """Open a day in the same card view as Today, labelled with its date."""
        if day > self.today:
            return
        if day == self.today and self.today_page is not None:
            self.open_today.emit()
            return
        if self.editor is None:
            self.editor = TodayPage(self.state, follows_today=False)
            self.editor.setObjectName("pastDayEditor")
            self.editor_layout.addWidget(self.editor, 1)
        self.editor.show_day(day)
        self.editor_title.setText(
            self.tr("Editing {day}").format(day=long_date(day))
            if day != self.today
            else self.tr("Today")
        )
        self.stack.setCurrentIndex(1)
        # A set box, not Back: Space on Back would throw the user out of the day.
        view = self.editor.view
        first = view.next_key() if view is not None else None
        box = self.editor.box(first) if first is not None else None
        if box is None and self.editor.cards:
            box = next(iter(self.editor.cards[0].boxes.values()), None)
        (box or self.editor).setFocus(Qt.FocusReason.OtherFocusReason)

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
                "Edit > Undo brings it back until you quit Band Tracker."
            ).format(day=long_date(day)),
            self.tr("Delete Session"),
        ):
            return
        if self.state.delete_day(day):
            self.message_bar.show_message(
                self.tr("Deleted the session of {day}. Edit > Undo brings it back.").format(
                    day=long_date(day)
                )
            )

    def _error(self, text: str) -> None:
        self.message_bar.show_message(text, Level.ERROR)
