"""Verified backups of the database: taken with SQLite's online backup API, rotated, restored."""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from bandtracker.i18n import N_, Message
from bandtracker.store import db as store_db
from bandtracker.store import migrations
from bandtracker.store.errors import StoreError, explain, shown
from bandtracker.store.files import (
    PRIVATE_DIR,
    create_private_file,
    fsync_directory,
    fsync_file,
    make_private,
    make_private_dir,
)
from bandtracker.store.lock import holds_lock, lock_data_folder, unlock_data_folder

BACKUP_DIRNAME = "backups"
STAMP = "%Y%m%d-%H%M%S"
# A second backup within the same second gets ".2" after its time, and so on.
_NAME = re.compile(r"bandtracker-(\d{8}-\d{6})(?:\.(\d{1,4}))?(?:-([a-z0-9-]+))?\.db")
# The newest backup of each of the last hours that have one, so that a mistake made at noon can
# be undone from the morning's backup, then days, weeks and months.
KEEP_HOURLY, KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 6, 7, 4, 12
# While the window is open a backup is taken at most this often, and only after changes.
BACKUP_INTERVAL_S = 30 * 60
SIDE_FILES = ("-wal", "-shm")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    # Empty for the regular rotating backups; e.g. "before-schema-2" for one kept for good.
    label: str = ""
    # 2, 3, ... for later backups taken within the same second.
    seq: int = 1

    def when(self) -> str:
        return f"{self.taken_at:%A %d %B %Y} at {self.taken_at:%H:%M}"


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIRNAME


def _info(path: Path) -> BackupInfo | None:
    match = _NAME.fullmatch(path.name)
    if match is None:
        return None
    try:
        taken_at = datetime.strptime(match.group(1), STAMP)
    except ValueError:
        return None
    return BackupInfo(path, taken_at, match.group(3) or "", int(match.group(2) or 1))


def backup_label(path: Path) -> str:
    """How to name a backup file to a person: its date and time when the name carries them."""
    info = _info(path)
    return f"the backup from {info.when()}" if info else path.name


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Every backup in the data folder, newest first."""
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return []
    found = [info for p in folder.iterdir() if p.is_file() and (info := _info(p)) is not None]
    return sorted(found, key=lambda i: (i.taken_at, i.seq, i.path.name), reverse=True)


# Failures that say something about the disk or other programs, not about the file's bytes.
NOT_DAMAGE = ("unable to open", "locked", "busy", "readonly", "read-only", "disk i/o", "memory")


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether SQLite's complaint, while reading a file that is there, is about its contents."""
    text = str(exc).lower()
    return not any(word in text for word in NOT_DAMAGE)


def check_database_file(path: Path, full: bool = True) -> str | None:
    """None when `path` is a sound database, else what is wrong with it, in words."""
    try:
        if not path.is_file():
            return Message("the file does not exist")
        if path.stat().st_size == 0:
            return Message("the file is empty")
        with closing(sqlite3.connect(store_db.reading_uri(path), uri=True)) as raw:
            # The report quotes damaged names and values, which need not be valid UTF-8.
            raw.text_factory = lambda data: data.decode("utf-8", "replace")
            rows = raw.execute(f"PRAGMA {'integrity_check' if full else 'quick_check'}").fetchall()
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            # Locked, unreadable or on a read-only disk: not damage, and no reason to move it.
            raise explain(exc, Message("check {file}", file=str(path.name))) from exc
        return Message("SQLite says: {detail}", detail=str(exc))
    except UnicodeDecodeError:
        # SQLite quoted the damaged schema in its message, and the quote is not even text.
        return Message("SQLite says: the database schema is malformed")
    except OSError as exc:
        raise explain(exc, Message("check {file}", file=str(path.name))) from exc
    if rows != [("ok",)]:
        return Message("SQLite says: {detail}", detail="; ".join(str(r[0]) for r in rows[:3]))
    return None


