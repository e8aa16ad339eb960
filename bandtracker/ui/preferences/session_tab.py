"""The Preferences tab for the rest timer, reminders, the tray and the colour scheme."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from bandtracker.domain.session_prefs import MAX_REST_SECONDS, MIN_REST_SECONDS, SessionPrefs


class SessionPrefsTab(QWidget):
    def __init__(self, prefs: SessionPrefs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionPrefsTab")
        form = QFormLayout(self)

        self.rest_spin = QSpinBox()
        self.rest_spin.setObjectName("restSeconds")
        self.rest_spin.setRange(MIN_REST_SECONDS, MAX_REST_SECONDS)
        self.rest_spin.setSingleStep(15)
        self.rest_spin.setSuffix(self.tr(" s"))
        self.rest_spin.setSpecialValueText(self.tr("Off"))
        self.rest_spin.setAccessibleName(self.tr("Rest between sets, in seconds (0 = off)"))
        self.rest_spin.setValue(prefs.rest_seconds)
        form.addRow(self.tr("&Rest between sets:"), self.rest_spin)

        self.scheme_combo = QComboBox()
        self.scheme_combo.setObjectName("colourScheme")
        self.scheme_combo.setAccessibleName(self.tr("Colour scheme"))
        for label, value in (
            (self.tr("As the system does"), "system"),
            (self.tr("Light"), "light"),
            (self.tr("Dark"), "dark"),
        ):
            self.scheme_combo.addItem(label, value)
        self.scheme_combo.setCurrentIndex(max(0, self.scheme_combo.findData(prefs.colour_scheme)))
        form.addRow(self.tr("&Colours:"), self.scheme_combo)

        self.tray_check = QCheckBox(self.tr("Closing the window keeps Band Tracker in the &tray"))
        self.tray_check.setObjectName("closeToTray")
        self.tray_check.setAccessibleName(self.tr("Close to the tray"))
        self.tray_check.setChecked(prefs.close_to_tray)
        form.addRow(self.tray_check)

        days = QWidget()
        grid = QGridLayout(days)
        grid.setContentsMargins(0, 0, 0, 0)
        locale = QLocale()
        self.day_checks: dict[int, QCheckBox] = {}
        for day in range(1, 8):
            check = QCheckBox(locale.standaloneDayName(day, QLocale.FormatType.ShortFormat))
            check.setAccessibleName(
                self.tr("Remind me on %1").replace("%1", locale.standaloneDayName(day))
            )
            check.setChecked(day in prefs.reminder_days)
            self.day_checks[day] = check
            grid.addWidget(check, 0, day - 1)
        form.addRow(self.tr("Remind me on:"), days)
        self.time_edit = QTimeEdit(QTime(prefs.reminder_time.hour, prefs.reminder_time.minute))
        self.time_edit.setObjectName("reminderTime")
        self.time_edit.setAccessibleName(self.tr("Reminder time"))
        form.addRow(self.tr("&At:"), self.time_edit)
        note = QLabel(
            self.tr(
                "On those days, if you have not started by then, the tray icon reminds you "
                "(where your desktop has a tray; otherwise the window's status line does)."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)

    def prefs(self) -> SessionPrefs:
        at = self.time_edit.time()
        return SessionPrefs(
            rest_seconds=self.rest_spin.value(),
            close_to_tray=self.tray_check.isChecked(),
            colour_scheme=self.scheme_combo.currentData(),
            reminder_days=frozenset(d for d, c in self.day_checks.items() if c.isChecked()),
            reminder_time=time(at.hour(), at.minute()),
        )
