"""Opening the database: file location, pragmas, schema migrations, and the write transaction."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import struct
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import peewee

from bandtracker.i18n import Message
from bandtracker.store import migrations
from bandtracker.store.errors import (
    DamagedDatabaseError,
    ReadOnlyFolderError,
    StoreError,
    explain,
)
from bandtracker.store.files import (
    PRIVATE_DIR,
    create_private_file,
    fsync_directory,
    fsync_file,
    make_private,
    make_private_dir,
)
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

# What SQLite says when a page it reads is damaged or the disk fails under it.
_DAMAGE_WORDS = ("malformed", "not a database", "corrupt", "disk i/o")


def _read_failure(exc: sqlite3.DatabaseError, conn: sqlite3.Connection) -> StoreError | None:
    """A failed read outside write(): the user's error (damage, disk), not a bug. Inside a
    transaction write() turns it into a sentence with its own action."""
    if conn.in_transaction or isinstance(exc, (sqlite3.IntegrityError, sqlite3.ProgrammingError)):
        return None
    if not any(word in str(exc).lower() for word in _DAMAGE_WORDS):
        return None
    return explain(exc, Message("read the database"))


class _ReadCursor(sqlite3.Cursor):
    """Turns a damaged page met while reading rows into a StoreError the window can show."""

    def _fail(self, exc: sqlite3.DatabaseError) -> BaseException:
        failure = _read_failure(exc, self.connection)
        return exc if failure is None else failure

    def execute(self, *args: Any) -> _ReadCursor:
        try:
            super().execute(*args)
        except sqlite3.DatabaseError as exc:
            raise self._fail(exc) from exc
        return self

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.DatabaseError as exc:
            raise self._fail(exc) from exc

    def fetchmany(self, *args: Any) -> list[Any]:
        try:
            return super().fetchmany(*args)
        except sqlite3.DatabaseError as exc:
            raise self._fail(exc) from exc

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.DatabaseError as exc:
            raise self._fail(exc) from exc

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.DatabaseError as exc:
            raise self._fail(exc) from exc


class Database(peewee.SqliteDatabase):
    """peewee's SQLite database whose reads fail with StoreError on damage (see _ReadCursor)."""

    def cursor(self, named_cursor: object = None) -> sqlite3.Cursor:
        if self.is_closed():
            if self.autoconnect:
                self.connect()
            else:
                raise peewee.InterfaceError("Error, database connection not opened.")
        conn: sqlite3.Connection = self.connection()
        return conn.cursor(factory=_ReadCursor)


database = peewee.DatabaseProxy()
_open_dir: Path | None = None


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


# A database being created is built under this name and renamed into place only when whole, so
# a kill during the first start never leaves a half-made (or empty) bandtracker.db behind.
NEW_PREFIX = ".bandtracker-new-"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
WAL_MAGIC = (0x377F0682, 0x377F0683)


def read_only_folder(data_dir: Path) -> StoreError:
    return ReadOnlyFolderError(data_dir)


def side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


# The names Band Tracker gives what it writes in the data folder (files set aside included).
_OURS = re.compile(
    r"bandtracker(\.db|-[\w.-]+\.db)(-wal|-shm|-journal)?|bandtracker\.(lock|open|log(\.\d+)?)"
    r"|\.bandtracker-.+|backups|window\.ini"
)


def _ours(name: str) -> bool:
    return _OURS.fullmatch(name) is not None


