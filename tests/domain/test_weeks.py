from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bandtracker.domain import weeks
from bandtracker.domain.weeks import (
    MONDAY,
    SUNDAY,
    DayKind,
    DayTally,
    Streaks,
    current_week,
    week_days,
    week_progress,
    week_start,
)


def streaks(counted, today, target=3, *args, **kwargs):
    """These cases were written for a goal of three a week; the default's own test is below."""
    return weeks.streaks(counted, today, target, *args, **kwargs)


def test_the_default_goal_is_the_sources_two_a_week():
    tuesdays_and_fridays = [MON + timedelta(days=7 * w + d) for w in range(4) for d in (1, 4)]
    assert weeks.streaks(tuesdays_and_fridays, MON + timedelta(days=7 * 3 + 5)) == Streaks(4, 4)
    assert weeks.week_progress(tuesdays_and_fridays, MON + timedelta(days=4)).met


SATURDAY = 6
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
weekdays = st.integers(MONDAY, SUNDAY)


def weeks_from(start: date, pattern: list[int]) -> list[date]:
    """Counted days for consecutive weeks from `start`: pattern[i] sessions in week i."""
    out = []
    for i, n in enumerate(pattern):
        out += [start + timedelta(days=7 * i + d) for d in range(n)]
    return out


# --- week boundaries ---------------------------------------------------------------------


def test_week_start_monday_and_sunday():
    tuesday = date(2026, 11, 24)
    assert week_start(tuesday, MONDAY) == date(2026, 11, 23)
    assert week_start(tuesday, SUNDAY) == date(2026, 11, 22)
    assert week_start(date(2026, 11, 22), SUNDAY) == date(2026, 11, 22)
    assert week_start(date(2026, 11, 22), MONDAY) == date(2026, 11, 16)
    assert week_start(tuesday, SATURDAY) == date(2026, 11, 21)


def test_a_bad_first_weekday_is_refused():
    with pytest.raises(ValueError):
        week_start(date(2026, 1, 1), 0)
    with pytest.raises(ValueError):
        week_start(date(2026, 1, 1), 8)


@given(days, weekdays)
def test_week_start_is_the_right_weekday_within_the_last_seven_days(day, first):
    start = week_start(day, first)
    assert start.isoweekday() == first
    assert 0 <= (day - start).days < 7
    assert day in week_days(start)
    assert week_start(start, first) == start


@given(days)
def test_monday_weeks_are_iso_weeks(day):
    start = week_start(day, MONDAY)
    assert all(d.isocalendar()[:2] == day.isocalendar()[:2] for d in week_days(start))


def test_iso_week_53_spans_the_new_year_as_one_week():
    # 2026 has 53 ISO weeks; week 53 runs Mon 28 Dec 2026 - Sun 3 Jan 2027.
    assert date(2026, 12, 28).isocalendar()[:2] == (2026, 53)
    counted = [date(2026, 12, 29), date(2026, 12, 31), date(2027, 1, 2)]
    progress = week_progress(counted, date(2027, 1, 3), target=3)
    assert progress.start == date(2026, 12, 28)
    assert progress.counted == 3 and progress.met
    assert progress.text() == "This week: 3 of 3"
    # The next Monday starts a fresh week (ISO 2027-W01).
    assert week_progress(counted, date(2027, 1, 4), target=3).counted == 0


def test_a_streak_runs_through_week_53_into_the_new_year():
    start = date(2026, 12, 14)  # Monday, ISO week 51
    counted = weeks_from(start, [3, 3, 3, 3])  # weeks 51, 52, 53, 2027-W01
    assert streaks(counted, date(2027, 1, 10)) == Streaks(4, 4)


# --- the weekly count --------------------------------------------------------------------


def test_partial_days_below_half_do_not_count():
    assert DayTally(15, 30).counts and DayTally(15, 30).kind is DayKind.COUNTED
    assert not DayTally(14, 30).counts and DayTally(14, 30).kind is DayKind.PARTIAL
    assert DayTally(30, 30).kind is DayKind.COMPLETE
    assert DayTally(32, 30).complete  # extra sets beyond the plan
    assert DayTally(0, 30).kind is DayKind.NONE
    assert not DayTally(0, 0).counts  # a day with no plan at all
    assert DayTally(1, 1).counts and DayTally(1, 2).counts and not DayTally(1, 3).counts


