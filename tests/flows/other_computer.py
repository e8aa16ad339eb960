"""Another computer, as a separate process: tick (or untick) sets on a day, then sync once.

python other_computer.py DATA_DIR SHARED DAY [+|-]exercise/set/side ...
python other_computer.py DATA_DIR SHARED DAY --serve: the same changes, one per line of stdin,
each answered "ok" once it is in the folder.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from bandtracker.domain.prescription import SetKey, Side
from bandtracker.store import sessions
from bandtracker.store.db import close_database, open_database
from bandtracker.store.sync.engine import Syncer


def main() -> None:
    data_dir, shared, day = Path(sys.argv[1]), Path(sys.argv[2]), date.fromisoformat(sys.argv[3])
    open_database(data_dir)
    syncer = Syncer(data_dir)
    if sys.argv[4:] == ["--serve"]:
        for line in sys.stdin:
            change(day, line.strip())
            syncer.run(shared)
            print("ok", flush=True)
    else:
        for text in sys.argv[4:]:
            change(day, text)
        print(syncer.run(shared).summary())
    close_database()


def change(day: date, text: str) -> None:
    at = datetime.combine(day, datetime.now().time(), timezone(timedelta(hours=1)))
    exercise, number, side = text[1:].split("/")
    key = SetKey(exercise, int(number), Side(side))
    if text[0] == "+":
        sessions.tick(day, key, at)
    else:
        sessions.untick(day, key)


if __name__ == "__main__":
    main()
