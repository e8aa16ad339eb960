"""After an import ahead of the settings, a non-modal offer to continue from its level, once."""

from datetime import date

from PySide6.QtCore import Qt

from bandtracker.state import AppState
from bandtracker.store.transfer import csv_io
from bandtracker.ui.today.level_offer import LevelOfferBar
from tests.store.test_infer import csv_rows, write_csv


def test_an_import_at_a_higher_level_is_offered_once_and_taken_in_one_click(
    qtbot, db, clock, tmp_path
):
    """Bug 2: history ending at 3 x 12 green left Today offering 2 x 10 yellow, silently."""
    state = AppState(clock)
    bar = LevelOfferBar(state)
    qtbot.addWidget(bar)
    state.reload()
    assert bar.isHidden()  # nothing imported, nothing offered

    rows = csv_rows(date(2026, 11, 2), 2, 10, "yellow") + csv_rows(
        date(2026, 11, 20), 3, 12, "green"
    )
    csv_io.import_csv(write_csv(tmp_path, rows))
    state.reload()  # as File > Import does
    assert "3 \N{MULTIPLICATION SIGN} 12 with the green band" in bar.text()
    assert "20 November 2026" in bar.text() or "November 20" in bar.text()
    with qtbot.waitSignal(state.settings_changed):
        qtbot.mouseClick(bar.accept_button, Qt.MouseButton.LeftButton)
    assert bar.text() == ""
    assert {p.prescription for p in state.current_plan()} == {
        p.prescription for p in state.day_view(date(2026, 11, 20)).plan
    }
    assert state.today.plan[0].prescription.band == "green"


def test_the_offer_is_made_once_and_can_be_closed(qtbot, db, clock, tmp_path):
    state = AppState(clock)
    bar = LevelOfferBar(state)
    qtbot.addWidget(bar)
    csv_io.import_csv(write_csv(tmp_path, csv_rows(date(2026, 11, 20), 3, 12, "green")))
    state.reload()
    assert bar.offer is not None
    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    state.reload()  # a second import of the same history: not offered again
    assert bar.isHidden()
    assert state.settings.default_sets == 2