@given(st.integers(0, 60), st.integers(1, 60))
def test_counting_is_exactly_at_least_half(done, prescribed):
    assert DayTally(done, prescribed).counts == (done / prescribed >= 0.5)
    assert DayTally(done, prescribed).complete <= DayTally(done, prescribed).counts


def test_weekly_count_is_by_calendar_week_not_a_rolling_window():
    # Thu, Fri, Sat, Sun of one week then Mon of the next: a rolling 7-day window would say 5.
    counted = [date(2026, 11, d) for d in (19, 20, 21, 22, 23)]
    assert week_progress(counted, date(2026, 11, 23), first_weekday=MONDAY).counted == 1
    assert week_progress(counted, date(2026, 11, 22), first_weekday=MONDAY).counted == 4


def test_changing_the_week_start_regroups_the_days():
    counted = [date(2026, 11, 22), date(2026, 11, 23), date(2026, 11, 24)]  # Sun, Mon, Tue
    assert week_progress(counted, date(2026, 11, 24), first_weekday=MONDAY).counted == 2
    assert week_progress(counted, date(2026, 11, 24), first_weekday=SUNDAY).counted == 3
    # Streaks follow the new week start too.
    three_a_week_sun_to_tue = weeks_from(date(2026, 11, 1), [3, 3, 3])  # Sun-Mon-Tue each
    assert streaks(three_a_week_sun_to_tue, date(2026, 11, 21), first_weekday=SUNDAY) == Streaks(
        3, 3
    )
    # With Monday weeks each Sunday joins the week before: 1, 3, 3 and a current week of 2.
    assert streaks(three_a_week_sun_to_tue, date(2026, 11, 21), first_weekday=MONDAY) == Streaks(
        2, 2
    )


def test_a_rest_week_is_reported():
    progress = week_progress(
        [date(2026, 11, 24)], date(2026, 11, 25), rest_days=[date(2026, 11, 29)]
    )
    assert progress.rest
    assert "rest week" in progress.text()


# --- streaks -----------------------------------------------------------------------------

MON = date(2026, 10, 5)


def test_no_sessions_no_streak():
    assert streaks([], date(2026, 11, 24)) == Streaks(0, 0)


def test_consecutive_weeks_that_met_the_target():
    counted = weeks_from(MON, [3, 3, 3])
    assert streaks(counted, MON + timedelta(days=7 * 3 + 1)) == Streaks(3, 3)


def test_a_missed_week_breaks_the_streak_and_best_is_kept():
    counted = weeks_from(MON, [3, 3, 3, 2, 3])
    assert streaks(counted, MON + timedelta(days=7 * 5 + 1)) == Streaks(1, 3)


def test_the_current_week_does_not_break_the_streak_until_it_is_over():
    counted = weeks_from(MON, [3, 3, 1])
    wednesday_of_week_3 = MON + timedelta(days=14 + 2)
    assert streaks(counted, wednesday_of_week_3) == Streaks(2, 2)
    # Once the week is over without reaching the target, the run is broken.
    assert streaks(counted, MON + timedelta(days=21)) == Streaks(0, 2)


def test_the_current_week_counts_as_soon_as_it_meets_the_target():
    counted = weeks_from(MON, [3, 3, 3])
    assert streaks(counted, MON + timedelta(days=14 + 2)) == Streaks(3, 3)


def test_a_rest_week_neither_counts_nor_breaks():
    counted = weeks_from(MON, [3, 0, 3])
    rest = [MON + timedelta(days=10)]  # any day in week 2 marks it
    assert streaks(counted, MON + timedelta(days=22), rest_days=rest) == Streaks(2, 2)
    assert streaks(counted, MON + timedelta(days=22)) == Streaks(1, 1)


def test_sessions_in_a_rest_week_do_not_add_to_the_streak():
    counted = weeks_from(MON, [3, 3, 3])
    rest = [MON + timedelta(days=7)]
    assert streaks(counted, MON + timedelta(days=22), rest_days=rest) == Streaks(2, 2)


def test_a_long_gap_before_today_leaves_no_current_streak():
    counted = weeks_from(MON, [3, 3])
    assert streaks(counted, date(2027, 6, 1)) == Streaks(0, 2)


