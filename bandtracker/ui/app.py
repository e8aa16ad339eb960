"""Starting the window: the Qt application, logging, the last-resort error handler, the database."""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from bandtracker import APP_NAME, __version__
from bandtracker.assets import icon_path
from bandtracker.domain.clock import Clock, system_clock
from bandtracker.store.db import close_database
from bandtracker.store.errors import StoreError
from bandtracker.store.lock import FolderInUseError
from bandtracker.store.recovery import open_checked
from bandtracker.ui import messages
from bandtracker.ui.main_window import MainWindow
from bandtracker.ui.single_instance import InstanceServer, hand_over
from bandtracker.ui.theme import apply_theme

LOG_FILE = "bandtracker.log"
log = logging.getLogger(__name__)


def app_icon() -> QIcon:
    path = icon_path()
    return QIcon(str(path)) if path.is_file() else QIcon()


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("bandtracker")
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("bandtracker")
    return app


def setup_logging(data_dir: Path) -> Path | None:
    """Log to a file in the data folder; a folder we cannot write to leaves only stderr."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            data_dir / LOG_FILE, maxBytes=512 * 1024, backupCount=2, encoding="utf-8"
        )
        log_file: Path | None = data_dir / LOG_FILE
    except OSError:
        handler, log_file = logging.StreamHandler(), None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return log_file


def install_excepthook(log_file: Path | None) -> None:
    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        messages.report_unexpected(exc_type, exc, tb, QApplication.activeWindow(), log_file)

    sys.excepthook = hook


def start(data_dir: Path, clock: Clock = system_clock) -> MainWindow:
    """Open the data folder and show the window (without entering the event loop)."""
    ensure_application()
    # Checked first: a damaged file is set aside and the newest good backup put in its place.
    report = open_checked(data_dir)
    window = MainWindow(data_dir, app_icon(), clock)
    window.instance_server = InstanceServer(data_dir, window)
    window.instance_server.raise_requested.connect(lambda: bring_to_front(window))
    window.show()
    if report is not None:
        log.warning("Recovered a damaged database: %s", report.describe())
        QTimer.singleShot(0, window, lambda: messages.show_recovery(window, report.describe()))
    return window


def bring_to_front(window: MainWindow) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def run_gui(data_dir: Path) -> int:
    app = ensure_application()
    apply_theme(app, "system")
    app.setWindowIcon(app_icon())
    log_file = setup_logging(data_dir)
    install_excepthook(log_file)
    try:
        window = start(data_dir)
    except FolderInUseError as exc:
        if hand_over(data_dir):
            log.info("Handed over to the window already open on %s", data_dir)
            return 0
        messages.show_error(None, f"{APP_NAME} is already open", str(exc))
        return 1
    except StoreError as exc:
        log.warning("Could not start: %s", exc)
        messages.show_error(None, f"{APP_NAME} cannot start", str(exc))
        return 1
    try:
        return app.exec()
    finally:
        window.deleteLater()
        close_database()
