"""Click to saved: from the mouse click on a set's box to the box checked and its row committed.

Run: python -m bench.click_to_saved [--clicks N]. Measured on a 10-year history, against a
baseline measured in the same run: the same click on a plain QCheckBox that saves nothing.
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
from PySide6.QtWidgets import QApplication, QCheckBox  # noqa: E402

from bandtracker.store import sessions  # noqa: E402
from bandtracker.store.db import close_database  # noqa: E402
from bandtracker.ui.app import start  # noqa: E402
from bench.seed import seed_history  # noqa: E402


def click_ms(box: QCheckBox) -> float:
    began = time.perf_counter()
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    return (time.perf_counter() - began) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clicks", type=int, default=300)
    options = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        _, sets = seed_history(data_dir)
        window = start(data_dir)
        window.resize(1280, 800)
        app.processEvents()
        page = window.today
        boxes = [box for card in page.cards for box in card.boxes.values()]
        plain = QCheckBox("baseline")
        plain.show()
        app.processEvents()

        app_times, base_times = [], []
        for i in range(options.clicks):
            box = boxes[i % len(boxes)]
            was = box.isChecked()
            app_times.append(click_ms(box))
            app.processEvents()  # what follows a tick runs between clicks, as it would for a user
            assert box.isChecked() != was, "the click did not change the box"
            base_times.append(click_ms(plain))
        saved = sessions.load_day(page.day).done
        assert {box.key for box in boxes if box.isChecked()} == saved, "a box and its row differ"
        window.close()
        close_database()

    def row(name: str, values: list[float]) -> str:
        p95 = statistics.quantiles(values, n=20)[18]
        return f"{name:<44} {statistics.median(values):7.2f} {p95:7.2f}"

    print(f"click to saved, {options.clicks} clicks (tick and untick), history of {sets} sets")
    print(f"{'case':<44} {'median':>7} {'p95':>7}  (ms)")
    print(row("baseline: plain QCheckBox, nothing saved", base_times))
    print(row("Band Tracker: box checked + row committed", app_times))
    ratio = statistics.median(app_times) / statistics.median(base_times)
    print(f"ratio of medians: {ratio:.1f}x; goal: median <= 5 ms")


if __name__ == "__main__":
    main()
