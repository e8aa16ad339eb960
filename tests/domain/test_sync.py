"""The sync merge and its clock: any interleaving, exchanged in any order, converges."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bandtracker.domain.sync import (
    FieldState,
    Hlc,
    Replica,
    SetId,
    SetState,
    changes,
    latest_stamp,
    merge,
    next_stamp,
    observed,
    ticked,
)

KEYS: list[SetId] = [
    (date(2026, 11, 24), "clam-shell", 1, "right"),
    (date(2026, 11, 24), "clam-shell", 1, "left"),
    (date(2026, 11, 24), "glute-bridge", 2, ""),
    (date(2026, 11, 26), "glute-bridge", 1, ""),
]
FIELDS = [("session:2026-11-24", "note"), ("setting:default_reps", ""), ("band:green", "colour")]


def test_stamps_encode_to_text_that_sorts_like_the_stamps():
    stamps = [Hlc(5, 0, "b"), Hlc(5, 1, "a"), Hlc(12, 0, "a"), Hlc(1_764_000_000_000, 3, "z")]
    assert sorted(s.encode() for s in stamps) == [s.encode() for s in sorted(stamps)]
    assert all(Hlc.decode(s.encode()) == s for s in stamps)


@pytest.mark.parametrize("text", ["", "12:3:a", "0000000000005:000000:", "x" * 30, "5:0:a:b"])
def test_a_stamp_that_is_not_one_is_refused(text):
    with pytest.raises(ValueError):
        Hlc.decode(text)


def test_a_clock_that_lags_still_stamps_later_than_what_it_has_seen():
    remote = Hlc(2_000_000, 7, "fast")
    last = observed(Hlc(1_000, 0, "slow"), [remote])
    mine = next_stamp(last, physical_ms=1_500, device="slow")
    assert mine > remote
    assert next_stamp(mine, 1_500, "slow") > mine
    assert next_stamp(mine, 3_000_000, "slow") == Hlc(3_000_000, 0, "slow")


@dataclass
class Device:
    name: str
    skew: int  # how far its wall clock is from the true time, in ms
    clock: Hlc | None = None
    replica: Replica = field(default_factory=Replica)

    def stamp(self, now: int) -> Hlc:
        self.clock = next_stamp(self.clock, now + self.skew, self.name)
        return self.clock

    def take(self, other: Replica) -> None:
        self.replica = merge([self.replica, other])
        self.clock = observed(
            self.clock, [latest_stamp(other)] if other.sets or other.fields else []
        )


ops = st.one_of(
    st.tuples(st.just("tick"), st.integers(0, 2), st.sampled_from(KEYS)),
    st.tuples(st.just("untick"), st.integers(0, 2), st.sampled_from(KEYS)),
    st.tuples(st.just("field"), st.integers(0, 2), st.sampled_from(FIELDS), st.text(max_size=3)),
    st.tuples(st.just("exchange"), st.integers(0, 2), st.integers(0, 2)),
    st.tuples(st.just("wait"), st.integers(0, 5000)),
)


@settings(max_examples=300, deadline=None)
@given(
    skews=st.lists(st.integers(-(10**7), 10**7), min_size=3, max_size=3),
    devices=st.integers(2, 3),
    script=st.lists(ops, max_size=40),
    final_orders=st.lists(st.permutations([0, 1, 2]), min_size=1, max_size=3),
)
def test_any_interleaving_converges_and_the_latest_change_to_each_set_wins(
    skews, devices, script, final_orders
):
    fleet = [Device(f"d{i}", skews[i]) for i in range(devices)]
    now = 1_764_000_000_000
    made: list[tuple[Hlc, SetId, bool]] = []
    for op in script:
        now += 1
        if op[0] == "wait":
            now += op[1]
            continue
        if op[0] == "exchange":
            a, b = op[1] % devices, op[2] % devices
            fleet[a].take(fleet[b].replica)
            continue
        d = fleet[op[1] % devices]
        stamp = d.stamp(now)
        if op[0] == "field":
            fields = dict(d.replica.fields)
            fields[op[2]] = FieldState(repr(op[3]), stamp.encode())
            d.replica = Replica(d.replica.sets, fields)
            continue
        done = op[0] == "tick"
        sets = dict(d.replica.sets)
        known = sets.get(op[2])
        if done and known is not None and known.ticked:
            continue  # ticking a ticked box changes nothing (as in the store)
        sets[op[2]] = SetState(done, stamp.encode(), 10 if done else 0, "green" if done else "")
        made.append((stamp, op[2], done))
        d.replica = Replica(sets, d.replica.fields)
    # Exchange everything, in any order and any number of rounds: every one ends the same.
    for order in final_orders:
        present = [i for i in order if i < devices]
        for i in present:
            for j in present:
                fleet[i].take(fleet[j].replica)
    for d in fleet:
        for other in fleet:
            d.take(other.replica)
    states = {
        (frozenset(d.replica.sets.items()), frozenset(d.replica.fields.items())) for d in fleet
    }
    assert len(states) == 1
    # The history keeps every set whose latest change, anywhere, was a tick; and only those.
    latest: dict[SetId, tuple[Hlc, bool]] = {}
    for stamp, key, done in made:
        if key not in latest or stamp > latest[key][0]:
            latest[key] = (stamp, done)
    assert ticked(fleet[0].replica) == {k for k, (_, done) in latest.items() if done}


@settings(max_examples=200, deadline=None)
@given(skew=st.integers(-(10**8), 10**8), gap=st.integers(0, 10**6))
def test_an_untick_wins_over_the_tick_it_undoes_and_loses_to_a_later_tick(skew, gap):
    key = KEYS[0]
    a, b = Device("a", 0), Device("b", skew)
    now = 1_764_000_000_000
    a.replica = Replica({key: SetState(True, a.stamp(now).encode(), 10, "green")})
    b.take(a.replica)
    b.replica = Replica({key: SetState(False, b.stamp(now + gap).encode())})
    a.take(b.replica)
    assert key not in ticked(a.replica)
    a.replica = Replica({key: SetState(True, a.stamp(now + gap + 1).encode(), 10, "green")})
    b.take(a.replica)
    assert key in ticked(b.replica)


replicas = st.builds(
    Replica,
    st.dictionaries(
        st.sampled_from(KEYS),
        st.builds(
            SetState,
            st.booleans(),
            st.builds(Hlc, st.integers(0, 5), st.integers(0, 2), st.sampled_from("ab")).map(
                Hlc.encode
            ),
        ),
    ),
    st.dictionaries(
        st.sampled_from(FIELDS),
        st.builds(
            FieldState,
            st.text(max_size=2),
            st.builds(Hlc, st.integers(0, 5), st.integers(0, 2), st.sampled_from("ab")).map(
                Hlc.encode
            ),
        ),
    ),
)


@settings(max_examples=300, deadline=None)
@given(a=replicas, b=replicas, c=replicas)
def test_merge_is_commutative_associative_and_idempotent(a, b, c):
    assert merge([a, b]) == merge([b, a])
    assert merge([merge([a, b]), c]) == merge([a, merge([b, c])])
    assert merge([a, a]) == merge([a])
    merged = merge([a, b])
    assert merge([a, changes(a, merged)]) == merged
