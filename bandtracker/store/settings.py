"""Routine settings kept in the database, so backups and exports carry them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bandtracker.domain.clock import DEFAULT_ROLLOVER_HOUR
from bandtracker.domain.preferences import ExerciseChoice, parse_choices
from bandtracker.store.models import Band, Setting


@dataclass(frozen=True)
class RoutineSettings:
    default_sets: int
    default_reps: int
    band: str
    rollover_hour: int


def get_setting(key: str, default: Any) -> Any:
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return default
    try:
        return json.loads(row.value)
    except ValueError:
        return default  # edited by hand into something that is not JSON: as if never set


def routine_settings() -> RoutineSettings:
    values = {row.key: json.loads(row.value) for row in Setting.select()}
    band = values.get("band")
    if band is None or not Band.select().where(Band.name == band).exists():
        lightest = Band.select(Band.name).order_by(Band.position).first()
        band = lightest.name if lightest else "yellow"
    return RoutineSettings(
        default_sets=int(values.get("default_sets", 2)),
        default_reps=int(values.get("default_reps", 10)),
        band=band,
        rollover_hour=int(values.get("rollover_hour", DEFAULT_ROLLOVER_HOUR)),
    )


def exercise_choices() -> tuple[ExerciseChoice, ...]:
    """Per-exercise order, on/off and overrides (the "exercises" setting)."""
    return parse_choices(get_setting("exercises", []))


def visible_band_names() -> tuple[str, ...]:
    query = Band.select(Band.name).where(Band.hidden == False).order_by(Band.position)  # noqa: E712
    return tuple(name for (name,) in query.tuples())
