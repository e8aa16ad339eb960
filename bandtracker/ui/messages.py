"""Every dialog and message the app shows: errors, About, and the in-page message bar."""

from __future__ import annotations

import logging
import traceback
from enum import Enum
from html import escape
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from bandtracker import APP_NAME, __version__
from bandtracker.ui.theme import error_colour, is_dark

# The dialogs below import QMessageBox when first shown: making its Python type costs about
# 4 ms, and the window's first paint needs none of them.

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("Messages", text)


class Level(Enum):
    INFO = "info"
    ERROR = "error"


# (background, text, border) per level, for light and for dark windows: the bar keeps its
# meaning (blue says, red warns) and its text stays readable in both.
_BAR_COLOURS = {
    (Level.INFO, False): ("#e3effd", "#0b3a6e", "#9cc3ee"),
    (Level.ERROR, False): ("#fde7e6", "#7a1410", "#eea39e"),
    (Level.INFO, True): ("#1b324a", "#d2e6fc", "#3a6696"),
    (Level.ERROR, True): ("#4a1f1d", "#ffd9d5", "#94413a"),
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
        # Messages quote band names, file names and notes: shown as written, never as markup.
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.close_button = close = QToolButton()
        close.setText("\N{MULTIPLICATION SIGN}")
        close.setAutoRaise(True)
        close.setAccessibleName(self.tr("Close message"))
        close.setToolTip(self.tr("Close message"))
        close.clicked.connect(self.dismiss)
        layout.addWidget(close)
        self._row = layout
        self.level = Level.INFO
        self.hide()

    def add_button(self, button: QAbstractButton) -> None:
        """A button of the page's own (Undo, say), between the text and the close button."""
        self._row.insertWidget(self._row.count() - 1, button)

    def colours(self) -> tuple[QColor, QColor, QColor]:
        """Background, text and border for the level, in the window's light or dark."""
        background, text, border = _BAR_COLOURS[(self.level, is_dark(self.palette()))]
        return QColor(background), QColor(text), QColor(border)

    def _recolour(self) -> None:
        # Painted, and the text coloured through the children's palettes, rather than styled:
        # a style sheet would fix the bar's palette, and it would miss a live theme switch.
        _, text, _ = self.colours()
        for child in (self.label, self.close_button):
            palette = child.palette()
            palette.setColor(QPalette.ColorRole.WindowText, text)
            palette.setColor(QPalette.ColorRole.ButtonText, text)
            child.setPalette(palette)
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._recolour()  # the colour scheme changed, perhaps while a message shows

    def paintEvent(self, event: QPaintEvent) -> None:
        background, _, border = self.colours()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(border, 1.0))
        painter.setBrush(background)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)

    def show_message(self, text: str, level: Level = Level.INFO) -> None:
        self.level = level
        self._recolour()
        self.label.setText(text)
        template = self.tr("Error: {text}") if level is Level.ERROR else self.tr("Message: {text}")
        self.setAccessibleName(template.format(text=text))
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()


class ProblemLabel(QLabel):
    """Why a form cannot be saved, in a red that stays readable in light and dark."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._recolouring = False
        self._recolour()

    def _recolour(self) -> None:
        # Through the palette, not a style sheet: a fixed colour was dim on a dark window, and
        # the palette's window colour tells which red to use after a switch.
        self._recolouring = True
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(palette))
        self.setPalette(palette)
        self._recolouring = False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._recolouring:
            self._recolour()


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.setTextFormat(Qt.TextFormat.PlainText)  # it may quote file or band names
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("infoBox")
    box.setTextFormat(Qt.TextFormat.PlainText)  # it may quote file or band names
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
    box.setTextFormat(Qt.TextFormat.PlainText)  # it may quote file or band names
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
        f"<p>{tr('Your data lives in:')}<br><code>{escape(str(data_dir))}</code></p>"
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
    box.setTextFormat(Qt.TextFormat.PlainText)  # it may quote file or band names
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
    box.setTextFormat(Qt.TextFormat.PlainText)  # it may quote file or band names
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
