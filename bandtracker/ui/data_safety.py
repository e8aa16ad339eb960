"""File menu items for backups, restore, JSON and calendar files, and the backup timer."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

from bandtracker import texts
from bandtracker.store.errors import StoreError
from bandtracker.store.safety import backup
from bandtracker.ui import messages

if TYPE_CHECKING:
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

    def __init__(self, window: MainWindow, file_menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.data_dir = window.data_dir

        def action(text: str, name: str, slot: Callable[[], object]) -> QAction:
            item = QAction(text, window)
            item.setObjectName(name)
            item.triggered.connect(slot)
            return item

        self.export_json_action = action(
            self.tr("Export Everything as &JSON\N{HORIZONTAL ELLIPSIS}"),
            "actionExportJson",
            self.export_json,
        )
        self.export_ics_action = action(
            self.tr("Export to &Calendar (iCalendar)\N{HORIZONTAL ELLIPSIS}"),
            "actionExportIcs",
            self.export_ics,
        )
        self.import_json_action = action(
            self.tr("Import from JSO&N\N{HORIZONTAL ELLIPSIS}"),
            "actionImportJson",
            self.import_json,
        )
        self.backup_action = action(self.tr("&Back Up Now"), "actionBackup", self.back_up_now)
        self.restore_action = action(
            self.tr("&Restore from Backup\N{HORIZONTAL ELLIPSIS}"),
            "actionRestore",
            self.restore_from_backup,
        )
        file_menu.addActions(
            [self.export_json_action, self.export_ics_action, self.import_json_action]
        )
        file_menu.addSeparator()
        file_menu.addActions([self.backup_action, self.restore_action])

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
        self.window.refresh_after_data_change()
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
        default = str(Path.home() / f"bandtracker-{self.window.current_day().isoformat()}.{fmt}")
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
        self.window.refresh_after_data_change()
        messages.show_info(
            self.window, self.tr("Import finished"), texts.translate(summary.describe())
        )

    def import_json(self) -> None:
        self.import_from(self.tr("Import from JSON"), self.tr("JSON files (*.json);;All files (*)"))
