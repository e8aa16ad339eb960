"""Each write path killed at sampled calls of each write-related system call (strace): after
every kill the file is sound, wholly before or after, and the next start needs no dialog."""

from __future__ import annotations

import pytest

from tests.safety.faults import PATHS, run_path, strace_available

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not strace_available(), reason="needs strace with fault injection (apt install strace)"
    ),
]

# Kill points per system call: the first calls, the last, and evenly between. About a minute
# for all six paths on two cores; bench/fault_injection.py tries every call.
PER_CALL = 4


@pytest.mark.parametrize("name", list(PATHS))
def test_a_kill_at_any_write_leaves_the_data_whole(name, tmp_path):
    tally = run_path(name, tmp_path / "faults", PER_CALL)
    print(f"{name}: {tally.survived} of {tally.tried} kills survived")
    assert tally.tried >= 5, "too few kills landed to mean anything"
    assert tally.failures == []
    assert tally.survived == tally.tried
