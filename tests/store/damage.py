"""Helpers that record history and damage database files the ways disks and crashes do."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from bandtracker.domain.prescription import SetKey, Side
from bandtracker.store import sessions

TZ = timezone(timedelta(hours=1))
PAGE = 4096


def record(day: date, *keys: SetKey) -> None:
    at = datetime(day.year, day.month, day.day, 18, 0, tzinfo=TZ)
    for n, key in enumerate(keys):
        sessions.tick(day, key, at + timedelta(minutes=n))


def record_history(days: int = 12) -> int:
    """A few weeks of sessions; returns how many sets were ticked."""
    count = 0
    for i in range(days):
        day = date(2026, 9, 1) + timedelta(days=3 * i)
        keys = [SetKey("glute-bridge", 1), SetKey("clam-shell", 1, Side.RIGHT)]
        keys += [SetKey("clam-shell", 1, Side.LEFT), SetKey("forward-walk", 2)]
        record(day, *keys)
        count += len(keys)
    return count


def set_count(path: Path) -> int:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as raw:
        return raw.execute("SELECT count(*) FROM completed_set").fetchone()[0]


def garble_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[0:100] = b"\xa5" * 100
    path.write_bytes(bytes(data))


def garble_middle(path: Path) -> None:
    """Overwrite every page after the first with noise: the b-trees no longer make sense."""
    data = bytearray(path.read_bytes())
    for offset in range(PAGE, len(data), PAGE):
        data[offset : offset + 64] = bytes((offset // PAGE * 37 + i) % 251 for i in range(64))
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def stale_index(path: Path) -> None:
    """Damage only integrity_check finds: index entries no longer match their rows."""
    with sqlite3.connect(path) as raw:
        row = raw.execute(
            "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master "
            "WHERE name = 'completed_set_band'"
        ).fetchone()
        raw.execute("PRAGMA writable_schema = ON")
        raw.execute("DELETE FROM sqlite_master WHERE name = 'completed_set_band'")
    raw.close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE completed_set SET band_id = band_id + 1")
        raw.execute("PRAGMA writable_schema = ON")
        raw.execute("INSERT INTO sqlite_master VALUES (?, ?, ?, ?, ?)", row)
    raw.close()


def hold_lock_in_child(data_dir: Path) -> subprocess.Popen:
    """Another process that takes the folder's lock and waits; returns once it holds it."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from bandtracker.store.lock import lock_data_folder
        lock_data_folder(Path({str(data_dir)!r}))
        print("locked", flush=True)
        sys.stdin.read()
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "locked"
    return child
