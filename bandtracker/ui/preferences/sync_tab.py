"""The Preferences tab for folder sync: choose the folder a sync tool carries, or turn it off."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bandtracker.ui.messages import ProblemLabel
from bandtracker.ui.sync import SyncController


class SyncTab(QWidget):
    """Changes apply at once (a folder is checked and merged when chosen), not on OK."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncTab")
        self.controller = controller
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Keep the same history on several computers through a folder that Syncthing, "
                "Nextcloud or Dropbox carries. Band Tracker writes small files of its own there; "
                "the database itself stays in the data folder."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.folder_label = QLabel()
        self.folder_label.setObjectName("syncFolder")
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_label.setWordWrap(True)
        layout.addWidget(self.folder_label)
        buttons = QHBoxLayout()
        self.choose_button = QPushButton(self.tr("&Choose folder..."))
        self.choose_button.setObjectName("chooseSyncFolder")
        self.choose_button.clicked.connect(self._choose)
        self.off_button = QPushButton(self.tr("Turn sync &off"))
        self.off_button.setObjectName("syncOff")
        self.off_button.clicked.connect(lambda: self.choose(None))
        self.now_button = QPushButton(self.tr("Sync &now"))
        self.now_button.setObjectName("syncNow")
        self.now_button.clicked.connect(self.controller.sync_now)
        for button in (self.choose_button, self.off_button, self.now_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.problem = ProblemLabel()
        self.problem.setObjectName("syncProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.problem)
        self.problem.hide()
        self.status = QLabel()
        self.status.setObjectName("syncStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addStretch(1)
        controller.status_changed.connect(self._refresh)
        self._refresh()

    def _choose(self) -> None:
        start = str(self.controller.folder() or Path.home())
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Sync folder"), start)
        if chosen:
            self.choose(Path(chosen))

    def choose(self, folder: Path | None) -> bool:
        """Sync with `folder` (None: off); shows why not when it may not be used."""
        problem = self.controller.set_folder(folder)
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
        self._refresh()
        return problem is None

    def _refresh(self, *_: object) -> None:
        folder = self.controller.folder()
        self.folder_label.setText(
            self.tr("Sync folder: %1").replace("%1", str(folder))
            if folder is not None
            else self.tr("Sync is off.")
        )
        self.off_button.setEnabled(folder is not None)
        self.now_button.setEnabled(folder is not None)
        self.status.setText(self.controller.status_text() if folder is not None else "")
