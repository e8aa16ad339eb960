"""`bandtracker sync`: one merge from the command line, setting or clearing the folder."""

from __future__ import annotations

from pathlib import Path

from bandtracker.cli import main


def test_sync_without_a_folder_says_how_to_set_one(data_dir, capsys):
    assert main(["sync"]) == 1
    assert "No sync folder is set. Choose one with --folder DIR." in capsys.readouterr().err


def test_sync_refuses_a_folder_inside_the_data_folder(data_dir, capsys):
    (data_dir / "sync").mkdir(parents=True)
    assert main(["sync", "--folder", str(data_dir / "sync")]) == 1
    assert "inside Band Tracker's data folder" in capsys.readouterr().err
    assert main(["sync"]) == 1  # nothing was set


def test_sync_sets_the_folder_once_then_merges_with_it_and_off_turns_it_off(
    data_dir, tmp_path: Path, capsys
):
    shared = tmp_path / "shared"
    shared.mkdir()
    assert main(["sync", "--folder", str(shared)]) == 0
    assert capsys.readouterr().out.strip() == "Synced: nothing new."
    assert main(["sync"]) == 0
    assert list((shared / "bandtracker-sync").iterdir())
    assert main(["sync", "--off"]) == 0
    assert capsys.readouterr().out.strip().endswith("Sync is off.")
    assert main(["sync"]) == 1
