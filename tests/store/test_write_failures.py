"""A full disk and a read-only folder: nothing unsaved is reported saved and the file stays sound.

Real mounts where the machine allows them (tests run as root locally and on CI): a 1 MB tmpfs
for the full disk and a read-only bind mount for the read-only folder.
"""

import errno
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bandtracker.domain.prescription import SetKey
from bandtracker.store import sessions
from bandtracker.store.db import close_database, database, database_path, open_database
from bandtracker.store.errors import StoreError
from bandtracker.store.files import write_text_atomically
from bandtracker.store.safety.backup import backups_dir, check_database_file, take_backup
from bandtracker.store.safety.recovery import open_checked
from bandtracker.store.transfer.csv_io import export_csv

TZ = timezone(timedelta(hours=1))
KEY = SetKey("glute-bridge", 1)


def mount(*args: str) -> bool:
    result = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    return result.returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    where = tmp_path / "small"
    where.mkdir()
    if not mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)):
        pytest.skip("cannot mount a tmpfs here (needs root and mount rights)")
    yield where
    close_database()
    subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.fixture
def read_only_view(tmp_path):
    source, view = tmp_path / "rw", tmp_path / "view"
    source.mkdir()
    view.mkdir()
    if not mount("--bind", str(source), str(view)):
        pytest.skip("cannot bind-mount here (needs root and mount rights)")
    yield source, view
    close_database()
    subprocess.run(["umount", "-l", str(view)], check=False)


def fill(folder: Path, leave: int = 0) -> Path:
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as handle:
        try:
            while handle.write(b"\0" * 4096):
                pass
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    size = filler.stat().st_size
    with filler.open("r+b") as handle:
        handle.truncate(max(0, size - leave))
    return filler


def day(n: int) -> date:
    return date(2026, 1, 1) + timedelta(days=n)


def test_a_full_disk_never_shows_an_unsaved_set_as_saved(small_disk):
    data_dir = small_disk / "data"
    open_database(data_dir)
    filler = fill(small_disk, leave=48 * 1024)
    saved: list[int] = []
    failure = None
    for n in range(2000):
        try:
            sessions.tick(day(n), KEY, datetime(2026, 1, 1, 18, tzinfo=TZ) + timedelta(days=n))
        except StoreError as exc:
            failure = (n, str(exc))
            break
        saved.append(n)
    assert failure is not None, "the disk never filled up"
    assert "disk is full" in failure[1]
    assert sessions.load_day(day(failure[0])).done == frozenset()
    filler.unlink()
    close_database()
    assert check_database_file(database_path(data_dir)) is None
    assert open_checked(data_dir) is None
    assert all(sessions.load_day(day(n)).done == {KEY} for n in saved)
    assert sessions.load_day(day(failure[0])).done == frozenset()


def test_an_export_or_backup_to_a_full_disk_leaves_the_earlier_file_whole(small_disk, tmp_path):
    data_dir = tmp_path / "data"
    open_database(data_dir)
    for n in range(40):
        sessions.tick(day(n), KEY, datetime(2026, 1, 1, 18, tzinfo=TZ) + timedelta(days=n))
    target = small_disk / "sets.csv"
    target.write_text("the earlier export\n")
    fill(small_disk)
    with pytest.raises(StoreError, match="disk is full"):
        write_text_atomically(target, export_csv)
    assert target.read_text() == "the earlier export\n"
    assert [p.name for p in small_disk.iterdir()] == sorted(["filler", "sets.csv"])


def test_a_backup_onto_a_full_disk_fails_cleanly(small_disk):
    data_dir = small_disk / "data"
    open_database(data_dir)
    for n in range(10):
        sessions.tick(day(n), KEY, datetime(2026, 1, 1, 18, tzinfo=TZ) + timedelta(days=n))
    first = take_backup(data_dir, datetime(2026, 11, 1, 9, 0))
    fill(small_disk)
    with pytest.raises(StoreError, match="disk is full|back up"):
        take_backup(data_dir, datetime(2026, 11, 2, 9, 0))
    assert [p.name for p in backups_dir(data_dir).iterdir()] == [first.path.name]
    assert check_database_file(first.path) is None


def test_a_read_only_data_folder_is_refused_with_a_message_and_left_alone(read_only_view):
    source, view = read_only_view
    open_database(view)
    sessions.tick(day(0), KEY, datetime(2026, 1, 1, 18, tzinfo=TZ))
    close_database()
    before = database_path(source).read_bytes()
    assert mount("-o", "remount,bind,ro", str(view))
    with pytest.raises(StoreError, match="read-only"):
        open_checked(view)
    assert database_path(source).read_bytes() == before


def test_a_folder_that_turns_read_only_while_open_refuses_the_tick(db, data_dir):
    # Remounting read-only under an open database is refused by the kernel (mount busy), so the
    # connection is made read-only the way SQLite reports it for such a folder.
    sessions.tick(day(0), KEY, datetime(2026, 1, 1, 18, tzinfo=TZ))
    database.execute_sql("PRAGMA query_only = 1")
    with pytest.raises(StoreError, match="read-only"):
        sessions.tick(day(0), SetKey("glute-bridge", 2), datetime(2026, 1, 1, 18, tzinfo=TZ))
    assert sessions.load_day(day(0)).done == {KEY}
    close_database()
    assert check_database_file(database_path(data_dir)) is None


FILE_SIZE_LIMIT_SCRIPT = """
import json, resource, signal, sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from bandtracker.domain.prescription import SetKey
from bandtracker.store import sessions
from bandtracker.store.db import database_path, open_database
from bandtracker.store.errors import StoreError

data_dir = Path(sys.argv[1])
open_database(data_dir)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write instead of a killed process
limit = database_path(data_dir).stat().st_size + 64 * 1024
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
saved, failure = [], None
for n in range(5000):
    day = date(2026, 1, 1) + timedelta(days=n)
    try:
        sessions.tick(day, SetKey("glute-bridge", 1), datetime(2026, 1, 1, 18, tzinfo=timezone.utc))
    except StoreError as exc:
        failure = [n, str(exc)]
        break
    saved.append(n)
print(json.dumps({"saved": saved, "failure": failure}))
"""


def test_a_file_size_limit_works_like_a_full_disk_without_any_mount(data_dir):
    """The same promise where no tmpfs can be mounted: writes fail with EFBIG part-way."""
    import json
    import sys

    open_database(data_dir)
    close_database()
    result = subprocess.run(
        [sys.executable, "-c", FILE_SIZE_LIMIT_SCRIPT, str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    outcome = json.loads(result.stdout)
    assert outcome["failure"] is not None, "the limit was never reached"
    failed_day, message = outcome["failure"]
    assert message.startswith("Could not save the set: ")
    assert "Traceback" not in result.stderr
    assert check_database_file(database_path(data_dir)) is None
    assert open_checked(data_dir) is None
    assert all(sessions.load_day(day(n)).done == {KEY} for n in outcome["saved"])
    assert sessions.load_day(day(failed_day)).done == frozenset()