def verify_backup(path: Path) -> str | None:
    """None when `path` can be restored, else why not."""
    problem = check_database_file(path, full=True)
    if problem is not None:
        return problem
    try:
        with closing(sqlite3.connect(store_db.reading_uri(path), uri=True)) as raw:
            raw.text_factory = lambda data: data.decode("utf-8", "replace")
            # The tables and columns its version promises: a file that only claims the version
            # would be restored, then nothing could read it.
            return migrations.schema_problem(raw)
    except sqlite3.DatabaseError as exc:
        return Message("SQLite says: {detail}", detail=shown(exc, 200))


def _discard(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # Whatever stopped the copy (a vanished folder) already has its message.


def _copy_database(source: Path, target: Path, journal: str = "delete") -> None:
    """Copy with the online backup API (consistent even while the source is being written).

    `target` is a new name of our own (or an empty file made for it). A backup is a
    self-contained single file ("delete"); a copy about to become the database is made WAL
    here ("wal"): switching it at its first open instead is a write that a kill can cut short,
    leaving a hot journal behind.
    """
    if not target.exists():
        create_private_file(target)
    with (
        closing(sqlite3.connect(source, timeout=5)) as src,
        closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)
        dst.execute(f"PRAGMA journal_mode = {journal}")
    problem = check_database_file(target, full=True)
    if problem is not None:
        raise StoreError(
            Message("The copy did not pass its integrity check ({problem}).", problem=problem)
        )
    fsync_file(target)


def take_backup(
    data_dir: Path, now: datetime | None = None, label: str = "", rotate_after: bool = True
) -> BackupInfo:
    """Back up the database into <data dir>/backups, verified before it gets its name."""
    source = store_db.database_path(data_dir)
    if not source.is_file():
        raise StoreError(Message("There is no database to back up yet."))
    moment = (now or datetime.now().astimezone()).replace(tzinfo=None, microsecond=0)
    folder = backups_dir(data_dir)
    tmp: Path | None = None
    try:
        make_private_dir(folder)
        make_private(folder, PRIVATE_DIR)
        # A name of its own: backups taken at once (the window's and a command's) never write
        # into each other's copy.
        fd, tmp_name = tempfile.mkstemp(prefix=".bandtracker-", suffix=".tmp", dir=folder)
        os.close(fd)
        tmp = Path(tmp_name)
        _copy_database(source, tmp)
        final, seq = _give_name(tmp, folder, moment, label)
        fsync_directory(folder)
    except sqlite3.Error as exc:
        raise explain(exc, N_("back up the database")) from exc
    except OSError as exc:
        raise explain(exc, N_("back up the database")) from exc
    finally:
        if tmp is not None:
            for suffix in ("", "-journal", "-wal", "-shm"):
                _discard(tmp.with_name(tmp.name + suffix))
    if rotate_after:
        rotate(data_dir)
    return BackupInfo(final, moment, label, seq)


def _give_name(tmp: Path, folder: Path, moment: datetime, label: str) -> tuple[Path, int]:
    """Link the finished copy under the first free name for `moment`; never over another."""
    for seq in range(1, 10000):
        stamp = f"{moment:{STAMP}}" + (f".{seq}" if seq > 1 else "")
        final = folder / f"bandtracker-{stamp}{'-' + label if label else ''}.db"
        try:
            os.link(tmp, final)
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            if final.exists():  # No hard links here: a rename, checked first.
                continue
            os.replace(tmp, final)
        return final, seq
    raise StoreError(Message("Too many backups were taken within one second."))


def _keepers(infos: list[BackupInfo]) -> set[Path]:
    """The newest backup of each of the last 6 hours, 7 days, 4 weeks and 12 months."""

    def day(i: BackupInfo) -> date:
        return i.taken_at.date()

    def week(i: BackupInfo) -> tuple[int, int]:
        iso = i.taken_at.isocalendar()
        return (iso[0], iso[1])

    def month(i: BackupInfo) -> tuple[int, int]:
        return (i.taken_at.year, i.taken_at.month)

    def hour(i: BackupInfo) -> tuple[date, int]:
        return (i.taken_at.date(), i.taken_at.hour)

    keep: set[Path] = set()
    if not infos:
        return keep
    # Hours only count back from the newest backup: the last few hours of today's work.
    recent = [i for i in infos if infos[0].taken_at - i.taken_at < timedelta(hours=KEEP_HOURLY)]
    buckets: tuple[tuple[Callable[[BackupInfo], object], int, list[BackupInfo]], ...] = (
        (hour, KEEP_HOURLY, recent),
        (day, KEEP_DAILY, infos),
        (week, KEEP_WEEKLY, infos),
        (month, KEEP_MONTHLY, infos),
    )
    for bucket, count, candidates in buckets:
        seen: set[object] = set()
        for info in candidates:  # newest first, so the first of each bucket is its newest
            key = bucket(info)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.add(key)
            keep.add(info.path)
    return keep


STALE_COPY_S = 3600


def _remove_abandoned_copies(folder: Path) -> None:
    """A copy left by a killed backup; an hour old, no backup can still be writing it."""
    if not folder.is_dir():
        return
    for path in folder.glob(".bandtracker-*.tmp*"):
        try:
            if time.time() - path.stat().st_mtime > STALE_COPY_S:
                path.unlink()
        except OSError:
            pass


def rotate(data_dir: Path) -> list[Path]:
    """Delete regular backups that fell out of the rotation (labelled ones stay); returns them."""
    _remove_abandoned_copies(backups_dir(data_dir))
    regular = [i for i in list_backups(data_dir) if not i.label]
    keep = _keepers(regular)
    removed = []
    for info in regular:
        if info.path not in keep:
            try:
                info.path.unlink()
                removed.append(info.path)
            except OSError:
                pass  # Tried again after the next backup.
    return removed


# The connection's change counter when the last backup was taken, to skip idle backups.
_backed_up_at: tuple[int, int] | None = None


def _change_mark() -> tuple[int, int] | None:
    if store_db.database.obj is None or store_db.database.is_closed():
        return None
    conn = store_db.database.connection()
    return (id(conn), conn.total_changes)


def changed_since_backup(data_dir: Path) -> bool:
    mark = _change_mark()
    if mark is None:
        return False
    if _backed_up_at is None or _backed_up_at[0] != mark[0]:
        # Nothing taken by this connection yet: any change since it opened counts.
        return mark[1] > 0 or not list_backups(data_dir)
    return mark[1] != _backed_up_at[1]


def backup_if_changed(data_dir: Path, now: datetime | None = None) -> BackupInfo | None:
    """Take a backup when the data changed since the last one (or none exists yet)."""
    global _backed_up_at
    if not changed_since_backup(data_dir):
        return None
    mark = _change_mark()
    info = take_backup(data_dir, now)
    _backed_up_at = mark
    return info


def _aside_name(data_dir: Path, reason: str, now: datetime | None = None) -> Path:
    moment = (now or datetime.now().astimezone()).replace(tzinfo=None, microsecond=0)
    aside = data_dir / f"bandtracker-{reason}-{moment:{STAMP}}.db"
    count = 1
    while aside.exists():
        count += 1
        aside = data_dir / f"bandtracker-{reason}-{moment:{STAMP}}-{count}.db"
    return aside


def _move_side_files(source: Path, aside: Path) -> None:
    for suffix in SIDE_FILES:
        side = source.with_name(source.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))


