"""The routine's exercises, read from the catalogue data file shipped in resources/."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from bandtracker.assets import resource_path

SLUG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


class CatalogueError(ValueError):
    """The catalogue file is not what the app expects (a packaging fault, not a user one)."""


@dataclass(frozen=True)
class Exercise:
    slug: str
    name: str
    band_placement: str
    each_side: bool
    unit_singular: str
    unit_plural: str
    how_to: str
    cues: tuple[str, ...]

    def unit(self, count: int) -> str:
        return self.unit_singular if count == 1 else self.unit_plural


@dataclass(frozen=True)
class RoutineFacts:
    name: str
    default_sets: int
    target_sets: int
    default_reps: int
    sessions_per_week: tuple[int, int]
    minutes: tuple[int, int]


@dataclass(frozen=True)
class Catalogue:
    routine: RoutineFacts
    exercises: tuple[Exercise, ...]
    _by_slug: dict[str, Exercise] = field(init=False, repr=False, compare=False)
    _order: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_slug", {e.slug: e for e in self.exercises})
        object.__setattr__(self, "_order", {e.slug: i for i, e in enumerate(self.exercises)})

    def get(self, slug: str) -> Exercise | None:
        return self._by_slug.get(slug)

    def __getitem__(self, slug: str) -> Exercise:
        return self._by_slug[slug]

    def __contains__(self, slug: object) -> bool:
        return slug in self._by_slug

    def order(self, slug: str) -> int:
        """Position in the routine; unknown slugs sort last."""
        return self._order.get(slug, len(self.exercises))

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(e.slug for e in self.exercises)


def _require(data: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in data:
        raise CatalogueError(f"{where}: '{key}' is missing")
    value = data[key]
    # bool is an int in Python; a count given as true/false is still wrong.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise CatalogueError(f"{where}: '{key}' should be {kind.__name__}")
    return value


def _pair(data: Mapping[str, Any], key: str, where: str) -> tuple[int, int]:
    value = _require(data, key, list, where)
    if len(value) != 2 or not all(isinstance(v, int) for v in value):
        raise CatalogueError(f"{where}: '{key}' should be two whole numbers")
    return (value[0], value[1])


def parse_catalogue(data: Mapping[str, Any]) -> Catalogue:
    if _require(data, "format", int, "catalogue") != 1:
        raise CatalogueError("catalogue: unknown format")
    r = _require(data, "routine", dict, "catalogue")
    routine = RoutineFacts(
        name=_require(r, "name", str, "routine"),
        default_sets=_require(r, "default_sets", int, "routine"),
        target_sets=_require(r, "target_sets", int, "routine"),
        default_reps=_require(r, "default_reps", int, "routine"),
        sessions_per_week=_pair(r, "sessions_per_week", "routine"),
        minutes=_pair(r, "minutes", "routine"),
    )
    exercises = []
    for i, e in enumerate(_require(data, "exercises", list, "catalogue")):
        where = f"exercises[{i}]"
        if not isinstance(e, dict):
            raise CatalogueError(f"{where} should be an object")
        slug = _require(e, "slug", str, where)
        if not slug or not set(slug) <= SLUG_CHARS:
            raise CatalogueError(f"{where}: slug '{slug}' is not lower-case-with-dashes")
        unit = _require(e, "unit", list, where)
        if len(unit) != 2 or not all(isinstance(u, str) and u for u in unit):
            raise CatalogueError(f"{where}: 'unit' should be [singular, plural]")
        cues = _require(e, "cues", list, where)
        if not all(isinstance(c, str) and c for c in cues):
            raise CatalogueError(f"{where}: every cue should be text")
        exercises.append(
            Exercise(
                slug=slug,
                name=_require(e, "name", str, where),
                band_placement=_require(e, "band", str, where),
                each_side=_require(e, "each_side", bool, where),
                unit_singular=unit[0],
                unit_plural=unit[1],
                how_to=_require(e, "how_to", str, where),
                cues=tuple(cues),
            )
        )
    slugs = [e.slug for e in exercises]
    if len(set(slugs)) != len(slugs):
        raise CatalogueError("catalogue: two exercises share a slug")
    if not exercises:
        raise CatalogueError("catalogue: no exercises")
    return Catalogue(routine=routine, exercises=tuple(exercises))


def load_catalogue(path: Path) -> Catalogue:
    with path.open(encoding="utf-8") as f:
        return parse_catalogue(json.load(f))


@cache
def default_catalogue() -> Catalogue:
    return load_catalogue(resource_path("catalogue.json"))
