"""Light, dark or the system's colour scheme, as the user chose it in Preferences."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from bandtracker.ui.theme import apply_theme


def apply_colour_scheme(mode: str) -> None:
    """Follow `mode` ("system", "light" or "dark") with the app's own palettes (ui/theme.py)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, mode)
