from datetime import date, datetime, timedelta, timezone

import pytest

from bandtracker.domain.prescription import SetKey, Side
from bandtracker.store import sessions
from bandtracker.store.errors import StoreError
from bandtracker.store.models import CompletedSet, Session, Setting

DAY = date(2026, 11, 24)
AT = datetime(2026, 11, 24, 18, 30, 12, 345678, tzinfo=timezone(timedelta(hours=1)))


def test_an_untouched_day_shows_the_current_plan_and_writes_nothing(db):
    view = sessions.load_day(DAY)
    assert (view.total, view.done_count, view.recorded) == (30, 0, False)
    assert Session.select().count() == 0


def test_a_tick_is_stored_with_everything_the_history_needs(db):
    sessions.tick(DAY, SetKey("clam-shell", 2, Side.LEFT), AT)
    row = CompletedSet.get()
    assert (row.exercise, row.set_number, row.side, row.reps, row.band.name) == (
        "clam-shell", 2, "left", 10, "yellow",
    )  # fmt: skip
    assert row.completed_at == AT.replace(microsecond=0)
    assert row.completed_at.utcoffset() == timedelta(hours=1)
    view = sessions.load_day(DAY)
    assert view.done == {SetKey("clam-shell", 2, Side.LEFT)}
    assert (view.done_count, view.recorded) == (1, True)


def test_ticking_twice_records_once_and_untick_removes(db):
    key = SetKey("glute-bridge", 1)
    sessions.tick(DAY, key, AT)
    sessions.tick(DAY, key, AT)
    assert CompletedSet.select().count() == 1
    sessions.untick(DAY, key)
    assert CompletedSet.select().count() == 0
    assert sessions.load_day(DAY).done == frozenset()


def test_a_session_keeps_its_prescription_when_settings_change_later(db):
    sessions.tick(DAY, SetKey("forward-walk", 1), AT)
    Setting.update(value="3").where(Setting.key == "default_sets").execute()
    Setting.update(value='"green"').where(Setting.key == "band").execute()
    past = sessions.load_day(DAY)
    assert past.total == 30
    assert {p.prescription.band for p in past.plan} == {"yellow"}
    future = sessions.load_day(DAY + timedelta(days=2))
    assert future.total == 45
    assert {p.prescription.band for p in future.plan} == {"green"}


def test_ticks_above_a_lowered_prescription_stay_visible(db):
    sessions.tick(DAY, SetKey("forward-walk", 3), AT)
    view = sessions.load_day(DAY)
    forward = view.plan[0]
    assert view.extra_sets(forward) == 1
    assert SetKey("forward-walk", 3) in view.slots()
    assert view.done_count == 1


@pytest.mark.parametrize(
    "key",
    [
        SetKey("moon-walk", 1),
        SetKey("forward-walk", 1, Side.LEFT),
        SetKey("clam-shell", 1),
        SetKey("clam-shell", 0, Side.LEFT),
    ],
)
def test_impossible_sets_are_refused_before_anything_is_written(db, key):
    with pytest.raises(StoreError):
        sessions.tick(DAY, key, AT)
    assert Session.select().count() == 0


def test_a_failed_write_leaves_nothing_half_written(db):
    db.execute_sql("PRAGMA query_only = 1")
    with pytest.raises(StoreError, match="read-only"):
        sessions.tick(DAY, SetKey("glute-bridge", 1), AT)
    db.execute_sql("PRAGMA query_only = 0")
    assert Session.select().count() == 0
