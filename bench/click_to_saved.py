"""Click to repainted: from the click on a set's box to the box and the progress bar repainted.

Run: python -m bench.click_to_saved [--clicks N]. The app runs on a 10-year history; the floor,
measured in the same run and interleaved with it, is a bare PySide6 window with 30 QCheckBoxes
where each click commits one row through peewee with the app's pragmas (WAL, synchronous=FULL,
foreign keys). Also printed: the SQL statements one tick runs, before and after the calendar and
progress pages are built, and memory after each of 3 x 1,000 tick/untick pairs.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import peewee  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QCheckBox,
    QGridLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QWidget,
)

from bandtracker.store import sessions  # noqa: E402
from bandtracker.store.db import close_database, database  # noqa: E402
from bandtracker.ui.app import start  # noqa: E402
from bandtracker.ui.main_window import MainWindow  # noqa: E402
from bench.seed import seed_history  # noqa: E402

FLOOR_PRAGMAS = (("journal_mode", "wal"), ("synchronous", "full"), ("foreign_keys", 1))


class FloorWindow(QMainWindow):
    """30 check boxes; each toggle inserts or deletes one row in one transaction."""

    def __init__(self, path: Path, with_progress: bool = False) -> None:
        super().__init__()
        self.db = peewee.SqliteDatabase(str(path), pragmas=FLOOR_PRAGMAS)
        self.db.execute_sql("CREATE TABLE done (box INTEGER PRIMARY KEY, at TEXT NOT NULL)")
        self.done = 0
        grid = QGridLayout()
        # The reference row: the same, plus what the app shows besides the box (a count and a
        # progress bar), to see what the goal leaves for everything else.
        self.bar: QProgressBar | None = None
        if with_progress:
            self.count = QLabel("0 of 30 sets")
            self.bar = QProgressBar()
            self.bar.setMaximum(30)
            self.bar.setTextVisible(False)
            grid.addWidget(self.count, 10, 0)
            grid.addWidget(self.bar, 10, 1, 1, 2)
        self.boxes: list[QCheckBox] = []
        for i in range(30):
            box = QCheckBox(f"Set {i + 1}")
            box.toggled.connect(lambda on, i=i: self.save(i, on))
            grid.addWidget(box, i // 3, i % 3)
            self.boxes.append(box)
        central = QWidget()
        central.setLayout(grid)
        self.setCentralWidget(central)

    def save(self, box: int, on: bool) -> None:
        with self.db.atomic():
            if on:
                self.db.execute_sql("INSERT INTO done VALUES (?, datetime('now'))", (box,))
            else:
                self.db.execute_sql("DELETE FROM done WHERE box = ?", (box,))
        self.done += 1 if on else -1
        if self.bar is not None:
            self.count.setText(f"{self.done} of 30 sets")
            self.bar.setValue(self.done)


def click_to_repainted_ms(box: QCheckBox) -> float:
    """Click, then let Qt run what the click posted, including the repaint of the window."""
    app = QApplication.instance()
    assert app is not None
    was = box.isChecked()
    # On the indicator: a plain QCheckBox takes clicks on its indicator and text only.
    began = time.perf_counter()
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    app.processEvents()
    took = (time.perf_counter() - began) * 1000
    assert box.isChecked() != was, "the click did not change the box"
    return took


def app_boxes(window: MainWindow) -> list[QCheckBox]:
    return [box for card in window.today.cards for box in card.boxes.values()]


def statements_of(action: Callable[[], None]) -> list[str]:
    """The statements `action` runs. SQLite reports each step of a trigger under the text of the
    statement that fired it; those repeats are counted once, with their statement."""
    seen: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(seen.append)
    try:
        action()
        app = QApplication.instance()
        assert app is not None
        app.processEvents()  # the work a tick defers runs here, and counts
    finally:
        connection.set_trace_callback(None)
    return [text for i, text in enumerate(seen) if i == 0 or seen[i - 1] != text]


def brief(statements: list[str]) -> str:
    return ", ".join(" ".join(text.split()[:3]) for text in statements)


def tick_untick(box: QCheckBox, pairs: int) -> None:
    app = QApplication.instance()
    assert app is not None
    for _ in range(pairs):
        box.click()
        box.click()
        app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clicks", type=int, default=300)
    options = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp, "data")
        _, sets = seed_history(data_dir)
        window = start(data_dir)
        window.resize(1280, 800)
        window.show()
        QTest.qWaitForWindowExposed(window)
        boxes = app_boxes(window)
        bar = window.today.progress_bar

        # Statements: the first tick of the day creates the session; the next ones are measured.
        first = statements_of(boxes[0].click)
        before = statements_of(boxes[1].click)
        untick = statements_of(boxes[1].click)
        window.build_pages()
        app.processEvents()
        after = statements_of(boxes[1].click)
        statements_of(boxes[1].click)
        boxes[0].click()
        app.processEvents()

        floor = FloorWindow(Path(tmp, "floor.db"))
        with_bar = FloorWindow(Path(tmp, "floor-bar.db"), with_progress=True)
        for window_ in (floor, with_bar):
            window_.resize(1280, 800)
            window_.show()
            QTest.qWaitForWindowExposed(window_)

        app_times, floor_times, bar_times = [], [], []
        for i in range(options.clicks):
            box = boxes[i % len(boxes)]
            bar_was = bar.value()
            app_times.append(click_to_repainted_ms(box))
            assert bar.value() != bar_was, "the progress bar did not follow the click"
            floor_times.append(click_to_repainted_ms(floor.boxes[i % 30]))
            bar_times.append(click_to_repainted_ms(with_bar.boxes[i % 30]))
        saved = sessions.load_day(window.today.day).done
        assert {box.key for box in boxes if box.isChecked()} == saved, "a box and its row differ"

        gc.collect()
        tracemalloc.start()
        traced: list[int] = []
        for _ in range(3):
            tick_untick(boxes[2], 1000)
            gc.collect()
            traced.append(tracemalloc.get_traced_memory()[0])
        tracemalloc.stop()
        undo_steps = window.state.undo_stack.count()

        window.close()
        for window_ in (floor, with_bar):
            window_.close()
            window_.db.close()
        close_database()

    def row(name: str, values: list[float]) -> str:
        p95 = statistics.quantiles(values, n=20)[18]
        return f"{name:<52} {statistics.median(values):7.2f} {p95:7.2f}"

    print(f"click to repainted, {options.clicks} interleaved clicks (tick and untick)")
    print(f"history: {sets} sets over 10 years")
    print(f"{'case':<52} {'median':>7} {'p95':>7}  (ms)")
    print(row("floor: bare window, 30 QCheckBoxes, one commit each", floor_times))
    print(row("reference: the floor + a count and a progress bar", bar_times))
    print(row("Band Tracker: box + progress bar repainted, saved", app_times))
    floor_median = statistics.median(floor_times)
    ratio = statistics.median(app_times) / floor_median
    print(f"ratio of medians: {ratio:.2f}x; goal <= 2x")
    print(f"the reference alone: {statistics.median(bar_times) / floor_median:.2f}x the floor")
    print()
    print("SQL statements per tick (deferred work included)")
    print(f"  first tick of the day (creates the session): {len(first)}")
    print(f"  tick, calendar and progress not built yet:   {len(before)}  {brief(before)}")
    print(f"  untick:                                      {len(untick)}  {brief(untick)}")
    print(f"  tick, calendar and progress built:           {len(after)}  {brief(after)}")
    print("goal: <= 2 on a day that already has a session (the write and its commit)")
    print()
    print("Python memory traced during tick/untick pairs (tracemalloc, KiB)")
    for n, size in enumerate(traced, start=1):
        print(f"  after {n},000 pairs: {size / 1024:8.1f}")
    print(f"  undo stack: {undo_steps} steps, its limit")
    growth = (traced[2] - traced[1]) / 1024
    print(f"growth over the last 1,000 pairs: {growth:+.1f} KiB; goal: none")


if __name__ == "__main__":
    main()
