"""Sync while the app runs: files arriving in the folder reach the screens; ticks go out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from bandtracker.domain.prescription import SetKey, Side
from bandtracker.state import AppState
from bandtracker.store.sync.folder import ROOT
from bandtracker.ui.preferences.sync_tab import SyncTab
from bandtracker.ui.sync import SyncController

HERE = Path(__file__).parent
CLAM = SetKey("clam-shell", 1, Side.RIGHT)


def other_computer(data_dir: Path, shared: Path, day: str, *changes: str) -> str:
    done = subprocess.run(
        [
            sys.executable,
            str(HERE / "other_computer.py"),
            str(data_dir),
            str(shared),
            day,
            *changes,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


@pytest.fixture
def app_state(qtbot, db, clock) -> AppState:
    return AppState(clock)


@pytest.fixture
def controller(app_state, data_dir) -> SyncController:
    return SyncController(app_state, data_dir, debounce_ms=20)


def test_a_tick_from_another_computer_reaches_today_while_the_app_runs(
    qtbot, app_state, controller, shared, tmp_path
):
    day = app_state.workout_day.isoformat()
    other = tmp_path / "other"
    other_computer(other, shared, day, "+glute-bridge/1/")
    assert controller.set_folder(shared) is None  # merges at once
    assert SetKey("glute-bridge", 1) in app_state.today.done
    assert "1 set from" in controller.status
    with qtbot.waitSignal(app_state.data_replaced, timeout=10_000):
        other_computer(other, shared, day, "+clam-shell/1/right", "-glute-bridge/1/")
    assert app_state.today.done == {CLAM}


def test_a_tick_here_is_written_to_the_folder_soon_after(qtbot, app_state, controller, shared):
    controller.set_folder(shared)
    app_state.set_done(CLAM, True)
    day = app_state.workout_day.isoformat()

    def written() -> bool:
        files = list((shared / ROOT).glob(f"*/days/{day}.json"))
        return len(files) == 1 and '"clam-shell",1,"right"' in files[0].read_text()

    qtbot.waitUntil(written, timeout=10_000)


def test_preferences_refuse_a_folder_inside_the_data_folder_and_take_another(
    qtbot, controller, data_dir, shared, monkeypatch
):
    tab = SyncTab(controller)
    qtbot.addWidget(tab)
    inside = data_dir / "sync"
    inside.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(inside))
    tab.choose_button.click()
    assert "inside Band Tracker's data folder" in tab.problem.text()
    assert controller.folder() is None and not tab.off_button.isEnabled()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(shared))
    tab.choose_button.click()
    assert tab.problem.text() == ""
    assert str(shared) in tab.folder_label.text()
    assert "Last read: " in tab.status.text() and "never" not in tab.status.text()
    tab.off_button.click()
    assert controller.folder() is None and tab.folder_label.text() == "Sync is off."


def test_a_damaged_file_is_named_in_the_status_and_the_rest_comes_in(
    qtbot, app_state, controller, shared, tmp_path
):
    day = app_state.workout_day.isoformat()
    other_computer(tmp_path / "other", shared, day, "+glute-bridge/1/")
    other_computer(tmp_path / "other", shared, "2026-01-05", "+glute-bridge/1/")
    (damaged,) = (shared / ROOT).glob("*/days/2026-01-05.json")
    damaged.write_text('{"format": 1, "day": "2026-01-05", "sets": [["glute-bridge"')
    assert controller.set_folder(shared) is None
    assert SetKey("glute-bridge", 1) in app_state.today.done
    assert "2026-01-05.json" in controller.status and "damaged" in controller.status


def test_with_sync_a_tick_through_the_state_is_still_one_insert(app_state, controller, shared):
    from bandtracker.store.db import database

    controller.set_folder(shared)
    first, second = app_state.today.slots()[:2]
    app_state.set_done(first, True)  # the day's first set also creates its session
    statements: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(statements.append)
    try:
        app_state.set_done(second, True)
    finally:
        connection.set_trace_callback(None)
    writes = [s for s in statements if s.split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert len(writes) == 1 and "completed_set" in writes[0]


def test_a_failed_read_of_the_folder_setting_skips_one_merge_not_the_next(
    qtbot, app_state, controller, shared, monkeypatch
):
    import bandtracker.ui.sync as sync_ui
    from bandtracker.i18n import Message
    from bandtracker.store.errors import StoreError

    controller.set_folder(shared)

    def unreadable():
        raise StoreError(Message("Could not read the database: disk I/O error."))

    with monkeypatch.context() as patch:
        patch.setattr(sync_ui, "sync_folder", unreadable)
        assert controller.sync_now() is None  # skipped, with nothing written
    app_state.set_done(CLAM, True)  # the next change is synced as before
    day = app_state.workout_day.isoformat()
    qtbot.waitUntil(lambda: any((shared / ROOT).glob(f"*/days/{day}.json")), timeout=10_000)
