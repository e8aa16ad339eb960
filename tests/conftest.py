"""Shared test setup: offscreen Qt, and a fresh data folder for every test (never the user's)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from datetime import datetime, timedelta, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from bandtracker.store.db import close_database, open_database  # noqa: E402

TZ = timezone(timedelta(hours=1))


class FakeClock:
    """A clock the test moves by hand; aware, in a fixed +01:00 zone."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "data"
    monkeypatch.setenv("BANDTRACKER_DATA_DIR", str(folder))
    # Belt and braces: anything that falls back to the platform folder lands in tmp too.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    yield folder
    close_database()


@pytest.fixture
def db(data_dir: Path):
    return open_database(data_dir)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 24, 18, 30, tzinfo=TZ))
