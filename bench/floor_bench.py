"""Floor mode: from a key press on the floor window to the next step painted.

Run: python -m bench.floor_bench [--rounds N]. On a 10-year history, a 1920x1080 floor window
goes through the whole day's routine by Space presses (each press saves a set, starts the rest
countdown and shows what comes next), then undoes it all, N times. Each press is timed from the
key event to the end of the synchronous repaint, so the figure includes the saved row and the
new picture. Measured against a floor in the same run: the same key press and repaint on a plain
widget that does nothing, the least any key press to a painted window can cost here.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QWidget  # noqa: E402

from bandtracker.domain.clock import system_clock  # noqa: E402
from bandtracker.state import AppState  # noqa: E402
from bandtracker.store.db import close_database, open_database  # noqa: E402
from bandtracker.ui.floor.cues import SilentPlayer  # noqa: E402
from bandtracker.ui.floor.mode import FloorMode  # noqa: E402
from bandtracker.ui.inhibit import NoInhibitor  # noqa: E402
from bench.seed import seed_history  # noqa: E402

BUDGET_MS = 50  # a press must show its next step well within a glance


def press_ms(widget: QWidget) -> float:
    began = time.perf_counter()
    QTest.keyClick(widget, Qt.Key.Key_Space)
    widget.repaint()
    return (time.perf_counter() - began) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        _, sets = seed_history(data_dir)
        open_database(data_dir)
        state = AppState(system_clock)
        holder = QWidget()
        floor = FloorMode(
            state, holder, player=SilentPlayer(), full_screen=False, inhibitor=NoInhibitor()
        )
        floor.start()
        window = floor.window
        assert window is not None
        window.resize(1920, 1080)
        app.processEvents()
        baseline = QLabel("floor")
        baseline.resize(1920, 1080)
        baseline.show()
        app.processEvents()

        times, base = [], []
        total = floor.session.total
        for _ in range(options.rounds):
            for n in range(total):
                times.append(press_ms(window))
                app.processEvents()
                assert state.today.done_count == n + 1, "the press did not save its set"
                base.append(press_ms(baseline))
            while state.undo_stack.canUndo():
                state.undo_stack.undo()
            app.processEvents()
        floor.stop()
        close_database()

    def row(name: str, values: list[float]) -> str:
        p95 = statistics.quantiles(values, n=20)[18]
        return f"{name:<52} {statistics.median(values):7.2f} {p95:7.2f} {max(values):7.2f}"

    print(f"floor mode: key press to next step painted, {len(times)} presses, {sets} sets stored")
    print(f"{'case':<52} {'median':>7} {'p95':>7} {'max':>7}  (ms)")
    print(row("floor: Space + repaint of a plain 1920x1080 label", base))
    print(row("floor mode: set saved, next step painted", times))
    verdict = "within" if statistics.quantiles(times, n=20)[18] <= BUDGET_MS else "OVER"
    print(f"p95 {verdict} the budget of {BUDGET_MS} ms")


if __name__ == "__main__":
    main()
