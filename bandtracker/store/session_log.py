"""A session's record beyond its sets: when it started and finished, its note, and the
session and desktop preferences."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from bandtracker.domain.catalogue import Catalogue, default_catalogue
from bandtracker.domain.prescription import PlannedExercise
from bandtracker.domain.session_prefs import SessionPrefs, abandoned_end, parse_session_prefs
from bandtracker.i18n import N_
from bandtracker.store.db import write
from bandtracker.store.models import CompletedSet, Session
from bandtracker.store.sessions import session_for
from bandtracker.store.settings import put_setting, read_settings

MAX_NOTE = 10_000


@dataclass(frozen=True)
class SessionState:
    started_at: datetime | None = None
    finished_at: datetime | None = None
    note: str = ""


def session_state(day: date) -> SessionState:
    session = Session.get_or_none(Session.day == day)
    if session is None:
        return SessionState()
    return SessionState(session.started_at, session.finished_at, session.note or "")


def settle_session(day: date, now: datetime) -> SessionState:
    """The day's state, with a session left running long after its last set closed at that set."""
    state = session_state(day)
    # Compared as moments, not text: a day's sets can carry different UTC offsets.
    last_set_at = max(
        (
            at
            for (at,) in CompletedSet.select(CompletedSet.completed_at)
            .join(Session)
            .where(Session.day == day)
            .tuples()
        ),
        default=None,
    )
    end = abandoned_end(state.started_at, state.finished_at, last_set_at, now)
    if end is None:
        return state
    set_finished(day, end)
    return SessionState(state.started_at, end, state.note)


def _whole_seconds(at: datetime) -> datetime:
    return at.replace(microsecond=0)


def mark_started(day: date, at: datetime) -> None:
    """Record the start if the session has none yet (a session begun by its note)."""
    with write(N_("save the session's start")):
        Session.update(started_at=_whole_seconds(at)).where(
            (Session.day == day) & Session.started_at.is_null()
        ).execute()


def set_finished(day: date, at: datetime | None) -> None:
    """Record the session's end (None: it goes on)."""
    with write(N_("save the session's end")):
        Session.update(finished_at=None if at is None else _whole_seconds(at)).where(
            Session.day == day
        ).execute()


def save_note(
    day: date,
    text: str,
    at: datetime,
    catalogue: Catalogue | None = None,
    plan: tuple[PlannedExercise, ...] | None = None,
    band_ids: Mapping[str, int] | None = None,
) -> None:
    """Keep the note with the day's session, creating the session (not yet started) if needed,
    with `plan` (the state's, else the settings') as its prescription."""
    text = text[:MAX_NOTE]
    with write(N_("save the note")):
        session = Session.get_or_none(Session.day == day)
        if session is None:
            if not text.strip():
                return
            session = session_for(day, at, catalogue or default_catalogue(), plan, band_ids)
            # A note is not a start: the session timer starts at the first set.
            Session.update(started_at=None).where(Session.id == session.id).execute()
        Session.update(note=text).where(Session.id == session.id).execute()


def load_session_prefs() -> SessionPrefs:
    return parse_session_prefs(read_settings(tuple(SessionPrefs().to_settings())))


def save_session_prefs(prefs: SessionPrefs) -> None:
    with write(N_("save your preferences")):
        for key, value in prefs.to_settings().items():
            put_setting(key, value)
