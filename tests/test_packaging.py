import json
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

PROBE = """
import json
import bandtracker
from bandtracker.assets import icon_path, illustration_path, resource_dir
from bandtracker.domain.catalogue import default_catalogue
cat = default_catalogue()
print(json.dumps({
    "package": bandtracker.__file__,
    "resources": str(resource_dir()),
    "exercises": len(cat.exercises),
    "missing": [e.slug for e in cat.exercises if not illustration_path(e.slug).is_file()],
    "icon": icon_path().is_file(),
}))
"""


def test_a_plain_install_in_a_fresh_venv_finds_every_resource(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("bandtracker-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # The domain and its resources need no third-party package, so --no-deps keeps this quick.
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [python, "-c", PROBE], cwd=elsewhere, check=True, capture_output=True, text=True
    )
    found = json.loads(result.stdout)
    assert str(env_dir) in found["package"]
    assert found["resources"].startswith(str(env_dir))
    assert found["exercises"] == 9
    assert found["missing"] == []
    assert found["icon"] is True
