"""Every kind of damage ends in the newest good backup's data (or an empty database with the
damaged file kept aside when there is none) and a message, never a traceback or a refusal."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from bandtracker.domain.prescription import SetKey
from bandtracker.store import sessions
from bandtracker.store.db import close_database, database_path, open_database
from bandtracker.store.errors import NewerDatabaseError
from bandtracker.store.migrations import SCHEMA_VERSION
from bandtracker.store.safety.backup import take_backup
from bandtracker.store.safety.recovery import health_report, open_then_check
from bandtracker.store.settings import routine_settings
from tests.safety.harm import foreign_wal, garble_page, hot_journal, root_page
from tests.store.damage import garble_header, garble_middle, record, record_history, set_count

DAY = date(2026, 11, 20)


def history_with_backup(data_dir: Path) -> tuple[int, object]:
    open_database(data_dir)
    ticked = record_history()
    info = take_backup(data_dir)
    record(DAY, SetKey("glute-bridge", 1))  # not in the backup
    close_database()
    return ticked, info


def assert_recovered_from(data_dir: Path, report, info, ticked: int, damaged: bytes | None):
    assert report is not None and report.restored == info
    assert set_count(database_path(data_dir)) == ticked
    assert routine_settings().band  # what the first screen reads, reads
    assert report.damaged_file is not None and "corrupt" in report.damaged_file.name
    if damaged is not None:
        assert report.damaged_file.read_bytes() == damaged  # kept as it was
    assert info.when() in report.describe()


def root_of(name: str):
    def harm(path: Path) -> None:
        garble_page(path, root_page(path, name))

    harm.__name__ = f"root_of_{name}"
    return harm


def not_sqlite(path: Path) -> None:
    path.write_bytes(b"date,exercise\n" * 300)


def zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def cut_short(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


TABLES = ["setting", "band", "session", "session_exercise", "completed_set", "rest_week"]
INDEXES = ["sqlite_autoindex_session_1", "completed_set_band", "sqlite_autoindex_completed_set_1"]
HARMS = [
    garble_header,
    garble_middle,
    cut_short,
    zero_bytes,
    not_sqlite,
    *(root_of(t) for t in TABLES + INDEXES),
]


@pytest.mark.parametrize("harm", HARMS, ids=lambda h: h.__name__)
def test_damage_found_at_start_restores_the_newest_backup(data_dir, harm):
    ticked, info = history_with_backup(data_dir)
    path = database_path(data_dir)
    harm(path)
    damaged = path.read_bytes()
    report, owed = open_then_check(data_dir)
    if report is None:
        # Not in what the first screens read: the health check that runs beside the window
        # finds it (as a clean close left no marker, the quick one).
        from bandtracker.store.safety.recovery import database_health, recover_open_database

        problem = database_health(data_dir, full=bool(owed))
        assert problem is not None
        report = recover_open_database(data_dir, problem)
    assert_recovered_from(data_dir, report, info, ticked, damaged)
    assert sessions.load_day(DAY).done == frozenset()


def test_damage_on_the_settings_root_page_is_recovered_before_the_window_reads_it(data_dir):
    """Defect 1: the window's constructor read the damaged page and every start failed."""
    ticked, info = history_with_backup(data_dir)
    path = database_path(data_dir)
    garble_page(path, root_page(path, "setting"))
    report, owed = open_then_check(data_dir)
    assert owed is None  # checked and recovered already, not left for later
    assert_recovered_from(data_dir, report, info, ticked, None)


@pytest.mark.parametrize("harm", HARMS[:6], ids=lambda h: h.__name__)
def test_damage_without_any_backup_starts_empty_and_keeps_the_file(data_dir, harm):
    open_database(data_dir)
    record_history(3)
    close_database()
    path = database_path(data_dir)
    harm(path)
    damaged = path.read_bytes()
    report, _ = open_then_check(data_dir)
    if report is None:
        from bandtracker.store.safety.recovery import database_health, recover_open_database

        report = recover_open_database(data_dir, database_health(data_dir, full=True))
    assert report.restored is None and "new, empty database" in report.describe()
    assert report.damaged_file.read_bytes() == damaged
    assert set_count(path) == 0


def test_a_zero_byte_database_is_damage_not_a_new_database(data_dir):
    """Defect 3: an empty file silently became a new empty database, good backups unused."""
    ticked, info = history_with_backup(data_dir)
    database_path(data_dir).write_bytes(b"")
    report, _ = open_then_check(data_dir)
    assert report is not None and "empty" in report.problem
    assert_recovered_from(data_dir, report, info, ticked, b"")


def test_a_wal_from_another_database_is_kept_aside_not_checkpointed(data_dir, tmp_path):
    """Defect 2: the first open copied the foreign log's pages into the file for good."""
    ticked, info = history_with_backup(data_dir)
    path = database_path(data_dir)
    ours = path.read_bytes()
    wal = foreign_wal(data_dir, tmp_path / "other")
    report, _ = open_then_check(data_dir)
    assert report is not None and "another database" in report.problem
    assert_recovered_from(data_dir, report, info, ticked, ours)
    # Both kept aside as found: the file untouched, the log beside it.
    assert report.damaged_file.with_name(report.damaged_file.name + "-wal").read_bytes() == wal


