"""Schema versions, recorded in PRAGMA user_version, and the steps that upgrade an older file."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from functools import cache
from pathlib import Path

import peewee

from bandtracker.domain.bands import DEFAULT_BANDS
from bandtracker.domain.catalogue import default_catalogue
from bandtracker.domain.clock import DEFAULT_ROLLOVER_HOUR
from bandtracker.i18n import Message
from bandtracker.store.errors import DamagedDatabaseError, NewerDatabaseError, shown

# Each step is written out as SQL rather than derived from the models, so that what a
# step does stays fixed even when the models move on.
SCHEMA_V1 = (
    """CREATE TABLE band (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        colour TEXT NOT NULL,
        position INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        hidden INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE session (
        id INTEGER PRIMARY KEY,
        day DATE NOT NULL UNIQUE,
        started_at TEXT,
        finished_at TEXT,
        note TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE session_exercise (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
        exercise TEXT NOT NULL,
        position INTEGER NOT NULL,
        sets INTEGER NOT NULL CHECK (sets >= 1),
        reps INTEGER NOT NULL CHECK (reps >= 1),
        band_id INTEGER NOT NULL REFERENCES band (id) ON DELETE RESTRICT,
        UNIQUE (session_id, exercise)
    )""",
    """CREATE TABLE completed_set (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
        exercise TEXT NOT NULL,
        set_number INTEGER NOT NULL CHECK (set_number >= 1),
        side TEXT NOT NULL DEFAULT '' CHECK (side IN ('', 'left', 'right')),
        reps INTEGER NOT NULL CHECK (reps >= 1),
        band_id INTEGER NOT NULL REFERENCES band (id) ON DELETE RESTRICT,
        completed_at TEXT NOT NULL,
        UNIQUE (session_id, exercise, set_number, side)
    )""",
    "CREATE INDEX session_exercise_band ON session_exercise (band_id)",
    "CREATE INDEX completed_set_band ON completed_set (band_id)",
)


def first_settings() -> dict[str, object]:
    """The settings a new database starts with (sync tells them from the user's choices)."""
    routine = default_catalogue().routine
    return {
        "default_sets": routine.default_sets,
        "default_reps": routine.default_reps,
        "band": DEFAULT_BANDS[0].name,
        "rollover_hour": DEFAULT_ROLLOVER_HOUR,
    }


def _to_v1(db: peewee.SqliteDatabase) -> None:
    for statement in SCHEMA_V1:
        db.execute_sql(statement)
    for position, band in enumerate(DEFAULT_BANDS):
        db.execute_sql(
            "INSERT INTO band (name, colour, position, note) VALUES (?, ?, ?, ?)",
            (band.name, band.colour, position, band.note),
        )
    for key, value in first_settings().items():
        db.execute_sql("INSERT INTO setting (key, value) VALUES (?, ?)", (key, json.dumps(value)))


SCHEMA_V2 = (
    # A planned break (holiday, injury): the week holding `week_start` neither counts nor
    # breaks a streak. The date is the week's first day under the week start of the time.
    """CREATE TABLE rest_week (
        id INTEGER PRIMARY KEY,
        week_start DATE NOT NULL UNIQUE
    )""",
)


def _to_v2(db: peewee.SqliteDatabase) -> None:
    for statement in SCHEMA_V2:
        db.execute_sql(statement)


# Folder sync (issue 14). A tick stays one insert: its clock stamp (hlc) starts empty and is
# given when the sync next runs, from the tick's own completed_at. Every removal of a set leaves
# a tombstone (by trigger, so unticks, deleted sessions and undo all count) that the sync stamps
# the same way; while a merge applies changes from elsewhere, sync_local holds 'applying' and the
# triggers stand aside. sync_field remembers each synced field's last value and stamp, so that a
# change made by any screen is noticed (and stamped) when the sync runs. sync_local holds what
# belongs to this computer only (its device id, the folder), never carried to the others.
SCHEMA_V3 = (
    "ALTER TABLE completed_set ADD COLUMN hlc TEXT NOT NULL DEFAULT ''",
    """CREATE TABLE set_tombstone (
        id INTEGER PRIMARY KEY,
        day DATE NOT NULL,
        exercise TEXT NOT NULL,
        set_number INTEGER NOT NULL,
        side TEXT NOT NULL DEFAULT '',
        deleted_at TEXT NOT NULL,
        hlc TEXT NOT NULL DEFAULT '',
        UNIQUE (day, exercise, set_number, side)
    )""",
    """CREATE TABLE sync_field (
        entity TEXT NOT NULL,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        hlc TEXT NOT NULL,
        PRIMARY KEY (entity, field)
    )""",
    """CREATE TABLE sync_local (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TRIGGER completed_set_tombstone AFTER DELETE ON completed_set
    WHEN NOT EXISTS (SELECT 1 FROM sync_local WHERE key = 'applying')
    BEGIN
        INSERT INTO set_tombstone (day, exercise, set_number, side, deleted_at, hlc)
        SELECT day, OLD.exercise, OLD.set_number, OLD.side,
               strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), ''
        FROM session WHERE id = OLD.session_id
        ON CONFLICT (day, exercise, set_number, side)
        DO UPDATE SET deleted_at = excluded.deleted_at, hlc = '';
    END""",
    # A session's sets go by cascade; the session row may be gone before they do, so its day
    # is taken here, first.
    """CREATE TRIGGER session_tombstones BEFORE DELETE ON session
    WHEN NOT EXISTS (SELECT 1 FROM sync_local WHERE key = 'applying')
    BEGIN
        INSERT INTO set_tombstone (day, exercise, set_number, side, deleted_at, hlc)
        SELECT OLD.day, exercise, set_number, side,
               strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), ''
        FROM completed_set WHERE session_id = OLD.id AND 1
        ON CONFLICT (day, exercise, set_number, side)
        DO UPDATE SET deleted_at = excluded.deleted_at, hlc = '';
    END""",
)


def _to_v3(db: peewee.SqliteDatabase) -> None:
    for statement in SCHEMA_V3:
        db.execute_sql(statement)


MIGRATIONS: tuple[Callable[[peewee.SqliteDatabase], None], ...] = (_to_v1, _to_v2, _to_v3)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: peewee.SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def peek_schema_version(path: Path) -> int:
    """The file's schema version, read without changing a byte of it (0 for no file yet)."""
    if not path.exists():
        return 0
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as raw:
        return int(raw.execute("PRAGMA user_version").fetchone()[0])


def refuse_newer(found: int) -> None:
    if found > SCHEMA_VERSION:
        raise NewerDatabaseError(
            Message(
                "This database was written by a newer version of Band Tracker (schema {found}; "
                "this version knows up to {known}). Update Band Tracker to open it; "
                "the file has not been changed.",
                found=found,
                known=SCHEMA_VERSION,
            )
        )


def migrate(db: peewee.SqliteDatabase) -> None:
    """Bring the file up to SCHEMA_VERSION, one committed step at a time."""
    found = schema_version(db)
    refuse_newer(found)
    if found < 0:
        # Band Tracker never writes one: the header's bytes were damaged.
        raise DamagedDatabaseError(
            Message("its schema version {found} is not one Band Tracker writes", found=found)
        )
    for target in range(found + 1, SCHEMA_VERSION + 1):
        # user_version lives in the file header, which SQLite journals like any page:
        # the step and its version number commit together or not at all.
        with db.atomic():
            MIGRATIONS[target - 1](db)
            db.execute_sql(f"PRAGMA user_version = {target}")


@cache
def expected_schema(version: int) -> dict[str, frozenset[str]]:
    """The tables and their columns that a file of schema `version` has, by running the steps."""
    mem = peewee.SqliteDatabase(":memory:")
    mem.connect()
    try:
        for step in MIGRATIONS[:version]:
            step(mem)
        return _tables(mem.connection())
    finally:
        mem.close()


def _tables(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: frozenset(str(col[1]) for col in conn.execute(f'PRAGMA table_info("{name}")'))
        for name in names
    }


def schema_problem(conn: sqlite3.Connection) -> str | None:
    """None when the open file has every table and column its schema version promises."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version < 1:
        return Message("it is not a Band Tracker database")
    if version > SCHEMA_VERSION:
        return Message("it was written by a newer version of Band Tracker")
    found = _tables(conn)
    for table, columns in sorted(expected_schema(version).items()):
        if table not in found:
            return Message(
                "schema {version} needs the table {table}, which is missing",
                version=version,
                table=shown(table),
            )
        missing = sorted(columns - found[table])
        if missing:
            return Message(
                "the table {table} lacks the column {column}",
                table=shown(table),
                column=shown(missing[0]),
            )
    return None
