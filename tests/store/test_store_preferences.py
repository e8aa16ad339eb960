from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from bandtracker.domain.preferences import BandChoice, ExerciseChoice
from bandtracker.domain.prescription import Prescription, SetKey, Side
from bandtracker.store import sessions
from bandtracker.store.errors import StoreError
from bandtracker.store.models import Band, Setting
from bandtracker.store.preferences import apply_preferences, load_preferences, week_start

DAY = date(2026, 11, 24)
AT = datetime(2026, 11, 24, 18, 30, tzinfo=timezone(timedelta(hours=1)))


def settings_rows() -> dict[str, str]:
    return dict(Setting.select(Setting.key, Setting.value).tuples())


def test_the_defaults_read_as_one_object(db):
    prefs = load_preferences()
    assert (prefs.default_sets, prefs.default_reps, prefs.band) == (2, 10, "yellow")
    assert (prefs.rollover_hour, prefs.weekly_target, prefs.week_start) == (4, 2, None)
    assert prefs.progression_sessions == 3
    assert [b.name for b in prefs.bands] == ["yellow", "green", "blue", "black"]
    assert len(prefs.exercises) == 9 and all(c.enabled for c in prefs.exercises)


def test_preferences_round_trip_and_shape_the_plan(db):
    prefs = load_preferences()
    exercises = list(prefs.exercises)
    exercises[0] = replace(exercises[0], enabled=False)
    exercises[-1] = replace(exercises[-1], sets=4, band="blue")
    exercises.insert(0, exercises.pop())  # glute bridge first
    changed = replace(
        prefs,
        default_sets=3,
        default_reps=12,
        band="green",
        weekly_target=2,
        week_start=7,
        progression_sessions=4,
        exercises=tuple(exercises),
    )
    apply_preferences(changed)
    assert load_preferences() == changed
    assert week_start() == 7
    plan = sessions.current_plan()
    assert plan[0].exercise.slug == "glute-bridge"
    assert plan[0].prescription == Prescription(4, 12, "blue")
    assert plan[1].prescription == Prescription(3, 12, "green")
    assert "forward-walk" not in [p.exercise.slug for p in plan]
    apply_preferences(replace(changed, week_start=None))
    assert "week_start" not in settings_rows()


def test_an_invalid_value_is_refused_and_nothing_is_written(db):
    before = settings_rows()
    prefs = load_preferences()
    with pytest.raises(StoreError, match="Default sets must be a whole number from 1 to 5"):
        apply_preferences(replace(prefs, default_sets=9))
    with pytest.raises(StoreError, match="visible bands"):
        apply_preferences(replace(prefs, band="purple"))
    assert settings_rows() == before


def test_bands_can_be_added_renamed_swapped_reordered_and_hidden(db):
    prefs = load_preferences()
    y, g, b, k = prefs.bands
    bands = (
        replace(g, name="yellow"),  # swap two names in one go
        replace(y, name="green", colour="#00ff00"),
        BandChoice("green + yellow", "#88aa22", "doubled"),
        b,
        replace(k, hidden=True),
    )
    apply_preferences(replace(prefs, bands=bands, band="green"))
    after = load_preferences().bands
    assert [x.name for x in after] == ["yellow", "green", "green + yellow", "blue", "black"]
    assert [x.id for x in after[:2]] == [g.id, y.id]
    assert after[1].colour == "#00ff00" and after[4].hidden
    assert Band.get(Band.name == "green + yellow").note == "doubled"


def test_a_band_in_the_history_cannot_be_removed_only_hidden(db):
    sessions.tick(DAY, SetKey("clam-shell", 1, Side.RIGHT), AT)
    prefs = load_preferences()
    assert prefs.bands[0].used and not prefs.bands[3].used
    with pytest.raises(StoreError, match="yellow band is in your history.*Hide it"):
        apply_preferences(replace(prefs, bands=prefs.bands[1:], band="green"))
    assert Band.select().count() == 4
    apply_preferences(replace(prefs, bands=prefs.bands[:3]))  # black was never used
    assert [b.name for b in load_preferences().bands] == ["yellow", "green", "blue"]


def test_changes_apply_to_today_but_never_to_past_sessions(db):
    past = DAY - timedelta(days=2)
    sessions.tick(past, SetKey("forward-walk", 1), AT - timedelta(days=2))
    sessions.tick(DAY, SetKey("forward-walk", 1), AT)
    sessions.tick(DAY, SetKey("forward-walk", 2), AT)
    sessions.tick(DAY, SetKey("clam-shell", 1, Side.RIGHT), AT)
    prefs = load_preferences()
    exercises = tuple(
        replace(c, sets=1) if c.slug == "forward-walk"
        else replace(c, enabled=False) if c.slug in ("clam-shell", "donkey-kick")
        else c
        for c in prefs.exercises
    )  # fmt: skip
    apply_preferences(replace(prefs, default_sets=3, band="green", exercises=exercises), DAY)

    today = sessions.load_day(DAY)
    slugs = [p.exercise.slug for p in today.plan]
    assert "donkey-kick" not in slugs  # out of the routine and never ticked: gone
    assert slugs[-1] == "clam-shell"  # out of the routine but ticked: kept, last
    forward = today.plan[0]
    assert forward.prescription == Prescription(1, 10, "green")
    assert today.extra_sets(forward) == 1  # the second tick stays visible
    assert {SetKey("forward-walk", 1), SetKey("forward-walk", 2)} <= today.done
    assert today.plan[1].prescription == Prescription(3, 10, "green")

    before = sessions.load_day(past)
    assert {p.prescription for p in before.plan} == {Prescription(2, 10, "yellow")}
    assert len(before.plan) == 9


def test_a_hand_edited_setting_does_not_stop_the_app(db):
    Setting.insert(key="exercises", value='{"broken": true}').on_conflict_replace().execute()
    Setting.insert(key="weekly_target", value='"lots"').on_conflict_replace().execute()
    prefs = load_preferences()
    assert prefs.weekly_target == 2
    assert len(prefs.exercises) == 9
    assert len(sessions.current_plan()) == 9


def test_an_override_on_a_band_later_hidden_falls_back_to_the_routine_band(db):
    prefs = load_preferences()
    exercises = tuple(
        replace(c, band="blue") if c.slug == "glute-bridge" else c for c in prefs.exercises
    )
    apply_preferences(replace(prefs, exercises=exercises))
    Band.update(hidden=True).where(Band.name == "blue").execute()
    bridge = [p for p in sessions.current_plan() if p.exercise.slug == "glute-bridge"][0]
    assert bridge.prescription.band == "yellow"
    assert ExerciseChoice("glute-bridge", band="blue") in load_preferences().exercises