def make_folder_private(data_dir: Path) -> None:
    """Owner-only permissions on what Band Tracker made in the data folder (older versions made
    it all readable by every local user). The folder itself only when nothing else is in it:
    --data-dir may name a folder the user shares on purpose."""
    try:
        names = os.listdir(data_dir)
    except OSError:
        return
    for name in names:
        if not _ours(name):
            continue
        path = data_dir / name
        if name == "backups" and path.is_dir() and not path.is_symlink():
            make_private(path, PRIVATE_DIR)
            for inner in path.iterdir():
                make_private(inner)
        elif path.is_file() and not path.is_symlink():
            make_private(path)
    if all(_ours(name) for name in names):
        make_private(data_dir, PRIVATE_DIR)


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
        make_private_dir(data_dir)
    except OSError as exc:
        raise explain(
            exc, Message("create the data folder {folder}", folder=str(data_dir))
        ) from exc
    lock_data_folder(data_dir)
    try:
        make_folder_private(data_dir)
        problem = prepare_file(data_dir)
        if problem is not None:
            raise DamagedDatabaseError(problem)
        db = _connect(data_dir)
    except BaseException:
        unlock_data_folder(data_dir)
        raise
    try:
        if not (data_dir / OPEN_MARKER).exists():
            create_private_file(data_dir / OPEN_MARKER)
    except OSError:
        pass  # Only costs a full check next time; a read-only folder is reported by writes.
    _open_dir = data_dir
    database.initialize(db)
    return db


def open_for_reading(data_dir: Path) -> peewee.SqliteDatabase:
    """Open the database to read only: alongside the Band Tracker that holds the folder's
    lock, or where nothing can be written (a read-only or full disk).

    WAL lets a reader see every committed tick without getting in the writer's way. No lock,
    no marker and no migration: a file that needs upgrading is left for its writer to upgrade.
    """
    global _open_dir
    close_database()
    path = database_path(data_dir)
    if not path.is_file():
        raise StoreError(Message("There is no database in {folder} yet.", folder=str(data_dir)))
    uri = reading_uri(path)
    try:
        with closing(sqlite3.connect(uri, uri=True)) as raw:
            found = int(raw.execute("PRAGMA user_version").fetchone()[0])
    except DATABASE_ERRORS as exc:
        raise explain(exc, Message("open the database in {folder}", folder=str(data_dir))) from exc
    if found != migrations.SCHEMA_VERSION:
        raise StoreError(
            Message(
                "The database in {folder} has schema {found} and cannot be read without "
                "changing it (this version reads {known}); open Band Tracker there first.",
                folder=str(data_dir),
                found=found,
                known=migrations.SCHEMA_VERSION,
            )
        )
    db = Database(
        uri,
        uri=True,
        pragmas=(("foreign_keys", 1), ("busy_timeout", 2000), ("query_only", 1)),
        autoconnect=False,
    )
    try:
        db.connect()
    except DATABASE_ERRORS as exc:
        db.close()
        raise explain(exc, Message("open the database in {folder}", folder=str(data_dir))) from exc
    database.initialize(db)
    return db


def reading_uri(path: Path) -> str:
    """`mode=ro`, which still needs to make the -shm beside a WAL file; where it cannot (a
    read-only or full disk) and no -wal holds commits, the file is read as it is."""
    uri = f"{path.as_uri()}?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as raw:
            raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return uri
    except sqlite3.OperationalError:
        wal, journal = side_file(path, "-wal"), side_file(path, "-journal")
        if (wal.exists() and wal.stat().st_size > 0) or journal.exists():
            # Commits in the log must not be skipped, nor a half-done transaction read as
            # done: let the open say what is wrong.
            return uri
        return f"{path.as_uri()}?immutable=1"


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


def prepare_file(data_dir: Path) -> str | None:
    """Before the database is opened for writing (the folder's lock held): finish what a killed
    run left half done, and say what is wrong with the file if it cannot be opened safely.

    - a database half made by a killed first start is thrown away (it held nothing yet);
    - a hot rollback journal is rolled back, which a read-only open cannot do;
    - an empty file where the database was is damage, not a new database;
    - a -wal that does not belong to this database is damage that opening it would make
      permanent (SQLite would copy its pages into the file).
    """
    path = database_path(data_dir)
    _remove_half_made(data_dir)
    if not path.exists():
        return None
    try:
        if path.stat().st_size == 0:
            return Message("the file is empty")
        roll_back_hot_journal(path)
    except DamagedDatabaseError as exc:
        return exc.problem
    except OSError as exc:
        raise explain(exc, Message("open the database in {folder}", folder=str(data_dir))) from exc
    return wal_problem(path)


