"""Opening the database: file location, pragmas, schema migrations, and the write transaction."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import peewee

from bandtracker.i18n import Message
from bandtracker.store import migrations
from bandtracker.store.errors import StoreError, explain
from bandtracker.store.lock import lock_data_folder, unlock_data_folder
from bandtracker.store.migrations import migrate, peek_schema_version, refuse_newer

DB_FILENAME = "bandtracker.db"
# Written when the database opens and removed when it closes cleanly: finding it at the next
# start means the last run was killed or crashed, and earns the file a full integrity check.
OPEN_MARKER = "bandtracker.open"
# WAL keeps readers off the writer's back; FULL makes every commit durable before we
# show a box as ticked; foreign keys guard the history's links.
PRAGMAS = (
    ("journal_mode", "wal"),
    ("synchronous", "full"),
    ("foreign_keys", 1),
    ("busy_timeout", 2000),
)
# UnicodeDecodeError: SQLite's message about a damaged schema can quote bytes that are not text.
DATABASE_ERRORS = (peewee.PeeweeException, sqlite3.Error, OSError, UnicodeDecodeError)

database = peewee.DatabaseProxy()
_open_dir: Path | None = None


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def read_only_folder(data_dir: Path) -> StoreError:
    return StoreError(
        Message(
            "Could not open the database: the data folder {folder} is read-only. "
            "Band Tracker saves every tick there; make the folder writable, or start it with "
            "--data-dir pointing to a folder you can write to.",
            folder=str(data_dir),
        )
    )


def closed_uncleanly(data_dir: Path) -> bool:
    return (data_dir / OPEN_MARKER).exists()


def open_data_dir() -> Path | None:
    """The data folder whose database is open in this process, if any."""
    return _open_dir if database.obj is not None else None


def open_database(data_dir: Path) -> peewee.SqliteDatabase:
    """Open (creating and upgrading as needed) the database in `data_dir` and make it current.

    Holds the data folder's lock until close_database(): one writer at a time.
    """
    global _open_dir
    if _open_dir is not None:
        # Reopening the same folder keeps its lock; switching folders lets the old one go.
        if _open_dir == data_dir:
            disconnect()
        else:
            close_database()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise explain(
            exc, Message("create the data folder {folder}", folder=str(data_dir))
        ) from exc
    lock_data_folder(data_dir)
    try:
        db = _connect(data_dir)
    except BaseException:
        unlock_data_folder(data_dir)
        raise
    try:
        (data_dir / OPEN_MARKER).touch()
    except OSError:
        pass  # Only costs a full check next time; a read-only folder is reported by writes.
    _open_dir = data_dir
    database.initialize(db)
    return db


def open_for_reading(data_dir: Path) -> peewee.SqliteDatabase:
    """Open the database to read only, alongside the Band Tracker that holds the folder's lock.

    WAL lets a reader see every committed tick without getting in the writer's way. No lock,
    no marker and no migration: a file that needs upgrading is left for its writer to upgrade.
    """
    global _open_dir
    close_database()
    path = database_path(data_dir)
    found = peek_schema_version(path) if path.exists() else 0
    if found != migrations.SCHEMA_VERSION:
        raise StoreError(
            Message(
                "Another Band Tracker has the data folder {folder} open and the database there "
                "has schema {found} (this version reads {known}). Close it and try again.",
                folder=str(data_dir),
                found=found,
                known=migrations.SCHEMA_VERSION,
            )
        )
    db = peewee.SqliteDatabase(str(path), pragmas=(*PRAGMAS, ("query_only", 1)), autoconnect=False)
    try:
        db.connect()
    except DATABASE_ERRORS as exc:
        db.close()
        raise explain(exc, Message("open the database in {folder}", folder=str(data_dir))) from exc
    database.initialize(db)
    return db


def _backup_before_migrating(data_dir: Path, found: int) -> None:
    from bandtracker.store.safety.backup import take_backup

    try:
        take_backup(data_dir, label=f"before-schema-{migrations.SCHEMA_VERSION}")
    except StoreError as exc:
        raise StoreError(
            Message(
                "Band Tracker needs to upgrade your database (schema {found} to {known}) but "
                "could not back it up first, so nothing was changed. {cause}",
                found=found,
                known=migrations.SCHEMA_VERSION,
                cause=exc.message,
            )
        ) from exc


def _connect(data_dir: Path) -> peewee.SqliteDatabase:
    path = database_path(data_dir)
    db = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS, autoconnect=False)
    try:
        # Before the pragmas touch the file: a newer file must be left exactly as it was.
        found = peek_schema_version(path)
        refuse_newer(found)
        if 1 <= found < migrations.SCHEMA_VERSION:
            _backup_before_migrating(data_dir, found)
        db.connect()
        migrate(db)
    except StoreError:
        db.close()
        raise
    except DATABASE_ERRORS as exc:
        db.close()
        if not os.access(data_dir, os.W_OK):
            raise read_only_folder(data_dir) from exc
        raise explain(exc, Message("open the database in {folder}", folder=str(data_dir))) from exc
    return db


def disconnect() -> None:
    """Close the connection but keep the folder's lock (to swap the file, then reopen it)."""
    if database.obj is not None and not database.is_closed():
        database.close()
    database.initialize(None)


def close_database() -> None:
    global _open_dir
    disconnect()
    if _open_dir is not None:
        try:
            (_open_dir / OPEN_MARKER).unlink(missing_ok=True)
        except OSError:
            pass  # A folder gone read-only: the next start runs the full check, nothing worse.
        unlock_data_folder(_open_dir)
        _open_dir = None


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
        raise explain(_first_error(exc), action) from exc


def _first_error(exc: BaseException) -> BaseException:
    """The failure that started it: after SQLITE_FULL, SQLite has already rolled back, so
    peewee's own ROLLBACK fails with "no transaction is active" and hides the real cause."""
    seen = exc
    while "no transaction is active" in str(seen) and seen.__context__ is not None:
        seen = seen.__context__
    return seen if isinstance(seen, DATABASE_ERRORS) else exc


def insert_many(table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Insert `rows` inside the current write(): one prepared statement run once per row.

    For imports: tens of thousands of sets go in well under a second, where building the SQL
    text for each batch did not.
    """
    if not rows:
        return
    marks = ", ".join("?" * len(columns))
    database.cursor().executemany(
        f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({marks})', rows
    )
