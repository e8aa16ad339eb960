"""Kill a Band Tracker process at an exact system call (strace's fault injection) on each write
path, then check what it left: a sound file, wholly before or wholly after, a next start that
needs no more than a recovery notice, and every set it showed as saved still there.

Used by tests/safety/test_fault_injection.py (a sample of kill points, about a minute) and by
bench/fault_injection.py (more of them, for the figures).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta, timezone
from pathlib import Path

import peewee

from bandtracker.store import migrations
from bandtracker.store.db import close_database, database_path, open_database
from bandtracker.store.safety.backup import list_backups, take_backup, verify_backup
from bandtracker.store.safety.recovery import open_then_check
from tests.store.damage import record_history

SYSCALLS = ("pwrite64", "fdatasync", "fsync", "rename", "unlink", "link")
# The children import bandtracker as installed (or from PYTHONPATH), not from a working folder.
CHILD_CWD = Path("/")
TZ = timezone(timedelta(hours=1))
Fingerprint = frozenset[tuple[str, str, int, str, int]]


def strace_available() -> bool:
    if shutil.which("strace") is None:
        return False
    probe = subprocess.run(
        ["strace", "-f", "-o", os.devnull, "-e", "inject=getpid:error=EPERM:when=1", "true"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


def fingerprint(path: Path) -> Fingerprint:
    """Every completed set in the file (day, exercise, set, side, reps); read only, so that
    its -wal is read and left as it is (closing a writer would fold it into the file)."""
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as raw:
        rows = raw.execute(
            "SELECT s.day, c.exercise, c.set_number, c.side, c.reps "
            "FROM completed_set c JOIN session s ON s.id = c.session_id"
        ).fetchall()
    raw.close()
    return frozenset((str(d), e, int(n), s, int(r)) for d, e, n, s, r in rows)


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


def bandtracker(data_dir: Path, *args: str) -> list[str]:
    return python("-m", "bandtracker", "--data-dir", str(data_dir), *args)


TICKS = 8
TICK_SCRIPT = textwrap.dedent(
    """
    import sys
    from datetime import date, datetime, timedelta, timezone
    from pathlib import Path
    from bandtracker.domain.prescription import SetKey
    from bandtracker.store import sessions
    from bandtracker.store.db import open_database
    open_database(Path(sys.argv[1]))
    at = datetime(2026, 11, 24, 18, 0, tzinfo=timezone(timedelta(hours=1)))
    for n in range(1, {ticks} + 1):
        sessions.tick(date(2026, 11, 24), SetKey("glute-bridge", n), at + timedelta(minutes=n))
        print("saved", n, flush=True)  # as the window shows the box ticked
    """
).format(ticks=TICKS)


@dataclass
class WritePath:
    """One way of writing: how to set a folder up, what to run, and what may be found after."""

    name: str
    prepare: Callable[[Path, Path], list[str]]  # (data_dir, scratch) -> argv of the child
    # (data_dir, before, stdout) -> a problem, or None when what is there is acceptable
    judge: Callable[[Path, dict, str], str | None]
    before: dict = field(default_factory=dict)


def _history(data_dir: Path, days: int = 4) -> None:
    open_database(data_dir)
    record_history(days)
    close_database()


def _start_and_read(data_dir: Path) -> tuple[str | None, Fingerprint]:
    """The next start, as the window makes it; then the full check and the data."""
    try:
        report, _ = open_then_check(data_dir)
    except Exception as exc:  # noqa: BLE001 - anything here is the finding
        close_database()
        return f"the next start failed: {exc}", frozenset()
    try:
        path = database_path(data_dir)
        from bandtracker.store.db import database

        rows = database.execute_sql("PRAGMA integrity_check").fetchall()
        if rows != [("ok",)]:
            return f"integrity_check: {rows[:2]}", frozenset()
    finally:
        close_database()
    if report is not None:
        return f"needed a recovery: {report.problem}", frozenset()
    return None, fingerprint(path)


# --- tick -------------------------------------------------------------------------------------


def _prepare_tick(data_dir: Path, scratch: Path) -> list[str]:
    _history(data_dir)
    script = scratch / "tick.py"
    script.write_text(TICK_SCRIPT)
    return python(str(script), str(data_dir))


def _judge_tick(data_dir: Path, before: dict, out: str) -> str | None:
    problem, now = _start_and_read(data_dir)
    if problem:
        return problem
    saved = [int(line.split()[1]) for line in out.splitlines() if line.startswith("saved ")]
    extra = now - before["data"]
    numbers = sorted(n for (_, ex, n, _, _) in extra if ex == "glute-bridge")
    if not now >= before["data"]:
        return "sets recorded before were lost"
    if numbers != list(range(1, len(numbers) + 1)):
        return f"not a prefix of the ticks: {numbers}"
    if len(numbers) < len(saved):
        return f"shown as saved but missing: {sorted(set(saved) - set(numbers))}"
    return None


# --- import -----------------------------------------------------------------------------------


def _prepare_import(data_dir: Path, scratch: Path) -> list[str]:
    _history(data_dir)
    source = scratch / "sets.csv"
    lines = ["date,exercise,set,side,reps,band,completed_at"]
    for day in range(1, 29):
        for n in range(1, 15):
            lines.append(f"2026-02-{day:02d},glute-bridge,{n},,10,yellow,2026-02-{day:02d}T08:00Z")
    source.write_text("\n".join(lines) + "\n")
    return bandtracker(data_dir, "import", str(source))


def _judge_import(data_dir: Path, before: dict, out: str) -> str | None:
    problem, now = _start_and_read(data_dir)
    if problem:
        return problem
    if now == before["data"]:
        return None
    if now - before["data"] and len(now - before["data"]) == 28 * 14 and now >= before["data"]:
        return None
    return f"neither before nor after: {len(now)} sets (before {len(before['data'])})"


# --- backup -----------------------------------------------------------------------------------


def _prepare_backup(data_dir: Path, scratch: Path) -> list[str]:
    _history(data_dir)
    return bandtracker(data_dir, "backup")


def _judge_backup(data_dir: Path, before: dict, out: str) -> str | None:
    for info in list_backups(data_dir):
        problem = verify_backup(info.path)
        if problem is not None:
            return f"a backup under its final name does not verify: {problem}"
        if fingerprint(info.path) != before["data"]:
            return "a backup holds other data"
    problem, now = _start_and_read(data_dir)
    if problem:
        return problem
    return None if now == before["data"] else "the database changed"


# --- restore ----------------------------------------------------------------------------------


def _prepare_restore(data_dir: Path, scratch: Path) -> list[str]:
    _history(data_dir, 2)
    open_database(data_dir)
    saved = take_backup(data_dir).path
    close_database()
    _history(data_dir, 3)  # a day more since the backup, in the file itself (closed cleanly)
    # More sets after the backup, by a window that was then killed: they live only in its -wal.
    script = scratch / "tick.py"
    script.write_text(TICK_SCRIPT + "\nimport os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n")
    child = subprocess.run(python(str(script), str(data_dir)), capture_output=True, cwd=CHILD_CWD)
    assert child.returncode == -signal.SIGKILL
    assert (data_dir / "bandtracker.db-wal").stat().st_size > 0
    return bandtracker(data_dir, "restore", str(saved))


def _judge_restore(data_dir: Path, before: dict, out: str) -> str | None:
    problem, now = _start_and_read(data_dir)
    if problem:
        return problem
    if now == before["data"]:
        return None
    if now != before["backup"]:
        return f"neither before nor after: {len(now)} sets"
    kept = [fingerprint(p) for p in data_dir.glob("bandtracker-before-restore-*.db")]
    if before["data"] not in kept:
        return "restored, but the data it replaced is not kept aside whole"
    return None


# --- migration --------------------------------------------------------------------------------


def _prepare_migration(data_dir: Path, scratch: Path) -> list[str]:
    data_dir.mkdir(parents=True)
    older = migrations.SCHEMA_VERSION - 1
    db = peewee.SqliteDatabase(str(database_path(data_dir)), pragmas=(("journal_mode", "wal"),))
    db.connect()
    for step in migrations.MIGRATIONS[:older]:
        step(db)
    db.execute_sql(f"PRAGMA user_version = {older}")
    db.execute_sql("INSERT INTO session (day) VALUES ('2026-11-20')")
    db.execute_sql(
        "INSERT INTO completed_set (session_id, exercise, set_number, side, reps, band_id, "
        "completed_at) VALUES (1, 'glute-bridge', 1, '', 10, 1, '2026-11-20T18:00:00+01:00')"
    )
    db.close()
    return bandtracker(data_dir, "export", "-o", str(scratch / "out.csv"))


def _judge_migration(data_dir: Path, before: dict, out: str) -> str | None:
    problem, now = _start_and_read(data_dir)
    if problem:
        return problem
    with sqlite3.connect(database_path(data_dir)) as raw:
        version = raw.execute("PRAGMA user_version").fetchone()[0]
    raw.close()
    if version != migrations.SCHEMA_VERSION:
        return f"schema {version} after the next start"
    for info in list_backups(data_dir):
        if verify_backup(info.path) is not None:
            return "a backup under its final name does not verify"
    return None if now == before["data"] else "the data changed"


# --- first creation ---------------------------------------------------------------------------


def _prepare_creation(data_dir: Path, scratch: Path) -> list[str]:
    return bandtracker(data_dir, "export", "-o", str(scratch / "out.csv"))


def _judge_creation(data_dir: Path, before: dict, out: str) -> str | None:
    problem, now = _start_and_read(data_dir)
    if problem:
        return problem
    return None if now == frozenset() else "a new database with sets in it"


PATHS = {
    "tick": WritePath("tick", _prepare_tick, _judge_tick),
    "import": WritePath("import", _prepare_import, _judge_import),
    "backup": WritePath("backup", _prepare_backup, _judge_backup),
    "restore": WritePath("restore", _prepare_restore, _judge_restore),
    "migration": WritePath("migration", _prepare_migration, _judge_migration),
    "first creation": WritePath("first creation", _prepare_creation, _judge_creation),
}


@dataclass
class Tally:
    path: str
    tried: int = 0  # runs in which the kill happened
    survived: int = 0
    failures: list[str] = field(default_factory=list)


def _template(path: WritePath, root: Path) -> tuple[Path, list[str], dict]:
    template = root / "template"
    scratch = root / "scratch"
    scratch.mkdir(parents=True)
    template.mkdir()
    argv = path.prepare(template / "data", scratch)
    before: dict = {"data": frozenset()}
    db = database_path(template / "data")
    if db.exists():
        before["data"] = fingerprint(db)
    if path.name == "restore":
        before["backup"] = fingerprint(list_backups(template / "data")[0].path)
    return template, argv, before


_COUNT_LINE = re.compile(r"^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)\s*$")


def count_calls(argv: list[str], workdir: Path) -> dict[str, int]:
    """How often a clean run makes each write-related call."""
    summary = workdir / "count.txt"
    subprocess.run(
        ["strace", "-f", "-c", "-o", str(summary), "-e", f"trace={','.join(SYSCALLS)}", *argv],
        capture_output=True,
        cwd=CHILD_CWD,
        check=True,
    )
    found = {name: 0 for name in SYSCALLS}
    for line in summary.read_text().splitlines():
        match = _COUNT_LINE.match(line)
        if match and match.group(2) in found:
            found[match.group(2)] = int(match.group(1))
    return found


def kill_points(count: int, most: int) -> list[int]:
    """Up to `most` call numbers from 1 to `count`: the first ones, the last, evenly between."""
    if count <= most:
        return list(range(1, count + 1))
    step = (count - 1) / (most - 1)
    return sorted({1 + round(i * step) for i in range(most)} | {1, 2, count})


def run_path(name: str, root: Path, per_call: int) -> Tally:
    """Kill the path's child at sampled calls of each system call; judge each aftermath."""
    path = PATHS[name]
    template, argv, before = _template(path, root)
    tally = Tally(name)
    work = root / "run"
    clean = root / "clean"
    shutil.copytree(template, clean)
    counts = count_calls([a.replace(str(template), str(clean)) for a in argv], root)
    for syscall in SYSCALLS:
        for n in kill_points(counts[syscall], per_call):
            shutil.rmtree(work, ignore_errors=True)
            shutil.copytree(template, work)
            child_argv = [a.replace(str(template), str(work)) for a in argv]
            log = root / "strace.log"
            child = subprocess.run(
                [
                    "strace",
                    "-f",
                    "-o",
                    str(log),
                    "-e",
                    f"trace={syscall}",
                    "-e",
                    f"inject={syscall}:signal=SIGKILL:when={n}",
                    *child_argv,
                ],
                capture_output=True,
                text=True,
                cwd=CHILD_CWD,
                check=False,
            )
            if "killed by SIGKILL" not in log.read_text():
                continue  # the run ended before the n-th call
            tally.tried += 1
            problem = path.judge(work / "data", before, child.stdout)
            if problem is None:
                tally.survived += 1
            else:
                tally.failures.append(f"{syscall} #{n}: {problem}")
    shutil.rmtree(root, ignore_errors=True)
    return tally
