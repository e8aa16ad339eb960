"""Folder sync reaches the window: Preferences > Sync sets the folder, a tick there is written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget

from tests.ui.conftest import box_named


def test_the_window_syncs_a_tick_into_the_folder_chosen_in_preferences(qtbot, window, tmp_path):
    qtbot.waitUntil(lambda: window.sync is not None)
    folder = tmp_path / "synced"
    folder.mkdir()
    window.menu_actions.preferences.trigger()
    dialog = window.preferences_dialog
    tabs = dialog.findChild(QTabWidget)
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert "S&ync" in titles
    assert window.sync.set_folder(folder) is None  # what the tab's folder button calls
    dialog.reject()
    qtbot.mouseClick(box_named(window, "Clam shell, set 1, right side"), Qt.MouseButton.LeftButton)
    window.sync.sync_now()
    written = list(folder.rglob("days/*.json"))
    assert written, "the tick's day file is in the sync folder"
    assert "clam-shell" in written[0].read_text()
