from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bandtracker.domain.progression import (
    Outcome,
    Rung,
    build_ladder,
    last_counted_day,
    ready_streak,
    suggest,
)

BANDS = ("yellow", "green", "blue", "black")
LADDER = build_ladder(BANDS)
TODAY = date(2026, 11, 24)


def sessions(rung: Rung, *complete: bool, end: date = TODAY - timedelta(days=1), gap: int = 2):
    """Outcomes on every `gap`-th day ending at `end`, oldest first."""
    n = len(complete)
    return [
        Outcome(end - timedelta(days=gap * (n - 1 - i)), rung, done)
        for i, done in enumerate(complete)
    ]


def test_the_ladder_adds_a_set_then_moves_to_the_next_band_at_two_sets():
    assert [(r.band, r.sets) for r in LADDER.rungs[:5]] == [
        ("yellow", 2), ("yellow", 3), ("green", 2), ("green", 3), ("blue", 2),
    ]  # fmt: skip
    assert LADDER.next_after(Rung("yellow", 2)) == Rung("yellow", 3)
    assert LADDER.next_after(Rung("yellow", 3)) == Rung("green", 2)


def test_three_complete_sessions_suggest_the_next_step():
    current = Rung("yellow", 2)
    found = suggest(LADDER, current, sessions(current, True, True, True), TODAY, needed=3)
    assert found is not None
    assert (found.next, found.sessions) == (Rung("yellow", 3), 3)
    assert suggest(LADDER, current, sessions(current, True, True), TODAY, needed=3) is None


def test_skipped_days_do_not_break_the_streak():
    current = Rung("green", 3)
    history = sessions(current, True, True, True, gap=9)  # nine rest days between sessions
    found = suggest(LADDER, current, history, TODAY, needed=3)
    assert found is not None and found.next == Rung("blue", 2)


def test_a_partial_session_breaks_the_streak():
    current = Rung("yellow", 2)
    history = sessions(current, True, True, False, True, True)
    assert ready_streak(current, history, TODAY) == 2
    assert suggest(LADDER, current, history, TODAY, needed=3) is None


def test_today_counts_only_once_it_is_complete():
    current = Rung("yellow", 2)
    history = sessions(current, True, True)
    in_progress = [*history, Outcome(TODAY, current, False)]
    assert suggest(LADDER, current, in_progress, TODAY, needed=3) is None
    assert ready_streak(current, in_progress, TODAY) == 2  # today's half-done work breaks nothing
    finished = [*history, Outcome(TODAY, current, True)]
    assert suggest(LADDER, current, finished, TODAY, needed=3) is not None


def test_the_top_of_the_ladder_suggests_nothing():
    top = Rung("black", 3)
    assert LADDER.next_after(top) is None
    assert suggest(LADDER, top, sessions(top, True, True, True, True), TODAY, needed=3) is None
    # More sets than the ladder's top, set by hand, on the heaviest band: still the top.
    assert LADDER.next_after(Rung("black", 5)) is None


def test_a_band_added_midway_becomes_the_next_step():
    current = Rung("green", 3)
    assert LADDER.next_after(current) == Rung("blue", 2)
    doubled = build_ladder(("yellow", "green", "green + yellow", "blue", "black"))
    history = sessions(current, True, True, True)
    found = suggest(doubled, current, history, TODAY, needed=3)
    assert found is not None and found.next == Rung("green + yellow", 2)


def test_hidden_bands_are_skipped_but_keep_their_place():
    ladder = build_ladder(BANDS, hidden=("green",))
    assert ladder.next_after(Rung("yellow", 3)) == Rung("blue", 2)
    # Someone still on the hidden band steps up from where it sits, not from the bottom.
    assert ladder.next_after(Rung("green", 3)) == Rung("blue", 2)


def test_settings_changed_by_hand_restart_the_count_and_the_ladder_follows():
    old = Rung("yellow", 2)
    by_hand = Rung("green", 4)  # jumped up and added a set themselves
    history = sessions(old, True, True, True, end=TODAY - timedelta(days=7)) + sessions(
        by_hand, True, True
    )
    assert suggest(LADDER, by_hand, history, TODAY, needed=3) is None  # only two at green x4
    history += [Outcome(TODAY, by_hand, True)]
    found = suggest(LADDER, by_hand, history, TODAY, needed=3)
    assert found is not None and found.next == Rung("blue", 2)
    # Lowered to one set by hand: the next step is the ladder's start on that band.
    assert LADDER.next_after(Rung("blue", 1)) == Rung("blue", 2)


def test_sessions_at_another_prescription_do_not_count():
    current = Rung("yellow", 3)
    earlier = TODAY - timedelta(days=5)
    history = sessions(Rung("yellow", 2), True, True, end=earlier) + sessions(current, True)
    assert ready_streak(current, history, TODAY) == 1


def test_an_unknown_band_suggests_nothing():
    rung = Rung("purple", 2)
    assert suggest(LADDER, rung, sessions(rung, True, True, True), TODAY, needed=3) is None


def test_not_now_waits_for_n_more_complete_sessions():
    current = Rung("yellow", 2)
    history = sessions(current, True, True, True)
    since = last_counted_day(history, TODAY)
    assert suggest(LADDER, current, history, TODAY, needed=3, since=since) is None
    later = [*history, Outcome(TODAY, current, True)]
    assert suggest(LADDER, current, later, TODAY, needed=3, since=since) is None
    more = [*later, *sessions(current, True, True, end=TODAY + timedelta(days=4))]
    found = suggest(LADDER, current, more, TODAY + timedelta(days=4), needed=3, since=since)
    assert found is not None and found.sessions == 3


@pytest.mark.parametrize("needed", [1, 2, 5])
def test_the_number_of_sessions_is_a_setting(needed):
    current = Rung("blue", 2)
    history = sessions(current, *([True] * needed))
    assert suggest(LADDER, current, history, TODAY, needed=needed) is not None
    assert suggest(LADDER, current, history[1:], TODAY, needed=needed) is None


@given(
    band=st.sampled_from(BANDS + ("unknown",)),
    sets=st.integers(1, 5),
)
def test_the_next_step_is_always_a_step_up(band, sets):
    current = Rung(band, sets)
    following = LADDER.next_after(current)
    if following is not None:
        assert LADDER.is_step_up(current, following)
        assert following in LADDER.rungs
