"""Startup helpers: the log rotated at start, the Fusion style."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bandtracker.ui.app import LOG_FILE, LOG_MAX_BYTES, rotate_log


def test_the_log_is_left_alone_below_its_limit(tmp_path: Path) -> None:
    log = tmp_path / LOG_FILE
    log.write_text("short\n")
    rotate_log(log)
    assert log.read_text() == "short\n"
    assert not (tmp_path / f"{LOG_FILE}.1").exists()


def test_a_full_log_moves_aside_and_the_oldest_goes(tmp_path: Path) -> None:
    log = tmp_path / LOG_FILE
    log.write_bytes(b"x" * LOG_MAX_BYTES)
    (tmp_path / f"{LOG_FILE}.1").write_text("previous\n")
    (tmp_path / f"{LOG_FILE}.2").write_text("oldest\n")
    rotate_log(log)
    assert not log.exists()
    assert (tmp_path / f"{LOG_FILE}.1").stat().st_size == LOG_MAX_BYTES
    assert (tmp_path / f"{LOG_FILE}.2").read_text() == "previous\n"
    assert not (tmp_path / f"{LOG_FILE}.3").exists()


def test_no_log_yet_is_fine(tmp_path: Path) -> None:
    rotate_log(tmp_path / LOG_FILE)
    assert list(tmp_path.iterdir()) == []


def test_a_new_application_starts_in_fusion_whatever_the_desktop_asks(tmp_path: Path) -> None:
    # Run apart: in this process pytest-qt made the QApplication already.
    script = (
        "from bandtracker.ui.app import ensure_application\n"
        "from bandtracker.ui.theme import apply_theme\n"
        "app = ensure_application()\n"
        "apply_theme(app, 'light')\n"
        "print(app.style().name())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "Windows"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().lower() == "fusion"
