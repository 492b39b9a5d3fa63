"""Reading the audit log (writing it is automatic: see ``energy.store.db``).

Entries come newest first, filtered by person, village, kind of thing (entity and actions),
action and period; each filter reads one index range in the log's order (the indexes of
:class:`~energy.store.models.system.AuditEntry`). Words for people are made above the store,
in :mod:`energy.audit`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, tuple_

from energy.core.access import Actor, require
from energy.core.i18n import SEOUL
from energy.store.db import session_for
from energy.store.models.system import AuditEntry

DEFAULT_PAGE_SIZE = 200


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    village_id: int | None = None


@dataclass(frozen=True)
class AuditPage:
    records: list[AuditRecord]
    total: int


# A kind of thing in the log: an entity (table), with the actions that count (None: all).
Subject = tuple[str, tuple[str, ...] | None]


@dataclass(frozen=True)
class AuditFilter:
    """Which entries: every field left empty means no restriction."""

    who: str = ""
    entity: str = ""
    action: str = ""
    actions: tuple[str, ...] = ()
    subjects: tuple[Subject, ...] = ()  # any of them
    village_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None  # inclusive

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.who.strip():
            found.append(AuditEntry.actor == self.who.strip().casefold())
        if self.entity:
            found.append(AuditEntry.entity == self.entity)
        if self.action:
            found.append(AuditEntry.action == self.action)
        if self.actions:
            found.append(AuditEntry.action.in_(self.actions))
        if self.subjects:
            found.append(
                or_(
                    *(
                        AuditEntry.entity == entity
                        if actions is None
                        else and_(AuditEntry.entity == entity, AuditEntry.action.in_(actions))
                        for entity, actions in self.subjects
                    )
                )
            )
        if self.village_id is not None:
            found.append(AuditEntry.village_id == self.village_id)
        if self.since:
            found.append(AuditEntry.at >= _seoul_midnight_utc(self.since))
        if self.until:
            found.append(AuditEntry.at < _seoul_midnight_utc(self.until + dt.timedelta(days=1)))
        return found


def _seoul_midnight_utc(day: dt.date) -> dt.datetime:
    """When ``day`` begins in Seoul, in UTC: the log is read on the city's clock (its times are
    shown in Seoul time, so a day's entries are that day's in Seoul)."""
    return dt.datetime.combine(day, dt.time(), tzinfo=SEOUL).astimezone(dt.UTC)


def _record(r: AuditEntry) -> AuditRecord:
    return AuditRecord(
        r.id, r.at, r.actor, r.action, r.entity, r.entity_key, r.before, r.after, r.village_id
    )


def _newest_first(query: Select[Any]) -> Select[Any]:
    return query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def read_audit(
    actor: Actor,
    where: AuditFilter,
    *,
    limit: int = DEFAULT_PAGE_SIZE,
    offset: int = 0,
    url: str | None = None,
) -> AuditPage:
    """Newest first; ``total`` counts every match (for paging). A page past the middle is
    read from the oldest end (an offset from the nearer end is the shorter walk)."""
    require(actor, "audit.read")
    conditions = where.conditions()
    with session_for(actor, url=url) as session:
        total = int(
            session.scalar(select(func.count()).select_from(AuditEntry).where(*conditions)) or 0
        )
        query = select(AuditEntry).where(*conditions)
        if offset > total // 2 and offset < total:
            # The same entries in reverse: the page's last entry is the (total-offset-limit)th
            # oldest (or the oldest).
            take = min(limit, total - offset)
            rows = list(
                session.scalars(
                    query.order_by(AuditEntry.at.asc(), AuditEntry.id.asc())
                    .limit(take)
                    .offset(max(0, total - offset - limit))
                )
            )
            rows.reverse()
        else:
            rows = list(session.scalars(_newest_first(query).limit(limit).offset(offset)))
        return AuditPage([_record(r) for r in rows], total)


def list_audit(
    actor: Actor,
    *,
    who: str = "",
    entity: str = "",
    action: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    village_id: int | None = None,
    limit: int = DEFAULT_PAGE_SIZE,
    offset: int = 0,
    url: str | None = None,
) -> AuditPage:
    """Newest first, filtered; ``total`` counts every match (for paging)."""
    where = AuditFilter(
        who=who, entity=entity, action=action, since=since, until=until, village_id=village_id
    )
    return read_audit(actor, where, limit=limit, offset=offset, url=url)


def audit_batches(
    actor: Actor, where: AuditFilter, *, batch: int = 1_000, url: str | None = None
) -> Iterator[list[AuditRecord]]:
    """Every matching entry, newest first, ``batch`` at a time; each batch continues after the
    last one's oldest entry (no offset to walk), in a read of its own."""
    require(actor, "audit.read")
    conditions = where.conditions()
    last: tuple[dt.datetime, int] | None = None
    while True:
        query = select(AuditEntry).where(*conditions)
        if last is not None:
            query = query.where(tuple_(AuditEntry.at, AuditEntry.id) < tuple_(*last))
        with session_for(actor, url=url) as session:
            rows = [_record(r) for r in session.scalars(_newest_first(query).limit(batch))]
        if not rows:
            return
        yield rows
        if len(rows) < batch:
            return
        last = (rows[-1].at, rows[-1].id)


def actors_present(actor: Actor, names: Sequence[str], *, url: str | None = None) -> set[str]:
    """Which of ``names`` made at least one entry (one index probe each)."""
    require(actor, "audit.read")
    with session_for(actor, url=url) as session:
        return {
            name
            for name in names
            if session.scalar(select(AuditEntry.id).where(AuditEntry.actor == name).limit(1))
            is not None
        }
