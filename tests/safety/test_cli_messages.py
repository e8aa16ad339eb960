"""The command line's promise: one line and a non-zero status on any error, never a traceback;
reading and exporting work from a full or read-only disk; `check` exits 1 only for damage."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bandtracker.cli import main
from bandtracker.store.db import close_database, database_path, open_database
from tests.safety.harm import garble_page, root_page
from tests.store.damage import record_history
from tests.store.test_write_failures import fill, mount, read_only_view, small_disk  # noqa: F401


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("bandtracker: ")
    return err


def with_history(data_dir: Path) -> int:
    open_database(data_dir)
    ticked = record_history(3)
    close_database()
    return ticked


def test_export_of_a_damaged_database_is_one_line(data_dir, capsys):
    with_history(data_dir)
    path = database_path(data_dir)
    garble_page(path, root_page(path, "completed_set"))
    assert main(["export", "--format", "csv"]) == 1
    assert "damaged" in one_line_error(capsys)


def test_check_after_a_hollow_file_took_the_databases_place(data_dir, capsys):
    data_dir.mkdir()
    with sqlite3.connect(database_path(data_dir)) as raw:
        raw.execute("CREATE TABLE band (id INTEGER PRIMARY KEY)")
        raw.execute("PRAGMA user_version = 2")
    raw.close()
    assert main(["check"]) == 1
    out = capsys.readouterr()
    assert "DAMAGED" in out.out and "table" in out.out and "Traceback" not in out.err
    assert main(["export"]) == 1
    one_line_error(capsys)


def test_data_dir_naming_a_file_is_an_error_not_an_empty_folder(tmp_path, capsys):
    target = tmp_path / "notes.txt"
    target.write_text("x")
    assert main(["check", "--data-dir", str(target)]) == 2
    assert "is a file, not a folder" in one_line_error(capsys)


def test_an_empty_data_dir_is_refused_not_taken_as_the_current_folder(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["check", "--data-dir", ""])
    assert exited.value.code == 2
    assert "needs a folder" in capsys.readouterr().err


def test_reading_and_exporting_work_from_a_read_only_folder(read_only_view, tmp_path, capsys):  # noqa: F811
    source, view = read_only_view
    ticked = with_history(view)
    (view / "bandtracker.lock").unlink()  # as a folder copied from elsewhere: no lock file yet
    assert mount("-o", "remount,bind,ro", str(view))
    assert main(["--data-dir", str(view), "export", "-o", str(tmp_path / "out.csv")]) == 0
    assert (tmp_path / "out.csv").read_text().count("\n") == ticked + 1
    capsys.readouterr()
    assert main(["--data-dir", str(view), "check"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(view), "import", str(tmp_path / "out.csv")]) == 1
    err = one_line_error(capsys)
    assert "read-only" in err and "No such file" not in err


def test_on_a_full_disk_export_elsewhere_works_and_check_does_not_say_damaged(
    small_disk,  # noqa: F811
    tmp_path,
    capsys,
):
    data_dir = small_disk / "data"
    ticked = with_history(data_dir)
    filler = fill(small_disk)
    try:
        assert main(["--data-dir", str(data_dir), "export", "-o", str(tmp_path / "o.csv")]) == 0
        assert (tmp_path / "o.csv").read_text().count("\n") == ticked + 1
        capsys.readouterr()
        code = main(["--data-dir", str(data_dir), "check"])
        assert code in (0, 2)  # healthy, or could not look: never "damaged"
    finally:
        filler.unlink()


def test_a_log_line_on_a_full_disk_is_dropped_without_a_traceback(small_disk, capfd):  # noqa: F811
    import logging

    from bandtracker.ui.app import setup_logging

    data_dir = small_disk / "data"
    log_file = setup_logging(data_dir)
    root = logging.getLogger()
    handler = root.handlers[-1]
    raise_before = logging.raiseExceptions
    filler = fill(small_disk)
    try:
        assert log_file is not None
        logging.getLogger("bandtracker.test").warning("x" * 100_000)
        handler.flush()
        assert "Logging error" not in capfd.readouterr().err
    finally:
        root.removeHandler(handler)
        handler.close()
        logging.raiseExceptions = raise_before
        filler.unlink()
