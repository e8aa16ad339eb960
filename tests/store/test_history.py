from datetime import date, datetime, timedelta, timezone

import peewee
import pytest

from bandtracker.domain.prescription import SetKey
from bandtracker.domain.weeks import DayTally
from bandtracker.store import history, preferences, sessions
from bandtracker.store.db import close_database, database_path, open_database
from bandtracker.store.errors import StoreError
from bandtracker.store.migrations import MIGRATIONS, SCHEMA_VERSION, schema_version

TZ = timezone(timedelta(hours=1))
DAY = date(2026, 11, 10)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def tick_all(day: date, keys: list[SetKey], start: datetime) -> None:
    for n, key in enumerate(keys):
        sessions.tick(day, key, start + timedelta(minutes=n))


def first_keys(day: date, n: int) -> list[SetKey]:
    return list(sessions.load_day(day).slots())[:n]


def test_a_populated_v1_database_upgrades_to_v2_keeping_everything(data_dir):
    data_dir.mkdir(parents=True)
    raw = peewee.SqliteDatabase(str(database_path(data_dir)))
    raw.connect()
    with raw.atomic():
        MIGRATIONS[0](raw)
        raw.execute_sql("PRAGMA user_version = 1")
        raw.execute_sql("INSERT INTO session (day, started_at) VALUES ('2026-01-02', NULL)")
        raw.execute_sql(
            "INSERT INTO session_exercise (session_id, exercise, position, sets, reps, band_id)"
            " VALUES (1, 'clam-shell', 0, 2, 10, 1)"
        )
        raw.execute_sql(
            "INSERT INTO completed_set (session_id, exercise, set_number, side, reps, band_id,"
            " completed_at) VALUES (1, 'clam-shell', 1, 'left', 10, 1, '2026-01-02T10:00:00+01:00')"
        )
    raw.close()

    db = open_database(data_dir)
    assert schema_version(db) == SCHEMA_VERSION == 2
    assert history.tallies() == {date(2026, 1, 2): DayTally(1, 4)}
    assert history.rest_days() == []
    history.set_rest_week(date(2026, 1, 2), 1, True)
    assert history.rest_days() == [date(2025, 12, 29)]
    close_database()
    assert schema_version(open_database(data_dir)) == 2


def test_tallies_count_sides_apart_and_only_the_range_asked(db):
    tick_all(DAY, first_keys(DAY, 15), at(DAY, 18))
    tick_all(DAY + timedelta(days=2), first_keys(DAY, 3), at(DAY + timedelta(days=2), 18))
    tick_all(date(2026, 12, 1), first_keys(DAY, 30), at(date(2026, 12, 1), 18))
    november = history.tallies(date(2026, 11, 1), date(2026, 12, 1))
    assert november == {DAY: DayTally(15, 30), DAY + timedelta(days=2): DayTally(3, 30)}
    assert november[DAY].counts and not november[DAY + timedelta(days=2)].counts
    assert history.tallies(date(2026, 12, 1), date(2027, 1, 1))[date(2026, 12, 1)].complete
    assert len(history.tallies()) == 3


def test_tallies_agree_with_the_day_page(db):
    keys = first_keys(DAY, 30)
    tick_all(DAY, keys[::2], at(DAY, 9))
    view = sessions.load_day(DAY)
    assert history.tallies()[DAY] == DayTally(view.done_count, view.total)


def test_set_counts_for_the_heatmap(db):
    tick_all(DAY, first_keys(DAY, 4), at(DAY, 9))
    tick_all(DAY + timedelta(days=1), first_keys(DAY, 1), at(DAY, 9))
    sessions.tick(DAY + timedelta(days=3), first_keys(DAY, 1)[0], at(DAY, 9))
    sessions.untick(DAY + timedelta(days=3), first_keys(DAY, 1)[0])  # a session with no sets
    assert history.set_counts(DAY, DAY + timedelta(days=7)) == {DAY: 4, DAY + timedelta(days=1): 1}
    assert history.set_counts(DAY + timedelta(days=1), DAY + timedelta(days=2)) == {
        DAY + timedelta(days=1): 1
    }


def test_day_detail_times_and_note(db):
    empty = history.day_detail(DAY)
    assert not empty.view.recorded and empty.duration is None
    tick_all(DAY, first_keys(DAY, 5), at(DAY, 18, 2))
    db.execute_sql("UPDATE session SET note = 'Knees felt fine' WHERE day = ?", (DAY,))
    detail = history.day_detail(DAY)
    assert detail.started_at == at(DAY, 18, 2)
    assert detail.finished_at == at(DAY, 18, 6)
    assert detail.duration == timedelta(minutes=4)
    assert detail.note == "Knees felt fine"
    assert detail.view.done_count == 5


def test_delete_and_restore_a_session(db):
    keys = first_keys(DAY, 6)
    tick_all(DAY, keys, at(DAY, 18))
    before = history.day_detail(DAY)
    deleted = history.delete_session(DAY)
    assert deleted is not None
    assert not sessions.load_day(DAY).recorded
    assert history.tallies() == {}
    history.restore_session(deleted)
    after = history.day_detail(DAY)
    assert after == before
    assert history.delete_session(date(2020, 1, 1)) is None


def test_restore_keeps_sets_ticked_after_the_deletion(db):
    keys = first_keys(DAY, 4)
    tick_all(DAY, keys[:3], at(DAY, 18))
    deleted = history.delete_session(DAY)
    assert deleted is not None
    sessions.tick(DAY, keys[3], at(DAY, 19))
    history.restore_session(deleted)
    assert sessions.load_day(DAY).done == set(keys)


def test_a_failed_delete_changes_nothing(db):
    tick_all(DAY, first_keys(DAY, 2), at(DAY, 18))
    db.execute_sql("PRAGMA query_only = 1")
    with pytest.raises(StoreError, match="Could not delete the session"):
        history.delete_session(DAY)
    db.execute_sql("PRAGMA query_only = 0")
    assert sessions.load_day(DAY).done_count == 2


def test_weekly_target_setting(db):
    assert preferences.weekly_target() == 2  # the source's "two to three times a week"
    history.set_weekly_target(3)
    assert preferences.weekly_target() == 3
    with pytest.raises(StoreError, match="between 1 and 7"):
        history.set_weekly_target(8)
    db.execute_sql("UPDATE setting SET value = '\"lots\"' WHERE key = 'weekly_target'")
    assert preferences.weekly_target() == 2  # a damaged value falls back to the default


def test_week_start_follows_the_locale_until_chosen(db):
    assert preferences.week_start() is None
    assert history.first_weekday(7) == 7
    assert history.first_weekday(1) == 1
    history.set_week_start(6)
    assert history.first_weekday(7) == 6
    history.set_week_start(None)
    assert history.first_weekday(7) == 7
    with pytest.raises(StoreError):
        history.set_week_start(0)


def test_rest_weeks_mark_and_clear_whole_weeks(db):
    history.set_rest_week(date(2026, 11, 26), 1, True)  # a Thursday
    assert history.rest_days() == [date(2026, 11, 23)]
    history.set_rest_week(date(2026, 11, 26), 1, True)  # marking twice keeps one row
    assert history.rest_days() == [date(2026, 11, 23)]
    # Cleared under another week start, the week holding the day is cleared all the same.
    history.set_rest_week(date(2026, 11, 28), 7, False)
    assert history.rest_days() == []
    history.set_rest_week(date(2026, 11, 26), 1, True)
    assert history.rest_days(date(2026, 12, 1)) == []
    assert history.rest_days(date(2026, 11, 1), date(2026, 12, 1)) == [date(2026, 11, 23)]
