"""A second start on the same data folder hands over to the window already open."""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

HANDOVER_TIMEOUT_MS = 1500
RAISE = b"raise\n"


def server_name(data_dir: Path) -> str:
    """One name per user and data folder, short enough for a Unix socket path."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    key = f"{user}\0{data_dir.absolute()}".encode()
    return "bandtracker-" + hashlib.sha256(key).hexdigest()[:20]


def hand_over(data_dir: Path) -> bool:
    """Ask the running window for `data_dir` to come to the front; False when none answers."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(HANDOVER_TIMEOUT_MS):
        return False
    socket.write(RAISE)
    sent = socket.waitForBytesWritten(HANDOVER_TIMEOUT_MS)
    socket.disconnectFromServer()
    return sent


class InstanceServer(QObject):
    """Listens for later starts on the same data folder and asks the window to come forward."""

    raise_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = server_name(data_dir)
        # We hold the folder's lock, so a socket by this name is a leftover of a killed run.
        QLocalServer.removeServer(name)
        self.listening = self.server.listen(name)
        self.server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE.strip()):
            self.raise_requested.emit()
