"""Two computers in one test: their data folders opened in turn, one shared sync folder."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bandtracker.store.db import close_database, database, open_database
from bandtracker.store.sync.engine import Syncer, SyncReport

_syncers: dict[Path, Syncer] = {}


@contextmanager
def on(data_dir: Path) -> Iterator[None]:
    """The computer whose data folder is `data_dir` is the one the store talks to."""
    open_database(data_dir)
    try:
        yield
    finally:
        close_database()


def sync(data_dir: Path, folder: Path) -> SyncReport:
    with on(data_dir):
        syncer = _syncers.setdefault(data_dir, Syncer(data_dir))
        return syncer.run(folder)


def history(data_dir: Path) -> list[tuple]:
    """Everything the user can see, in a comparable form."""
    with on(data_dir):
        sets = database.execute_sql(
            "SELECT s.day, c.exercise, c.set_number, c.side, c.reps, b.name, c.completed_at"
            " FROM completed_set c JOIN session s ON s.id = c.session_id"
            " JOIN band b ON b.id = c.band_id ORDER BY 1, 2, 3, 4"
        ).fetchall()
        sessions = database.execute_sql(
            "SELECT day, note, started_at, finished_at FROM session ORDER BY day"
        ).fetchall()
        settings = database.execute_sql("SELECT key, value FROM setting ORDER BY key").fetchall()
        bands = database.execute_sql(
            "SELECT name, colour, note, hidden FROM band ORDER BY name"
        ).fetchall()
    return [sets, sessions, settings, bands]
