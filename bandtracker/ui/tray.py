"""The tray icon with today's progress, and the reminder on chosen days (works without a tray)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from bandtracker import APP_NAME
from bandtracker.domain.session_prefs import reminder_due

if TYPE_CHECKING:
    from bandtracker.ui.main_window import MainWindow

# A reminder within a minute of its time is soon enough.
REMINDER_CHECK_MS = 60_000


class TrayController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.reminded_on: date | None = None
        self.last_reminder = ""
        self.progress_text = ""
        self.icon: QSystemTrayIcon | None = None
        # The tray is not in the window: asking the desktop for it can wait for the first paint.
        window.call_after_first_paint(self.add_icon_if_tray)
        self.reminder_timer = QTimer(self)
        self.reminder_timer.setInterval(REMINDER_CHECK_MS)
        self.reminder_timer.timeout.connect(self.check_reminder)
        self.reminder_timer.start()

    def add_icon_if_tray(self) -> None:
        """Put the icon in the tray once there is one.

        Checked again every minute: started with the desktop session, the app can come up
        before the panel that holds the tray.
        """
        if self.icon is not None or not QSystemTrayIcon.isSystemTrayAvailable():
            return
        self.icon = QSystemTrayIcon(self.window.windowIcon(), self)
        menu = QMenu(self.window)
        show = QAction(self.tr("&Show %1").replace("%1", APP_NAME), menu)
        show.triggered.connect(self.bring_back)
        menu.addAction(show)
        menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), menu)
        quit_action.triggered.connect(self.quit)
        menu.addAction(quit_action)
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(self._activated)
        # Clicking the reminder's bubble means "let's go": show the session.
        self.icon.messageClicked.connect(self.bring_back)
        if self.progress_text:
            self.icon.setToolTip(self.progress_text)
        self.icon.show()

    @property
    def available(self) -> bool:
        """An icon in a tray that is there now: a panel that went away takes the tray with it,
        and a window hidden then could not be brought back."""
        return self.icon is not None and QSystemTrayIcon.isSystemTrayAvailable()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.bring_back()

    def quit(self) -> None:
        # Closing a window hidden in the tray is not "the last window closed": quit explicitly.
        if self.window.close():
            QApplication.quit()

    def bring_back(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def show_progress(self, done: int, total: int) -> None:
        text = self.tr("%1: %2 of %3 sets today")
        text = text.replace("%1", APP_NAME).replace("%2", str(done)).replace("%3", str(total))
        self.progress_text = text
        if self.icon is not None:
            self.icon.setToolTip(text)

    def notify(self, title: str, text: str) -> None:
        self.last_reminder = text
        if self.icon is not None and self.available and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information)
        else:
            self.window.statusBar().showMessage(text)
            QApplication.alert(self.window, 0)

    def check_reminder(self) -> None:
        self.add_icon_if_tray()
        # From the state's memory: a check a minute costs no query.
        state = self.window.state
        state.check_day()
        today = state.workout_day
        prefs = state.settings
        started = bool(state.today.done)
        now = state.clock()
        if reminder_due(
            now, today, prefs.reminder_days, prefs.reminder_time, started, self.reminded_on
        ):
            self.reminded_on = today
            self.notify(
                self.tr("Time for your band routine"),
                self.tr("Today's session has not started yet. Ten to fifteen minutes is enough."),
            )
