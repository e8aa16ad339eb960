"""CSV export of every completed set, and an all-or-nothing import of the same format."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from bandtracker.domain.bands import MAX_BAND_NAME
from bandtracker.domain.catalogue import Catalogue, default_catalogue
from bandtracker.domain.prescription import MAX_RECORDED_REPS, MAX_RECORDED_SET, Side, sides_for
from bandtracker.i18n import CATALOGUE, N_, Message, joined, term
from bandtracker.store import db
from bandtracker.store.db import write
from bandtracker.store.errors import StoreError, explain
from bandtracker.store.models import Band, CompletedSet, Session
from bandtracker.store.transfer.infer import DoneSet, infer_plan

HEADER = ("date", "exercise", "set", "side", "reps", "band", "completed_at")
SIDE_ORDER = {Side.NONE.value: 0, Side.RIGHT.value: 1, Side.LEFT.value: 2}
MAX_IMPORT_BYTES = 64 * 1024 * 1024
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_COUNT = re.compile(r"[0-9]{1,3}")
# Band colours for bands an import brings in; the user can recolour them in settings.
IMPORTED_BAND_COLOUR = "#8a8a8a"


class ImportFileError(StoreError):
    """The file cannot be imported; nothing was written."""


@dataclass(frozen=True)
class CsvRow:
    line: int
    day: date
    exercise: str
    set_number: int
    side: str
    reps: int
    band: str
    completed_at: datetime

    @property
    def key(self) -> tuple[date, str, int, str]:
        return (self.day, self.exercise, self.set_number, self.side)


@dataclass(frozen=True)
class ImportSummary:
    added: int
    skipped: int
    sessions_created: int
    bands_created: tuple[str, ...]

    def describe(self) -> str:
        parts = [
            Message("Imported {count} set", count=self.added)
            if self.added == 1
            else Message("Imported {count} sets", count=self.added)
        ]
        if self.sessions_created == 1:
            parts.append(Message(" on {count} new day", count=self.sessions_created))
        elif self.sessions_created:
            parts.append(Message(" on {count} new days", count=self.sessions_created))
        if self.skipped:
            parts.append(Message("; skipped {count} already recorded", count=self.skipped))
        names = ", ".join(self.bands_created)
        if len(self.bands_created) == 1:
            parts.append(Message("; added band {names}", names=names))
        elif self.bands_created:
            parts.append(Message("; added bands {names}", names=names))
        parts.append(Message("."))
        return joined("", parts)


def export_rows(catalogue: Catalogue | None = None) -> list[tuple[str, ...]]:
    catalogue = catalogue or default_catalogue()
    query = (
        CompletedSet.select(
            Session.day,
            CompletedSet.exercise,
            CompletedSet.set_number,
            CompletedSet.side,
            CompletedSet.reps,
            Band.name,
            CompletedSet.completed_at,
        )
        .join_from(CompletedSet, Session)
        .join_from(CompletedSet, Band)
        .tuples()
    )
    rows = sorted(
        query,
        key=lambda r: (r[0], catalogue.order(r[1]), r[1], r[2], SIDE_ORDER.get(r[3], 9)),
    )
    return [
        (day.isoformat(), exercise, str(n), side, str(reps), band, at.isoformat())
        for day, exercise, n, side, reps, band, at in rows
    ]


def export_csv(out: TextIO, catalogue: Catalogue | None = None) -> int:
    """Write every completed set to `out`; returns how many rows were written."""
    rows = export_rows(catalogue)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return len(rows)


def parse_moment(text: str) -> datetime:
    """An ISO 8601 time with its UTC offset; the ValueError says which of the two is wrong."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(Message("is not an ISO 8601 time")) from None
    if moment.tzinfo is None:
        raise ValueError(Message("has no UTC offset (add e.g. +01:00)"))
    return moment


def _fail(line: int, problem: Message) -> ImportFileError:
    return ImportFileError(
        Message("Line {line}: {problem}. Nothing was imported.", line=line, problem=problem)
    )


def _count(text: str, what: str, highest: int, line: int) -> int:
    """`what` is the CSV column's name, the same in every language."""
    if not _COUNT.fullmatch(text):
        raise _fail(line, Message("{what} '{text}' is not a whole number", what=what, text=text))
    value = int(text)
    if not 1 <= value <= highest:
        raise _fail(
            line,
            Message(
                "{what} {value} is outside 1-{highest}", what=what, value=value, highest=highest
            ),
        )
    return value


