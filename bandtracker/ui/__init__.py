"""Qt Widgets interface: one module per screen or widget."""

from bandtracker.ui.pyside_imports import speed_up_pyside_import_hook

# Before any other ui module loads: every import after this pays PySide's import hook.
speed_up_pyside_import_hook()
