"""A faster answer to the question PySide asks of every module imported after it."""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from types import ModuleType

import PySide6
import PySide6.QtCore  # noqa: F401 - installs the import hook this module speeds up

MARKER = "_bandtracker_fast"
# The PySide6 releases (major, minor) whose internal function this replaces was read and
# checked: `shibokensupport.feature._mod_uses_pyside(module)`, True when the module's source
# mentions "PySide6". Another release keeps its own function until its feature.py has been
# read and its version added here.
KNOWN_VERSIONS = frozenset({(6, 11)})


def _takes_a_module(function: Callable[..., object]) -> bool:
    """The signature it was written for: one positional parameter named `module`."""
    try:
        parameters = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):
        return False
    return len(parameters) == 1 and (
        parameters[0].name == "module"
        and parameters[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    )


def speed_up_pyside_import_hook() -> bool:
    """Make PySide's per-import check read the file instead of parsing it; True if installed.

    PySide replaces `__import__` so that it can offer `from __feature__ import snake_case`.
    After each import it asks whether the new module mentions "PySide6", and answers with
    `inspect.getsource`, which goes through linecache and costs about 0.2 ms a module: some
    20 ms of our startup. Searching the file's bytes gives the same answer. Anything that is
    not a plain .py file still goes to PySide's own function. A PySide release not in
    KNOWN_VERSIONS, or whose function is missing or has another signature, is left alone.

    Called by the entry point (cli.main) before the first widget module is imported.
    """
    if tuple(PySide6.__version_info__[:2]) not in KNOWN_VERSIONS:
        return False
    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or not callable(original):
        return False
    if getattr(original, MARKER, False):
        return True
    if not _takes_a_module(original):
        return False

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
