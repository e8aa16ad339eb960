"""Two real databases and one folder, under random interleavings of ticks, unticks and syncs."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bandtracker.domain.prescription import SetKey, Side
from bandtracker.store import sessions
from tests.store.sync.helpers import history, on, sync

DAY = date(2026, 11, 24)
KEYS = [SetKey("clam-shell", 1, Side.RIGHT), SetKey("glute-bridge", 1), SetKey("glute-bridge", 2)]

steps = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["tick", "untick"]), st.integers(0, 1), st.integers(0, 2)),
        st.tuples(st.just("sync"), st.integers(0, 1)),
    ),
    max_size=12,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(script=steps)
def test_any_interleaving_ends_equal_and_keeps_every_set_nobody_unticked(script):
    work = Path(tempfile.mkdtemp())
    try:
        folder = work / "shared"
        folder.mkdir()
        computers = [work / "a", work / "b"]
        ticked_somewhere, unticked_somewhere = set(), set()
        for step in script:
            where = computers[step[1]]
            if step[0] == "sync":
                sync(where, folder)
                continue
            key = KEYS[step[2]]
            with on(where):
                if step[0] == "tick":
                    sessions.tick(DAY, key, datetime.now().astimezone())
                    ticked_somewhere.add(key)
                elif key in sessions.load_day(DAY).done:
                    sessions.untick(DAY, key)
                    unticked_somewhere.add(key)
        for where in computers + computers:
            sync(where, folder)
        assert history(computers[0]) == history(computers[1])
        done = {(row[1], row[2], row[3]) for row in history(computers[0])[0]}
        for key in ticked_somewhere - unticked_somewhere:
            assert (key.exercise, key.set_number, key.side.value) in done
        assert {SetKey(e, n, Side(s)) for e, n, s in done} <= ticked_somewhere
    finally:
        shutil.rmtree(work)
