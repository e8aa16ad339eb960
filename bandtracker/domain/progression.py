"""The progression ladder: when an exercise is ready for its next step, and what that step is.

The ladder is data: every visible band, lightest first, each at START_SETS then up to TOP_SETS.
A prescription the user set by hand that is not on the ladder still has a place in its order,
so the next step is always "the first rung above where you are".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

# The routine starts at two sets and works up to three before moving to a heavier band.
START_SETS = 2
TOP_SETS = 3


@dataclass(frozen=True)
class Rung:
    band: str
    sets: int


@dataclass(frozen=True)
class Ladder:
    rungs: tuple[Rung, ...]
    band_order: tuple[str, ...]  # every band, hidden ones too, lightest first

    def rank(self, rung: Rung) -> tuple[int, int] | None:
        """Where a prescription sits in the ladder's order (None for a band it does not know)."""
        if rung.band not in self.band_order:
            return None
        return (self.band_order.index(rung.band), rung.sets)

    def next_after(self, current: Rung) -> Rung | None:
        """The first rung above `current`, or None at the top (or for an unknown band)."""
        here = self.rank(current)
        if here is None:
            return None
        for rung in self.rungs:
            rank = self.rank(rung)
            if rank is not None and rank > here:
                return rung
        return None

    def is_step_up(self, before: Rung, after: Rung) -> bool:
        a, b = self.rank(before), self.rank(after)
        return a is not None and b is not None and b > a


def build_ladder(
    bands: Sequence[str],
    hidden: Sequence[str] = (),
    start_sets: int = START_SETS,
    top_sets: int = TOP_SETS,
) -> Ladder:
    """`bands` lightest first; hidden bands keep their place in the order but are no rung."""
    rungs = tuple(
        Rung(band, sets)
        for band in bands
        if band not in hidden
        for sets in range(start_sets, top_sets + 1)
    )
    return Ladder(rungs, tuple(bands))


@dataclass(frozen=True)
class Outcome:
    """How one session went for one exercise."""

    day: date
    rung: Rung
    complete: bool  # every prescribed set (each side) was ticked


@dataclass(frozen=True)
class Suggestion:
    current: Rung
    next: Rung
    sessions: int  # complete sessions in a row at the current rung


def ready_streak(
    current: Rung,
    history: Sequence[Outcome],
    today: date,
    since: date | None = None,
) -> int:
    """Complete sessions in a row, most recent first, done at `current`.

    Days without a session are rest days and break nothing. Today's session counts only once
    it is complete (until then it is still being done). Sessions on or before `since` (the day a
    suggestion was put off) do not count.
    """
    streak = 0
    for outcome in sorted(history, key=lambda o: o.day, reverse=True):
        if outcome.day > today or (since is not None and outcome.day <= since):
            continue
        if outcome.day == today and not outcome.complete:
            continue
        if not outcome.complete or outcome.rung != current:
            break
        streak += 1
    return streak


def suggest(
    ladder: Ladder,
    current: Rung,
    history: Sequence[Outcome],
    today: date,
    needed: int,
    since: date | None = None,
) -> Suggestion | None:
    """The next step once the last `needed` sessions were all complete at `current`."""
    following = ladder.next_after(current)
    if following is None:
        return None
    streak = ready_streak(current, history, today, since)
    if streak < needed:
        return None
    return Suggestion(current, following, streak)


def last_counted_day(history: Sequence[Outcome], today: date) -> date | None:
    """The latest session a suggestion was based on: putting it off starts counting after it."""
    days = [o.day for o in history if o.day < today or (o.day == today and o.complete)]
    return max(days, default=None)
