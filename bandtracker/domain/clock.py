"""Which day a moment belongs to, given the hour at which one workout day rolls over to the next."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

DEFAULT_ROLLOVER_HOUR = 4
MIN_ROLLOVER_HOUR, MAX_ROLLOVER_HOUR = 0, 6

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, as an aware datetime in the local time zone."""
    return datetime.now().astimezone()


def session_day(moment: datetime, rollover_hour: int = DEFAULT_ROLLOVER_HOUR) -> date:
    """The workout day of a moment: before the rollover hour it still counts as the day before.

    Works on the local wall clock, so a DST change moves nothing: 00:30 is always "last night".
    """
    if not MIN_ROLLOVER_HOUR <= rollover_hour <= MAX_ROLLOVER_HOUR:
        raise ValueError(f"rollover hour {rollover_hour} is outside 0-6")
    return (moment.replace(tzinfo=None) - timedelta(hours=rollover_hour)).date()


def next_rollover(moment: datetime, rollover_hour: int = DEFAULT_ROLLOVER_HOUR) -> datetime:
    """The first wall-clock moment after `moment` that belongs to the next workout day."""
    day = session_day(moment, rollover_hour) + timedelta(days=1)
    return datetime.combine(day, time(rollover_hour), tzinfo=moment.tzinfo)
