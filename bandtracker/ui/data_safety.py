"""File menu items for backups, restore, JSON and calendar files, and the backup timer."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from bandtracker import texts
from bandtracker.store.errors import StoreError
from bandtracker.store.safety import backup
from bandtracker.ui import messages

if TYPE_CHECKING:
    from bandtracker.state import AppState
    from bandtracker.ui.actions import Actions
    from bandtracker.ui.main_window import MainWindow

log = logging.getLogger(__name__)


@contextmanager
def busy_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class DataSafety(QObject):
    """Keeps backups going while the window is open and offers the data-file menu items."""

    def __init__(self, window: MainWindow, state: AppState, actions: Actions) -> None:
        super().__init__(window)
        self.window = window
        self.state = state
        self.data_dir = window.data_dir
        actions.export_json.triggered.connect(self.export_json)
        actions.export_ics.triggered.connect(self.export_ics)
        actions.import_json.triggered.connect(self.import_json)
        actions.backup.triggered.connect(self.back_up_now)
        actions.restore.triggered.connect(self.restore_from_backup)

        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(backup.BACKUP_INTERVAL_S * 1000)
        self.backup_timer.timeout.connect(self.backup_if_changed)
        self.backup_timer.start()

    # --- backups -------------------------------------------------------------------------

    def backup_if_changed(self) -> bool:
        """Back up when the data changed since the last backup; a failure is shown, not raised."""
        try:
            taken = backup.backup_if_changed(self.data_dir)
        except StoreError as exc:
            log.warning("Automatic backup failed: %s", exc)
            self.window.statusBar().showMessage(
                self.tr("Automatic backup failed. {error}").format(error=texts.error_text(exc)),
                15000,
            )
            return False
        return taken is not None

    def on_close(self) -> None:
        self.backup_timer.stop()
        self.backup_if_changed()

    def back_up_now(self) -> None:
        try:
            info = backup.take_backup(self.data_dir)
        except StoreError as exc:
            messages.show_error(self.window, self.tr("Backup failed"), texts.error_text(exc))
            return
        self.window.statusBar().showMessage(
            self.tr("Backed up to {path}").format(path=info.path), 8000
        )

    def choose_backup(self) -> Path | None:
        folder = backup.backups_dir(self.data_dir)
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Restore from Backup"),
            str(folder if folder.is_dir() else self.data_dir),
            self.tr("Band Tracker backups (*.db);;All files (*)"),
        )
        return Path(path) if path else None

    def restore_from_backup(self) -> None:
        chosen = self.choose_backup()
        if chosen is None:
            return
        if not messages.confirm_restore(self.window, backup.backup_label(chosen)):
            return
        try:
            result = backup.restore_backup(self.data_dir, chosen)
        except StoreError as exc:
            messages.show_error(self.window, self.tr("Restore failed"), texts.error_text(exc))
            return
        self.state.reload()
        messages.show_info(
            self.window, self.tr("Backup restored"), texts.translate(result.describe())
        )

    # --- export and import (File's CSV items come here too) ------------------------------

    def export(self, fmt: str, title: str, pattern: str, done: tuple[str, str]) -> None:
        """Write the history as `fmt` to a file the user picks.

        `done` is what the status bar then says, for one item and for several: "{count}" of
        them went to "{path}".
        """
        # Exporters are loaded on first use: startup should not pay for them.
        from bandtracker.store.files import write_text_atomically
        from bandtracker.store.transfer.formats import EXPORTERS

        produce, _ = EXPORTERS[fmt]
        default = str(Path.home() / f"bandtracker-{self.state.workout_day.isoformat()}.{fmt}")
        path, _ = QFileDialog.getSaveFileName(self.window, title, default, pattern)
        if not path:
            return
        try:
            count = write_text_atomically(Path(path), produce)
        except StoreError as exc:
            messages.show_error(self.window, self.tr("Export failed"), texts.error_text(exc))
            return
        one, several = done
        text = one if count == 1 else several
        self.window.statusBar().showMessage(text.format(count=count, path=path), 8000)

    def export_json(self) -> None:
        self.export(
            "json",
            self.tr("Export Everything as JSON"),
            self.tr("JSON files (*.json);;All files (*)"),
            (
                self.tr("Exported {count} session to {path}"),
                self.tr("Exported {count} sessions to {path}"),
            ),
        )

    def export_ics(self) -> None:
        self.export(
            "ics",
            self.tr("Export to Calendar"),
            self.tr("iCalendar files (*.ics);;All files (*)"),
            (
                self.tr("Exported {count} calendar event to {path}"),
                self.tr("Exported {count} calendar events to {path}"),
            ),
        )

    def import_from(self, title: str, pattern: str) -> None:
        """Merge a CSV or JSON export the user picks, told apart as the command line does."""
        path, _ = QFileDialog.getOpenFileName(self.window, title, str(Path.home()), pattern)
        if not path:
            return
        from bandtracker.store.transfer.formats import import_file

        try:
            with busy_cursor():
                summary = import_file(Path(path))
        except StoreError as exc:
            messages.show_error(self.window, self.tr("Import failed"), texts.error_text(exc))
            return
        self.state.reload()
        messages.show_info(
            self.window, self.tr("Import finished"), texts.translate(summary.describe())
        )

    def import_json(self) -> None:
        self.import_from(self.tr("Import from JSON"), self.tr("JSON files (*.json);;All files (*)"))
