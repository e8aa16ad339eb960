"""Starting the window: the Qt application, logging, the last-resort error handler, the database."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from bandtracker import APP_NAME, __version__, texts
from bandtracker.assets import icon_path
from bandtracker.domain.clock import Clock, system_clock
from bandtracker.state import AppState
from bandtracker.store.db import close_database
from bandtracker.store.errors import StoreError
from bandtracker.store.files import make_private, make_private_dir
from bandtracker.store.lock import FolderInUseError
from bandtracker.store.safety.recovery import (
    RecoveryReport,
    database_health,
    open_then_check,
    recover_open_database,
)
from bandtracker.ui import messages
from bandtracker.ui.language import install_translators
from bandtracker.ui.main_window import MainWindow
from bandtracker.ui.theme import STYLE_ARGUMENTS, apply_theme, style_set_by_arguments

LOG_FILE = "bandtracker.log"
LOG_MAX_BYTES = 512 * 1024
LOG_KEEP = 2
log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("App", text)


def app_icon() -> QIcon:
    path = icon_path()
    return QIcon(str(path)) if path.is_file() else QIcon()


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([*sys.argv[:1], *STYLE_ARGUMENTS])
        style_set_by_arguments()
    app.setApplicationName("bandtracker")
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("bandtracker")
    return app


def setup_logging(data_dir: Path) -> Path | None:
    """Log to a file in the data folder; a folder we cannot write to leaves only stderr."""
    log_file: Path | None = data_dir / LOG_FILE
    try:
        make_private_dir(data_dir)
        rotate_log(data_dir / LOG_FILE)
        handler: logging.Handler = logging.FileHandler(data_dir / LOG_FILE, encoding="utf-8")
        make_private(data_dir / LOG_FILE)  # the log names files and days: the owner's only
    except OSError:
        handler, log_file = logging.StreamHandler(), None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    # A log line that cannot be written (a full disk) is dropped, not a "--- Logging error ---"
    # traceback on stderr: the log is never worth more than what the user is doing.
    logging.raiseExceptions = False
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return log_file


def rotate_log(log_file: Path) -> None:
    """Start a fresh log when the last one grew past its limit, keeping LOG_KEEP old ones.

    Rotating once per start rather than with logging.handlers: that module pulls in sockets,
    pickle and queues, about 8 ms of startup, and a session never writes half a megabyte.
    """
    try:
        if log_file.stat().st_size < LOG_MAX_BYTES:
            return
    except FileNotFoundError:
        return
    for number in range(LOG_KEEP - 1, 0, -1):
        older = log_file.with_name(f"{log_file.name}.{number}")
        if older.exists():
            older.replace(log_file.with_name(f"{log_file.name}.{number + 1}"))
    log_file.replace(log_file.with_name(f"{log_file.name}.1"))


def install_excepthook(log_file: Path | None) -> None:
    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        messages.report_unexpected(exc_type, exc, tb, QApplication.activeWindow(), log_file)

    sys.excepthook = hook


class HealthCheck(QObject):
    """Checks the open database's integrity in a worker thread, so startup does not wait on it.

    The check reads every page, so it grows with the history; the window must not. SQLite lets
    go of the GIL while it works, and WAL lets it read beside the window's own connection.
    """

    finished = Signal(object)  # what is wrong (str), or None when the file is sound

    def __init__(self, data_dir: Path, full: bool, parent: QObject) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.full = full
        # Not `self.thread`: that name is QObject.thread(), the Qt thread the object lives in.
        self.worker = threading.Thread(target=self._run, name="health-check", daemon=True)

    def start(self) -> None:
        self.worker.start()

    def _run(self) -> None:
        try:
            problem = database_health(self.data_dir, full=self.full)
        except StoreError as exc:
            # Could not read it (locked, unreadable): not damage, so nothing to recover.
            log.warning("Health check could not run: %s", exc)
            problem = None
        self.finished.emit(problem)


def apply_saved_colour_scheme(mode: str) -> None:
    """Before any widget exists, so the first paint is already in the chosen colours."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, mode)


def start(data_dir: Path, clock: Clock = system_clock) -> MainWindow:
    """Open the data folder and show the window (without entering the event loop)."""
    ensure_application()
    report, owed_check = open_then_check(data_dir)
    # The state reads the settings once; the colours are applied before the first widget.
    state = AppState(clock)
    apply_saved_colour_scheme(state.settings.colour_scheme)
    window = MainWindow(data_dir, app_icon(), clock, state=state)
    state.setParent(window)
    window.show()
    # The data folder is already locked to us; answering a second start can wait until the
    # window is painted, so QtNetwork need not load before the first paint.
    window.call_after_first_paint(lambda: listen_for_second_starts(window, data_dir))
    if report is not None:
        tell_recovered(window, report)
    if owed_check is not None:
        # The window owns it (its Qt parent); nothing else needs to hold it.
        check = HealthCheck(data_dir, owed_check, window)
        check.finished.connect(lambda problem: recover_if_damaged(window, data_dir, problem))
        # After the first paint: reading the whole file beside it slowed the paint by ~20 ms
        # on ten years of history, even from another thread.
        window.call_after_first_paint(check.start)
    return window


def tell_recovered(window: MainWindow, report: RecoveryReport) -> None:
    log.warning("Recovered a damaged database: %s", report.describe())
    QTimer.singleShot(
        0, window, lambda: messages.show_recovery(window, texts.translate(report.describe()))
    )


def recover_if_damaged(window: MainWindow, data_dir: Path, problem: str | None) -> None:
    if problem is None:
        return
    try:
        report = recover_open_database(data_dir, problem)
    except StoreError as exc:
        messages.show_error(window, tr("Database damaged"), texts.error_text(exc))
        return
    window.refresh_after_data_change()
    tell_recovered(window, report)


def listen_for_second_starts(window: MainWindow, data_dir: Path) -> None:
    from bandtracker.ui.single_instance import InstanceServer

    # Owned by the window (its Qt parent), which has no other business with it.
    server = InstanceServer(data_dir, window)
    server.raise_requested.connect(lambda: bring_to_front(window))


def bring_to_front(window: MainWindow) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def run_gui(data_dir: Path) -> int:
    app = ensure_application()
    install_translators(app)  # before any widget, so every tr() finds the user's language
    app.setWindowIcon(app_icon())
    log_file = setup_logging(data_dir)
    install_excepthook(log_file)
    try:
        window = start(data_dir)
    except FolderInUseError as exc:
        from bandtracker.ui.single_instance import hand_over

        if hand_over(data_dir):
            log.info("Handed over to the window already open on %s", data_dir)
            return 0
        messages.show_error(
            None, tr("{app} is already open").format(app=APP_NAME), texts.error_text(exc)
        )
        return 1
    except StoreError as exc:
        log.warning("Could not start: %s", exc)
        messages.show_error(
            None, tr("{app} cannot start").format(app=APP_NAME), texts.error_text(exc)
        )
        return 1
    try:
        return app.exec()
    finally:
        window.deleteLater()
        close_database()
