"""`bandtracker install-desktop`: a freedesktop menu entry and icon in the user's XDG folders."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from bandtracker import APP_NAME
from bandtracker.assets import icon_path

DESKTOP_FILE = "bandtracker.desktop"
ICON_NAME = "bandtracker"


def data_home() -> Path:
    """$XDG_DATA_HOME, else ~/.local/share (the XDG Base Directory default)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local/share"


_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_quote(argument: str) -> str:
    """Quote one argument as the Desktop Entry spec wants: double quotes, not a shell's."""
    argument = argument.replace("%", "%%")
    if not any(c in _RESERVED for c in argument):
        return argument
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    return f'"{escaped}"'


def launch_command() -> str:
    """The command the menu entry runs: the installed script when found, else this Python."""
    script = shutil.which("bandtracker")
    if script:
        return exec_quote(str(Path(script).resolve()))
    return f"{exec_quote(sys.executable)} -m bandtracker"


def desktop_entry(command: str) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.5",
            f"Name={APP_NAME}",
            "GenericName=Workout Tracker",
            "Comment=Tick off your mini-band hip and glute routine, set by set",
            # The key file's own escaping comes on top of Exec's quoting (spec: "\\\\" is one).
            f"Exec={command.replace(chr(92), chr(92) * 2)}",
            f"Icon={ICON_NAME}",
            "Terminal=false",
            "Categories=Utility;",
            "Keywords=exercise;workout;band;hip;glute;routine;",
            "StartupNotify=true",
            # Matches QGuiApplication.desktopFileName, so the window gets this entry's icon.
            "StartupWMClass=bandtracker",
            "",
        ]
    )


def install(base: Path | None = None) -> tuple[Path, Path]:
    """Write the entry and the icon; returns their paths. Raises OSError when it cannot."""
    base = base or data_home()
    apps = base / "applications"
    icons = base / "icons" / "hicolor" / "scalable" / "apps"
    apps.mkdir(parents=True, exist_ok=True)
    icons.mkdir(parents=True, exist_ok=True)
    icon = icons / f"{ICON_NAME}.svg"
    shutil.copyfile(icon_path(), icon)
    entry = apps / DESKTOP_FILE
    temporary = entry.with_suffix(".tmp")
    temporary.write_text(desktop_entry(launch_command()), encoding="utf-8")
    temporary.chmod(0o755)
    os.replace(temporary, entry)
    return entry, icon


def uninstall(base: Path | None = None) -> list[Path]:
    base = base or data_home()
    removed = []
    for path in (
        base / "applications" / DESKTOP_FILE,
        base / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg",
    ):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed
