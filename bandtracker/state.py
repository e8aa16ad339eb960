"""The application state: the workout day, the shown days, cached settings and bands, undo."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from bandtracker.domain.catalogue import Catalogue, default_catalogue
from bandtracker.domain.clock import Clock, session_day
from bandtracker.domain.prescription import PlannedExercise, SetKey
from bandtracker.domain.progression import Outcome, Rung, Suggestion
from bandtracker.domain.settings import BandRow, Settings, routine_plan
from bandtracker.domain.weeks import DayTally, WeekProgress, counted_days, week_progress, week_start
from bandtracker.i18n import N_
from bandtracker.store import history, progression, session_log, sessions
from bandtracker.store.db import write
from bandtracker.store.errors import StoreError
from bandtracker.store.sessions import DayView
from bandtracker.store.settings import band_rows, load_settings, save_settings
from bandtracker.texts import error_text, set_label

log = logging.getLogger(__name__)

UNDO_LIMIT = 200


def tr(text: str) -> str:
    return QCoreApplication.translate("State", text)


def day_name(day: date) -> str:
    """A day as Edit > Undo names it: "Wednesday 18 November", in the user's language."""
    return QLocale().toString(QDate(day.year, day.month, day.day), tr("dddd d MMMM"))


class SetCommand(QUndoCommand):
    """A tick or an untick of one set; undo does the opposite through the store."""

    def __init__(self, state: AppState, day: date, key: SetKey, done: bool) -> None:
        super().__init__()
        self.state, self.day, self.key, self.done = state, day, key, done
        what = tr("Tick of {set}") if done else tr("Untick of {set}")
        self.setText(what.format(set=state.set_name(key)))

    def redo(self) -> None:
        self.state.applied = self.state._apply_set(self.day, self.key, self.done)
        if not self.state.applied:
            self.setObsolete(True)  # nothing changed: the stack forgets (and deletes) it

    def undo(self) -> None:
        self.state.undoing = True
        try:
            if not self.state._apply_set(self.day, self.key, not self.done):
                self.setObsolete(True)
        finally:
            self.state.undoing = False


class DayCommand(QUndoCommand):
    """A whole day logged or deleted; undo restores what the day held before."""

    def __init__(
        self,
        state: AppState,
        day: date,
        text: str,
        change: Callable[[], history.DeletedSession | None],
    ) -> None:
        super().__init__(text)
        self.state, self.day, self.change = state, day, change
        self.before: history.DeletedSession | None = None

    def redo(self) -> None:
        self.state.applied = False
        try:
            self.before = self.change()
        except StoreError as exc:
            self.state.fail(exc)
            self.setObsolete(True)
            return
        self.state.applied = True
        self.state._day_rewritten(self.day)

    def undo(self) -> None:
        try:
            history.delete_session(self.day)
            if self.before is not None:
                history.restore_session(self.before)
        except StoreError as exc:
            self.state.fail(exc)
            self.setObsolete(True)
            return
        self.state._day_rewritten(self.day)


