"""Where the data folder is: --data-dir, then $BANDTRACKER_DATA_DIR, then the platform's place."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_DATA_DIR = "BANDTRACKER_DATA_DIR"
APP_FOLDER = "bandtracker"


def platform_data_dir() -> Path:
    """The platform's per-user application data folder (what Qt calls AppDataLocation)."""
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("APPDATA")
        return Path(base) / APP_FOLDER if base else home / "AppData" / "Roaming" / APP_FOLDER
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / APP_FOLDER
    xdg = os.environ.get("XDG_DATA_HOME")
    # XDG says a relative value is to be ignored.
    base = Path(xdg) if xdg and os.path.isabs(xdg) else home / ".local" / "share"
    return base / APP_FOLDER


def resolve_data_dir(cli_value: Path | None = None) -> Path:
    if cli_value is not None:
        return cli_value.expanduser().absolute()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().absolute()
    return platform_data_dir()
