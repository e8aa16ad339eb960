"""The window's own start (defect 1): damage on a page the window reads while it is built is
recovered before it is built, with the recovery notice, instead of failing every start."""

from __future__ import annotations

import pytest

from bandtracker.store.db import close_database, database_path, open_database
from bandtracker.store.safety.backup import take_backup
from tests.safety.harm import foreign_wal, garble_page, root_page
from tests.store.damage import record_history, set_count


def start_and_see_notice(qtbot, data_dir, clock) -> list:
    """Start the window as the app does; returns the notice shown (the box, then its text)."""
    from bandtracker.ui import app
    from tests.ui.conftest import handle_next_modal

    seen: list = []
    handle_next_modal(qtbot, seen)
    window = app.start(data_dir, clock)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: len(seen) == 2)
    return seen


@pytest.mark.parametrize("table", ["setting", "band", "session", "completed_set"])
def test_a_damaged_root_page_the_window_reads_ends_in_the_backup_and_a_notice(
    qtbot, data_dir, clock, table
):
    open_database(data_dir)
    ticked = record_history(3)
    saved = take_backup(data_dir)
    close_database()
    path = database_path(data_dir)
    garble_page(path, root_page(path, table))
    seen = start_and_see_notice(qtbot, data_dir, clock)
    assert seen[0].objectName() == "recoveryBox"
    assert saved.when() in seen[1] and "corrupt" in seen[1]
    assert set_count(path) == ticked


def test_a_foreign_wal_at_start_ends_in_the_backup_and_a_notice(qtbot, data_dir, clock, tmp_path):
    open_database(data_dir)
    ticked = record_history(3)
    saved = take_backup(data_dir)
    close_database()
    foreign_wal(data_dir, tmp_path / "other")
    seen = start_and_see_notice(qtbot, data_dir, clock)
    assert "another database" in seen[1] and saved.when() in seen[1]
    assert set_count(database_path(data_dir)) == ticked
