"""The sync folder's files: bandtracker-sync/<device>/device.json and days/<day>.json.

Each computer writes only under its own device id, each file whole (a temporary name, then a
rename). Every file holds the latest change this computer knows of (its own and those it merged)
to each set and field it covers, with its clock stamp, so any one file is enough to catch up.
Only names this format writes are read: a sync tool's partial files (.syncthing.*.tmp,
Nextcloud's .~ names, Dropbox's), conflict copies and our own temporary files never match.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bandtracker.domain.bands import MAX_BAND_NAME
from bandtracker.domain.sync import FieldId, FieldState, Replica, SetId, SetState, is_stamp
from bandtracker.i18n import Message
from bandtracker.store.errors import explain
from bandtracker.store.files import fsync_directory
from bandtracker.store.sync.stamps import canonical

ROOT = "bandtracker-sync"
DEVICE_FILE = "device.json"
DAYS = "days"
FORMAT = 1
DAY_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})\.json$")
DEVICE_NAME = re.compile(r"^[0-9a-f]{16}$")
# One day's file is tens of sets; anything far larger is not ours.
MAX_FILE_BYTES = 4 * 1024 * 1024

SIDES = frozenset({"", "left", "right"})
# A planned exercise of a day: (exercise, position, sets, reps, band name).
PlanRow = tuple[str, int, int, int, str]


@dataclass
class DeviceData:
    """What one other computer's files say."""

    device: str
    name: str
    replica: Replica
    plans: dict[date, list[PlanRow]] = field(default_factory=dict)
    # Whether any of its files was new or changed since the reader's last read.
    fresh: bool = True


class BadFile(Exception):
    """A file that is not whole, not ours, or from a newer version: skipped, named."""


class NewerFile(BadFile):
    """A file of a format this version does not know."""


def device_folder(folder: Path, device: str) -> Path:
    return folder / ROOT / device


def _dump(data: dict[str, Any]) -> bytes:
    return (
        json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
    ).encode()


def render(
    device: str,
    name: str,
    replica: Replica,
    plans: dict[date, list[PlanRow]],
    only: set[date] | None = None,
) -> dict[str, bytes]:
    """The files this computer writes, by path under its device folder (device.json and the
    days in `only`, or every day)."""
    days: dict[date, dict[str, Any]] = defaultdict(
        lambda: {"format": FORMAT, "sets": [], "fields": {}}
    )
    for (day, exercise, number, side), s in replica.sets.items():
        if only is not None and day not in only:
            continue
        row: list[Any] = [exercise, number, side, s.stamp, s.ticked]
        if s.ticked:
            row += [s.reps, s.band, s.completed_at]
        days[day]["sets"].append(row)
    settings: dict[str, Any] = {}
    bands: dict[str, dict[str, Any]] = defaultdict(dict)
    for (entity, fname), f in replica.fields.items():
        kind, _, what = entity.partition(":")
        pair = [json.loads(f.value), f.stamp]
        if kind == "session":
            day = date.fromisoformat(what)
            if only is None or day in only:
                days[day]["fields"][fname] = pair
        elif kind == "setting":
            settings[what] = pair
        elif kind == "band":
            bands[what][fname] = pair
    files = {
        DEVICE_FILE: _dump(
            {"format": FORMAT, "device": device, "name": name, "settings": settings, "bands": bands}
        )
    }
    for day, content in days.items():
        content["sets"].sort()
        content["day"] = day.isoformat()
        content["plan"] = [list(p) for p in plans.get(day, [])]
        files[f"{DAYS}/{day.isoformat()}.json"] = _dump(content)
    return files


def write_files(
    folder: Path, device: str, files: dict[str, bytes], cache: dict[Path, bytes]
) -> int:
    """Write the files that differ from what is there (each whole); how many were written."""
    base = device_folder(folder, device)
    written = 0
    touched: set[Path] = set()
    for relative, content in sorted(files.items()):
        path = base / relative
        if cache.get(path) == content:
            continue
        try:
            if path.read_bytes() == content:
                cache[path] = content
                continue
        except OSError:
            pass
        _write_whole(path, content)
        cache[path] = content
        touched.add(path.parent)
        written += 1
    for parent in touched:
        try:
            fsync_directory(parent)
        except OSError as exc:
            raise explain(
                exc, Message("write to the sync folder {folder}", folder=str(folder))
            ) from exc
    return written


