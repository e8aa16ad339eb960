"""The main window: menus, the session page, remembered geometry, and the move to a new day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bandtracker import APP_NAME, texts
from bandtracker.domain.clock import Clock, system_clock
from bandtracker.state import AppState
from bandtracker.store.db import open_data_dir
from bandtracker.store.errors import StoreError
from bandtracker.ui import messages
from bandtracker.ui.actions import Actions
from bandtracker.ui.data_safety import DataSafety
from bandtracker.ui.floor.button import floor_button
from bandtracker.ui.session_tools import SessionTools
from bandtracker.ui.today.level_offer import LevelOfferBar
from bandtracker.ui.today.page import TodayPage
from bandtracker.ui.today.week_line import WeekLine

if TYPE_CHECKING:
    from bandtracker.ui.calendar.page import CalendarPage
    from bandtracker.ui.floor.mode import FloorMode
    from bandtracker.ui.progress.page import ProgressPage
    from bandtracker.ui.sync import SyncController

WINDOW_STATE_FILE = "window.ini"
# Often enough that a window left open overnight shows the new day within a minute of the
# rollover, and survives suspend and clock changes that a single long timer would miss.
DAY_CHECK_MS = 30_000
DEFAULT_SIZE = (1180, 800)
AFTER_PAINT_LATEST_MS = 3000


class AfterFirstPaint(QObject):
    """Runs `then` once `widget` has been painted for the first time (on the next loop turn)."""

    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self.then)
        return False


class MainWindow(QMainWindow):
    def __init__(
        self,
        data_dir: Path,
        icon: QIcon | None = None,
        clock: Clock = system_clock,
        parent: QWidget | None = None,
        state: AppState | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.clock = clock
        self.icon = icon or QIcon()
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(self.icon)
        self.setObjectName("mainWindow")

        # Every page asks the state and follows its signals; only the state asks the store.
        self.state = state or AppState(clock, parent=self)
        self.today = TodayPage(self.state)
        # Pages sit in tabs. Only Today is on screen at start: the others are built just after
        # the first paint (or when first asked for), so startup does not wait for them.
        self.pages = QTabWidget()
        self.pages.setObjectName("pages")
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.today, self.tr("&Today"))
        self._calendar: CalendarPage | None = None
        self._progress: ProgressPage | None = None
        self.calendar_tab, self.calendar_layout = self._add_tab_holder(
            self.tr("&Calendar"), "calendarTab"
        )
        self.progress_tab, self.progress_layout = self._add_tab_holder(
            self.tr("&Progress"), "progressTab"
        )
        self.pages.currentChanged.connect(lambda _: self.build_pages())
        self._after_paint: list[Callable[[], object]] | None = [self.build_pages, self.start_sync]
        self.sync: SyncController | None = None
        self._first_paint = AfterFirstPaint(self.today, self._first_painted)
        # A window that is never painted (started hidden, say) still checks its database and
        # answers a second start.
        QTimer.singleShot(AFTER_PAINT_LATEST_MS, self, self._first_painted)
        # After an import ahead of the settings: the offer to continue from its level, above
        # every page and non-modal; the weekly goal under Today's progress bar.
        self.level_offer = LevelOfferBar(self.state)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.level_offer)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.today.add_header_widget(WeekLine(self.state))
        # Every menu item is made in ui/actions.py; each part below connects its own. (Not
        # `self.actions`: that would hide QWidget.actions().)
        self.menu_actions = Actions(
            self, self.state.undo_stack, [self.pages.tabText(i) for i in range(self.pages.count())]
        )
        self.menu_actions.build_menus(self.menuBar())
        self._connect_actions()
        self.statusBar()
        # Timers, Space, notes, the View and Help items, the tray, the colour scheme.
        self.session_tools = SessionTools(self, self.state, self.menu_actions)
        # JSON and calendar files, backups and restore.
        self.data_safety = DataSafety(self, self.state, self.menu_actions)
        self.state.store_failed.connect(self._store_failed)
        # Floor mode (its window, sounds, voice, screensaver) loads when first asked for.
        self._floor: FloorMode | None = None
        self.menu_actions.floor_mode.triggered.connect(self._first_floor_mode)
        self.today.add_header_widget(
            floor_button(self.menu_actions.floor_mode, lambda: self.floor.start())
        )

        # QSettings holds window geometry only; everything the user records is in the database.
        self.window_state = QSettings(str(data_dir / WINDOW_STATE_FILE), QSettings.Format.IniFormat)
        geometry = self.window_state.value("geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(*DEFAULT_SIZE)

        self.day_timer = QTimer(self)
        self.day_timer.setInterval(DAY_CHECK_MS)
        self.day_timer.timeout.connect(self.check_day)
        self.day_timer.start()
        self.check_day()

    def _add_tab_holder(self, title: str, name: str) -> tuple[QWidget, QVBoxLayout]:
        holder = QWidget()
        holder.setObjectName(name)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pages.addTab(holder, title)
        return holder, layout

    @property
    def calendar(self) -> CalendarPage:
        if self._calendar is None:
            from bandtracker.ui.calendar.page import CalendarPage

            self._calendar = CalendarPage(self.state, self.today)
            self._calendar.open_today.connect(lambda: self.pages.setCurrentWidget(self.today))
            self.calendar_layout.addWidget(self._calendar)
        return self._calendar

    @property
    def progress(self) -> ProgressPage:
        if self._progress is None:
            from bandtracker.ui.progress.page import ProgressPage

            self._progress = ProgressPage(self.state)
            self.progress_layout.addWidget(self._progress)
        return self._progress

    def start_sync(self) -> None:
        """Folder sync (Preferences > Sync), after the first paint: its first merge reads files."""
        from bandtracker.ui.sync import SyncController

        if self.sync is not None or open_data_dir() is None:
            return
        self.sync = SyncController(self.state, self.data_dir, self)
        self.sync.status_changed.connect(self._sync_status)
        self.sync.start()

    def _sync_status(self, text: str) -> None:
        # Someone who never turned sync on is not told at every start that it is off.
        if self.sync is not None and self.sync.folder() is not None:
            self.statusBar().showMessage(text, 10_000)

    def call_after_first_paint(self, call: Callable[[], object]) -> None:
        """Work the first screen does not need waits until Today has been painted."""
        if self._after_paint is None:
            QTimer.singleShot(0, self, call)
        else:
            self._after_paint.append(call)

    def _first_painted(self) -> None:
        if self._after_paint is None:
            return  # done already
        calls, self._after_paint = self._after_paint, None
        for call in calls:
            call()

    def build_pages(self) -> None:
        if open_data_dir() is None:
            return  # closed meanwhile (quitting, or a restore under way): nothing to show
        self.calendar  # noqa: B018 - building is the point
        self.progress  # noqa: B018

    def _connect_actions(self) -> None:
        actions = self.menu_actions
        actions.export_csv.triggered.connect(self.export_csv)
        actions.import_csv.triggered.connect(self.import_csv)
        actions.quit.triggered.connect(self.close)
        actions.preferences.triggered.connect(self.open_preferences)
        actions.about.triggered.connect(self.about)
        actions.about_qt.triggered.connect(QApplication.aboutQt)

    def current_day(self) -> date:
        return self.state.workout_day

    def check_day(self) -> None:
        """Move to the new workout day once the rollover hour has passed (the pages follow)."""
        self.state.check_day()

    def _store_failed(self, text: str) -> None:
        # Each page shows a refusal of its own request; this is for the rest (timers, menus).
        self.statusBar().showMessage(text, 15_000)

    def export_csv(self) -> None:
        self.data_safety.export(
            "csv",
            self.tr("Export Sets as CSV"),
            self.tr("CSV files (*.csv);;All files (*)"),
            (self.tr("Exported {count} set to {path}"), self.tr("Exported {count} sets to {path}")),
        )

    def import_csv(self) -> None:
        self.data_safety.import_from(
            self.tr("Import Sets from CSV"), self.tr("CSV files (*.csv);;All files (*)")
        )

    def refresh_after_data_change(self) -> None:
        """The database was replaced or merged into: the state reads it again, pages follow."""
        self.state.reload()

    def open_preferences(self) -> None:
        """Window-modal rather than exec(): the event loop (and the day timer) keep running."""
        from bandtracker.ui.preferences.dialog import PreferencesDialog

        try:
            self.preferences_dialog = PreferencesDialog(self.state, parent=self)
        except StoreError as exc:
            messages.show_error(self, self.tr("Preferences"), texts.error_text(exc))
            return
        if self.sync is not None:
            from bandtracker.ui.preferences.sync_tab import SyncTab

            tabs = self.preferences_dialog.tabs
            tabs.addTab(SyncTab(self.sync), self.preferences_dialog.tr("S&ync"))
        self.preferences_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.preferences_dialog.accepted.connect(self.preferences_saved)
        self.preferences_dialog.finished.connect(self.preferences_dialog.deleteLater)
        self.preferences_dialog.open()

    def preferences_saved(self) -> None:
        # The dialog told the state, and every page followed its settings_changed.
        self.session_tools.preferences_changed()
        self.statusBar().showMessage(self.tr("Preferences saved"), 5000)

    @property
    def floor(self) -> FloorMode:
        if self._floor is None:
            from bandtracker.ui.floor.mode import FloorMode

            self.menu_actions.floor_mode.triggered.disconnect(self._first_floor_mode)
            # From now on the action reaches floor mode directly.
            self._floor = FloorMode(self.state, self, action=self.menu_actions.floor_mode)
        return self._floor

    def _first_floor_mode(self, on: bool) -> None:
        self.floor.toggle(on)

    def about(self) -> None:
        messages.show_about(self, self.data_dir, self.icon)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session_tools.intercept_close(event):
            return
        self.window_state.setValue("geometry", self.saveGeometry())
        self.window_state.sync()
        self.day_timer.stop()
        # Quitting from the tray with floor mode on: its window goes and the screen may blank.
        if self._floor is not None:
            self._floor.stop()
        self.data_safety.on_close()
        super().closeEvent(event)
