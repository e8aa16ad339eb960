"""A stand-in desktop on a private session bus: the portal's Inhibit and/or the ScreenSaver.

Run by inhibit_probe.py under dbus-run-session: `python fake_screensaver.py portal screensaver`.
Prints one line per call it receives, then "ready" once its names are taken.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection, QDBusObjectPath

HANDLE = "/org/freedesktop/portal/desktop/request/1_1/bandtracker1"
EXPORT = QDBusConnection.RegisterOption.ExportAllSlots


@ClassInfo({"D-Bus Interface": "org.freedesktop.portal.Inhibit"})
class Portal(QObject):
    @Slot(str, "uint", "QVariantMap", result=QDBusObjectPath)
    def Inhibit(self, window, flags, options):  # noqa: N802 - D-Bus's name
        print(f"portal inhibit flags={flags} reason={options.get('reason')}", flush=True)
        return QDBusObjectPath(HANDLE)


@ClassInfo({"D-Bus Interface": "org.freedesktop.portal.Request"})
class Request(QObject):
    @Slot()
    def Close(self):  # noqa: N802
        print("portal close", flush=True)


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QObject):
    @Slot(str, str, result="uint")
    def Inhibit(self, application, reason):  # noqa: N802
        print(f"screensaver inhibit {application}: {reason}", flush=True)
        return 42

    @Slot("uint")
    def UnInhibit(self, cookie):  # noqa: N802
        print(f"screensaver uninhibit {cookie}", flush=True)


def main() -> None:
    app = QCoreApplication(sys.argv)
    bus = QDBusConnection.sessionBus()
    keep = []
    if "portal" in sys.argv[1:]:
        keep += [Portal(), Request()]
        bus.registerObject("/org/freedesktop/portal/desktop", keep[-2], EXPORT)
        bus.registerObject(HANDLE, keep[-1], EXPORT)
        bus.registerService("org.freedesktop.portal.Desktop")
    if "screensaver" in sys.argv[1:]:
        keep.append(ScreenSaver())
        bus.registerObject("/org/freedesktop/ScreenSaver", keep[-1], EXPORT)
        bus.registerService("org.freedesktop.ScreenSaver")
    print("ready", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
