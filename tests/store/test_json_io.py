import copy
import io
import json
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bandtracker.domain.prescription import SetKey, Side
from bandtracker.store import sessions
from bandtracker.store.db import close_database, open_database
from bandtracker.store.models import Band, CompletedSet, RestWeek, Session, Setting
from bandtracker.store.transfer import json_io
from bandtracker.store.transfer.csv_io import ImportFileError
from bandtracker.store.transfer.formats import import_file

TZ = timezone(timedelta(hours=2))


def export_text() -> str:
    out = io.StringIO()
    json_io.export_json(out)
    return out.getvalue()


def seed() -> None:
    at = datetime(2026, 6, 1, 7, 15, tzinfo=TZ)
    Band.insert(name="green + yellow", colour="#77aa33", position=4, note="doubled").execute()
    Band.update(colour="#ffdd00", hidden=True).where(Band.name == "black").execute()
    Setting.update(value="3").where(Setting.key == "default_sets").execute()
    sessions.tick(date(2026, 6, 1), SetKey("clam-shell", 1, Side.RIGHT), at)
    sessions.tick(date(2026, 6, 1), SetKey("clam-shell", 1, Side.LEFT), at)
    sessions.tick(date(2026, 6, 1), SetKey("forward-walk", 3), at + timedelta(minutes=4))
    sessions.tick(date(2026, 6, 3), SetKey("glute-bridge", 1), at + timedelta(days=2))
    RestWeek.create(week_start=date(2026, 5, 18))
    Session.update(
        note='Knee felt fine, "light" day;\nnext time green', finished_at=at + timedelta(minutes=30)
    ).where(Session.day == date(2026, 6, 1)).execute()


def test_the_export_holds_settings_bands_sessions_prescriptions_notes_and_sets(db):
    seed()
    data = json.loads(export_text())
    assert (data["format"], data["version"]) == ("bandtracker", 1)
    assert data["settings"]["default_sets"] == 3
    assert [b["name"] for b in data["bands"]][-1] == "green + yellow"
    first = data["sessions"][0]
    assert first["day"] == "2026-06-01" and first["note"].startswith("Knee felt fine")
    assert first["finished_at"] == "2026-06-01T07:45:00+02:00"
    assert len(first["exercises"]) == 9 and first["exercises"][0]["sets"] == 3
    assert first["sets"][0] == {
        "exercise": "forward-walk",
        "set": 3,
        "side": "",
        "reps": 10,
        "band": "yellow",
        "completed_at": "2026-06-01T07:19:00+02:00",
    }
    assert data["rest_weeks"] == ["2026-05-18"]


def test_export_import_into_an_empty_database_and_export_again_gives_the_same_bytes(db, tmp_path):
    seed()
    first = export_text()
    close_database()
    open_database(tmp_path / "other")
    path = tmp_path / "all.json"
    path.write_text(first, encoding="utf-8")
    summary = import_file(path)
    assert (summary.added, summary.skipped, summary.sessions_created) == (4, 0, 2)
    assert [r.week_start for r in RestWeek.select()] == [date(2026, 5, 18)]
    assert export_text() == first


def test_importing_into_a_database_with_history_merges_and_keeps_the_users_settings(db, tmp_path):
    seed()
    data = json.loads(export_text())
    data["settings"]["default_sets"] = 5
    data["bands"].append({"name": "red", "colour": "#ff0000", "position": 9, "note": ""})
    data["sessions"][1]["sets"].append(
        {
            "exercise": "side-step",
            "set": 1,
            "side": "left",
            "reps": 12,
            "band": "red",
            "completed_at": "2026-06-03T07:30:00+02:00",
        }
    )
    path = tmp_path / "more.json"
    path.write_text(json.dumps(data))
    summary = json_io.import_json(path)
    assert (summary.added, summary.skipped, summary.bands_created) == (1, 4, ("red",))
    assert "skipped 4 already recorded" in summary.describe()
    assert json.loads(Setting.get(Setting.key == "default_sets").value) == 3


