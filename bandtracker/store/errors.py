"""Errors the user can act on, with text written to be shown to them as it is."""

from __future__ import annotations

import errno
import sqlite3

import peewee


class StoreError(Exception):
    """An expected failure (full disk, read-only folder, damaged file, bad input).

    str() of it is written for the user and shown as it is.
    """


class NewerDatabaseError(StoreError):
    """The database was written by a newer Band Tracker; opening it could damage it."""


def _disk_full(action: str) -> StoreError:
    return StoreError(f"Could not {action}: the disk is full. Free some space and try again.")


def explain(exc: BaseException, action: str) -> StoreError:
    """Turn a low-level failure into a sentence a user can act on; `action` says what was tried."""
    text = str(exc).lower()
    if isinstance(exc, UnicodeDecodeError):
        text = "malformed"  # only a damaged file makes SQLite hand back bytes that are not text
        exc = sqlite3.DatabaseError(text)
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return _disk_full(action)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return StoreError(
                f"Could not {action}: {exc.filename or 'the folder'} cannot be written to. "
                "Check its permissions."
            )
        return StoreError(f"Could not {action}: {exc.strerror or exc}.")
    if isinstance(exc, (peewee.PeeweeException, sqlite3.Error)):
        if "disk is full" in text or "disk full" in text:
            return _disk_full(action)
        if "readonly" in text or "read-only" in text:
            return StoreError(
                f"Could not {action}: the data folder is read-only. "
                "Check its permissions or free the disk."
            )
        if "locked" in text or "busy" in text:
            return StoreError(
                f"Could not {action}: the database is busy (another Band Tracker may be using it). "
                "Try again in a moment."
            )
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            return StoreError(
                f"Could not {action}: the database file is damaged. "
                "Restore a backup or move the file aside."
            )
        if "unable to open" in text:
            return StoreError(f"Could not {action}: the database file cannot be opened.")
        if "disk i/o" in text:
            return StoreError(
                f"Could not {action}: the disk reported an error while writing. "
                "Check that it has free space and is still connected, then try again."
            )
    return StoreError(f"Could not {action}: {exc}")
