import io
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bandtracker.domain.prescription import SetKey, Side
from bandtracker.store import sessions
from bandtracker.store.db import close_database, open_database
from bandtracker.store.models import Band, CompletedSet, Session
from bandtracker.store.transfer import csv_io
from bandtracker.store.transfer.csv_io import HEADER, ImportFileError

TZ = timezone(timedelta(hours=-5))
HEAD = ",".join(HEADER) + "\n"


def export_text() -> str:
    out = io.StringIO()
    csv_io.export_csv(out)
    return out.getvalue()


def seed():
    at = datetime(2026, 3, 1, 7, 15, tzinfo=TZ)
    sessions.tick(date(2026, 3, 1), SetKey("clam-shell", 1, Side.RIGHT), at)
    sessions.tick(date(2026, 3, 1), SetKey("clam-shell", 1, Side.LEFT), at)
    sessions.tick(date(2026, 3, 1), SetKey("forward-walk", 2), at)
    sessions.tick(date(2026, 3, 4), SetKey("glute-bridge", 1), at + timedelta(days=3))


def test_export_has_the_documented_header_and_routine_order(db):
    seed()
    lines = export_text().splitlines()
    assert lines[0] == "date,exercise,set,side,reps,band,completed_at"
    assert lines[1:] == [
        "2026-03-01,forward-walk,2,,10,yellow,2026-03-01T07:15:00-05:00",
        "2026-03-01,clam-shell,1,right,10,yellow,2026-03-01T07:15:00-05:00",
        "2026-03-01,clam-shell,1,left,10,yellow,2026-03-01T07:15:00-05:00",
        "2026-03-04,glute-bridge,1,,10,yellow,2026-03-04T07:15:00-05:00",
    ]


def test_export_import_into_an_empty_database_and_export_again_gives_the_same_bytes(
    db, data_dir, tmp_path
):
    seed()
    first = export_text()
    close_database()
    open_database(tmp_path / "other")
    path = tmp_path / "sets.csv"
    path.write_text(first, encoding="utf-8")
    summary = csv_io.import_csv(path)
    assert (summary.added, summary.skipped, summary.sessions_created) == (4, 0, 2)
    assert export_text() == first


def test_importing_again_merges_without_duplicates(db, tmp_path):
    seed()
    path = tmp_path / "sets.csv"
    path.write_text(
        export_text() + "2026-03-05,side-step,1,left,12,green,2026-03-05T08:00:00+00:00\n"
    )
    summary = csv_io.import_csv(path)
    assert (summary.added, summary.skipped) == (1, 4)
    assert "skipped 4 already recorded" in summary.describe()
    assert CompletedSet.select().count() == 5


def test_an_unknown_band_is_added_at_the_heavy_end(db, tmp_path):
    path = tmp_path / "sets.csv"
    path.write_text(HEAD + "2026-03-05,side-step,1,left,12,green + yellow,2026-03-05T08:00:00Z\n")
    summary = csv_io.import_csv(path)
    assert summary.bands_created == ("green + yellow",)
    assert Band.select().order_by(Band.position.desc()).first().name == "green + yellow"


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("2026-03-05,moon-walk,1,,10,yellow,2026-03-05T08:00:00+00:00", "unknown exercise"),
        ("2026-02-30,clam-shell,1,left,10,yellow,2026-03-05T08:00:00+00:00", "date"),
        ("05/03/2026,clam-shell,1,left,10,yellow,2026-03-05T08:00:00+00:00", "date"),
        ("2026-03-05,clam-shell,one,left,10,yellow,2026-03-05T08:00:00+00:00", "set 'one'"),
        ("2026-03-05,clam-shell,1,left,-3,yellow,2026-03-05T08:00:00+00:00", "reps"),
        ("2026-03-05,clam-shell,1,left,10000,yellow,2026-03-05T08:00:00+00:00", "reps"),
        ("2026-03-05,clam-shell,1,,10,yellow,2026-03-05T08:00:00+00:00", "left' or 'right"),
        ("2026-03-05,glute-bridge,1,left,10,yellow,2026-03-05T08:00:00+00:00", "no sides"),
        ("2026-03-05,clam-shell,1,left,10,yellow,2026-03-05T08:00:00", "UTC offset"),
        ("2026-03-05,clam-shell,1,left,10,yellow", "expected 7 fields"),
        ("2026-03-05,clam-shell,1,left,10,,2026-03-05T08:00:00+00:00", "band"),
    ],
)
def test_a_bad_line_is_refused_whole_with_its_number(db, tmp_path, bad_line, message):
    seed()
    before = export_text()
    good = "2026-03-06,clam-shell,2,right,10,yellow,2026-03-06T08:00:00+00:00\n"
    path = tmp_path / "sets.csv"
    path.write_text(HEAD + good + bad_line + "\n" + good.replace("right", "left"))
    with pytest.raises(ImportFileError, match=message) as caught:
        csv_io.import_csv(path)
    assert str(caught.value).startswith("Line 3:")
    assert "Nothing was imported" in str(caught.value)
    assert export_text() == before


