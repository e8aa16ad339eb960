"""Opening the database at start: check it, and replace a damaged file by the newest good backup."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import peewee

from bandtracker.i18n import Message, joined
from bandtracker.store import db as store_db
from bandtracker.store import migrations
from bandtracker.store.errors import (
    DamagedDatabaseError,
    NewerDatabaseError,
    ReadOnlyFolderError,
    StoreError,
    explain,
    shown,
)
from bandtracker.store.lock import (
    FolderInUseError,
    holds_lock,
    lock_data_folder,
    unlock_data_folder,
)
from bandtracker.store.safety.backup import (
    BackupInfo,
    check_database_file,
    install_copy,
    is_damage,
    list_backups,
    set_aside,
    verify_backup,
)

# Sessions the first screens read (today, this week, the calendar's month): probed at start.
RECENT_SESSIONS = 40


@dataclass(frozen=True)
class RecoveryReport:
    """What happened to a damaged database, for the user."""

    problem: str
    damaged_file: Path | None
    restored: BackupInfo | None

    def describe(self) -> str:
        parts = [
            Message("Your Band Tracker database was damaged ({problem}).", problem=self.problem)
        ]
        if self.restored is not None:
            parts.append(
                Message(
                    "The backup from {when} was restored. "
                    "Sets ticked after that time are not in it.",
                    when=self.restored.when(),
                )
            )
        else:
            parts.append(
                Message(
                    "There was no usable backup, so Band Tracker started a new, empty database."
                )
            )
        if self.damaged_file is not None:
            parts.append(
                Message(
                    "The damaged file was moved aside, not deleted:\n{file}",
                    file=str(self.damaged_file),
                )
            )
        return joined("\n\n", parts)


def database_health(data_dir: Path, full: bool = True) -> str | None:
    """None when the database is sound (or not created yet), else what is wrong with it."""
    path = store_db.database_path(data_dir)
    if not path.exists():
        return None
    return check_database_file(path, full=full)


def recover(data_dir: Path, problem: str) -> RecoveryReport:
    """Set the damaged file aside and put the newest backup that passes its check in its place.

    The damaged file is kept aside exactly as found, with its -wal (no checkpoint).
    """
    for info in list_backups(data_dir):
        if verify_backup(info.path) is not None:
            continue
        aside = install_copy(data_dir, info.path, "corrupt", keep_log=True)
        return RecoveryReport(problem, aside, info)
    return RecoveryReport(problem, set_aside(data_dir, "corrupt"), None)


def probe_first_reads(db: peewee.SqliteDatabase) -> str | None:
    """Read what the first screens read (settings, bands, the recent sessions) and the root
    and edges of every table and index; None when all of it reads, else what is wrong.

    A damaged page there would otherwise first show as an error in the window being built;
    found here, it leads to the same recovery as a failed check. Costs a few page reads.
    """
    conn = db.connection()
    try:
        # The tables and columns its version promises (a file restored by hand may lack them).
        hollow = migrations.schema_problem(conn)
        if hollow is not None:
            return hollow
        objects = conn.execute(
            "SELECT type, name, tbl_name FROM sqlite_master "
            "WHERE type IN ('table', 'index') AND rootpage > 0 ORDER BY name"
        ).fetchall()
        for kind, name, table in objects:
            if kind == "table":
                for order in ("", " DESC"):
                    conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid{order} LIMIT 1').fetchall()
                continue
            columns = [row[2] for row in conn.execute(f'PRAGMA index_info("{name}")')]
            if not columns or not all(columns):
                continue
            listed = ", ".join(f'"{c}"' for c in columns)
            for order in ("", " DESC"):
                conn.execute(
                    f'SELECT {listed} FROM "{table}" INDEXED BY "{name}" '
                    f'ORDER BY "{columns[0]}"{order} LIMIT 1'
                ).fetchall()
        for table in ("setting", "band", "rest_week"):
            if any(name == table for _, name, _ in objects):
                conn.execute(f'SELECT * FROM "{table}"').fetchall()
        recent = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM session ORDER BY day DESC LIMIT ?", (RECENT_SESSIONS,)
            )
        ]
        marks = ", ".join("?" * len(recent))
        for table in ("session_exercise", "completed_set"):
            if recent:
                conn.execute(
                    f"SELECT * FROM {table} WHERE session_id IN ({marks})", recent
                ).fetchall()
    except UnicodeDecodeError:
        return Message("SQLite says: the database schema is malformed")
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise explain(exc, Message("read the database")) from exc
        return Message("SQLite says: {detail}", detail=shown(exc, 200))
    return None


def open_checked(data_dir: Path) -> RecoveryReport | None:
    """Open the database as the window does: checked first, recovered when damaged.

    A quick check normally; the full integrity check when the last run did not close cleanly.
    """
    took_lock = not holds_lock(data_dir)
    lock_data_folder(data_dir)
    try:
        if store_db.database_path(data_dir).exists() and not store_db.writable(data_dir):
            raise store_db.read_only_folder(data_dir)
        problem = store_db.prepare_file(data_dir) or database_health(
            data_dir, full=store_db.closed_uncleanly(data_dir)
        )
        report = recover(data_dir, problem) if problem is not None else None
        try:
            db = store_db.open_database(data_dir)
        except DamagedDatabaseError as exc:
            if report is not None:
                raise  # the backup just put in place would not open either
            report = recover(data_dir, exc.problem)
            db = store_db.open_database(data_dir)
        late = probe_first_reads(db)
        if late is not None:
            # The quick check passed but a page the window reads is damaged.
            report = recover_open_database(data_dir, late)
    except StoreError:
        if took_lock:
            store_db.close_database()
            unlock_data_folder(data_dir)
        raise
    return report


def open_then_check(data_dir: Path) -> tuple[RecoveryReport | None, bool | None]:
    """Open at once for the window, leaving the health check to run beside it.

    Returns (report, full): `full` says which check is still owed (the full one after an
    unclean close), or None when it is done already because the file would not even open, or
    a page the first screens read was damaged, in which case it was checked and, if damaged,
    recovered here like open_checked(). The window's first reads then find a sound file.
    """
    full = store_db.closed_uncleanly(data_dir)
    try:
        if store_db.database_path(data_dir).exists() and not store_db.writable(data_dir):
            raise store_db.read_only_folder(data_dir)
        db = store_db.open_database(data_dir)
        problem = probe_first_reads(db)
    except (FolderInUseError, NewerDatabaseError):
        raise
    except StoreError:
        return open_checked(data_dir), None
    if problem is not None:
        report = recover_open_database(data_dir, problem)
        return report, None
    return None, full


def recover_open_database(data_dir: Path, problem: str) -> RecoveryReport:
    """Damage found after opening: set the file aside, restore, and open again.

    Disconnects but keeps the folder's lock throughout, as a restore does: no other
    Band Tracker can slip in while the files are swapped.
    """
    store_db.disconnect()
    report = recover(data_dir, problem)
    db = store_db.open_database(data_dir)
    still = probe_first_reads(db)
    if still is not None:
        raise StoreError(
            Message(
                "The database is damaged and could not be recovered ({problem}).", problem=still
            )
        )
    return report


def _schema(path: Path) -> str | None:
    """What a sound file lacks of the tables its version promises (a bad restore's)."""
    try:
        with closing(sqlite3.connect(store_db.reading_uri(path), uri=True)) as raw:
            raw.text_factory = lambda data: data.decode("utf-8", "replace")
            if int(raw.execute("PRAGMA user_version").fetchone()[0]) < 1:
                return None  # made but never set up: nothing to lack
            return migrations.schema_problem(raw)
    except sqlite3.DatabaseError as exc:
        return Message("SQLite says: {detail}", detail=shown(exc, 200))


def _contents(path: Path) -> str:
    with closing(sqlite3.connect(store_db.reading_uri(path), uri=True)) as raw:
        version = raw.execute("PRAGMA user_version").fetchone()[0]
        if version < 1:
            return "Contents: not set up yet."
        days, first, last = raw.execute(
            "SELECT count(*), min(day), max(day) FROM session"
        ).fetchone()
        sets = raw.execute("SELECT count(*) FROM completed_set").fetchone()[0]
    span = f", {first} to {last}" if days else ""
    return f"Contents: schema {version}; {sets} sets on {days} days{span}."


def _settle(data_dir: Path) -> str | None:
    """Before `check` reads the file: roll back a hot journal and look at a -wal, under the
    folder's lock when no Band Tracker holds it (one that does has done this at its start)."""
    try:
        took = not holds_lock(data_dir)
        lock_data_folder(data_dir)
    except (FolderInUseError, ReadOnlyFolderError):
        return None  # Open elsewhere, or nothing can be written here: read it as it is.
    try:
        return store_db.prepare_file(data_dir)
    finally:
        if took:
            unlock_data_folder(data_dir)


def health_report(data_dir: Path) -> tuple[bool, str]:
    """The `bandtracker check` answer: (healthy, text), without changing the file."""
    from bandtracker.store.safety.backup import list_backups

    path = store_db.database_path(data_dir)
    if not path.exists():
        return True, f"No database yet in {data_dir}."
    problem = _settle(data_dir) or check_database_file(path, full=True) or _schema(path)
    backups = list_backups(data_dir)
    newest = f"newest from {backups[0].when()}" if backups else "none yet"
    lines = [f"Database: {path}"]
    if problem is None:
        lines.append("Health: OK (full integrity check passed).")
        lines.append(_contents(path))
    else:
        lines.append(f"Health: DAMAGED ({problem}).")
        lines.append(
            "Start Band Tracker to restore the newest good backup, or use "
            "`bandtracker restore FILE`."
        )
    lines.append(f"Backups: {len(backups)} in {data_dir / 'backups'} ({newest}).")
    return problem is None, "\n".join(lines)
