"""iCalendar (RFC 5545) export: one event per session, with a UID that stays the same."""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import datetime, timedelta, timezone
from typing import TextIO

from bandtracker import APP_NAME, __version__
from bandtracker.domain.catalogue import Catalogue, default_catalogue
from bandtracker.store.models import CompletedSet, Session, SessionExercise

# A UID depends only on the day, so exporting again and re-importing into a calendar updates
# the events already there instead of adding copies.
UID_DOMAIN = "bandtracker.app"
MIN_DURATION = timedelta(minutes=5)
CRLF = "\r\n"


def escape_text(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11); control characters other than tab and line
    breaks are not allowed in TEXT at all, so they are dropped."""
    text = "".join(ch for ch in text if ch in "\t\r\n" or not _is_control(ch))
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets (RFC 5545 3.1), whole characters."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return CRLF.join(out)


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc"


LAST = "99991231T235959Z"


def _utc(moment: datetime) -> str:
    try:
        return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    except (OverflowError, ValueError):
        return LAST  # within hours of year 9999: its UTC time is past what a date can hold


def _later(moment: datetime, delta: timedelta) -> datetime:
    try:
        return moment + delta
    except OverflowError:
        return moment


def export_ics(out: TextIO, catalogue: Catalogue | None = None, now: datetime | None = None) -> int:
    """Write one VEVENT per session that has a completed set; returns how many."""
    catalogue = catalogue or default_catalogue()
    stamp = _utc(now or datetime.now(timezone.utc))
    done: dict[int, list[tuple[str, datetime]]] = {}
    for sid, exercise, at in CompletedSet.select(
        CompletedSet.session, CompletedSet.exercise, CompletedSet.completed_at
    ).tuples():
        done.setdefault(sid, []).append((exercise, at))
    planned: Counter[int] = Counter()
    for sid, sets, exercise in SessionExercise.select(
        SessionExercise.session, SessionExercise.sets, SessionExercise.exercise
    ).tuples():
        ex = catalogue.get(exercise)
        planned[sid] += sets * (2 if ex is not None and ex.each_side else 1)

    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{APP_NAME}//{APP_NAME} {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(APP_NAME)}",
    ]
    count = 0
    for session in Session.select().order_by(Session.day):
        sets = done.get(session.id)
        if not sets:
            continue
        count += 1
        times = sorted(at for _, at in sets)
        start = session.started_at or times[0]
        start = min(start, times[0])
        end = max(session.finished_at or times[-1], times[-1], _later(start, MIN_DURATION))
        per_exercise = Counter(exercise for exercise, _ in sets)
        summary = f"Band workout: {len(sets)} of {planned[session.id] or len(sets)} sets"
        details = [
            f"{catalogue[slug].name if slug in catalogue else slug}: {n} set{'s' if n != 1 else ''}"
            for slug, n in sorted(per_exercise.items(), key=lambda kv: catalogue.order(kv[0]))
        ]
        if session.note:
            details += ["", session.note]
        lines += [
            "BEGIN:VEVENT",
            f"UID:session-{session.day.isoformat()}@{UID_DOMAIN}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(start)}",
            f"DTEND:{_utc(end)}",
            f"SUMMARY:{escape_text(summary)}",
            f"DESCRIPTION:{escape_text(chr(10).join(details))}",
            "CATEGORIES:Exercise",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    out.write("".join(fold(line) + CRLF for line in lines))
    return count
