"""Errors the user can act on, with text written to be shown to them as it is."""

from __future__ import annotations

import errno
import sqlite3

import peewee

from bandtracker.i18n import Message, as_message


class StoreError(Exception):
    """An expected failure (full disk, read-only folder, damaged file, bad input).

    str() of it is written for the user and shown as it is: English. Raised with a Message, the
    UI shows it in the user's language (bandtracker.texts.error_text).
    """

    @property
    def message(self) -> str:
        """The text as raised: a Message where it can be translated."""
        return self.args[0] if self.args else ""


class NewerDatabaseError(StoreError):
    """The database was written by a newer Band Tracker; opening it could damage it."""


def _disk_full(action: Message) -> StoreError:
    return StoreError(
        Message(
            "Could not {action}: the disk is full. Free some space and try again.", action=action
        )
    )


def explain(exc: BaseException, action: str) -> StoreError:
    """Turn a low-level failure into a sentence a user can act on; `action` says what was tried.

    `action` is our own words ("save the set", or a Message with the file name filled in).
    """
    action = as_message(action)
    text = str(exc).lower()
    if isinstance(exc, UnicodeDecodeError):
        text = "malformed"  # only a damaged file makes SQLite hand back bytes that are not text
        exc = sqlite3.DatabaseError(text)
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return _disk_full(action)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            if exc.filename:
                return StoreError(
                    Message(
                        "Could not {action}: {file} cannot be written to. Check its permissions.",
                        action=action,
                        file=str(exc.filename),
                    )
                )
            return StoreError(
                Message(
                    "Could not {action}: the folder cannot be written to. Check its permissions.",
                    action=action,
                )
            )
        return StoreError(
            Message("Could not {action}: {reason}.", action=action, reason=exc.strerror or str(exc))
        )
    if isinstance(exc, (peewee.PeeweeException, sqlite3.Error)):
        if "disk is full" in text or "disk full" in text:
            return _disk_full(action)
        if "readonly" in text or "read-only" in text:
            return StoreError(
                Message(
                    "Could not {action}: the data folder is read-only. "
                    "Check its permissions or free the disk.",
                    action=action,
                )
            )
        if "locked" in text or "busy" in text:
            return StoreError(
                Message(
                    "Could not {action}: the database is busy "
                    "(another Band Tracker may be using it). Try again in a moment.",
                    action=action,
                )
            )
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            return StoreError(
                Message(
                    "Could not {action}: the database file is damaged. "
                    "Restore a backup or move the file aside.",
                    action=action,
                )
            )
        if "unable to open" in text:
            return StoreError(
                Message("Could not {action}: the database file cannot be opened.", action=action)
            )
        if "disk i/o" in text:
            return StoreError(
                Message(
                    "Could not {action}: the disk reported an error while writing. "
                    "Check that it has free space and is still connected, then try again.",
                    action=action,
                )
            )
    return StoreError(Message("Could not {action}: {reason}", action=action, reason=str(exc)))
