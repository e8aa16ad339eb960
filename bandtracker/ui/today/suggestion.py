"""The step-up suggestion shown on an exercise card: one click to take it or put it off."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QRectF, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from bandtracker import texts
from bandtracker.domain.catalogue import Exercise
from bandtracker.domain.prescription import SetKey
from bandtracker.domain.progression import Rung, Suggestion
from bandtracker.store import progression
from bandtracker.store.errors import StoreError
from bandtracker.ui.messages import Level

if TYPE_CHECKING:
    from bandtracker.state import AppState
    from bandtracker.ui.today.page import TodayPage


def describe_step(current: Rung, step: Rung) -> str:
    if step.band == current.band:
        text = QCoreApplication.translate(
            "SuggestionBar", "one more set ({sets} sets with the {band} band)"
        )
    else:
        text = QCoreApplication.translate("SuggestionBar", "the {band} band, back to {sets} sets")
    return text.format(sets=step.sets, band=texts.band_name(step.band))


class SuggestionBar(QFrame):
    """A small panel on a card: what the next step is, and two buttons."""

    taken = Signal(str, object)  # exercise slug, the Rung to step up to
    put_off = Signal(str)

    def __init__(
        self, exercise: Exercise, suggestion: Suggestion, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.exercise = exercise
        self.suggestion = suggestion
        self.setObjectName("suggestionBar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        sessions = suggestion.sessions
        self.label = QLabel(
            self.tr(
                "<b>Ready to step up?</b> You did every set {sessions} sessions in a row. "
                "Next: {step}."
            ).format(
                sessions=sessions, step=escape(describe_step(suggestion.current, suggestion.next))
            )
        )
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        buttons = QHBoxLayout()
        self.take_button = QPushButton(self.tr("Step up"))
        self.take_button.setAccessibleName(
            self.tr("Step up {name}").format(name=texts.exercise_name(exercise))
        )
        self.take_button.clicked.connect(lambda: self.taken.emit(exercise.slug, suggestion.next))
        self.later_button = QPushButton(self.tr("Not now"))
        self.later_button.setAccessibleName(
            self.tr("Not now for {name}").format(name=texts.exercise_name(exercise))
        )
        self.later_button.setToolTip(
            self.tr("Hide this until you have done enough further complete sessions")
        )
        self.later_button.clicked.connect(lambda: self.put_off.emit(exercise.slug))
        buttons.addWidget(self.take_button)
        buttons.addWidget(self.later_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.setAccessibleName(
            self.tr("Step-up suggestion for {name}").format(name=texts.exercise_name(exercise))
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        # Painted from the palette at each paint rather than styled: a style sheet's palette()
        # colours are fixed when it is applied, so the bar kept the old scheme after a switch.
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1.0))
        painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)


class SuggestionController(QObject):
    """Keeps the suggestions on the Today page's cards in step with the state.

    Suggestions follow from past sessions, so they are worked out again when the day, the
    settings or the history change, and when one of today's exercises becomes complete (or
    stops being), never on other ticks.
    """

    def __init__(self, page: TodayPage, state: AppState) -> None:
        super().__init__(page)
        self.page = page
        self.state = state
        self.bars: dict[str, SuggestionBar] = {}
        # The page rebuilds its cards (and asks again) when its own day, the settings or the
        # data change; a rewritten past day (logged, deleted) can change today's suggestions.
        state.session_changed.connect(self._session_changed)
        state.sets_changed.connect(self._set_changed)

    def _session_changed(self, day: date) -> None:
        if day != self.page.day:
            self.refresh()

    def _is_today(self) -> bool:
        return self.page.day == self.state.workout_day

    def _set_changed(self, day: date, key: SetKey, ticked: bool) -> None:
        if day != self.state.workout_day or not self._is_today():
            return
        view = self.state.today
        planned = view.planned(key.exercise)
        if planned is None:
            return
        slots = set(planned.slots())
        # Complete now, or was complete before this untick: the suggestion may change.
        if slots <= view.done or (not ticked and slots <= view.done | {key}):
            self.refresh()

    def refresh(self, *_: object) -> None:
        """Show a bar on each card whose exercise is ready, and remove the others."""
        state = self.state
        found: dict[str, Suggestion] = {}
        if self._is_today():
            try:
                found = state.suggestions()
            except StoreError as exc:
                self.page.message_bar.show_message(texts.error_text(exc), Level.ERROR)
        bars: dict[str, SuggestionBar] = {}
        for card in self.page.cards:
            slug = card.planned.exercise.slug
            suggestion = found.get(slug)
            shown = self.bars.get(slug)
            if suggestion is None:
                if card.suggestion is not None:
                    card.set_suggestion(None)
                continue
            if shown is not None and card.suggestion is shown and shown.suggestion == suggestion:
                bars[slug] = shown
                continue
            bar = SuggestionBar(card.planned.exercise, suggestion)
            bar.taken.connect(self.take)
            bar.put_off.connect(self.put_off)
            card.set_suggestion(bar)
            bars[slug] = bar
        changed = bars.keys() != self.bars.keys() or any(
            bars[slug] is not self.bars[slug] for slug in bars
        )
        self.bars = bars
        if changed:
            self.page.order_tabs()

    def take(self, slug: str, step: Rung) -> None:
        state = self.state
        day = state.workout_day
        name = texts.exercise_name(self.bars[slug].exercise) if slug in self.bars else slug
        try:
            today_changed = progression.accept(slug, step, day, state.settings, state.catalogue)
        except StoreError as exc:
            self.page.message_bar.show_message(texts.error_text(exc), Level.ERROR)
            return
        if today_changed:
            text = self.tr("{name}: {sets} sets with the {band} band from today.")
        else:
            text = self.tr("{name}: {sets} sets with the {band} band from your next session.")
        # The page rebuilds its cards, and with them the suggestions.
        state.settings_saved(rewritten=day if today_changed else None)
        self.page.message_bar.show_message(
            text.format(name=name, sets=step.sets, band=texts.band_name(step.band)), Level.INFO
        )

    def put_off(self, slug: str) -> None:
        state = self.state
        try:
            progression.dismiss(slug, state.workout_day, state.settings, state.catalogue)
        except StoreError as exc:
            self.page.message_bar.show_message(texts.error_text(exc), Level.ERROR)
            return
        state.settings_saved()