def set_aside(data_dir: Path, reason: str, now: datetime | None = None) -> Path | None:
    """Move the database and its -wal/-shm out of the way under a dated name; never deletes."""
    source = store_db.database_path(data_dir)
    if not source.exists():
        return None
    aside = _aside_name(data_dir, reason, now)
    try:
        _move_side_files(source, aside)
        os.replace(source, aside)
        fsync_directory(data_dir)
    except OSError as exc:
        raise explain(
            exc, Message("move the database aside to {file}", file=str(aside.name))
        ) from exc
    return aside


def _keep_aside(source: Path, aside: Path) -> None:
    """Give the current file a second name (a copy where links are not possible); it stays put."""
    try:
        os.link(source, aside)
    except OSError:
        shutil.copy2(source, aside)
        fsync_file(aside)
    make_private(aside)
    _move_side_files(source, aside)


def checkpoint(path: Path) -> bool:
    """Move every commit in the -wal into the file itself, so the file alone is complete.

    Ticks of a killed window live only in its -wal: moving that aside before the new file is
    in place would lose them. False when the file is too damaged to checkpoint (it is then
    kept aside with its -wal, as it is). Needs the folder's lock, and no open connection.
    """
    if not store_db.side_file(path, "-wal").exists():
        return True
    try:
        with closing(sqlite3.connect(path, timeout=5)) as raw:
            busy, _, _ = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            return False
        raise
    if busy:
        raise sqlite3.OperationalError("database is locked")
    fsync_file(path)
    return True


