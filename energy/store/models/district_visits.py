"""The district tier's log (issue 27): a district officer's visits, calls and meetings with
the villages of its district, each with a note and, where something was promised, the day
to follow it up. Written and read through :mod:`energy.district.visits`."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from energy.core.vocabulary import VISIT_KINDS
from energy.store.models.base import Base, UTCDateTime, in_, utcnow


class DistrictVisit(Base):
    """One contact of a district officer with a village: when, how, what was said."""

    __tablename__ = "district_visits"
    __audit_village__ = "village_id"
    __table_args__ = (
        CheckConstraint(in_("kind", VISIT_KINDS), name="kind"),
        CheckConstraint("follow_up_on IS NULL OR follow_up_on >= visited_on", name="follow_up"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    village_id: Mapped[int] = mapped_column(
        ForeignKey("villages.id", ondelete="CASCADE"), index=True
    )
    visited_on: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(8))
    note: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    follow_up_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
