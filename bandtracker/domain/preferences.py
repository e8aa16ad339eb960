"""The user's preferences as plain values, the rules they must follow, and the plan they give."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bandtracker.domain.bands import MAX_BAND_NAME
from bandtracker.domain.catalogue import Catalogue, Exercise
from bandtracker.domain.clock import DEFAULT_ROLLOVER_HOUR, MAX_ROLLOVER_HOUR, MIN_ROLLOVER_HOUR
from bandtracker.domain.prescription import MAX_REPS, MAX_SETS, MIN_REPS, MIN_SETS, Prescription
from bandtracker.domain.weeks import DEFAULT_WEEKLY_TARGET, MAX_WEEKLY_TARGET, MIN_WEEKLY_TARGET
from bandtracker.i18n import CATALOGUE, N_, Message, as_message, term

MIN_PROGRESSION_SESSIONS, MAX_PROGRESSION_SESSIONS, DEFAULT_PROGRESSION_SESSIONS = 1, 10, 3
MAX_BAND_NOTE = 200
# 1 = Monday ... 7 = Sunday, as ISO 8601 and Qt.DayOfWeek count them.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def quoted(text: str) -> str:
    return f"\N{LEFT DOUBLE QUOTATION MARK}{text}\N{RIGHT DOUBLE QUOTATION MARK}"


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


class PreferenceError(ValueError):
    """A preference breaks a rule; str() says which, in words for the user."""


@dataclass(frozen=True)
class ExerciseChoice:
    """One exercise's place in the routine; None means 'use the routine's default'."""

    slug: str
    enabled: bool = True
    sets: int | None = None
    reps: int | None = None
    band: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "enabled": self.enabled,
            "sets": self.sets,
            "reps": self.reps,
            "band": self.band,
        }


@dataclass(frozen=True)
class BandChoice:
    """A band in the inventory; `id` is None for a band added in this edit."""

    name: str
    colour: str
    note: str = ""
    hidden: bool = False
    id: int | None = None
    used: bool = False  # recorded in history: may be hidden but never deleted


@dataclass(frozen=True)
class Preferences:
    default_sets: int
    default_reps: int
    band: str
    rollover_hour: int = DEFAULT_ROLLOVER_HOUR
    weekly_target: int = DEFAULT_WEEKLY_TARGET
    week_start: int | None = None  # None: follow the locale
    progression_sessions: int = DEFAULT_PROGRESSION_SESSIONS
    exercises: tuple[ExerciseChoice, ...] = ()  # in routine order
    bands: tuple[BandChoice, ...] = ()  # lightest first

    def exercise(self, slug: str) -> ExerciseChoice:
        for choice in self.exercises:
            if choice.slug == slug:
                return choice
        return ExerciseChoice(slug)

    def visible_bands(self) -> tuple[str, ...]:
        return tuple(b.name for b in self.bands if not b.hidden)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_range(label: str, value: Any, low: int, high: int) -> None:
    if not _whole(value) or not low <= value <= high:
        raise PreferenceError(
            Message(
                "{label} must be a whole number from {low} to {high}.",
                label=as_message(label),
                low=low,
                high=high,
            )
        )


def band_name_problem(name: str, others: Iterable[str]) -> str | None:
    """Why a band name cannot be used, or None; names compare without case or outer spaces."""
    clean = name.strip()
    if not clean:
        return Message("Every band needs a name.")
    if len(clean) > MAX_BAND_NAME:
        return Message("A band name can have at most {count} characters.", count=MAX_BAND_NAME)
    if clean.casefold() in {o.strip().casefold() for o in others}:
        return Message("Two bands are called {name}.", name=quoted(clean))
    return None


def validate(prefs: Preferences, catalogue: Catalogue) -> None:
    """Raise PreferenceError for the first rule `prefs` breaks."""
    _check_range(N_("Default sets"), prefs.default_sets, MIN_SETS, MAX_SETS)
    _check_range(N_("Default reps"), prefs.default_reps, MIN_REPS, MAX_REPS)
    _check_range(
        N_("The day rollover hour"), prefs.rollover_hour, MIN_ROLLOVER_HOUR, MAX_ROLLOVER_HOUR
    )
    _check_range(N_("The weekly target"), prefs.weekly_target, MIN_WEEKLY_TARGET, MAX_WEEKLY_TARGET)
    if prefs.week_start is not None:
        _check_range(N_("The first day of the week"), prefs.week_start, 1, 7)
    _check_range(
        N_("The number of sessions before a step up"),
        prefs.progression_sessions,
        MIN_PROGRESSION_SESSIONS,
        MAX_PROGRESSION_SESSIONS,
    )

    seen: list[str] = []
    for band in prefs.bands:
        problem = band_name_problem(band.name, seen)
        if problem:
            raise PreferenceError(problem)
        seen.append(band.name)
        if band.name != band.name.strip():
            raise PreferenceError(Message("A band name cannot start or end with a space."))
        if not _COLOUR.fullmatch(band.colour):
            raise PreferenceError(
                Message("The colour of the {band} band is not a #rrggbb colour.", band=band.name)
            )
        if len(band.note) > MAX_BAND_NOTE:
            raise PreferenceError(
                Message("A band note can have at most {count} characters.", count=MAX_BAND_NOTE)
            )
    visible = set(prefs.visible_bands())
    if prefs.band not in visible:
        raise PreferenceError(
            Message(
                "The routine's band {band} is not one of your visible bands.",
                band=quoted(prefs.band),
            )
        )

    slugs = [c.slug for c in prefs.exercises]
    if len(set(slugs)) != len(slugs):
        raise PreferenceError(Message("An exercise is listed twice."))
    for choice in prefs.exercises:
        exercise = catalogue.get(choice.slug)
        if exercise is None:
            raise PreferenceError(
                Message("'{slug}' is not an exercise of this routine.", slug=choice.slug)
            )
        if choice.sets is not None:
            label = Message("Sets for {exercise}", exercise=term(CATALOGUE, exercise.name))
            _check_range(label, choice.sets, MIN_SETS, MAX_SETS)
        if choice.reps is not None:
            label = Message("Reps for {exercise}", exercise=term(CATALOGUE, exercise.name))
            _check_range(label, choice.reps, MIN_REPS, MAX_REPS)
        if choice.band is not None and choice.band not in visible:
            raise PreferenceError(
                Message(
                    "The band for {exercise} is not one of your visible bands.",
                    exercise=term(CATALOGUE, exercise.name),
                )
            )
    if not any(prefs.exercise(slug).enabled for slug in catalogue.slugs):
        raise PreferenceError(Message("Keep at least one exercise in the routine."))


def parse_choices(raw: Any) -> tuple[ExerciseChoice, ...]:
    """Read the stored per-exercise list leniently: a value edited by hand into nonsense is
    dropped (that exercise follows the defaults) rather than stopping the app."""
    if not isinstance(raw, list):
        return ()
    choices: list[ExerciseChoice] = []
    seen: set[str] = set()
    for item in raw:
        if not isinstance(item, Mapping) or not isinstance(item.get("slug"), str):
            continue
        slug = item["slug"]
        if slug in seen:
            continue
        seen.add(slug)
        sets, reps, band = item.get("sets"), item.get("reps"), item.get("band")
        choices.append(
            ExerciseChoice(
                slug=slug,
                enabled=item.get("enabled", True) is not False,
                sets=sets if _whole(sets) and MIN_SETS <= sets <= MAX_SETS else None,
                reps=reps if _whole(reps) and MIN_REPS <= reps <= MAX_REPS else None,
                band=band if isinstance(band, str) and band else None,
            )
        )
    return tuple(choices)


def routine_order(catalogue: Catalogue, choices: Sequence[ExerciseChoice]) -> tuple[str, ...]:
    """Every catalogue exercise: the user's order first, then any they never placed."""
    placed = [c.slug for c in choices if c.slug in catalogue]
    return tuple(placed + [s for s in catalogue.slugs if s not in placed])


def full_choices(
    catalogue: Catalogue, choices: Sequence[ExerciseChoice]
) -> tuple[ExerciseChoice, ...]:
    by_slug = {c.slug: c for c in choices}
    return tuple(by_slug.get(s, ExerciseChoice(s)) for s in routine_order(catalogue, choices))


def effective_plan(
    catalogue: Catalogue,
    default: Prescription,
    choices: Sequence[ExerciseChoice],
    usable_bands: Iterable[str],
) -> tuple[tuple[Exercise, Prescription], ...]:
    """The enabled exercises in order, each with its own prescription.

    An override naming a band that is gone or hidden falls back to the routine's band.
    """
    usable = set(usable_bands)
    plan = []
    for choice in full_choices(catalogue, choices):
        if not choice.enabled:
            continue
        plan.append(
            (
                catalogue[choice.slug],
                Prescription(
                    sets=choice.sets or default.sets,
                    reps=choice.reps or default.reps,
                    band=choice.band if choice.band in usable else default.band,
                ),
            )
        )
    return tuple(plan)
