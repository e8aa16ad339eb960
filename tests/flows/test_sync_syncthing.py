"""A real sync engine: two Syncthing instances on 127.0.0.1 carry a tick from one app to the other.

The whole run happens in a private network namespace, so nothing can leave the machine even if
a Syncthing setting were missed; the instances are configured before they start.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def _namespaces_allowed() -> bool:
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return False
    try:
        done = subprocess.run(
            ["unshare", "-n", "sh", "-c", "ip link set lo up"], capture_output=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("syncthing") is None, reason="syncthing is not installed")
@pytest.mark.skipif(
    not _namespaces_allowed(),
    reason="private network namespaces (unshare -n) are not allowed here",
)
def test_a_tick_on_one_computer_reaches_the_other_through_syncthing(tmp_path: Path):
    script = f'ip link set lo up && exec "$0" {HERE / "syncthing_pair.py"} {tmp_path} 3'
    done = subprocess.run(
        ["unshare", "-n", "sh", "-c", script, sys.executable],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(result["latencies"]) == 3  # each tick arrived (the script waits for each)
