"""The session page: the day's date and progress, and a card per exercise with its set boxes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bandtracker import texts
from bandtracker.domain.clock import Clock
from bandtracker.domain.prescription import SetKey
from bandtracker.store import sessions
from bandtracker.store.bands import band_colours
from bandtracker.store.db import open_data_dir
from bandtracker.store.errors import StoreError
from bandtracker.ui.messages import Level, MessageBar
from bandtracker.ui.theme import make_heading
from bandtracker.ui.today.card_grid import CardGrid
from bandtracker.ui.today.exercise_card import ExerciseCard, SetCheckBox
from bandtracker.ui.today.suggestion import SuggestionController


def long_date(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


class TodayPage(QWidget):
    """Shows one day's session; ticks go straight to the store, one committed write each."""

    set_saved = Signal(object)  # the day whose sets changed
    set_changed = Signal(object, bool)  # the SetKey and whether it is now ticked (issue 7)
    day_shown = Signal(object)  # the day whose cards were (re)built (issue 7)

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.day: date | None = None
        self.view: sessions.DayView | None = None
        self.cards: list[ExerciseCard] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 0)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        self.title = QLabel(self.tr("Today"))
        self.title.setObjectName("pageTitle")
        make_heading(self.title, 1.6)
        titles.addWidget(self.title)
        self.date_label = QLabel()
        self.date_label.setObjectName("dateLabel")
        titles.addWidget(self.date_label)
        header.addLayout(titles, 1)

        self.progress_column = progress = QVBoxLayout()
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progressLabel")
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        progress.addWidget(self.progress_label)
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
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(self.grid)
        self.scroll.setAccessibleName(self.tr("Exercises"))
        layout.addWidget(self.scroll, 1)
        self.suggestions = SuggestionController(self)

    def add_header_widget(self, widget: QWidget) -> None:
        """A line under the progress bar for other pages to fill (the weekly goal)."""
        self.progress_column.addWidget(widget)

    def show_day(self, day: date) -> None:
        """(Re)load a day from the store and rebuild the cards for it."""
        self.day = day
        self.view = sessions.load_day(day)
        colours = band_colours()
        self.cards = [
            ExerciseCard(
                planned,
                self.view.extra_sets(planned),
                colours.get(planned.prescription.band),
                self._request,
            )
            for planned in self.view.plan
        ]
        for card in self.cards:
            card.show_done(self.view.done)
        self.grid.set_cards(list(self.cards))
        self.date_label.setText(long_date(day))
        self._update_progress()
        self.suggestions.refresh()
        self.day_shown.emit(day)

    def box(self, key: SetKey) -> SetCheckBox | None:
        for card in self.cards:
            if key in card.boxes:
                return card.boxes[key]
        return None

    def _request(self, key: SetKey, checked: bool) -> bool:
        assert self.day is not None
        try:
            if checked:
                sessions.tick(self.day, key, self.clock())
            else:
                sessions.untick(self.day, key)
        except StoreError as exc:
            self.message_bar.show_message(
                self.tr("{error} The box was left as it was.").format(error=texts.error_text(exc)),
                Level.ERROR,
            )
            return False
        if self.message_bar.level is Level.ERROR:
            self.message_bar.dismiss()
        assert self.view is not None
        done = self.view.done | {key} if checked else self.view.done - {key}
        self.view = replace(self.view, done=done, recorded=True)
        for card in self.cards:
            if key in card.boxes:
                card.refresh_badge(done)
        self._update_progress()
        # The undo history and the timers hear of the tick at once; what is derived from the
        # day's sets (suggestions, calendar, weekly count) updates a moment later, so the box
        # shows as checked as soon as its row is committed.
        self.set_changed.emit(key, checked)
        QTimer.singleShot(0, self, partial(self._announce_saved, self.day))
        return True

    def _announce_saved(self, day: date) -> None:
        if open_data_dir() is not None:  # not if the database was closed in the meantime
            self.set_saved.emit(day)

    def _update_progress(self) -> None:
        assert self.view is not None
        done, total = self.view.done_count, self.view.total
        self.progress_label.setText(
            self.tr("{done} of {total} sets").format(done=done, total=total)
        )
        self.progress_bar.setMaximum(max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_bar.setAccessibleDescription(
            self.tr("{done} of {total} sets done").format(done=done, total=total)
        )
