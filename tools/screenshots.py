"""Regenerate the README screenshots from the real app, offscreen, on a demo database.

Run: python tools/screenshots.py [--out DIR] [--quick]

Writes today-, calendar-, progress- and preferences-{light,dark}.png (1280x800 windows) into
docs/ by default, from a year of seeded history, Today at 1024x600 too
(today-1024x600-{light,dark}.png), and floor mode at two screen sizes:
floor-1920x1080-{light,dark}.png (a set on screen) and floor-1024x600-{light,dark}.png (the rest
countdown after it). --quick renders only the Today page, light and dark (what the test suite
runs).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

# A Wednesday evening, mid-session: fixed so the pictures only change when the app does.
DEMO_DAY = date(2026, 11, 25)
DEMO_TZ = timezone(timedelta(hours=1))
SIZE = (1280, 800)


def demo_clock() -> datetime:
    return datetime.combine(DEMO_DAY, time(18, 40), DEMO_TZ)


def build_demo(data_dir: Path, years: int) -> None:
    """History up to yesterday, then today's first few exercises ticked."""
    from bandtracker.store import sessions
    from bandtracker.store.db import open_database
    from bench.seed import seed_history

    seed_history(data_dir, years=years, end=DEMO_DAY)
    open_database(data_dir)
    plan = sessions.load_day(DEMO_DAY).plan
    began = datetime.combine(DEMO_DAY, time(18, 25), DEMO_TZ)
    keys = [key for planned in plan[:3] for key in planned.slots()]
    keys += list(plan[3].slots())[:3]
    for n, key in enumerate(keys):
        sessions.tick(DEMO_DAY, key, began + timedelta(seconds=45 * n))


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def save(widget: QWidget, path: Path) -> None:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    # Quality 0 is PNG's strongest compression: lossless, only slower to write.
    if not image.save(str(path), "PNG", 0):
        raise OSError(f"Could not write {path}")
    print(f"wrote {path}")


def shoot(data_dir: Path, out: Path, mode: str, quick: bool) -> None:
    from bandtracker.ui.app import app_icon
    from bandtracker.ui.main_window import MainWindow
    from bandtracker.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = MainWindow(data_dir, app_icon(), demo_clock)
    # After the window: it applies the colour scheme saved in Preferences when it opens.
    apply_theme(app, mode)
    window.resize(*SIZE)
    window.show()
    settle(app)
    pages = [("today", window.today)]
    if not quick:
        pages += [("calendar", window.calendar_tab), ("progress", window.progress_tab)]
    for name, page in pages:
        window.pages.setCurrentWidget(page)
        settle(app)
        save(window, out / f"{name}-{mode}.png")
    window.pages.setCurrentWidget(window.today)
    # A short screen (a netbook, a TV): Today switches to its compact layout.
    window.resize(1024, 600)
    settle(app)
    save(window, out / f"today-1024x600-{mode}.png")
    window.resize(*SIZE)
    if not quick:
        window.open_preferences()
        dialog = window.preferences_dialog
        dialog.resize(dialog.sizeHint().expandedTo(dialog.minimumSizeHint()))
        settle(app)
        save(dialog, out / f"preferences-{mode}.png")
        dialog.reject()
    window.close()
    window.deleteLater()
    settle(app)


def shoot_floor(data_dir: Path, out: Path, mode: str) -> None:
    """Floor mode mid-session: the set on screen at 1920x1080, its rest at 1024x600."""
    from bandtracker.state import AppState
    from bandtracker.store.db import open_database
    from bandtracker.ui.floor.cues import SilentPlayer
    from bandtracker.ui.floor.mode import FloorMode
    from bandtracker.ui.inhibit import NoInhibitor
    from bandtracker.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    open_database(data_dir)
    apply_theme(app, mode)
    state = AppState(demo_clock)
    holder = QWidget()
    floor = FloorMode(
        state, holder, player=SilentPlayer(), full_screen=False, inhibitor=NoInhibitor()
    )
    floor.cues.mode = "silent"
    floor.start()
    window = floor.window
    assert window is not None
    window.resize(1920, 1080)
    settle(app)
    save(window, out / f"floor-1920x1080-{mode}.png")
    floor.session.press()  # the set done: the rest counts down to the next one
    window.resize(1024, 600)
    settle(app)
    save(window, out / f"floor-1024x600-{mode}.png")
    floor.session.undo()  # the demo database stays as it was for the next pictures
    floor.stop()
    holder.deleteLater()
    settle(app)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--quick", action="store_true", help="the Today page only")
    options = parser.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)

    from bandtracker.ui.app import ensure_application

    ensure_application()
    from bandtracker.store.db import close_database

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        build_demo(data_dir, years=1)
        try:
            for mode in ("light", "dark"):
                shoot(data_dir, options.out, mode, options.quick)
            if not options.quick:
                for mode in ("light", "dark"):
                    shoot_floor(data_dir, options.out, mode)
        finally:
            close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main())
