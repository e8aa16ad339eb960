"""A day's session as the interface needs it, and ticking or unticking one set at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

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
from bandtracker.store.db import write
from bandtracker.store.errors import StoreError
from bandtracker.store.models import Band, CompletedSet, Session, SessionExercise
from bandtracker.store.settings import exercise_choices, routine_settings, visible_band_names


@dataclass(frozen=True)
class DayView:
    """What one day's page shows: the plan it was (or will be) done with and the sets ticked."""

    day: date
    plan: tuple[PlannedExercise, ...]
    done: frozenset[SetKey]
    recorded: bool

    def extra_sets(self, planned: PlannedExercise) -> int:
        """Sets ticked beyond the prescription (after it was lowered); they stay visible."""
        highest = max(
            (k.set_number for k in self.done if k.exercise == planned.exercise.slug), default=0
        )
        return max(0, highest - planned.prescription.sets)

    def slots(self) -> tuple[SetKey, ...]:
        return tuple(k for p in self.plan for k in p.slots(self.extra_sets(p)))

    @property
    def total(self) -> int:
        return len(self.slots())

    @property
    def done_count(self) -> int:
        return len(self.done & set(self.slots()))


def current_plan(catalogue: Catalogue | None = None) -> tuple[PlannedExercise, ...]:
    """Today's prescription from the settings, for a day with nothing recorded yet.

    The enabled exercises in the user's order, each with its own overrides of the defaults.
    """
    catalogue = catalogue or default_catalogue()
    settings = routine_settings()
    default = Prescription(settings.default_sets, settings.default_reps, settings.band)
    plan = effective_plan(catalogue, default, exercise_choices(), visible_band_names())
    return tuple(PlannedExercise(e, p) for e, p in plan)


def load_day(day: date, catalogue: Catalogue | None = None) -> DayView:
    catalogue = catalogue or default_catalogue()
    session = Session.get_or_none(Session.day == day)
    if session is None:
        return DayView(day, current_plan(catalogue), frozenset(), recorded=False)
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
    done = frozenset(
        SetKey(exercise, set_number, Side(side))
        for exercise, set_number, side in CompletedSet.select(
            CompletedSet.exercise, CompletedSet.set_number, CompletedSet.side
        )
        .where(CompletedSet.session == session)
        .tuples()
    )
    return DayView(day, plan, done, recorded=True)


def _session_for(day: date, at: datetime, catalogue: Catalogue) -> Session:
    """The day's session, created with a snapshot of the current prescription on first use."""
    session = Session.get_or_none(Session.day == day)
    if session is not None:
        return session
    session = Session.create(day=day, started_at=at.replace(microsecond=0))
    band_ids = dict(Band.select(Band.name, Band.id).tuples())
    rows = []
    for position, planned in enumerate(current_plan(catalogue)):
        p = planned.prescription
        if p.band not in band_ids:
            raise StoreError(
                Message("The band {band} is not in your band list.", band=band_label(p.band))
            )
        rows.append(
            {
                "session": session.id,
                "exercise": planned.exercise.slug,
                "position": position,
                "sets": p.sets,
                "reps": p.reps,
                "band": band_ids[p.band],
            }
        )
    SessionExercise.insert_many(rows).execute()
    return session


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
    """Record one completed set, committed before this returns; ticking twice records it once."""
    catalogue = catalogue or default_catalogue()
    _check_key(key, catalogue)
    with write(N_("save the set")):
        session = _session_for(day, at, catalogue)
        snapshot = SessionExercise.get_or_none(
            (SessionExercise.session == session) & (SessionExercise.exercise == key.exercise)
        )
        if snapshot is None:
            raise StoreError(
                Message(
                    "{exercise} is not part of this day's plan.",
                    exercise=term(CATALOGUE, catalogue[key.exercise].name),
                )
            )
        CompletedSet.insert(
            session=session,
            exercise=key.exercise,
            set_number=key.set_number,
            side=key.side.value,
            reps=snapshot.reps,
            band=snapshot.band_id,
            # Seconds are precise enough for a set and keep exports readable.
            completed_at=at.replace(microsecond=0),
        ).on_conflict_ignore().execute()


def untick(day: date, key: SetKey) -> None:
    """Remove one completed set, committed before this returns."""
    with write(N_("remove the set")):
        session = Session.get_or_none(Session.day == day)
        if session is None:
            return
        CompletedSet.delete().where(
            (CompletedSet.session == session)
            & (CompletedSet.exercise == key.exercise)
            & (CompletedSet.set_number == key.set_number)
            & (CompletedSet.side == key.side.value)
        ).execute()
