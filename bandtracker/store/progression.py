"""Each exercise's history of prescriptions, and the step-up suggestions that follow from it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from bandtracker.domain.bands import band_label
from bandtracker.domain.catalogue import Catalogue, default_catalogue
from bandtracker.domain.preferences import full_choices
from bandtracker.domain.prescription import PlannedExercise, sides_for
from bandtracker.domain.progression import (
    Ladder,
    Outcome,
    Rung,
    Suggestion,
    build_ladder,
    last_counted_day,
    suggest,
)
from bandtracker.domain.settings import BandRow, Settings
from bandtracker.i18n import N_, Message
from bandtracker.store.db import database, write
from bandtracker.store.errors import StoreError
from bandtracker.store.models import Band, CompletedSet, Session, SessionExercise
from bandtracker.store.settings import band_rows, save_settings

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
    """One session of one exercise: for the chart, what was done (sets, their usual reps and
    band); for suggestions, what was prescribed."""

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
    return ladder_of(band_rows(), catalogue)


def ladder_of(bands: Sequence[BandRow], catalogue: Catalogue | None = None) -> Ladder:
    """The ladder over `bands` (lightest first), with the routine's start and top sets."""
    routine = (catalogue or default_catalogue()).routine
    return build_ladder(
        [band.name for band in bands],
        hidden=[band.name for band in bands if band.hidden],
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


# Per session where the exercise has sets: its sets grouped by what they were done with
# (usually one group), the set numbers done, the boxes done within the prescription.
_DONE = """
SELECT s.day, g.reps, b.name, b.colour, g.n, t.numbers, t.within, t.highest, se.sets
  FROM (SELECT session_id, reps, band_id, COUNT(*) AS n
          FROM completed_set WHERE exercise = :slug
         GROUP BY session_id, reps, band_id) g
  JOIN (SELECT c.session_id, COUNT(DISTINCT c.set_number) AS numbers,
               MAX(c.set_number) AS highest,
               SUM(c.set_number <= COALESCE(
                   (SELECT x.sets FROM session_exercise x
                     WHERE x.session_id = c.session_id AND x.exercise = :slug),
                   c.set_number)) AS within
          FROM completed_set c WHERE c.exercise = :slug
         GROUP BY c.session_id) t ON t.session_id = g.session_id
  JOIN session s ON s.id = g.session_id
  JOIN band b ON b.id = g.band_id
  LEFT JOIN session_exercise se ON se.session_id = g.session_id AND se.exercise = :slug
 ORDER BY s.day, g.n DESC, b.position
"""


def exercise_history(slug: str, catalogue: Catalogue | None = None) -> tuple[HistoryPoint, ...]:
    """Every session in which this exercise was done, oldest first, from its sets.

    `sets` counts the set numbers done (a side or both), with the reps and band most of them
    were done with: a session with no set of the exercise is not a point at all.
    """
    catalogue = catalogue or default_catalogue()
    sides = len(sides_for(catalogue[slug]))
    points: list[HistoryPoint] = []
    for day, reps, band, colour, _, numbers, within, highest, planned in database.execute_sql(
        _DONE, {"slug": slug}
    ):
        when = date.fromisoformat(str(day))
        if points and points[-1].day == when:
            continue  # a less common group of the same session
        boxes = (planned or highest) * sides
        points.append(HistoryPoint(when, numbers, reps, band, colour, within, boxes))
    return tuple(points)


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


def _dismissed(raw: Mapping[str, str]) -> dict[str, date]:
    result: dict[str, date] = {}
    for slug, day in raw.items():
        try:
            result[slug] = date.fromisoformat(day)
        except (TypeError, ValueError):
            continue  # edited by hand into nonsense: as if never dismissed
    return result


def outcomes(
    slugs: Iterable[str], until: date, limit: int, catalogue: Catalogue | None = None
) -> dict[str, list[Outcome]]:
    """The last `limit` sessions of each exercise on or before `until`, newest first."""
    catalogue = catalogue or default_catalogue()
    return {
        slug: [Outcome(p.day, p.rung, p.complete) for p in _points(slug, until, limit, catalogue)]
        for slug in slugs
    }


def ready_step_ups(
    plan: tuple[PlannedExercise, ...],
    ladder: Ladder,
    history: Mapping[str, Sequence[Outcome]],
    today: date,
    settings: Settings,
) -> dict[str, Suggestion]:
    """The step up each exercise of `plan` (the routine in force) is ready for, if any, from
    each exercise's last sessions (see `outcomes`; today's included)."""
    needed = settings.progression_sessions
    dismissed = _dismissed(settings.progression_dismissed)
    found: dict[str, Suggestion] = {}
    for planned in plan:
        slug = planned.exercise.slug
        current = Rung(planned.prescription.band, planned.prescription.sets)
        suggestion = suggest(
            ladder, current, history.get(slug, ()), today, needed, dismissed.get(slug)
        )
        if suggestion is not None:
            found[slug] = suggestion
    return found


def suggestions(
    today: date,
    settings: Settings,
    plan: tuple[PlannedExercise, ...],
    catalogue: Catalogue | None = None,
) -> dict[str, Suggestion]:
    """The step up each exercise of `plan` is ready for, read from the store (AppState keeps
    the past in memory and adds today's session from its own view instead)."""
    catalogue = catalogue or default_catalogue()
    # One more than needed: today's unfinished session is passed over, not counted.
    limit = settings.progression_sessions + 1
    slugs = [planned.exercise.slug for planned in plan]
    return ready_step_ups(
        plan, band_ladder(catalogue), outcomes(slugs, today, limit, catalogue), today, settings
    )


def accept(
    slug: str,
    step: Rung,
    today: date,
    settings: Settings,
    catalogue: Catalogue | None = None,
) -> bool:
    """Take the step: from the next session, or from today if today has no set done yet.

    A session with a set done keeps its prescription. Returns True when today changed too.
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
        choices = tuple(
            replace(c, sets=step.sets, band=step.band) if c.slug == slug else c
            for c in full_choices(catalogue, settings.exercises)
        )
        dismissed = {s: d for s, d in settings.progression_dismissed.items() if s != slug}
        save_settings({"exercises": choices, "progression_dismissed": dismissed or None}, catalogue)
        session = Session.get_or_none(Session.day == today)
        if session is None:
            return True  # today's session, once started, takes the new prescription
        begun = CompletedSet.select().where(CompletedSet.session == session).exists()
        in_session = (
            SessionExercise.select()
            .where((SessionExercise.session == session) & (SessionExercise.exercise == slug))
            .exists()
        )
        if begun or not in_session:
            return False
        row = SessionExercise.get(
            (SessionExercise.session == session) & (SessionExercise.exercise == slug)
        )
        row.sets, row.band_id = step.sets, band.id
        row.save()
        return True


def dismiss(slug: str, today: date, settings: Settings, catalogue: Catalogue | None = None) -> None:
    """Not now: hide the suggestion until enough further complete sessions."""
    catalogue = catalogue or default_catalogue()
    if slug not in catalogue:
        raise StoreError(Message("'{slug}' is not an exercise of this routine.", slug=slug))
    with write(N_("put off the suggestion")):
        limit = settings.progression_sessions + 1
        history = outcomes([slug], today, limit, catalogue)[slug]
        through = last_counted_day(history, today)
        if through is None:
            return
        dismissed = dict(settings.progression_dismissed)
        dismissed[slug] = through.isoformat()
        save_settings({"progression_dismissed": dismissed}, catalogue)
