"""The button on Today that starts floor mode, made without loading floor mode itself."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton


def floor_button(action: QAction, start: Callable[[], object]) -> QPushButton:
    """A button that calls `start`, described as View > Floor Mode (`action`) is."""
    button = QPushButton(QCoreApplication.translate("FloorMode", "&Floor Mode (F11)"))
    button.setObjectName("floorModeButton")
    button.setToolTip(action.statusTip())
    button.clicked.connect(start)
    return button
