from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from bandtracker.domain.catalogue import default_catalogue
from bandtracker.domain.prescription import Prescription
from bandtracker.domain.progression import Rung
from bandtracker.store import progression, sessions
from bandtracker.store.preferences import apply_preferences, load_preferences
from bandtracker.store.settings import load_settings

TODAY = date(2026, 11, 24)
TZ = timezone(timedelta(hours=1))


def do_session(day: date, only: set[str] | None = None, partial: set[str] = frozenset()) -> None:
    """Tick every prescribed box of the day (or of some exercises; `partial` ones get one box)."""
    at = datetime.combine(day, datetime.min.time(), TZ).replace(hour=18)
    view = sessions.load_day(day)
    for planned in view.plan:
        slug = planned.exercise.slug
        if only is not None and slug not in only:
            continue
        keys = planned.slots()[:1] if slug in partial else planned.slots()
        for key in keys:
            sessions.tick(day, key, at)


def plan_of(day: date, slug: str) -> Prescription:
    view = sessions.load_day(day)
    return next(p.prescription for p in view.plan if p.exercise.slug == slug)


def suggestions(day: date) -> dict:
    return progression.suggestions(day, load_settings(), sessions.current_plan())


def accept(slug: str, step: Rung, day: date) -> bool:
    return progression.accept(slug, step, day, load_settings())


def test_three_complete_sessions_suggest_one_more_set(db):
    for back in (6, 4, 2):
        do_session(TODAY - timedelta(days=back), partial={"clam-shell"})
    found = suggestions(TODAY)
    assert "clam-shell" not in found
    assert found["glute-bridge"].next == Rung("yellow", 3)
    assert len(found) == 8


def test_today_in_progress_does_not_hide_the_suggestion(db):
    for back in (6, 4, 2):
        do_session(TODAY - timedelta(days=back))
    do_session(TODAY, partial=set(default_catalogue().slugs))
    assert len(suggestions(TODAY)) == 9


def test_accepting_changes_the_next_session_and_history_keeps_the_old(db):
    for back in (6, 4, 2):
        do_session(TODAY - timedelta(days=back))
    do_session(TODAY, only={"clam-shell"}, partial={"clam-shell"})
    assert accept("clam-shell", Rung("yellow", 3), TODAY) is False
    # Today's session is under way: it keeps its prescription, even for an exercise not begun.
    assert accept("glute-bridge", Rung("yellow", 3), TODAY) is False
    assert plan_of(TODAY, "clam-shell") == Prescription(2, 10, "yellow")
    assert plan_of(TODAY, "glute-bridge") == Prescription(2, 10, "yellow")
    tomorrow = TODAY + timedelta(days=1)
    assert plan_of(tomorrow, "clam-shell") == Prescription(3, 10, "yellow")
    assert plan_of(TODAY - timedelta(days=2), "clam-shell") == Prescription(2, 10, "yellow")
    found = suggestions(tomorrow)
    assert "clam-shell" not in found and "glute-bridge" not in found
    history = progression.exercise_history("clam-shell")
    assert [p.sets for p in history] == [2, 2, 2, 1]  # today: one set done so far


def test_not_now_hides_the_suggestion_until_n_more_complete_sessions(db):
    for back in (6, 4, 2):
        do_session(TODAY - timedelta(days=back))
    progression.dismiss("donkey-kick", TODAY, load_settings())
    assert "donkey-kick" not in suggestions(TODAY)
    for ahead in (0, 2):
        do_session(TODAY + timedelta(days=ahead))
        assert "donkey-kick" not in suggestions(TODAY + timedelta(days=ahead))
    do_session(TODAY + timedelta(days=4))
    assert "donkey-kick" in suggestions(TODAY + timedelta(days=4))


def test_at_the_top_of_the_ladder_nothing_is_suggested(db):
    prefs = load_preferences()
    apply_preferences(replace(prefs, default_sets=3, band="black"))
    for back in (6, 4, 2):
        do_session(TODAY - timedelta(days=back))
    assert suggestions(TODAY) == {}


def test_the_history_shows_the_steps_up(db):
    do_session(TODAY - timedelta(days=9))
    accept("side-step", Rung("yellow", 3), TODAY - timedelta(days=8))
    do_session(TODAY - timedelta(days=7))
    accept("side-step", Rung("green", 2), TODAY - timedelta(days=6))
    do_session(TODAY - timedelta(days=5), partial={"side-step"})
    history = progression.exercise_history("side-step")
    assert [(p.band, p.sets, p.complete) for p in history] == [
        ("yellow", 2, True), ("yellow", 3, True), ("green", 1, False),
    ]  # fmt: skip
    ups = progression.step_ups(history, progression.band_ladder())
    assert [p.day for p in ups] == [TODAY - timedelta(days=7), TODAY - timedelta(days=5)]


def test_going_back_down_and_up_again_is_not_a_new_step(db):
    do_session(TODAY - timedelta(days=9))
    accept("side-step", Rung("yellow", 3), TODAY - timedelta(days=8))
    do_session(TODAY - timedelta(days=7))
    accept("side-step", Rung("yellow", 2), TODAY - timedelta(days=6))  # a bad week
    do_session(TODAY - timedelta(days=5))
    accept("side-step", Rung("yellow", 3), TODAY - timedelta(days=4))
    do_session(TODAY - timedelta(days=3))
    history = progression.exercise_history("side-step")
    assert [p.sets for p in history] == [2, 3, 2, 3]
    ups = progression.step_ups(history, progression.band_ladder())
    assert [p.day for p in ups] == [TODAY - timedelta(days=7)]


def test_a_step_taken_before_the_days_first_set_applies_from_today(db):
    for back in (6, 4, 2):
        do_session(TODAY - timedelta(days=back))
    assert accept("glute-bridge", Rung("yellow", 3), TODAY) is True
    assert plan_of(TODAY, "glute-bridge") == Prescription(3, 10, "yellow")


def test_the_chart_history_holds_only_sets_done_with_their_own_reps(db):
    """Bug 4: a session without clam shell sets is no point; a partial one is its sets done."""
    do_session(TODAY - timedelta(days=4))
    do_session(TODAY - timedelta(days=2), only={"glute-bridge"})
    do_session(TODAY, partial={"clam-shell"})
    history = progression.exercise_history("clam-shell")
    assert [(p.day, p.sets, p.reps, p.complete) for p in history] == [
        (TODAY - timedelta(days=4), 2, 10, True),
        (TODAY, 1, 10, False),
    ]
