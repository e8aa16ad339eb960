"""Kills on every write path at every (or many) write-related system calls, with the counts.

Run: python -m bench.fault_injection [--per-call N] [PATH ...]. Needs strace. For each path
(tick, import, backup, restore, migration, first creation) prints the kills tried and
survived and any failure; tests/safety/test_fault_injection.py runs a smaller sample in CI.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tests.safety.faults import PATHS, run_path, strace_available


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-call", type=int, default=1000, help="kill points per call")
    parser.add_argument("paths", nargs="*", metavar="PATH", help=", ".join(PATHS))
    args = parser.parse_args()
    unknown = set(args.paths) - set(PATHS)
    if unknown:
        parser.error(f"unknown path {sorted(unknown)[0]!r}; known: {', '.join(PATHS)}")
    args.paths = args.paths or list(PATHS)
    if not strace_available():
        print("strace with fault injection is not available", file=sys.stderr)
        return 2
    failed = 0
    for name in args.paths:
        began = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            tally = run_path(name, Path(tmp) / "faults", args.per_call)
        took = time.perf_counter() - began
        print(f"{name}: {tally.survived} of {tally.tried} kills survived ({took:.0f} s)")
        for failure in tally.failures:
            print(f"  {failure}")
        failed += len(tally.failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