def test_a_lower_target_counts_more_weeks():
    counted = weeks_from(MON, [2, 2, 3])
    assert streaks(counted, MON + timedelta(days=22), target=2) == Streaks(3, 3)
    assert streaks(counted, MON + timedelta(days=22), target=3) == Streaks(1, 1)


def test_days_after_today_are_ignored():
    counted = weeks_from(MON, [3, 3])
    assert streaks(counted, MON + timedelta(days=3)) == Streaks(1, 1)


@given(
    st.lists(st.integers(0, 7), min_size=1, max_size=30),
    st.integers(1, 7),
    weekdays,
    st.sets(st.integers(0, 29)),
)
def test_streak_properties(pattern, target, first, rest_indexes):
    start = week_start(date(2025, 3, 1), first)
    counted = weeks_from(start, pattern)
    rest = [start + timedelta(days=7 * i + 3) for i in rest_indexes]
    today = start + timedelta(days=7 * len(pattern) - 1)  # the last day of the last week
    result = streaks(counted, today, target, first, rest)
    assert 0 <= result.current <= result.best <= len(pattern)
    met = [n >= target and i not in rest_indexes for i, n in enumerate(pattern)]
    assert result.best <= sum(met)
    # With no rest weeks and no misses the streak is every week.
    if all(n >= target for n in pattern) and not rest_indexes & set(range(len(pattern))):
        assert result == Streaks(len(pattern), len(pattern))
    # Marking more weeks as rest never shortens the current streak.
    more_rest = rest + [start + timedelta(days=7 * i) for i in range(len(pattern)) if not met[i]]
    assert streaks(counted, today, target, first, more_rest).current >= result.current


@given(st.lists(days, max_size=40), days, weekdays)
def test_week_progress_counts_only_the_week_of_today(counted, today, first):
    progress = week_progress(counted, today, 3, first)
    assert progress.counted == len({d for d in counted if week_start(d, first) == progress.start})
    assert progress.counted <= 7


# --- the clock: rollover hour and DST ----------------------------------------------------


def test_a_set_after_midnight_on_monday_still_belongs_to_last_week():
    tz = timezone(timedelta(hours=1))
    monday_0130 = datetime(2026, 11, 30, 1, 30, tzinfo=tz)
    assert current_week(monday_0130, MONDAY, rollover_hour=4) == date(2026, 11, 23)
    assert current_week(monday_0130, MONDAY, rollover_hour=0) == date(2026, 11, 30)
    assert current_week(monday_0130.replace(hour=4), MONDAY, rollover_hour=4) == date(2026, 11, 30)


def test_dst_changes_do_not_move_days_between_weeks():
    berlin = ZoneInfo("Europe/Berlin")
    # Clocks go back on Sun 25 Oct 2026 03:00 -> 02:00, forward on Sun 29 Mar 2026 02:00 -> 03:00.
    for sunday in (date(2026, 10, 25), date(2026, 3, 29)):
        late = datetime(sunday.year, sunday.month, sunday.day, 2, 30, tzinfo=berlin)
        assert current_week(late, MONDAY, rollover_hour=4) == week_start(
            sunday - timedelta(days=1), MONDAY
        )
        monday_0330 = datetime.combine(sunday + timedelta(days=1), datetime.min.time(), berlin)
        monday_0330 = monday_0330.replace(hour=3, minute=30)
        assert current_week(monday_0330, MONDAY, rollover_hour=4) == week_start(sunday, MONDAY)
        assert current_week(monday_0330.replace(hour=4), MONDAY, 4) == sunday + timedelta(days=1)
    # A week holding a DST change still has seven days and they count as usual.
    autumn = week_days(week_start(date(2026, 10, 25), MONDAY))
    assert len(autumn) == 7 and autumn[-1] == date(2026, 10, 25)
    assert week_progress(autumn[4:], date(2026, 10, 25)).counted == 3


@given(st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2039, 1, 1)), weekdays)
def test_current_week_agrees_with_the_session_day(naive, first):
    moment = naive.replace(tzinfo=ZoneInfo("America/New_York"))
    week = current_week(moment, first, 4)
    assert week.isoweekday() == first
    assert (
        0
        <= (moment.replace(tzinfo=None) - timedelta(hours=4)).date().toordinal() - week.toordinal()
        < 7
    )
