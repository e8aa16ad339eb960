"""The resistance bands a new user starts with, lightest first."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BandSpec:
    name: str
    colour: str
    note: str


DEFAULT_BANDS: tuple[BandSpec, ...] = (
    BandSpec("yellow", "#f2c94c", "light"),
    BandSpec("green", "#3fa34d", "medium"),
    BandSpec("blue", "#2f6fd6", "heavy"),
    BandSpec("black", "#2b2b2b", "extra heavy"),
)
MAX_BAND_NAME = 40
