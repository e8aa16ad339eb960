"""One sync: stamp local changes, merge the others' files in one transaction, write ours."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from bandtracker.domain.sync import FieldState, Replica, changes, latest_stamp, merge
from bandtracker.i18n import N_, Message, joined
from bandtracker.store.db import database, write
from bandtracker.store.errors import StoreError
from bandtracker.store.sessions import current_plan
from bandtracker.store.settings import put_setting
from bandtracker.store.sync import local
from bandtracker.store.sync.folder import DeviceData, PlanRow, Reader, render, write_files
from bandtracker.store.sync.stamps import (
    LOCAL_SETTINGS,
    NULL,
    local_replica,
    observe,
    stamp_pending,
)

UNKNOWN_COLOUR = "#888888"


@dataclass
class SyncReport:
    """What one sync did, for the status bar, Preferences and the command line."""

    sets_in: Counter[str] = field(default_factory=Counter)  # by the name of the computer
    fields_in: int = 0
    written: int = 0
    skipped: list[Message] = field(default_factory=list)
    at: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.sets_in) or self.fields_in > 0

    def summary(self) -> Message:
        """One line: what came in, from which computer ("Synced: 3 sets from 'laptop'.")."""
        parts: list[str] = [
            Message("{count} sets from '{device}'", count=n, device=name)
            if n != 1
            else Message("1 set from '{device}'", device=name)
            for name, n in sorted(self.sets_in.items())
        ]
        if self.fields_in:
            parts.append(
                Message("{count} other changes", count=self.fields_in)
                if self.fields_in != 1
                else Message("1 other change")
            )
        if not parts:
            parts.append(Message("nothing new"))
        text = Message("Synced: {came}.", came=joined("; ", parts))
        if self.skipped:
            text = Message(
                "{text} Files skipped: {count} (see the log).", text=text, count=len(self.skipped)
            )
        return text


@dataclass
class Syncer:
    """Syncs the open database with a folder; keeps what it read and wrote between runs."""

    data_dir: Path
    reader: Reader = field(default_factory=Reader)
    written: dict[Path, bytes] = field(default_factory=dict)
    # The folder whose files are known to hold every day: after that, only changed days.
    complete: Path | None = None
    # What the database held after the last run (and which database): the next run reads
    # again only the days changed here since. forget() when the file was replaced underneath.
    known: Replica | None = None
    known_db: object = None

    def forget(self) -> None:
        self.known = None

    def run(self, folder: Path | None = None) -> SyncReport:
        folder = folder or local.sync_folder()
        if folder is None:
            raise StoreError(Message("No sync folder is set. Choose one with --folder DIR."))
        if not folder.is_dir():
            # An unplugged drive or an unmounted share: never create the folder in its place.
            raise StoreError(
                Message(
                    "The sync folder {folder} is not there (a drive not plugged in, a share not "
                    "mounted?). Nothing was synced.",
                    folder=str(folder),
                )
            )
        report = SyncReport(
            at=datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
        )
        with write(N_("stamp your changes for sync")):
            device = local.device_id(self.data_dir)
        # Taken, so that a run that fails from here on leaves the next one to read everything
        # (the reader will have seen files that this run then did not merge).
        cached = self.known if self.known_db is database.obj else None
        self.known = None
        others, report.skipped = self.reader.read(folder)
        with write(N_("merge what the other computers synced")):
            dirty = stamp_pending(device)
            mine = local_replica(cached, dirty)
            if cached is not None and _ticked_count(mine) != _stored_count():
                mine = local_replica()  # changed underneath without a word: read it all
                cached = None
            # What the last run merged is in the database already: only changed files count.
            news = others if cached is None else [o for o in others if o.fresh]
            if news:
                merged = merge([mine] + [o.replica for o in news])
                incoming = changes(mine, merged)
            else:
                merged, incoming = mine, Replica()
            _count(incoming, mine, others, report)
            _apply(incoming, merged, others)
            observe(latest_stamp(incoming))
            local.put_local(local.LAST_READ, report.at)
            dirty |= {day for day, *_ in incoming.sets}
            dirty |= {date.fromisoformat(e[8:]) for e, _ in incoming.fields if e[:8] == "session:"}
            only = None if self.complete != folder else dirty
            plans = _plans(only)
        self.known, self.known_db = merged, database.obj
        files = render(device, local.device_name(), merged, plans, only)
        report.written = write_files(folder, device, files, self.written)
        self.complete = folder
        with write(N_("save the sync status")):
            if report.written:
                local.put_local(local.LAST_WRITTEN, report.at)
            local.put_local(local.LAST_SUMMARY, report.summary())
        return report


def _ticked_count(replica: Replica) -> int:
    return sum(1 for s in replica.sets.values() if s.ticked)


def _stored_count() -> int:
    (count,) = database.execute_sql("SELECT count(*) FROM completed_set").fetchone()
    return int(count)


def _count(incoming: Replica, mine: Replica, others: list[DeviceData], report: SyncReport) -> None:
    for key, state in incoming.sets.items():
        was = mine.sets.get(key)
        if (was is not None and was.ticked) == state.ticked:
            continue  # the same answer with a newer stamp: nothing the user would see
        source = next((o.name for o in others if o.replica.sets.get(key) == state), "?")
        report.sets_in[source] += 1
    report.fields_in = sum(
        1
        for k, f in incoming.fields.items()
        if (mine.fields.get(k) or FieldState(NULL, f.stamp)).value != f.value
    )


def _plans(only: set[date] | None) -> dict[date, list[PlanRow]]:
    plans: dict[date, list[PlanRow]] = {}
    if only is not None and not only:
        return plans
    for day, exercise, position, sets, reps, band in database.execute_sql(
        "SELECT s.day, e.exercise, e.position, e.sets, e.reps, b.name FROM session_exercise e"
        " JOIN session s ON s.id = e.session_id JOIN band b ON b.id = e.band_id"
        " ORDER BY s.day, e.position"
    ):
        plans.setdefault(date.fromisoformat(day), []).append((exercise, position, sets, reps, band))
    return plans


class _Bands:
    """Band ids by name; a band only another computer knows is added (its colour if known)."""

    def __init__(self, merged: Replica) -> None:
        self.ids: dict[str, int] = dict(database.execute_sql("SELECT name, id FROM band"))
        self.merged = merged

    def id(self, name: str) -> int:
        if name not in self.ids:
            colour = self.merged.fields.get((f"band:{name}", "colour"))
            value = json.loads(colour.value) if colour is not None else None
            (last,) = database.execute_sql(
                "SELECT coalesce(max(position), -1) FROM band"
            ).fetchone()
            cursor = database.execute_sql(
                "INSERT INTO band (name, colour, position) VALUES (?, ?, ?)",
                (name, value if isinstance(value, str) else UNKNOWN_COLOUR, last + 1),
            )
            self.ids[name] = int(cursor.lastrowid)
        return self.ids[name]


class _Sessions:
    """Session ids by day; a day only another computer has is created with that computer's plan."""

    def __init__(self, merged: Replica, others: list[DeviceData], bands: _Bands) -> None:
        self.ids: dict[str, int] = dict(database.execute_sql("SELECT day, id FROM session"))
        self.by_date: dict[date, int] = {}
        self.created: set[str] = set()
        self.merged, self.others, self.bands = merged, others, bands

    def _field(self, day: str, name: str) -> object:
        f = self.merged.fields.get((f"session:{day}", name))
        return None if f is None else json.loads(f.value)

    def id(self, day: date) -> int:
        known = self.by_date.get(day)
        if known is not None:
            return known
        text = day.isoformat()
        if text in self.ids:
            self.by_date[day] = self.ids[text]
            return self.ids[text]
        started, finished, note = (
            self._field(text, n) for n in ("started_at", "finished_at", "note")
        )
        cursor = database.execute_sql(
            "INSERT INTO session (day, started_at, finished_at, note) VALUES (?, ?, ?, ?)",
            (
                text,
                started if isinstance(started, str) else None,
                finished if isinstance(finished, str) else None,
                note if isinstance(note, str) else "",
            ),
        )
        session_id = int(cursor.lastrowid)
        plan = next((o.plans[day] for o in self.others if o.plans.get(day)), None)
        if plan is None:
            plan = [
                (p.exercise.slug, i, p.prescription.sets, p.prescription.reps, p.prescription.band)
                for i, p in enumerate(current_plan())
            ]
        database.cursor().executemany(
            "INSERT OR IGNORE INTO session_exercise (session_id, exercise, position, sets, reps,"
            " band_id) VALUES (?, ?, ?, ?, ?, ?)",
            [(session_id, e, pos, n, r, self.bands.id(b)) for e, pos, n, r, b in plan],
        )
        self.ids[text] = session_id
        self.created.add(text)
        return session_id


