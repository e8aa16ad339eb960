"""Every setting once: its key, default, range and lenient reading, and the values they give."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import time
from typing import Any

from bandtracker.domain.catalogue import Catalogue, default_catalogue
from bandtracker.domain.clock import DEFAULT_ROLLOVER_HOUR, MAX_ROLLOVER_HOUR, MIN_ROLLOVER_HOUR
from bandtracker.domain.floor import (
    CUE_MODES,
    DEFAULT_CUE_MODE,
    DEFAULT_SWITCH_SECONDS,
    MAX_SWITCH_SECONDS,
    MIN_SWITCH_SECONDS,
)
from bandtracker.domain.preferences import (
    DEFAULT_PROGRESSION_SESSIONS,
    MAX_PROGRESSION_SESSIONS,
    MIN_PROGRESSION_SESSIONS,
    ExerciseChoice,
    effective_plan,
    parse_choices,
)
from bandtracker.domain.prescription import (
    MAX_REPS,
    MAX_SETS,
    MIN_REPS,
    MIN_SETS,
    PlannedExercise,
    Prescription,
)
from bandtracker.domain.session_prefs import (
    COLOUR_SCHEMES,
    DEFAULT_REMINDER_TIME,
    DEFAULT_REST_SECONDS,
    MAX_REST_SECONDS,
    MIN_REST_SECONDS,
    SessionPrefs,
)
from bandtracker.domain.weeks import DEFAULT_WEEKLY_TARGET, MAX_WEEKLY_TARGET, MIN_WEEKLY_TARGET

Parse = Callable[[Any, Any], Any]


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def whole_in(low: int, high: int) -> Parse:
    def parse(value: Any, default: Any) -> Any:
        return value if _whole(value) and low <= value <= high else default

    return parse


def optional_whole_in(low: int, high: int) -> Parse:
    def parse(value: Any, default: Any) -> Any:
        return value if _whole(value) and low <= value <= high else None

    return parse


def one_of(choices: tuple[str, ...]) -> Parse:
    def parse(value: Any, default: Any) -> Any:
        return value if value in choices else default

    return parse


def flag(value: Any, default: Any) -> Any:
    return value if isinstance(value, bool) else default


def text(value: Any, default: Any) -> Any:
    return value if isinstance(value, str) else default


def weekdays(value: Any, default: Any) -> Any:
    items = value if isinstance(value, list) else []
    return frozenset(d for d in items if _whole(d) and 1 <= d <= 7)


def clock_time(value: Any, default: Any) -> Any:
    try:
        return time.fromisoformat(str(value)).replace(second=0, microsecond=0, tzinfo=None)
    except ValueError:
        return default


def day_map(value: Any, default: Any) -> Any:
    """{slug: ISO day}; entries that are not both strings are dropped."""
    if not isinstance(value, Mapping):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def choices(value: Any, default: Any) -> Any:
    return parse_choices(value)


def _json_time(value: time) -> str:
    return value.strftime("%H:%M")


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    parse: Parse
    to_json: Callable[[Any], Any] = field(default=lambda value: value)


def _specs(catalogue: Catalogue) -> tuple[SettingSpec, ...]:
    routine = catalogue.routine
    return (
        # The routine: the catalogue's starting point (the source says start light, fewer sets).
        SettingSpec("default_sets", routine.default_sets, whole_in(MIN_SETS, MAX_SETS)),
        SettingSpec("default_reps", routine.default_reps, whole_in(MIN_REPS, MAX_REPS)),
        SettingSpec("band", "", text),  # "" (or a band that is gone): the lightest visible band
        SettingSpec(
            "rollover_hour",
            DEFAULT_ROLLOVER_HOUR,
            whole_in(MIN_ROLLOVER_HOUR, MAX_ROLLOVER_HOUR),
        ),
        SettingSpec("exercises", (), choices, lambda value: [c.to_json() for c in value]),
        # Weeks and progression.
        SettingSpec(
            "weekly_target",
            DEFAULT_WEEKLY_TARGET,
            whole_in(MIN_WEEKLY_TARGET, MAX_WEEKLY_TARGET),
        ),
        SettingSpec("week_start", None, optional_whole_in(1, 7)),
        SettingSpec(
            "progression_sessions",
            DEFAULT_PROGRESSION_SESSIONS,
            whole_in(MIN_PROGRESSION_SESSIONS, MAX_PROGRESSION_SESSIONS),
        ),
        SettingSpec("progression_dismissed", {}, day_map),
        # The session and the desktop.
        SettingSpec(
            "rest_seconds", DEFAULT_REST_SECONDS, whole_in(MIN_REST_SECONDS, MAX_REST_SECONDS)
        ),
        SettingSpec("close_to_tray", False, flag),
        SettingSpec("colour_scheme", "system", one_of(COLOUR_SCHEMES)),
        SettingSpec("reminder_days", frozenset(), weekdays, lambda value: sorted(value)),
        SettingSpec("reminder_time", DEFAULT_REMINDER_TIME, clock_time, _json_time),
        # Floor mode.
        SettingSpec(
            "floor_switch_seconds",
            DEFAULT_SWITCH_SECONDS,
            whole_in(MIN_SWITCH_SECONDS, MAX_SWITCH_SECONDS),
        ),
        SettingSpec("floor_cue_mode", DEFAULT_CUE_MODE, one_of(CUE_MODES)),
        SettingSpec("floor_alternate_walks", False, flag),
    )


@dataclass(frozen=True)
class Settings:
    """Every setting's value in force: what is stored where it makes sense, else the default."""

    default_sets: int
    default_reps: int
    band: str
    rollover_hour: int
    exercises: tuple[ExerciseChoice, ...]
    weekly_target: int
    week_start: int | None
    progression_sessions: int
    progression_dismissed: Mapping[str, str]
    rest_seconds: int
    close_to_tray: bool
    colour_scheme: str
    reminder_days: frozenset[int]
    reminder_time: time
    floor_switch_seconds: int = DEFAULT_SWITCH_SECONDS  # roll over or change legs, 0-15 s
    floor_cue_mode: str = DEFAULT_CUE_MODE  # voice, sounds or silent
    floor_alternate_walks: bool = False  # forward and backward walks as alternating sets

    @property
    def session_prefs(self) -> SessionPrefs:
        return SessionPrefs(
            rest_seconds=self.rest_seconds,
            close_to_tray=self.close_to_tray,
            colour_scheme=self.colour_scheme,
            reminder_days=self.reminder_days,
            reminder_time=self.reminder_time,
        )


