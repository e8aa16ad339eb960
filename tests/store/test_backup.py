import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest

from bandtracker.domain.prescription import SetKey
from bandtracker.store import sessions
from bandtracker.store.db import close_database, database_path, open_database
from bandtracker.store.errors import StoreError
from bandtracker.store.lock import FolderInUseError
from bandtracker.store.migrations import SCHEMA_VERSION
from bandtracker.store.safety import backup
from bandtracker.store.safety.backup import (
    backups_dir,
    list_backups,
    restore_backup,
    rotate,
    take_backup,
    verify_backup,
)
from tests.store.damage import garble_middle, hold_lock_in_child, record, record_history, set_count

DAY = date(2026, 11, 20)


def test_a_backup_is_a_verified_single_file_copy_in_the_backups_folder(db, data_dir):
    ticked = record_history()
    info = take_backup(data_dir)
    assert info.path.parent == data_dir / "backups"
    assert verify_backup(info.path) is None
    assert set_count(info.path) == ticked
    with sqlite3.connect(info.path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [p.name for p in backups_dir(data_dir).iterdir()] == [info.path.name]


def test_a_backup_sees_every_committed_tick_while_the_window_keeps_the_file_open(db, data_dir):
    record(DAY, SetKey("glute-bridge", 1))
    # The WAL still holds the tick: a file copy now would miss it; the backup API does not.
    assert (data_dir / "bandtracker.db-wal").stat().st_size > 0
    assert set_count(take_backup(data_dir).path) == 1


def test_backups_are_only_taken_when_the_data_changed(db, data_dir):
    first = backup.backup_if_changed(data_dir, datetime(2026, 11, 24, 9, 0))
    assert first is not None  # none existed yet
    assert backup.backup_if_changed(data_dir, datetime(2026, 11, 24, 9, 30)) is None
    record(DAY, SetKey("glute-bridge", 1))
    second = backup.backup_if_changed(data_dir, datetime(2026, 11, 24, 10, 0))
    assert second is not None and set_count(second.path) == 1


def test_rotation_keeps_7_daily_4_weekly_and_12_monthly(db, data_dir):
    source = take_backup(data_dir, datetime(2020, 1, 1, 0, 0)).path
    start = datetime(2024, 1, 1, 12, 0)
    for hours in range(0, 24 * 500, 11):  # about two backups a day for 500 days
        moment = start + timedelta(hours=hours)
        (backups_dir(data_dir) / f"bandtracker-{moment:%Y%m%d-%H%M%S}.db").write_bytes(
            source.read_bytes()
        )
    labelled = backups_dir(data_dir) / "bandtracker-20200101-000000-before-schema-9.db"
    labelled.write_bytes(source.read_bytes())
    rotate(data_dir)
    kept = [i for i in list_backups(data_dir) if not i.label]
    days = {i.taken_at.date() for i in kept}
    weeks = {i.taken_at.isocalendar()[:2] for i in kept}
    months = {(i.taken_at.year, i.taken_at.month) for i in kept}
    newest = kept[0].taken_at
    assert len(kept) == len(days)  # one per day at most (11 hours apart: none in the same hours)
    assert {newest.date() - timedelta(days=n) for n in range(7)} <= days
    assert len(weeks) >= 4 and len(months) == 12
    assert len(kept) <= 7 + 4 + 12
    assert labelled.exists()  # kept for good


def test_the_last_hours_keep_a_backup_each_so_a_mid_day_mistake_can_be_undone(db, data_dir):
    start = datetime(2026, 11, 24, 8, 0)
    taken = [take_backup(data_dir, start + timedelta(minutes=30 * n)) for n in range(20)]
    kept = list_backups(data_dir)
    hours = {i.taken_at.hour for i in kept}
    # 8:00 to 17:30: the newest of each of the last six hours, and the newest of the day.
    assert hours == {12, 13, 14, 15, 16, 17}
    assert kept[0] == taken[-1]
    assert len(kept) == 6


def test_backups_taken_in_the_same_second_each_get_their_own_file(db, data_dir):
    moment = datetime(2026, 11, 24, 9, 0)
    first = take_backup(data_dir, moment, rotate_after=False)
    record(DAY, SetKey("glute-bridge", 1))
    second = take_backup(data_dir, moment, rotate_after=False)
    assert first.path != second.path and second.seq == 2
    assert set_count(first.path) == 0 and set_count(second.path) == 1
    assert list_backups(data_dir)[0] == second  # the later one counts as the newer


def test_concurrent_backups_from_many_processes_all_succeed(db, data_dir):
    record_history(3)
    script = (
        "import sys; from pathlib import Path; from datetime import datetime\n"
        "from bandtracker.store.safety.backup import take_backup\n"
        "take_backup(Path(sys.argv[1]), datetime(2026, 11, 24, 9, 0))\n"
    )
    children = [
        subprocess.Popen([sys.executable, "-c", script, str(data_dir)], stderr=subprocess.PIPE)
        for _ in range(12)
    ]
    errors = [child.communicate()[1] for child in children]
    assert [child.returncode for child in children] == [0] * 12, errors
    names = {i.path.name for i in list_backups(data_dir)}
    assert len(names) >= 1
    for info in list_backups(data_dir):
        assert verify_backup(info.path) is None
    assert not list(backups_dir(data_dir).glob(".*"))  # no temporary copy left behind


def test_restore_puts_the_backup_back_and_keeps_the_current_data_aside(db, data_dir):
    record(DAY, SetKey("glute-bridge", 1))
    saved = take_backup(data_dir)
    record(DAY, SetKey("glute-bridge", 2))
    result = restore_backup(data_dir, saved.path)
    done = sessions.load_day(DAY).done
    assert done == {SetKey("glute-bridge", 1)}  # the reopened database is the backup
    assert result.kept_aside is not None and "before-restore" in result.kept_aside.name
    assert set_count(result.kept_aside) == 2
    assert saved.path.exists() and verify_backup(saved.path) is None
    assert str(result.kept_aside) in result.describe()


def test_restore_works_with_the_database_closed(db, data_dir):
    record(DAY, SetKey("glute-bridge", 1))
    saved = take_backup(data_dir)
    record(DAY, SetKey("glute-bridge", 2))
    close_database()
    restore_backup(data_dir, saved.path)
    assert set_count(database_path(data_dir)) == 1


def test_a_damaged_backup_is_refused_and_nothing_changes(db, data_dir, tmp_path):
    record(DAY, SetKey("glute-bridge", 1))
    bad = tmp_path / "bad.db"
    bad.write_bytes(take_backup(data_dir).path.read_bytes())
    garble_middle(bad)
    with pytest.raises(StoreError, match="cannot be restored.*not changed"):
        restore_backup(data_dir, bad)
    assert sessions.load_day(DAY).done == {SetKey("glute-bridge", 1)}
    assert not list(data_dir.glob("*before-restore*"))


def test_a_backup_from_a_newer_version_is_refused(db, data_dir, tmp_path):
    newer = tmp_path / "newer.db"
    with sqlite3.connect(newer) as raw:
        raw.execute("CREATE TABLE x (y)")
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(StoreError, match="newer version"):
        restore_backup(data_dir, newer)


def test_restore_waits_for_no_one_while_another_process_has_the_folder(data_dir, tmp_path):
    open_database(data_dir)
    saved = take_backup(data_dir)
    close_database()
    child = hold_lock_in_child(data_dir)
    try:
        with pytest.raises(FolderInUseError, match=f"process {child.pid}"):
            restore_backup(data_dir, saved.path)
    finally:
        child.kill()
        child.wait()


def test_a_failed_backup_leaves_no_partial_file(db, data_dir, monkeypatch):
    def broken(source, target):
        target.write_bytes(b"half a copy")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "_copy_database", broken)
    with pytest.raises(StoreError, match="disk is full"):
        take_backup(data_dir)
    assert list(backups_dir(data_dir).iterdir()) == []


def test_a_restore_that_fails_at_the_last_step_leaves_the_database_in_place(
    db, data_dir, monkeypatch
):
    record(DAY, SetKey("glute-bridge", 1))
    saved = take_backup(data_dir)
    record(DAY, SetKey("glute-bridge", 2))
    real_replace = backup.os.replace

    def power_cut(source, target, *args, **kwargs):
        if str(target) == str(database_path(data_dir)):
            raise OSError(5, "Input/output error")
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(backup.os, "replace", power_cut)
    with pytest.raises(StoreError, match="Could not restore"):
        restore_backup(data_dir, saved.path)
    monkeypatch.undo()
    # Still the current data (the database was reopened as it was), and nothing lost.
    assert sessions.load_day(DAY).done == {SetKey("glute-bridge", 1), SetKey("glute-bridge", 2)}
    assert not list(data_dir.glob(".bandtracker-restore.tmp"))
