"""CSV export of every completed set, and an all-or-nothing import of the same format."""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO, TextIO

from bandtracker.domain.bands import MAX_BAND_NAME
from bandtracker.domain.catalogue import Catalogue, default_catalogue
from bandtracker.domain.prescription import MAX_RECORDED_REPS, MAX_RECORDED_SET, Side, sides_for
from bandtracker.i18n import CATALOGUE, N_, Message, joined, term
from bandtracker.store import db
from bandtracker.store.db import write
from bandtracker.store.errors import StoreError, explain, shown
from bandtracker.store.models import Band, CompletedSet, Session

HEADER = ("date", "exercise", "set", "side", "reps", "band", "completed_at")
SIDE_ORDER = {Side.NONE.value: 0, Side.RIGHT.value: 1, Side.LEFT.value: 2}
# JSON is read whole, so it has a size limit; CSV is read a line at a time, in bounded memory.
MAX_IMPORT_BYTES = 64 * 1024 * 1024
# A longer line is not a Band Tracker row (csv's own field limit is 128 KiB).
MAX_LINE_CHARS = 4096
CSV_BATCH = 5000
IMPORT_CACHE_KIB = -8 * 1024  # negative: KiB, as SQLite's cache_size takes it
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


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...) in a
# band's name). OWASP's rule: a leading ' makes it text; a name that starts with ' gets one
# more, so that reading the file back takes exactly one off and the CSV still round-trips.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def unneutralise(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def export_csv(out: TextIO, catalogue: Catalogue | None = None) -> int:
    """Write every completed set to `out`; returns how many rows were written."""
    rows = [(*row[:5], neutralise(row[5]), row[6]) for row in export_rows(catalogue)]
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
        raise _fail(
            line, Message("{what} '{text}' is not a whole number", what=what, text=shown(text))
        )
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
    band = unneutralise(band)
    try:
        if not _DATE.fullmatch(day_text):
            raise ValueError
        day = date.fromisoformat(day_text)
    except ValueError:
        raise _fail(
            line, Message("date '{text}' is not a date written as YYYY-MM-DD", text=shown(day_text))
        ) from None
    exercise = catalogue.get(slug)
    if exercise is None:
        raise _fail(line, Message("unknown exercise '{slug}'", slug=shown(slug)))
    set_number = _count(set_text, "set", MAX_RECORDED_SET, line)
    if side not in {s.value for s in sides_for(exercise)}:
        if exercise.each_side:
            raise _fail(
                line,
                Message(
                    "{exercise} needs the side 'left' or 'right', not '{side}'",
                    exercise=term(CATALOGUE, exercise.name),
                    side=shown(side),
                ),
            )
        raise _fail(
            line,
            Message(
                "{exercise} has no sides; leave the side empty, not '{side}'",
                exercise=term(CATALOGUE, exercise.name),
                side=shown(side),
            ),
        )
    reps = _count(reps_text, "reps", MAX_RECORDED_REPS, line)
    if not band or len(band) > MAX_BAND_NAME or not band.isprintable():
        raise _fail(
            line,
            Message("band name '{band}' is empty, too long or unprintable", band=shown(band)),
        )
    try:
        completed_at = parse_moment(at_text)
    except ValueError as why:
        raise _fail(
            line, Message("completed_at '{text}' {why}", text=shown(at_text, 40), why=why.args[0])
        ) from None
    return CsvRow(line, day, slug, set_number, side, reps, band, completed_at)


def parse_csv(text: str, catalogue: Catalogue | None = None) -> list[CsvRow]:
    """Read and check every row of a text in memory (the import itself streams: iter_rows);
    raises ImportFileError naming the first bad line, or the second of a set given twice."""
    catalogue = catalogue or default_catalogue()
    rows: list[CsvRow] = []
    seen: dict[tuple[date, str, int, str], int] = {}
    for row in iter_rows(io.StringIO(text.removeprefix("\ufeff"), newline=""), catalogue):
        if row.key in seen:
            raise _fail(
                row.line, Message("the same set is already on line {line}", line=seen[row.key])
            )
        seen[row.key] = row.line
        rows.append(row)
    return rows


