"""A realistic long history (default 10 years, ~1,560 sessions, ~58,000 sets) for benchmarks."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from bandtracker.domain.catalogue import default_catalogue
from bandtracker.domain.prescription import sides_for
from bandtracker.store.csv_io import CsvRow, import_rows
from bandtracker.store.db import close_database, open_database

TZ = timezone(timedelta(hours=1))
BANDS = ("yellow", "green", "blue", "black")


def history_rows(years: int = 10, end: date | None = None, seed: int = 7) -> list[CsvRow]:
    """Three sessions most weeks, sets and band stepping up over the years, some days partial."""
    rng = random.Random(seed)
    end = end or date.today() - timedelta(days=1)
    start = end - timedelta(days=365 * years)
    catalogue = default_catalogue()
    rows: list[CsvRow] = []
    line = 1
    day = start
    while day <= end:
        if day.weekday() in (0, 2, 4) and rng.random() < 0.99:
            age = (day - start).days / 365
            sets = 2 if age < 5 else 3
            band = BANDS[min(3, int(age / 2.5))]
            at = datetime.combine(day, time(18, 0), tzinfo=TZ)
            partial = rng.random() < 0.1
            for exercise in catalogue.exercises:
                for n in range(1, sets + 1):
                    for side in sides_for(exercise):
                        if partial and rng.random() < 0.5:
                            continue
                        line += 1
                        at += timedelta(seconds=20)
                        rows.append(CsvRow(line, day, exercise.slug, n, side.value, 10, band, at))
        day += timedelta(days=1)
    return rows


def seed_history(data_dir: Path, years: int = 10) -> int:
    """Fill the database in `data_dir` with `years` of history; returns the number of sets."""
    open_database(data_dir)
    try:
        return import_rows(history_rows(years)).added
    finally:
        close_database()


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1])
    print(f"seeded {seed_history(target)} sets into {target}")
