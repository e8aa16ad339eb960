"""A day's session as the interface needs it, and ticking or unticking one set at a time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property

from bandtracker.domain.bands import band_label
from bandtracker.domain.catalogue import Catalogue, default_catalogue
from bandtracker.domain.preferences import effective_plan
from bandtracker.domain.prescription import (
    MAX_RECORDED_SET,
    PlannedExercise,
    Prescription,
    SetKey,
    Side,
    sides_for,
)
from bandtracker.i18n import CATALOGUE, N_, Message, term
from bandtracker.store.db import database, write
from bandtracker.store.errors import StoreError
from bandtracker.store.models import Band, CompletedSet, Session, SessionExercise
from bandtracker.store.settings import exercise_choices, routine_settings, visible_band_names


@dataclass(frozen=True)
class SetRecord:
    """What a ticked set was done with: its own reps and band, whatever the settings say now."""

    reps: int
    band: str


@dataclass(frozen=True)
class DayView:
    """What one day's page shows: the plan it was (or will be) done with and the sets ticked."""

    day: date
    plan: tuple[PlannedExercise, ...]
    done: frozenset[SetKey]
    recorded: bool
    session_id: int | None = None
    records: Mapping[SetKey, SetRecord] = field(default_factory=dict, compare=False)

    def extra_sets(self, planned: PlannedExercise) -> int:
        """Sets ticked beyond the prescription (after it was lowered); they stay visible."""
        highest = max(
            (k.set_number for k in self.done if k.exercise == planned.exercise.slug), default=0
        )
        return max(0, highest - planned.prescription.sets)

    def slots(self) -> tuple[SetKey, ...]:
        return self._slots

    # A view is never changed, only replaced (with_set), so what follows from it is worked out
    # once: every screen asks for these after each tick.
    @cached_property
    def _slots(self) -> tuple[SetKey, ...]:
        return tuple(k for p in self.plan for k in p.slots(self.extra_sets(p)))

    @property
    def total(self) -> int:
        return len(self._slots)

    @cached_property
    def done_count(self) -> int:
        return len(self.done.intersection(self._slots))

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done_count == self.total

    def next_key(self) -> SetKey | None:
        """The first set not yet done, in routine order."""
        return next((k for k in self.slots() if k not in self.done), None)

    def planned(self, slug: str) -> PlannedExercise | None:
        return next((p for p in self.plan if p.exercise.slug == slug), None)

    def with_set(self, key: SetKey, record: SetRecord | None) -> DayView:
        """This view after `key` was ticked (with its record) or, for None, unticked."""
        records = dict(self.records)
        if record is None:
            records.pop(key, None)
            done = self.done - {key}
        else:
            records[key] = record
            done = self.done | {key}
        return replace(self, done=done, records=records, recorded=True)


def current_plan(catalogue: Catalogue | None = None) -> tuple[PlannedExercise, ...]:
    """Today's prescription from the settings, for a day with nothing recorded yet.

    The enabled exercises in the user's order, each with its own overrides of the defaults.
    """
    catalogue = catalogue or default_catalogue()
    settings = routine_settings()
    default = Prescription(settings.default_sets, settings.default_reps, settings.band)
    plan = effective_plan(catalogue, default, exercise_choices(), visible_band_names())
    return tuple(PlannedExercise(e, p) for e, p in plan)


def load_day(
    day: date,
    catalogue: Catalogue | None = None,
    plan_if_new: tuple[PlannedExercise, ...] | None = None,
) -> DayView:
    """A day as recorded; a day with no session gets `plan_if_new` (else today's settings)."""
    catalogue = catalogue or default_catalogue()
    session = Session.get_or_none(Session.day == day)
    if session is None:
        plan = plan_if_new if plan_if_new is not None else current_plan(catalogue)
        return DayView(day, plan, frozenset(), recorded=False)
    rows = (
        SessionExercise.select(SessionExercise, Band.name)
        .join(Band)
        .where(SessionExercise.session == session)
        .order_by(SessionExercise.position)
    )
    plan = tuple(
        PlannedExercise(catalogue[row.exercise], Prescription(row.sets, row.reps, row.band.name))
        for row in rows
        # An exercise a newer catalogue knows and this one does not is kept in the file, not shown.
        if row.exercise in catalogue
    )
    records = {
        SetKey(exercise, set_number, Side(side)): SetRecord(reps, band)
        for exercise, set_number, side, reps, band in CompletedSet.select(
            CompletedSet.exercise,
            CompletedSet.set_number,
            CompletedSet.side,
            CompletedSet.reps,
            Band.name,
        )
        .join(Band)
        .where(CompletedSet.session == session)
        .tuples()
    }
    return DayView(day, plan, frozenset(records), True, session.id, records)