def test_wrong_header_duplicate_rows_and_non_utf8_are_refused(db, tmp_path):
    path = tmp_path / "sets.csv"
    path.write_text("day,exercise\n")
    with pytest.raises(ImportFileError, match="Line 1: the header"):
        csv_io.import_csv(path)
    row = "2026-03-06,clam-shell,2,right,10,yellow,2026-03-06T08:00:00+00:00\n"
    path.write_text(HEAD + row + row)
    with pytest.raises(ImportFileError, match="Line 3: the same set is already on line 2"):
        csv_io.import_csv(path)
    path.write_bytes(HEAD.encode() + b"2026-03-06,clam-shell,2,right,10,gr\xfcn,x\n")
    with pytest.raises(ImportFileError, match="not UTF-8"):
        csv_io.import_csv(path)
    assert Session.select().count() == 0


def test_a_bom_and_crlf_line_ends_are_accepted(db, tmp_path):
    path = tmp_path / "sets.csv"
    path.write_bytes(
        b"\xef\xbb\xbf" + HEAD.encode().replace(b"\n", b"\r\n")
        + b"2026-03-06,clam-shell,2,right,10,yellow,2026-03-06T08:00:00+00:00\r\n"
    )  # fmt: skip
    assert csv_io.import_csv(path).added == 1


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: (HEAD + t).encode()))
def test_any_input_imports_whole_or_is_refused_with_a_message(db, tmp_path, data):
    assert_whole_or_refused(tmp_path / "fuzz.csv", data, ("",))


def assert_whole_or_refused(path, data: bytes, openings: tuple[str, ...]) -> None:
    """Importing `data` either adds every set it reports or changes nothing and says why."""
    path.write_bytes(data)
    before = CompletedSet.select().count()
    try:
        summary = csv_io.import_csv(path)
    except ImportFileError as exc:
        assert str(exc).startswith(openings) and str(exc)
        assert CompletedSet.select().count() == before
    else:
        assert CompletedSet.select().count() == before + summary.added


GOOD_FIELDS = (
    "2026-03-06",
    "clam-shell",
    "2",
    "right",
    "10",
    "yellow",
    "2026-03-06T08:00:00+00:00",
)
ODD_FIELDS = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "1e3",
        "9" * 40,
        "2026-13-01",
        "2026-02-29",
        "24/11/2026",
        "left",
        "LEFT",
        "glute-bridge",
        "moon-walk",
        "2026-03-06T25:00:00+00:00",
        "2026-03-06T08:00:00",
        '"quoted, comma"',
        "tab\there",
        "\x00",
        "é" * 50,
    ]
)


@st.composite
def csv_files(draw) -> bytes:
    """Mostly well-formed files with a few fields, columns or bytes gone wrong."""
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        fields = list(GOOD_FIELDS)
        fields[2] = str(draw(st.integers(1, 4)))
        for index in draw(st.lists(st.integers(0, 6), max_size=2)):
            fields[index] = draw(ODD_FIELDS)
        if draw(st.booleans()):
            fields = fields[: draw(st.integers(0, 7))] + draw(st.lists(ODD_FIELDS, max_size=2))
        rows.append(",".join(fields))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join([",".join(HEADER), *rows]) + draw(st.sampled_from(["", newline]))
    data = text.encode("utf-8")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if draw(st.integers(0, 5)) == 0:
        data += draw(st.sampled_from([b"\xff\xfe", b"\xc3", b"\x80abc"]))
    return data


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(csv_files())
def test_near_miss_files_import_whole_or_are_refused_naming_a_line(db, tmp_path, data):
    openings = ("Line ", "The file is empty", "fuzz.csv is not UTF-8")
    assert_whole_or_refused(tmp_path / "fuzz.csv", data, openings)