def open_regular(path: Path) -> BinaryIO:
    """Open `path` to read, refusing anything but a regular file: a device (/dev/zero) never
    ends and a FIFO never opens until someone writes to it."""
    try:
        # O_NONBLOCK: opening a FIFO returns at once, to be refused, instead of hanging.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise explain(exc, Message("read {file}", file=str(path))) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ImportFileError(
                Message(
                    "{file} is not a regular file (a device, folder or pipe). "
                    "Nothing was imported.",
                    file=shown(path.name),
                )
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _not_utf8(path: Path, at: int) -> ImportFileError:
    return ImportFileError(
        Message(
            "{file} is not UTF-8 text (byte {byte} is not valid). Nothing was imported.",
            file=shown(path.name),
            byte=at,
        )
    )


def read_text(path: Path, limit: int = MAX_IMPORT_BYTES) -> str:
    """The whole file as text, read no further than `limit` bytes whatever it claims."""
    with open_regular(path) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise explain(exc, Message("read {file}", file=str(path))) from exc
    if len(data) > limit:
        raise ImportFileError(
            Message(
                "{file} is over {size} MB, too large to be a Band Tracker file.",
                file=shown(path.name),
                size=limit // (1024 * 1024),
            )
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8(path, exc.start + 1) from None


def _lines(handle: BinaryIO, path: Path) -> Iterator[str]:
    """Decoded lines (with their ends, as csv wants them), each of bounded length."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    first = True
    while True:
        try:
            raw = handle.readline(MAX_LINE_CHARS * 4 + 1)
        except OSError as exc:
            raise explain(exc, Message("read {file}", file=str(path))) from exc
        if not raw:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError as exc:
                raise _not_utf8(path, offset + exc.start + 1) from None
            return
        try:
            text = decoder.decode(raw)
        except UnicodeDecodeError as exc:
            raise _not_utf8(path, offset + exc.start + 1) from None
        offset += len(raw)
        if len(text) > MAX_LINE_CHARS and not text.endswith("\n"):
            raise ImportFileError(
                Message(
                    "{file} has a line longer than {limit} characters, which no Band Tracker "
                    "file has. Nothing was imported.",
                    file=shown(path.name),
                    limit=MAX_LINE_CHARS,
                )
            )
        if first:
            text = text.removeprefix("\ufeff")
            first = False
        yield text


def iter_rows(lines: Iterator[str], catalogue: Catalogue) -> Iterator[CsvRow]:
    """Check each row as it is read; raises ImportFileError naming the first bad line."""
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise ImportFileError(Message("The file is empty. Nothing was imported."))
        if tuple(h.strip() for h in header) != HEADER:
            raise _fail(1, Message("the header should be {header}", header=",".join(HEADER)))
        for fields in reader:
            if not fields or fields == [""]:
                continue
            yield _parse_row(fields, reader.line_num, catalogue)
    except csv.Error as exc:
        raise _fail(
            reader.line_num, Message("not valid CSV ({detail})", detail=shown(exc))
        ) from None


def import_csv(path: Path, catalogue: Catalogue | None = None) -> ImportSummary:
    """Import a CSV export, all or nothing, reading it a line at a time: memory stays the same
    whatever the file's size (rows wait in a temporary table on disk until all are checked)."""
    catalogue = catalogue or default_catalogue()
    with open_regular(path) as handle:
        return import_stream(iter_rows(_lines(handle, path), catalogue), catalogue)


# Days are DATE, as in session: with another affinity, SQLite cannot use the index to join
# them and the plan of a new day's exercises turned quadratic (48 s for a million sets).
_STAGING = (
    """CREATE TEMP TABLE import_set (
        line INTEGER NOT NULL, day DATE NOT NULL, exercise TEXT NOT NULL,
        set_number INTEGER NOT NULL, side TEXT NOT NULL, reps INTEGER NOT NULL,
        band TEXT NOT NULL, completed_at TEXT NOT NULL, utc REAL NOT NULL,
        UNIQUE (day, exercise, set_number, side))""",
    "CREATE INDEX temp.import_set_first ON import_set (day, exercise, line)",
    "CREATE TEMP TABLE import_exercise (slug TEXT PRIMARY KEY, position INTEGER NOT NULL)",
    "CREATE TEMP TABLE import_day (day DATE PRIMARY KEY, started_at TEXT NOT NULL)",
    """CREATE TEMP TABLE import_first (day DATE NOT NULL, exercise TEXT NOT NULL,
        line INTEGER NOT NULL, reps INTEGER NOT NULL, band TEXT NOT NULL, top INTEGER,
        PRIMARY KEY (day, exercise))""",
)
_STAGED = ("import_set", "import_exercise", "import_day", "import_first")


def _stage(rows: Iterator[CsvRow]) -> int:
    """Rows into the temporary table in batches; a set twice in the file names both lines."""
    cursor = db.database.cursor()
    total = 0
    batch: list[CsvRow] = []

    def flush() -> None:
        before = db.database.connection().total_changes
        cursor.executemany(
            "INSERT INTO import_set VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                (
                    r.line,
                    r.day.isoformat(),
                    r.exercise,
                    r.set_number,
                    r.side,
                    r.reps,
                    r.band,
                    r.completed_at.isoformat(),
                    r.completed_at.timestamp(),
                )
                for r in batch
            ],
        )
        if db.database.connection().total_changes - before == len(batch):
            return
        for r in batch:
            first = cursor.execute(
                "SELECT line FROM import_set WHERE day = ? AND exercise = ? AND set_number = ? "
                "AND side = ?",
                (r.day.isoformat(), r.exercise, r.set_number, r.side),
            ).fetchone()[0]
            if first != r.line:
                raise _fail(r.line, Message("the same set is already on line {line}", line=first))

    for row in rows:
        batch.append(row)
        total += 1
        if len(batch) == CSV_BATCH:
            flush()
            batch.clear()
    if batch:
        flush()
    return total


