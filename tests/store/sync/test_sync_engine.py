"""Merging two computers' histories through a shared folder: ticks, unticks, notes, settings."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bandtracker.domain.prescription import SetKey, Side
from bandtracker.store import history as store_history
from bandtracker.store import session_log, sessions
from bandtracker.store.db import database, write
from bandtracker.store.errors import StoreError
from bandtracker.store.settings import get_setting, put_setting
from bandtracker.store.sync import local
from bandtracker.store.sync.folder import ROOT
from tests.store.sync.helpers import history, on, sync

TZ = timezone(timedelta(hours=1))
DAY = date(2026, 11, 24)
AT = datetime(2026, 11, 24, 18, 30, tzinfo=TZ)
CLAM = SetKey("clam-shell", 1, Side.RIGHT)
BRIDGE = SetKey("glute-bridge", 1)


@pytest.fixture
def two(tmp_path: Path) -> tuple[Path, Path, Path]:
    shared = tmp_path / "shared"
    shared.mkdir()
    return tmp_path / "a", tmp_path / "b", shared


def exchange(a: Path, b: Path, shared: Path) -> None:
    sync(a, shared)
    sync(b, shared)
    sync(a, shared)


def ticked(data_dir: Path) -> set[tuple]:
    return {(row[0], row[1], row[2], row[3]) for row in history(data_dir)[0]}


def test_ticks_made_offline_on_two_computers_end_up_on_both(two):
    a, b, shared = two
    with on(a):
        sessions.tick(DAY, CLAM, AT)
        sessions.tick(DAY + timedelta(days=2), BRIDGE, AT + timedelta(days=2))
    with on(b):
        sessions.tick(DAY, BRIDGE, AT + timedelta(minutes=3))
    exchange(a, b, shared)
    assert history(a) == history(b)
    assert ticked(a) == {
        ("2026-11-24", "clam-shell", 1, "right"),
        ("2026-11-24", "glute-bridge", 1, ""),
        ("2026-11-26", "glute-bridge", 1, ""),
    }


def test_the_summary_names_the_computer_the_sets_came_from(two):
    a, b, shared = two
    with on(a), write("name it"):
        local.put_local(local.DEVICE_NAME, "laptop")
    with on(a):
        for n in (1, 2, 3):
            sessions.tick(DAY, SetKey("glute-bridge", n), AT)
    sync(a, shared)
    report = sync(b, shared)
    assert report.sets_in == {"laptop": 3}
    assert "3 sets from 'laptop'" in report.summary()
    assert sync(b, shared).sets_in == {}  # nothing new the second time


def test_an_untick_wins_over_the_tick_it_undoes_and_a_later_tick_wins_over_it(two):
    a, b, shared = two
    with on(a):
        sessions.tick(DAY, CLAM, AT)
    exchange(a, b, shared)
    with on(b):
        sessions.untick(DAY, CLAM)
    exchange(a, b, shared)
    assert ticked(a) == ticked(b) == set()
    with on(a):
        sessions.tick(DAY, CLAM, AT + timedelta(minutes=5))
    exchange(a, b, shared)
    assert ticked(a) == ticked(b) == {("2026-11-24", "clam-shell", 1, "right")}


def test_an_untick_stamped_after_a_tick_it_has_seen_wins_even_from_a_slow_clock(two):
    a, b, shared = two
    with on(a):  # A's clock is a year ahead
        sessions.tick(DAY, CLAM, AT + timedelta(days=365))
    exchange(a, b, shared)
    with on(b):
        sessions.untick(DAY, CLAM)
    exchange(a, b, shared)
    assert ticked(a) == ticked(b) == set()


def test_notes_times_settings_and_bands_merge_per_field_the_later_change_winning(two):
    a, b, shared = two
    with on(a):
        sessions.tick(DAY, CLAM, AT)
    exchange(a, b, shared)
    with on(a):
        session_log.save_note(DAY, "knees in", AT)
        with write("set"):
            put_setting("default_reps", 15)
    sync(a, shared)
    with on(b):
        session_log.set_finished(DAY, AT + timedelta(minutes=20))
        with write("set"):
            put_setting("weekly_target", 4)
            database.execute_sql("UPDATE band SET colour = '#00ff00' WHERE name = 'green'")
    exchange(a, b, shared)
    assert history(a) == history(b)
    with on(b):
        assert get_setting("default_reps", None) == 15
        assert get_setting("weekly_target", None) == 4
        note, finished = database.execute_sql(
            "SELECT note, finished_at FROM session WHERE day = ?", (DAY.isoformat(),)
        ).fetchone()
        assert note == "knees in" and finished.startswith("2026-11-24T18:50")
    with on(a):
        assert database.execute_sql("SELECT colour FROM band WHERE name = 'green'").fetchone() == (
            "#00ff00",
        )


def test_a_fresh_computer_takes_the_settings_of_one_that_has_been_used(two):
    a, b, shared = two
    with on(a), write("set"):
        put_setting("default_reps", 14)
    sync(b, shared)  # B is new: defaults only, and it syncs first
    exchange(a, b, shared)
    with on(b):
        assert get_setting("default_reps", None) == 14


def test_a_session_deleted_on_one_computer_goes_on_the_other(two):
    a, b, shared = two
    with on(a):
        sessions.tick(DAY, CLAM, AT)
        sessions.tick(DAY, BRIDGE, AT)
    exchange(a, b, shared)
    with on(b):
        store_history.delete_session(DAY)
    exchange(a, b, shared)
    assert history(a)[:2] == history(b)[:2] == [[], []]


def test_a_damaged_file_a_newer_file_and_partial_files_are_skipped_and_named(two):
    a, b, shared = two
    with on(a):
        sessions.tick(DAY, CLAM, AT)
        sessions.tick(DAY + timedelta(days=1), BRIDGE, AT + timedelta(days=1))
        sessions.tick(DAY + timedelta(days=3), BRIDGE, AT + timedelta(days=3))
    sync(a, shared)
    (days,) = (shared / ROOT).glob("*/days")
    damaged = days / "2026-11-25.json"
    damaged.write_bytes(damaged.read_bytes()[:40])
    newer = days / "2026-11-27.json"
    newer.write_text(json.dumps({**json.loads(newer.read_text()), "format": 99}))
    (days / ".syncthing.2026-11-28.json.tmp").write_text("{half")
    (days / ".2026-11-29.json.~1f3a").write_text("{half")
    (days / "2026-11-30.sync-conflict-20261130-1234.json").write_text("{}")
    report = sync(b, shared)
    assert ticked(b) == {("2026-11-24", "clam-shell", 1, "right")}
    named = "\n".join(report.skipped)
    assert len(report.skipped) == 2
    assert "2026-11-25.json: it is damaged" in named
    assert "2026-11-27.json: it was written by a newer version" in named


def test_files_are_written_whole_and_only_when_they_change(two):
    a, _, shared = two
    with on(a):
        sessions.tick(DAY, CLAM, AT)
    assert sync(a, shared).written == 2  # device.json and the day
    assert sync(a, shared).written == 0
    with on(a):
        sessions.tick(DAY, BRIDGE, AT)
    assert sync(a, shared).written == 1
    leftovers = [p for p in (shared / ROOT).rglob("*") if p.name.startswith(".")]
    assert leftovers == []


def test_a_tick_stays_one_insert(db):
    sessions.tick(DAY, CLAM, AT)  # the first tick of the day also makes the session
    statements: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(statements.append)
    try:
        sessions.tick(DAY, BRIDGE, AT)
    finally:
        connection.set_trace_callback(None)
    writes = [s for s in statements if s.split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert len(writes) == 1 and "completed_set" in writes[0]


def test_the_sync_folder_may_not_be_in_the_data_folder_nor_hold_it(data_dir, tmp_path, db):
    with pytest.raises(StoreError, match="inside Band Tracker's data folder"):
        local.check_folder(data_dir / "sync", data_dir)
    with pytest.raises(StoreError, match="holds Band Tracker's data folder"):
        local.check_folder(tmp_path, data_dir)
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    elsewhere.mkdir()
    assert local.check_folder(elsewhere, data_dir) == elsewhere.resolve()


def test_a_copied_data_folder_gets_its_own_device_id(two):
    import shutil

    a, b, shared = two
    sync(a, shared)
    shutil.copytree(a, b)
    (b / "bandtracker.lock").unlink(missing_ok=True)
    sync(b, shared)
    assert len(list((shared / ROOT).iterdir())) == 2


def test_the_database_stays_consistent_after_a_merge(two):
    a, b, shared = two
    with on(a):
        for n in (1, 2):
            sessions.tick(DAY, SetKey("glute-bridge", n), AT)
    exchange(a, b, shared)
    raw = sqlite3.connect(b / "bandtracker.db")
    assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    assert raw.execute("SELECT count(*) FROM sync_local WHERE key = 'applying'").fetchone() == (0,)
    raw.close()


def test_after_a_restore_from_an_older_backup_the_own_files_give_back_the_newer_sets(two):
    from bandtracker.store.safety.backup import restore_backup, take_backup

    a, _, shared = two
    with on(a):
        sessions.tick(DAY, CLAM, AT)
    backup = take_backup(a)
    with on(a):
        sessions.tick(DAY, BRIDGE, AT + timedelta(minutes=2))
    sync(a, shared)
    restore_backup(a, backup.path)
    assert len(ticked(a)) == 1
    sync(a, shared)
    assert ticked(a) == {
        ("2026-11-24", "clam-shell", 1, "right"),
        ("2026-11-24", "glute-bridge", 1, ""),
    }


def test_a_damaged_file_is_skipped_every_time_until_its_computer_writes_it_again(two):
    a, b, shared = two
    with on(a):
        sessions.tick(DAY, CLAM, AT)
    sync(a, shared)
    (day_file,) = (shared / ROOT).glob("*/days/2026-11-24.json")
    whole = day_file.read_bytes()
    day_file.write_bytes(whole[:30])
    assert len(sync(b, shared).skipped) == 1
    assert len(sync(b, shared).skipped) == 1  # still named, not forgotten
    assert ticked(b) == set()
    day_file.write_bytes(whole)  # the sync tool finished bringing it
    report = sync(b, shared)
    assert report.skipped == [] and sum(report.sets_in.values()) == 1
    assert ticked(b) == {("2026-11-24", "clam-shell", 1, "right")}


def test_a_sync_folder_that_is_not_there_is_reported_and_never_created(two, tmp_path):
    a, _, _ = two
    gone = tmp_path / "usb-stick" / "Sync"
    with pytest.raises(StoreError, match="is not there"):
        sync(a, gone)
    assert not (tmp_path / "usb-stick").exists()


def test_a_band_with_a_colour_that_is_not_one_makes_the_file_skipped(two):
    a, b, shared = two
    sync(a, shared)
    (device,) = (shared / ROOT).glob("*/device.json")
    data = json.loads(device.read_text())
    data["bands"]["green"]["colour"][0] = "red; background: url(x)"
    device.write_text(json.dumps(data))
    report = sync(b, shared)
    assert "device.json: it is damaged" in "\n".join(report.skipped)
    with on(b):
        assert database.execute_sql("SELECT colour FROM band WHERE name = 'green'").fetchone() == (
            "#3fa34d",
        )
