"""The weekly goal line under Today's progress bar, from the state (a tick costs no query)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from bandtracker.domain.weeks import WeekProgress
from bandtracker.state import AppState


def week_text(progress: WeekProgress) -> str:
    """The weekly goal line (the calendar's header says the same)."""
    if progress.rest:
        text = QCoreApplication.translate("WeekLine", "This week: rest week ({done} done)")
        return text.format(done=progress.counted)
    text = QCoreApplication.translate("WeekLine", "This week: {done} of {target}")
    return text.format(done=progress.counted, target=progress.target)


class WeekLine(QLabel):
    """ "This week: 1 of 2", kept up to date by the state's signals."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("todayWeekLabel")
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        for signal in (state.sets_changed, state.session_changed, state.day_changed):
            signal.connect(self.refresh)
        for signal in (state.settings_changed, state.data_replaced, state.rest_weeks_changed):
            signal.connect(self.refresh)
        self.refresh()

    def refresh(self, *_: object) -> None:
        self.setText(week_text(self.state.week_progress()))
