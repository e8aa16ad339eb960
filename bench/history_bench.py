"""Time the calendar on 10 years of history: turning the month, opening a day, the heatmap.

Run: python -m bench.history_bench  (prints medians against the issue's targets, and the
same steps on an empty database measured in the same run as the baseline).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from datetime import date, datetime, timedelta, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtWidgets import QApplication  # noqa: E402

from bandtracker.store.db import close_database, open_database  # noqa: E402
from bandtracker.ui.main_window import MainWindow  # noqa: E402
from bench.seed import seed_history  # noqa: E402

TODAY = date(2026, 11, 24)
TARGETS_MS = {"turn the month": 16.0, "open a day": 16.0, "draw the year heatmap": 50.0}
ROUNDS = 60


def clock() -> datetime:
    return datetime(2026, 11, 24, 18, 30, tzinfo=timezone(timedelta(hours=1)))


def median_ms(action: Callable[[int], None], rounds: int = ROUNDS) -> float:
    times = []
    for n in range(rounds):
        start = time.perf_counter()
        action(n)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(data_dir: Path) -> dict[str, float]:
    app = QApplication.instance() or QApplication([])
    started = time.perf_counter()
    open_database(data_dir)
    window = MainWindow(data_dir, clock=clock)
    window.resize(1280, 860)
    window.show()
    app.processEvents()
    startup = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    window.pages.setCurrentWidget(window.calendar_tab)
    app.processEvents()
    first_show = (time.perf_counter() - started) * 1000
    page = window.calendar
    calendar = page.calendar

    def turn(n: int) -> None:
        # Back through the years and forward again: every step loads a month not yet shown.
        if n % 2:
            calendar.showNextMonth()
        else:
            calendar.showPreviousMonth()
            calendar.showPreviousMonth()
        calendar.repaint()  # paint synchronously, so the frame is in the figure

    def open_day(n: int) -> None:
        page.select_day(TODAY - timedelta(days=3 + 7 * n))
        page.panel.repaint()
        calendar.repaint()

    def heatmap(n: int) -> None:
        page._load_heatmap()
        page.heatmap.repaint()

    results = {
        "turn the month": median_ms(turn),
        "open a day": median_ms(open_day),
        "draw the year heatmap": median_ms(heatmap),
        "startup (one run)": startup,
        "first calendar (one run)": first_show,
    }
    window.close()
    window.deleteLater()
    app.processEvents()
    close_database()
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        full = Path(tmp) / "full"
        open_database(empty)
        close_database()
        started = time.perf_counter()
        sessions, sets = seed_history(full, years=10, end=TODAY)
        print(f"seeded {sessions} sessions, {sets} sets in {time.perf_counter() - started:.1f} s")
        baseline = measure(empty)
        loaded = measure(full)
    print(f"{'step':24} {'empty':>9} {'10 years':>9} {'target':>8} {'ratio':>7}")
    for step in loaded:
        target = TARGETS_MS.get(step)
        if target is None:
            goal, verdict = f"{'-':>8}", ""
        else:
            goal, verdict = f"{target:6.0f}ms", "ok" if loaded[step] <= target else "SLOW"
        print(
            f"{step:24} {baseline[step]:7.2f}ms {loaded[step]:7.2f}ms {goal} "
            f"{loaded[step] / baseline[step]:6.2f}x {verdict}"
        )


if __name__ == "__main__":
    main()
