import os
import selectors
import signal
import subprocess
import sys
from pathlib import Path

from bandtracker.store.db import database, open_database
from bandtracker.store.models import CompletedSet

CHILD = Path(__file__).with_name("tick_then_hang.py")
REPO = Path(__file__).resolve().parents[2]


def read_line(proc: subprocess.Popen, timeout: float = 60) -> str:
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    if not selector.select(timeout):
        proc.kill()
        raise AssertionError(f"child said nothing; stderr: {proc.stderr.read()}")
    return proc.stdout.readline().strip()


def test_a_tick_survives_sigkill_right_after_the_click(data_dir):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir), "Clam shell, set 1, left side"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert read_line(proc) == "checked"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    open_database(data_dir)
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = [(r.exercise, r.set_number, r.side) for r in CompletedSet.select()]
    assert rows == [("clam-shell", 1, "left")]
