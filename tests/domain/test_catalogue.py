from pathlib import Path

import pytest

from bandtracker.assets import illustration_path
from bandtracker.domain.catalogue import CatalogueError, default_catalogue, parse_catalogue

SLUGS = (
    "forward-walk",
    "backward-walk",
    "side-step",
    "back-leg-lift",
    "side-leg-lift",
    "front-leg-lift",
    "donkey-kick",
    "clam-shell",
    "glute-bridge",
)


def test_the_routine_has_nine_exercises_in_the_source_order():
    assert default_catalogue().slugs == SLUGS


def test_sides_units_and_band_placement_follow_the_routine():
    cat = default_catalogue()
    each_side = {e.slug for e in cat.exercises if e.each_side}
    assert each_side == set(SLUGS) - {"forward-walk", "backward-walk", "glute-bridge"}
    assert [cat[s].unit_plural for s in SLUGS] == [
        "steps", "steps", "steps", "lifts", "lifts", "lifts", "kicks", "lifts", "pulses"
    ]  # fmt: skip
    for slug in ("donkey-kick", "clam-shell", "glute-bridge"):
        assert "lower thighs" in cat[slug].band_placement
    for slug in SLUGS[:6]:
        assert "calves" in cat[slug].band_placement
    assert all(e.how_to and len(e.cues) >= 2 for e in cat.exercises)


def test_routine_defaults_from_the_source():
    routine = default_catalogue().routine
    assert (routine.default_sets, routine.target_sets, routine.default_reps) == (2, 3, 10)
    assert routine.sessions_per_week == (2, 3)
    assert routine.minutes == (10, 15)


def test_every_exercise_names_an_illustration_file():
    for exercise in default_catalogue().exercises:
        path = illustration_path(exercise.slug)
        assert path.name == f"{exercise.slug}.svg"
        assert isinstance(path, Path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("exercises"), "exercises"),
        (lambda d: d["exercises"][0].update(slug="Bad Slug"), "slug"),
        (lambda d: d["exercises"][1].update(slug="forward-walk"), "share a slug"),
        (lambda d: d["exercises"][0].update(each_side="yes"), "each_side"),
        (lambda d: d["routine"].update(default_sets=True), "default_sets"),
        (lambda d: d["exercises"][0].update(unit=["step"]), "unit"),
    ],
)
def test_a_broken_catalogue_is_refused_with_the_place_named(change, message):
    import json

    from bandtracker.assets import resource_path

    data = json.loads(resource_path("catalogue.json").read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(CatalogueError, match=message):
        parse_catalogue(data)
