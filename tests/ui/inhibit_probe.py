"""Run under dbus-run-session: start the fake desktop, inhibit and release, print what it heard.

`python inhibit_probe.py [portal] [screensaver]`; the last line is JSON for the test to read.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from bandtracker.ui.inhibit import ScreenInhibitor


def main() -> None:
    fake = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("fake_screensaver.py")), *sys.argv[1:]],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert fake.stdout is not None
    assert fake.stdout.readline().strip() == "ready"
    app = QCoreApplication(sys.argv)
    inhibitor = ScreenInhibitor("Band Tracker")
    via = inhibitor.inhibit("Floor mode: a workout is on screen")
    active = inhibitor.active
    inhibitor.release()
    released = not inhibitor.active
    # A second inhibit, then quitting the app, must release it too.
    inhibitor.inhibit("again")
    app.aboutToQuit.emit()
    fake.terminate()
    heard = [line.strip() for line in fake.stdout.read().splitlines() if line.strip()]
    print(
        json.dumps(
            {
                "via": via.value if via else None,
                "active": active,
                "released": released,
                "after_quit": inhibitor.active,
                "heard": heard,
            }
        )
    )


if __name__ == "__main__":
    main()
