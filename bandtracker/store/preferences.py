"""Reading every preference as one object, and saving all of them in a single transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from bandtracker.domain.bands import band_label
from bandtracker.domain.catalogue import Catalogue, default_catalogue
from bandtracker.domain.preferences import (
    DEFAULT_PROGRESSION_SESSIONS,
    BandChoice,
    PreferenceError,
    Preferences,
    full_choices,
    validate,
)
from bandtracker.domain.weeks import DEFAULT_WEEKLY_TARGET
from bandtracker.i18n import N_, Message
from bandtracker.store.db import write
from bandtracker.store.errors import StoreError
from bandtracker.store.models import Band, CompletedSet, Session, SessionExercise
from bandtracker.store.sessions import current_plan
from bandtracker.store.settings import (
    exercise_choices,
    get_setting,
    put_setting,
    routine_settings,
)

WEEKLY_TARGET = "weekly_target"
WEEK_START = "week_start"
PROGRESSION_SESSIONS = "progression_sessions"
EXERCISES = "exercises"


def _int_setting(key: str, default: int, low: int, high: int) -> int:
    value = get_setting(key, default)
    ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
    return value if ok else default


def weekly_target() -> int:
    return _int_setting(WEEKLY_TARGET, DEFAULT_WEEKLY_TARGET, 1, 7)


def week_start() -> int | None:
    """1 = Monday ... 7 = Sunday, or None to follow the locale."""
    value = get_setting(WEEK_START, None)
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 7
    return value if ok else None


def progression_sessions() -> int:
    return _int_setting(PROGRESSION_SESSIONS, DEFAULT_PROGRESSION_SESSIONS, 1, 10)


def bands_in_history() -> set[int]:
    used = {band for (band,) in SessionExercise.select(SessionExercise.band).distinct().tuples()}
    used |= {band for (band,) in CompletedSet.select(CompletedSet.band).distinct().tuples()}
    return used


def load_bands() -> tuple[BandChoice, ...]:
    used = bands_in_history()
    return tuple(
        BandChoice(b.name, b.colour, b.note, bool(b.hidden), b.id, b.id in used)
        for b in Band.select().order_by(Band.position, Band.id)
    )


def load_preferences(catalogue: Catalogue | None = None) -> Preferences:
    catalogue = catalogue or default_catalogue()
    routine = routine_settings()
    return Preferences(
        default_sets=routine.default_sets,
        default_reps=routine.default_reps,
        band=routine.band,
        rollover_hour=routine.rollover_hour,
        weekly_target=weekly_target(),
        week_start=week_start(),
        progression_sessions=progression_sessions(),
        exercises=full_choices(catalogue, exercise_choices()),
        bands=load_bands(),
    )


def _save_bands(bands: tuple[BandChoice, ...]) -> None:
    existing = {b.id: b for b in Band.select()}
    kept = {b.id for b in bands if b.id is not None}
    unknown = kept - existing.keys()
    if unknown:
        raise StoreError(
            Message("A band was removed while the preferences were open. Please try again.")
        )
    used = bands_in_history()
    for band_id in existing.keys() - kept:
        if band_id in used:
            raise StoreError(
                Message(
                    "The {band} band is in your history, so it cannot be removed. Hide it instead.",
                    band=band_label(existing[band_id].name),
                )
            )
        Band.delete().where(Band.id == band_id).execute()
    # Renames can swap names; a placeholder first keeps UNIQUE happy (real names never start
    # with a space).
    for band_id in kept:
        Band.update(name=f" renaming {band_id}").where(Band.id == band_id).execute()
    for position, band in enumerate(bands):
        values = {
            "name": band.name,
            "colour": band.colour,
            "note": band.note,
            "hidden": band.hidden,
            "position": position,
        }
        if band.id is None:
            Band.insert(**values).execute()
        else:
            Band.update(**values).where(Band.id == band.id).execute()


def sync_snapshot(session: Session, catalogue: Catalogue, only: set[str] | None = None) -> None:
    """Make a session's prescription follow the settings (call inside write()).

    Ticks are never touched. An exercise taken out of the routine keeps its row while it has
    ticks, so they stay visible. `only` limits the change to some exercises.
    """
    plan = current_plan(catalogue)
    band_ids = dict(Band.select(Band.name, Band.id).tuples())
    rows = {
        r.exercise: r for r in SessionExercise.select().where(SessionExercise.session == session)
    }
    ticked = {
        e
        for (e,) in CompletedSet.select(CompletedSet.exercise)
        .where(CompletedSet.session == session)
        .distinct()
        .tuples()
    }
    planned_slugs = set()
    for position, planned in enumerate(plan):
        slug = planned.exercise.slug
        planned_slugs.add(slug)
        if only is not None and slug not in only:
            continue
        p = planned.prescription
        values = {"position": position, "sets": p.sets, "reps": p.reps, "band": band_ids[p.band]}
        if slug in rows:
            SessionExercise.update(**values).where(SessionExercise.id == rows[slug].id).execute()
        else:
            SessionExercise.insert(session=session, exercise=slug, **values).execute()
    if only is not None:
        return
    leftover = len(plan)
    for slug, row in rows.items():
        if slug in planned_slugs:
            continue
        if slug in ticked:
            SessionExercise.update(position=leftover).where(SessionExercise.id == row.id).execute()
            leftover += 1
        else:
            row.delete_instance()


def apply_preferences(
    prefs: Preferences,
    today: date | None = None,
    catalogue: Catalogue | None = None,
    extra_settings: dict[str, Any] | None = None,
) -> None:
    """Save every preference at once, or nothing; today's session (if any) follows them.

    `extra_settings` (key -> JSON value) are saved in the same transaction (session prefs).
    """
    catalogue = catalogue or default_catalogue()
    try:
        validate(prefs, catalogue)
    except PreferenceError as exc:
        raise StoreError(
            Message("Could not save your preferences: {problem}", problem=exc.args[0])
        ) from exc
    with write(N_("save your preferences")):
        _save_bands(prefs.bands)
        put_setting("default_sets", prefs.default_sets)
        put_setting("default_reps", prefs.default_reps)
        put_setting("band", prefs.band)
        put_setting("rollover_hour", prefs.rollover_hour)
        put_setting(WEEKLY_TARGET, prefs.weekly_target)
        put_setting(WEEK_START, prefs.week_start)
        put_setting(PROGRESSION_SESSIONS, prefs.progression_sessions)
        put_setting(EXERCISES, [c.to_json() for c in full_choices(catalogue, prefs.exercises)])
        for key, value in (extra_settings or {}).items():
            put_setting(key, value)
        if today is not None:
            session = Session.get_or_none(Session.day == today)
            if session is not None:
                sync_snapshot(session, catalogue)
