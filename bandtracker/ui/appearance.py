"""Light, dark or the system's colour scheme, chosen by the user."""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

# What the desktop gave us, kept the first time we override it, so "system" can go back to it.
_system_look: tuple[str, QPalette] | None = None


def dark_palette() -> QPalette:
    """A plain dark palette for Fusion, used when the platform cannot switch by itself."""
    palette = QPalette()
    role = QPalette.ColorRole
    for r, colour in (
        (role.Window, "#2b2b2b"),
        (role.WindowText, "#e6e6e6"),
        (role.Base, "#1f1f1f"),
        (role.AlternateBase, "#2f2f2f"),
        (role.ToolTipBase, "#3a3a3a"),
        (role.ToolTipText, "#e6e6e6"),
        (role.Text, "#e6e6e6"),
        (role.Button, "#353535"),
        (role.ButtonText, "#e6e6e6"),
        (role.BrightText, "#ff6b6b"),
        (role.Link, "#7ab7ff"),
        (role.Highlight, "#3d7cc9"),
        (role.HighlightedText, "#ffffff"),
        (role.PlaceholderText, "#9a9a9a"),
    ):
        palette.setColor(r, QColor(colour))
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, r, QColor("#7a7a7a"))
    return palette


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def apply_colour_scheme(mode: str) -> None:
    """Follow `mode` ("system", "light" or "dark").

    The look's own palettes (ui/theme.py, when present) take precedence. Otherwise Qt's colour
    scheme hint does it natively (Qt 6.8+, on platforms that support it), and where that has no
    effect a Fusion palette does.
    """
    global _system_look
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
        scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
        hints.setColorScheme(scheme.get(mode, Qt.ColorScheme.Unknown))
    if mode == "system":
        if _system_look is not None:
            style, palette = _system_look
            app.setStyle(style)
            app.setPalette(palette)
            _system_look = None
        # Never overridden: leave the palette alone so it keeps following the desktop.
        return
    want_dark = mode == "dark"
    if _is_dark(app.palette()) != want_dark:
        # The platform ignored the hint: switch the palette ourselves.
        if _system_look is None:
            _system_look = (app.style().name(), QPalette(app.palette()))
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if want_dark else app.style().standardPalette())