def _remove_half_made(data_dir: Path) -> None:
    for leftover in data_dir.glob(NEW_PREFIX + "*"):
        try:
            if leftover.is_dir():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()
        except OSError:
            pass  # Tried again at the next start.


def roll_back_hot_journal(path: Path) -> None:
    """A rollback journal left by a kill mid-transaction (during the first creation, or the
    switch to WAL after a restore) must be rolled back before anything reads the file: a
    read-only open cannot, and fails with a false "read-only". Needs the folder's lock."""
    journal = side_file(path, "-journal")
    if not journal.exists():
        return
    try:
        with closing(sqlite3.connect(path, timeout=2)) as raw:
            # The first read of a file with a hot journal rolls it back.
            raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            raise ReadOnlyFolderError(path.parent) from exc
        if any(word in text for word in ("locked", "busy", "disk i/o", "full", "memory")):
            raise explain(
                exc, Message("open the database in {folder}", folder=str(path.parent))
            ) from exc
        raise DamagedDatabaseError(Message("SQLite says: {detail}", detail=str(exc))) from exc
    try:
        # A journal that was not hot (zero length, or no longer needed) is only clutter.
        if journal.exists() and journal.stat().st_size == 0:
            journal.unlink()
    except OSError:
        pass


def wal_problem(path: Path) -> str | None:
    """Whether the -wal beside `path` holds pages that do not fit this database.

    SQLite checks a log's own checksums but cannot tell whose it is: a log from another
    database is copied into this one at the first checkpoint. So the two are tried together on
    a copy first; the log belongs when the result passes its checks.
    """
    wal = side_file(path, "-wal")
    try:
        if not wal.is_file() or wal.stat().st_size < 32:
            return None  # An empty or headerless log is ignored (and reset) by SQLite.
        with open(wal, "rb") as handle:
            header = handle.read(32)
        with open(path, "rb") as handle:
            db_header = handle.read(100)
    except OSError:
        return None  # Unreadable: the open that follows says why.
    magic, _, wal_page = struct.unpack(">III", header[:12])
    if magic not in WAL_MAGIC:
        return None  # Not a log at all: SQLite ignores it.
    foreign = Message("its write-ahead log (-wal) belongs to another database")
    if not _holds_a_commit(wal, header):
        return None  # Nothing SQLite would replay (a kill before the first commit after a reset).
    shm = _index_salts(side_file(path, "-shm"))
    if shm is not None and not _same_log(shm, header[16:24]):
        return foreign  # the shared index beside it was made for another log
    if shm is None and not closed_uncleanly(path.parent):
        # Our last run closed cleanly, which folds the log into the file and removes it, and
        # no run of ours since left a log without its index: someone else put it there.
        return foreign
    if len(db_header) == 100:
        page = struct.unpack(">H", db_header[16:18])[0]
        page = 65536 if page == 1 else page
        if page != wal_page:
            return foreign
    with tempfile.TemporaryDirectory(prefix=NEW_PREFIX, dir=path.parent) as scratch:
        try:
            if _sound_copy(path, wal, Path(scratch) / "trial.db"):
                return None
            # The two together fail: the log's fault only if the file alone is sound.
            if _sound_copy(path, None, Path(scratch) / "alone.db"):
                return foreign
        except OSError:
            return None  # No room for the trial copy: open as before rather than not at all.
    return Message("the file does not pass SQLite's quick check")


def _sound_copy(path: Path, wal: Path | None, trial: Path) -> bool:
    """Whether a copy of the file (with `wal` beside it) passes the quick and schema checks."""
    shutil.copyfile(path, trial)
    if wal is not None:
        shutil.copyfile(wal, side_file(trial, "-wal"))
    try:
        with closing(sqlite3.connect(trial)) as raw:
            raw.text_factory = lambda data: data.decode("utf-8", "replace")
            if raw.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                return False
            return migrations.schema_problem(raw) is None
    except sqlite3.DatabaseError:
        return False