def valid() -> dict:
    return {
        "format": "bandtracker",
        "version": 1,
        "settings": {"default_sets": 2},
        "bands": [
            {"name": "yellow", "colour": "#f2c94c", "position": 0, "note": "", "hidden": False}
        ],
        "sessions": [
            {
                "day": "2026-06-01",
                "started_at": "2026-06-01T07:00:00+02:00",
                "finished_at": None,
                "note": "",
                "exercises": [
                    {
                        "exercise": "clam-shell",
                        "position": 0,
                        "sets": 2,
                        "reps": 10,
                        "band": "yellow",
                    }
                ],
                "sets": [
                    {
                        "exercise": "clam-shell",
                        "set": 1,
                        "side": "left",
                        "reps": 10,
                        "band": "yellow",
                        "completed_at": "2026-06-01T07:01:00+02:00",
                    },
                    {
                        "exercise": "clam-shell",
                        "set": 1,
                        "side": "right",
                        "reps": 10,
                        "band": "yellow",
                        "completed_at": "2026-06-01T07:02:00+02:00",
                    },
                ],
            }
        ],
    }


def broken(path: tuple, value) -> dict:
    data = valid()
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


S = ("sessions", 0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (broken(("format",), "fitness-app"), '$.format: "fitness-app" is not a Band Tracker'),
        (broken(("version",), 7), "$.version: version 7 was written by a newer"),
        (broken(("version",), KeyError), "$: 'version' is missing"),
        (broken(("settings", "default_sets"), 9), "$.settings.default_sets: 9 is outside 1-5"),
        (broken(("bands", 0, "colour"), "red"), '$.bands[0].colour: "red" is not a colour'),
        (broken((*S, "day"), "2026-02-30"), '$.sessions[0].day: "2026-02-30" is not a date'),
        (broken((*S, "sets", 1, "reps"), 10**30), "$.sessions[0].sets[1].reps: 1000000"),
        (broken((*S, "sets", 1, "reps"), "10"), '$.sessions[0].sets[1].reps: "10" is not a whole'),
        (broken((*S, "sets", 1, "reps"), True), "$.sessions[0].sets[1].reps: true is not a whole"),
        (broken((*S, "sets", 1, "side"), ""), "$.sessions[0].sets[1].side: Clam shell needs"),
        (broken((*S, "sets", 1, "side"), "left"), "$.sessions[0].sets[1]: the same set is already"),
        (broken((*S, "sets", 0, "band"), "purple"), "$.sessions[0].sets[0].band: the band"),
        (broken((*S, "sets", 0, "exercise"), "yoga"), "$.sessions[0].sets[0].exercise: unknown"),
        (
            broken((*S, "sets", 0, "completed_at"), "2026-06-01T07:01:00"),
            '$.sessions[0].sets[0].completed_at: "2026-06-01T07:01:00" has no UTC offset',
        ),
        (broken((*S, "exercises"), {}), "$.sessions[0].exercises: should be a list"),
        (broken(("sessions",), [valid()["sessions"][0]] * 2), "$.sessions[1].day: the day is"),
        ([1, 2], "$: should be an object"),
    ],
)
def test_a_bad_file_is_refused_whole_naming_the_json_path(db, tmp_path, data, message):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ImportFileError) as caught:
        json_io.import_json(path)
    assert str(caught.value).startswith(message)
    assert str(caught.value).endswith("Nothing was imported.")
    assert Session.select().count() == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Line 1, column 1: not valid JSON"),
        ('{"format": "bandtracker",\n "version": 1,,}', "Line 2, column 15: not valid JSON"),
        ('{"version": NaN}', "Not valid JSON (NaN is not a number JSON allows)"),
        ("[" * 100_000 + "]" * 100_000, "Not valid JSON"),
    ],
)
def test_text_that_is_not_json_is_refused_with_a_message(db, tmp_path, text, message):
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(ImportFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        json_io.import_json(path)


def test_a_valid_file_imports_whole(db, tmp_path):
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(valid()))
    assert json_io.import_json(path).added == 2


def mutations(draw_value):
    return st.tuples(st.integers(0, 200), draw_value)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def places(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from places(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from places(value, (*prefix, i))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(0, 10**6), JSON_VALUES, st.booleans())
def test_any_change_to_a_valid_file_imports_whole_or_is_refused(db, tmp_path, pick, value, drop):
    data = copy.deepcopy(valid())
    spots = [p for p in places(data) if p]
    spot = spots[pick % len(spots)]
    parent = data
    for key in spot[:-1]:
        parent = parent[key]
    if drop:
        del parent[spot[-1]]
    else:
        parent[spot[-1]] = value
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(data, allow_nan=True))
    before = CompletedSet.select().count()
    try:
        summary = json_io.import_json(path)
    except ImportFileError as exc:
        assert str(exc).endswith("Nothing was imported.")
        assert CompletedSet.select().count() == before
    else:
        assert CompletedSet.select().count() == before + summary.added
