import os
import signal
import subprocess
import sys
import textwrap
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bandtracker.domain.prescription import SetKey
from bandtracker.store import sessions
from bandtracker.store.db import OPEN_MARKER, close_database, database_path, open_database
from bandtracker.store.lock import lock_data_folder, unlock_data_folder
from bandtracker.store.safety import recovery
from bandtracker.store.safety.backup import list_backups, take_backup
from bandtracker.store.safety.recovery import open_checked
from tests.store.damage import (
    garble_header,
    garble_middle,
    hold_lock_in_child,
    record,
    record_history,
    set_count,
    stale_index,
    truncate,
)

DAY = date(2026, 11, 20)


def history_with_backup(data_dir):
    """History, a backup of it, then one more set the backup does not have."""
    open_database(data_dir)
    ticked = record_history()
    info = take_backup(data_dir)
    record(DAY, SetKey("glute-bridge", 1))
    close_database()
    return ticked, info


@pytest.mark.parametrize("damage", [garble_header, garble_middle, truncate])
def test_a_damaged_database_is_set_aside_and_the_newest_good_backup_restored(data_dir, damage):
    ticked, info = history_with_backup(data_dir)
    path = database_path(data_dir)
    damage(path)
    damaged_bytes = path.read_bytes()
    report = open_checked(data_dir)
    assert report is not None and report.restored == info
    assert sessions.load_day(DAY).done == frozenset()  # the set after the backup is gone...
    assert set_count(path) == ticked  # ...everything the backup held is back
    assert report.damaged_file is not None and "corrupt" in report.damaged_file.name
    assert report.damaged_file.read_bytes() == damaged_bytes  # kept as it was, never deleted
    text = report.describe()
    assert info.when() in text and str(report.damaged_file) in text


def test_the_wal_and_shm_travel_with_the_damaged_file(data_dir):
    history_with_backup(data_dir)
    path = database_path(data_dir)
    garble_header(path)
    wal = path.with_name(path.name + "-wal")
    wal.write_bytes(b"left over by a crash")
    report = open_checked(data_dir)
    assert report.damaged_file.with_name(report.damaged_file.name + "-wal").read_bytes() == (
        b"left over by a crash"
    )


def test_a_newer_bad_backup_is_passed_over_for_an_older_good_one(data_dir):
    ticked, good = history_with_backup(data_dir)
    newest = good.path.with_name("bandtracker-29991231-235959.db")
    newest.write_bytes(good.path.read_bytes())
    garble_middle(newest)
    garble_header(database_path(data_dir))
    report = open_checked(data_dir)
    assert report.restored == good
    assert newest.exists()


def test_with_every_backup_bad_a_new_database_is_started_and_the_user_told(data_dir):
    _, info = history_with_backup(data_dir)
    garble_middle(info.path)
    garble_header(database_path(data_dir))
    report = open_checked(data_dir)
    assert report.restored is None
    assert "no usable backup" in report.describe() and "new, empty database" in report.describe()
    assert set_count(database_path(data_dir)) == 0
    assert info.path.exists() and report.damaged_file.exists()


def test_a_sound_database_opens_without_a_report(data_dir):
    history_with_backup(data_dir)
    assert open_checked(data_dir) is None
    assert sessions.load_day(DAY).done == {SetKey("glute-bridge", 1)}


def test_after_a_clean_close_a_quick_check_is_enough_after_a_crash_the_full_one_runs(data_dir):
    ticked, info = history_with_backup(data_dir)
    path = database_path(data_dir)
    stale_index(path)  # only integrity_check notices this
    assert not (data_dir / OPEN_MARKER).exists()
    assert open_checked(data_dir) is None  # clean close last time: quick_check only
    close_database()
    stale_index_marker = data_dir / OPEN_MARKER
    stale_index_marker.touch()  # as a killed run leaves it
    report = open_checked(data_dir)
    assert report is not None and "missing from index" in report.problem
    assert report.restored == info


def test_a_killed_run_leaves_the_marker_and_a_clean_close_removes_it(data_dir, tmp_path):
    open_database(data_dir)
    assert (data_dir / OPEN_MARKER).exists()
    close_database()
    assert not (data_dir / OPEN_MARKER).exists()
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from bandtracker.store.db import open_database
        open_database(Path({str(data_dir)!r}))
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    child = subprocess.run([sys.executable, "-c", script], check=False)
    assert child.returncode == -signal.SIGKILL
    assert (data_dir / OPEN_MARKER).exists()
    # ...and the lock it held died with it.
    lock_data_folder(data_dir)
    unlock_data_folder(data_dir)


def test_a_second_process_cannot_open_the_folder_but_a_killed_one_does_not_block(data_dir):
    child = hold_lock_in_child(data_dir)
    with pytest.raises(recovery.StoreError, match=f"Another Band Tracker .process {child.pid}"):
        open_checked(data_dir)
    assert not database_path(data_dir).exists()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert open_checked(data_dir) is None
    assert database_path(data_dir).exists()


def test_check_reports_health_without_touching_the_file(data_dir):
    history_with_backup(data_dir)
    healthy, text = recovery.health_report(data_dir)
    assert healthy and "OK" in text and "Backups: 1" in text
    assert "49 sets on 13 days, 2026-09-01 to 2026-11-20" in text
    garble_middle(database_path(data_dir))
    before = database_path(data_dir).read_bytes()
    healthy, text = recovery.health_report(data_dir)
    assert not healthy and "DAMAGED" in text
    assert database_path(data_dir).read_bytes() == before
    assert len(list_backups(data_dir)) == 1


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=64)), max_size=4))
def test_any_damage_ends_in_a_sound_open_database_never_a_traceback(tmp_path_factory, hits):
    data_dir = tmp_path_factory.mktemp("fuzz") / "data"
    open_database(data_dir)
    record_history(3)
    take_backup(data_dir)
    close_database()
    path = database_path(data_dir)
    data = bytearray(path.read_bytes())
    for offset, noise in hits:
        at = offset % len(data)
        data[at : at + len(noise)] = noise
    path.write_bytes(bytes(data[: len(data) - (hits[0][0] % 2) * 1000 if hits else len(data)]))
    (data_dir / OPEN_MARKER).touch()  # as after a crash: the full check runs
    try:
        report = open_checked(data_dir)
    except recovery.StoreError as exc:
        # Only a file that checks sound but cannot be opened (e.g. a garbled schema version).
        assert "Could not open" in str(exc) or "newer version" in str(exc)
        return
    try:
        assert recovery.database_health(data_dir, full=True) is None
        if report is not None:
            assert report.damaged_file.exists() and report.restored is not None
    finally:
        close_database()