def session_for(
    day: date,
    at: datetime,
    catalogue: Catalogue,
    plan: tuple[PlannedExercise, ...] | None = None,
    band_ids: Mapping[str, int] | None = None,
) -> Session:
    """The day's session, created with a snapshot of the prescription on first use.

    `plan` and `band_ids` come from the state object's cache; without them the settings are read.
    """
    session = Session.get_or_none(Session.day == day)
    if session is not None:
        return session
    session = Session.create(day=day, started_at=at.replace(microsecond=0))
    _snapshot(session.id, plan if plan is not None else current_plan(catalogue), band_ids)
    return session


def _snapshot(
    session_id: int, plan: tuple[PlannedExercise, ...], band_ids: Mapping[str, int] | None
) -> None:
    """Keep the prescription a session is done with: later settings never rewrite it."""
    if band_ids is None:
        band_ids = dict(Band.select(Band.name, Band.id).tuples())
    rows = []
    for position, planned in enumerate(plan):
        p = planned.prescription
        if p.band not in band_ids:
            raise StoreError(
                Message("The band {band} is not in your band list.", band=band_label(p.band))
            )
        rows.append(
            {
                "session": session_id,
                "exercise": planned.exercise.slug,
                "position": position,
                "sets": p.sets,
                "reps": p.reps,
                "band": band_ids[p.band],
            }
        )
    if rows:
        SessionExercise.insert_many(rows).execute()


def _check_key(key: SetKey, catalogue: Catalogue) -> None:
    exercise = catalogue.get(key.exercise)
    if exercise is None:
        raise StoreError(Message("'{slug}' is not an exercise of this routine.", slug=key.exercise))
    if key.side not in sides_for(exercise):
        name = term(CATALOGUE, exercise.name)
        if key.side is Side.NONE:
            raise StoreError(Message("{exercise} has no single side set.", exercise=name))
        raise StoreError(
            Message("{exercise} has no {side} side set.", exercise=name, side=key.side.value)
        )
    if not 1 <= key.set_number <= MAX_RECORDED_SET:
        raise StoreError(
            Message(
                "{exercise} has no set {number}.",
                exercise=term(CATALOGUE, exercise.name),
                number=key.set_number,
            )
        )


def tick(day: date, key: SetKey, at: datetime, catalogue: Catalogue | None = None) -> None:
    """Record one completed set, committed before this returns; ticking twice records it once.

    For callers without the state object (the command line, tests): the day is read first.
    """
    catalogue = catalogue or default_catalogue()
    band_ids = dict(Band.select(Band.name, Band.id).tuples())
    record_set(load_day(day, catalogue), key, at, band_ids, catalogue)


def untick(day: date, key: SetKey) -> None:
    """Remove one completed set, committed before this returns."""
    session = Session.get_or_none(Session.day == day)
    if session is not None:
        remove_set(DayView(day, (), frozenset(), True, session.id), key)


# A tick's and an untick's one statement, as text made once: peewee builds a query's text anew
# each time, which was 0.4 ms of a 3 ms tick. Ticking twice records the set once.
_INSERT_SET = (
    'INSERT OR IGNORE INTO "completed_set" ("session_id", "exercise", "set_number", "side", '
    '"reps", "band_id", "completed_at") VALUES (?, ?, ?, ?, ?, ?, ?)'
)
_DELETE_SET = (
    'DELETE FROM "completed_set" '
    'WHERE "session_id" = ? AND "exercise" = ? AND "set_number" = ? AND "side" = ?'
)


def record_set(
    view: DayView,
    key: SetKey,
    at: datetime,
    band_ids: Mapping[str, int],
    catalogue: Catalogue | None = None,
) -> DayView:
    """Tick `key` on the day `view` shows; committed before this returns.

    One INSERT on a day that has its session; the first set of a day also creates the session
    with a snapshot of `view.plan`. The set keeps the reps and band of that plan.
    """
    catalogue = catalogue or default_catalogue()
    _check_key(key, catalogue)
    planned = view.planned(key.exercise)
    if planned is None:
        raise StoreError(
            Message(
                "{exercise} is not part of this day's plan.",
                exercise=term(CATALOGUE, catalogue[key.exercise].name),
            )
        )
    p = planned.prescription
    if p.band not in band_ids:
        raise StoreError(
            Message("The band {band} is not in your band list.", band=band_label(p.band))
        )
    with write(N_("save the set")):
        session_id = view.session_id
        if session_id is None:
            session_id = session_for(view.day, at, catalogue, view.plan, band_ids).id
        # Seconds are precise enough for a set and keep exports readable.
        when = CompletedSet.completed_at.db_value(at.replace(microsecond=0))
        database.execute_sql(
            _INSERT_SET,
            (
                session_id,
                key.exercise,
                key.set_number,
                key.side.value,
                p.reps,
                band_ids[p.band],
                when,
            ),
        )
    return replace(view.with_set(key, SetRecord(p.reps, p.band)), session_id=session_id)


def remove_set(view: DayView, key: SetKey) -> DayView:
    """Untick `key` on the day `view` shows; one DELETE, committed before this returns."""
    if view.session_id is None:
        return view
    with write(N_("remove the set")):
        database.execute_sql(
            _DELETE_SET, (view.session_id, key.exercise, key.set_number, key.side.value)
        )
    return view.with_set(key, None)
