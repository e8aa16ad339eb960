"""More ways to harm a data folder: a page's bytes, another database's -wal, a hot journal."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.store.damage import PAGE


def root_page(path: Path, name: str) -> int:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as raw:
        page = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    raw.close()
    return int(page[0])


def garble_page(path: Path, page: int) -> None:
    """Noise over one page, as a bad sector or a stray write leaves it."""
    data = bytearray(path.read_bytes())
    start = (page - 1) * PAGE
    data[start : start + PAGE] = bytes((i * 131 + 7) % 256 for i in range(PAGE))
    path.write_bytes(bytes(data))


def run_and_kill(data_dir: Path, body: str) -> None:
    """Run `body` (with `data_dir`, `open_database`, `record_history` in scope) in a child
    that then SIGKILLs itself, leaving its -wal and marker as a crashed window does."""
    script = (
        textwrap.dedent(
            f"""
        import os, signal
        from pathlib import Path
        from bandtracker.store.db import open_database
        from tests.store.damage import record, record_history
        data_dir = Path({str(data_dir)!r})
        """
        )
        + textwrap.dedent(body)
        + "\nos.kill(os.getpid(), signal.SIGKILL)\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", script], check=False, cwd=Path(__file__).parents[2]
    )
    assert child.returncode == -signal.SIGKILL


def foreign_wal(data_dir: Path, elsewhere: Path) -> bytes:
    """Put the -wal of another Band Tracker database (killed with commits in it) beside ours."""
    run_and_kill(
        elsewhere,
        """
        open_database(data_dir)
        record_history(40)
        """,
    )
    wal = elsewhere / "bandtracker.db-wal"
    assert wal.stat().st_size > 0
    target = data_dir / "bandtracker.db-wal"
    shutil.copyfile(wal, target)
    return target.read_bytes()


def hot_journal(path: Path) -> None:
    """A child killed in the middle of a rollback-journal transaction that spilled to the file."""
    script = textwrap.dedent(
        f"""
        import os, signal, sqlite3
        raw = sqlite3.connect({str(path)!r}, isolation_level=None)
        raw.execute("PRAGMA journal_mode = delete")
        raw.execute("PRAGMA cache_size = 2")
        raw.execute("BEGIN")
        raw.execute("UPDATE band SET note = hex(randomblob(2000))")
        raw.execute("DELETE FROM completed_set")
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    child = subprocess.run([sys.executable, "-c", script], check=False)
    assert child.returncode == -signal.SIGKILL
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
