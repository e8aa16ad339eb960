"""Hostile files: each refused with one line, nothing changed, without reading forever."""

from __future__ import annotations

import io
import json
import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bandtracker.domain.prescription import SetKey
from bandtracker.store import sessions
from bandtracker.store.db import close_database, database_path, open_database
from bandtracker.store.errors import StoreError
from bandtracker.store.models import Session
from bandtracker.store.transfer import csv_io, ics_io
from bandtracker.store.transfer.formats import import_file
from tests.store.damage import record_history, set_count

HEADER = "date,exercise,set,side,reps,band,completed_at\n"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_not_read_until_memory_runs_out(db, data_dir, device):
    ticked = record_history(2)
    with pytest.raises(StoreError, match="not a regular file"):
        import_file(Path(device))
    assert set_count(database_path(data_dir)) == ticked


def test_a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer(db, tmp_path):
    fifo = tmp_path / "sets.csv"
    os.mkfifo(fifo)
    with pytest.raises(StoreError, match="not a regular file"):
        import_file(fifo)


def test_a_folder_is_refused(db, tmp_path):
    folder = tmp_path / "export.csv"
    folder.mkdir()
    with pytest.raises(StoreError, match="not a regular file|folder"):
        import_file(folder)


def test_a_huge_json_file_is_refused_after_reading_no_more_than_the_limit(db, tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.write(b'{"format": "bandtracker", "x": "')
        handle.truncate(csv_io.MAX_IMPORT_BYTES + 10)  # sparse: no disk used
    with pytest.raises(StoreError, match="too large"):
        import_file(big)


def test_a_5000_digit_number_is_refused_with_a_short_line(db, tmp_path):
    source = tmp_path / "long.json"
    source.write_text('{"format": "bandtracker", "version": ' + "9" * 5000 + "}")
    with pytest.raises(StoreError) as caught:
        import_file(source)
    assert len(str(caught.value)) < 200 and "9999999999" not in str(caught.value)


def test_a_huge_csv_line_is_refused_without_holding_it(db, tmp_path):
    source = tmp_path / "line.csv"
    source.write_text(HEADER + "x" * 10_000_000 + "\n")
    with pytest.raises(StoreError, match="longer than"):
        import_file(source)


def test_messages_show_nul_and_line_breaks_escaped(db, tmp_path):
    source = tmp_path / "nul.csv"
    source.write_text(HEADER + '2026-11-24,"clam\x00\nshell",1,,10,yellow,2026-11-24T18:00Z\n')
    with pytest.raises(StoreError) as caught:
        import_file(source)
    text = str(caught.value)
    assert "\x00" not in text and "\n" not in text and "\\x00" in text and "\\n" in text


FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]


def test_formula_band_names_are_neutralised_in_csv_and_read_back_the_same(db, tmp_path):
    """Defect 9: names that spreadsheets run as formulas were exported unchanged."""
    rows = [
        f'2026-11-{10 + n},glute-bridge,1,,10,"{name.replace(chr(34), chr(34) * 2)}",'
        f"2026-11-{10 + n}T18:00:00+01:00"
        for n, name in enumerate(FORMULAS)
    ]
    source = tmp_path / "in.csv"
    source.write_text(HEADER + "\n".join(rows) + "\n")
    assert import_file(source).added == len(FORMULAS)
    out = io.StringIO()
    csv_io.export_csv(out)
    first = out.getvalue()
    for line in first.splitlines()[1:]:
        band = line.split(",", 5)[5]
        assert band.lstrip('"').startswith("'"), line  # every one of them starts with '
    close_database()
    open_database(tmp_path / "again")
    exported = tmp_path / "out.csv"
    exported.write_text(first)
    import_file(exported)
    again = io.StringIO()
    csv_io.export_csv(again)
    assert again.getvalue() == first  # byte for byte
    from bandtracker.store.models import Band

    assert set(FORMULAS) <= {b.name for b in Band.select()}


def test_ics_drops_control_characters_and_survives_year_9999(db):
    day = date(9999, 12, 31)
    at = datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5)))
    sessions.tick(day, SetKey("glute-bridge", 1), at)
    Session.update(note="bell\x07 nul\x00 vt\x0b ff\x0c end").execute()
    out = io.StringIO()
    assert ics_io.export_ics(out) == 1
    text = out.getvalue()
    assert not any(ch in text for ch in "\x00\x07\x0b\x0c")
    assert "bell nul vt ff end" in text.replace("\r\n ", "")
    assert "DTEND:99991231T235959Z" in text


def test_hostile_json_values_are_refused_with_one_line(db, tmp_path):
    for value in ([1] * 3, {"a": None}, "\x00" * 100, 1e308, -1):
        source = tmp_path / "v.json"
        source.write_text(json.dumps({"format": "bandtracker", "version": 1, "bands": value}))
        with pytest.raises(StoreError) as caught:
            import_file(source)
        assert "\n" not in str(caught.value) and "\x00" not in str(caught.value)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.sampled_from([".csv", ".json", ".txt"]),
    st.one_of(
        st.binary(max_size=400),
        st.text(max_size=300).map(str.encode),
        st.builds(
            lambda body: (HEADER + body).encode("utf-8", "surrogatepass"),
            st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300),
        ),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.text(max_size=8), inner, max_size=4)
            ),
            max_leaves=20,
        ).map(
            lambda v: json.dumps({"format": "bandtracker", "version": 1, "sessions": v}).encode()
        ),
    ),
)
def test_fuzzed_files_import_whole_or_are_refused_with_one_line(tmp_path_factory, suffix, data):
    folder = tmp_path_factory.mktemp("fuzz")
    open_database(folder / "data")
    try:
        record_history(1)
        before = set_count(database_path(folder / "data"))
        source = folder / f"in{suffix}"
        source.write_bytes(data)
        try:
            import_file(source)
        except StoreError as exc:
            text = str(exc)
            assert "\n" not in text and "\x00" not in text and len(text) < 600, text
            assert set_count(database_path(folder / "data")) == before
    finally:
        close_database()


@pytest.mark.slow
def test_a_large_csv_imports_in_bounded_memory(tmp_path):
    """Defect 6: memory grew with the file (964 MB for a million sets). 300,000 sets here; the
    import reads a line at a time, so the process stays near its size without the import."""
    from bench.import_bench import measure_import, ten_year_csv

    source = tmp_path / "big.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        _, rows = ten_year_csv(years=52, out=handle)
    _, _, baseline = measure_import(None, tmp_path / "empty")
    added, _, peak = measure_import(source, tmp_path / "data")
    assert added == rows and rows > 290_000
    assert peak - baseline < 60, f"{peak:.0f} MB at the peak, {baseline:.0f} MB without the import"
