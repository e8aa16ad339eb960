"""Month switch in the calendar with 10 years of history: turn the month, repainted.

Run: python -m bench.calendar_month [--rounds N]. Prints the median against the goal (8 ms)
and against a floor measured in the same run: a bare QCalendarWidget of the same size turning
its month and repainting. The calendar reads every tally once when first shown; a turn after
that runs no query (the SQL statements per turn are printed too).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from datetime import date, datetime, timedelta, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtWidgets import QApplication, QCalendarWidget  # noqa: E402

from bandtracker.state import AppState  # noqa: E402
from bandtracker.store.db import close_database, database, open_database  # noqa: E402
from bandtracker.ui.calendar.page import CalendarPage  # noqa: E402
from bench.seed import seed_history  # noqa: E402

TODAY = date(2026, 11, 24)
GOAL_MS = 8.0
SIZE = (1200, 860)


def clock() -> datetime:
    return datetime(2026, 11, 24, 18, 30, tzinfo=timezone(timedelta(hours=1)))


def turns(calendar: QCalendarWidget, rounds: int, paint: Callable[[], None]) -> list[float]:
    """Back through the months and forward again: each step shows a month not shown before."""
    times = []
    for n in range(rounds):
        start = time.perf_counter()
        if n % 3 == 2:
            calendar.showNextMonth()
        else:
            calendar.showPreviousMonth()
        paint()  # synchronously, so the frame is in the figure
        times.append((time.perf_counter() - start) * 1000)
    return times


def floor_ms(app: QApplication, rounds: int) -> float:
    calendar = QCalendarWidget()
    calendar.resize(*SIZE)
    calendar.show()
    app.processEvents()
    median = statistics.median(turns(calendar, rounds, calendar.repaint))
    calendar.close()
    return median


def app_ms(app: QApplication, data_dir: Path, rounds: int) -> tuple[float, float, int]:
    open_database(data_dir)
    state = AppState(clock)
    page = CalendarPage(state)
    page.resize(*SIZE)
    started = time.perf_counter()
    page.show()
    app.processEvents()
    first = (time.perf_counter() - started) * 1000
    seen: list[str] = []
    database.connection().set_trace_callback(seen.append)
    median = statistics.median(turns(page.calendar, rounds, page.calendar.repaint))
    database.connection().set_trace_callback(None)
    page.close()
    close_database()
    return median, first, len(seen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=120)
    rounds = parser.parse_args().rounds
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        started = time.perf_counter()
        sessions, sets = seed_history(folder, years=10, end=TODAY)
        close_database()
        print(f"seeded {sessions} sessions, {sets} sets in {time.perf_counter() - started:.1f} s")
        floor = floor_ms(app, rounds)
        median, first, statements = app_ms(app, folder, rounds)
    verdict = "ok" if median <= GOAL_MS else "SLOW"
    print(f"first show of the calendar (one run): {first:.1f} ms")
    print(f"floor (bare QCalendarWidget turn + repaint): {floor:.2f} ms")
    print(
        f"month turn + repaint, 10 years: {median:.2f} ms median "
        f"({median / floor:.2f}x the floor; goal <= {GOAL_MS:.0f} ms: {verdict})"
    )
    print(f"SQL statements over {rounds} turns: {statements}")


if __name__ == "__main__":
    main()