def _write_whole(path: Path, content: bytes) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise explain(exc, Message("write {file}", file=str(path))) from exc
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise BadFile(
            Message("it could not be read ({error})", error=exc.strerror or str(exc))
        ) from exc
    if len(raw) > MAX_FILE_BYTES:
        raise BadFile(Message("it is far too large to be a sync file"))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadFile(Message("it is damaged or not a sync file")) from exc
    if not isinstance(data, dict):
        raise BadFile(Message("it is damaged or not a sync file"))
    version = data.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT:
        raise NewerFile(
            Message(
                "it was written by a newer version of Band Tracker (format {found}; this "
                "version reads {known}); update Band Tracker on this computer",
                found=version,
                known=FORMAT,
            )
        )
    if version != FORMAT:
        raise BadFile(Message("it is damaged or not a sync file"))
    return data


def _need(ok: bool) -> None:
    if not ok:
        raise BadFile(Message("it is damaged or not a sync file"))


def _text(value: Any, limit: int = 10_000) -> str:
    _need(isinstance(value, str) and len(value) <= limit)
    return str(value)


def _whole(value: Any, low: int = 0, high: int = 10**9) -> int:
    _need(isinstance(value, int) and not isinstance(value, bool) and low <= value <= high)
    return int(value)


def _stamp(value: Any) -> str:
    _need(type(value) is str and is_stamp(value))
    return str(value)


def _field(pair: Any) -> FieldState:
    _need(isinstance(pair, list) and len(pair) == 2)
    return FieldState(canonical(pair[0]), _stamp(pair[1]))


def _moment(value: Any) -> str:
    """An ISO 8601 moment with its UTC offset, as the database keeps them."""
    try:
        parsed = datetime.fromisoformat(_text(value, 40))
    except ValueError as exc:
        raise BadFile(Message("it is damaged or not a sync file")) from exc
    _need(parsed.tzinfo is not None)
    return str(value)


def parse_day(
    data: dict[str, Any], day: date
) -> tuple[dict[SetId, SetState], dict[FieldId, FieldState], list[PlanRow]]:
    _need(data.get("day") == day.isoformat())
    sets: dict[SetId, SetState] = {}
    rows = data.get("sets", [])
    _need(isinstance(rows, list))
    for row in rows:
        # Checked inline: a day file has tens of rows and ten years thousands of files.
        _need(type(row) is list and len(row) in (5, 8))
        exercise, number, side, stamp, done = row[:5]
        _need(
            type(exercise) is str
            and len(exercise) <= 100
            and type(number) is int
            and 1 <= number <= 1000
            and side in SIDES
            and type(done) is bool
        )
        if done:
            _need(len(row) == 8)
            reps, band, moment = row[5:]
            _need(type(reps) is int and 1 <= reps <= 10_000 and type(band) is str)
            _need(len(band) <= 100)
            state = SetState(True, _stamp(stamp), reps, band, _moment(moment))
        else:
            state = SetState(False, _stamp(stamp))
        sets[(day, exercise, number, side)] = state
    fields_raw = data.get("fields", {})
    _need(isinstance(fields_raw, dict))
    fields = {}
    for name, pair in fields_raw.items():
        _need(isinstance(pair, list) and len(pair) == 2 and name in SESSION_CHECKS)
        value = pair[0]
        if name in ("started_at", "finished_at") and value is not None:
            _moment(value)  # a time the database could not read back is refused
        else:
            _need(SESSION_CHECKS[name](value))
        fields[(f"session:{day.isoformat()}", name)] = _field(pair)
    plan_raw = data.get("plan", [])
    _need(isinstance(plan_raw, list))
    plan: list[PlanRow] = []
    for p in plan_raw:
        _need(isinstance(p, list) and len(p) == 5)
        plan.append(
            (
                _text(p[0], 100),
                _whole(p[1], 0, 1000),
                _whole(p[2], 1, 1000),
                _whole(p[3], 1, 10_000),
                _text(p[4], 100),
            )
        )
    return sets, fields, plan


def parse_device(data: dict[str, Any], device: str) -> tuple[str, dict[FieldId, FieldState]]:
    _need(data.get("device") == device)
    name = _text(data.get("name", "?"), 200)
    fields: dict[FieldId, FieldState] = {}
    settings = data.get("settings", {})
    bands = data.get("bands", {})
    _need(isinstance(settings, dict) and isinstance(bands, dict))
    for key, pair in settings.items():
        fields[(f"setting:{_text(key, 100)}", "")] = _field(pair)
    for band, props in bands.items():
        _need(
            isinstance(props, dict) and 0 < len(_text(band, MAX_BAND_NAME)) and band == band.strip()
        )
        for fname, pair in props.items():
            _need(isinstance(pair, list) and len(pair) == 2 and fname in BAND_CHECKS)
            _need(BAND_CHECKS[fname](pair[0]))
            fields[(f"band:{band}", fname)] = _field(pair)
    return name, fields


