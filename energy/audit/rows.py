"""The rows the log's entries name, read in batches: the row an entry is about (for a change,
whose entry holds only the changed values), the people who wrote, and every row a name needs
(a household's village, a score's review and its application).

A row is looked up by a column (its key, or the column another row refers to) in the store as
it is now; a row that is gone is read from the log itself: the values its deletion (or
creation) entry kept. Values are kept as the log keeps them (dates as ISO text), so a row
read from a table and one read from the log look the same.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Integer, inspect, select
from sqlalchemy.orm import Session

from energy.store import models  # noqa: F401  (every table registered)
from energy.store.models.base import Base
from energy.store.models.system import AuditEntry

# A row's values by column, as the log keeps them.
Facts = dict[str, Any]
# Values in one look-up (well under either store's bound parameters).
CHUNK = 2_000
# Columns that name a person by login (who recorded, decided, filed, created).
PERSON_COLUMNS = (
    "recorded_by", "created_by", "decided_by", "entered_by", "filed_by", "asked_by", "closed_by",
)  # fmt: skip


@dataclass(frozen=True)
class Ref:
    """What a column refers to: a row of ``entity`` whose ``column`` holds the value."""

    entity: str
    column: str


@cache
def _models() -> dict[str, Any]:
    return {m.class_.__tablename__: m.class_ for m in Base.registry.mappers}


def model(entity: str) -> Any | None:
    """The mapped class of the table ``entity`` (None: not a table, e.g. "store")."""
    return _models().get(entity)


def key_column(entity: str) -> str:
    """The column an entry's key holds: the model's ``__audit_key__``, else its primary key."""
    found = model(entity)
    if found is None:
        return "id"
    return str(getattr(found, "__audit_key__", None) or inspect(found).primary_key[0].key)


def columns(entity: str) -> list[str]:
    found = model(entity)
    return [] if found is None else [c.key for c in inspect(found).column_attrs]


def refs(entity: str) -> dict[str, Ref]:
    """The columns of ``entity`` that name another row: its foreign keys and its people."""
    found = model(entity)
    if found is None:
        return {}
    out: dict[str, Ref] = {}
    for column in found.__table__.columns:
        for fk in column.foreign_keys:
            out[column.key] = Ref(fk.column.table.name, fk.column.key)
        if column.key in PERSON_COLUMNS:
            out[column.key] = Ref("users", "username")
    return out


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _typed(entity: str, column: str, value: Any) -> Any:
    """``value`` as the column holds it (an entry's key is text; an id is a number)."""
    found = model(entity)
    if found is None or value is None:
        return value
    if isinstance(found.__table__.columns[column].type, Integer):
        try:
            return int(value)
        except (TypeError, ValueError):
            return None
    return str(value)


class Lookup:
    """Rows wanted, then fetched together: ``want`` each, ``fetch`` once, read with ``row``.

    Fetching also fetches the rows that the fetched rows' names need (``name_refs``), until
    nothing new is wanted; each round is one query per table and column."""

    def __init__(self, session: Session, name_refs: dict[str, tuple[str, ...]]) -> None:
        self.session = session
        self.name_refs = name_refs
        self._found: dict[tuple[str, str], dict[Any, Facts]] = {}
        self._asked: dict[tuple[str, str], set[Any]] = {}
        self._wanted: dict[tuple[str, str], set[Any]] = {}

    def want(self, entity: str, column: str, value: Any) -> None:
        typed = _typed(entity, column, value)
        if typed is None or model(entity) is None:
            return
        if typed not in self._asked.get((entity, column), ()):
            self._wanted.setdefault((entity, column), set()).add(typed)

    def want_refs(self, entity: str, facts: Facts, names: Iterable[str]) -> None:
        """The rows that ``facts`` (a row of ``entity``) refers to through the columns ``names``."""
        known = refs(entity)
        for name in names:
            ref = known.get(name)
            if ref is not None and facts.get(name) is not None:
                self.want(ref.entity, ref.column, facts[name])

    def fetch(self) -> None:
        while self._wanted:
            wanted, self._wanted = self._wanted, {}
            for (entity, column), values in wanted.items():
                self._asked.setdefault((entity, column), set()).update(values)
                for facts in self._read(entity, column, sorted(values, key=str)):
                    self.want_refs(entity, facts, self.name_refs.get(entity, ()))

    def row(self, entity: str, column: str, value: Any) -> Facts | None:
        return self._found.get((entity, column), {}).get(_typed(entity, column, value))

    def _read(self, entity: str, column: str, values: list[Any]) -> list[Facts]:
        table = model(entity).__table__  # type: ignore[union-attr]
        found = self._found.setdefault((entity, column), {})
        read: list[Facts] = []
        for start in range(0, len(values), CHUNK):
            chunk = values[start : start + CHUNK]
            for mapping in self.session.execute(
                select(table).where(table.c[column].in_(chunk))
            ).mappings():
                facts = {k: jsonable(v) for k, v in mapping.items()}
                found.setdefault(facts[column], facts)
                read.append(facts)
        if column == key_column(entity):
            read += self._from_the_log(entity, column, [v for v in values if v not in found])
        return read

    def _from_the_log(self, entity: str, column: str, values: list[Any]) -> list[Facts]:
        """Rows that are gone, as their deletion (else creation) entry kept them."""
        found = self._found[(entity, column)]
        read: list[Facts] = []
        for start in range(0, len(values), CHUNK):
            keys = [str(v) for v in values[start : start + CHUNK]]
            entries = self.session.execute(
                select(
                    AuditEntry.entity_key, AuditEntry.action, AuditEntry.before, AuditEntry.after
                )
                .where(
                    AuditEntry.entity == entity,
                    AuditEntry.entity_key.in_(keys),
                    AuditEntry.action.in_(("create", "delete")),
                )
                .order_by(AuditEntry.id)
            )
            kept: dict[str, Facts] = {}
            for key, action, before, after in entries:
                values_kept = before if action == "delete" else after
                if values_kept and (action == "delete" or key not in kept):
                    kept[key] = dict(values_kept)
            for key, facts in kept.items():
                typed = _typed(entity, column, key)
                found.setdefault(typed, facts)
                read.append(facts)
        return read
