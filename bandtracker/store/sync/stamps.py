"""Giving local changes their clock stamps, and this computer's history as a sync replica."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from json.encoder import encode_basestring
from typing import Any

from bandtracker.domain.bands import DEFAULT_BANDS
from bandtracker.domain.sync import FieldId, FieldState, Hlc, Replica, SetId, SetState, next_stamp
from bandtracker.store.db import database
from bandtracker.store.migrations import first_settings

SESSION_FIELDS = ("exists", "note", "started_at", "finished_at")
BAND_FIELDS = ("colour", "position", "note", "hidden")
NULL = "null"
# How this computer's desktop behaves is its own business: not carried to the others.
LOCAL_SETTINGS = frozenset({"close_to_tray", "colour_scheme"})

# The clock of the database open in this process: (connection, latest stamp issued or seen).
_clock: tuple[object, Hlc | None] = (None, None)


def canonical(value: Any) -> str:
    """One text per JSON value, so that equal values compare equal on every computer."""
    if value is None:
        return "null"
    if type(value) is str:
        return encode_basestring(value)  # what json.dumps gives a str, without its overhead
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def to_ms(moment: str) -> int:
    parsed = datetime.fromisoformat(moment)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return int(parsed.timestamp() * 1000)


def now_ms() -> int:
    return int(datetime.now(timezone.utc).timestamp() * 1000)


def _decode(text: str) -> Hlc | None:
    try:
        return Hlc.decode(text)
    except ValueError:
        return None


def clock_now() -> Hlc | None:
    """The latest stamp this database has issued or taken in (read once per open database)."""
    global _clock
    if _clock[0] is not database.obj:
        latest = None
        for table in ("completed_set", "set_tombstone", "sync_field"):
            (text,) = database.execute_sql(f"SELECT max(hlc) FROM {table}").fetchone()
            stamp = _decode(text) if text else None
            if stamp is not None and (latest is None or stamp > latest):
                latest = stamp
        _clock = (database.obj, latest)
    return _clock[1]


def observe(stamp: Hlc | None) -> None:
    global _clock
    last = clock_now()
    if stamp is not None and (last is None or stamp > last):
        _clock = (database.obj, stamp)


def issue(physical_ms: int, device: str) -> Hlc:
    global _clock
    stamp = next_stamp(clock_now(), physical_ms, device)
    _clock = (database.obj, stamp)
    return stamp


def current_fields() -> dict[FieldId, str]:
    """Every synced field's value now, as canonical JSON."""
    fields: dict[FieldId, str] = {}
    for day, note, started, finished in database.execute_sql(
        "SELECT day, note, started_at, finished_at FROM session"
    ):
        entity = f"session:{day}"
        fields[(entity, "exists")] = "true"
        fields[(entity, "note")] = canonical(note)
        fields[(entity, "started_at")] = canonical(started)
        fields[(entity, "finished_at")] = canonical(finished)
    for key, value in database.execute_sql("SELECT key, value FROM setting"):
        if key in LOCAL_SETTINGS:
            continue
        try:
            fields[(f"setting:{key}", "")] = canonical(json.loads(value))
        except ValueError:
            continue  # nonsense typed into the file by hand is "not set" (store.settings)
    for name, colour, position, note, hidden in database.execute_sql(
        "SELECT name, colour, position, note, hidden FROM band"
    ):
        entity = f"band:{name}"
        fields[(entity, "colour")] = canonical(colour)
        fields[(entity, "position")] = canonical(position)
        fields[(entity, "note")] = canonical(note)
        fields[(entity, "hidden")] = canonical(bool(hidden))
    return fields


_DEFAULT_FIELDS = {(f"setting:{k}", ""): canonical(v) for k, v in first_settings().items()} | {
    (f"band:{b.name}", f): canonical(v)
    for i, b in enumerate(DEFAULT_BANDS)
    for f, v in (("colour", b.colour), ("position", i), ("note", b.note), ("hidden", False))
}


def _first_stamp(key: FieldId, value: str, device: str, started: dict[str, int]) -> Hlc:
    """The stamp of a value seen for the first time (before sync was on, or a fresh file).

    It is as old as can be told: a session's field dates from the session; a setting or band
    still at its first-start default loses to any choice made anywhere, and a choice made
    before sync was on loses to any made since.
    """
    entity, _ = key
    if entity.startswith("session:"):
        return Hlc(started.get(entity, 0), 0, device)
    return Hlc(0 if _DEFAULT_FIELDS.get(key) == value else 1, 0, device)


