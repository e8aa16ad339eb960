"""Every dialog and message the app shows: errors, About, and the in-page message bar."""

from __future__ import annotations

import logging
import traceback
from enum import Enum
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from bandtracker import APP_NAME, __version__

# The dialogs below import QMessageBox when first shown: making its Python type costs about
# 4 ms, and the window's first paint needs none of them.

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("Messages", text)


class Level(Enum):
    INFO = "info"
    ERROR = "error"


_BAR_STYLE = {
    Level.INFO: "background: #e3effd; color: #0b3a6e; border: 1px solid #9cc3ee;",
    Level.ERROR: "background: #fde7e6; color: #7a1410; border: 1px solid #eea39e;",
}


class MessageBar(QFrame):
    """A non-modal message above the page: the user keeps working and closes it when read."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        close = QToolButton()
        close.setText("\N{MULTIPLICATION SIGN}")
        close.setAutoRaise(True)
        close.setAccessibleName(self.tr("Close message"))
        close.setToolTip(self.tr("Close message"))
        close.clicked.connect(self.dismiss)
        layout.addWidget(close)
        self.level = Level.INFO
        self.hide()

    def show_message(self, text: str, level: Level = Level.INFO) -> None:
        self.level = level
        self.setStyleSheet(f"#messageBar {{ {_BAR_STYLE[level]} border-radius: 6px; }}")
        self.label.setStyleSheet("background: transparent; border: none;")
        self.label.setText(text)
        template = self.tr("Error: {text}") if level is Level.ERROR else self.tr("Message: {text}")
        self.setAccessibleName(template.format(text=text))
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("infoBox")
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, accept_text: str) -> bool:
    """Ask before something destructive; the safe answer is the default."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("confirmBox")
    box.button(QMessageBox.StandardButton.Yes).setText(accept_text)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


def show_about(parent: QWidget | None, data_dir: Path, icon: QIcon) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(tr("About {app}").format(app=APP_NAME))
    box.setIconPixmap(icon.pixmap(64, 64))
    box.setTextFormat(Qt.TextFormat.RichText)
    intro = tr(
        "Tick off your mini-band hip and glute routine, set by set. "
        "Every tick is saved the moment you make it."
    )
    box.setText(
        f"<h3>{APP_NAME} {__version__}</h3><p>{intro}</p>"
        f"<p>{tr('Your data lives in:')}<br><code>{data_dir}</code></p>"
    )
    box.exec()


def report_unexpected(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    parent: QWidget | None = None,
    log_file: Path | None = None,
) -> None:
    """The second tier: a fault of ours. Log it whole, tell the user plainly, keep running."""
    from PySide6.QtWidgets import QMessageBox

    log.error("Unexpected error", exc_info=(exc_type, exc, tb))
    where = tr(" The details are in {file}.").format(file=log_file) if log_file else ""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        tr("{app}: unexpected problem").format(app=APP_NAME),
        tr(
            "Something went wrong inside Band Tracker. Sets you ticked before this are saved."
            "{where}"
        ).format(where=where),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("unexpectedBox")
    box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
    box.exec()


def confirm_restore(parent: QWidget | None, backup_label: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Question,
        tr("Restore from Backup"),
        tr(
            "Replace your current data with {backup}?\n\n"
            "Your current database is kept aside in the data folder, not deleted."
        ).format(backup=backup_label),
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("confirmRestoreBox")
    restore = box.addButton(tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is restore


def show_recovery(parent: QWidget | None, text: str) -> None:
    """After a damaged database was set aside at start: what was restored and where it went."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Warning,
        tr("Database recovered"),
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("recoveryBox")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
