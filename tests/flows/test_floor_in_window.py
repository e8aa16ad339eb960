"""Floor mode from the main window: View > Floor Mode (F11), the button on Today, and back."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QPushButton

from bandtracker.domain.prescription import SetKey
from bandtracker.store import sessions
from tests.ui.conftest import box_named

TODAY = date(2026, 11, 24)


def quiet(window) -> None:
    """No sounds, no desktop screensaver calls from a test."""
    from bandtracker.ui.floor.cues import SilentPlayer
    from bandtracker.ui.inhibit import NoInhibitor

    window.floor.cues.player = SilentPlayer()
    window.floor.inhibitor = NoInhibitor()
    window.floor.full_screen = False


def test_view_menu_has_floor_mode_on_f11_and_today_reflects_its_sets(qtbot, window):
    quiet(window)
    view_menu = window.menuBar().findChild(QMenu, "menuView")
    action = window.floor.action
    assert action in view_menu.actions()
    assert action.shortcut().toString() == "F11"
    # A set ticked on Today first: floor mode starts after it.
    qtbot.mouseClick(box_named(window, "Forward walking, set 1"), Qt.MouseButton.LeftButton)
    action.trigger()
    floor = window.floor.window
    assert floor is not None and floor.isVisible()
    assert window.floor.session.current.key == SetKey("forward-walk", 2)
    qtbot.keyClick(floor, Qt.Key.Key_Space)
    qtbot.keyClick(floor, Qt.Key.Key_Escape)
    assert window.floor.window is None
    assert SetKey("forward-walk", 2) in sessions.load_day(TODAY).done
    qtbot.waitUntil(lambda: box_named(window, "Forward walking, set 2").isChecked())


def test_the_button_on_today_starts_floor_mode(qtbot, window):
    quiet(window)
    button = window.today.findChild(QPushButton, "floorModeButton")
    assert button is not None and button.isVisibleTo(window)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.floor.running
    window.floor.stop()
    assert not window.floor.running


def test_quitting_with_floor_mode_on_closes_it_and_lets_the_screen_blank(qtbot, window):
    quiet(window)
    calls: list[str] = []

    class Recording:
        def inhibit(self, reason: str) -> None:
            calls.append("inhibit")

        def release(self) -> None:
            calls.append("release")

    window.floor.inhibitor = Recording()
    window.floor.action.trigger()
    floor_window = window.floor.window
    assert floor_window is not None and floor_window.isVisible()
    window.menu_actions.quit.trigger()
    assert calls == ["inhibit", "release"]
    assert window.floor.window is None and not floor_window.isVisible()


def test_floor_mode_loads_when_first_asked_for_from_the_menu(qtbot, window):
    assert window._floor is None  # nothing of floor mode is built at startup
    action = window.menu_actions.floor_mode
    action.trigger()  # F11, the first time
    assert window._floor is not None and window.floor.running
    assert action.isChecked()
    action.trigger()  # and again: once, not twice (the first-use hook is gone)
    assert not window.floor.running and not action.isChecked()
    action.trigger()
    assert window.floor.running
    window.close()
    assert not window.floor.running
