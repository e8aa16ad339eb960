"""Another computer, as a separate process: tick (or untick) sets on a day, then sync once.

python other_computer.py DATA_DIR SHARED DAY [+|-]exercise/set/side ...
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
    at = datetime.combine(day, datetime.now().time(), timezone(timedelta(hours=1)))
    for change in sys.argv[4:]:
        exercise, number, side = change[1:].split("/")
        key = SetKey(exercise, int(number), Side(side))
        if change[0] == "+":
            sessions.tick(day, key, at)
        else:
            sessions.untick(day, key)
    print(Syncer(data_dir).run(shared).summary())
    close_database()


if __name__ == "__main__":
    main()
