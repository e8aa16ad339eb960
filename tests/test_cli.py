import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

from bandtracker import __version__
from bandtracker.cli import build_parser, main
from bandtracker.domain.prescription import SetKey, Side
from bandtracker.store import sessions
from bandtracker.store.db import close_database, open_database
from bandtracker.store.models import CompletedSet

HEADER = "date,exercise,set,side,reps,band,completed_at"


def seed(data_dir):
    open_database(data_dir)
    at = datetime(2026, 5, 2, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    sessions.tick(date(2026, 5, 2), SetKey("side-step", 1, Side.RIGHT), at)
    close_database()


def test_export_to_stdout(data_dir, capsys):
    seed(data_dir)
    assert main(["export", "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [HEADER, "2026-05-02,side-step,1,right,10,yellow,2026-05-02T09:00:00+02:00"]


@pytest.mark.parametrize("position", ["before", "after"])
def test_data_dir_is_accepted_before_or_after_the_subcommand(tmp_path, capsys, position):
    other = tmp_path / "elsewhere"
    seed(other)
    args = ["export", "-o", str(tmp_path / "out.csv")]
    args = (
        ["--data-dir", str(other), *args]
        if position == "before"
        else [*args, "--data-dir", str(other)]
    )
    assert main(args) == 0
    assert (tmp_path / "out.csv").read_text().count("\n") == 2
    assert "Wrote 1 set to" in capsys.readouterr().err


def test_import_then_export_round_trips(data_dir, tmp_path, capsys):
    source = tmp_path / "in.csv"
    source.write_text(
        f"{HEADER}\n2026-05-02,side-step,1,right,10,yellow,2026-05-02T09:00:00+02:00\n"
    )
    assert main(["import", str(source)]) == 0
    assert "Imported 1 set on 1 new day." in capsys.readouterr().out
    assert main(["export", "-o", str(tmp_path / "out.csv")]) == 0
    assert (tmp_path / "out.csv").read_text() == source.read_text()


def test_a_bad_import_exits_non_zero_with_one_line_and_no_traceback(data_dir, tmp_path, capsys):
    seed(data_dir)
    source = tmp_path / "in.csv"
    source.write_text(
        f"{HEADER}\n2026-05-03,side-step,1,right,10,yellow,2026-05-03T09:00:00+02:00\n"
        "2026-05-03,side-step,1,up,10,yellow,2026-05-03T09:00:00+02:00\n"
    )
    assert main(["import", str(source)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("bandtracker: Line 3:")
    assert err.count("\n") == 1 and "Traceback" not in err
    open_database(data_dir)
    assert CompletedSet.select().count() == 1


def test_missing_import_file_is_a_clear_error(tmp_path, capsys):
    assert main(["import", str(tmp_path / "nope.csv")]) == 1
    assert "Could not read" in capsys.readouterr().err


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"bandtracker {__version__}"
    help_text = build_parser().format_help()
    assert "export" in help_text and "import" in help_text and "--data-dir" in help_text


def test_cli_commands_do_not_load_qt(data_dir):
    code = (
        "import sys; from bandtracker.cli import main; main(['export', '-o', '/dev/null']);"
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