def _parse_row(fields: list[str], line: int, catalogue: Catalogue) -> CsvRow:
    if len(fields) != len(HEADER):
        raise _fail(
            line,
            Message(
                "expected {wanted} fields, found {found}", wanted=len(HEADER), found=len(fields)
            ),
        )
    day_text, slug, set_text, side, reps_text, band, at_text = (f.strip() for f in fields)
    try:
        if not _DATE.fullmatch(day_text):
            raise ValueError
        day = date.fromisoformat(day_text)
    except ValueError:
        raise _fail(
            line, Message("date '{text}' is not a date written as YYYY-MM-DD", text=day_text)
        ) from None
    exercise = catalogue.get(slug)
    if exercise is None:
        raise _fail(line, Message("unknown exercise '{slug}'", slug=slug))
    set_number = _count(set_text, "set", MAX_RECORDED_SET, line)
    if side not in {s.value for s in sides_for(exercise)}:
        if exercise.each_side:
            raise _fail(
                line,
                Message(
                    "{exercise} needs the side 'left' or 'right', not '{side}'",
                    exercise=term(CATALOGUE, exercise.name),
                    side=side,
                ),
            )
        raise _fail(
            line,
            Message(
                "{exercise} has no sides; leave the side empty, not '{side}'",
                exercise=term(CATALOGUE, exercise.name),
                side=side,
            ),
        )
    reps = _count(reps_text, "reps", MAX_RECORDED_REPS, line)
    if not band or len(band) > MAX_BAND_NAME or not band.isprintable():
        raise _fail(
            line,
            Message(
                "band name '{band}' is empty, too long or unprintable", band=band[:MAX_BAND_NAME]
            ),
        )
    try:
        completed_at = parse_moment(at_text)
    except ValueError as why:
        raise _fail(
            line, Message("completed_at '{text}' {why}", text=at_text[:40], why=why.args[0])
        ) from None
    return CsvRow(line, day, slug, set_number, side, reps, band, completed_at)


def parse_csv(text: str, catalogue: Catalogue | None = None) -> list[CsvRow]:
    """Read and check every row; raises ImportFileError naming the first bad line."""
    catalogue = catalogue or default_catalogue()
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    rows: list[CsvRow] = []
    seen: dict[tuple[date, str, int, str], int] = {}
    try:
        header = next(reader, None)
        if header is None:
            raise ImportFileError(Message("The file is empty. Nothing was imported."))
        if tuple(h.strip() for h in header) != HEADER:
            raise _fail(1, Message("the header should be {header}", header=",".join(HEADER)))
        for fields in reader:
            if not fields or fields == [""]:
                continue
            row = _parse_row(fields, reader.line_num, catalogue)
            if row.key in seen:
                raise _fail(
                    row.line,
                    Message("the same set is already on line {line}", line=seen[row.key]),
                )
            seen[row.key] = row.line
            rows.append(row)
    except csv.Error as exc:
        raise _fail(reader.line_num, Message("not valid CSV ({detail})", detail=str(exc))) from None
    return rows


def read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportFileError(
                Message(
                    "{file} is {size} MB, too large to be a Band Tracker file.",
                    file=path.name,
                    size=size // (1024 * 1024),
                )
            )
        data = path.read_bytes()
    except OSError as exc:
        raise explain(exc, Message("read {file}", file=str(path))) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            Message(
                "{file} is not UTF-8 text (byte {byte} is not valid). Nothing was imported.",
                file=path.name,
                byte=exc.start + 1,
            )
        ) from None


def import_csv(path: Path, catalogue: Catalogue | None = None) -> ImportSummary:
    return import_rows(parse_csv(read_text(path), catalogue), catalogue)


def import_rows(rows: list[CsvRow], catalogue: Catalogue | None = None) -> ImportSummary:
    """Merge checked rows in one transaction: sets already recorded are skipped, not doubled."""
    catalogue = catalogue or default_catalogue()
    with write(N_("import the file")):
        bands = {name: band_id for band_id, name in Band.select(Band.id, Band.name).tuples()}
        new_bands = sorted({r.band for r in rows} - bands.keys())
        position = (Band.select(Band.position).order_by(Band.position.desc()).scalar() or 0) + 1
        for offset, name in enumerate(new_bands):
            bands[name] = Band.insert(
                name=name, colour=IMPORTED_BAND_COLOUR, position=position + offset
            ).execute()

        sessions = {day: sid for sid, day in Session.select(Session.id, Session.day).tuples()}
        by_day: dict[date, list[CsvRow]] = defaultdict(list)
        for row in rows:
            by_day[row.day].append(row)
        new_days = sorted(by_day.keys() - sessions.keys())
        db.insert_many(
            "session",
            ("day", "started_at"),
            [
                (day.isoformat(), min(r.completed_at for r in by_day[day]).isoformat())
                for day in new_days
            ],
        )
        if new_days:
            sessions = dict(Session.select(Session.day, Session.id).tuples())
        snapshots = [
            (sessions[day], e.exercise, e.position, e.sets, e.reps, bands[e.band])
            for day in new_days
            for e in infer_plan(
                (DoneSet(r.exercise, r.set_number, r.reps, r.band) for r in by_day[day]),
                catalogue,
            )
        ]
        db.insert_many(
            "session_exercise",
            ("session_id", "exercise", "position", "sets", "reps", "band_id"),
            snapshots,
        )

        wanted_sessions = {sessions[day] for day in by_day}
        existing = {
            (sid, exercise, n, side)
            for sid, exercise, n, side in CompletedSet.select(
                CompletedSet.session,
                CompletedSet.exercise,
                CompletedSet.set_number,
                CompletedSet.side,
            ).tuples()
            if sid in wanted_sessions
        }
        fresh = [
            (
                sessions[r.day],
                r.exercise,
                r.set_number,
                r.side,
                r.reps,
                bands[r.band],
                r.completed_at.isoformat(),
            )
            for r in rows
            if (sessions[r.day], r.exercise, r.set_number, r.side) not in existing
        ]
        db.insert_many(
            "completed_set",
            ("session_id", "exercise", "set_number", "side", "reps", "band_id", "completed_at"),
            fresh,
        )
    return ImportSummary(
        added=len(fresh),
        skipped=len(rows) - len(fresh),
        sessions_created=len(new_days),
        bands_created=tuple(new_bands),
    )
