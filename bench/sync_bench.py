"""Folder sync on ten years of history: merge time, the size of the folder, Syncthing latency.

Run: python -m bench.sync_bench [--syncthing N]
Computer A has ten years of history (bench.seed) and syncs first; computer B is new and merges
all of it from A's files. With --syncthing N (root, syncthing installed), N ticks also go from
one app to another through two Syncthing instances on 127.0.0.1 in a private network namespace.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bandtracker.store.db import close_database, open_database
from bandtracker.store.sync import engine
from bandtracker.store.sync.engine import Syncer
from bench.seed import seed_history

GOAL_S = 1.0


def timed_run(data_dir: Path, folder: Path, syncer: Syncer) -> tuple[float, float, object]:
    """(whole run, of which making and writing our own files) in seconds, and the report."""
    spent = [0.0]
    originals = {name: getattr(engine, name) for name in ("render", "write_files")}

    def counting(original):  # type: ignore[no-untyped-def]
        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - start

        return run

    for name, original in originals.items():
        setattr(engine, name, counting(original))
    open_database(data_dir)
    try:
        start = time.perf_counter()
        report = syncer.run(folder)
        whole = time.perf_counter() - start
    finally:
        close_database()
        for name, original in originals.items():
            setattr(engine, name, original)
    return whole, spent[0], report


def folder_size(folder: Path) -> tuple[int, int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return (
        len(files),
        sum(p.stat().st_size for p in files),
        sum(p.stat().st_blocks * 512 for p in files),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--syncthing", type=int, default=0, metavar="N")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        a, b, shared = work / "a", work / "b", work / "shared"
        shared.mkdir()
        sessions, sets = seed_history(a, years=10)
        print(f"ten years on computer A: {sessions} sessions, {sets} sets")
        whole, writing, _ = timed_run(a, shared, Syncer(a))
        print(f"A's first sync (stamp everything, write every file): {whole:.2f} s "
              f"(making and writing files {writing:.2f} s)")  # fmt: skip
        count, size, disk = folder_size(shared)
        print(f"sync folder for ten years, one computer: {count} files, {size / 1e6:.2f} MB "
              f"({disk / 1e6:.2f} MB on disk)")  # fmt: skip
        merges = []
        for round_ in range(3):
            # Each fresh computer finds A's files alone in its folder.
            alone = work / f"alone{round_}"
            shutil.copytree(shared, alone)
            target = work / f"b{round_}"
            whole, writing, report = timed_run(target, alone, Syncer(target))
            merges.append(whole - writing)
            if round_ == 0:
                print(f"B (new) merges ten years from A: {whole - writing:.3f} s to read A's files "
                      f"and merge them in one transaction, {writing:.2f} s more to make and write "
                      f"B's own files (the first time only); "
                      f"{report.summary()}")  # fmt: skip
        print(f"merge of ten years, median of 3 fresh computers: {statistics.median(merges):.3f} s "
              f"(goal < {GOAL_S:.0f} s)")  # fmt: skip
        syncer = Syncer(b)
        timed_run(b, shared, syncer)
        open_database(b)  # as the app holds it: the syncer keeps what it read last time
        again = []
        for _ in range(7):
            start = time.perf_counter()
            syncer.run(shared)
            again.append(time.perf_counter() - start)
        close_database()
        print(f"a sync with nothing new (the watcher's usual case): "
              f"{statistics.median(again) * 1000:.0f} ms")  # fmt: skip
        count, size, disk = folder_size(shared)
        print(f"sync folder with {len(list((shared / 'bandtracker-sync').iterdir()))} computers: "
              f"{count} files, {size / 1e6:.2f} MB")  # fmt: skip
    if args.syncthing:
        with tempfile.TemporaryDirectory() as tmp:
            pair = Path(__file__).parent.parent / "tests" / "flows" / "syncthing_pair.py"
            script = f'ip link set lo up && exec "$0" {pair} {tmp} {args.syncthing}'
            done = subprocess.run(
                ["unshare", "-n", "sh", "-c", script, sys.executable],
                capture_output=True, text=True, timeout=600,
            )  # fmt: skip
            if done.returncode != 0:
                print("syncthing run failed:", done.stderr[-2000:])
                return
            latencies = json.loads(done.stdout.strip().splitlines()[-1])["latencies"]
            print(f"tick on A to tick on B through Syncthing on loopback: median "
                  f"{statistics.median(latencies):.2f} s of {len(latencies)} "
                  f"(min {min(latencies):.2f}, max {max(latencies):.2f})")  # fmt: skip


if __name__ == "__main__":
    main()
