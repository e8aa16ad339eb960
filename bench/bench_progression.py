"""Speed of the settings-and-progression work on ten years of history (about 58,000 sets).

Prints medians in milliseconds and each one's ratio to loading a day's session (the baseline,
measured in the same run on the same file). Run: python bench/bench_progression.py
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import replace  # noqa: E402
from datetime import date, datetime, timedelta, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

from bandtracker.domain.catalogue import default_catalogue  # noqa: E402
from bandtracker.domain.prescription import sides_for  # noqa: E402
from bandtracker.store import progression, sessions  # noqa: E402
from bandtracker.store.db import database, open_database, write  # noqa: E402
from bandtracker.store.preferences import apply_preferences, load_preferences  # noqa: E402

TZ = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 24)
SESSIONS = 1560  # three a week for ten years


def seed() -> int:
    """Ten years of sessions stepping up the ladder; returns the number of sets written."""
    catalogue = default_catalogue()
    band_ids = [r[0] for r in database.execute_sql("SELECT id FROM band ORDER BY position")]
    sets_rows, snapshot_rows = [], []
    day = TODAY - timedelta(days=SESSIONS * 7 // 3)
    with write("seed the benchmark"):
        for n in range(SESSIONS):
            day += timedelta(days=2 if n % 3 else 3)
            if day >= TODAY:
                break
            cursor = database.execute_sql(
                "INSERT INTO session (day, started_at, note) VALUES (?, ?, '')",
                (day.isoformat(), datetime.combine(day, datetime.min.time(), TZ).isoformat()),
            )
            session_id = cursor.lastrowid
            rung = min(n // 120, 7)  # a step every 40 weeks or so
            band, sets = band_ids[rung // 2], 2 + rung % 2
            at = datetime.combine(day, datetime.min.time(), TZ).replace(hour=18).isoformat()
            for position, exercise in enumerate(catalogue.exercises):
                snapshot_rows.append((session_id, exercise.slug, position, sets, 10, band))
                for set_number in range(1, sets + 1):
                    for side in sides_for(exercise):
                        sets_rows.append(
                            (session_id, exercise.slug, set_number, side.value, 10, band, at)
                        )
        database.cursor().executemany(
            "INSERT INTO session_exercise (session_id, exercise, position, sets, reps, band_id) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            snapshot_rows,
        )
        database.cursor().executemany(
            "INSERT INTO completed_set (session_id, exercise, set_number, side, reps, band_id, "
            "completed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            sets_rows,
        )
    return len(sets_rows)


def median_ms(action: Callable[[], object], runs: int = 30) -> float:
    action()  # warm caches once, as a user's second look would
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bandtracker-bench-"))
    open_database(folder)
    count = seed()
    print(f"seeded {count} sets in {SESSIONS} sessions")
    sessions.tick(TODAY, sessions.load_day(TODAY).plan[0].slots()[0], datetime.now(TZ))

    from PySide6.QtWidgets import QApplication

    from bandtracker.state import AppState
    from bandtracker.ui.preferences.dialog import PreferencesDialog
    from bandtracker.ui.progress.page import ProgressPage

    app = QApplication.instance() or QApplication([])
    state = AppState(lambda: datetime.combine(TODAY, datetime.min.time(), TZ).replace(hour=18))
    progress = ProgressPage(state)
    progress.resize(1280, 800)
    progress.show()
    progress.show_exercise("side-step")
    prefs = load_preferences()

    def apply_twice() -> None:
        apply_preferences(replace(prefs, default_sets=3))
        apply_preferences(prefs)

    baseline = median_ms(lambda: sessions.load_day(TODAY))
    results = {
        "load today's session (baseline)": baseline,
        "step-up suggestions for 9 exercises": median_ms(
            lambda: progression.suggestions(TODAY, state.settings, state.current_plan())
        ),
        "one exercise's full history (data)": median_ms(
            lambda: progression.exercise_history("side-step")
        ),
        "Progress page refresh + chart paint": median_ms(
            lambda: (progress.refresh(), progress.chart.repaint()), 10
        ),
        "open the Preferences dialog": median_ms(lambda: PreferencesDialog(state).deleteLater()),
        "save preferences (one transaction, x2)": median_ms(apply_twice, 10),
    }
    width = max(len(k) for k in results)
    for name, ms in results.items():
        print(f"{name:<{width}}  {ms:8.2f} ms  x{ms / baseline:6.2f}")
    app.processEvents()


if __name__ == "__main__":
    main()
