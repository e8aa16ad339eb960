from datetime import date, datetime, time

from hypothesis import given
from hypothesis import strategies as st

from bandtracker.domain.session_prefs import (
    DEFAULT_REST_SECONDS,
    SessionPrefs,
    duration_text,
    parse_session_prefs,
    reminder_due,
)

TUESDAY = date(2026, 11, 24)


def test_prefs_round_trip_through_their_settings():
    prefs = SessionPrefs(90, True, "dark", frozenset({1, 3, 5}), time(7, 30))
    assert parse_session_prefs(prefs.to_settings()) == prefs


@given(st.dictionaries(st.sampled_from(list(SessionPrefs().to_settings())), st.from_type(object)))
def test_any_stored_nonsense_reads_as_valid_prefs(values):
    prefs = parse_session_prefs(values)
    assert 0 <= prefs.rest_seconds <= 300
    assert prefs.colour_scheme in {"system", "light", "dark"}
    assert prefs.reminder_days <= set(range(1, 8))


def test_out_of_range_rest_falls_back_to_the_default():
    assert parse_session_prefs({"rest_seconds": 301}).rest_seconds == DEFAULT_REST_SECONDS
    assert parse_session_prefs({"rest_seconds": True}).rest_seconds == DEFAULT_REST_SECONDS
    assert parse_session_prefs({"rest_seconds": 0}).rest_seconds == 0


def test_reminder_due_only_on_a_chosen_day_after_the_time_before_a_start_once():
    at = time(18, 0)
    evening = datetime(2026, 11, 24, 18, 1)
    assert reminder_due(evening, TUESDAY, {2}, at, False, None)
    assert not reminder_due(evening, TUESDAY, {1, 3}, at, False, None)
    assert not reminder_due(evening.replace(hour=17), TUESDAY, {2}, at, False, None)
    assert not reminder_due(evening, TUESDAY, {2}, at, True, None)
    assert not reminder_due(evening, TUESDAY, {2}, at, False, TUESDAY)


def test_durations_read_as_minutes_and_seconds():
    assert duration_text(0) == "0:00"
    assert duration_text(65.9) == "1:05"
    assert duration_text(12 * 60 + 5) == "12:05"
    assert duration_text(3600 + 61) == "1:01:01"
    assert duration_text(-3) == "0:00"


def test_a_running_session_counts_as_over_only_long_after_its_last_set():
    from datetime import datetime, timedelta, timezone

    from bandtracker.domain.session_prefs import ABANDONED_AFTER, abandoned_end

    tz = timezone.utc
    start = datetime(2026, 11, 24, 18, 0, tzinfo=tz)
    last = start + timedelta(minutes=9)
    assert abandoned_end(start, None, last, last + ABANDONED_AFTER) is None
    assert abandoned_end(start, None, last, last + ABANDONED_AFTER + timedelta(seconds=1)) == last
    assert abandoned_end(start, last, last, last + timedelta(hours=5)) is None  # already finished
    assert abandoned_end(None, None, None, last) is None  # never started
    assert abandoned_end(start, None, None, last + timedelta(hours=5)) is None  # a note alone
