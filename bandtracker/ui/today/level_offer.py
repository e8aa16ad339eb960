"""After an import, a non-modal offer to continue from the level the imported history reached."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from bandtracker import texts
from bandtracker.state import AppState
from bandtracker.store.errors import StoreError
from bandtracker.store.transfer.infer import LevelOffer, level_offer
from bandtracker.ui.messages import Level, MessageBar
from bandtracker.ui.today.page import long_date


class LevelOfferBar(MessageBar):
    """ "Your history ends at 3 x 12 with the green band: continue from there?" Shown once per
    newest session, when the data was replaced (an import) and the history is ahead of the
    settings; the user keeps working while it shows."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("levelOfferBar")
        self.state = state
        self.offer: LevelOffer | None = None
        self.offered: set[date] = set()
        self.accept_button = QPushButton(self.tr("&Continue from There"))
        self.accept_button.setObjectName("continueLevelButton")
        self.accept_button.clicked.connect(self.accept)
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.insertWidget(1, self.accept_button)
        state.data_replaced.connect(self.check)

    def check(self) -> None:
        state = self.state
        try:
            offer = level_offer(state.settings, state.current_plan(), state.bands, state.catalogue)
        except StoreError as exc:
            state.fail(exc)
            return
        if offer is None or offer.day in self.offered:
            return
        self.offered.add(offer.day)
        self.offer = offer
        typical = offer.changes
        self.show_message(
            self.tr(
                "Your history ends on {day} at {sets} \N{MULTIPLICATION SIGN} {reps} with the "
                "{band} band, above your settings. Continue from there?"
            ).format(
                day=long_date(offer.day),
                sets=typical["default_sets"],
                reps=typical["default_reps"],
                band=texts.band_name(str(typical["band"])),
            ),
            Level.INFO,
        )

    def accept(self) -> None:
        if self.offer is not None and self.state.save_settings(self.offer.changes):
            self.offer = None
            self.dismiss()