def _apply(incoming: Replica, merged: Replica, others: list[DeviceData]) -> None:
    """Make the database hold `merged` (inside write()), in bulk; the removal triggers stand
    aside, since a removal that came from elsewhere carries its own stamp."""
    if not incoming.sets and not incoming.fields:
        return
    local.put_local(local.APPLYING, "1")
    bands = _Bands(merged)
    sessions = _Sessions(merged, others, bands)
    session_fields: dict[str, list[tuple[object, str]]] = {}
    gone: list[str] = []
    for (entity, fname), f in incoming.fields.items():
        kind, _, what = entity.partition(":")
        value = json.loads(f.value)
        if kind == "session":
            if fname == "exists":
                if value is True:
                    sessions.id(date.fromisoformat(what))
                elif value is False:
                    gone.append(what)
            elif fname in ("note", "started_at", "finished_at"):
                if fname == "note" and not isinstance(value, str):
                    value = ""
                elif fname != "note" and not isinstance(value, str):
                    value = None
                session_fields.setdefault(fname, []).append((value, what))
        elif kind == "setting" and what not in LOCAL_SETTINGS:
            put_setting(what, value)
        elif kind == "band" and fname in ("colour", "position", "note", "hidden"):
            band_id = bands.id(what)
            database.execute_sql(f"UPDATE band SET {fname} = ? WHERE id = ?", (value, band_id))
    ticks, removals = [], []
    now = datetime.now(timezone.utc).isoformat()
    for (day, exercise, number, side), s in incoming.sets.items():
        if s.ticked:
            ticks.append(
                (sessions.id(day), exercise, number, side, s.reps, bands.id(s.band),
                 s.completed_at, s.stamp)
            )  # fmt: skip
        else:
            removals.append((day.isoformat(), exercise, number, side, now, s.stamp))
    cursor = database.cursor()
    for fname, values in session_fields.items():
        # A session made by this merge already has the merged values.
        values = [v for v in values if v[1] not in sessions.created]
        cursor.executemany(f"UPDATE session SET {fname} = ? WHERE day = ?", values)
    cursor.executemany(
        "INSERT INTO completed_set (session_id, exercise, set_number, side, reps, band_id,"
        " completed_at, hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (session_id, exercise, set_number, side) DO UPDATE SET"
        " reps = excluded.reps, band_id = excluded.band_id,"
        " completed_at = excluded.completed_at, hlc = excluded.hlc",
        ticks,
    )
    cursor.executemany(
        "DELETE FROM completed_set WHERE session_id = (SELECT id FROM session WHERE day = ?)"
        " AND exercise = ? AND set_number = ? AND side = ?",
        [r[:4] for r in removals],
    )
    cursor.executemany(
        "INSERT INTO set_tombstone (day, exercise, set_number, side, deleted_at, hlc)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (day, exercise, set_number, side)"
        " DO UPDATE SET deleted_at = excluded.deleted_at, hlc = excluded.hlc",
        removals,
    )
    # A session deleted elsewhere goes here too, unless a set of it is ticked.
    cursor.executemany(
        "DELETE FROM session WHERE day = ? AND NOT EXISTS"
        " (SELECT 1 FROM completed_set c WHERE c.session_id = session.id)",
        [(day,) for day in gone],
    )
    cursor.executemany(
        "INSERT INTO sync_field (entity, field, value, hlc) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (entity, field) DO UPDATE SET value = excluded.value, hlc = excluded.hlc",
        [(e, n, f.value, f.stamp) for (e, n), f in incoming.fields.items()],
    )
    local.put_local(local.APPLYING, None)
