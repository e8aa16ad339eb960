"""The Preferences tab for floor mode: the side-switch pause, what you hear, the walks' order."""

from __future__ import annotations

import importlib.util

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QSpinBox, QWidget

from bandtracker.domain.floor import MAX_SWITCH_SECONDS, MIN_SWITCH_SECONDS
from bandtracker.domain.settings import Settings


def voice_installed() -> bool:
    """Whether Qt's text to speech (PySide6-Addons, the `voice` extra) is there to speak."""
    return importlib.util.find_spec("PySide6.QtTextToSpeech") is not None


class FloorPrefsTab(QWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("floorPrefsTab")
        form = QFormLayout(self)

        self.switch_spin = QSpinBox()
        self.switch_spin.setObjectName("floorSwitchSeconds")
        self.switch_spin.setRange(MIN_SWITCH_SECONDS, MAX_SWITCH_SECONDS)
        self.switch_spin.setSuffix(self.tr(" s"))
        self.switch_spin.setSpecialValueText(self.tr("None"))
        self.switch_spin.setAccessibleName(self.tr("Pause to switch sides, in seconds (0 = none)"))
        self.switch_spin.setValue(settings.floor_switch_seconds)
        form.addRow(self.tr("&Switch sides pause:"), self.switch_spin)

        self.cue_combo = QComboBox()
        self.cue_combo.setObjectName("floorCueMode")
        self.cue_combo.setAccessibleName(self.tr("What floor mode lets you hear"))
        for label, value in (
            (self.tr("A voice and sounds"), "voice"),
            (self.tr("Sounds"), "sounds"),
            (self.tr("Nothing"), "silent"),
        ):
            self.cue_combo.addItem(label, value)
        self.cue_combo.setCurrentIndex(max(0, self.cue_combo.findData(settings.floor_cue_mode)))
        form.addRow(self.tr("&Cues:"), self.cue_combo)
        if not voice_installed():
            note = QLabel(
                self.tr(
                    "The voice needs the optional voice extra (PySide6-Addons) and, on Linux, "
                    "speech-dispatcher; until then floor mode plays the sounds."
                )
            )
            note.setWordWrap(True)
            form.addRow(note)

        self.walks_check = QCheckBox(self.tr("Do the two band &walks as alternating sets"))
        self.walks_check.setObjectName("floorAlternateWalks")
        self.walks_check.setAccessibleName(
            self.tr("Forward and backward walks as alternating sets")
        )
        self.walks_check.setChecked(settings.floor_alternate_walks)
        form.addRow(self.walks_check)

    def changes(self) -> dict[str, object]:
        """The floor settings as the settings registry stores them."""
        return {
            "floor_switch_seconds": self.switch_spin.value(),
            "floor_cue_mode": self.cue_combo.currentData(),
            "floor_alternate_walks": self.walks_check.isChecked(),
        }
