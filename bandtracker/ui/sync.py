"""Folder sync while the window runs: on start, when the folder changes, after local changes."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QDateTime, QFileSystemWatcher, QLocale, QObject, Qt, QTimer, Signal

from bandtracker.i18n import N_
from bandtracker.state import AppState
from bandtracker.store.db import write
from bandtracker.store.errors import StoreError
from bandtracker.store.sync.engine import Syncer, SyncReport
from bandtracker.store.sync.folder import DAYS, ROOT
from bandtracker.store.sync.local import DEVICE, get_local, set_folder, sync_folder, sync_status
from bandtracker.texts import error_text, translate

log = logging.getLogger(__name__)
# A sync tool writes a burst of files; one merge after the burst is enough.
DEBOUNCE_MS = 1000


class SyncController(QObject):
    """Merges the sync folder into the state's database and writes this computer's files.

    The merge is one transaction in the store; when it brought anything in, the state re-reads
    everything (state.reload(), which emits data_replaced) and every screen follows.

    Wiring (main window, once the state exists; Preferences dialog):
        self.sync = SyncController(self.state, data_dir, self)
        self.sync.status_changed.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        QTimer.singleShot(0, self.sync.start)  # after the first paint
        dialog.tabs.addTab(SyncTab(self.sync), dialog.tr("S&ync"))
    """

    status_changed = Signal(str)

    def __init__(
        self,
        state: AppState,
        data_dir: Path,
        parent: QObject | None = None,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.syncer = Syncer(data_dir)
        self.data_dir = data_dir
        self.status = ""
        self.last_report: SyncReport | None = None
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self.schedule)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self.sync_now)
        state.sets_changed.connect(self.schedule)
        state.session_changed.connect(self.schedule)
        state.settings_changed.connect(self.schedule)
        state.data_replaced.connect(self._replaced)
        self._reloading = False
        # The folder as last read: a tick asks whether to schedule a merge and must not query.
        self._known_folder: Path | None = None

    def folder(self) -> Path | None:
        try:
            self._known_folder = sync_folder()
        except StoreError:
            # Unreadable for now (a disk error): this merge is skipped, the folder is still
            # remembered, and the next change tries again.
            return None
        return self._known_folder

    def start(self) -> None:
        """Merge once now (the app has just started), then keep watching."""
        if self.folder() is not None:
            self.sync_now()
        else:
            self._set_status(self.tr("Sync is off."))

    def set_folder(self, folder: Path | None) -> str | None:
        """Sync with `folder` from now on (None: off); the reason as text if it may not."""
        try:
            with write(N_("save the sync folder")):
                set_folder(folder, self.data_dir)
        except StoreError as exc:
            return error_text(exc)
        self._known_folder = folder
        if folder is None:
            self.timer.stop()
            self._watch(None)
            self._set_status(self.tr("Sync is off."))
        else:
            self.sync_now()
        return None

    def schedule(self, *_: object) -> None:
        # start() and every merge read the folder; changing it goes through set_folder().
        if self._known_folder is not None:
            self.timer.start()

    def sync_now(self) -> SyncReport | None:
        self.timer.stop()
        folder = self.folder()
        if folder is None:
            return None
        try:
            report = self.syncer.run(folder)
        except StoreError as exc:
            log.warning("Sync failed: %s", exc)
            self._set_status(self.tr("Sync failed: %1").replace("%1", error_text(exc)))
            return None
        finally:
            self._watch(folder)
        for skipped in report.skipped:
            log.warning("%s", skipped)
        self.last_report = report
        text = translate(report.summary())
        if report.skipped:
            text += " " + translate(report.skipped[0])  # the log names every one
        self._set_status(text)
        if report.changed:
            self._reloading = True
            try:
                self.state.reload()
            finally:
                self._reloading = False
        return report

    def _replaced(self) -> None:
        """The database changed underneath (import, restore, recovery): read it all next time."""
        if not self._reloading:
            self.syncer.forget()
            self.folder()  # a restore brings back the folder the backup had
            self.schedule()

    def status_text(self) -> str:
        """What Preferences shows: when the folder was last read and written, and what came in."""
        status = sync_status()
        if status.folder is None:
            return self.tr("Sync is off.")
        lines = [
            self.tr("Last read: %1").replace("%1", self._when(status.last_read)),
            self.tr("Last written: %1").replace("%1", self._when(status.last_written)),
        ]
        if self.status:
            lines.append(self.status)
        return "\n".join(lines)

    def _when(self, moment: str | None) -> str:
        if not moment:
            return self.tr("never")
        when = QDateTime.fromString(moment, Qt.DateFormat.ISODate).toLocalTime()
        return (
            QLocale().toString(when, QLocale.FormatType.ShortFormat) if when.isValid() else moment
        )

    def _set_status(self, text: str) -> None:
        self.status = text
        self.status_changed.emit(text)

    def _watch(self, folder: Path | None) -> None:
        """Watch the folder's device folders (and their days) for files arriving."""
        wanted: set[str] = set()
        if folder is not None:
            root = folder / ROOT
            wanted = {str(folder)}
            if root.is_dir():
                wanted.add(str(root))
                own = get_local(DEVICE)
                for device in root.iterdir():
                    if device.name == own:
                        continue  # our own writes are no news
                    for path in (device, device / DAYS):
                        if path.is_dir():
                            wanted.add(str(path))
        current = set(self.watcher.directories())
        if current - wanted:
            self.watcher.removePaths(sorted(current - wanted))
        if wanted - current:
            self.watcher.addPaths(sorted(wanted - current))
