"""Session and desktop preferences (rest timer, reminders, tray, colour scheme) and their rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from bandtracker.domain.preferences import is_whole

MIN_REST_SECONDS, MAX_REST_SECONDS, DEFAULT_REST_SECONDS = 0, 300, 60
COLOUR_SCHEMES = ("system", "light", "dark")
DEFAULT_REMINDER_TIME = time(18, 0)


@dataclass(frozen=True)
class SessionPrefs:
    rest_seconds: int = DEFAULT_REST_SECONDS  # 0 = no rest timer
    close_to_tray: bool = False
    colour_scheme: str = "system"
    reminder_days: frozenset[int] = frozenset()  # 1 = Monday ... 7 = Sunday
    reminder_time: time = DEFAULT_REMINDER_TIME

    def to_settings(self) -> dict[str, Any]:
        """The Setting rows (key -> JSON value) that hold these preferences."""
        return {
            "rest_seconds": self.rest_seconds,
            "close_to_tray": self.close_to_tray,
            "colour_scheme": self.colour_scheme,
            "reminder_days": sorted(self.reminder_days),
            "reminder_time": self.reminder_time.strftime("%H:%M"),
        }


def parse_session_prefs(values: dict[str, Any]) -> SessionPrefs:
    """Read stored values leniently: anything out of range falls back to its default."""
    rest = values.get("rest_seconds")
    if not (is_whole(rest) and MIN_REST_SECONDS <= rest <= MAX_REST_SECONDS):
        rest = DEFAULT_REST_SECONDS
    scheme = values.get("colour_scheme")
    if scheme not in COLOUR_SCHEMES:
        scheme = "system"
    days = values.get("reminder_days")
    day_set = frozenset(
        d for d in (days if isinstance(days, list) else []) if is_whole(d) and 1 <= d <= 7
    )
    try:
        at = time.fromisoformat(str(values.get("reminder_time")))
    except ValueError:
        at = DEFAULT_REMINDER_TIME
    return SessionPrefs(
        rest_seconds=rest,
        close_to_tray=values.get("close_to_tray") is True,
        colour_scheme=scheme,
        reminder_days=day_set,
        reminder_time=at.replace(second=0, microsecond=0),
    )


def reminder_due(
    now: datetime,
    today: date,
    days: Iterable[int],
    at: time,
    session_started: bool,
    reminded_on: date | None,
) -> bool:
    """Whether to remind now: a chosen weekday, the time has come, nothing done yet, once a day."""
    return (
        today.isoweekday() in set(days)
        and now.time().replace(tzinfo=None) >= at
        and not session_started
        and reminded_on != today
    )


# A session left unfinished this long after its last set was walked away from, not paused:
# it ended with that set, so reopening the app later does not show hours "still running".
ABANDONED_AFTER = timedelta(minutes=45)


def abandoned_end(
    started_at: datetime | None,
    finished_at: datetime | None,
    last_set_at: datetime | None,
    now: datetime,
) -> datetime | None:
    """When a running session should be taken as over (its last set), or None if it runs on."""
    if started_at is None or finished_at is not None or last_set_at is None:
        return None
    return last_set_at if now - last_set_at > ABANDONED_AFTER else None


def duration_text(seconds: float) -> str:
    """m:ss, or h:mm:ss from an hour on."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