COLOUR = re.compile(r"#[0-9a-fA-F]{6}")  # as Preferences accepts them
SESSION_CHECKS: dict[str, Callable[[Any], bool]] = {
    "exists": lambda v: type(v) is bool,
    "note": lambda v: type(v) is str and len(v) <= 100_000,
    "started_at": lambda v: v is None,  # or a moment, checked apart
    "finished_at": lambda v: v is None,
}
# What a band's synced properties may hold: the database and the screens rely on these.
BAND_CHECKS: dict[str, Callable[[Any], bool]] = {
    "colour": lambda v: type(v) is str and COLOUR.fullmatch(v) is not None,
    "position": lambda v: type(v) is int and 0 <= v <= 10_000,
    "note": lambda v: type(v) is str and len(v) <= 200,
    "hidden": lambda v: type(v) is bool,
}


@dataclass
class Reader:
    """Reads the computers' files, parsing only those changed since its last read."""

    # Each file's (mtime, size, inode: a sync tool renames a new copy in) when last parsed,
    # and what it gave: a result or the refusal.
    cache: dict[Path, tuple[tuple[int, int, int], Any, BadFile | None]] = field(
        default_factory=dict
    )
    devices: dict[Path, tuple[tuple[str, ...], DeviceData]] = field(default_factory=dict)
    parsed: int = 0

    def _parsed(self, path: Path, mark: tuple[int, int, int], parse: Any) -> Any:
        known = self.cache.get(path)
        if known is None or known[0] != mark:
            self.parsed += 1
            try:
                known = (mark, parse(_read_json(path)), None)
            except BadFile as exc:
                known = (mark, None, exc)
            except (OSError, ValueError) as exc:
                known = (mark, None, BadFile(Message("it could not be read")))
                known[2].__cause__ = exc
            self.cache[path] = known
        if known[2] is not None:
            raise known[2]
        return known[1]

    def read(self, folder: Path) -> tuple[list[DeviceData], list[Message]]:
        """Every computer's data, and a message for each file skipped.

        This computer's own files are read too: they hold nothing newer than its database,
        except after a restore from an older backup, when they give back what it had since.
        """
        found: list[DeviceData] = []
        skipped: list[Message] = []
        try:
            devices = sorted(p for p in (folder / ROOT).iterdir() if DEVICE_NAME.match(p.name))
        except FileNotFoundError:
            return found, skipped
        except OSError as exc:
            raise explain(
                exc, Message("read the sync folder {folder}", folder=str(folder))
            ) from exc
        for base in devices:
            data = self._device(base, skipped)
            if data is not None:
                found.append(data)
        return found, skipped

    def _device(self, base: Path, skipped: list[Message]) -> DeviceData | None:
        before = self.parsed
        device_path = base / DEVICE_FILE
        try:
            info = device_path.stat()
            name, fields = self._parsed(
                device_path,
                (info.st_mtime_ns, info.st_size, info.st_ino),
                lambda d: parse_device(d, base.name),
            )
        except FileNotFoundError:
            return None  # a computer whose first files are still arriving (or not a folder)
        except (BadFile, OSError) as exc:
            skipped.append(_skipped(device_path, exc))
            if isinstance(exc, NewerFile):
                return None  # nothing of a newer format is read, so nothing is half-applied
            name, fields = base.name, {}
        days: list[tuple[str, date, tuple[int, int, int]]] = []
        try:
            with os.scandir(base / DAYS) as entries:
                for entry in entries:
                    match = DAY_NAME.match(entry.name)
                    if match is None or not entry.is_file():
                        continue
                    try:
                        day = date.fromisoformat(match.group(1))
                    except ValueError:
                        continue
                    info = entry.stat()
                    days.append((entry.name, day, (info.st_mtime_ns, info.st_size, info.st_ino)))
        except OSError:
            pass  # no days yet
        days.sort()
        parts = []
        for file_name, day, mark in days:
            path = base / DAYS / file_name
            try:
                parts.append((day, self._parsed(path, mark, lambda d, day=day: parse_day(d, day))))
            except BadFile as exc:
                skipped.append(_skipped(path, exc))
        names = tuple(n for n, _, _ in days)
        last = self.devices.get(base)
        if last is not None and last[0] == names and self.parsed == before:
            return dataclasses.replace(last[1], fresh=False)  # not a file changed
        sets: dict[SetId, SetState] = {}
        all_fields = dict(fields)
        plans: dict[date, list[PlanRow]] = {}
        for day, (day_sets, day_fields, plan) in parts:
            sets.update(day_sets)
            all_fields.update(day_fields)
            plans[day] = plan
        data = DeviceData(base.name, name, Replica(sets, all_fields), plans, True)
        self.devices[base] = (names, data)
        return data


def _skipped(path: Path, exc: BaseException) -> Message:
    reason = exc.args[0] if isinstance(exc, BadFile) else Message("it could not be read")
    return Message("Skipped the sync file {file}: {reason}.", file=str(path), reason=reason)
