"""An imported day's prescription, inferred from its sets; the level an import reached."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from bandtracker.domain.catalogue import Catalogue
from bandtracker.domain.preferences import full_choices
from bandtracker.domain.prescription import PlannedExercise, Prescription
from bandtracker.domain.settings import BandRow, Settings
from bandtracker.store import sessions
from bandtracker.store.models import Session


@dataclass(frozen=True)
class DoneSet:
    """One imported set as the inference needs it."""

    exercise: str
    set_number: int
    reps: int
    band: str


@dataclass(frozen=True)
class Inferred:
    """One exercise's row of an inferred session snapshot."""

    exercise: str
    position: int
    sets: int
    reps: int
    band: str


def _most_common(values: Iterable[object]) -> object:
    # Ties go to the value seen first, so the result does not depend on hash order.
    counts = Counter(values)
    return max(counts, key=lambda v: counts[v])


def infer_plan(done: Iterable[DoneSet], catalogue: Catalogue) -> tuple[Inferred, ...]:
    """The prescription a day was done with, from its own sets.

    Per exercise: the highest set number done, the most common reps and band. An exercise of
    the routine with no sets that day gets the day's typical prescription (its most common
    sets, reps and band), so a partial day lists what was missed with that day's band, not with
    whatever the settings say when the day is looked at.
    """
    by_exercise: dict[str, list[DoneSet]] = {}
    for item in done:
        by_exercise.setdefault(item.exercise, []).append(item)
    found: dict[str, tuple[int, int, str]] = {}
    for slug, items in by_exercise.items():
        reps = _most_common(i.reps for i in items)
        band = _most_common(i.band for i in items)
        assert isinstance(reps, int) and isinstance(band, str)
        found[slug] = (max(i.set_number for i in items), reps, band)
    if not found:
        return ()
    typical = _most_common(found.values())
    assert isinstance(typical, tuple)
    return tuple(
        Inferred(exercise.slug, position, *found.get(exercise.slug, typical))
        for position, exercise in enumerate(catalogue.exercises)
    )


# --- after an import: continue from the level the history reached ----------------------


@dataclass(frozen=True)
class LevelOffer:
    """The newest session's prescription, when it is above what the settings say now."""

    day: date
    plan: tuple[PlannedExercise, ...]
    changes: dict[str, Any]  # settings (registry keys) that make the routine continue from it


def _rank(p: Prescription, bands: Sequence[str]) -> tuple[int, int, int]:
    return (bands.index(p.band) if p.band in bands else -1, p.sets, p.reps)


def level_offer(
    settings: Settings,
    current: tuple[PlannedExercise, ...],
    bands: tuple[BandRow, ...],
    catalogue: Catalogue,
) -> LevelOffer | None:
    """What continuing from the newest session would change, if any exercise of it was done
    at a higher level (band, then sets, then reps) than the routine now prescribes."""
    newest = Session.select(Session.day).order_by(Session.day.desc()).first()
    if newest is None:
        return None
    plan = sessions.load_day(newest.day, catalogue, current).plan
    order = [b.name for b in bands]
    now = {p.exercise.slug: p.prescription for p in current}
    if not any(
        p.exercise.slug in now and _rank(p.prescription, order) > _rank(now[p.exercise.slug], order)
        for p in plan
    ):
        return None
    typical = _most_common(p.prescription for p in plan)
    assert isinstance(typical, Prescription)
    then = {p.exercise.slug: p.prescription for p in plan}
    choices = []
    for choice in full_choices(catalogue, settings.exercises):
        p = then.get(choice.slug)
        if p is None:
            choices.append(choice)
            continue
        choices.append(
            replace(
                choice,
                sets=None if p.sets == typical.sets else p.sets,
                reps=None if p.reps == typical.reps else p.reps,
                band=None if p.band == typical.band else p.band,
            )
        )
    changes: dict[str, Any] = {
        "default_sets": typical.sets,
        "default_reps": typical.reps,
        "band": typical.band,
        "exercises": tuple(choices),
    }
    return LevelOffer(newest.day, plan, changes)
