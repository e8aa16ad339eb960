"""Folder sync's rules, pure: a hybrid logical clock, and merging what several computers know."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple, Protocol, TypeVar

# One clock reading: wall milliseconds, a counter for readings within one millisecond (or while
# the wall clock lags a stamp already seen), and the device, which breaks the last ties.
WALL_DIGITS, COUNTER_DIGITS = 13, 6
MAX_WALL = 10**WALL_DIGITS - 1
MAX_COUNTER = 10**COUNTER_DIGITS - 1
# Fixed widths, so that the text sorts as the stamps do; a device id is printable ASCII, no ':'.
_STAMP = re.compile(rf"([0-9]{{{WALL_DIGITS}}}):([0-9]{{{COUNTER_DIGITS}}}):([!-9;-~]{{1,64}})")


class Hlc(NamedTuple):
    """A hybrid logical clock stamp; ordered as (wall, counter, device), text sorts the same.

    A tuple, so that tens of thousands of them are made and compared quickly.
    """

    wall: int
    counter: int
    device: str

    def encode(self) -> str:
        return f"{self.wall:0{WALL_DIGITS}d}:{self.counter:0{COUNTER_DIGITS}d}:{self.device}"

    @staticmethod
    def decode(text: str) -> Hlc:
        """The stamp written as `text`; ValueError for anything else."""
        match = _STAMP.fullmatch(text)
        if match is None:
            raise ValueError(f"not a clock stamp: {text!r}")
        return Hlc(int(match[1]), int(match[2]), match[3])


def next_stamp(last: Hlc | None, physical_ms: int, device: str) -> Hlc:
    """The stamp for a local change made at `physical_ms`: later than every stamp seen so far.

    A wall clock that is behind (or jumped back) cannot make a change look older than one it
    already knew about: the counter carries the order instead.
    """
    physical_ms = max(0, min(physical_ms, MAX_WALL))
    if last is None or physical_ms > last.wall:
        return Hlc(physical_ms, 0, device)
    if last.counter < MAX_COUNTER:
        return Hlc(last.wall, last.counter + 1, device)
    return Hlc(last.wall + 1, 0, device)


def observed(last: Hlc | None, seen: Iterable[Hlc]) -> Hlc | None:
    """The clock after reading stamps from elsewhere: the latest of all."""
    for stamp in seen:
        if last is None or stamp > last:
            last = stamp
    return last


# A set is named by its day and its place in the routine: (day, exercise slug, set number, side).
SetId = tuple[date, str, int, str]
# A field is a note or time of a day's session, a setting, or one property of a band.
FieldId = tuple[str, str]


def is_stamp(text: str) -> bool:
    """Whether `text` is an encoded stamp (Hlc.encode): what replicas hold and compare."""
    return _STAMP.fullmatch(text) is not None


class SetState(NamedTuple):
    """The latest change to one set: ticked (with what it was done with) or unticked.

    Stamps are kept encoded: the text sorts as the stamps do, and ten years of history are
    compared without decoding tens of thousands of them. Tuples, so comparing is quick too.
    """

    ticked: bool
    stamp: str
    reps: int = 0
    band: str = ""
    completed_at: str = ""


class FieldState(NamedTuple):
    """A field's value as canonical JSON text (JSON null: not set), and when it was set."""

    value: str
    stamp: str


@dataclass(frozen=True)
class Replica:
    """Everything one computer knows, as the latest change per set and per field."""

    sets: Mapping[SetId, SetState] = field(default_factory=dict)
    fields: Mapping[FieldId, FieldState] = field(default_factory=dict)


def _later_set(a: SetState, b: SetState) -> SetState:
    if a.stamp != b.stamp:
        return a if a.stamp > b.stamp else b
    # The same stamp is the same change; should two files disagree anyway, pick by content so
    # that every computer picks the same one whatever the order it reads them in.
    return max(a, b, key=lambda s: (s.ticked, s.reps, s.band, s.completed_at))


def _later_field(a: FieldState, b: FieldState) -> FieldState:
    if a.stamp != b.stamp:
        return a if a.stamp > b.stamp else b
    return a if a.value >= b.value else b


class _Stamped(Protocol):
    @property
    def stamp(self) -> str: ...


S = TypeVar("S", bound=_Stamped)
K = TypeVar("K")


def _take(into: dict[K, S], changes: Mapping[K, S], later: Callable[[S, S], S]) -> None:
    for key, state in changes.items():
        known = into.get(key)
        if known is None or state.stamp > known.stamp:
            into[key] = state
        elif state.stamp == known.stamp and state != known:
            into[key] = later(known, state)


def merge(replicas: Iterable[Replica]) -> Replica:
    """Per set and per field, the latest change wins (by stamp). Commutative, associative and
    idempotent, so every computer that has read the same files holds the same history."""
    sets: dict[SetId, SetState] = {}
    fields: dict[FieldId, FieldState] = {}
    for replica in replicas:
        _take(sets, replica.sets, _later_set)
        _take(fields, replica.fields, _later_field)
    return Replica(sets, fields)


def changes(local: Replica, merged: Replica) -> Replica:
    """What `local` must take from `merged` to equal it (merged always contains local)."""
    return Replica(
        {k: s for k, s in merged.sets.items() if local.sets.get(k) != s},
        {k: f for k, f in merged.fields.items() if local.fields.get(k) != f},
    )


def ticked(replica: Replica) -> frozenset[SetId]:
    """The sets the history shows as done."""
    return frozenset(k for k, s in replica.sets.items() if s.ticked)


def latest_stamp(replica: Replica) -> Hlc | None:
    stamps = [s.stamp for s in replica.sets.values()] + [f.stamp for f in replica.fields.values()]
    return Hlc.decode(max(stamps)) if stamps else None