def import_stream(rows: Iterator[CsvRow], catalogue: Catalogue | None = None) -> ImportSummary:
    """Merge checked rows in one transaction, staged on disk: sets already recorded are
    skipped, not doubled. Memory stays bounded whatever the number of rows."""
    catalogue = catalogue or default_catalogue()
    with write(N_("import the file")):
        # A bigger page cache for the duration: still bounded, and the staged rows and the
        # history's indexes stop being read back from disk at every batch.
        db.database.execute_sql(f"PRAGMA temp.cache_size = {IMPORT_CACHE_KIB}")
        db.database.execute_sql(f"PRAGMA main.cache_size = {IMPORT_CACHE_KIB}")
        for table in _STAGED:
            db.database.execute_sql(f"DROP TABLE IF EXISTS temp.{table}")
        for statement in _STAGING:
            db.database.execute_sql(statement)
        try:
            total = _stage(rows)
            return _merge_staged(total, catalogue)
        finally:
            try:
                for table in _STAGED:
                    db.database.execute_sql(f"DROP TABLE IF EXISTS temp.{table}")
                db.database.execute_sql("PRAGMA main.cache_size = -2000")
            except db.DATABASE_ERRORS:
                pass  # The failure that brought us here is the one to report.


def _merge_staged(total: int, catalogue: Catalogue) -> ImportSummary:
    sql = db.database.execute_sql
    known = {name for (name,) in sql("SELECT name FROM band")}
    new_bands = sorted(
        name for (name,) in sql("SELECT DISTINCT band FROM import_set") if name not in known
    )
    position = (Band.select(Band.position).order_by(Band.position.desc()).scalar() or 0) + 1
    for offset, name in enumerate(new_bands):
        Band.insert(name=name, colour=IMPORTED_BAND_COLOUR, position=position + offset).execute()
    # The day's start: its earliest set (by the moment, whatever the UTC offsets).
    sql(
        "INSERT INTO import_day (day, started_at) "
        "SELECT day, completed_at FROM (SELECT day, completed_at, row_number() OVER "
        "(PARTITION BY day ORDER BY utc, line) AS n FROM import_set) "
        "WHERE n = 1 AND day NOT IN (SELECT day FROM session)"
    )
    new_days = sql("SELECT count(*) FROM import_day").fetchone()[0]
    sql("INSERT INTO session (day, started_at) SELECT day, started_at FROM import_day ORDER BY day")
    db.insert_many(
        "import_exercise",
        ("slug", "position"),
        [(e.slug, n) for n, e in enumerate(catalogue.exercises)],
    )
    # A new day's plan is inferred from its own sets, as store.transfer.infer does for JSON:
    # each exercise done with its highest set and the reps and band of its first set (SQLite
    # takes the bare columns reps, band from the row that holds the min(line)).
    sql(
        "INSERT INTO import_first (day, exercise, line, reps, band) "
        "SELECT day, exercise, min(line), reps, band FROM import_set "
        "WHERE day IN (SELECT day FROM import_day) GROUP BY day, exercise"
    )
    sql(
        "UPDATE import_first SET top = (SELECT max(set_number) FROM import_set i "
        "WHERE i.day = import_first.day AND i.exercise = import_first.exercise)"
    )
    sql(
        "INSERT INTO session_exercise (session_id, exercise, position, sets, reps, band_id) "
        "SELECT s.id, e.slug, e.position, d.top, d.reps, "
        "(SELECT id FROM band WHERE name = d.band) "
        "FROM import_day nd JOIN session s ON s.day = nd.day CROSS JOIN import_exercise e "
        "JOIN import_first d ON d.day = nd.day AND d.exercise = e.slug "
        "ORDER BY s.day, e.position"
    )
    # An exercise not done that day gets the day's typical prescription, so a partial day
    # lists what was missed with that day's band, not with the settings of the day it is read.
    sql(
        "INSERT INTO session_exercise (session_id, exercise, position, sets, reps, band_id) "
        "SELECT s.id, e.slug, e.position, t.top, t.reps, "
        "(SELECT id FROM band WHERE name = t.band) "
        "FROM import_day nd JOIN session s ON s.day = nd.day CROSS JOIN import_exercise e "
        "JOIN (SELECT day, top, reps, band, row_number() OVER "
        "(PARTITION BY day ORDER BY count(*) DESC, min(line)) AS n "
        "FROM import_first GROUP BY day, top, reps, band) t ON t.day = nd.day AND t.n = 1 "
        "WHERE NOT EXISTS (SELECT 1 FROM import_first d "
        "WHERE d.day = nd.day AND d.exercise = e.slug) "
        "ORDER BY s.day, e.position"
    )
    before = db.database.connection().total_changes
    sql(
        "INSERT INTO completed_set "
        "(session_id, exercise, set_number, side, reps, band_id, completed_at) "
        "SELECT s.id, i.exercise, i.set_number, i.side, i.reps, b.id, i.completed_at "
        "FROM import_set i JOIN session s ON s.day = i.day JOIN band b ON b.name = i.band "
        "WHERE NOT EXISTS (SELECT 1 FROM completed_set c WHERE c.session_id = s.id "
        "AND c.exercise = i.exercise AND c.set_number = i.set_number AND c.side = i.side) "
        "ORDER BY i.line"
    )
    added = db.database.connection().total_changes - before
    return ImportSummary(
        added=added,
        skipped=total - added,
        sessions_created=new_days,
        bands_created=tuple(new_bands),
    )
