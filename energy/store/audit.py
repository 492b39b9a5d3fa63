"""Reading the audit log (writing it is automatic: see ``energy.store.db``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from energy.core.access import Actor, require
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


@dataclass(frozen=True)
class AuditPage:
    records: list[AuditRecord]
    total: int


def list_audit(
    actor: Actor,
    *,
    who: str = "",
    entity: str = "",
    action: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = DEFAULT_PAGE_SIZE,
    offset: int = 0,
    url: str | None = None,
) -> AuditPage:
    """Newest first, filtered; ``total`` counts every match (for paging)."""
    require(actor, "audit.read")
    query = select(AuditEntry)
    if who.strip():
        query = query.where(AuditEntry.actor == who.strip().casefold())
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if action:
        query = query.where(AuditEntry.action == action)
    if since:
        query = query.where(AuditEntry.at >= dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC))
    if until:
        end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
        query = query.where(AuditEntry.at < end)
    with session_for(actor, url=url) as session:
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = session.scalars(
            query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit).offset(offset)
        )
        return AuditPage(
            [
                AuditRecord(
                    r.id, r.at, r.actor, r.action, r.entity, r.entity_key, r.before, r.after
                )
                for r in rows
            ],
            int(total),
        )


def audit_vocabulary(actor: Actor, *, url: str | None = None) -> tuple[list[str], list[str]]:
    """The entities and actions present, for the filter menus."""
    require(actor, "audit.read")
    with session_for(actor, url=url) as session:
        entities = list(
            session.scalars(select(AuditEntry.entity).distinct().order_by(AuditEntry.entity))
        )
        actions = list(
            session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action))
        )
        return entities, actions
