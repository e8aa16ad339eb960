"""Two Syncthing instances on 127.0.0.1 carrying one folder between two Band Trackers.

Run inside a private network namespace (the test does: unshare -n, then ip link set lo up):
    python syncthing_pair.py WORKDIR TICKS
Computer A (a helper process) ticks TICKS sets one after the other; computer B is the app's
state with its SyncController, whose folder watcher must bring each tick in. Prints JSON:
{"latencies": [seconds from the tick on A (then its sync) to the tick on B's state, ...]}.
Syncthing is configured before it starts: listening on 127.0.0.1 only, the peer's address
given, and discovery, relays, NAT traversal, usage and crash reports and upgrades all off.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).parent
FOLDER_ID = "bandtracker"
OFF = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "urAccepted": "-1",
    "crashReportingEnabled": "false",
    "autoUpgradeIntervalH": "0",
    "startBrowser": "false",
    "stunKeepaliveStartS": "0",
    "stunKeepaliveMinS": "0",
    "stunServer": "",
    "globalAnnounceServer": "",
    "announceLANAddresses": "false",
    "reconnectionIntervalS": "1",
    "setLowPriority": "false",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def generate(home: Path) -> str:
    out = subprocess.run(
        ["syncthing", "generate", f"--home={home}", "--no-default-folder", "--skip-port-probing"],
        capture_output=True,
        text=True,
        check=True,
    )
    for line in (out.stdout + out.stderr).splitlines():
        if "Device ID:" in line:
            return line.split("Device ID:")[1].strip()
    raise RuntimeError("syncthing generate printed no device ID")


def configure(home: Path, me: str, peer: str, port: int, peer_port: int, folder: Path) -> None:
    path = home / "config.xml"
    tree = ET.parse(path)
    root = tree.getroot()
    options = root.find("options")
    assert options is not None
    for name, value in {**OFF, "listenAddress": f"tcp://127.0.0.1:{port}"}.items():
        element = options.find(name)
        if element is None:
            element = ET.SubElement(options, name)
        element.text = value
    gui = root.find("gui")
    assert gui is not None
    gui.set("enabled", "false")
    address = gui.find("address")
    assert address is not None
    address.text = f"127.0.0.1:{free_port()}"
    peer_device = ET.SubElement(root, "device", id=peer, name="peer", compression="metadata")
    ET.SubElement(peer_device, "address").text = f"tcp://127.0.0.1:{peer_port}"
    shared = ET.SubElement(
        root,
        "folder",
        id=FOLDER_ID,
        label=FOLDER_ID,
        path=str(folder),
        type="sendreceive",
        rescanIntervalS="3600",
        fsWatcherEnabled="true",
        fsWatcherDelayS="1",
    )
    for device in (me, peer):
        ET.SubElement(shared, "device", id=device)
    tree.write(path)
    (folder / ".stfolder").mkdir(parents=True, exist_ok=True)
    # Our own temporary files never need to travel (the reader would skip them anyway).
    (folder / ".stignore").write_text(".*.tmp\n")


def main() -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QGuiApplication

    from bandtracker.domain.clock import system_clock
    from bandtracker.state import AppState
    from bandtracker.store.db import close_database, open_database
    from bandtracker.ui.sync import SyncController

    work, ticks = Path(sys.argv[1]), int(sys.argv[2])
    homes = [work / "st-a", work / "st-b"]
    folders = [work / "sync-a", work / "sync-b"]
    ids = [generate(h) for h in homes]
    ports = [free_port(), free_port()]
    for i in (0, 1):
        configure(homes[i], ids[i], ids[1 - i], ports[i], ports[1 - i], folders[i])
    env = {**os.environ, "STNOUPGRADE": "1", "STNODEFAULTFOLDER": "1"}
    daemons = [
        subprocess.Popen(
            ["syncthing", "serve", f"--home={h}", "--no-browser", "--no-restart", "--no-upgrade"],
            stdout=open(h / "log.txt", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            env=env,
        )
        for h in homes
    ]
    helper = None
    try:
        app = QGuiApplication.instance() or QGuiApplication([])
        open_database(work / "data-b")
        state = AppState(system_clock)
        controller = SyncController(state, work / "data-b", debounce_ms=50)
        assert controller.set_folder(folders[1]) is None
        day = state.workout_day
        helper = subprocess.Popen(
            [sys.executable, str(HERE / "other_computer.py"), str(work / "data-a"),
             str(folders[0]), day.isoformat(), "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        assert helper.stdin is not None and helper.stdout is not None
        latencies = []
        for key in state.today.slots()[:ticks]:
            ticked = time.monotonic()  # A ticks, then syncs at once (the app waits 1 s more)
            helper.stdin.write(f"+{key.exercise}/{key.set_number}/{key.side.value}\n")
            helper.stdin.flush()
            assert helper.stdout.readline().strip() == "ok"
            loop = QEventLoop()
            state.data_replaced.connect(loop.quit)
            timer = QTimer()
            timer.setSingleShot(True)
            timer.timeout.connect(loop.quit)
            timer.start(30_000)
            while key not in state.today.done and timer.isActive():
                loop.exec()
            state.data_replaced.disconnect(loop.quit)
            if key not in state.today.done:
                raise SystemExit(f"the tick of {key} did not arrive within 30 s")
            latencies.append(time.monotonic() - ticked)
        print(json.dumps({"latencies": latencies, "at": datetime.now().isoformat()}))
        close_database()
        del app
    finally:
        if helper is not None:
            helper.kill()
            helper.wait()
        for daemon in daemons:
            os.kill(daemon.pid, signal.SIGTERM)
        for daemon in daemons:
            try:
                daemon.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(daemon.pid, signal.SIGKILL)
                daemon.wait()


if __name__ == "__main__":
    main()