RESTORE_TMP = store_db.NEW_PREFIX + "restore.db"


def install_copy(data_dir: Path, backup: Path, reason: str, keep_log: bool = False) -> Path | None:
    """Put a verified copy of `backup` in place of the database; the old one is kept aside.

    The database connection must be closed and the folder's lock held. The copy is made,
    checked and switched to WAL first, and the current file is checkpointed (unless
    `keep_log`: a damaged file or one with a foreign -wal is kept aside exactly as found), so
    that at every instant the database path names a whole state, old or new: a failure or a
    kill at any point (full disk, bad backup, power cut) loses nothing that was saved.
    """
    target = store_db.database_path(data_dir)
    tmp = data_dir / RESTORE_TMP
    aside = None
    try:
        for suffix in ("", *store_db.SIDE_SUFFIXES):
            store_db.side_file(tmp, suffix).unlink(missing_ok=True)
        _copy_database(backup, tmp, journal="wal")
        if target.exists():
            if not keep_log:
                checkpoint(target)
            aside = _aside_name(data_dir, reason)
            _keep_aside(target, aside)
        os.replace(tmp, target)
        fsync_directory(data_dir)
    except (sqlite3.Error, OSError) as exc:
        raise explain(exc, Message("restore {file}", file=str(backup.name))) from exc
    finally:
        for suffix in ("", *store_db.SIDE_SUFFIXES):
            _discard(store_db.side_file(tmp, suffix))
    return aside


@dataclass(frozen=True)
class RestoreResult:
    backup: Path
    kept_aside: Path | None

    def describe(self) -> str:
        if self.kept_aside is not None:
            return Message(
                "Restored {file}. The data you had before is kept in {aside}.",
                file=self.backup.name,
                aside=str(self.kept_aside),
            )
        return Message("Restored {file}.", file=self.backup.name)


def restore_backup(data_dir: Path, backup: Path) -> RestoreResult:
    """Replace the database with a verified backup, keeping the current file aside.

    Works with the database open in this process (it is reopened) or closed (the folder's lock
    is taken for the duration, so no other Band Tracker is writing meanwhile).
    """
    backup = backup.expanduser().absolute()
    problem = verify_backup(backup)
    if problem is not None:
        raise StoreError(
            Message(
                "{file} cannot be restored: {problem}. Your current data was not changed.",
                file=backup.name,
                problem=problem,
            )
        )
    was_open = store_db.open_data_dir() == data_dir
    took_lock = not holds_lock(data_dir)
    lock_data_folder(data_dir)
    try:
        if was_open:
            store_db.disconnect()
        try:
            aside = install_copy(data_dir, backup, "before-restore")
        finally:
            if was_open:
                store_db.open_database(data_dir)
    finally:
        if took_lock and not was_open:
            unlock_data_folder(data_dir)
    return RestoreResult(backup, aside)
