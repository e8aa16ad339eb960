"""Opening the database at start: check it, and replace a damaged file by the newest good backup."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from bandtracker.i18n import Message, joined
from bandtracker.store import db as store_db
from bandtracker.store.errors import NewerDatabaseError, StoreError
from bandtracker.store.lock import FolderInUseError, lock_data_folder, unlock_data_folder
from bandtracker.store.safety.backup import (
    BackupInfo,
    check_database_file,
    install_copy,
    list_backups,
    set_aside,
    verify_backup,
)


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
    """Set the damaged file aside and put the newest backup that passes its check in its place."""
    for info in list_backups(data_dir):
        if verify_backup(info.path) is not None:
            continue
        aside = install_copy(data_dir, info.path, "corrupt")
        return RecoveryReport(problem, aside, info)
    return RecoveryReport(problem, set_aside(data_dir, "corrupt"), None)


def open_checked(data_dir: Path) -> RecoveryReport | None:
    """Open the database as the window does: checked first, recovered when damaged.

    A quick check normally; the full integrity check when the last run did not close cleanly.
    """
    lock_data_folder(data_dir)
    try:
        if store_db.database_path(data_dir).exists() and not os.access(data_dir, os.W_OK):
            raise store_db.read_only_folder(data_dir)
        problem = database_health(data_dir, full=store_db.closed_uncleanly(data_dir))
        report = recover(data_dir, problem) if problem is not None else None
        store_db.open_database(data_dir)
    except StoreError:
        unlock_data_folder(data_dir)
        raise
    return report


def open_then_check(data_dir: Path) -> tuple[RecoveryReport | None, bool | None]:
    """Open at once for the window, leaving the health check to run beside it.

    Returns (report, full): `full` says which check is still owed (the full one after an
    unclean close), or None when it is done already because the file would not even open,
    in which case it was checked and, if damaged, recovered here like open_checked().
    """
    full = store_db.closed_uncleanly(data_dir)
    try:
        if store_db.database_path(data_dir).exists() and not os.access(data_dir, os.W_OK):
            raise store_db.read_only_folder(data_dir)
        store_db.open_database(data_dir)
    except (FolderInUseError, NewerDatabaseError):
        raise
    except StoreError:
        return open_checked(data_dir), None
    return None, full


def recover_open_database(data_dir: Path, problem: str) -> RecoveryReport:
    """Damage found after opening: set the file aside, restore, and open again.

    Disconnects but keeps the folder's lock throughout, as a restore does: no other
    Band Tracker can slip in while the files are swapped.
    """
    store_db.disconnect()
    report = recover(data_dir, problem)
    store_db.open_database(data_dir)
    return report


def _contents(path: Path) -> str:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as raw:
        version = raw.execute("PRAGMA user_version").fetchone()[0]
        if version < 1:
            return "Contents: not set up yet."
        days, first, last = raw.execute(
            "SELECT count(*), min(day), max(day) FROM session"
        ).fetchone()
        sets = raw.execute("SELECT count(*) FROM completed_set").fetchone()[0]
    span = f", {first} to {last}" if days else ""
    return f"Contents: schema {version}; {sets} sets on {days} days{span}."


def health_report(data_dir: Path) -> tuple[bool, str]:
    """The `bandtracker check` answer: (healthy, text), without changing the file."""
    from bandtracker.store.safety.backup import list_backups

    path = store_db.database_path(data_dir)
    if not path.exists():
        return True, f"No database yet in {data_dir}."
    problem = check_database_file(path, full=True)
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
