"""The faster PySide import check: installed by the entry point, only on a PySide it knows."""

from __future__ import annotations

import inspect
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import PySide6
import pytest

import bandtracker.domain.clock
import bandtracker.ui.theme
from bandtracker.ui.pyside_imports import KNOWN_VERSIONS, MARKER, speed_up_pyside_import_hook


def pyside_answer(module: ModuleType) -> bool:
    """PySide's own way: the source through inspect."""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError):
        return False


@pytest.fixture
def feature(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """PySide's feature module with a fresh stand-in for its function, on a PySide version the
    speed-up knows (whichever is installed); both put back afterwards."""
    module = sys.modules["shibokensupport.feature"]
    monkeypatch.setattr(PySide6, "__version_info__", (*max(KNOWN_VERSIONS), 0, "", ""))

    def _mod_uses_pyside(module: ModuleType) -> bool:
        return pyside_answer(module)

    monkeypatch.setattr(module, "_mod_uses_pyside", _mod_uses_pyside)
    yield module


def run_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_on_a_known_pyside_it_is_installed_once(feature: ModuleType) -> None:
    original = feature._mod_uses_pyside
    assert speed_up_pyside_import_hook() is True
    installed = feature._mod_uses_pyside
    assert installed is not original and getattr(installed, MARKER) is True
    assert speed_up_pyside_import_hook() is True
    assert feature._mod_uses_pyside is installed


@pytest.mark.parametrize(
    "module",
    [bandtracker.ui.theme, bandtracker.domain.clock, inspect, sys],
    ids=["uses PySide", "pure Python", "stdlib", "builtin"],
)
def test_the_fast_check_answers_as_pyside_does(feature: ModuleType, module: ModuleType) -> None:
    assert speed_up_pyside_import_hook() is True
    assert feature._mod_uses_pyside(module) is pyside_answer(module)


@pytest.mark.parametrize("version", [(6, 12, 1, "", ""), (6, 5, 3, "", ""), (7, 0, 0, "", "")])
def test_a_pyside_it_does_not_know_is_left_alone(
    feature: ModuleType, monkeypatch: pytest.MonkeyPatch, version: tuple[object, ...]
) -> None:
    original = feature._mod_uses_pyside
    monkeypatch.setattr(PySide6, "__version_info__", version)
    assert speed_up_pyside_import_hook() is False
    assert feature._mod_uses_pyside is original


def test_a_function_with_another_signature_is_left_alone(
    feature: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    def _mod_uses_pyside(module: ModuleType, name: str) -> bool:
        return False

    monkeypatch.setattr(feature, "_mod_uses_pyside", _mod_uses_pyside)
    assert speed_up_pyside_import_hook() is False
    assert feature._mod_uses_pyside is _mod_uses_pyside


def test_importing_the_widgets_installs_nothing() -> None:
    # Not a side effect of `import bandtracker.ui...`: tests, tools and benches that import a
    # widget get PySide as it ships.
    out = run_python(
        "import sys, bandtracker.ui.theme\n"
        "feature = sys.modules['shibokensupport.feature']\n"
        f"print(getattr(feature._mod_uses_pyside, {MARKER!r}, False))\n"
    )
    assert out == "False"


def test_the_entry_point_installs_it_before_any_widget_module(tmp_path: Path) -> None:
    # bandtracker.ui.app stands in for the real one, so that no window opens: it reports what
    # was there when the entry point handed over to it. (On a PySide it does not know, the
    # entry point goes on without it.)
    known = tuple(PySide6.__version_info__[:2]) in KNOWN_VERSIONS
    out = run_python(
        "import sys, types\n"
        "app = types.ModuleType('bandtracker.ui.app')\n"
        "def run_gui(data_dir):\n"
        "    feature = sys.modules['shibokensupport.feature']\n"
        f"    print(getattr(feature._mod_uses_pyside, {MARKER!r}, False))\n"
        "    print(sorted(m for m in sys.modules if m.startswith('bandtracker.ui.')))\n"
        "    return 0\n"
        "app.run_gui = run_gui\n"
        "sys.modules['bandtracker.ui.app'] = app\n"
        "from bandtracker.cli import main\n"
        f"sys.exit(main(['--data-dir', {str(tmp_path)!r}]))\n"
    )
    installed, loaded = out.splitlines()
    assert installed == str(known)
    assert loaded == "['bandtracker.ui.app', 'bandtracker.ui.pyside_imports']"
