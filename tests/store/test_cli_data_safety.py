"""The data-safety subcommands: backup, restore, check, export --format, import of JSON."""

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import date

from bandtracker.cli import main
from bandtracker.domain.prescription import SetKey
from bandtracker.store.db import close_database, database_path, open_database
from bandtracker.store.safety.backup import list_backups, verify_backup
from tests.store.damage import garble_middle, hold_lock_in_child, record, set_count

DAY = date(2026, 11, 20)


def history(data_dir, *numbers: int) -> None:
    open_database(data_dir)
    record(DAY, *(SetKey("glute-bridge", n) for n in numbers))
    close_database()


def test_backup_check_and_restore_from_the_command_line(data_dir, capsys):
    history(data_dir, 1)
    assert main(["backup"]) == 0
    (saved,) = list_backups(data_dir)
    assert str(saved.path) in capsys.readouterr().out
    history(data_dir, 2)
    assert main(["check"]) == 0
    assert "Health: OK" in capsys.readouterr().out
    assert main(["restore", str(saved.path)]) == 0
    assert "kept in" in capsys.readouterr().out
    assert set_count(database_path(data_dir)) == 1


def test_check_exits_non_zero_for_a_damaged_database(data_dir, capsys):
    history(data_dir, 1)
    garble_middle(database_path(data_dir))
    assert main(["check"]) == 1
    assert "DAMAGED" in capsys.readouterr().out


def test_export_in_every_format_and_import_json(data_dir, tmp_path, capsys):
    history(data_dir, 1, 2)
    for fmt in ("csv", "json", "ics"):
        assert main(["export", "--format", fmt, "-o", str(tmp_path / f"out.{fmt}")]) == 0
    assert "Wrote 1 calendar event" in capsys.readouterr().err
    assert json.loads((tmp_path / "out.json").read_text())["sessions"][0]["day"] == "2026-11-20"
    assert main(["--data-dir", str(tmp_path / "fresh"), "import", str(tmp_path / "out.json")]) == 0
    assert capsys.readouterr().out.strip() == "Imported 2 sets on 1 new day."
    assert main(["--data-dir", str(tmp_path / "fresh"), "export", "--format", "json"]) == 0
    assert capsys.readouterr().out == (tmp_path / "out.json").read_text()


def test_commands_that_write_refuse_while_another_process_has_the_folder(
    data_dir, tmp_path, capsys
):
    history(data_dir, 1)
    (tmp_path / "x.json").write_text("{}")
    child = hold_lock_in_child(data_dir)
    try:
        assert main(["import", str(tmp_path / "x.json")]) == 1
        assert "Another Band Tracker" in capsys.readouterr().err
        assert main(["backup"]) == 0  # reading with the backup API is safe alongside a writer
        capsys.readouterr()
        assert main(["export", "--format", "csv"]) == 0  # so is exporting
        assert capsys.readouterr().out.count("glute-bridge") == 1
    finally:
        child.kill()
        child.wait()


def run_and_kill(script: str, ready: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == ready
    os.kill(child.pid, signal.SIGKILL)
    child.wait()


def test_a_kill_during_an_import_leaves_all_or_nothing(data_dir, tmp_path):
    history(data_dir, 1)
    lines = ["date,exercise,set,side,reps,band,completed_at"]
    for day in range(1, 29):
        for n in range(1, 60):
            lines.append(f"2026-02-{day:02d},glute-bridge,{n},,10,yellow,2026-02-{day:02d}T08:00Z")
    source = tmp_path / "big.csv"
    source.write_text("\n".join(lines) + "\n")
    run_and_kill(
        f"""
        import threading
        from pathlib import Path
        from bandtracker.store.transfer import csv_io
        from bandtracker.store.db import open_database
        open_database(Path({str(data_dir)!r}))
        original = csv_io._merge_staged
        def slow(*args):
            summary = original(*args)  # every set inserted...
            print("inserted", flush=True)
            threading.Event().wait()  # ...and killed here, before the commit
        csv_io._merge_staged = slow
        csv_io.import_csv(Path({str(source)!r}))
        """,
        "inserted",
    )
    open_database(data_dir)
    close_database()
    assert set_count(database_path(data_dir)) == 1
    assert verify_backup(database_path(data_dir)) is None


def test_a_kill_during_a_backup_leaves_only_verified_backups(data_dir):
    history(data_dir, 1)
    run_and_kill(
        f"""
        import threading
        from pathlib import Path
        from bandtracker.store.safety import backup
        original = backup.check_database_file
        def stalled(path, full=True):
            if path.name.endswith(".tmp"):
                print("copying", flush=True)
                threading.Event().wait()  # killed with the copy half done
            return original(path, full)
        backup.check_database_file = stalled
        backup.take_backup(Path({str(data_dir)!r}))
        """,
        "copying",
    )
    assert list_backups(data_dir) == []  # the unfinished copy never got a backup's name
    (left,) = (data_dir / "backups").iterdir()
    os.utime(left, (left.stat().st_atime - 7200, left.stat().st_mtime - 7200))
    assert main(["backup"]) == 0
    (saved,) = list_backups(data_dir)
    assert verify_backup(saved.path) is None
    assert not [p for p in (data_dir / "backups").iterdir() if p.name.endswith(".tmp")]
