"""The store about itself: the audit log (who, when, what, before and after) and small settings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from energy.store.models.base import Base, UTCDateTime, utcnow


class AuditEntry(Base):
    """One write: who, when, what, and the values before and after.

    ``village_id`` is the village the entry is about, where there is one (a household's
    reading, a committee account, an application of a continuing village, a training
    participant's attendance ...), so that a village's entries are found through an index.
    A model names its village with ``__audit_village__``: a column of its own that holds it
    (``"village_id"``; ``"id"`` for the village itself), or ``(column, table)`` where the
    column refers to a row of ``table`` whose own rule names it (``energy.store.db``). No
    foreign key: the log outlives what it describes.

    The indexes serve the log's reader (``energy.store.audit``): newest first over a period,
    and the same for one person, one kind of thing or one village; ``id`` breaks ties between
    entries of one flush, which share their time.
    """

    __tablename__ = "audit_log"
    __audit_skip__ = True
    __table_args__ = (
        Index("ix_audit_log_entity_key", "entity", "entity_key"),
        Index("ix_audit_log_at_id", "at", "id"),
        Index("ix_audit_log_actor_at_id", "actor", "at", "id"),
        Index("ix_audit_log_entity_at_id", "entity", "at", "id"),
        Index("ix_audit_log_village_id_at_id", "village_id", "at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(24))
    entity: Mapped[str] = mapped_column(String(40))
    entity_key: Mapped[str] = mapped_column(String(120))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    village_id: Mapped[int | None] = mapped_column(Integer)


class AppSetting(Base):
    """Small key/value facts about this store (e.g. that it holds demo data)."""

    __tablename__ = "app_settings"
    __audit_key__ = "key"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
