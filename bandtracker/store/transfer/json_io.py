"""JSON export of everything the user has, and its all-or-nothing, path-naming import."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from bandtracker.domain.bands import MAX_BAND_NAME
from bandtracker.domain.catalogue import Catalogue, default_catalogue
from bandtracker.domain.prescription import (
    MAX_RECORDED_REPS,
    MAX_RECORDED_SET,
    MAX_REPS,
    MAX_SETS,
    MIN_REPS,
    MIN_SETS,
    sides_for,
)
from bandtracker.i18n import CATALOGUE, N_, Message, term
from bandtracker.store import db
from bandtracker.store.db import write
from bandtracker.store.errors import shown
from bandtracker.store.models import (
    SET_FIELDS,
    Band,
    CompletedSet,
    RestWeek,
    Session,
    SessionExercise,
    Setting,
)
from bandtracker.store.transfer.csv_io import (
    SIDE_ORDER,
    ImportFileError,
    ImportSummary,
    parse_moment,
    read_text,
)
from bandtracker.store.transfer.infer import DoneSet, infer_plan

FORMAT_NAME = "bandtracker"
FORMAT_VERSION = 1
MAX_NOTE = 10_000
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def export_data(catalogue: Catalogue | None = None) -> dict[str, Any]:
    """Everything in the database as plain JSON values, in a stable order."""
    catalogue = catalogue or default_catalogue()
    bands = list(Band.select().order_by(Band.position, Band.name))
    names = {b.id: b.name for b in bands}
    exercises: dict[int, list[dict[str, Any]]] = {}
    for sid, exercise, position, sets, reps, band_id in (
        SessionExercise.select(
            SessionExercise.session,
            SessionExercise.exercise,
            SessionExercise.position,
            SessionExercise.sets,
            SessionExercise.reps,
            SessionExercise.band,
        )
        .order_by(SessionExercise.position, SessionExercise.exercise)
        .tuples()
    ):
        exercises.setdefault(sid, []).append(
            {
                "exercise": exercise,
                "position": position,
                "sets": sets,
                "reps": reps,
                "band": names[band_id],
            }
        )
    done: dict[int, list[tuple[str, int, str, int, int, datetime]]] = {}
    for sid, *row in CompletedSet.select(CompletedSet.session, *SET_FIELDS).tuples():
        done.setdefault(sid, []).append(tuple(row))
    sessions = []
    for session in Session.select().order_by(Session.day):
        rows = sorted(
            done.get(session.id, []),
            key=lambda r: (catalogue.order(r[0]), r[0], r[1], SIDE_ORDER.get(r[2], 9)),
        )
        sessions.append(
            {
                "day": session.day.isoformat(),
                "started_at": _moment(session.started_at),
                "finished_at": _moment(session.finished_at),
                "note": session.note,
                "exercises": exercises.get(session.id, []),
                "sets": [
                    {
                        "exercise": exercise,
                        "set": number,
                        "side": side,
                        "reps": reps,
                        "band": names[band_id],
                        "completed_at": at.isoformat(),
                    }
                    for exercise, number, side, reps, band_id, at in rows
                ],
            }
        )
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "settings": {s.key: json.loads(s.value) for s in Setting.select().order_by(Setting.key)},
        "bands": [
            {
                "name": b.name,
                "colour": b.colour,
                "position": b.position,
                "note": b.note,
                "hidden": bool(b.hidden),
            }
            for b in bands
        ],
        "sessions": sessions,
        "rest_weeks": [
            day.isoformat()
            for (day,) in RestWeek.select(RestWeek.week_start)
            .order_by(RestWeek.week_start)
            .tuples()
        ],
    }


def export_json(out: TextIO, catalogue: Catalogue | None = None) -> int:
    """Write everything to `out`; returns the number of sessions written."""
    data = export_data(catalogue)
    out.write(pretty_json(data) + "\n")
    return len(data["sessions"])


def pretty_json(value: Any, level: int = 0) -> str:
    """Indented JSON with each flat object or list (a set, a band) on one line of its own.

    Easy to read and to diff, and fast: the C encoder writes the many small objects, where
    json.dumps(indent=...) would walk all of them in Python.
    """
    nested = isinstance(value, dict | list) and any(
        isinstance(v, dict | list) for v in (value.values() if isinstance(value, dict) else value)
    )
    if not nested:
        return json.dumps(value, ensure_ascii=False)
    pad = "  " * (level + 1)
    if isinstance(value, dict):
        items = [
            f"{pad}{json.dumps(k, ensure_ascii=False)}: {pretty_json(v, level + 1)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + "  " * level + "}"
    items = [pad + pretty_json(v, level + 1) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + "  " * level + "]"


# --- reading -------------------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, path: str, problem: Message) -> None:
        super().__init__(Message("{path}: {problem}", path=path, problem=problem))


def _field(obj: dict[str, Any], key: str, path: str) -> tuple[Any, str]:
    where = f"{path}.{key}"
    if key not in obj:
        raise _Bad(path, Message("'{key}' is missing", key=key))
    return obj[key], where


def _object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Bad(path, Message("should be an object"))
    return value


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise _Bad(path, Message("should be a list"))
    return value


def _int(value: Any, path: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(path, Message("{value} is not a whole number", value=_show(value)))
    if not low <= value <= high:
        raise _Bad(
            path, Message("{value} is outside {low}-{high}", value=_show(value), low=low, high=high)
        )
    return value


def _text(value: Any, path: str, longest: int, empty: bool = True) -> str:
    if not isinstance(value, str):
        raise _Bad(path, Message("{value} is not text", value=_show(value)))
    if len(value) > longest:
        raise _Bad(path, Message("is longer than {count} characters", count=longest))
    if not empty and not value.strip():
        raise _Bad(path, Message("is empty"))
    return value


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _day(value: Any, path: str) -> date:
    text = _text(value, path, 10)
    try:
        if not _DATE.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise _Bad(
            path, Message("{value} is not a date written as YYYY-MM-DD", value=_show(value))
        ) from None


def _aware(value: Any, path: str, optional: bool = False) -> datetime | None:
    if value is None and optional:
        return None
    text = _text(value, path, 40)
    try:
        return parse_moment(text)
    except ValueError as why:
        raise _Bad(path, Message("{value} {why}", value=_show(value), why=why.args[0])) from None


@dataclass(frozen=True)
class BandData:
    name: str
    colour: str
    position: int
    note: str
    hidden: bool


@dataclass(frozen=True)
class ExerciseData:
    exercise: str
    position: int
    sets: int
    reps: int
    band: str


@dataclass(frozen=True)
class SetData:
    exercise: str
    set_number: int
    side: str
    reps: int
    band: str
    completed_at: datetime


@dataclass(frozen=True)
class SessionData:
    day: date
    started_at: datetime | None
    finished_at: datetime | None
    note: str
    exercises: tuple[ExerciseData, ...]
    sets: tuple[SetData, ...]


@dataclass(frozen=True)
class Backup:
    """A checked JSON file, ready to be written."""

    settings: dict[str, Any]
    bands: tuple[BandData, ...]
    sessions: tuple[SessionData, ...]
    rest_weeks: tuple[date, ...] = ()


def _band_ref(value: Any, path: str, known: set[str]) -> str:
    name = _text(value, path, MAX_BAND_NAME, empty=False)
    if name not in known:
        raise _Bad(
            path, Message("the band {band} is not in the file's bands or yours", band=_show(name))
        )
    return name


def _parse_bands(value: Any) -> tuple[BandData, ...]:
    bands = []
    names: set[str] = set()
    for i, item in enumerate(_list(value, "$.bands")):
        path = f"$.bands[{i}]"
        obj = _object(item, path)
        name = _text(*_field(obj, "name", path), MAX_BAND_NAME, empty=False)
        if not name.isprintable():
            raise _Bad(f"{path}.name", Message("contains characters that cannot be shown"))
        if name in names:
            raise _Bad(f"{path}.name", Message("the band {band} is listed twice", band=_show(name)))
        names.add(name)
        colour = _text(*_field(obj, "colour", path), 7)
        if not _COLOUR.fullmatch(colour):
            raise _Bad(
                f"{path}.colour",
                Message("{colour} is not a colour like #3fa34d", colour=_show(colour)),
            )
        position = _int(*_field(obj, "position", path), 0, 10_000)
        note = _text(obj.get("note", ""), f"{path}.note", 200)
        hidden = obj.get("hidden", False)
        if not isinstance(hidden, bool):
            raise _Bad(
                f"{path}.hidden", Message("{value} is not true or false", value=_show(hidden))
            )
        bands.append(BandData(name, colour, position, note, hidden))
    return tuple(bands)


def _parse_settings(value: Any, bands: set[str]) -> dict[str, Any]:
    settings = dict(_object(value, "$.settings"))
    checks = {
        "default_sets": (MIN_SETS, MAX_SETS),
        "default_reps": (MIN_REPS, MAX_REPS),
        "rollover_hour": (0, 23),
    }
    for key, (low, high) in checks.items():
        if key in settings:
            _int(settings[key], f"$.settings.{key}", low, high)
    if "band" in settings:
        _band_ref(settings["band"], "$.settings.band", bands)
    return settings


def _parse_session(item: Any, path: str, catalogue: Catalogue, bands: set[str]) -> SessionData:
    obj = _object(item, path)
    day = _day(*_field(obj, "day", path))
    started_at = _aware(obj.get("started_at"), f"{path}.started_at", optional=True)
    finished_at = _aware(obj.get("finished_at"), f"{path}.finished_at", optional=True)
    note = _text(obj.get("note", ""), f"{path}.note", MAX_NOTE)
    exercises = []
    seen_exercises: set[str] = set()
    for j, entry in enumerate(_list(obj.get("exercises", []), f"{path}.exercises")):
        where = f"{path}.exercises[{j}]"
        e = _object(entry, where)
        slug = _text(*_field(e, "exercise", where), 80)
        if slug not in catalogue:
            raise _Bad(f"{where}.exercise", Message("unknown exercise {slug}", slug=_show(slug)))
        if slug in seen_exercises:
            raise _Bad(f"{where}.exercise", Message("{slug} is listed twice", slug=_show(slug)))
        seen_exercises.add(slug)
        exercises.append(
            ExerciseData(
                slug,
                _int(*_field(e, "position", where), 0, 1000),
                _int(*_field(e, "sets", where), 1, MAX_RECORDED_SET),
                _int(*_field(e, "reps", where), 1, MAX_RECORDED_REPS),
                _band_ref(*_field(e, "band", where), bands),
            )
        )
    sets = []
    seen_sets: dict[tuple[str, int, str], int] = {}
    for j, entry in enumerate(_list(obj.get("sets", []), f"{path}.sets")):
        where = f"{path}.sets[{j}]"
        s = _object(entry, where)
        slug = _text(*_field(s, "exercise", where), 80)
        exercise = catalogue.get(slug)
        if exercise is None:
            raise _Bad(f"{where}.exercise", Message("unknown exercise {slug}", slug=_show(slug)))
        number = _int(*_field(s, "set", where), 1, MAX_RECORDED_SET)
        side = _text(s.get("side", ""), f"{where}.side", 5)
        if side not in {x.value for x in sides_for(exercise)}:
            name = term(CATALOGUE, exercise.name)
            if exercise.each_side:
                problem = Message(
                    "{exercise} needs 'left' or 'right', not {side}",
                    exercise=name,
                    side=_show(side),
                )
            else:
                problem = Message(
                    "{exercise} needs '' (no side), not {side}", exercise=name, side=_show(side)
                )
            raise _Bad(f"{where}.side", problem)
        key = (slug, number, side)
        if key in seen_sets:
            raise _Bad(
                where,
                Message(
                    "the same set is already at {place}", place=f"{path}.sets[{seen_sets[key]}]"
                ),
            )
        seen_sets[key] = j
        at = _aware(*_field(s, "completed_at", where))
        assert at is not None
        sets.append(
            SetData(
                slug,
                number,
                side,
                _int(*_field(s, "reps", where), 1, MAX_RECORDED_REPS),
                _band_ref(*_field(s, "band", where), bands),
                at,
            )
        )
    return SessionData(day, started_at, finished_at, note, tuple(exercises), tuple(sets))


def parse_json(text: str, catalogue: Catalogue | None = None) -> Backup:
    """Check the whole file; raises ImportFileError naming the JSON path of the first problem."""
    catalogue = catalogue or default_catalogue()
    try:
        data = json.loads(
            text.removeprefix("\ufeff"), parse_constant=_no_constant, parse_int=_bounded_int
        )
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            Message(
                "Line {line}, column {column}: not valid JSON ({detail}). Nothing was imported.",
                line=exc.lineno,
                column=exc.colno,
                detail=exc.msg,
            )
        ) from None
    except (RecursionError, ValueError) as exc:
        raise ImportFileError(
            Message("Not valid JSON ({detail}). Nothing was imported.", detail=shown(exc))
        ) from None
    try:
        top = _object(data, "$")
        fmt, where = _field(top, "format", "$")
        if fmt != FORMAT_NAME:
            raise _Bad(where, Message("{value} is not a Band Tracker export", value=_show(fmt)))
        version = _int(*_field(top, "version", "$"), 1, 1_000_000)
        if version > FORMAT_VERSION:
            raise _Bad(
                "$.version",
                Message(
                    "version {version} was written by a newer Band Tracker; update to import it",
                    version=version,
                ),
            )
        bands = _parse_bands(top.get("bands", []))
        known = {b.name for b in bands} | {name for (name,) in Band.select(Band.name).tuples()}
        settings = _parse_settings(top.get("settings", {}), known)
        sessions = []
        days: dict[date, int] = {}
        for i, item in enumerate(_list(top.get("sessions", []), "$.sessions")):
            session = _parse_session(item, f"$.sessions[{i}]", catalogue, known)
            if session.day in days:
                raise _Bad(
                    f"$.sessions[{i}].day",
                    Message(
                        "the day is already at {place}", place=f"$.sessions[{days[session.day]}]"
                    ),
                )
            days[session.day] = i
            sessions.append(session)
        rest_weeks = tuple(
            _day(item, f"$.rest_weeks[{i}]")
            for i, item in enumerate(_list(top.get("rest_weeks", []), "$.rest_weeks"))
        )
    except _Bad as exc:
        raise ImportFileError(
            Message("{problem}. Nothing was imported.", problem=exc.args[0])
        ) from None
    return Backup(settings, bands, tuple(sessions), rest_weeks)


def _bounded_int(text: str) -> int:
    """A 5000-digit number is refused here, before Python (which stops at 4300) converts it;
    shorter ones go on to be refused by the check that names their place in the file."""
    if len(text) > 1000:
        raise ValueError(Message("a number with {digits} digits", digits=len(text)))
    return int(text)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


# --- writing -------------------------------------------------------------------------------


def _referenced(data: Backup) -> set[str]:
    names = {e.band for s in data.sessions for e in s.exercises}
    names |= {r.band for s in data.sessions for r in s.sets}
    if isinstance(data.settings.get("band"), str):
        names.add(data.settings["band"])
    return names


def _done(sets: tuple[SetData, ...]) -> list[DoneSet]:
    return [DoneSet(r.exercise, r.set_number, r.reps, r.band) for r in sets]


def import_json(path: Path, catalogue: Catalogue | None = None) -> ImportSummary:
    return import_backup(parse_json(read_text(path), catalogue))


def import_backup(data: Backup) -> ImportSummary:
    """Merge a checked file in one transaction.

    Into a database with no sessions yet, the file's settings and bands are taken as they are
    (so export, import, export gives the same bytes); otherwise the user's own settings and
    bands stay and only bands the file needs are added. Sets already recorded are skipped.
    """
    with write(N_("import the file")):
        fresh = not Session.select().exists()
        existing = {b.name: b for b in Band.select()}
        created: list[str] = []
        if fresh:
            wanted = {b.name for b in data.bands} | _referenced(data)
            if data.bands:
                Band.delete().where(Band.name.not_in(wanted)).execute()
            for b in data.bands:
                fields = {
                    "colour": b.colour,
                    "position": b.position,
                    "note": b.note,
                    "hidden": b.hidden,
                }
                if b.name in existing:
                    Band.update(**fields).where(Band.name == b.name).execute()
                else:
                    Band.insert(name=b.name, **fields).execute()
                    created.append(b.name)
            if data.settings:
                Setting.delete().execute()
                Setting.insert_many(
                    [{"key": k, "value": json.dumps(v)} for k, v in data.settings.items()]
                ).execute()
        else:
            position = max((b.position for b in existing.values()), default=-1) + 1
            for b in data.bands:
                if b.name not in existing:
                    Band.insert(
                        name=b.name,
                        colour=b.colour,
                        position=position,
                        note=b.note,
                        hidden=b.hidden,
                    ).execute()
                    position += 1
                    created.append(b.name)
        band_ids = dict(Band.select(Band.name, Band.id).tuples())

        sessions = dict(Session.select(Session.day, Session.id).tuples())
        merging = {sessions[s.day] for s in data.sessions if s.day in sessions}
        new = [s for s in data.sessions if s.day not in sessions]
        db.insert_many(
            "session",
            ("day", "started_at", "finished_at", "note"),
            [
                (s.day.isoformat(), _moment(s.started_at), _moment(s.finished_at), s.note)
                for s in new
            ],
        )
        if new:
            sessions = dict(Session.select(Session.day, Session.id).tuples())
        have_exercises = {
            (sid, exercise)
            for sid, exercise in SessionExercise.select(
                SessionExercise.session, SessionExercise.exercise
            ).tuples()
            if sid in merging
        }
        have_sets = {
            row
            for row in CompletedSet.select(
                CompletedSet.session,
                CompletedSet.exercise,
                CompletedSet.set_number,
                CompletedSet.side,
            ).tuples()
            if row[0] in merging
        }
        snapshots = []
        new_sets = []
        for s in data.sessions:
            sid = sessions[s.day]
            snapshots += [
                (sid, e.exercise, e.position, e.sets, e.reps, band_ids[e.band])
                # A file written by hand may list sets only: infer the day's plan from them.
                for e in s.exercises or infer_plan(_done(s.sets), default_catalogue())
                if (sid, e.exercise) not in have_exercises
            ]
            new_sets += [
                (
                    sid,
                    r.exercise,
                    r.set_number,
                    r.side,
                    r.reps,
                    band_ids[r.band],
                    r.completed_at.isoformat(),
                )
                for r in s.sets
                if (sid, r.exercise, r.set_number, r.side) not in have_sets
            ]
        db.insert_many(
            "session_exercise",
            ("session_id", "exercise", "position", "sets", "reps", "band_id"),
            snapshots,
        )
        db.insert_many(
            "completed_set",
            ("session_id", "exercise", "set_number", "side", "reps", "band_id", "completed_at"),
            new_sets,
        )
        for day in data.rest_weeks:
            RestWeek.insert(week_start=day).on_conflict_ignore().execute()
        added, new_days = len(new_sets), len(new)
        skipped = sum(len(s.sets) for s in data.sessions) - added
    return ImportSummary(
        added=added, skipped=skipped, sessions_created=new_days, bands_created=tuple(created)
    )
