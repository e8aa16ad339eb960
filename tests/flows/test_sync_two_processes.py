"""Two computers (two data folders, two processes) ticking offline, then exchanging."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.flows.test_sync_window import other_computer


def cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bandtracker", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    return out


def test_two_computers_ticking_offline_end_with_the_same_history(tmp_path: Path):
    shared = tmp_path / "shared"
    shared.mkdir()
    a, b = tmp_path / "a", tmp_path / "b"
    alone_a, alone_b = tmp_path / "alone-a", tmp_path / "alone-b"
    alone_a.mkdir()
    alone_b.mkdir()
    # Offline: each syncs only with a folder of its own, so neither sees the other yet.
    other_computer(a, alone_a, "2026-11-24", "+clam-shell/1/right", "+glute-bridge/1/")
    other_computer(a, alone_a, "2026-11-26", "+glute-bridge/2/")
    other_computer(b, alone_b, "2026-11-24", "+clam-shell/1/left", "+glute-bridge/1/")
    other_computer(b, alone_b, "2026-11-25", "+forward-walk/1/")
    # Online: both point at the shared folder, at the same time, then once more each.
    first = [cli("--data-dir", str(d), "sync", "--folder", str(shared)) for d in (a, b)]
    for process in first:
        assert finish(process).startswith("Synced:")
    second = [cli("sync", "--data-dir", str(d)) for d in (a, b)]
    for process in second:
        finish(process)
    exports = [finish(cli("--data-dir", str(d), "export", "--format", "csv")) for d in (a, b)]
    assert exports[0] == exports[1]
    rows = exports[0].splitlines()[1:]
    assert len(rows) == 5  # the bridge set ticked on both is one set
    assert finish(cli("--data-dir", str(a), "sync", "--off")).strip() == "Sync is off."
