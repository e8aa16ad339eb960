"""How long a 10-year CSV (about 58,000 sets) takes to import into an empty database.

Run: python bench/import_bench.py [--runs 5]. Prints the median and its ratio to the budget
(3 s), and, as a baseline measured in the same run, the median time to parse the file alone.
Also times what data safety costs on that 10-year database: the checks at start (quick, and
full after a crash), a verified backup, and the JSON export.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TextIO

from bandtracker.domain.catalogue import default_catalogue
from bandtracker.domain.prescription import sides_for
from bandtracker.store.db import close_database, database_path, open_database
from bandtracker.store.safety.backup import check_database_file, take_backup
from bandtracker.store.transfer.csv_io import HEADER, import_csv, parse_csv
from bandtracker.store.transfer.json_io import export_json, import_json

BUDGET_S = 3.0
YEARS = 10
SESSION_WEEKDAYS = (0, 2, 4)  # Monday, Wednesday, Friday


def ten_year_csv(years: int = YEARS, out: TextIO | None = None) -> tuple[str, int]:
    """Three sessions a week for ten years, two or three sets of everything, every set ticked."""
    catalogue = default_catalogue()
    buffer = io.StringIO()
    out = out or buffer
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    zone = timezone(timedelta(hours=1))
    start = date(2016, 1, 4)
    rows = 0
    for offset in range(years * 365):
        day = start + timedelta(days=offset)
        week = offset // 7
        if day.weekday() not in SESSION_WEEKDAYS:
            continue
        sets = 3 if week % 4 >= 2 else 2
        moment = datetime(day.year, day.month, day.day, 18, 0, tzinfo=zone)
        band = ("yellow", "green", "blue", "black")[min(3, week // 130)]
        for exercise in catalogue.exercises:
            for set_number in range(1, sets + 1):
                for side in sides_for(exercise):
                    moment += timedelta(seconds=40)
                    writer.writerow(
                        (
                            day.isoformat(),
                            exercise.slug,
                            set_number,
                            side.value,
                            10 + week % 6,
                            band,
                            moment.isoformat(),
                        )
                    )
                    rows += 1
    return buffer.getvalue(), rows


_MEASURE = """
import resource, sys, time
from pathlib import Path
from bandtracker.store.db import open_database, close_database
from bandtracker.store.transfer.csv_io import import_csv
open_database(Path(sys.argv[2]))
began = time.perf_counter()
added = import_csv(Path(sys.argv[1])).added if sys.argv[1] != "-" else 0
took = time.perf_counter() - began
close_database()
print(added, took, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def measure_import(source: Path | None, folder: Path) -> tuple[int, float, float]:
    """Import `source` into a new database in `folder` in a child process: (sets added,
    seconds, peak memory in MB). With no source, the same child's memory without an import."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(source) if source else "-", str(folder)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]), float(out[1]), float(out[2])


def million() -> int:
    """A CSV of about a million sets (170 years of sessions), imported in a child process:
    its peak memory (ru_maxrss) and time. The import streams, so memory must stay bounded."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "million.csv"
        with source.open("w", encoding="utf-8", newline="") as handle:
            _, rows = ten_year_csv(years=172, out=handle)
        _, _, base = measure_import(None, Path(tmp) / "empty")
        added, took, peak = measure_import(source, Path(tmp) / "data")
        size = source.stat().st_size / 1e6
    print(f"million-set CSV: {rows} sets, {size:.0f} MB")
    print(
        f"import: {took:.1f} s, peak memory {peak:.0f} MB (the same process without the "
        f"import: {base:.0f} MB)"
    )
    assert added == rows, (added, rows)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--million", action="store_true", help="peak memory and time of a million-set import"
    )
    args = parser.parse_args()
    if args.million:
        return million()
    text, rows = ten_year_csv()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "ten-years.csv"
        source.write_text(text, encoding="utf-8")
        parse_times, import_times = [], []
        for run in range(args.runs):
            began = time.perf_counter()
            parse_csv(text)
            parse_times.append(time.perf_counter() - began)

            open_database(Path(tmp) / f"data-{run}")
            try:
                began = time.perf_counter()
                summary = import_csv(source)
                import_times.append(time.perf_counter() - began)
            finally:
                close_database()
            assert summary.added == rows, (summary.added, rows)
        data_dir = Path(tmp) / "data-0"
        safety = {
            "quick_check at start": lambda: check_database_file(database_path(data_dir), False),
            "integrity_check after a crash": lambda: check_database_file(database_path(data_dir)),
            "verified backup": lambda: take_backup(data_dir, rotate_after=False),
            "JSON export": lambda: export_json(io.StringIO()),
        }
        safety_times: dict[str, list[float]] = {name: [] for name in safety}
        open_database(data_dir)
        try:
            for _ in range(args.runs):
                for name, action in safety.items():
                    began = time.perf_counter()
                    action()
                    safety_times[name].append(time.perf_counter() - began)
        finally:
            close_database()
        size = database_path(data_dir).stat().st_size / 1e6
        open_database(data_dir)
        try:
            json_file = Path(tmp) / "ten-years.json"
            with json_file.open("w", encoding="utf-8") as handle:
                export_json(handle)
        finally:
            close_database()
        json_times = []
        for run in range(args.runs):
            open_database(Path(tmp) / f"json-{run}")
            try:
                began = time.perf_counter()
                assert import_json(json_file).added == rows
                json_times.append(time.perf_counter() - began)
            finally:
                close_database()
    median = statistics.median(import_times)
    parse = statistics.median(parse_times)
    print(f"rows: {rows} sets on {summary.sessions_created} days, {len(text) / 1e6:.1f} MB")
    print(f"parse only (baseline): median {parse:.3f} s over {args.runs} runs")
    print(f"import into an empty database: median {median:.3f} s over {args.runs} runs")
    print(
        f"import / parse: {median / parse:.2f}x; import / budget {BUDGET_S:.0f} s: "
        f"{median / BUDGET_S:.2f} ({'OK' if median <= BUDGET_S else 'OVER BUDGET'})"
    )
    json_median = statistics.median(json_times)
    print(
        f"JSON import of the same history: median {json_median:.3f} s "
        f"({json_median / BUDGET_S:.2f} of the budget)"
    )
    print(f"on the 10-year database ({size:.1f} MB):")
    for name, times in safety_times.items():
        print(f"  {name}: median {statistics.median(times) * 1000:.0f} ms")
    return 0 if median <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
