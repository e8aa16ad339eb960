"""An imported day's prescription comes from its own sets (store/transfer/infer.py)."""

import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from bandtracker.domain.catalogue import default_catalogue
from bandtracker.domain.prescription import Prescription
from bandtracker.store import history, sessions
from bandtracker.store.preferences import apply_preferences, load_preferences
from bandtracker.store.settings import band_rows, load_settings
from bandtracker.store.transfer import csv_io, json_io
from bandtracker.store.transfer.csv_io import HEADER
from bandtracker.store.transfer.infer import DoneSet, infer_plan, level_offer

TZ = timezone(timedelta(hours=1))
START = date(2026, 6, 1)


def csv_rows(day: date, sets: int, reps: int, band: str, skip: tuple[str, ...] = ()) -> list[str]:
    at = datetime(day.year, day.month, day.day, 18, 0, tzinfo=TZ).isoformat()
    rows = []
    for exercise in default_catalogue().exercises:
        if exercise.slug in skip:
            continue
        for n in range(1, sets + 1):
            for side in ("right", "left") if exercise.each_side else ("",):
                rows.append(f"{day},{exercise.slug},{n},{side},{reps},{band},{at}")
    return rows


def write_csv(tmp_path, rows: list[str]):
    path = tmp_path / "history.csv"
    path.write_text(",".join(HEADER) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_the_plan_is_the_highest_set_and_the_most_common_reps_and_band():
    done = [
        DoneSet("glute-bridge", 1, 12, "green"),
        DoneSet("glute-bridge", 2, 12, "green"),
        DoneSet("glute-bridge", 3, 10, "green"),
        DoneSet("clam-shell", 1, 10, "yellow"),
    ]
    plan = {p.exercise: p for p in infer_plan(done, default_catalogue())}
    assert (plan["glute-bridge"].sets, plan["glute-bridge"].reps) == (3, 12)
    assert (plan["clam-shell"].sets, plan["clam-shell"].band) == (1, "yellow")
    assert len(plan) == 9  # exercises not done get the day's typical prescription
    assert infer_plan([], default_catalogue()) == ()


def test_imported_complete_days_stay_complete_whatever_the_settings_say(db, tmp_path):
    """Bug 2: three months of complete 2-set days did not turn "Partial, 30 of 45"."""
    days = [START + timedelta(days=d) for d in range(0, 90, 3)]
    rows = [r for day in days for r in csv_rows(day, 2, 10, "yellow")]
    apply_preferences(replace(load_preferences(), default_sets=3))  # before the import
    csv_io.import_csv(write_csv(tmp_path, rows))
    tallies = history.tallies()
    assert len(tallies) == len(days)
    assert all(t.complete and t.prescribed == 30 for t in tallies.values())


def test_a_partial_imported_day_lists_the_missing_exercises_with_its_own_band(db, tmp_path):
    """Bug 3: exercises not done on a day show that day's band, never today's."""
    rows = csv_rows(START, 3, 12, "green", skip=("donkey-kick", "clam-shell", "glute-bridge"))
    csv_io.import_csv(write_csv(tmp_path, rows))
    apply_preferences(replace(load_preferences(), band="blue"))
    view = sessions.load_day(START)
    missing = {p.exercise.slug: p.prescription for p in view.plan}
    assert missing["clam-shell"] == Prescription(3, 12, "green")
    assert {p.prescription for p in view.plan} == {Prescription(3, 12, "green")}


def test_json_carries_the_prescription_and_infers_it_only_when_absent(db, tmp_path):
    at = datetime(2026, 6, 1, 18, 0, tzinfo=TZ).isoformat()
    data = {
        "format": "bandtracker",
        "version": 1,
        "sessions": [
            {
                "day": "2026-06-01",
                "exercises": [
                    {"exercise": "glute-bridge", "position": 0, "sets": 3, "reps": 15,
                     "band": "blue"},
                ],
                "sets": [
                    {"exercise": "glute-bridge", "set": 1, "side": "", "reps": 15,
                     "band": "blue", "completed_at": at},
                ],
            },
            {
                "day": "2026-06-03",
                "sets": [
                    {"exercise": "glute-bridge", "set": n, "side": "", "reps": 12,
                     "band": "green", "completed_at": at.replace("06-01", "06-03")}
                    for n in (1, 2)
                ],
            },
        ],
    }  # fmt: skip
    exported = json_io.export_data()
    data = {**exported, "sessions": data["sessions"]}
    path = tmp_path / "history.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    json_io.import_json(path)
    first = sessions.load_day(date(2026, 6, 1))
    assert [(p.exercise.slug, p.prescription) for p in first.plan] == [
        ("glute-bridge", Prescription(3, 15, "blue"))
    ]
    second = sessions.load_day(date(2026, 6, 3))
    assert {p.prescription for p in second.plan} == {Prescription(2, 12, "green")}


def test_an_import_ahead_of_the_settings_offers_its_level(db, tmp_path):
    settings = load_settings()
    plan = sessions.current_plan()
    assert level_offer(settings, plan, band_rows(), default_catalogue()) is None
    rows = csv_rows(START, 2, 10, "yellow") + csv_rows(START + timedelta(days=2), 3, 12, "green")
    csv_io.import_csv(write_csv(tmp_path, rows))
    offer = level_offer(settings, plan, band_rows(), default_catalogue())
    assert offer is not None and offer.day == START + timedelta(days=2)
    assert (offer.changes["default_sets"], offer.changes["default_reps"]) == (3, 12)
    assert offer.changes["band"] == "green"
