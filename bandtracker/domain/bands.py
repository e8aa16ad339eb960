"""The resistance bands a new user starts with, lightest first."""

from __future__ import annotations

from dataclasses import dataclass

from bandtracker.i18n import BANDS, term


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
DEFAULT_BAND_NAMES = frozenset(b.name for b in DEFAULT_BANDS)
DEFAULT_BAND_NOTES = frozenset(b.note for b in DEFAULT_BANDS)


def band_label(name: str) -> str:
    """A starting band's name as a term to translate; a name the user chose is theirs, as is."""
    return term(BANDS, name) if name in DEFAULT_BAND_NAMES else name


def band_note_label(note: str) -> str:
    return term(BANDS, note) if note in DEFAULT_BAND_NOTES else note
