"""Floor mode's steps: the day's sets in the order they are done, the pauses, their words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from bandtracker.domain.catalogue import Exercise
from bandtracker.domain.prescription import PlannedExercise, SetKey, Side
from bandtracker.i18n import CATALOGUE, Message, joined, term

MIN_SWITCH_SECONDS, MAX_SWITCH_SECONDS, DEFAULT_SWITCH_SECONDS = 0, 15, 5
CUE_MODES = ("voice", "sounds", "silent")
DEFAULT_CUE_MODE = "sounds"
# The two walks go up and back along the same line: the seed walks ten steps forward "and then"
# ten backward, so they may be done as alternating sets (forward 1, backward 1, forward 2...).
WALKS = ("forward-walk", "backward-walk")


class Posture(Enum):
    """How the body is placed, which decides what a side means for the exercise (from the seed)."""

    WALK = "walk"  # standing; no sides
    SIDE_STEP = "side-step"  # standing; the side is the direction of the steps
    BACK = "back"  # lying on the back; the side is the leg that lifts
    SIDE = "side"  # lying on one side; the top leg works, so the right leg lies on the left side
    STOMACH = "stomach"  # face down; the side is the leg that lifts
    ALL_FOURS = "all-fours"  # table top; the side is the leg that kicks
    CLAM = "clam"  # lying on one side, knees bent; the top knee opens
    BRIDGE = "bridge"  # on the back, feet flat; both legs


POSTURES = {
    "forward-walk": Posture.WALK,
    "backward-walk": Posture.WALK,
    "side-step": Posture.SIDE_STEP,
    "back-leg-lift": Posture.BACK,
    "side-leg-lift": Posture.SIDE,
    "front-leg-lift": Posture.STOMACH,
    "donkey-kick": Posture.ALL_FOURS,
    "clam-shell": Posture.CLAM,
    "glute-bridge": Posture.BRIDGE,
}


class Pause(Enum):
    """What comes between two sets."""

    REST = "rest"  # the rest between sets (Preferences: rest timer)
    SWITCH = "switch"  # from the right half of a set to the left half: roll over or change legs


@dataclass(frozen=True)
class Step:
    """One set to do, with what the screen and the voice say about it."""

    planned: PlannedExercise
    key: SetKey

    @property
    def exercise(self) -> Exercise:
        return self.planned.exercise

    @property
    def sets(self) -> int:
        return max(self.planned.prescription.sets, self.key.set_number)

    @property
    def reps(self) -> int:
        return self.planned.prescription.reps

    @property
    def posture(self) -> Posture | None:
        return POSTURES.get(self.exercise.slug)

    def name(self) -> Message:
        return term(CATALOGUE, self.exercise.name)

    def set_line(self) -> Message:
        """ "Set 2 of 3 - right leg", or "Set 2 of 3" for an exercise done on both legs."""
        n, m = self.key.set_number, self.sets
        if self.key.side is Side.NONE:
            return Message("Set {number} of {sets}", number=n, sets=m)
        if self.posture is Posture.SIDE_STEP:
            if self.key.side is Side.RIGHT:
                return Message("Set {number} of {sets} \N{EN DASH} to the right", number=n, sets=m)
            return Message("Set {number} of {sets} \N{EN DASH} to the left", number=n, sets=m)
        if self.key.side is Side.RIGHT:
            return Message("Set {number} of {sets} \N{EN DASH} right leg", number=n, sets=m)
        return Message("Set {number} of {sets} \N{EN DASH} left leg", number=n, sets=m)

    def reps_line(self) -> Message:
        """ "10 lifts"."""
        return Message(
            "{reps} {unit}", reps=self.reps, unit=term(CATALOGUE, self.exercise.unit(self.reps))
        )

    def placement(self) -> Message:
        return term(CATALOGUE, self.exercise.band_placement)

    def cue(self) -> Message | None:
        """One short form cue; a different one on each set, so a long session is not one refrain."""
        cues = self.exercise.cues
        if not cues:
            return None
        return term(CATALOGUE, cues[(self.key.set_number - 1) % len(cues)])

    def position(self) -> Message | None:
        """Where the body goes and what works: "Lie on your left side, right leg up"."""
        return _position(self.posture, self.key.side)

    def voice(self, first_of_exercise: bool) -> Message:
        """What the voice says when this step comes up.

        The band's place is said only for an exercise's first set; after that it has not moved.
        """
        position = self.position()
        head = (
            Message("{exercise}.", exercise=self.name())
            if first_of_exercise
            else Message("Set {number} of {sets}.", number=self.key.set_number, sets=self.sets)
        )
        parts: list[str] = [head]
        if position is not None:
            parts.append(Message("{position}.", position=position))
        if first_of_exercise:
            parts.append(Message("Band: {placement}.", placement=self.placement()))
        parts.append(Message("{reps}.", reps=self.reps_line()))
        return joined(" ", parts)

    def next_line(self, previous: Step | None) -> Message:
        """ "Next: Clam shell, lie on your left side, right leg up", shown during a pause."""
        if previous is not None and previous.exercise.slug == self.exercise.slug:
            position = self.position()
            if position is not None and previous.key.side != self.key.side:
                return Message(
                    "Next: {set_line}. {position}", set_line=self.set_line(), position=position
                )
            return Message("Next: {set_line}", set_line=self.set_line())
        position = self.position()
        if position is None:
            return Message("Next: {exercise}", exercise=self.name())
        return Message("Next: {exercise}. {position}", exercise=self.name(), position=position)


# (right, left) for each posture where a side means something; the facts are the seed's.
_SIDED: dict[Posture, tuple[Message, Message]] = {
    Posture.SIDE_STEP: (
        Message("Knees soft, step to the right"),
        Message("Knees soft, step to the left"),
    ),
    Posture.BACK: (Message("On your back, right leg up"), Message("On your back, left leg up")),
    # The top leg lifts: the right leg works lying on the left side.
    Posture.SIDE: (
        Message("Lie on your left side, right leg up"),
        Message("Lie on your right side, left leg up"),
    ),
    Posture.STOMACH: (
        Message("On your stomach, right leg up"),
        Message("On your stomach, left leg up"),
    ),
    Posture.ALL_FOURS: (
        Message("On all fours, right leg kicks"),
        Message("On all fours, left leg kicks"),
    ),
    # Clam shell: the top knee opens, so again the right leg works lying on the left side.
    Posture.CLAM: (
        Message("Lie on your left side, right knee opens"),
        Message("Lie on your right side, left knee opens"),
    ),
}


def _position(posture: Posture | None, side: Side) -> Message | None:
    if posture is Posture.BRIDGE:
        return Message("Lie on your back, feet flat, knees bent")
    pair = _SIDED.get(posture) if posture is not None else None
    if pair is None or side is Side.NONE:
        return None
    return pair[0] if side is Side.RIGHT else pair[1]


def steps(plan: Iterable[PlannedExercise], alternate_walks: bool = False) -> tuple[Step, ...]:
    """Every set of the plan in the order it is done.

    Right before left within a set (all reps on one side, then switch), set by set, exercise by
    exercise. With `alternate_walks`, the two band walks, when both are planned one after the
    other, take turns set by set.
    """
    plan = tuple(plan)
    out: list[Step] = []
    i = 0
    while i < len(plan):
        planned = plan[i]
        following = plan[i + 1] if i + 1 < len(plan) else None
        if (
            alternate_walks
            and following is not None
            and (planned.exercise.slug, following.exercise.slug) == WALKS
        ):
            first, second = planned.slots(), following.slots()
            for n in range(max(len(first), len(second))):
                if n < len(first):
                    out.append(Step(planned, first[n]))
                if n < len(second):
                    out.append(Step(following, second[n]))
            i += 2
            continue
        out.extend(Step(planned, key) for key in planned.slots())
        i += 1
    return tuple(out)


def pause_between(before: Step, after: Step) -> Pause:
    """The right half of a set is followed by a side switch; everything else by a rest."""
    if (
        before.exercise.slug == after.exercise.slug
        and before.key.set_number == after.key.set_number
        and before.key.side is Side.RIGHT
        and after.key.side is Side.LEFT
    ):
        return Pause.SWITCH
    return Pause.REST


def pause_seconds(pause: Pause, rest_seconds: int, switch_seconds: int) -> int:
    return switch_seconds if pause is Pause.SWITCH else rest_seconds


def first_open(sequence: tuple[Step, ...], done: Iterable[SetKey]) -> int | None:
    """The index of the first step not done yet (None when the day is complete)."""
    done_keys = frozenset(done)
    for index, step in enumerate(sequence):
        if step.key not in done_keys:
            return index
    return None


def is_first_of_exercise(sequence: tuple[Step, ...], index: int) -> bool:
    """Whether the step at `index` starts its exercise (so the band goes on now)."""
    if index == 0:
        return True
    return sequence[index - 1].exercise.slug != sequence[index].exercise.slug


def switch_line(after: Step) -> Message:
    """What the switch countdown says: roll over, change legs or turn round."""
    if after.posture in (Posture.SIDE, Posture.CLAM):
        return Message("Switch sides: roll over")
    if after.posture is Posture.SIDE_STEP:
        return Message("Switch sides: step back the other way")
    return Message("Switch sides: change legs")


def rest_line() -> Message:
    return Message("Rest")


def finished_line() -> Message:
    return Message("Routine done. Well done!")


def go_line() -> Message:
    return Message("Go")


def set_done_line() -> Message:
    return Message("Set done")


def progress_line(done: int, total: int) -> Message:
    return Message("{done} of {total} sets", done=done, total=total)
