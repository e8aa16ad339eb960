"""Routine settings kept in the database, so backups and exports carry them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bandtracker.domain.catalogue import Catalogue
from bandtracker.domain.clock import DEFAULT_ROLLOVER_HOUR
from bandtracker.domain.preferences import ExerciseChoice, parse_choices
from bandtracker.domain.settings import BandRow, Settings, parse_settings, to_stored
from bandtracker.store.models import Band, Setting


@dataclass(frozen=True)
class RoutineSettings:
    default_sets: int
    default_reps: int
    band: str
    rollover_hour: int


def read_settings(keys: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Stored settings by key (all, or just `keys`); a value that is not JSON is left out.

    Settings can be edited by hand in the file; nonsense there means "not set", never a crash.
    """
    query = Setting.select() if keys is None else Setting.select().where(Setting.key.in_(keys))
    values = {}
    for row in query:
        try:
            values[row.key] = json.loads(row.value)
        except ValueError:
            continue
    return values


def get_setting(key: str, default: Any) -> Any:
    return read_settings((key,)).get(key, default)


def put_setting(key: str, value: Any) -> None:
    """Call inside write(): None removes the setting."""
    if value is None:
        Setting.delete().where(Setting.key == key).execute()
        return
    Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()


def _whole(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def routine_settings() -> RoutineSettings:
    values = read_settings()
    band = values.get("band")
    if not isinstance(band, str) or not Band.select().where(Band.name == band).exists():
        lightest = Band.select(Band.name).order_by(Band.position).first()
        band = lightest.name if lightest else "yellow"
    return RoutineSettings(
        default_sets=_whole(values.get("default_sets"), 2),
        default_reps=_whole(values.get("default_reps"), 10),
        band=band,
        rollover_hour=_whole(values.get("rollover_hour"), DEFAULT_ROLLOVER_HOUR),
    )


def exercise_choices() -> tuple[ExerciseChoice, ...]:
    """Per-exercise order, on/off and overrides (the "exercises" setting)."""
    return parse_choices(get_setting("exercises", []))


def visible_band_names() -> tuple[str, ...]:
    query = Band.select(Band.name).where(Band.hidden == False).order_by(Band.position)  # noqa: E712
    return tuple(name for (name,) in query.tuples())


def load_settings(catalogue: Catalogue | None = None) -> Settings:
    """Every setting in force, from one read of the table (the state object caches it)."""
    return parse_settings(read_settings(), catalogue)


def save_settings(changes: Mapping[str, Any], catalogue: Catalogue | None = None) -> None:
    """Store `changes` (registry key -> value; None removes it): call inside write()."""
    for key, value in to_stored(changes, catalogue).items():
        put_setting(key, value)


def band_rows() -> tuple[BandRow, ...]:
    """The band inventory, lightest first (one query)."""
    query = Band.select(Band.id, Band.name, Band.colour, Band.hidden).order_by(
        Band.position, Band.id
    )
    return tuple(
        BandRow(band_id, name, colour, bool(hidden))
        for band_id, name, colour, hidden in query.tuples()
    )
