"""Help: the routine's guidance in our own words, and every keyboard shortcut."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bandtracker import APP_NAME, texts
from bandtracker.domain.catalogue import default_catalogue
from bandtracker.ui.actions import HELP_TEXT, ROUTINE_TAB, SHORTCUTS_TAB  # noqa: F401


def tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


def keyboard_rows() -> list[tuple[str, str]]:
    """Keys that are not menu actions (Qt's own navigation), as (keys, what they do)."""
    return [
        (tr("Tab / Shift+Tab"), tr("Move to the next / previous control")),
        (tr("Arrow keys"), tr("Move between set boxes and buttons")),
        (tr("Enter on a focused button"), tr("Press that button (Space too, except on Today)")),
        (tr("Alt + underlined letter"), tr("Go to that page, button or field")),
        (tr("Alt+N"), tr("Write in this session's notes")),
    ]


def described(action: QAction) -> str:
    text = action.property(HELP_TEXT)
    return text if isinstance(text, str) and text else action.text().replace("&", "")


def action_rows(actions: Sequence[QAction]) -> list[tuple[str, str, QAction]]:
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        if keys:
            rows.append((" / ".join(keys), described(action), action))
    return rows


def routine_html() -> str:
    parts = [
        f"<h2>{escape(tr('The routine'))}</h2>",
        "<p>"
        + escape(
            tr(
                "Nine exercises with a small loop band, done two or three times a week, for "
                "example after an easy run or in the evening. A whole session takes about ten "
                "to fifteen minutes."
            )
        )
        + "</p>",
        "<p>"
        + escape(
            tr(
                "Begin with the lightest band and fewer sets. Add a set, or move to a stronger "
                "band, only when the current one feels easy, and do so over weeks, not days."
            )
        )
        + "</p>",
        "<p>"
        + escape(
            tr(
                "Exercises done on each side start with the right side; the set is complete "
                "when the left side is done too."
            )
        )
        + "</p>",
        f"<h3>{escape(tr('Form cues'))}</h3>",
    ]
    for exercise in default_catalogue().exercises:
        cues = "".join(f"<li>{escape(c)}</li>" for c in texts.cues(exercise))
        parts.append(
            f"<p><b>{escape(texts.exercise_name(exercise))}</b> \N{EM DASH} "
            f"{escape(texts.band_placement(exercise))}"
            f"</p><ul>{cues}</ul>"
        )
    parts.append(
        "<p>"
        + escape(
            tr(
                "Keep your hips level and still, move slowly, and stop if anything hurts "
                "rather than burns."
            )
        )
        + "</p>"
    )
    return "".join(parts)


class HelpWindow(QDialog):
    """A non-modal window: it can stay open beside the session."""

    def __init__(self, actions: Sequence[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowTitle(tr("%1 Help").replace("%1", APP_NAME))
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.routine = QTextBrowser()
        self.routine.setObjectName("routineHelp")
        self.routine.setAccessibleName(tr("The routine and its form cues"))
        self.routine.setHtml(routine_html())
        self.tabs.addTab(self.routine, tr("The &Routine"))

        self.rows = action_rows(actions)
        extra = keyboard_rows()
        self.table = QTableWidget(len(self.rows) + len(extra), 2)
        self.table.setObjectName("shortcutTable")
        self.table.setAccessibleName(tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([tr("Keys"), tr("What they do")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, what) in enumerate([(k, w) for k, w, _ in self.rows] + extra):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(what))
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.tabs.addTab(self.table, tr("&Keyboard Shortcuts"))
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(640, 560)

    def listed(self) -> list[tuple[str, QAction]]:
        """The shortcuts this window lists for menu actions, as (keys text, action)."""
        return [(keys, action) for keys, _, action in self.rows]
