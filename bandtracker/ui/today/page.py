"""The session page: the day's date and progress, and a card per exercise with its set boxes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from bandtracker.domain.prescription import SetKey
from bandtracker.state import AppState
from bandtracker.store.errors import StoreError
from bandtracker.store.sessions import DayView
from bandtracker.texts import error_text
from bandtracker.ui.focus_scroll import FocusScrollArea
from bandtracker.ui.messages import Level, MessageBar
from bandtracker.ui.theme import make_heading
from bandtracker.ui.today.card_grid import CardGrid
from bandtracker.ui.today.exercise_card import ExerciseCard, SetCheckBox
from bandtracker.ui.today.notes import NoteEditor
from bandtracker.ui.today.steady_label import SteadyLabel
from bandtracker.ui.today.suggestion import SuggestionController

# Below this page height (a 1024x600 screen) the drawings shrink and the note takes one line,
# so a whole row of cards, set boxes included, fits without scrolling.
COMPACT_BELOW = 640


def tab_stops(widget: QWidget) -> list[QWidget]:
    """`widget` and its descendants that Tab stops at, in the order they were added."""
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        # A Tab stop's children are its own parts (a text box's scroll bars and document):
        # not stops of their own, and asking for them made PySide build a Python type for
        # each kind of part, 40 ms of startup.
        return [widget]
    found = []
    for child in widget.children():
        if isinstance(child, QWidget) and not child.isWindow():
            found.extend(tab_stops(child))
    return found


def long_date(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


class TodayPage(QWidget):
    """Shows one day's session as the state holds it; a box asks the state, which saves.

    With `follows_today` the page moves to the new workout day by itself (the Today tab);
    without, it shows whichever day it is given (the calendar's past-day editor).
    """

    set_changed = Signal(object, bool)  # a set of the shown day: its SetKey, now ticked
    day_shown = Signal(object)  # the day whose cards were (re)built

    def __init__(
        self, state: AppState, follows_today: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.clock = state.clock
        self.follows_today = follows_today
        self.day: date | None = None
        self.cards: list[ExerciseCard] = []
        self._before_cards: list[QWidget] = []
        self._after_cards: list[QWidget] = []
        self.note: NoteEditor | None = None
        self.compact = False  # a short window (1024x600): smaller drawings, a one-line note
        # A click anywhere on the page (not only on a control) takes the focus out of the note,
        # so Space ticks again.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 0)
        header = QHBoxLayout()
        self.titles = titles = QVBoxLayout()
        self.title = QLabel(self.tr("Today"))
        self.title.setObjectName("pageTitle")
        make_heading(self.title, 1.6)
        titles.addWidget(self.title)
        self.date_label = QLabel()
        self.date_label.setObjectName("dateLabel")
        titles.addWidget(self.date_label)
        header.addLayout(titles, 1)

        self.progress_column = progress = QVBoxLayout()
        self.progress_label = SteadyLabel()
        self.progress_label.setObjectName("progressLabel")
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        # At the column's right edge: the label is only as wide as its text (SteadyLabel).
        progress.addWidget(self.progress_label, 0, Qt.AlignmentFlag.AlignRight)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedWidth(220)
        self.progress_bar.setAccessibleName(self.tr("Session progress"))
        progress.addWidget(self.progress_bar)
        header.addLayout(progress)
        layout.addLayout(header)

        self.message_bar = MessageBar()
        layout.addWidget(self.message_bar)

        self.grid = CardGrid()
        # Not `scroll`: that name would hide QWidget.scroll().
        self.scroll_area = FocusScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.grid)
        self.scroll_area.setAccessibleName(self.tr("Exercises"))
        layout.addWidget(self.scroll_area, 1)
        self.suggestions = SuggestionController(self, state)

        state.sets_changed.connect(self._set_changed)
        state.session_changed.connect(self._session_changed)
        state.settings_changed.connect(self._show_again)
        state.data_replaced.connect(self._show_again)
        state.day_changed.connect(self._day_moved)
        if follows_today:
            self.show_day(state.workout_day)

    @property
    def view(self) -> DayView | None:
        """The shown day as the state holds it (in memory once read)."""
        if self.day is None:
            return None
        return self.state.day_view(self.day)

    def add_header_widget(self, widget: QWidget) -> None:
        """A line under the progress bar for other pages to fill (the weekly goal)."""
        self.progress_column.addWidget(widget)
        self._before_cards.append(widget)
        self.order_tabs()

    def add_session_bar(self, bar: QWidget) -> None:
        """The session's timers, under the date: beside the progress column, not below it, so
        a short screen keeps its height for the cards."""
        self.titles.addWidget(bar)
        self._before_cards.append(bar)
        self.order_tabs()

    def add_note(self, note: NoteEditor) -> None:
        """The session note, under the cards."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(note)
        self.note = note
        note.set_compact(self.compact)
        self._after_cards.append(note)
        self.order_tabs()

    def order_tabs(self) -> None:
        """Tab follows the screen: the header, each card with its own buttons, then the note.

        Qt's default order is the order widgets were made in, which put the note (made once)
        before the cards (made again for every day) and the step-up buttons after every box.
        """
        chain = [
            *(w for widget in self._before_cards for w in tab_stops(widget)),
            *(w for card in self.cards for w in card.tab_stops()),
            *(w for widget in self._after_cards for w in tab_stops(widget)),
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def show_day(self, day: date) -> None:
        """Build the cards for `day` from the state's view of it."""
        try:
            view = self.state.day_view(day)
        except StoreError as exc:
            self.message_bar.show_message(error_text(exc), Level.ERROR)
            return
        self.day = day
        colours = self.state.band_colours
        self.cards = [
            ExerciseCard(
                planned,
                view.extra_sets(planned),
                colours.get(planned.prescription.band),
                self._request,
            )
            for planned in view.plan
        ]
        for card in self.cards:
            card.show_done(view.done)
            card.set_compact(self.compact)
        self.grid.set_cards(list(self.cards))
        self.date_label.setText(long_date(day))
        self._update_progress()
        self.suggestions.refresh()
        self.order_tabs()
        self.day_shown.emit(day)

    def box(self, key: SetKey) -> SetCheckBox | None:
        for card in self.cards:
            if key in card.boxes:
                return card.boxes[key]
        return None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        compact = self.height() < COMPACT_BELOW
        if compact != self.compact:
            self.compact = compact
            for card in self.cards:
                card.set_compact(compact)
            if self.note is not None:
                self.note.set_compact(compact)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Space is Tick Next Set everywhere on Today, so a focused button is pressed with Enter
        # (a tool button or a push button outside a dialog would ignore it).
        focused = QApplication.focusWidget()
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and isinstance(focused, QAbstractButton)
            and not isinstance(focused, SetCheckBox)
            and self.isAncestorOf(focused)
        ):
            focused.click()
            return
        super().keyPressEvent(event)

    def _request(self, key: SetKey, checked: bool) -> bool:
        """A box asks: True once the state has saved the change (the box then shows it)."""
        if self.day is None:
            return False
        if self.state.set_done(key, checked, self.day):
            if self.message_bar.level is Level.ERROR:
                self.message_bar.dismiss()
            return True
        self.message_bar.show_message(
            self.tr("{error} The box was left as it was.").format(error=self.state.last_error),
            Level.ERROR,
        )
        return False

    def _set_changed(self, day: date, key: SetKey, ticked: bool) -> None:
        """A set of some day was saved (here, in floor mode, by undo): show it if it is ours."""
        if day != self.day:
            return
        view = self.view
        assert view is not None
        box = self.box(key)
        if box is None:
            # A set beyond the cards (an extra set ticked elsewhere): the cards grow for it.
            self.show_day(day)
            return
        box.show_state(ticked, announce_change=True)
        for card in self.cards:
            if key in card.boxes:
                card.refresh_badge(view.done)
        self._update_progress()
        self.set_changed.emit(key, ticked)

    def _session_changed(self, day: date) -> None:
        if day == self.day:
            self.show_day(day)

    def _show_again(self) -> None:
        day = self.state.workout_day if self.follows_today else self.day
        if day is not None:
            self.show_day(day)

    def _day_moved(self, day: date) -> None:
        if self.follows_today:
            self.show_day(day)

    def _update_progress(self) -> None:
        view = self.view
        assert view is not None
        done, total = view.done_count, view.total
        self.progress_label.setText(
            self.tr("{done} of {total} sets").format(done=done, total=total)
        )
        self.progress_bar.setMaximum(max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.setAccessibleDescription(
            self.tr("{done} of {total} sets done").format(done=done, total=total)
        )
