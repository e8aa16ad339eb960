"""Telling screen readers about a change that the focus does not show."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def announce(widget: QWidget, text: str) -> None:
    """Have a screen reader say `text` now, wherever the focus is (Qt 6.8 and later)."""
    # Imported here: QAccessible's Python type costs 3 ms, and startup does not need it.
    from PySide6 import QtGui

    event_type = getattr(QtGui, "QAccessibleAnnouncementEvent", None)
    if event_type is not None and QtGui.QAccessible.isActive():
        QtGui.QAccessible.updateAccessibility(event_type(widget, text))
