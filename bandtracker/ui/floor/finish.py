"""What the finish screen reports: time, sets, the week against the goal, the streak, step-ups.

The state has no questions for weeks and step-ups yet, so these are read from the store's
query functions (as the calendar and the cards do); taking the step-ups tells the state after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bandtracker.domain.progression import Suggestion
from bandtracker.domain.weeks import Streaks, WeekProgress, counted_days, streaks, week_progress
from bandtracker.state import AppState
from bandtracker.store import history, progression
from bandtracker.store.errors import StoreError


@dataclass(frozen=True)
class FinishFacts:
    took: timedelta
    sets_done: int
    week: WeekProgress
    streak: Streaks
    step_ups: dict[str, Suggestion]


def gather(state: AppState, started: datetime, now: datetime) -> FinishFacts:
    """The numbers for the finish screen; raises StoreError if the database cannot be read."""
    today = state.today
    first_day = state.first_weekday()
    counted = counted_days(history.tallies(catalogue=state.catalogue))
    rest = history.rest_days()
    target = state.settings.weekly_target
    return FinishFacts(
        took=max(timedelta(0), now - started),
        sets_done=today.done_count,
        week=week_progress(counted, today.day, target, first_day, rest),
        streak=streaks(counted, today.day, target, first_day, rest),
        step_ups=state.suggestions(),
    )


def accept_all(state: AppState, step_ups: dict[str, Suggestion]) -> list[str]:
    """Take every step-up at once; the slugs taken. The state re-reads and tells its listeners."""
    taken: list[str] = []
    try:
        for slug, suggestion in step_ups.items():
            progression.accept(
                slug, suggestion.next, state.today.day, state.settings, state.catalogue
            )
            taken.append(slug)
            state.settings_saved()  # the next step-up starts from the settings this one left
    except StoreError as exc:
        state.fail(exc)
    if taken:
        state.session_rewritten(state.today.day)
    return taken