def specs(catalogue: Catalogue | None = None) -> dict[str, SettingSpec]:
    return {spec.key: spec for spec in _specs(catalogue or default_catalogue())}


KEYS = tuple(f.name for f in fields(Settings))


def parse_settings(stored: Mapping[str, Any], catalogue: Catalogue | None = None) -> Settings:
    """Settings from stored JSON values, leniently: nonsense edited into the file is the default."""
    known = specs(catalogue)
    values = {}
    for key in KEYS:
        spec = known[key]
        values[key] = spec.parse(stored[key], spec.default) if key in stored else spec.default
    return Settings(**values)


def to_stored(changes: Mapping[str, Any], catalogue: Catalogue | None = None) -> dict[str, Any]:
    """The JSON values to store for `changes` (key -> value); None removes a stored setting.

    Raises KeyError for a key the registry does not know: every setting is declared above.
    """
    known = specs(catalogue)
    return {
        key: None if value is None else known[key].to_json(value) for key, value in changes.items()
    }


@dataclass(frozen=True)
class BandRow:
    """A band in the inventory as the routine needs it: lightest first, by position."""

    id: int
    name: str
    colour: str
    hidden: bool = False


def routine_band(settings: Settings, bands: tuple[BandRow, ...]) -> str:
    """The routine's band: the chosen one while it is in the list, else the lightest visible."""
    names = {b.name for b in bands}
    if settings.band in names:
        return settings.band
    visible = [b.name for b in bands if not b.hidden]
    return visible[0] if visible else (bands[0].name if bands else "yellow")


def routine_plan(
    settings: Settings, bands: tuple[BandRow, ...], catalogue: Catalogue | None = None
) -> tuple[PlannedExercise, ...]:
    """The prescription for a day with nothing recorded yet: the enabled exercises in the
    user's order, each with its own overrides of the defaults."""
    catalogue = catalogue or default_catalogue()
    default = Prescription(
        settings.default_sets, settings.default_reps, routine_band(settings, bands)
    )
    visible = tuple(b.name for b in bands if not b.hidden)
    plan = effective_plan(catalogue, default, settings.exercises, visible)
    return tuple(PlannedExercise(e, p) for e, p in plan)
