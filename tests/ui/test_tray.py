"""The tray icon follows the desktop's tray: it comes when a panel starts late, and a window is
never hidden into a tray that has gone."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QCloseEvent, QIcon, QPixmap
from PySide6.QtWidgets import QSystemTrayIcon

from bandtracker.domain.session_prefs import SessionPrefs
from bandtracker.store import session_log


class WindowManagerClose(QCloseEvent):
    def spontaneous(self) -> bool:
        return True


@pytest.fixture
def tray_present(monkeypatch):
    """Whether the desktop has a tray now (the offscreen platform never has one)."""
    state = {"present": False}
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", lambda: state["present"])
    return state


# Offscreen Qt has no tray window to follow; the icon itself is made all the same.
@pytest.mark.qt_log_ignore("No such signal QPlatformNativeInterface::systemTrayWindowChanged")
def test_the_icon_comes_when_a_tray_starts_after_the_app(qtbot, window, tray_present):
    pixmap = QPixmap(16, 16)
    pixmap.fill()
    window.setWindowIcon(QIcon(pixmap))
    tray = window.session_tools.tray
    assert not tray.available
    tray.show_progress(1, 30)
    tray_present["present"] = True  # the panel with the tray has started
    tray.reminder_timer.timeout.emit()  # the minute's check
    assert tray.available
    assert isinstance(tray.icon, QSystemTrayIcon)
    assert tray.icon.toolTip() == "Band Tracker: 1 of 30 sets today"
    window.hide()  # closed to the tray
    tray.icon.messageClicked.emit()  # the user clicks the reminder's bubble
    assert window.isVisible()


def test_a_window_is_not_hidden_into_a_tray_that_went_away(qtbot, window, tray_present):
    session_log.save_session_prefs(SessionPrefs(close_to_tray=True))
    tray = window.session_tools.tray
    tray.icon = object()  # an icon made while there was a tray
    tray_present["present"] = False  # ...and the panel has gone since
    event = WindowManagerClose()
    window.closeEvent(event)
    assert event.isAccepted()
    assert not window.day_timer.isActive()