class AppState(QObject):
    """What the app knows: every screen asks it and listens to it; only it asks the store.

    A tick is one write (one INSERT on a day that has its session): the views it changes are
    updated in memory and announced, never re-read.
    """

    day_changed = Signal(object)  # the workout day (date) moved
    sets_changed = Signal(object, object, bool)  # day, SetKey, now ticked
    session_changed = Signal(object)  # a day whose plan, note, times or existence changed
    settings_changed = Signal()
    data_replaced = Signal()  # import, restore, recovery, merge: ask again for everything
    store_failed = Signal(str)  # a translated message for the user
    rest_weeks_changed = Signal()  # a week was marked or cleared as a rest week
    note_changed = Signal(object)  # a day whose note was saved (its sets and plan are as they were)

    def __init__(
        self,
        clock: Clock,
        catalogue: Catalogue | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.catalogue = catalogue or default_catalogue()
        self.undo_stack = QUndoStack(self)
        # Six sessions' worth of ticks: enough to take back any slip, and memory stays flat
        # however long the app runs (Qt drops the oldest step beyond the limit).
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        # True while a command is being undone: listeners can tell a take-back from a new tick
        # (the rest timer starts on a tick, not on the undo of an untick).
        self.undoing = False
        self.last_error = ""  # the last refusal's text, for the widget that asked
        # Whether the command just pushed did its change. Read this, never the command: Qt
        # deletes an obsolete command inside push().
        self.applied = False
        self.settings: Settings
        self.bands: tuple[BandRow, ...] = ()
        self.band_ids: dict[str, int] = {}
        self._views: dict[date, DayView] = {}
        # This week's tallies and rest days, read once per week start (see week_progress).
        self._week: tuple[date, dict[date, DayTally], list[date]] | None = None
        # Each exercise's sessions before the workout day, for step-up suggestions: read once a
        # day and after the history or settings change; today's session comes from its view.
        self._past: tuple[date, dict[str, list[Outcome]]] | None = None
        self._read_settings()
        self.workout_day = self._day_now()
        self.today = self.day_view(self.workout_day)

    # --- what is in force -----------------------------------------------------------------

    def _read_settings(self) -> None:
        self.settings = load_settings(self.catalogue)
        self.bands = band_rows()
        self.band_ids = {b.name: b.id for b in self.bands}
        self.band_colours = {b.name: b.colour for b in self.bands}

    def _day_now(self) -> date:
        return session_day(self.clock(), self.settings.rollover_hour)

    def current_plan(self) -> tuple[PlannedExercise, ...]:
        """What a day with nothing recorded yet would be done with."""
        return routine_plan(self.settings, self.bands, self.catalogue)

    def set_name(self, key: SetKey) -> str:
        exercise = self.catalogue.get(key.exercise)
        return key.exercise if exercise is None else set_label(exercise, key)

    # --- days -----------------------------------------------------------------------------

    def day_view(self, day: date) -> DayView:
        """A day's plan and sets: kept in memory once read, updated by every change made here."""
        view = self._views.get(day)
        if view is None:
            plan = self.current_plan()
            view = sessions.load_day(day, self.catalogue, plan)
            self._views[day] = view
        return view

    def _remember(self, view: DayView) -> None:
        self._views[view.day] = view
        if self._week is not None and self._week[0] <= view.day < self._week[0] + timedelta(7):
            self._week[1][view.day] = history.day_tally(view)
        if view.day == self.workout_day:
            self.today = view

    def forget_other_days(self, keep: date | None = None) -> None:
        """Drop cached days other than today (and `keep`): a screen left a past day."""
        self._views = {d: v for d, v in self._views.items() if d in (self.workout_day, keep)}

    def next_key(self) -> SetKey | None:
        return self.today.next_key()

    def check_day(self) -> bool:
        """Move to the new workout day once the rollover hour has passed; True if it moved."""
        day = self._day_now()
        if day == self.workout_day:
            return False
        self.workout_day = day
        # Backspace on a new day must not take back a set of yesterday's session.
        self.undo_stack.clear()
        self.forget_other_days()
        try:
            self.today = self.day_view(day)
        except StoreError as exc:
            self.fail(exc)
            return False
        self.day_changed.emit(day)
        return True

    # --- changes --------------------------------------------------------------------------

    def set_done(self, key: SetKey, done: bool, day: date | None = None) -> bool:
        """Tick or untick `key` (on today unless `day`), undoably; False if nothing changed."""
        day = day or self.workout_day
        view = self.day_view(day)
        if (key in view.done) == done:
            return True
        self.undo_stack.push(SetCommand(self, day, key, done))
        return self.applied

    def _apply_set(self, day: date, key: SetKey, done: bool) -> bool:
        view = self.day_view(day)
        if (key in view.done) == done:
            return True
        try:
            if done:
                view = sessions.record_set(view, key, self.clock(), self.band_ids, self.catalogue)
            else:
                view = sessions.remove_set(view, key)
        except StoreError as exc:
            self.fail(exc)
            return False
        self._remember(view)
        if day != self.workout_day:
            self._past = None  # a past day edited in the calendar: the suggestions read again
        self.sets_changed.emit(day, key, done)
        return True

    def log_whole_day(self, day: date, at: datetime, note: str = "") -> bool:
        """Record every set of `day` at once (a forgotten session), undoably."""
        plan = self.plan_in_force(day)

        def change() -> history.DeletedSession | None:
            return history.log_whole_day(day, plan, at, note, self.band_ids)

        self.undo_stack.push(
            DayCommand(self, day, tr("Logging of {day}").format(day=day_name(day)), change)
        )
        return self.applied

    def delete_day(self, day: date) -> bool:
        """Delete a day's session and its sets, undoably."""

        def change() -> history.DeletedSession | None:
            return history.delete_session(day)

        self.undo_stack.push(
            DayCommand(self, day, tr("Deletion of {day}").format(day=day_name(day)), change)
        )
        return self.applied

    def plan_in_force(self, day: date) -> tuple[PlannedExercise, ...]:
        """The prescription a forgotten day was most likely done with: the nearest earlier
        session's, else what the settings say now."""
        try:
            earlier = history.plan_before(day, self.catalogue)
        except StoreError as exc:
            self.fail(exc)
            earlier = None
        return earlier or self.current_plan()

    def _day_rewritten(self, day: date) -> None:
        self._views.pop(day, None)
        self._week = None
        self._past = None
        if day == self.workout_day:
            self.today = self.day_view(day)
        self.session_changed.emit(day)

    def save_settings(self, changes: Mapping[str, object]) -> bool:
        """Store settings (registry keys) in one transaction, then tell every listener."""
        try:
            with write(N_("save your preferences")):
                save_settings(changes, self.catalogue)
        except StoreError as exc:
            self.fail(exc)
            return False
        self.settings_saved()
        return True

    def settings_saved(self, rewritten: date | None = None) -> None:
        """Settings or bands were written (by the Preferences dialog through the store);
        `rewritten` is a day whose session was changed with them (a step-up taken today)."""
        self._read_settings()
        self._week = None
        self._past = None
        moved = self._day_now() != self.workout_day
        # Days with nothing recorded follow the new plan; recorded days keep their own.
        self._views = {d: v for d, v in self._views.items() if v.recorded and d != rewritten}
        if moved:
            self.workout_day = self._day_now()
        self.today = self.day_view(self.workout_day)
        self.settings_changed.emit()
        if moved:
            self.day_changed.emit(self.workout_day)

    def note(self, day: date) -> str:
        """The note kept with `day`'s session ("" without one)."""
        try:
            return session_log.session_state(day).note
        except StoreError as exc:
            self.fail(exc)
            return ""

    def save_note(self, day: date, text: str) -> bool:
        """Keep `text` as `day`'s note; a day without a session gets one, with its own plan."""
        view = self.day_view(day)
        try:
            session_log.save_note(day, text, self.clock(), self.catalogue, view.plan, self.band_ids)
            if view.session_id is None:
                # The note made the session: the view learns its id (one query, once a day).
                self._views.pop(day, None)
                self._remember(self.day_view(day))
                if day != self.workout_day:
                    self._past = None  # a session with no sets breaks a run of complete ones
        except StoreError as exc:
            self.fail(exc)
            return False
        self.note_changed.emit(day)
        return True

    def session_rewritten(self, day: date) -> None:
        """A day's session was changed through the store outside a command (its plan made to
        follow new settings, a note begun): read it again and tell every listener."""
        self._day_rewritten(day)

    def reload(self) -> None:
        """The database changed underneath (import, restore, recovery, merge): read it again."""
        self.undo_stack.clear()
        self._views.clear()
        self._week = None
        self._past = None
        try:
            self._read_settings()
            self.workout_day = self._day_now()
            self.today = self.day_view(self.workout_day)
        except StoreError as exc:
            self.fail(exc)
        self.data_replaced.emit()

    # --- step-ups -------------------------------------------------------------------------

    def suggestions(self) -> dict[str, Suggestion]:
        """The step-ups today's routine is ready for; raises StoreError if the past cannot be
        read. A tick asks again without a query: only today's session has changed."""
        day, plan = self.workout_day, self.current_plan()
        limit = self.settings.progression_sessions + 1
        if self._past is None or self._past[0] != day:
            slugs = [planned.exercise.slug for planned in plan]
            before = progression.outcomes(slugs, day - timedelta(days=1), limit, self.catalogue)
            self._past = (day, before)
        recent = dict(self._past[1])
        today = self.today
        if today.session_id is not None:
            for planned in today.plan:
                slug = planned.exercise.slug
                rung = Rung(planned.prescription.band, planned.prescription.sets)
                done = Outcome(day, rung, set(planned.slots()) <= today.done)
                recent[slug] = [done, *recent.get(slug, [])][:limit]
        ladder = progression.ladder_of(self.bands, self.catalogue)
        return progression.ready_step_ups(plan, ladder, recent, day, self.settings)

    # --- the week -------------------------------------------------------------------------

    def first_weekday(self) -> int:
        """1 = Monday ... 7 = Sunday: the user's choice, else the locale's."""
        chosen = self.settings.week_start
        return chosen if chosen is not None else QLocale().firstDayOfWeek().value

    def set_rest_week(self, day: date, rest: bool) -> bool:
        """Mark or clear the week holding `day` as a rest week; False if the store refused."""
        try:
            history.set_rest_week(day, self.first_weekday(), rest)
        except StoreError as exc:
            self.fail(exc)
            return False
        self._week = None
        self.rest_weeks_changed.emit()
        return True

    def week_progress(self) -> WeekProgress:
        """This week's counted days against the weekly goal.

        The week's other days are read once (per week start, and after a day is rewritten);
        days shown here, today first, come from memory, so a tick costs no query.
        """
        first = self.first_weekday()
        start = week_start(self.workout_day, first)
        end = start + timedelta(days=7)
        if self._week is None or self._week[0] != start:
            try:
                self._week = (start, history.tallies(start, end), history.rest_days(start, end))
            except StoreError as exc:
                self.fail(exc)
                self._week = (start, {}, [])
        _, week, rest = self._week
        tallies = dict(week)
        for day, view in self._views.items():
            if start <= day < end:
                tallies[day] = history.day_tally(view)
        return week_progress(
            counted_days(tallies), self.workout_day, self.settings.weekly_target, first, rest
        )

    def fail(self, exc: StoreError) -> None:
        log.warning("Store refused: %s", exc)
        self.last_error = error_text(exc)
        self.store_failed.emit(self.last_error)
