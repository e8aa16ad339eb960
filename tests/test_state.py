"""The application state: step-up suggestions as the store would give them, and undo's bounds."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bandtracker.state import UNDO_LIMIT, AppState
from bandtracker.store import progression
from tests.store.test_store_progression import TODAY, do_session
from tests.ui.calendar.helpers import statements


def from_the_store(state: AppState) -> dict:
    return progression.suggestions(state.workout_day, state.settings, state.current_plan())


@pytest.mark.parametrize(
    ("past", "partial_today"),
    [
        ((6, 4, 2), None),  # nothing today yet
        ((6, 4, 2), {"clam-shell"}),  # today under way
        ((6, 4, 2), set()),  # today complete
        ((4, 2), set()),  # today makes the third complete session
        ((9, 6, 4), {"glute-bridge", "donkey-kick"}),
    ],
)
def test_the_state_suggests_what_the_store_would(qtbot, db, clock, past, partial_today):
    for back in past:
        do_session(TODAY - timedelta(days=back), partial={"side-step"})
    state = AppState(clock)
    state.suggestions()  # the past is read now, before today's ticks
    if partial_today is not None:
        for planned in state.today.plan:
            keys = planned.slots()
            if planned.exercise.slug in partial_today:
                keys = keys[:1]
            for key in keys:
                assert state.set_done(key, True)
    assert state.suggestions() == from_the_store(state)


def test_a_day_logged_in_the_past_is_read_again(qtbot, db, clock):
    for back in (6, 4):
        do_session(TODAY - timedelta(days=back))
    state = AppState(clock)
    assert state.suggestions() == {}
    day = TODAY - timedelta(days=2)
    assert state.log_whole_day(day, datetime.combine(day, clock().timetz()))
    assert len(state.suggestions()) == 9
    assert state.suggestions() == from_the_store(state)
    state.undo_stack.undo()
    assert state.suggestions() == {}


def test_a_tick_asks_the_store_nothing(qtbot, db, clock):
    for back in (6, 4, 2):
        do_session(TODAY - timedelta(days=back))
    state = AppState(clock)
    state.suggestions()
    for key in state.today.plan[0].slots():
        assert state.set_done(key, True)
    with statements() as seen:
        found = state.suggestions()
    assert seen == []
    assert found == from_the_store(state)


def test_undo_keeps_the_last_steps_and_drops_older_ones(qtbot, db, clock):
    state = AppState(clock)
    key = state.today.plan[0].slots()[0]
    for _ in range(UNDO_LIMIT):  # twice the limit in ticks and unticks
        assert state.set_done(key, True)
        assert state.set_done(key, False)
    assert state.undo_stack.count() == UNDO_LIMIT
    undone = 0
    while state.undo_stack.canUndo():
        state.undo_stack.undo()
        undone += 1
    assert undone == UNDO_LIMIT  # the oldest half was dropped
    assert key not in state.today.done


def test_a_past_day_changed_in_the_calendar_is_read_again(qtbot, db, clock):
    for back in (6, 4):
        do_session(TODAY - timedelta(days=back))
    do_session(TODAY - timedelta(days=2), partial={"clam-shell"})
    state = AppState(clock)
    assert "clam-shell" not in state.suggestions()
    day = TODAY - timedelta(days=2)
    missing = [k for k in state.day_view(day).plan[7].slots() if k not in state.day_view(day).done]
    assert missing and missing[0].exercise == "clam-shell"
    for key in missing:  # the calendar's editor ticks the sets that were forgotten
        assert state.set_done(key, True, day)
    assert "clam-shell" in state.suggestions()
    assert state.suggestions() == from_the_store(state)
    state.undo_stack.undo()  # taken back again
    assert "clam-shell" not in state.suggestions()
    # A note on a day without a session makes one with no sets: it breaks the run.
    assert state.save_note(TODAY - timedelta(days=1), "sore knee, stopped")
    assert state.suggestions() == from_the_store(state) == {}
