"""The export and import formats by name, so the command line and the window offer the same ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bandtracker.store.transfer import csv_io, ics_io, json_io
from bandtracker.store.transfer.csv_io import ImportSummary, open_regular, read_text

# format -> (writer returning a count, what the count counts)
EXPORTERS: dict[str, tuple[Callable[[TextIO], int], str]] = {
    "csv": (csv_io.export_csv, "set"),
    "json": (json_io.export_json, "session"),
    "ics": (ics_io.export_ics, "calendar event"),
}


def counted(count: int, what: str) -> str:
    return f"{count} {what}{'' if count == 1 else 's'}"


def looks_like_json(path: Path, start: str) -> bool:
    if path.suffix.lower() == ".json":
        return True
    if path.suffix.lower() == ".csv":
        return False
    return start.lstrip("\ufeff \t\r\n").startswith("{")


def import_file(path: Path) -> ImportSummary:
    """Import a CSV or JSON export (told apart by name, else by content), all or nothing."""
    with open_regular(path) as handle:
        start = handle.read(256).decode("utf-8", "ignore")
    if looks_like_json(path, start):
        return json_io.import_backup(json_io.parse_json(read_text(path)))
    return csv_io.import_csv(path)
