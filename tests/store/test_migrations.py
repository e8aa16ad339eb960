"""Upgrading a populated database of an earlier schema: a backup first, one step at a time."""

import shutil
import sqlite3

import peewee
import pytest

from bandtracker.store import migrations
from bandtracker.store.db import close_database, database_path, open_database
from bandtracker.store.errors import StoreError
from bandtracker.store.models import CompletedSet, Session
from bandtracker.store.safety.backup import list_backups, verify_backup

V1_SETS = [
    ("clam-shell", 1, "right"),
    ("clam-shell", 1, "left"),
    ("glute-bridge", 1, ""),
    ("glute-bridge", 2, ""),
]


def build_v1(data_dir) -> None:
    """A schema-1 file with history in it, made by the first migration step as shipped."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db = peewee.SqliteDatabase(str(database_path(data_dir)), pragmas={"journal_mode": "wal"})
    db.connect()
    with db.atomic():
        for step in migrations.MIGRATIONS[:1]:
            step(db)
        db.execute_sql("PRAGMA user_version = 1")
    with db.atomic():
        for day in ("2026-10-01", "2026-10-03"):
            db.execute_sql(
                "INSERT INTO session (day, started_at, note) VALUES (?, ?, ?)",
                (day, f"{day}T18:00:00+01:00", "felt strong"),
            )
            sid = db.execute_sql("SELECT last_insert_rowid()").fetchone()[0]
            db.execute_sql(
                "INSERT INTO session_exercise (session_id, exercise, position, sets, reps,"
                " band_id) VALUES (?, 'clam-shell', 0, 2, 12, 2)",
                (sid,),
            )
            for exercise, n, side in V1_SETS:
                db.execute_sql(
                    "INSERT INTO completed_set (session_id, exercise, set_number, side, reps,"
                    " band_id, completed_at) VALUES (?, ?, ?, ?, 12, 2, ?)",
                    (sid, exercise, n, side, f"{day}T18:05:00+01:00"),
                )
    db.close()


def rows(path):
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as raw:
        return raw.execute(
            "SELECT s.day, s.note, c.exercise, c.set_number, c.side, c.reps, b.name"
            " FROM completed_set c JOIN session s ON s.id = c.session_id"
            " JOIN band b ON b.id = c.band_id ORDER BY 1, 3, 4, 5"
        ).fetchall()


def test_a_populated_schema_1_database_is_upgraded_to_the_current_one(data_dir):
    build_v1(data_dir)
    before = rows(database_path(data_dir))
    db = open_database(data_dir)
    assert migrations.schema_version(db) == migrations.SCHEMA_VERSION
    assert rows(database_path(data_dir)) == before
    assert CompletedSet.select().count() == 2 * len(V1_SETS)
    assert Session.get(Session.note == "felt strong").started_at.utcoffset().seconds == 3600
    backups = [b for b in list_backups(data_dir) if b.label]
    if migrations.SCHEMA_VERSION > 1:
        # A later schema: the upgrade must have kept a verified copy of the schema-1 file.
        assert len(backups) == 1 and verify_backup(backups[0].path) is None
        assert rows(backups[0].path) == before
    else:
        assert backups == []


def test_a_new_database_needs_no_backup(data_dir):
    open_database(data_dir)
    assert list_backups(data_dir) == []


def add_step(monkeypatch, step) -> int:
    steps = migrations.MIGRATIONS + (step,)
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(steps))
    return len(steps)


def at_current_schema(data_dir) -> None:
    build_v1(data_dir)
    open_database(data_dir)
    close_database()


def test_every_upgrade_takes_a_verified_backup_before_its_first_step(data_dir, monkeypatch):
    at_current_schema(data_dir)
    before = rows(database_path(data_dir))
    earlier = {b.path for b in list_backups(data_dir)}
    seen = []

    def step(db):
        seen.append([b.label for b in list_backups(data_dir) if b.path not in earlier])
        db.execute_sql("ALTER TABLE session ADD COLUMN mood TEXT NOT NULL DEFAULT ''")

    target = add_step(monkeypatch, step)
    db = open_database(data_dir)
    assert seen == [[f"before-schema-{target}"]]
    assert migrations.schema_version(db) == target
    (saved,) = [b for b in list_backups(data_dir) if b.path not in earlier]
    assert verify_backup(saved.path) is None and rows(saved.path) == before
    with sqlite3.connect(saved.path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == target - 1


def test_a_failing_step_rolls_back_whole_and_the_file_keeps_its_version(data_dir, monkeypatch):
    at_current_schema(data_dir)
    before = rows(database_path(data_dir))

    def step(db):
        db.execute_sql("ALTER TABLE session ADD COLUMN mood TEXT NOT NULL DEFAULT ''")
        db.execute_sql("DELETE FROM completed_set")
        raise sqlite3.OperationalError("disk I/O error")

    target = add_step(monkeypatch, step)
    with pytest.raises(StoreError, match="Could not open the database"):
        open_database(data_dir)
    with sqlite3.connect(database_path(data_dir)) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == target - 1
        columns = [r[1] for r in raw.execute("PRAGMA table_info(session)")]
    assert "mood" not in columns
    assert rows(database_path(data_dir)) == before


def test_no_backup_means_no_upgrade(data_dir, monkeypatch):
    at_current_schema(data_dir)
    path = database_path(data_dir)
    before = path.read_bytes()
    shutil.rmtree(data_dir / "backups", ignore_errors=True)
    (data_dir / "backups").write_text("a file where the folder should be")
    add_step(monkeypatch, lambda db: db.execute_sql("DROP TABLE completed_set"))
    with pytest.raises(StoreError, match="could not back it up first, so nothing was changed"):
        open_database(data_dir)
    assert path.read_bytes() == before


def test_schema_3_keeps_the_history_and_leaves_every_set_to_be_stamped_by_the_sync(data_dir):
    build_v1(data_dir)
    db = open_database(data_dir)
    assert migrations.schema_version(db) >= 3
    assert rows(database_path(data_dir))  # the history is all there
    assert {s.hlc for s in CompletedSet.select()} == {""}


def test_schema_3_leaves_a_tombstone_for_each_removed_set_unless_a_merge_is_applying(data_dir):
    from bandtracker.store.models import SetTombstone, SyncLocal

    build_v1(data_dir)
    open_database(data_dir)
    first, second = Session.select().order_by(Session.day)
    CompletedSet.delete().where(
        (CompletedSet.session == first) & (CompletedSet.exercise == "glute-bridge")
    ).execute()
    assert sorted((t.day.isoformat(), t.set_number, t.hlc) for t in SetTombstone.select()) == [
        ("2026-10-01", 1, ""),
        ("2026-10-01", 2, ""),
    ]
    assert all(t.deleted_at.utcoffset() is not None for t in SetTombstone.select())
    second.delete_instance()  # the session's sets go by cascade
    assert SetTombstone.select().where(SetTombstone.day == second.day).count() == len(V1_SETS)
    SyncLocal.create(key="applying", value="1")
    CompletedSet.delete().execute()
    assert SetTombstone.select().count() == 2 + len(V1_SETS)
