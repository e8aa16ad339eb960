import io
import re
from datetime import date, datetime, timedelta, timezone

from bandtracker.domain.prescription import SetKey, Side
from bandtracker.store import sessions
from bandtracker.store.models import Session
from bandtracker.store.transfer import ics_io

TZ = timezone(timedelta(hours=-5))
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc)


def export_text(now=NOW) -> str:
    out = io.StringIO(newline="")
    ics_io.export_ics(out, now=now)
    return out.getvalue()


def seed() -> None:
    at = datetime(2026, 3, 1, 7, 15, tzinfo=TZ)
    sessions.tick(date(2026, 3, 1), SetKey("clam-shell", 1, Side.RIGHT), at)
    sessions.tick(date(2026, 3, 1), SetKey("clam-shell", 1, Side.LEFT), at + timedelta(minutes=20))
    sessions.tick(date(2026, 3, 4), SetKey("glute-bridge", 1), at + timedelta(days=3))
    sessions.tick(date(2026, 3, 6), SetKey("glute-bridge", 1), at + timedelta(days=5))
    sessions.untick(date(2026, 3, 6), SetKey("glute-bridge", 1))
    Session.update(note="Long note, with commas; semicolons \\ and\nnew lines. " + "é" * 60).where(
        Session.day == date(2026, 3, 1)
    ).execute()


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def test_the_calendar_is_valid_rfc_5545_with_one_event_per_session_with_sets(db):
    seed()
    text = export_text()
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 2  # 6 March has no sets
    for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
        assert sum(line.startswith(name + ":") for line in lines) == 2
    assert "DTSTART:20260301T121500Z" in lines and "DTEND:20260301T123500Z" in lines
    assert "UID:session-2026-03-01@bandtracker.app" in lines
    for line in lines:
        assert re.fullmatch(r"[A-Z-]+[:;].*", line), line


def test_text_is_escaped_and_long_lines_are_folded_between_characters(db):
    seed()
    text = export_text()
    (description,) = [line for line in unfold(text) if "Long note" in line]
    assert "Long note\\, with commas\\; semicolons \\\\ and\\nnew lines." in description
    assert description.endswith("é" * 60)
    text.encode("utf-8").decode("utf-8")  # folding never splits a character


def test_uids_stay_the_same_so_a_calendar_updates_instead_of_duplicating(db):
    seed()
    first = [line for line in unfold(export_text()) if line.startswith("UID:")]
    sessions.tick(date(2026, 3, 4), SetKey("glute-bridge", 2), datetime(2026, 3, 4, 8, tzinfo=TZ))
    later = export_text(NOW + timedelta(days=1))
    assert [line for line in unfold(later) if line.startswith("UID:")] == first
    assert "SUMMARY:Band workout: 2 of" in later


def test_an_empty_history_is_a_valid_empty_calendar(db):
    lines = unfold(export_text())
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "BEGIN:VEVENT" not in lines
