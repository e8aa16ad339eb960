"""Startup to a painted window, empty and with 10 years of history, against the stack's floor.

Run: python -m bench.startup [--runs N]

The floor is what any app on this stack pays: a bare PySide6 main window holding a calendar that
imports peewee, opens the 10-year database with the app's pragmas, runs one query, then paints.
A bare window with a calendar is shown too, for reference. All are measured in the same run and
interleaved, because these machines are shared and noisy: ratios of medians count.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import os, resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def report():
    # The moment of the paint, on the wall clock the parent started its timer with: closing
    # the database and leaving are not part of startup.
    painted_at = time.time()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stdout.write(f"painted {peak_kib} {painted_at!r}\n"); sys.stdout.flush()
    if sys.argv[1] == "app":
        # Close as the app does on quit, so the next run starts after a clean close.
        from bandtracker.store.db import close_database
        close_database()
    os._exit(0)

class FirstExpose(QObject):
    # Watches the window's own QWindow only. An application-wide Python event filter would
    # route every event of every widget through Python and make PySide build the Python type
    # of each object it meets: that cost the app ~100 ms that no user ever pays.
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Expose:
            # Qt paints every widget of the window while it handles the expose; a zero timer
            # fires after that paint pass.
            QTimer.singleShot(0, report)
            obj.removeEventFilter(self)
        return False

def watch(window):
    window.winId()  # makes the native window, so the expose can be watched before it comes
    window.windowHandle().installEventFilter(watcher)

watcher = FirstExpose()
if sys.argv[1] in ("baseline", "floor"):
    from PySide6.QtWidgets import QCalendarWidget
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    calendar = QCalendarWidget()
    if sys.argv[1] == "floor":
        import peewee
        db = peewee.SqliteDatabase(
            sys.argv[2],
            pragmas=(("journal_mode", "wal"), ("synchronous", "full"), ("foreign_keys", 1),
                     ("busy_timeout", 2000)),
        )
        db.connect()
        count = db.execute_sql("SELECT COUNT(*) FROM session").fetchone()[0]
        calendar.setToolTip(f"{count} sessions")
    window.setCentralWidget(calendar)
    window.resize(1180, 800)
    watch(window)
    window.show()
    app.exec()
else:
    # The installed `bandtracker` command's own path: argument parsing, then the window. The
    # window class is imported here to watch it, so the PySide import check is sped up first,
    # as cli.open_window does before any widget module loads.
    from bandtracker.cli import main
    from bandtracker.ui.pyside_imports import speed_up_pyside_import_hook
    speed_up_pyside_import_hook()
    from bandtracker.ui.main_window import MainWindow

    show = MainWindow.show
    def watched_show(self):
        watch(self)
        show(self)
    MainWindow.show = watched_show
    main(["--data-dir", sys.argv[2]])
"""


def run_once(args: list[str]) -> tuple[float, int]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    began = time.time()  # the wall clock, which the child reads too when it has painted
    out = subprocess.run(
        [sys.executable, "-c", CHILD, *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    ).stdout
    word, peak, painted_at = out.split()
    assert word == "painted", out
    return float(painted_at) - began, int(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    options = parser.parse_args()

    import compileall

    import bandtracker
    from bench.seed import seed_history

    # An installed app has its bytecode compiled by pip; a checkout may not (and
    # PYTHONDONTWRITEBYTECODE may be set), so compile it first to measure what users get.
    compileall.compile_dir(Path(bandtracker.__file__).parent, quiet=1)

    with tempfile.TemporaryDirectory() as tmp:
        empty, full = Path(tmp, "empty"), Path(tmp, "full")
        _, sets = seed_history(full)
        seed_history(empty, years=0)
        from bandtracker.store.db import database_path

        floor = "floor (+ peewee, open, one query)"
        cases = {
            "bare window + calendar": ["baseline"],
            floor: ["floor", str(database_path(full))],
            "Band Tracker, empty database": ["app", str(empty)],
            f"Band Tracker, 10 years ({sets} sets)": ["app", str(full)],
        }
        run_once(["baseline"])  # warm the file cache so the first case is not penalised
        samples: dict[str, list[tuple[float, int]]] = {name: [] for name in cases}
        for _ in range(options.runs):
            for name, args in cases.items():
                samples[name].append(run_once(args))

    base_time = statistics.median(t for t, _ in samples[floor])
    base_mem = statistics.median(m for _, m in samples[floor])
    print(f"startup to first paint, median of {options.runs} interleaved runs")
    print(f"{'case':<42} {'wall ms':>8} {'ratio':>6} {'peak MiB':>9} {'ratio':>6}")
    for name, values in samples.items():
        wall = statistics.median(t for t, _ in values)
        mem = statistics.median(m for _, m in values)
        print(
            f"{name:<42} {wall * 1000:8.0f} {wall / base_time:6.2f} "
            f"{mem / 1024:9.1f} {mem / base_mem:6.2f}"
        )
    print("ratios against the floor; goal: <= 1.50x in wall time, history size no slower")


if __name__ == "__main__":
    main()