def _wal_checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    """SQLite's log checksum (wal.c, walChecksumBytes) over `data`, continuing from (s0, s1)."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def _holds_a_commit(wal: Path, header: bytes) -> bool:
    """Whether the log holds a commit SQLite would replay: frames with the header's salts and
    an unbroken checksum chain, up to one that ends a transaction."""
    magic, _, page_size = struct.unpack(">III", header[:12])
    big_endian = magic == WAL_MAGIC[1]
    s0, s1 = _wal_checksum(header[:24], 0, 0, big_endian)
    if (s0, s1) != struct.unpack(">II", header[24:32]):
        return False
    try:
        with open(wal, "rb") as handle:
            handle.seek(32)
            while True:
                frame = handle.read(24 + page_size)
                if len(frame) < 24 + page_size:
                    return False
                if frame[8:16] != header[16:24]:
                    return False
                s0, s1 = _wal_checksum(frame[:8] + frame[24:], s0, s1, big_endian)
                if (s0, s1) != struct.unpack(">II", frame[16:24]):
                    return False
                if struct.unpack(">I", frame[4:8])[0] != 0:
                    return True
    except OSError:
        return False


def _same_log(index: tuple[bytes, int], salts: bytes) -> bool:
    """Whether a log with `salts` can follow the index (salts, frames) our last run left.

    The same salts; or the index describes an empty log (a kill before the first commit
    reached it); or the log was restarted after a checkpoint, which adds one to the first
    salt (wal.c, walRestartHdr), and the kill came before the commit reached the index.
    """
    index_salts, frames = index
    if index_salts == salts or frames == 0:
        return True
    first = int(struct.unpack(">I", index_salts[:4])[0])
    return int(struct.unpack(">I", salts[:4])[0]) == (first + 1) & 0xFFFFFFFF


def _index_salts(shm: Path) -> tuple[bytes, int] | None:
    """The log salts the -shm index was built for and its frame count, when it holds a sound
    index header."""
    try:
        with open(shm, "rb") as handle:
            head = handle.read(96)
    except OSError:
        return None
    # Two copies of the index header (SQLite's wal.c: WalIndexHdr); its salts are the log
    # header's bytes, copied as they are.
    if len(head) < 96 or head[:48] != head[48:96] or head[12] != 1:
        return None
    return head[32:40], int(struct.unpack("=I", head[16:20])[0])


def _create(path: Path) -> None:
    """Make a new database whole under a temporary name, then rename it into place."""
    tmp = path.with_name(f"{NEW_PREFIX}{os.getpid()}.db")
    for suffix in ("", *SIDE_SUFFIXES):
        side_file(tmp, suffix).unlink(missing_ok=True)
    create_private_file(tmp)
    new = peewee.SqliteDatabase(
        str(tmp),
        pragmas=(("journal_mode", "delete"), ("synchronous", "full"), ("foreign_keys", 1)),
        autoconnect=False,
    )
    new.connect()
    try:
        migrate(new)
        # WAL is recorded in the file's header: set here, no first open has to switch it.
        new.execute_sql("PRAGMA journal_mode = wal")
    finally:
        new.close()
    fsync_file(tmp)
    os.replace(tmp, path)
    fsync_directory(path.parent)


def _connect(data_dir: Path) -> peewee.SqliteDatabase:
    path = database_path(data_dir)
    db = Database(str(path), pragmas=PRAGMAS, autoconnect=False)
    try:
        if not path.exists():
            _create(path)
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
        if not writable(data_dir):
            raise read_only_folder(data_dir) from exc
        raise explain(exc, Message("open the database in {folder}", folder=str(data_dir))) from exc
    return db


def writable(folder: Path) -> bool:
    """os.access says yes on a read-only mount for root; statvfs knows the mount's flag."""
    try:
        if os.name == "posix" and os.statvfs(folder).f_flag & os.ST_RDONLY:
            return False
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def disconnect() -> None:
    """Close the connection but keep the folder's lock (to swap the file, then reopen it)."""
    if database.obj is not None and not database.is_closed():
        database.close()
    database.initialize(None)


def close_database() -> None:
    global _open_dir
    disconnect()
    if _open_dir is not None:
        # What the window wrote while open (its window.ini, the log) is private too.
        make_folder_private(_open_dir)
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
