"""`bandtracker install-desktop` writes a valid menu entry and the icon (issue 7)."""

from __future__ import annotations

import configparser
from pathlib import Path

from bandtracker import cli, desktop_entry
from bandtracker.assets import icon_path


def test_install_desktop_writes_the_entry_and_icon_into_xdg_data_home(tmp_path, capsys):
    base = tmp_path / "xdg-data"  # the autouse fixture points XDG_DATA_HOME here
    assert cli.main(["install-desktop"]) == 0
    entry = base / "applications" / "bandtracker.desktop"
    icon = base / "icons/hicolor/scalable/apps/bandtracker.svg"
    assert icon.read_bytes() == icon_path().read_bytes()
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in desktop entries
    parser.read(entry, encoding="utf-8")
    section = parser["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name"] == "Band Tracker"
    assert section["Icon"] == "bandtracker"
    assert section["Terminal"] == "false"
    assert section["Exec"] == desktop_entry.launch_command()
    assert str(entry) in capsys.readouterr().out

    # Installing again replaces; --remove takes both away.
    assert cli.main(["install-desktop"]) == 0
    assert cli.main(["install-desktop", "--remove"]) == 0
    assert not entry.exists() and not icon.exists()


def test_install_desktop_says_why_it_cannot_write(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert cli.main(["install-desktop"]) == 1
    assert "Could not write the menu entry" in capsys.readouterr().err
    assert Path(blocker).read_text() == "x"


def test_exec_arguments_are_quoted_as_the_desktop_entry_spec_says():
    assert desktop_entry.exec_quote("/usr/bin/bandtracker") == "/usr/bin/bandtracker"
    assert desktop_entry.exec_quote("/home/a b/bin/python") == '"/home/a b/bin/python"'
    assert desktop_entry.exec_quote('/x/"q"$`\\') == '"/x/\\"q\\"\\$\\`\\\\"'
    assert desktop_entry.exec_quote("/opt/100%/py") == "/opt/100%%/py"
