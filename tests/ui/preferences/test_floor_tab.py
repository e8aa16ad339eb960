"""Floor mode's preferences: shown from the settings, saved through the state."""

from __future__ import annotations

from PySide6.QtCore import Qt

from bandtracker.state import AppState
from bandtracker.ui.preferences.floor_tab import FloorPrefsTab


def test_the_tab_shows_and_returns_the_floor_settings(db, clock, qtbot):
    state = AppState(clock)
    tab = FloorPrefsTab(state.settings)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.switch_spin.value() == 5
    assert tab.cue_combo.currentData() == "sounds"
    assert not tab.walks_check.isChecked()
    tab.switch_spin.setFocus()
    tab.switch_spin.selectAll()
    qtbot.keyClicks(tab.switch_spin, "12")
    tab.cue_combo.setCurrentIndex(tab.cue_combo.findData("silent"))
    qtbot.mouseClick(tab.walks_check, Qt.MouseButton.LeftButton)
    assert state.save_settings(tab.changes())
    again = AppState(clock)
    assert again.settings.floor_switch_seconds == 12
    assert again.settings.floor_cue_mode == "silent"
    assert again.settings.floor_alternate_walks
    # The spin box holds to the range: 16 s is not a choice.
    tab.switch_spin.selectAll()
    qtbot.keyClicks(tab.switch_spin, "16")
    assert tab.switch_spin.value() <= 15


def test_floor_mode_settings_are_saved_from_edit_preferences(qtbot, window):
    from tests.ui.preferences.test_dialog import ok, open_dialog

    floor = window.floor  # built before: it follows the saved settings
    assert floor.cues.mode == "sounds"
    dialog = open_dialog(qtbot, window)
    tabs = dialog.tabs
    # Alt+F, the tab's mnemonic, shows it.
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert tabs.currentWidget() is dialog.floor_tab
    spin = dialog.floor_tab.switch_spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "8")
    combo = dialog.floor_tab.cue_combo
    combo.setCurrentIndex(combo.findData("silent"))
    ok(qtbot, window, dialog)
    assert window.state.settings.floor_switch_seconds == 8
    assert window.state.settings.floor_cue_mode == "silent"
    assert floor.cues.mode == "silent"
    assert AppState(window.state.clock).settings.floor_switch_seconds == 8  # on disk too
