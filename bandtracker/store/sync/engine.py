"""One sync: stamp local changes, merge the others' files in one transaction, write ours."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from bandtracker.domain.sync import FieldState, Replica, SetState, changes, latest_stamp, merge
from bandtracker.i18n import N_, Message, joined
from bandtracker.store.db import database, write
from bandtracker.store.errors import StoreError
from bandtracker.store.models import Band, CompletedSet, Session, SessionExercise, SetTombstone
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
        parts = [
            Message("{count} sets from '{device}'", count=n, device=name)
            if n != 1
            else Message("1 set from '{device}'", device=name)
            for name, n in sorted(self.sets_in.items())
        ]
        came = joined("; ", parts) if parts else Message("no new sets")
        text = Message(
            "Synced: {came}, {fields} other changes in, {written} files written.",
            came=came,
            fields=self.fields_in,
            written=self.written,
        )
        if self.skipped:
            text = Message("{text} {count} files skipped.", text=text, count=len(self.skipped))
        return text


@dataclass
class Syncer:
    """Syncs the open database with a folder; keeps what it read and wrote between runs."""

    data_dir: Path
    reader: Reader = field(default_factory=Reader)
    written: dict[Path, bytes] = field(default_factory=dict)

    def run(self, folder: Path | None = None) -> SyncReport:
        folder = folder or local.sync_folder()
        if folder is None:
            raise StoreError(Message("No sync folder is set. Choose one with --folder DIR."))
        report = SyncReport(
            at=datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
        )
        with write(N_("stamp your changes for sync")):
            device = local.device_id(self.data_dir)
        others, report.skipped = self.reader.read(folder, device)
        with write(N_("merge what the other computers synced")):
            stamp_pending(device)
            mine = local_replica()
            merged = merge([mine] + [o.replica for o in others])
            incoming = changes(mine, merged)
            _count(incoming, mine, others, report)
            _apply(incoming, merged, others)
            observe(latest_stamp(incoming))
            local.put_local(local.LAST_READ, report.at)
            plans = _plans()
        report.written = write_files(
            folder, device, render(device, local.device_name(), merged, plans), self.written
        )
        with write(N_("save the sync status")):
            if report.written:
                local.put_local(local.LAST_WRITTEN, report.at)
            local.put_local(local.LAST_SUMMARY, report.summary())
        return report


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


def _plans() -> dict[date, list[PlanRow]]:
    plans: dict[date, list[PlanRow]] = {}
    for day, exercise, position, sets, reps, band in database.execute_sql(
        "SELECT s.day, e.exercise, e.position, e.sets, e.reps, b.name FROM session_exercise e"
        " JOIN session s ON s.id = e.session_id JOIN band b ON b.id = e.band_id"
        " ORDER BY s.day, e.position"
    ):
        plans.setdefault(date.fromisoformat(day), []).append((exercise, position, sets, reps, band))
    return plans


class _Bands:
    def __init__(self, merged: Replica) -> None:
        self.ids: dict[str, int] = dict(Band.select(Band.name, Band.id).tuples())
        self.merged = merged

    def id(self, name: str) -> int:
        if name not in self.ids:
            colour = self.merged.fields.get((f"band:{name}", "colour"))
            value = json.loads(colour.value) if colour is not None else None
            last = Band.select(Band.position).order_by(Band.position.desc()).first()
            self.ids[name] = Band.insert(
                name=name,
                colour=value if isinstance(value, str) else UNKNOWN_COLOUR,
                position=(last.position + 1) if last else 0,
            ).execute()
        return self.ids[name]


def _session(day: date, merged: Replica, others: list[DeviceData], bands: _Bands) -> Session:
    session = Session.get_or_none(Session.day == day)
    if session is not None:
        return session

    def field_value(name: str) -> object:
        f = merged.fields.get((f"session:{day.isoformat()}", name))
        return None if f is None else json.loads(f.value)

    started, finished, note = (field_value(n) for n in ("started_at", "finished_at", "note"))
    session = Session.create(
        day=day,
        started_at=datetime.fromisoformat(started) if isinstance(started, str) else None,
        finished_at=datetime.fromisoformat(finished) if isinstance(finished, str) else None,
        note=note if isinstance(note, str) else "",
    )
    plan = next((o.plans[day] for o in others if o.plans.get(day)), None)
    if plan is None:
        plan = [
            (p.exercise.slug, i, p.prescription.sets, p.prescription.reps, p.prescription.band)
            for i, p in enumerate(current_plan())
        ]
    SessionExercise.insert_many(
        [
            {
                "session": session.id,
                "exercise": e,
                "position": pos,
                "sets": s,
                "reps": r,
                "band": bands.id(b),
            }
            for e, pos, s, r, b in plan
        ]
    ).execute()
    return session


def _apply(incoming: Replica, merged: Replica, others: list[DeviceData]) -> None:
    """Make the database hold `merged` (inside write()); the removal triggers stand aside."""
    if not incoming.sets and not incoming.fields:
        return
    local.put_local(local.APPLYING, "1")
    bands = _Bands(merged)
    sessions: dict[date, Session] = {}

    def session_for(day: date) -> Session:
        if day not in sessions:
            sessions[day] = _session(day, merged, others, bands)
        return sessions[day]

    for (entity, fname), f in incoming.fields.items():
        kind, _, what = entity.partition(":")
        value = json.loads(f.value)
        if kind == "session":
            day = date.fromisoformat(what)
            if fname == "exists":
                if value is True:
                    session_for(day)
            elif fname in ("note", "started_at", "finished_at"):
                row = sessions.get(day) or Session.get_or_none(Session.day == day)
                if row is not None:
                    new: object = value if isinstance(value, str) else ""
                    if fname != "note":
                        new = datetime.fromisoformat(value) if isinstance(value, str) else None
                    Session.update({getattr(Session, fname): new}).where(
                        Session.id == row.id
                    ).execute()
        elif kind == "setting" and what not in LOCAL_SETTINGS:
            put_setting(what, value)
        elif kind == "band" and fname in ("colour", "position", "note", "hidden"):
            band_id = bands.id(what)
            Band.update({getattr(Band, fname): value}).where(Band.id == band_id).execute()
    now = datetime.now(timezone.utc)
    for (day, exercise, number, side), s in incoming.sets.items():
        _apply_set(day, exercise, number, side, s, session_for, bands, now)
    # A session deleted elsewhere goes here too, unless a set of it is ticked.
    for (entity, fname), f in incoming.fields.items():
        if entity.startswith("session:") and fname == "exists" and f.value == "false":
            day = date.fromisoformat(entity.partition(":")[2])
            row = Session.get_or_none(Session.day == day)
            if (
                row is not None
                and not CompletedSet.select().where(CompletedSet.session == row).exists()
            ):
                row.delete_instance()
    database.cursor().executemany(
        "INSERT INTO sync_field (entity, field, value, hlc) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (entity, field) DO UPDATE SET value = excluded.value, hlc = excluded.hlc",
        [(e, n, f.value, f.stamp.encode()) for (e, n), f in incoming.fields.items()],
    )
    local.put_local(local.APPLYING, None)


def _apply_set(
    day: date,
    exercise: str,
    number: int,
    side: str,
    s: SetState,
    session_for: Callable[[date], Session],
    bands: _Bands,
    now: datetime,
) -> None:
    where = (
        (CompletedSet.exercise == exercise)
        & (CompletedSet.set_number == number)
        & (CompletedSet.side == side)
    )
    if s.ticked:
        session = session_for(day)
        values = {
            "reps": s.reps,
            "band": bands.id(s.band),
            "completed_at": datetime.fromisoformat(s.completed_at),
            "hlc": s.stamp.encode(),
        }
        updated = (
            CompletedSet.update(values).where(where & (CompletedSet.session == session)).execute()
        )
        if not updated:
            CompletedSet.insert(
                session=session, exercise=exercise, set_number=number, side=side, **values
            ).execute()
        return
    row = Session.get_or_none(Session.day == day)
    if row is not None:
        CompletedSet.delete().where(where & (CompletedSet.session == row)).execute()
    SetTombstone.insert(
        day=day,
        exercise=exercise,
        set_number=number,
        side=side,
        deleted_at=now,
        hlc=s.stamp.encode(),
    ).on_conflict(
        conflict_target=[
            SetTombstone.day,
            SetTombstone.exercise,
            SetTombstone.set_number,
            SetTombstone.side,
        ],
        update={SetTombstone.hlc: s.stamp.encode(), SetTombstone.deleted_at: now},
    ).execute()
