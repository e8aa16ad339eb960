"""Restores and recoveries: at every instant the database is a whole state, old or new."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from bandtracker.domain.prescription import SetKey
from bandtracker.store import sessions
from bandtracker.store.db import close_database, database_path, open_database
from bandtracker.store.errors import StoreError
from bandtracker.store.safety import backup
from bandtracker.store.safety.backup import restore_backup, take_backup, verify_backup
from bandtracker.store.safety.recovery import health_report, open_then_check
from tests.safety.harm import run_and_kill
from tests.store.damage import record_history, set_count

DAY = date(2026, 11, 20)


class Killed(BaseException):
    """Stands for SIGKILL at one step: nothing after it runs, no handler sees it."""


def ticks_only_in_the_wal(data_dir: Path) -> Path:
    """A backup, then a window killed after more ticks: those live only in its -wal."""
    open_database(data_dir)
    record_history(2)
    saved = take_backup(data_dir).path
    close_database()
    run_and_kill(
        data_dir,
        """
        from datetime import date
        from bandtracker.domain.prescription import SetKey
        open_database(data_dir)
        record(date(2026, 11, 20), SetKey("glute-bridge", 1), SetKey("glute-bridge", 2))
        """,
    )
    assert (data_dir / "bandtracker.db-wal").stat().st_size > 0
    return saved


@pytest.mark.parametrize("step", range(4))
def test_a_restore_killed_at_any_rename_loses_none_of_the_newest_ticks(data_dir, monkeypatch, step):
    """Defect 4: the -wal was moved aside before the new file was in place."""
    saved = ticks_only_in_the_wal(data_dir)
    calls = []
    real_replace, real_link = backup.os.replace, backup.os.link

    def counted(real):
        def run(*args, **kwargs):
            calls.append(args)
            if len(calls) > step:
                raise Killed
            return real(*args, **kwargs)

        return run

    monkeypatch.setattr(backup.os, "replace", counted(real_replace))
    monkeypatch.setattr(backup.os, "link", counted(real_link))
    try:
        restore_backup(data_dir, saved)
    except Killed:
        pass
    else:
        assert len(calls) <= step  # fewer renames than this step: it ran to the end
    monkeypatch.undo()
    from bandtracker.store.lock import unlock_data_folder

    unlock_data_folder(data_dir)  # the killed process's lock dies with it
    report, _ = open_then_check(data_dir)
    assert report is None
    done = sessions.load_day(DAY).done
    # Either the old state, whole (with the ticks the killed window saved), or the backup's.
    assert done in ({SetKey("glute-bridge", 1), SetKey("glute-bridge", 2)}, frozenset())
    if done == frozenset():
        asides = sorted(data_dir.glob("bandtracker-before-restore-*.db"))
        assert asides and set_count(asides[-1]) == set_count(database_path(data_dir)) + 2


def test_a_completed_restore_keeps_the_wal_only_ticks_in_the_file_kept_aside(data_dir):
    saved = ticks_only_in_the_wal(data_dir)
    result = restore_backup(data_dir, saved)
    assert result.kept_aside is not None
    # The file kept aside is whole by itself: no -wal needed beside it.
    assert not result.kept_aside.with_name(result.kept_aside.name + "-wal").exists()
    assert set_count(result.kept_aside) == set_count(saved) + 2


def test_a_restored_database_is_wal_before_it_is_moved_in(data_dir):
    open_database(data_dir)
    record_history(2)
    saved = take_backup(data_dir).path
    close_database()
    restore_backup(data_dir, saved)
    # Read the header directly: journal mode 2 (WAL) in bytes 18 and 19.
    assert database_path(data_dir).read_bytes()[18:20] == b"\x02\x02"
    assert not database_path(data_dir).with_name("bandtracker.db-journal").exists()


def test_restore_refuses_a_file_that_only_claims_the_schema_version(data_dir, tmp_path, capsys):
    """Defect 10: user_version 2 and no tables was restored; nothing could read it after."""
    open_database(data_dir)
    ticked = record_history(2)
    close_database()
    hollow = tmp_path / "hollow.db"
    with sqlite3.connect(hollow) as raw:
        raw.execute("CREATE TABLE band (id INTEGER PRIMARY KEY)")
        raw.execute("PRAGMA user_version = 2")
    raw.close()
    assert "table" in verify_backup(hollow)
    with pytest.raises(StoreError, match="cannot be restored: .*table"):
        restore_backup(data_dir, hollow)
    assert set_count(database_path(data_dir)) == ticked
    assert health_report(data_dir)[0]


def test_leftovers_of_killed_backups_and_restores_are_cleaned_up(data_dir):
    import os
    import time

    from bandtracker.store.db import NEW_PREFIX
    from bandtracker.store.safety.backup import backups_dir

    open_database(data_dir)
    record_history(1)
    take_backup(data_dir)
    close_database()
    restore_left = [data_dir / f"{NEW_PREFIX}restore.db{s}" for s in ("", "-journal", "-wal")]
    backup_left = [backups_dir(data_dir) / f".bandtracker-x1.tmp{s}" for s in ("", "-journal")]
    for path in restore_left + backup_left:
        path.write_bytes(b"half")
    hour_ago = time.time() - 2 * 3600
    for path in backup_left:
        os.utime(path, (hour_ago, hour_ago))
    fresh = backups_dir(data_dir) / ".bandtracker-x2.tmp"
    fresh.write_bytes(b"being written")  # another process's copy in progress: left alone
    open_database(data_dir)
    take_backup(data_dir)
    close_database()
    assert not any(p.exists() for p in restore_left + backup_left)
    assert fresh.exists()
