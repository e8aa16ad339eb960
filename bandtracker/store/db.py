"""Opening the database: file location, pragmas, schema migrations, and the write transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee

from bandtracker.store.errors import StoreError, explain
from bandtracker.store.migrations import migrate, peek_schema_version, refuse_newer

DB_FILENAME = "bandtracker.db"
# WAL keeps readers off the writer's back; FULL makes every commit durable before we
# show a box as ticked; foreign keys guard the history's links.
PRAGMAS = (
    ("journal_mode", "wal"),
    ("synchronous", "full"),
    ("foreign_keys", 1),
    ("busy_timeout", 2000),
)
DATABASE_ERRORS = (peewee.PeeweeException, sqlite3.Error, OSError)

database = peewee.DatabaseProxy()


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def open_database(data_dir: Path) -> peewee.SqliteDatabase:
    """Open (creating and upgrading as needed) the database in `data_dir` and make it current."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise explain(exc, f"create the data folder {data_dir}") from exc
    path = database_path(data_dir)
    db = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS, autoconnect=False)
    try:
        # Before the pragmas touch the file: a newer file must be left exactly as it was.
        refuse_newer(peek_schema_version(path))
        db.connect()
        migrate(db)
    except StoreError:
        db.close()
        raise
    except DATABASE_ERRORS as exc:
        db.close()
        raise explain(exc, f"open the database in {data_dir}") from exc
    database.initialize(db)
    return db


def close_database() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()
    database.initialize(None)


@contextmanager
def write(action: str) -> Iterator[None]:
    """One committed transaction; any failure rolls it back whole and becomes a StoreError.

    `action` completes the sentence "Could not ..." shown to the user.
    """
    try:
        with database.atomic():
            yield
    except StoreError:
        raise
    except DATABASE_ERRORS as exc:
        raise explain(exc, action) from exc
