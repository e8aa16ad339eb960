"""Build a realistic multi-year history in a data folder, fast (one transaction, bulk inserts)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from bandtracker.domain.catalogue import default_catalogue
from bandtracker.domain.prescription import PlannedExercise, Prescription
from bandtracker.store.db import close_database, database, open_database
from bandtracker.store.models import Band, CompletedSet, Session, SessionExercise

TZ = timezone(timedelta(hours=1))
SESSION_WEEKDAYS = (0, 2, 4)  # Monday, Wednesday, Friday, with some moved or skipped


def seed_history(
    data_dir: Path,
    years: int = 10,
    end: date | None = None,
    seed: int = 4,
    keep_open: bool = False,
) -> tuple[int, int]:
    """Fill `data_dir`'s database with `years` of sessions ending the day before `end`.

    About three sessions a week, two or three sets per exercise, now and then a partial day:
    10 years give about 1,560 sessions and 58,000 sets. Returns (sessions, sets).
    """
    rng = random.Random(seed)
    end = end or date.today()
    start = end - timedelta(days=365 * years + years // 4)
    catalogue = default_catalogue()
    if database.obj is None:
        open_database(data_dir)
    band_ids = [b.id for b in Band.select(Band.id).order_by(Band.position)]
    n_sessions = n_sets = 0
    with database.atomic():
        day = start - timedelta(days=start.weekday())
        while day < end:
            for weekday in SESSION_WEEKDAYS:
                if rng.random() < 0.01:
                    continue  # a missed session
                when = day + timedelta(days=weekday + (1 if rng.random() < 0.1 else 0))
                if not start <= when < end:
                    continue
                sets = 3 if rng.random() < 0.6 else 2
                band = band_ids[
                    min(len(band_ids) - 1, (when - start).days * 4 // (end - start).days)
                ]
                began = datetime.combine(when, time(18, rng.randrange(0, 50)), TZ)
                session = Session.create(day=when, started_at=began)
                plan = [
                    PlannedExercise(e, Prescription(sets, 12, str(band)))
                    for e in catalogue.exercises
                ]
                SessionExercise.insert_many(
                    [
                        {
                            "session": session.id,
                            "exercise": p.exercise.slug,
                            "position": i,
                            "sets": sets,
                            "reps": 12,
                            "band": band,
                        }
                        for i, p in enumerate(plan)
                    ]
                ).execute()
                slots = [k for p in plan for k in p.slots()]
                if rng.random() < 0.08:
                    slots = slots[: rng.randrange(1, len(slots))]  # stopped early
                rows = [
                    {
                        "session": session.id,
                        "exercise": key.exercise,
                        "set_number": key.set_number,
                        "side": key.side.value,
                        "reps": 12,
                        "band": band,
                        "completed_at": began + timedelta(seconds=50 * n),
                    }
                    for n, key in enumerate(slots)
                ]
                for chunk in range(0, len(rows), 200):
                    CompletedSet.insert_many(rows[chunk : chunk + 200]).execute()
                n_sessions += 1
                n_sets += len(rows)
            day += timedelta(days=7)
    if not keep_open:
        close_database()
    return n_sessions, n_sets


if __name__ == "__main__":
    import sys

    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/bandtracker-seeded")
    print("sessions, sets:", seed_history(folder))
