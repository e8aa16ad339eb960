"""What a session asks of each exercise (sets, reps, band) and the set boxes that follow from it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from bandtracker.domain.catalogue import Exercise
from bandtracker.i18n import CATALOGUE, Message, term

MIN_SETS, MAX_SETS = 1, 5
MIN_REPS, MAX_REPS = 5, 30
# History can hold counts typed by hand or imported from elsewhere; anything in this range is kept.
MAX_RECORDED_REPS = 999
MAX_RECORDED_SET = 99


class Side(str, Enum):
    NONE = ""
    RIGHT = "right"
    LEFT = "left"

    @property
    def label(self) -> str:
        return {Side.NONE: "", Side.RIGHT: "Right", Side.LEFT: "Left"}[self]


def sides_for(exercise: Exercise) -> tuple[Side, ...]:
    # The routine works the right side first, then switches: right comes first in every set.
    return (Side.RIGHT, Side.LEFT) if exercise.each_side else (Side.NONE,)


@dataclass(frozen=True, order=True)
class SetKey:
    """One box to tick: a set of an exercise, on one side where the exercise is done each side."""

    exercise: str
    set_number: int
    side: Side = Side.NONE


@dataclass(frozen=True)
class Prescription:
    sets: int
    reps: int
    band: str


@dataclass(frozen=True)
class PlannedExercise:
    exercise: Exercise
    prescription: Prescription

    def slots(self, extra_sets: int = 0) -> tuple[SetKey, ...]:
        """Boxes in the order they are done: set 1 right, set 1 left, set 2 right..."""
        return tuple(
            SetKey(self.exercise.slug, n, side)
            for n in range(1, self.prescription.sets + extra_sets + 1)
            for side in sides_for(self.exercise)
        )

    def describe(self) -> Message:
        p = self.prescription
        unit = term(CATALOGUE, self.exercise.unit(p.reps))
        if self.exercise.each_side:
            return Message(
                "{sets} \N{MULTIPLICATION SIGN} {reps} {unit}, each side",
                sets=p.sets,
                reps=p.reps,
                unit=unit,
            )
        return Message(
            "{sets} \N{MULTIPLICATION SIGN} {reps} {unit}", sets=p.sets, reps=p.reps, unit=unit
        )


def slot_label(key: SetKey) -> str:
    return f"Set {key.set_number}, {key.side.value} side" if key.side else f"Set {key.set_number}"


def accessible_name(exercise: Exercise, key: SetKey) -> str:
    """The name screen readers and automation use for a set's check box; keep it exactly so."""
    base = f"{exercise.name}, set {key.set_number}"
    return f"{base}, {key.side.value} side" if key.side is not Side.NONE else base


def all_slots(plan: Iterable[PlannedExercise]) -> tuple[SetKey, ...]:
    return tuple(key for planned in plan for key in planned.slots())
