"""One writer per data folder: an operating-system file lock, released when its process ends."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from bandtracker.i18n import Message
from bandtracker.store.errors import ReadOnlyFolderError, StoreError, explain
from bandtracker.store.files import PRIVATE_FILE, make_private, make_private_dir

LOCK_FILENAME = "bandtracker.lock"
# A symlink planted where the lock file goes must not make us open (and lock) another file.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

# sys.platform, not os.name: the type checker follows it and skips the other branch.
if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class FolderInUseError(StoreError):
    """Another Band Tracker (window or command) has this data folder open."""

    def __init__(self, data_dir: Path, pid: str) -> None:
        if pid:
            text = Message(
                "Another Band Tracker (process {pid}) has the data folder {folder} open. "
                "Close it first, or switch to its window.",
                pid=pid,
                folder=str(data_dir),
            )
        else:
            text = Message(
                "Another Band Tracker has the data folder {folder} open. "
                "Close it first, or switch to its window.",
                folder=str(data_dir),
            )
        super().__init__(text)
        self.data_dir = data_dir
        self.pid = pid


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_FILENAME


# The operating system drops the lock when its holder dies, so a killed process never leaves a
# stale lock behind; the pid in the file is only there to name the holder in the message.
_held: dict[Path, int] = {}


def lock_data_folder(data_dir: Path) -> None:
    """Take the folder's lock or raise FolderInUseError; taking it again here is a no-op."""
    key = data_dir.absolute()
    if key in _held:
        return
    try:
        make_private_dir(data_dir)
        # Never a read-only descriptor, and never one another user could open: a lock file
        # anyone can read is a lock anyone can take, locking its owner out.
        fd = os.open(lock_path(data_dir), os.O_RDWR | os.O_CREAT | _NOFOLLOW, PRIVATE_FILE)
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) and data_dir.is_dir():
            raise ReadOnlyFolderError(data_dir) from exc
        raise explain(exc, Message("open the data folder {folder}", folder=str(data_dir))) from exc
    make_private(lock_path(data_dir))
    if not _try_lock(fd):
        try:
            pid = os.read(fd, 32).decode("ascii", "replace").strip()
        except OSError:
            pid = ""
        os.close(fd)
        raise FolderInUseError(data_dir, pid)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
    except OSError:
        pass  # A read-only folder still gets its lock; the pid is only informative.
    _held[key] = fd


def unlock_data_folder(data_dir: Path) -> None:
    fd = _held.pop(data_dir.absolute(), None)
    if fd is None:
        return
    try:
        _unlock(fd)
    finally:
        os.close(fd)


def holds_lock(data_dir: Path) -> bool:
    return data_dir.absolute() in _held