def stamp_pending(device: str, at_ms: int | None = None) -> set[date]:
    """Stamp every local change the sync has not seen yet (call inside write()); their days.

    Ticks and removals are stamped in the order they were made, from their own moments; a field
    that differs from the value last synced is stamped now.
    """
    at_ms = now_ms() if at_ms is None else at_ms
    events: list[tuple[int, int, str, int]] = []
    pending_removals = {
        tuple(r[1:5]): (to_ms(r[5]), r[0])
        for r in database.execute_sql(
            "SELECT id, day, exercise, set_number, side, deleted_at FROM set_tombstone"
            " WHERE hlc = ''"
        )
    }
    days = {date.fromisoformat(key[0]) for key in pending_removals}
    for ms, row_id in pending_removals.values():
        events.append((ms, 0, "set_tombstone", row_id))
    for row_id, day, exercise, number, side, done in database.execute_sql(
        "SELECT c.id, s.day, c.exercise, c.set_number, c.side, c.completed_at"
        " FROM completed_set c JOIN session s ON s.id = c.session_id WHERE c.hlc = ''"
    ):
        ms = to_ms(done)
        days.add(date.fromisoformat(day))
        removed = pending_removals.get((day, exercise, number, side))
        # The set is ticked now, so its tick came after the removal (completed_at keeps
        # whole seconds only).
        events.append((max(ms, removed[0]) if removed else ms, 1, "completed_set", row_id))
    events.sort()
    updates: dict[str, list[tuple[str, int]]] = {"completed_set": [], "set_tombstone": []}
    for ms, _, table, row_id in events:
        updates[table].append((issue(ms, device).encode(), row_id))
    cursor = database.cursor()
    for table, rows in updates.items():
        cursor.executemany(f"UPDATE {table} SET hlc = ? WHERE id = ?", rows)
    shadow = {
        (e, f): v for e, f, v in database.execute_sql("SELECT entity, field, value FROM sync_field")
    }
    current = current_fields()
    for (entity, fname), value in shadow.items():
        if (entity, fname) in current:
            continue
        if fname == "exists" and value == "true":
            current[(entity, fname)] = "false"  # the session was deleted
        elif entity.startswith("setting:") and value != NULL:
            current[(entity, fname)] = NULL  # the setting was cleared
    started = {
        f"session:{day}": to_ms(at)
        for day, at in database.execute_sql(
            "SELECT day, started_at FROM session WHERE started_at IS NOT NULL"
        )
    }
    changed: list[tuple[str, str, str, str]] = []
    for key, value in sorted(current.items()):
        known = shadow.get(key)
        if known == value:
            continue
        stamp = _first_stamp(key, value, device, started) if known is None else issue(at_ms, device)
        changed.append((key[0], key[1], value, stamp.encode()))
        if key[0].startswith("session:"):
            days.add(date.fromisoformat(key[0].partition(":")[2]))
    cursor.executemany(
        "INSERT INTO sync_field (entity, field, value, hlc) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (entity, field) DO UPDATE SET value = excluded.value, hlc = excluded.hlc",
        changed,
    )
    return days


def local_replica(known: Replica | None = None, days: set[date] | None = None) -> Replica:
    """This computer's history as the latest change per set and per field (all stamped).

    With `known` (what the database held after the last sync) and `days` (those changed here
    since), only those days are read again, with the settings and bands.
    """
    if known is None or days is None:
        return Replica(_sets({}, None), _fields(None, None))
    if not days:
        # Replicas are never changed in place: the sets are shared.
        return Replica(known.sets, _fields(known, days))
    kept = {k: v for k, v in known.sets.items() if k[0] not in days}
    return Replica(_sets(kept, days), _fields(known, days))


def _sets(sets: dict[SetId, SetState], days: set[date] | None) -> dict[SetId, SetState]:
    """`sets` with the latest change to each set of `days` (of every day: None) added."""
    params: tuple[str, ...]
    where, params = "", ()
    if days is not None:
        params = tuple(d.isoformat() for d in days)
        where = f" AND day IN ({', '.join('?' * len(params))})"
    # Stamps in the file were written by the sync itself: taken as they are (text order is
    # stamp order); days are parsed once each.
    parsed: dict[str, date] = {}
    for day, exercise, number, side, hlc in database.execute_sql(
        f"SELECT day, exercise, set_number, side, hlc FROM set_tombstone WHERE hlc != ''{where}",
        params,
    ):
        when = parsed.get(day) or parsed.setdefault(day, date.fromisoformat(day))
        sets[(when, exercise, number, side)] = SetState(False, hlc)
    for day, exercise, number, side, reps, band, done, hlc in database.execute_sql(
        "SELECT s.day, c.exercise, c.set_number, c.side, c.reps, b.name, c.completed_at, c.hlc"
        " FROM completed_set c JOIN session s ON s.id = c.session_id"
        f" JOIN band b ON b.id = c.band_id WHERE c.hlc != ''{where.replace('day', 's.day')}",
        params,
    ):
        when = parsed.get(day) or parsed.setdefault(day, date.fromisoformat(day))
        key = (when, exercise, number, side)
        removed = sets.get(key)
        if removed is None or hlc > removed.stamp:
            sets[key] = SetState(True, hlc, reps, band, done)
    return sets


def _fields(known: Replica | None, days: set[date] | None) -> dict[FieldId, FieldState]:
    """Every synced field's last value and stamp; with `known`, sessions other than `days`'
    are taken from it and only settings, bands and those days are read."""
    params: tuple[str, ...] = ()
    if known is None or days is None:
        fields: dict[FieldId, FieldState] = {}
        query = "SELECT entity, field, value, hlc FROM sync_field"
    else:
        entities = {f"session:{d.isoformat()}" for d in days}
        fields = {
            k: v
            for k, v in known.fields.items()
            if k[0].startswith("session:") and k[0] not in entities
        }
        params = tuple(entities)
        query = (
            "SELECT entity, field, value, hlc FROM sync_field"
            f" WHERE entity NOT LIKE 'session:%' OR entity IN ({', '.join('?' * len(params))})"
        )
    for entity, fname, value, hlc in database.execute_sql(query, params):
        fields[(entity, fname)] = FieldState(value, hlc)
    return fields
