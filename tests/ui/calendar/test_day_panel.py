"""The day panel shows what a day was done with: its own sets, its own band for what is missing."""

from datetime import date

from PySide6.QtCore import Qt

from bandtracker.state import AppState
from bandtracker.store.transfer import csv_io
from tests.store.test_infer import csv_rows, write_csv
from tests.ui.calendar.helpers import click_day, open_calendar


def test_a_partial_day_lists_what_was_missed_with_that_days_band(qtbot, db, clock, tmp_path):
    """Bug 3: donkey kick, clam shell and glute bridge not done show green, the day's band."""
    day = date(2026, 11, 3)
    skipped = ("donkey-kick", "clam-shell", "glute-bridge")
    csv_io.import_csv(write_csv(tmp_path, csv_rows(day, 3, 12, "green", skip=skipped)))
    state = AppState(clock)
    assert state.save_settings({"band": "blue", "default_sets": 2})  # today's is another band
    page = open_calendar(qtbot, state)
    click_day(qtbot, page, day)
    rows = page.panel.exercises.text()
    assert (
        "Clam shell</td><td style='padding-left:12px; white-space:nowrap'>right 0/3, left 0/3"
        in rows
    )
    assert rows.count("12 reps \N{MIDDLE DOT} green band") == 9
    assert "blue" not in rows
    assert page.panel.summary.text().startswith("Partial, counts toward the week")
    assert page.panel.backfill.isVisible()
    assert page.panel.backfill.log_button.text() == "I did the &whole routine that day"
    assert page.panel.backfill.log_button.focusPolicy() != Qt.FocusPolicy.NoFocus
