"""Fixtures that open the real main window on a real database in the test's data folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox

from bandtracker.store.db import close_database, open_database
from bandtracker.ui.main_window import MainWindow

OpenWindow = Callable[[], MainWindow]


@pytest.fixture
def open_window(qtbot, data_dir: Path, clock) -> OpenWindow:
    """Open the main window as the app does; call again after closing to 'restart' it."""

    def _open() -> MainWindow:
        close_database()
        open_database(data_dir)
        window = MainWindow(data_dir, clock=clock)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return _open


@pytest.fixture
def restore_theme():
    """The application, whose style and palette go back to what they were after the test."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    palette, style = app.palette(), app.style().name()
    yield app
    app.setStyle(style)
    app.setPalette(palette)


@pytest.fixture
def window(open_window: OpenWindow) -> MainWindow:
    return open_window()


def box_named(window: MainWindow, name: str) -> QCheckBox:
    matches = [b for b in window.findChildren(QCheckBox) if b.accessibleName() == name]
    assert len(matches) == 1, f"expected one box named {name!r}, found {len(matches)}"
    return matches[0]


def handle_next_modal(qtbot, seen: list, button=None) -> None:
    """When the next modal dialog opens, record its text and close it as a user would."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, close_it)
            return
        seen.append(dialog)
        if isinstance(dialog, QMessageBox):
            seen.append(dialog.text())
            if button is not None:
                dialog.button(button).click()
                return
        dialog.reject()

    QTimer.singleShot(0, close_it)


def import_through_menu(qtbot, window: MainWindow, monkeypatch, path: Path) -> list:
    """Pick `path` in File > Import as a user would; returns what the next dialog showed."""
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    seen: list = []
    handle_next_modal(qtbot, seen)
    window.menu_actions.import_csv.trigger()
    return seen
