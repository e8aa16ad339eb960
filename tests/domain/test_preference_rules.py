from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bandtracker.domain.catalogue import default_catalogue
from bandtracker.domain.preferences import (
    BandChoice,
    ExerciseChoice,
    PreferenceError,
    Preferences,
    effective_plan,
    parse_choices,
    routine_order,
    validate,
)
from bandtracker.domain.prescription import Prescription

CAT = default_catalogue()
BANDS = (
    BandChoice("yellow", "#f2c94c", id=1),
    BandChoice("green", "#3fa34d", id=2),
    BandChoice("blue", "#2f6fd6", id=3, hidden=True),
)
GOOD = Preferences(default_sets=2, default_reps=10, band="yellow", bands=BANDS)


def test_good_preferences_pass():
    validate(GOOD, CAT)
    validate(replace(GOOD, exercises=(ExerciseChoice("clam-shell", sets=5, band="green"),)), CAT)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"default_sets": 6}, "Default sets"),
        ({"default_sets": True}, "Default sets"),
        ({"default_reps": 4}, "Default reps"),
        ({"rollover_hour": 7}, "rollover"),
        ({"weekly_target": 0}, "weekly target"),
        ({"week_start": 8}, "first day of the week"),
        ({"progression_sessions": 0}, "step up"),
        ({"band": "blue"}, "visible bands"),
        ({"band": "purple"}, "visible bands"),
        ({"exercises": (ExerciseChoice("clam-shell", sets=0),)}, "Sets for Clam shell"),
        ({"exercises": (ExerciseChoice("clam-shell", reps=31),)}, "Reps for Clam shell"),
        ({"exercises": (ExerciseChoice("clam-shell", band="blue"),)}, "Clam shell"),
        ({"exercises": (ExerciseChoice("handstand"),)}, "not an exercise"),
        ({"exercises": (ExerciseChoice("clam-shell"),) * 2}, "twice"),
        ({"exercises": tuple(ExerciseChoice(s, enabled=False) for s in CAT.slugs)}, "at least one"),
        ({"bands": (*BANDS, BandChoice(" Green", "#000000"))}, "Two bands"),
        ({"bands": (*BANDS, BandChoice("", "#000000"))}, "needs a name"),
        ({"bands": (*BANDS, BandChoice("x" * 41, "#000000"))}, "at most"),
        ({"bands": (*BANDS, BandChoice("red", "red"))}, "#rrggbb"),
    ],
)
def test_each_rule_has_a_clear_message(change, words):
    with pytest.raises(PreferenceError, match=words):
        validate(replace(GOOD, **change), CAT)


def test_stored_choices_edited_by_hand_are_read_leniently():
    raw = [
        {"slug": "clam-shell", "sets": 9, "reps": "ten", "band": "green", "enabled": False},
        {"slug": "clam-shell", "sets": 3},
        "nonsense",
        {"no": "slug"},
        {"slug": "glute-bridge", "sets": 3, "reps": 12},
    ]
    assert parse_choices(raw) == (
        ExerciseChoice("clam-shell", enabled=False, band="green"),
        ExerciseChoice("glute-bridge", sets=3, reps=12),
    )
    assert parse_choices({"not": "a list"}) == ()


def test_the_plan_follows_order_enabled_and_overrides():
    choices = (
        ExerciseChoice("glute-bridge", sets=3, band="green"),
        ExerciseChoice("forward-walk", enabled=False),
        ExerciseChoice("clam-shell", reps=15, band="gone"),
    )
    order = routine_order(CAT, choices)
    assert order[:2] == ("glute-bridge", "forward-walk") and len(order) == 9
    plan = effective_plan(CAT, Prescription(2, 10, "yellow"), choices, ["yellow", "green"])
    assert [e.slug for e, _ in plan][:3] == ["glute-bridge", "clam-shell", "backward-walk"]
    assert len(plan) == 8
    assert plan[0][1] == Prescription(3, 10, "green")
    assert plan[1][1] == Prescription(2, 15, "yellow")  # a vanished band falls back


@given(
    st.lists(
        st.builds(
            ExerciseChoice,
            slug=st.sampled_from(CAT.slugs),
            enabled=st.booleans(),
            sets=st.none() | st.integers(1, 5),
            reps=st.none() | st.integers(5, 30),
            band=st.none() | st.sampled_from(["yellow", "green"]),
        ),
        unique_by=lambda c: c.slug,
    )
)
def test_stored_choices_read_back_as_written(choices):
    assert parse_choices([c.to_json() for c in choices]) == tuple(choices)
    order = routine_order(CAT, choices)
    assert sorted(order) == sorted(CAT.slugs)
    assert order[: len(choices)] == tuple(c.slug for c in choices)
