"""Where the shipped resources (catalogue, drawings, icons) live, installed or in a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resource_dir() -> Path:
    """The resources folder: inside the package when installed, at the repo top in a checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "resources", package.parent / "resources"):
        if (candidate / "catalogue.json").is_file():
            return candidate
    raise FileNotFoundError(
        f"Band Tracker's resources are missing (looked in {package / 'resources'} and "
        f"{package.parent / 'resources'}). Reinstall the application."
    )


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def illustration_path(slug: str, dark: bool = False) -> Path:
    """An exercise's drawing; `dark`: its version in the dark scheme's colours."""
    if dark:
        return resource_path("illustrations", "dark", f"{slug}.svg")
    return resource_path("illustrations", f"{slug}.svg")


def icon_path() -> Path:
    return resource_path("icons", "bandtracker.svg")


def translations_dir() -> Path:
    """Compiled translations (bandtracker_<language>.qm) shipped with the app."""
    return resource_path("translations")
