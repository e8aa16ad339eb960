"""A faster answer to the question PySide asks of every module imported after it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - installs the import hook this module speeds up

MARKER = "_bandtracker_fast"


def speed_up_pyside_import_hook() -> bool:
    """Make PySide's per-import check read the file instead of parsing it; True if installed.

    PySide replaces `__import__` so that it can offer `from __feature__ import snake_case`.
    After each import it asks whether the new module mentions "PySide6", and answers with
    `inspect.getsource`, which goes through linecache and costs about 0.2 ms a module: some
    20 ms of our startup. Searching the file's bytes gives the same answer. Anything that is
    not a plain .py file still goes to PySide's own function, and on a PySide without this
    internal function nothing changes.
    """
    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or not callable(original):
        return False
    if getattr(original, MARKER, False):
        return True

    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    setattr(mod_uses_pyside, MARKER, True)
    feature._mod_uses_pyside = mod_uses_pyside  # type: ignore[attr-defined]
    return True
