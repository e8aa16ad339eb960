"""Keeps the screen on while floor mode runs, through the desktop's D-Bus screensaver interfaces.

The XDG portal's Inhibit comes first (GNOME, KDE, sandboxes); org.freedesktop.ScreenSaver is
the fallback for desktops without a portal. Calls go through QDBusInterface's introspected
methods (QMetaObject.invokeMethod with typed arguments), because a Python int reaches D-Bus as a
signed "i" and both interfaces want an unsigned "u" for their flags and cookies.
"""

from __future__ import annotations

import logging
from enum import Enum

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QCoreApplication, QMetaObject, QObject, Qt
from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusObjectPath

log = logging.getLogger(__name__)

PORTAL = ("org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop")
PORTAL_INHIBIT = "org.freedesktop.portal.Inhibit"
PORTAL_REQUEST = "org.freedesktop.portal.Request"
PORTAL_IDLE = 8  # the portal's flag for "do not blank the screen or go idle"
SCREENSAVER = ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver")
SCREENSAVER_PATHS = ("/org/freedesktop/ScreenSaver", "/ScreenSaver")


class Via(Enum):
    PORTAL = "portal"
    SCREENSAVER = "screensaver"


class ScreenInhibitor(QObject):
    """inhibit() asks the desktop to keep the screen on; release() (or quitting) lets it go."""

    def __init__(self, app_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app_name = app_name
        self.via: Via | None = None
        self._portal_handle = ""
        self._cookie = 0
        self._screensaver: QDBusInterface | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.release)

    @property
    def active(self) -> bool:
        return self.via is not None

    def inhibit(self, reason: str) -> Via | None:
        """Keep the screen on; which interface took the request, or None if none could."""
        if self.via is not None:
            return self.via
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            log.info("no session bus: the screen may blank during floor mode")
            return None
        if self._portal(bus, reason) or self._fallback(bus, reason):
            return self.via
        log.info("no screensaver interface answered: the screen may blank during floor mode")
        return None

    def _portal(self, bus: QDBusConnection, reason: str) -> bool:
        portal = QDBusInterface(PORTAL[0], PORTAL[1], PORTAL_INHIBIT, bus)
        if not portal.isValid():
            return False
        try:
            handle = QMetaObject.invokeMethod(
                portal,
                "Inhibit",
                Qt.ConnectionType.DirectConnection,
                Q_RETURN_ARG("QDBusObjectPath"),
                Q_ARG(str, ""),  # no window handle to give from a Qt Widgets app
                Q_ARG("uint", PORTAL_IDLE),
                Q_ARG("QVariantMap", {"reason": reason}),
            )
        except (RuntimeError, TypeError):
            log.warning("the portal's Inhibit could not be called", exc_info=True)
            return False
        path = handle.path() if isinstance(handle, QDBusObjectPath) else str(handle or "")
        if not path or portal.lastError().isValid():
            log.info("portal Inhibit failed: %s", portal.lastError().message())
            return False
        self._portal_handle = path
        self.via = Via.PORTAL
        return True

    def _fallback(self, bus: QDBusConnection, reason: str) -> bool:
        for path in SCREENSAVER_PATHS:
            screensaver = QDBusInterface(SCREENSAVER[0], path, SCREENSAVER[0], bus)
            if not screensaver.isValid():
                continue
            try:
                cookie = QMetaObject.invokeMethod(
                    screensaver,
                    "Inhibit",
                    Qt.ConnectionType.DirectConnection,
                    Q_RETURN_ARG("uint"),
                    Q_ARG(str, self.app_name),
                    Q_ARG(str, reason),
                )
            except (RuntimeError, TypeError):
                log.warning("the screensaver's Inhibit could not be called", exc_info=True)
                continue
            if screensaver.lastError().isValid() or not isinstance(cookie, int):
                continue
            self._screensaver = screensaver
            self._cookie = cookie
            self.via = Via.SCREENSAVER
            return True
        return False

    def release(self) -> None:
        via, self.via = self.via, None
        if via is Via.PORTAL:
            request = QDBusInterface(
                PORTAL[0], self._portal_handle, PORTAL_REQUEST, QDBusConnection.sessionBus()
            )
            request.call("Close")
            self._portal_handle = ""
        elif via is Via.SCREENSAVER and self._screensaver is not None:
            QMetaObject.invokeMethod(
                self._screensaver,
                "UnInhibit",
                Qt.ConnectionType.DirectConnection,
                Q_ARG("uint", self._cookie),
            )
            self._screensaver = None


class NoInhibitor:
    """For tools and benches that show floor mode but must leave the desktop's screensaver be."""

    def inhibit(self, reason: str) -> None:
        pass

    def release(self) -> None:
        pass
