from bandtracker.domain.catalogue import default_catalogue
from bandtracker.domain.floor import (
    Pause,
    first_open,
    is_first_of_exercise,
    pause_between,
    steps,
    switch_line,
)
from bandtracker.domain.prescription import PlannedExercise, Prescription, SetKey, Side


def plan(sets=2, reps=10):
    cat = default_catalogue()
    return tuple(PlannedExercise(e, Prescription(sets, reps, "yellow")) for e in cat.exercises)


def by_slug(sequence, slug):
    return [s for s in sequence if s.exercise.slug == slug]


def test_every_set_once_in_routine_order_right_before_left():
    sequence = steps(plan())
    assert len(sequence) == 30
    assert len({s.key for s in sequence}) == 30
    assert [s.key for s in sequence[:6]] == [
        SetKey("forward-walk", 1),
        SetKey("forward-walk", 2),
        SetKey("backward-walk", 1),
        SetKey("backward-walk", 2),
        SetKey("side-step", 1, Side.RIGHT),
        SetKey("side-step", 1, Side.LEFT),
    ]


def test_walks_can_alternate_set_by_set():
    sequence = steps(plan(sets=3), alternate_walks=True)
    assert [(s.exercise.slug, s.key.set_number) for s in sequence[:6]] == [
        ("forward-walk", 1),
        ("backward-walk", 1),
        ("forward-walk", 2),
        ("backward-walk", 2),
        ("forward-walk", 3),
        ("backward-walk", 3),
    ]
    assert sequence[6].exercise.slug == "side-step"
    assert len(sequence) == 45


def test_alternating_needs_both_walks_next_to_each_other():
    p = plan()
    without_backward = p[:1] + p[2:]
    sequence = steps(without_backward, alternate_walks=True)
    assert [s.key for s in sequence] == [s.key for s in steps(without_backward)]


def test_right_half_then_switch_then_left_half_then_rest():
    sequence = by_slug(steps(plan()), "clam-shell")
    assert pause_between(sequence[0], sequence[1]) is Pause.SWITCH
    assert pause_between(sequence[1], sequence[2]) is Pause.REST
    walks = steps(plan())[:2]
    assert pause_between(*walks) is Pause.REST


def test_texts_say_the_set_the_leg_and_the_side_to_lie_on():
    sequence = steps(plan(sets=3))
    clam_right, clam_left = by_slug(sequence, "clam-shell")[2:4]
    assert clam_right.set_line() == "Set 2 of 3 \N{EN DASH} right leg"
    assert clam_right.reps_line() == "10 lifts"
    assert clam_right.position() == "Lie on your left side, right knee opens"
    assert clam_left.position() == "Lie on your right side, left knee opens"
    side_lift = by_slug(sequence, "side-leg-lift")[0]
    assert side_lift.position() == "Lie on your left side, right leg up"
    bridge = by_slug(sequence, "glute-bridge")[1]
    assert bridge.set_line() == "Set 2 of 3"
    assert bridge.reps_line() == "10 pulses"
    step = by_slug(sequence, "side-step")[1]
    assert step.set_line() == "Set 1 of 3 \N{EN DASH} to the left"
    assert switch_line(clam_left) == "Switch sides: roll over"
    assert switch_line(by_slug(sequence, "donkey-kick")[1]) == "Switch sides: change legs"


def test_next_line_names_a_new_exercise_and_its_position():
    sequence = steps(plan())
    donkey_last = by_slug(sequence, "donkey-kick")[-1]
    clam_first = by_slug(sequence, "clam-shell")[0]
    assert clam_first.next_line(donkey_last) == (
        "Next: Clam shell. Lie on your left side, right knee opens"
    )
    clam_second = by_slug(sequence, "clam-shell")[1]
    assert clam_second.next_line(clam_first) == (
        "Next: Set 1 of 2 \N{EN DASH} left leg. Lie on your right side, left knee opens"
    )
    walks = by_slug(sequence, "forward-walk")
    assert walks[1].next_line(walks[0]) == "Next: Set 2 of 2"


def test_voice_names_the_band_only_when_the_exercise_starts():
    sequence = steps(plan())
    first, second = by_slug(sequence, "clam-shell")[:2]
    assert first.voice(True) == (
        "Clam shell. Lie on your left side, right knee opens. "
        "Band: Around the lower thighs, just above the knees. 10 lifts."
    )
    assert second.voice(False) == "Set 1 of 2. Lie on your right side, left knee opens. 10 lifts."
    assert first.voice(True).params  # a Message the UI can translate piece by piece


def test_cue_changes_from_set_to_set():
    first, _, second, _ = by_slug(steps(plan()), "donkey-kick")
    assert first.cue() != second.cue()
    assert first.cue() in default_catalogue()["donkey-kick"].cues


def test_first_open_resumes_after_the_done_sets():
    sequence = steps(plan())
    done = {s.key for s in sequence[:7]}
    assert first_open(sequence, done) == 7
    assert first_open(sequence, {s.key for s in sequence}) is None
    assert is_first_of_exercise(sequence, 4) and not is_first_of_exercise(sequence, 5)
