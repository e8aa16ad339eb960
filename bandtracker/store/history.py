"""History for the calendar: tallies by date range, one day's detail, weekly goal, rest weeks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bandtracker.domain.catalogue import Catalogue, default_catalogue
from bandtracker.domain.prescription import PlannedExercise
from bandtracker.domain.weeks import (
    DayTally,
    check_first_weekday,
    check_weekly_target,
    week_start,
)
from bandtracker.i18n import N_, Message
from bandtracker.store import preferences, sessions
from bandtracker.store.db import database, insert_many, write
from bandtracker.store.errors import StoreError
from bandtracker.store.models import SET_FIELDS, CompletedSet, RestWeek, Session, SessionExercise
from bandtracker.store.session_log import MAX_NOTE
from bandtracker.store.settings import put_setting

# --- settings (read through store.preferences, which the Preferences dialog saves with) ----


def first_weekday(locale_default: int = 1) -> int:
    """The week start in effect: the user's choice, else the locale's (e.g. QLocale's)."""
    chosen = preferences.week_start()
    return chosen if chosen is not None else check_first_weekday(locale_default)


def set_weekly_target(target: int) -> None:
    try:
        check_weekly_target(target)
    except ValueError:
        raise StoreError(Message("The weekly goal must be between 1 and 7 sessions.")) from None
    with write(N_("save the weekly goal")):
        put_setting(preferences.WEEKLY_TARGET, target)


def set_week_start(first: int | None) -> None:
    """1 = Monday ... 7 = Sunday, or None to follow the locale."""
    if first is not None:
        try:
            check_first_weekday(first)
        except ValueError:
            raise StoreError(
                Message("The week must start on a day from Monday to Sunday.")
            ) from None
    with write(N_("save the first day of the week")):
        put_setting(preferences.WEEK_START, first)


# --- rest weeks --------------------------------------------------------------------------


def rest_days(start: date | None = None, end: date | None = None) -> list[date]:
    """Stored rest-week dates in [start, end); each marks the whole week that holds it."""
    query = RestWeek.select(RestWeek.week_start).order_by(RestWeek.week_start)
    if start is not None:
        query = query.where(RestWeek.week_start >= start)
    if end is not None:
        query = query.where(RestWeek.week_start < end)
    return [day for (day,) in query.tuples()]


def set_rest_week(day: date, first: int, rest: bool) -> None:
    """Mark or clear the week (starting on weekday `first`) that holds `day` as a rest week."""
    start = week_start(day, first)
    with write(N_("mark the rest week") if rest else N_("clear the rest week")):
        # Clear anything inside the week, even dates saved under another week start.
        RestWeek.delete().where(
            (RestWeek.week_start >= start) & (RestWeek.week_start < start + timedelta(days=7))
        ).execute()
        if rest:
            RestWeek.create(week_start=start)


# --- tallies -----------------------------------------------------------------------------


def _placeholders(items: tuple[str, ...]) -> str:
    return ", ".join("?" for _ in items) or "NULL"


def tallies(
    start: date | None = None, end: date | None = None, catalogue: Catalogue | None = None
) -> dict[date, DayTally]:
    """Sets done and prescribed per recorded day in [start, end), in one indexed query.

    Counted as the day page counts them: each side is its own set, and exercises this
    catalogue does not know are left out.
    """
    catalogue = catalogue or default_catalogue()
    known = tuple(e.slug for e in catalogue.exercises)
    each_side = tuple(e.slug for e in catalogue.exercises if e.each_side)
    sql = f"""
        SELECT s.day,
            (SELECT COUNT(*) FROM completed_set c
                WHERE c.session_id = s.id AND c.exercise IN ({_placeholders(known)})),
            (SELECT TOTAL(e.sets * CASE WHEN e.exercise IN ({_placeholders(each_side)})
                                        THEN 2 ELSE 1 END)
                FROM session_exercise e
                WHERE e.session_id = s.id AND e.exercise IN ({_placeholders(known)}))
        FROM session s
        WHERE s.day >= ? AND s.day < ?
        """
    params = (
        *known,
        *each_side,
        *known,
        (start or date.min).isoformat(),
        (end or date.max).isoformat(),
    )
    return {
        date.fromisoformat(day): DayTally(int(done), int(prescribed))
        for day, done, prescribed in database.execute_sql(sql, params)
    }


def set_counts(start: date, end: date) -> dict[date, int]:
    """Sets done per day in [start, end) (the year heatmap), in one query."""
    sql = """
        SELECT s.day, COUNT(c.id) FROM session s
        JOIN completed_set c ON c.session_id = s.id
        WHERE s.day >= ? AND s.day < ?
        GROUP BY s.day
        """
    return {
        date.fromisoformat(day): count
        for day, count in database.execute_sql(sql, (start.isoformat(), end.isoformat()))
    }


# --- one day -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DayDetail:
    view: sessions.DayView
    started_at: datetime | None
    finished_at: datetime | None
    note: str

    @property
    def duration(self) -> timedelta | None:
        if self.started_at is None or self.finished_at is None:
            return None
        return max(self.finished_at - self.started_at, timedelta(0))


def day_detail(day: date, catalogue: Catalogue | None = None) -> DayDetail:
    """A day's session for reading: its plan and ticks, when it started and ended, its note.

    Without a recorded finish, the session runs from its first set to its last one.
    """
    view = sessions.load_day(day, catalogue)
    if not view.recorded:
        return DayDetail(view, None, None, "")
    row = database.execute_sql(
        """SELECT s.started_at, s.finished_at, s.note,
                  MIN(c.completed_at), MAX(c.completed_at)
           FROM session s LEFT JOIN completed_set c ON c.session_id = s.id
           WHERE s.day = ? GROUP BY s.id""",
        (day.isoformat(),),
    ).fetchone()
    started, finished, note, first_set, last_set = row

    def moment(text: str | None) -> datetime | None:
        return None if text is None else datetime.fromisoformat(text)

    return DayDetail(
        view,
        moment(first_set) or moment(started),
        moment(finished) or moment(last_set),
        note or "",
    )


# --- deleting and undoing ----------------------------------------------------------------


@dataclass(frozen=True)
class DeletedSession:
    """Everything a deleted session held, kept in memory so the deletion can be undone."""

    day: date
    session: dict[str, Any]
    exercises: tuple[dict[str, Any], ...]
    sets: tuple[dict[str, Any], ...]


def _kept(session: Session) -> DeletedSession:
    return DeletedSession(
        session.day,
        {
            "day": session.day,
            "started_at": session.started_at,
            "finished_at": session.finished_at,
            "note": session.note,
        },
        tuple(
            SessionExercise.select(
                SessionExercise.exercise,
                SessionExercise.position,
                SessionExercise.sets,
                SessionExercise.reps,
                SessionExercise.band,
            )
            .where(SessionExercise.session == session)
            .dicts()
        ),
        tuple(CompletedSet.select(*SET_FIELDS).where(CompletedSet.session == session).dicts()),
    )


def delete_session(day: date) -> DeletedSession | None:
    """Delete the day's session and its sets in one transaction; returns what it held."""
    with write(N_("delete the session")):
        session = Session.get_or_none(Session.day == day)
        if session is None:
            return None
        kept = _kept(session)
        session.delete_instance(recursive=True)
    return kept


def plan_before(
    day: date, catalogue: Catalogue | None = None
) -> tuple[PlannedExercise, ...] | None:
    """The prescription in force on `day`: that day's own, else the nearest earlier session's."""
    session = (
        Session.select(Session.day)
        .join(SessionExercise)
        .where(Session.day <= day)
        .order_by(Session.day.desc())
        .first()
    )
    if session is None:
        return None
    plan = sessions.load_day(session.day, catalogue).plan
    return plan or None


def log_whole_day(
    day: date,
    plan: tuple[PlannedExercise, ...],
    at: datetime,
    note: str,
    band_ids: Mapping[str, int],
    catalogue: Catalogue | None = None,
) -> DeletedSession | None:
    """Record every set of a forgotten day at `at`, in one transaction; returns what the day
    held before (for undo). A day that already has a session keeps its plan and its sets."""
    catalogue = catalogue or default_catalogue()
    at = at.replace(microsecond=0)
    with write(N_("log the session")):
        existing = Session.get_or_none(Session.day == day)
        before = None if existing is None else _kept(existing)
        view = sessions.load_day(day, catalogue, plan)
        session = sessions.session_for(day, at, catalogue, view.plan, band_ids)
        rows = []
        for planned in view.plan:
            p = planned.prescription
            for key in planned.slots(view.extra_sets(planned)):
                if key not in view.done:
                    rows.append(
                        (
                            session.id,
                            key.exercise,
                            key.set_number,
                            key.side.value,
                            p.reps,
                            band_ids[p.band],
                            at.isoformat(),
                        )
                    )
        insert_many(
            "completed_set",
            ("session_id", "exercise", "set_number", "side", "reps", "band_id", "completed_at"),
            rows,
        )
        changes: dict[str, Any] = {}
        if session.started_at is None or session.started_at > at:
            changes["started_at"] = at
        if note.strip():
            changes["note"] = note[:MAX_NOTE]
        if changes:
            Session.update(**changes).where(Session.id == session.id).execute()
    return before


def restore_session(deleted: DeletedSession) -> None:
    """Put a deleted session back. Sets ticked on that day since are kept alongside."""
    with write(N_("undo the deletion")):
        session = Session.get_or_none(Session.day == deleted.day)
        if session is None:
            session = Session.create(**deleted.session)
        if deleted.exercises:
            SessionExercise.insert_many(
                [{**row, "session": session.id} for row in deleted.exercises]
            ).on_conflict_ignore().execute()
        if deleted.sets:
            CompletedSet.insert_many(
                [{**row, "session": session.id} for row in deleted.sets]
            ).on_conflict_ignore().execute()
