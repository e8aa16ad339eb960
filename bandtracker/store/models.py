"""Peewee models mirroring the schema that migrations.py creates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

import peewee

from bandtracker.store.db import database

if TYPE_CHECKING:
    from typing_extensions import Self

    _M = TypeVar("_M", bound=peewee.Model)

    class ModelQuery(peewee.ModelSelect[_M]):
        """A select as the type checker sees it: peewee's stubs give .tuples() and .dicts() the
        query's own type, so rows unpacked from them would look like model instances."""

        def tuples(self, as_tuple: bool = True) -> Iterable[tuple[Any, ...]]: ...  # type: ignore[override, unused-ignore]
        def dicts(self, as_dict: bool = True) -> Iterable[dict[str, Any]]: ...  # type: ignore[override, unused-ignore]


class AwareDateTimeField(peewee.TextField):
    """A moment with its UTC offset, stored as ISO 8601 text so it sorts and reads as written."""

    def db_value(self, value: datetime | None) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a stored moment needs its UTC offset")
        return value.isoformat()

    def python_value(self, value: Any) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


class BaseModel(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False

    if TYPE_CHECKING:

        @classmethod
        def select(cls, *fields: Any) -> ModelQuery[Self]: ...


class Band(BaseModel):
    id = peewee.AutoField()
    name = peewee.TextField(unique=True)
    colour = peewee.TextField()
    position = peewee.IntegerField()
    note = peewee.TextField(default="")
    hidden = peewee.BooleanField(default=False)


class Setting(BaseModel):
    key = peewee.TextField(primary_key=True)
    value = peewee.TextField()


class Session(BaseModel):
    id = peewee.AutoField()
    day = peewee.DateField(unique=True)
    started_at = AwareDateTimeField(null=True)
    finished_at = AwareDateTimeField(null=True)
    note = peewee.TextField(default="")


class SessionExercise(BaseModel):
    """The prescription a session was done with, kept so later settings never rewrite history."""

    id = peewee.AutoField()
    session = peewee.ForeignKeyField(Session, backref="exercises", on_delete="CASCADE")
    exercise = peewee.TextField()
    position = peewee.IntegerField()
    sets = peewee.IntegerField()
    reps = peewee.IntegerField()
    band = peewee.ForeignKeyField(Band, on_delete="RESTRICT")
    # peewee also gives each foreign key an `<name>_id` attribute holding the raw id.
    session_id: int
    band_id: int


class CompletedSet(BaseModel):
    id = peewee.AutoField()
    session = peewee.ForeignKeyField(Session, backref="sets", on_delete="CASCADE")
    exercise = peewee.TextField()
    set_number = peewee.IntegerField()
    side = peewee.TextField(default="")
    reps = peewee.IntegerField()
    band = peewee.ForeignKeyField(Band, on_delete="RESTRICT")
    # peewee also gives each foreign key an `<name>_id` attribute holding the raw id.
    session_id: int
    band_id: int
    completed_at = AwareDateTimeField()
    # Folder sync's clock stamp (schema 3); empty until the sync gives it one.
    hlc = peewee.TextField(default="")


# What a completed set says, without its session: the history and the JSON export read these.
SET_FIELDS = (
    CompletedSet.exercise,
    CompletedSet.set_number,
    CompletedSet.side,
    CompletedSet.reps,
    CompletedSet.band,
    CompletedSet.completed_at,
)


class RestWeek(BaseModel):
    id = peewee.AutoField()
    week_start = peewee.DateField(unique=True)


class SetTombstone(BaseModel):
    """A set that was removed, kept so that folder sync can carry the removal (schema 3)."""

    day = peewee.DateField()
    exercise = peewee.TextField()
    set_number = peewee.IntegerField()
    side = peewee.TextField(default="")
    deleted_at = AwareDateTimeField()
    hlc = peewee.TextField(default="")


class SyncField(BaseModel):
    entity = peewee.TextField()
    field = peewee.TextField()
    value = peewee.TextField()
    hlc = peewee.TextField()

    class Meta:
        primary_key = peewee.CompositeKey("entity", "field")


class SyncLocal(BaseModel):
    key = peewee.TextField(primary_key=True)
    value = peewee.TextField()
