"""A second start on the same data folder hands over to the window already open."""

from __future__ import annotations

import getpass
import hashlib
import os
import socket as pysocket
import stat
import struct
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

HANDOVER_TIMEOUT_MS = 1500
RAISE = b"raise\n"
# A Unix socket's path must fit in sockaddr_un (108 bytes on Linux, 104 on macOS).
MAX_SOCKET_PATH = 100


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _private_dir(folder: Path) -> bool:
    """A real folder (not a link) that only we can enter: nobody else can plant a socket in it."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and stat.S_IMODE(info.st_mode) & 0o077 == 0
    )


def runtime_dir() -> Path | None:
    """Where the socket lives: $XDG_RUNTIME_DIR (the user's own, 0700), else a private 0700
    folder of ours in the temporary folder; None when neither can be had safely."""
    xdg = os.environ.get("XDG_RUNTIME_DIR")
    if xdg and os.path.isabs(xdg) and _private_dir(Path(xdg)):
        return Path(xdg)
    folder = Path(tempfile.gettempdir()) / f"bandtracker-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    # Made by someone else first (or loosened since): not ours to trust.
    return folder if _private_dir(folder) else None


def server_name(data_dir: Path) -> str:
    """One socket per user and data folder, however the folder's path was written (a link, a
    relative path): a second start must find the first. A full path where there is a private
    folder for it, else (Windows) a name."""
    try:
        where = data_dir.resolve()
    except OSError:
        where = data_dir.absolute()
    key = f"{_user()}\0{where}".encode()
    name = "bandtracker-" + hashlib.sha256(key).hexdigest()[:20]
    if os.name != "posix":
        return name
    folder = runtime_dir()
    if folder is None:
        return ""
    path = str(folder / name)
    return path if len(path.encode()) <= MAX_SOCKET_PATH else ""


def peer_uid(socket: QLocalSocket) -> int | None:
    """The user on the other end of a connected socket, where the system tells (Linux)."""
    option = getattr(pysocket, "SO_PEERCRED", None)
    fd = int(socket.socketDescriptor())
    if option is None or fd < 0:
        return None
    try:
        with pysocket.socket(fileno=os.dup(fd)) as raw:
            creds = raw.getsockopt(pysocket.SOL_SOCKET, option, struct.calcsize("3i"))
    except OSError:
        return None
    return int(struct.unpack("3i", creds)[1])


def same_user(socket: QLocalSocket) -> bool:
    if os.name != "posix":
        return True
    uid = peer_uid(socket)
    return uid is None or uid == os.getuid()


def hand_over(data_dir: Path) -> bool:
    """Ask the running window for `data_dir` to come to the front; False when none answers
    (or what answers is not ours: another user's program listening under our name)."""
    name = server_name(data_dir)
    if not name:
        return False
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(HANDOVER_TIMEOUT_MS):
        return False
    if not same_user(socket):
        socket.abort()
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
        self.name = server_name(data_dir)
        self.listening = False
        if self.name:
            # We hold the folder's lock, so a socket by this name is a leftover of a killed run.
            QLocalServer.removeServer(self.name)
            self.listening = self.server.listen(self.name)
        self.server.newConnection.connect(self._accept)
        app = QCoreApplication.instance()
        if app is not None:
            # A normal quit takes the socket away with it (a kill leaves it, for removeServer).
            app.aboutToQuit.connect(self.close)

    def close(self) -> None:
        if self.server.isListening():
            self.server.close()  # removes the socket file
        self.listening = False

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            if not same_user(socket):
                socket.abort()
                socket.deleteLater()
                continue
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE.strip()):
            self.raise_requested.emit()
