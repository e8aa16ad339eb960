"""What Band Tracker writes is its owner's alone: no other local user reads it or takes its lock."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bandtracker.store.db import close_database, database_path, open_database
from bandtracker.store.lock import LOCK_FILENAME, lock_data_folder, unlock_data_folder
from bandtracker.store.safety.backup import restore_backup, take_backup
from tests.store.damage import record_history


def modes(folder: Path) -> dict[str, int]:
    return {
        str(p.relative_to(folder)): stat.S_IMODE(p.stat().st_mode)
        for p in [folder, *folder.rglob("*")]
    }


def test_the_folder_and_every_file_in_it_are_private(data_dir):
    open_database(data_dir)
    record_history(2)
    info = take_backup(data_dir)
    restore_backup(data_dir, info.path)  # a file kept aside, too
    found = modes(data_dir)
    close_database()
    assert {"bandtracker.db", "bandtracker.db-wal", "bandtracker.lock", "backups"} <= set(found)
    for name, mode in found.items():
        assert mode & 0o077 == 0, f"{name} is {mode:o}"


def test_what_an_older_version_left_readable_is_tightened_at_the_next_start(data_dir):
    open_database(data_dir)
    take_backup(data_dir)
    close_database()
    (data_dir / "window.ini").write_text("[geometry]\n")
    for path in [data_dir, *data_dir.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    open_database(data_dir)
    close_database()
    for name, mode in modes(data_dir).items():
        assert mode & 0o077 == 0, f"{name} is {mode:o}"


def test_a_shared_folder_given_with_data_dir_keeps_its_own_permissions(data_dir):
    data_dir.mkdir(mode=0o755)
    (data_dir / "holiday.jpg").write_bytes(b"")
    data_dir.chmod(0o755)
    open_database(data_dir)
    close_database()
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o755  # not ours to close
    assert stat.S_IMODE(database_path(data_dir).stat().st_mode) == 0o600


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder other users can reach (pytest's own tmp is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="bt-perm-", dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def as_nobody(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["runuser", "-u", "nobody", "--", *argv], capture_output=True, text=True, check=False
    )


needs_root = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("runuser") is None,
    reason="running a command as another user needs root and runuser",
)


@needs_root
def test_another_user_can_neither_read_the_data_nor_lock_the_owner_out(shared_tmp):
    data_dir = shared_tmp / "data"
    open_database(data_dir)
    record_history(2)
    take_backup(data_dir)
    close_database()
    read = as_nobody("cat", str(database_path(data_dir)))
    assert read.returncode != 0 and "Permission denied" in read.stderr
    read = as_nobody("ls", str(data_dir / "backups"))
    assert read.returncode != 0
    script = (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(data_dir / LOCK_FILENAME)!r}, os.O_RDONLY)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
        "print('locked', flush=True)\n"
    )
    took = as_nobody("python3", "-c", script)
    assert "locked" not in took.stdout
    lock_data_folder(data_dir)  # the owner still gets in
    unlock_data_folder(data_dir)
