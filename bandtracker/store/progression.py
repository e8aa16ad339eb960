"""Each exercise's history of prescriptions, and the step-up suggestions that follow from it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from bandtracker.domain.bands import band_label
from bandtracker.domain.catalogue import Catalogue, default_catalogue
from bandtracker.domain.preferences import full_choices
from bandtracker.domain.prescription import sides_for
from bandtracker.domain.progression import (
    Ladder,
    Outcome,
    Rung,
    Suggestion,
    build_ladder,
    last_counted_day,
    suggest,
)
from bandtracker.i18n import N_, Message
from bandtracker.store.db import database, write
from bandtracker.store.errors import StoreError
from bandtracker.store.models import Band, CompletedSet, Session, SessionExercise
from bandtracker.store.preferences import (
    EXERCISES,
    progression_sessions,
    sync_snapshot,
)
from bandtracker.store.sessions import current_plan
from bandtracker.store.settings import exercise_choices, get_setting, put_setting

DISMISSED = "progression_dismissed"  # {slug: ISO day of the last session the suggestion counted}

# The last sessions of one exercise, newest first, with the ticks that fall inside the
# prescription (extra sets above a lowered prescription do not make a session complete).
_RECENT = """
SELECT s.day, se.sets, se.reps, b.name, b.colour,
       (SELECT COUNT(*) FROM completed_set c
         WHERE c.session_id = se.session_id AND c.exercise = se.exercise
           AND c.set_number <= se.sets) AS done
  FROM session s
  JOIN session_exercise se ON se.session_id = s.id AND se.exercise = ?
  JOIN band b ON b.id = se.band_id
 WHERE s.day <= ?
 ORDER BY s.day DESC
 LIMIT ?
"""


@dataclass(frozen=True)
class HistoryPoint:
    """One session of one exercise, for the progress chart."""

    day: date
    sets: int
    reps: int
    band: str
    colour: str
    done: int  # boxes ticked within the prescription
    boxes: int  # boxes the prescription asked for

    @property
    def complete(self) -> bool:
        return self.done >= self.boxes

    @property
    def rung(self) -> Rung:
        return Rung(self.band, self.sets)


def band_ladder(catalogue: Catalogue | None = None) -> Ladder:
    routine = (catalogue or default_catalogue()).routine
    rows = list(Band.select(Band.name, Band.hidden).order_by(Band.position, Band.id).tuples())
    return build_ladder(
        [name for name, _ in rows],
        hidden=[name for name, hidden in rows if hidden],
        start_sets=routine.default_sets,
        top_sets=routine.target_sets,
    )


def _points(slug: str, until: date, limit: int, catalogue: Catalogue) -> list[HistoryPoint]:
    sides = len(sides_for(catalogue[slug]))
    cursor = database.execute_sql(_RECENT, (slug, until.isoformat(), limit))
    return [
        HistoryPoint(date.fromisoformat(str(day)), sets, reps, band, colour, done, sets * sides)
        for day, sets, reps, band, colour, done in cursor.fetchall()
    ]


def exercise_history(slug: str, catalogue: Catalogue | None = None) -> tuple[HistoryPoint, ...]:
    """Every session this exercise was part of, oldest first."""
    catalogue = catalogue or default_catalogue()
    return tuple(reversed(_points(slug, date.max, -1, catalogue)))


def step_ups(points: tuple[HistoryPoint, ...], ladder: Ladder) -> tuple[HistoryPoint, ...]:
    """The sessions that first reached a rung above every earlier one.

    Only new highs count: going back down for a while (a bad week, sets changed by hand) and
    up again is not a new step, or a long history would list the same step over and over.
    """
    ups: list[HistoryPoint] = []
    best = points[0].rung if points else None
    for point in points[1:]:
        if best is None or ladder.rank(best) is None:
            best = point.rung
        elif ladder.is_step_up(best, point.rung):
            ups.append(point)
            best = point.rung
    return tuple(ups)


def _dismissed() -> dict[str, date]:
    raw = get_setting(DISMISSED, {})
    result: dict[str, date] = {}
    if isinstance(raw, dict):
        for slug, day in raw.items():
            try:
                result[slug] = date.fromisoformat(day)
            except (TypeError, ValueError):
                continue  # edited by hand into nonsense: as if never dismissed
    return result


def _outcomes(slug: str, today: date, limit: int, catalogue: Catalogue) -> list[Outcome]:
    return [Outcome(p.day, p.rung, p.complete) for p in _points(slug, today, limit, catalogue)]


def suggestions(today: date, catalogue: Catalogue | None = None) -> dict[str, Suggestion]:
    """The step up each exercise in the routine is ready for, if any."""
    catalogue = catalogue or default_catalogue()
    ladder = band_ladder(catalogue)
    needed = progression_sessions()
    dismissed = _dismissed()
    found: dict[str, Suggestion] = {}
    for planned in current_plan(catalogue):
        slug = planned.exercise.slug
        current = Rung(planned.prescription.band, planned.prescription.sets)
        if ladder.next_after(current) is None:
            continue
        # One more than needed: today's unfinished session is passed over, not counted.
        history = _outcomes(slug, today, needed + 1, catalogue)
        suggestion = suggest(ladder, current, history, today, needed, dismissed.get(slug))
        if suggestion is not None:
            found[slug] = suggestion
    return found


def accept(slug: str, step: Rung, today: date, catalogue: Catalogue | None = None) -> bool:
    """Take the step: from the next session, or from today if today has no ticks for it yet.

    Returns True when today's session changed too.
    """
    catalogue = catalogue or default_catalogue()
    if slug not in catalogue:
        raise StoreError(Message("'{slug}' is not an exercise of this routine.", slug=slug))
    with write(N_("change the prescription")):
        band = Band.get_or_none(Band.name == step.band)
        if band is None or band.hidden:
            raise StoreError(
                Message(
                    "The {band} band is not one of your visible bands.", band=band_label(step.band)
                )
            )
        choices = [
            replace(c, sets=step.sets, band=step.band) if c.slug == slug else c
            for c in full_choices(catalogue, exercise_choices())
        ]
        put_setting(EXERCISES, [c.to_json() for c in choices])
        dismissed = {s: d.isoformat() for s, d in _dismissed().items() if s != slug}
        put_setting(DISMISSED, dismissed or None)
        session = Session.get_or_none(Session.day == today)
        if session is None:
            return True  # today's session, once started, takes the new prescription
        ticked = (
            CompletedSet.select()
            .where((CompletedSet.session == session) & (CompletedSet.exercise == slug))
            .exists()
        )
        in_session = (
            SessionExercise.select()
            .where((SessionExercise.session == session) & (SessionExercise.exercise == slug))
            .exists()
        )
        if ticked or not in_session:
            return False
        sync_snapshot(session, catalogue, only={slug})
        return True


def dismiss(slug: str, today: date, catalogue: Catalogue | None = None) -> None:
    """Not now: hide the suggestion until enough further complete sessions."""
    catalogue = catalogue or default_catalogue()
    if slug not in catalogue:
        raise StoreError(Message("'{slug}' is not an exercise of this routine.", slug=slug))
    with write(N_("put off the suggestion")):
        history = _outcomes(slug, today, progression_sessions() + 1, catalogue)
        through = last_counted_day(history, today)
        if through is None:
            return
        dismissed = {s: d.isoformat() for s, d in _dismissed().items()}
        dismissed[slug] = through.isoformat()
        put_setting(DISMISSED, dismissed)
