"""Flows open the real main window, with the same fixtures as the widget tests."""

from tests.ui.conftest import open_window, window  # noqa: F401
