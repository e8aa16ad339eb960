"""Light, dark or the system's colour scheme, chosen by the user."""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def apply_colour_scheme(mode: str) -> None:
    """Follow `mode` ("system", "light" or "dark").

    The look's own palettes (ui/theme.py, when present) take precedence; otherwise Qt's colour
    scheme hint does it natively (Qt 6.8+), and "system" hands the choice back to the desktop.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    try:
        theme = importlib.import_module("bandtracker.ui.theme")
    except ImportError:
        theme = None
    apply_theme = getattr(theme, "apply_theme", None)
    if callable(apply_theme):
        apply_theme(app, mode)
        return
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):
        scheme = {
            "light": Qt.ColorScheme.Light,
            "dark": Qt.ColorScheme.Dark,
        }.get(mode, Qt.ColorScheme.Unknown)
        hints.setColorScheme(scheme)
