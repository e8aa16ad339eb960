from bandtracker.domain.catalogue import default_catalogue
from bandtracker.domain.prescription import (
    PlannedExercise,
    Prescription,
    SetKey,
    Side,
    accessible_name,
    all_slots,
)


def plan(sets=2, reps=10):
    return [PlannedExercise(e, Prescription(sets, reps, "yellow")) for e in default_catalogue()
            .exercises]  # fmt: skip


def test_default_routine_is_thirty_boxes():
    assert len(all_slots(plan())) == 30
    assert len(all_slots(plan(sets=3))) == 45


def test_each_side_sets_go_right_then_left_per_set():
    side_step = plan()[2]
    assert side_step.slots() == (
        SetKey("side-step", 1, Side.RIGHT),
        SetKey("side-step", 1, Side.LEFT),
        SetKey("side-step", 2, Side.RIGHT),
        SetKey("side-step", 2, Side.LEFT),
    )


def test_descriptions_read_as_a_prescription():
    p = plan()
    assert p[0].describe() == "2 \N{MULTIPLICATION SIGN} 10 steps"
    assert p[3].describe() == "2 \N{MULTIPLICATION SIGN} 10 lifts, each side"
    assert plan(sets=3, reps=1)[8].describe() == "3 \N{MULTIPLICATION SIGN} 1 pulse"


def test_accessible_names_are_exactly_as_specified():
    cat = default_catalogue()
    assert (
        accessible_name(cat["forward-walk"], SetKey("forward-walk", 2)) == "Forward walking, set 2"
    )
    assert (
        accessible_name(cat["clam-shell"], SetKey("clam-shell", 1, Side.LEFT))
        == "Clam shell, set 1, left side"
    )
