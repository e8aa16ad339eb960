"""The second-start socket: private to its user, found again however the path is written,
gone after a normal quit, and never handing over to another user's impostor."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import tempfile
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from bandtracker.ui import single_instance
from bandtracker.ui.single_instance import InstanceServer, hand_over, server_name


@pytest.fixture
def short_tmp() -> Path:
    """A short path: a socket's must fit in about 100 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="bt-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def runtime(short_tmp, monkeypatch) -> Path:
    folder = short_tmp / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


@pytest.fixture
def owner(qtbot):
    """A parent for the servers, deleted by pytest-qt after the test like a window."""
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_the_socket_lives_in_the_users_runtime_folder(qtbot, runtime, data_dir, owner):
    server = InstanceServer(data_dir, owner)
    assert server.listening
    path = Path(server.name)
    assert path.parent == runtime and stat.S_ISSOCK(path.stat().st_mode)
    server.close()


def test_without_a_runtime_folder_a_private_one_is_made(qtbot, short_tmp, monkeypatch, data_dir):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(short_tmp))
    name = Path(server_name(data_dir))
    folder = name.parent
    assert folder == short_tmp / f"bandtracker-{os.getuid()}"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_folder_planted_by_someone_else_is_not_used(
    qtbot, short_tmp, monkeypatch, data_dir, owner
):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(short_tmp))
    planted = short_tmp / f"bandtracker-{os.getuid()}"
    planted.mkdir(mode=0o777)
    planted.chmod(0o777)  # anyone may put a socket there
    assert server_name(data_dir) == ""
    server = InstanceServer(data_dir, owner)
    assert not server.listening and not list(planted.iterdir())


def test_a_normal_quit_removes_the_socket(qtbot, runtime, data_dir, owner):
    server = InstanceServer(data_dir, owner)
    path = Path(server.name)
    assert path.exists()
    QApplication.instance().aboutToQuit.emit()
    assert not path.exists() and not server.listening


def test_a_linked_or_relative_path_finds_the_same_window(
    qtbot, runtime, data_dir, short_tmp, owner
):
    data_dir.mkdir()
    link = short_tmp / "link"
    link.symlink_to(data_dir)
    assert server_name(link) == server_name(data_dir)
    assert server_name(data_dir / ".." / "data") == server_name(data_dir)
    server = InstanceServer(data_dir, owner)
    with qtbot.waitSignal(server.raise_requested, timeout=5000):
        assert hand_over(link)
    server.close()


needs_root = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("runuser") is None,
    reason="an impostor of another user needs root and runuser",
)


@needs_root
def test_a_socket_held_by_another_user_gets_no_hand_over(qtbot, monkeypatch, data_dir):
    """Defect 8: another user who listened first under the predictable name got the second
    start's hand-over, and the owner's window silently did not listen."""
    shared = Path(tempfile.mkdtemp(prefix="bt-sock-", dir="/tmp"))
    shared.chmod(0o1777)
    try:
        path = shared / "impostor"
        # As if the socket folder were shared: the name's folder check is what keeps an
        # impostor out, and the peer check is the second line.
        monkeypatch.setattr(single_instance, "server_name", lambda _: str(path))
        script = textwrap.dedent(
            f"""
            import socket
            s = socket.socket(socket.AF_UNIX)
            s.bind({str(path)!r})
            s.listen(5)
            print("ready", flush=True)
            conn, _ = s.accept()
            print(conn.recv(100), flush=True)
            """
        )
        # The system's Python: nobody may not enter our venv; the script needs no package.
        python = shutil.which("python3", path="/usr/bin:/bin")
        if python is None:
            pytest.skip("no system python3 for the impostor to run as nobody")
        impostor = subprocess.Popen(
            ["runuser", "-u", "nobody", "--", python, "-c", script],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert impostor.stdout.readline().strip() == "ready"
        assert not hand_over(data_dir)
        impostor.kill()
        out = impostor.communicate()[0]
        assert "raise" not in out
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def test_a_connection_from_another_user_is_not_obeyed(qtbot, runtime, data_dir, monkeypatch, owner):
    server = InstanceServer(data_dir, owner)
    monkeypatch.setattr(single_instance, "peer_uid", lambda s: os.getuid() + 1)
    raised = []
    server.raise_requested.connect(lambda: raised.append(1))
    with socket.socket(socket.AF_UNIX) as client:
        client.connect(server.name)
        client.sendall(b"raise\n")

        def hung_up() -> bool:
            try:
                return client.recv(16, socket.MSG_DONTWAIT) == b""
            except BlockingIOError:
                return False
            except ConnectionResetError:
                return True

        qtbot.waitUntil(hung_up, timeout=5000)  # the server read nothing and hung up
    assert raised == []
    server.close()
