"""What the import contracts cannot say: the state and the texts run without the widget library.

import-linter sees PySide6 only as a whole (a contract cannot name PySide6.QtWidgets), so this
loads each module in a fresh interpreter and looks at what came with it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["bandtracker.state", "bandtracker.texts"])
def test_loads_no_widgets(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6.', 'bandtracker.ui'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    loaded = done.stdout.strip()
    assert "PySide6.QtCore" in loaded  # it did load, and through Qt
    assert "QtWidgets" not in loaded and "bandtracker.ui" not in loaded, loaded
