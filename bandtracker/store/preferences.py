"""Reading every preference as one object, and saving all of them in a single transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from bandtracker.domain.bands import band_label
from bandtracker.domain.catalogue import Catalogue, default_catalogue
from bandtracker.domain.preferences import (
    BandChoice,
    PreferenceError,
    Preferences,
    full_choices,
    validate,
)
from bandtracker.domain.prescription import PlannedExercise
from bandtracker.domain.settings import BandRow, routine_band
from bandtracker.i18n import N_, Message
from bandtracker.store.db import write
from bandtracker.store.errors import StoreError
from bandtracker.store.models import Band, CompletedSet, Session, SessionExercise
from bandtracker.store.sessions import DayView
from bandtracker.store.settings import load_settings, put_setting, save_settings

EXERCISES = "exercises"


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
    """What the dialog edits, from one read of the settings (the registry's reader)."""
    catalogue = catalogue or default_catalogue()
    settings = load_settings(catalogue)
    bands = load_bands()
    rows = tuple(BandRow(b.id or 0, b.name, b.colour, b.hidden) for b in bands)
    return Preferences(
        default_sets=settings.default_sets,
        default_reps=settings.default_reps,
        band=routine_band(settings, rows),
        rollover_hour=settings.rollover_hour,
        weekly_target=settings.weekly_target,
        week_start=settings.week_start,
        progression_sessions=settings.progression_sessions,
        exercises=full_choices(catalogue, settings.exercises),
        bands=bands,
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


def sync_snapshot(
    session_id: int,
    plan: tuple[PlannedExercise, ...],
    band_ids: Mapping[str, int],
    only: set[str] | None = None,
) -> None:
    """Make a session's prescription follow `plan` (call inside write()).

    Ticks are never touched: each keeps the reps and band it was done with. An exercise taken
    out of the routine keeps its row while it has ticks, so they stay visible. `only` limits
    the change to some exercises.
    """
    rows = {
        r.exercise: r for r in SessionExercise.select().where(SessionExercise.session == session_id)
    }
    ticked = {
        e
        for (e,) in CompletedSet.select(CompletedSet.exercise)
        .where(CompletedSet.session == session_id)
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
            SessionExercise.insert(session=session_id, exercise=slug, **values).execute()
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


def plan_differs(view: DayView, plan: tuple[PlannedExercise, ...]) -> bool:
    """Whether a recorded day's own prescription differs from `plan` (new settings)."""
    mine = [(p.exercise.slug, p.prescription) for p in view.plan]
    theirs = [(p.exercise.slug, p.prescription) for p in plan]
    return mine != theirs


def follow_plan(day: date, plan: tuple[PlannedExercise, ...], band_ids: Mapping[str, int]) -> None:
    """The user chose to do the rest of `day`'s sets with `plan`: its sets not yet done follow.

    Sets already done keep the reps and band they were done with.
    """
    with write(N_("change today's prescription")):
        session = Session.get_or_none(Session.day == day)
        if session is not None:
            sync_snapshot(session.id, plan, band_ids)


def apply_preferences(
    prefs: Preferences,
    catalogue: Catalogue | None = None,
    extra_settings: Mapping[str, Any] | None = None,
) -> None:
    """Save every preference at once, or nothing.

    A session already begun keeps its own prescription: new settings apply from the next
    session, unless the user asks for today's remaining sets to follow (`follow_plan`).
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
        changes: dict[str, Any] = {
            "default_sets": prefs.default_sets,
            "default_reps": prefs.default_reps,
            "band": prefs.band,
            "rollover_hour": prefs.rollover_hour,
            "weekly_target": prefs.weekly_target,
            "week_start": prefs.week_start,
            "progression_sessions": prefs.progression_sessions,
            EXERCISES: full_choices(catalogue, prefs.exercises),
        }
        save_settings(changes, catalogue)
        for key, value in (extra_settings or {}).items():
            put_setting(key, value)  # already JSON values
