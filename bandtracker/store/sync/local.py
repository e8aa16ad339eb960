"""What stays on this computer: its device id, the sync folder, and the last sync's status."""

from __future__ import annotations

import json
import os
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path

from bandtracker.i18n import Message
from bandtracker.store.errors import StoreError
from bandtracker.store.models import SyncLocal

FOLDER = "folder"
DEVICE = "device"
DEVICE_HOME = "device_home"
DEVICE_NAME = "device_name"
LAST_READ = "last_read"
LAST_WRITTEN = "last_written"
LAST_SUMMARY = "last_summary"
# Present only inside a merge's transaction: the removal triggers stand aside (schema 3).
APPLYING = "applying"


def get_local(key: str) -> str | None:
    row = SyncLocal.get_or_none(SyncLocal.key == key)
    return None if row is None else str(row.value)


def put_local(key: str, value: str | None) -> None:
    """Call inside write()."""
    if value is None:
        SyncLocal.delete().where(SyncLocal.key == key).execute()
    else:
        SyncLocal.insert(key=key, value=value).on_conflict_replace().execute()


def sync_folder() -> Path | None:
    value = get_local(FOLDER)
    return Path(value) if value else None


def _home(data_dir: Path) -> str:
    return json.dumps([socket.gethostname(), str(data_dir.resolve())])


def device_id(data_dir: Path) -> str:
    """This computer's id in the sync folder (call inside write()).

    A data folder copied to another computer (or another folder) must not write into the same
    files as the original: a new place gets a new id.
    """
    known, home = get_local(DEVICE), get_local(DEVICE_HOME)
    if known and home == _home(data_dir):
        return known
    new = uuid.uuid4().hex[:16]
    put_local(DEVICE, new)
    put_local(DEVICE_HOME, _home(data_dir))
    return new


def device_name() -> str:
    """The name other computers show for this one ("3 sets from 'laptop'")."""
    return get_local(DEVICE_NAME) or socket.gethostname() or "?"


def check_folder(folder: Path, data_dir: Path) -> Path:
    """The folder, absolute, if sync may use it; a StoreError saying why not otherwise."""
    folder = folder.expanduser()
    chosen, data = folder.resolve(), data_dir.expanduser().resolve()
    if chosen == data or chosen.is_relative_to(data):
        raise StoreError(
            Message(
                "The sync folder {folder} is inside Band Tracker's data folder. Choose a folder "
                "that a sync tool carries, outside {data}.",
                folder=str(folder),
                data=str(data),
            )
        )
    if data.is_relative_to(chosen):
        raise StoreError(
            Message(
                "The sync folder {folder} holds Band Tracker's data folder {data}, and the live "
                "database must never be synced. Choose a folder outside it.",
                folder=str(folder),
                data=str(data),
            )
        )
    if not chosen.is_dir():
        raise StoreError(Message("The sync folder {folder} does not exist.", folder=str(folder)))
    if not os.access(chosen, os.W_OK):
        raise StoreError(Message("The sync folder {folder} is not writable.", folder=str(folder)))
    return chosen


@dataclass(frozen=True)
class SyncStatus:
    folder: Path | None
    last_read: str | None
    last_written: str | None
    summary: str | None


def sync_status() -> SyncStatus:
    return SyncStatus(
        sync_folder(), get_local(LAST_READ), get_local(LAST_WRITTEN), get_local(LAST_SUMMARY)
    )


def set_folder(folder: Path | None, data_dir: Path) -> Path | None:
    """Turn sync on with `folder` (checked first) or off with None; call inside write()."""
    chosen = None if folder is None else check_folder(folder, data_dir)
    put_local(FOLDER, None if chosen is None else str(chosen))
    return chosen
