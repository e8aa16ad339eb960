"""The screen stays on during floor mode: tried against a fake desktop on a private D-Bus."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("inhibit_probe.py")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    shutil.which("dbus-run-session") is None,
    reason="dbus-run-session is missing (Debian: apt-get install dbus-daemon; .ci/run does)",
)


def probe(*services: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        ["dbus-run-session", "--", sys.executable, str(PROBE), *services],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_portal_comes_first_and_is_released():
    result = probe("portal", "screensaver")
    assert result["via"] == "portal" and result["active"] and result["released"]
    assert result["heard"][:2] == [
        "portal inhibit flags=8 reason=Floor mode: a workout is on screen",
        "portal close",
    ]
    # Quitting the app releases an inhibit still held.
    assert result["heard"][2:] == ["portal inhibit flags=8 reason=again", "portal close"]
    assert not result["after_quit"]


def test_the_screensaver_interface_is_the_fallback():
    result = probe("screensaver")
    assert result["via"] == "screensaver"
    assert result["heard"] == [
        "screensaver inhibit Band Tracker: Floor mode: a workout is on screen",
        "screensaver uninhibit 42",
        "screensaver inhibit Band Tracker: again",
        "screensaver uninhibit 42",
    ]


def test_no_desktop_service_means_no_inhibit_and_no_error():
    result = probe()
    assert result["via"] is None and not result["active"]
    assert result["heard"] == []