def test_a_foreign_wal_beside_our_crashed_runs_index_is_told_by_its_salts(data_dir, tmp_path):
    from tests.safety.harm import run_and_kill

    ticked, info = history_with_backup(data_dir)
    run_and_kill(
        data_dir,
        """
        from datetime import date
        from bandtracker.domain.prescription import SetKey
        open_database(data_dir)
        record(date(2026, 11, 21), SetKey("glute-bridge", 1))
        """,
    )
    assert (data_dir / "bandtracker.db-wal").stat().st_size > 0
    foreign_wal(data_dir, tmp_path / "other")
    report, _ = open_then_check(data_dir)
    assert report is not None and "another database" in report.problem
    assert report.restored == info


def test_our_own_wal_after_a_crash_is_not_mistaken_for_a_foreign_one(data_dir):
    from tests.safety.harm import run_and_kill

    open_database(data_dir)
    record_history(3)
    close_database()
    run_and_kill(
        data_dir,
        """
        from datetime import date
        from bandtracker.domain.prescription import SetKey
        open_database(data_dir)
        record(date(2026, 11, 20), SetKey("glute-bridge", 1))
        """,
    )
    assert (data_dir / "bandtracker.db-wal").stat().st_size > 0
    report, owed = open_then_check(data_dir)
    assert report is None and owed is True
    assert sessions.load_day(DAY).done == {SetKey("glute-bridge", 1)}


def test_a_hot_journal_is_rolled_back_not_reported_as_a_read_only_folder(data_dir):
    """Defect 5: check and the startup peek opened read-only and could not roll it back."""
    open_database(data_dir)
    ticked = record_history(3)
    close_database()
    path = database_path(data_dir)
    hot_journal(path)
    healthy, text = health_report(data_dir)
    assert healthy, text
    report, _ = open_then_check(data_dir)
    assert report is None
    assert set_count(path) == ticked  # the killed transaction rolled back
    assert not path.with_name(path.name + "-journal").exists()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


def test_a_newer_schema_is_refused_with_a_message_and_left_as_it_is(data_dir):
    history_with_backup(data_dir)
    path = database_path(data_dir)
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA user_version = 99")
    raw.close()
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer version"):
        open_then_check(data_dir)
    assert path.read_bytes() == before


def test_a_damaged_page_met_later_while_reading_is_a_store_error_not_a_crash(data_dir):
    """Pages the start does not read: the window's reads fail with a StoreError it can show
    (and the health check beside it recovers), not a peewee DatabaseError."""
    from bandtracker.store.errors import StoreError
    from bandtracker.store.models import CompletedSet

    open_database(data_dir)
    record_history(150)
    close_database()
    path = database_path(data_dir)
    with sqlite3.connect(path) as raw:
        # A leaf of completed_set in the middle: neither its root nor its first or last leaf.
        pages = (
            [
                row[0]
                for row in raw.execute(
                    "SELECT DISTINCT pageno FROM dbstat WHERE name = 'completed_set' "
                    "AND pagetype = 'leaf' ORDER BY pageno"
                )
            ]
            if _has_dbstat(raw)
            else []
        )
    raw.close()
    if len(pages) < 3:
        pytest.skip("this SQLite has no dbstat to find a middle leaf")
    garble_page(path, pages[len(pages) // 2])
    report, _ = open_then_check(data_dir)
    assert report is None  # the start's reads do not reach it...
    with pytest.raises(StoreError, match="damaged"):
        list(CompletedSet.select())  # ...a full read does, and says so in words


def _has_dbstat(raw: sqlite3.Connection) -> bool:
    try:
        raw.execute("SELECT 1 FROM dbstat LIMIT 1")
    except sqlite3.OperationalError:
        return False
    return True


def test_a_hollow_file_with_a_schema_version_is_recovered_at_start(data_dir):
    """Defect 10's aftermath: a file with user_version 2 and no tables stopped every start."""
    ticked, info = history_with_backup(data_dir)
    path = database_path(data_dir)
    path.unlink()
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE band (id INTEGER PRIMARY KEY)")
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    raw.close()
    report, _ = open_then_check(data_dir)
    assert report is not None and "table" in report.problem
    assert report.restored == info and set_count(path) == ticked


def test_a_damaged_file_beside_its_own_wal_is_not_blamed_on_the_wal(data_dir):
    from tests.safety.harm import run_and_kill

    ticked, info = history_with_backup(data_dir)
    run_and_kill(
        data_dir,
        """
        from datetime import date
        from bandtracker.domain.prescription import SetKey
        open_database(data_dir)
        record(date(2026, 11, 21), SetKey("glute-bridge", 1))
        """,
    )
    garble_middle(database_path(data_dir))
    report, _ = open_then_check(data_dir)
    assert report is not None and report.restored == info
    assert "another database" not in report.problem
