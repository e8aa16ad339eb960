import sqlite3

import pytest

from bandtracker.store.db import close_database, database_path, open_database
from bandtracker.store.errors import NewerDatabaseError, StoreError
from bandtracker.store.migrations import SCHEMA_VERSION


def pragma(db, name):
    return db.execute_sql(f"PRAGMA {name}").fetchone()[0]


def test_a_new_database_has_the_durable_pragmas_and_a_schema_version(db, data_dir):
    assert database_path(data_dir).is_file()
    assert pragma(db, "journal_mode") == "wal"
    assert pragma(db, "synchronous") == 2  # FULL
    assert pragma(db, "foreign_keys") == 1
    assert pragma(db, "user_version") == SCHEMA_VERSION >= 1


def test_default_bands_lightest_first(db):
    names = [r[0] for r in db.execute_sql("SELECT name FROM band ORDER BY position")]
    assert names == ["yellow", "green", "blue", "black"]


def test_reopening_keeps_data_and_does_not_migrate_again(data_dir):
    db = open_database(data_dir)
    db.execute_sql("INSERT INTO session (day) VALUES ('2026-01-02')")
    close_database()
    db = open_database(data_dir)
    assert db.execute_sql("SELECT count(*) FROM session").fetchone()[0] == 1
    assert db.execute_sql("SELECT count(*) FROM band").fetchone()[0] == 4


def test_a_database_from_a_newer_version_is_refused_and_left_alone(data_dir):
    data_dir.mkdir(parents=True)
    path = database_path(data_dir)
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE future (x)")
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer version of Band Tracker"):
        open_database(data_dir)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_gives_a_message_not_a_traceback(data_dir):
    data_dir.mkdir(parents=True)
    database_path(data_dir).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="damaged"):
        open_database(data_dir)


def test_foreign_keys_protect_history(db):
    db.execute_sql("INSERT INTO session (day) VALUES ('2026-01-02')")
    with pytest.raises(Exception, match="FOREIGN KEY"):
        db.execute_sql(
            "INSERT INTO completed_set (session_id, exercise, set_number, reps, band_id,"
            " completed_at) VALUES (1, 'clam-shell', 1, 10, 99, '2026-01-02T10:00:00+00:00')"
        )
