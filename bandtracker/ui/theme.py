"""The app's look: Fusion with a deliberate light or dark palette, by default the system's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel

MODES = ("system", "light", "dark")

ACCENT_LIGHT = "#2A6FCB"
ACCENT_DARK = "#5B9CF0"
# "Done" green, tuned per scheme so it keeps its contrast against the card.
DONE_LIGHT = "#2E7D32"
DONE_DARK = "#7CCB82"
# Warning text (a value that cannot be saved), readable on each scheme's window.
ERROR_LIGHT = "#B3261E"
ERROR_DARK = "#FF9C94"

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

# Roles in order: window, window text, base, alternate base, text, button, button text,
# light, midlight, mid, dark, shadow, placeholder, link, tooltip base, tooltip text.
_LIGHT = {
    _Role.Window: "#EEEDEA",
    _Role.WindowText: "#1F2328",
    _Role.Base: "#FFFFFF",
    _Role.AlternateBase: "#F6F5F2",
    _Role.Text: "#1F2328",
    _Role.Button: "#F4F3F1",
    _Role.ButtonText: "#1F2328",
    _Role.BrightText: "#FFFFFF",
    _Role.Light: "#FFFFFF",
    _Role.Midlight: "#E4E2DE",
    _Role.Mid: "#C9C6C0",
    _Role.Dark: "#9E9A93",
    _Role.Shadow: "#5A5750",
    _Role.PlaceholderText: "#6E6A64",
    _Role.Link: ACCENT_LIGHT,
    _Role.LinkVisited: "#6B4FBB",
    _Role.Highlight: ACCENT_LIGHT,
    _Role.HighlightedText: "#FFFFFF",
    _Role.ToolTipBase: "#FFFFFF",
    _Role.ToolTipText: "#1F2328",
    _Role.Accent: ACCENT_LIGHT,
}
_DARK = {
    _Role.Window: "#1C1F24",
    _Role.WindowText: "#E6E8EB",
    _Role.Base: "#2A2E36",
    _Role.AlternateBase: "#262A31",
    _Role.Text: "#E6E8EB",
    _Role.Button: "#2C3038",
    _Role.ButtonText: "#E6E8EB",
    _Role.BrightText: "#FFFFFF",
    _Role.Light: "#3C414B",
    _Role.Midlight: "#323741",
    _Role.Mid: "#4A505B",
    _Role.Dark: "#121418",
    _Role.Shadow: "#000000",
    _Role.PlaceholderText: "#9AA1AC",
    _Role.Link: ACCENT_DARK,
    _Role.LinkVisited: "#B195F0",
    _Role.Highlight: ACCENT_DARK,
    _Role.HighlightedText: "#0E1013",
    _Role.ToolTipBase: "#2C3038",
    _Role.ToolTipText: "#E6E8EB",
    _Role.Accent: ACCENT_DARK,
}
# Disabled text in each scheme: readable, but clearly not active.
_DISABLED_LIGHT = "#A19D96"
_DISABLED_DARK = "#6C727D"


def palette_for(dark: bool) -> QPalette:
    palette = QPalette()
    for role, colour in (_DARK if dark else _LIGHT).items():
        palette.setColor(role, QColor(colour))
    disabled = QColor(_DISABLED_DARK if dark else _DISABLED_LIGHT)
    for role in (_Role.WindowText, _Role.Text, _Role.ButtonText, _Role.PlaceholderText):
        palette.setColor(_Group.Disabled, role, disabled)
    palette.setColor(_Group.Disabled, _Role.Highlight, QColor("#4A505B" if dark else "#C9C6C0"))
    return palette


def system_prefers_dark() -> bool:
    """True when Qt knows the desktop uses a dark scheme; unknown counts as light."""
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return scheme is not None and scheme() == Qt.ColorScheme.Dark


def is_dark(palette: QPalette) -> bool:
    return palette.color(_Role.Window).lightnessF() < 0.5


def done_colour(palette: QPalette) -> QColor:
    return QColor(DONE_DARK if is_dark(palette) else DONE_LIGHT)


def error_colour(palette: QPalette) -> QColor:
    return QColor(ERROR_DARK if is_dark(palette) else ERROR_LIGHT)


STYLE = "Fusion"
# Command-line arguments for a new QApplication that starts in our style. Choosing it this way
# spares asking Qt for its style object, whose Python type (with all of QStyle's enums) costs
# about 9 ms of startup.
STYLE_ARGUMENTS = ["-style", STYLE]

_current_mode = "system"
_following = False
_style_set = False


def style_set_by_arguments() -> None:
    """The QApplication was made with STYLE_ARGUMENTS, so apply_theme need not check."""
    global _style_set
    _style_set = True


def apply_theme(app: QApplication, mode: str) -> None:
    """Fusion with our light or dark palette; "system" follows the desktop's scheme, live."""
    global _current_mode, _following, _style_set
    if mode not in MODES:
        raise ValueError(f"unknown theme {mode!r}; expected one of {', '.join(MODES)}")
    _current_mode = mode
    if not _style_set:
        if app.style().name().lower() != STYLE.lower():
            app.setStyle(STYLE)
        _style_set = True
    dark = mode == "dark" or (mode == "system" and system_prefers_dark())
    palette = palette_for(dark)
    # Setting a palette re-polishes every widget: skip it when nothing would change.
    if app.palette() != palette:
        app.setPalette(palette)
    hints = app.styleHints()
    if not _following and hasattr(hints, "colorSchemeChanged"):
        # Connected once; the handler reads the mode chosen last.
        hints.colorSchemeChanged.connect(lambda _scheme: _follow_system(app))
        _following = True


def current_mode() -> str:
    return _current_mode


def _follow_system(app: QApplication) -> None:
    if _current_mode == "system":
        app.setPalette(palette_for(system_prefers_dark()))


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved a fraction `t` of the way toward `b`."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def visible_on(colour: QColor, palette: QPalette) -> QColor:
    """`colour`, moved toward the text colour when it would vanish into the window (a black
    band in dark mode)."""
    window = palette.color(_Role.Window)
    if abs(colour.lightnessF() - window.lightnessF()) >= 0.18:
        return colour
    shifted = mix(colour, palette.color(_Role.WindowText), 0.4)
    shifted.setAlpha(colour.alpha())
    return shifted


def make_heading(label: QLabel, scale: float) -> QLabel:
    """Bold and `scale` times the label's font size: page titles and card names."""
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label
