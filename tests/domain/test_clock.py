from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bandtracker.domain.clock import next_rollover, session_day

TZ = timezone(timedelta(hours=1))


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (0, 30, date(2026, 11, 23)),  # finished just after midnight: still last evening
        (3, 59, date(2026, 11, 23)),
        (4, 0, date(2026, 11, 24)),
        (23, 59, date(2026, 11, 24)),
    ],
)
def test_the_rollover_hour_decides_the_day(hour, minute, expected):
    assert session_day(datetime(2026, 11, 24, hour, minute, tzinfo=TZ), 4) == expected


def test_rollover_hour_zero_is_plain_midnight():
    assert session_day(datetime(2026, 11, 24, 0, 0, tzinfo=TZ), 0) == date(2026, 11, 24)


def test_a_rollover_hour_outside_the_allowed_range_is_refused():
    with pytest.raises(ValueError):
        session_day(datetime(2026, 11, 24, tzinfo=TZ), 7)


def test_dst_change_night_does_not_move_the_rollover():
    berlin = ZoneInfo("Europe/Berlin")
    # 2026-10-25: clocks go back from 03:00 to 02:00; both 02:30s belong to the 24th.
    first = datetime(2026, 10, 25, 2, 30, tzinfo=berlin, fold=0)
    second = datetime(2026, 10, 25, 2, 30, tzinfo=berlin, fold=1)
    assert session_day(first, 4) == session_day(second, 4) == date(2026, 10, 24)
    assert session_day(datetime(2026, 10, 25, 4, 0, tzinfo=berlin), 4) == date(2026, 10, 25)


@given(
    moment=st.datetimes(
        min_value=datetime(1990, 1, 2), max_value=datetime(2090, 1, 1), timezones=st.just(TZ)
    ),
    hour=st.integers(0, 6),
)
def test_next_rollover_is_the_first_moment_of_the_next_day(moment, hour):
    boundary = next_rollover(moment, hour)
    assert boundary > moment
    assert session_day(boundary, hour) == session_day(moment, hour) + timedelta(days=1)
    assert session_day(boundary - timedelta(microseconds=1), hour) == session_day(moment, hour)
