"""The user's resistance bands, lightest first."""

from __future__ import annotations

from bandtracker.store.models import Band


def band_colours() -> dict[str, str]:
    return dict(Band.select(Band.name, Band.colour).tuples())
