"""Writing a user's file in one piece: a temporary file beside it, flushed, then renamed over it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

from bandtracker.i18n import Message
from bandtracker.store.errors import explain

T = TypeVar("T")

# What Band Tracker writes is the user's alone: another local user may not read or lock it.
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def make_private_dir(folder: Path) -> None:
    """Create `folder` (and missing parents) readable by its owner only."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)


def make_private(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Take group and other permissions off a file or folder we made; others' are left alone."""
    if os.name != "posix":
        return
    try:
        info = os.lstat(path)
        if info.st_uid == os.getuid() and info.st_mode & 0o077 and not os.path.islink(path):
            os.chmod(path, mode)
    except OSError:
        pass  # Gone meanwhile, or a read-only disk: nothing to tighten there.


def create_private_file(path: Path) -> None:
    """Create `path` empty with owner-only permissions, before SQLite opens it (its -wal and
    -shm files then get the same permissions)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.close(fd)


def fsync_directory(folder: Path) -> None:
    """Make a rename in `folder` durable: POSIX keeps directory entries in the folder's own data."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_text_atomically(path: Path, produce: Callable[[TextIO], T]) -> T:
    """Call `produce` on a temporary file and move it over `path` only once it is whole on disk.

    A failure (full disk, no permission) leaves any earlier file at `path` as it was.
    """
    path = path.expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            result = produce(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
        fsync_directory(folder)
    except OSError as exc:
        raise explain(exc, Message("write {file}", file=str(path))) from exc
    finally:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)
    return result
