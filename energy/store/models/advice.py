"""Advice before applying (issue 27): a group asks its district office for advice on a draft,
and the thread of comments, replies and suggested changes kept with the application.

Vocabulary: an *advice request* is the group asking (once open at a time; closed when the
group or the office says the advice is done; asked again later if need be). An *advice
entry* is one message of the thread, in one *section* of the form (``ADVICE_SECTIONS``),
written by the district officer or by the group (``ADVICE_AUTHORS``); an officer's entry may
carry a *suggestion*, a value for one field (``ADVICE_FIELDS``) the group may accept.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from energy.core.vocabulary import ADVICE_AUTHORS, ADVICE_FIELDS, ADVICE_SECTIONS
from energy.store.models.base import Base, UTCDateTime, in_, utcnow


class AdviceRequest(Base):
    """A group asking its district office for advice on its draft; ``closed_at`` once the
    advice is done (a later question is a new request)."""

    __tablename__ = "application_advice_requests"
    __audit_village__ = ("application_id", "call_applications")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("call_applications.id", ondelete="CASCADE"), index=True
    )
    asked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    asked_by: Mapped[str] = mapped_column(String(80))
    note: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(80))


class AdviceEntry(Base):
    """One message of an application's advice thread, in one section of the form."""

    __tablename__ = "application_advice"
    __audit_village__ = ("application_id", "call_applications")
    __table_args__ = (
        CheckConstraint(in_("section", ADVICE_SECTIONS), name="section"),
        CheckConstraint(in_("author_role", ADVICE_AUTHORS), name="author_role"),
        CheckConstraint(
            "suggested_field IS NULL OR " + in_("suggested_field", tuple(ADVICE_FIELDS)),
            name="suggested_field",
        ),
        # A suggestion is a field and its value, from the office; only a suggestion is accepted.
        CheckConstraint(
            "(suggested_field IS NULL AND suggested_value IS NULL AND accepted_at IS NULL) OR "
            "(suggested_field IS NOT NULL AND suggested_value IS NOT NULL "
            "AND author_role = 'district')",
            name="suggestion",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("call_applications.id", ondelete="CASCADE"), index=True
    )
    section: Mapped[str] = mapped_column(String(16))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    author_role: Mapped[str] = mapped_column(String(12))
    body: Mapped[str] = mapped_column(Text)
    suggested_field: Mapped[str | None] = mapped_column(String(40))
    suggested_value: Mapped[str | None] = mapped_column(Text)
    accepted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
