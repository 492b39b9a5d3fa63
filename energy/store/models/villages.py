"""Districts, villages, their dated status history, and the quotes chosen for the town hall."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from energy.core.vocabulary import HOUSING_TYPES, STATUS_REASONS, VILLAGE_STATUSES
from energy.store.models.base import Base, UTCDateTime, in_, utcnow


class District(Base):
    """One of Seoul's 25 autonomous districts (reference data from data/districts.csv)."""

    __tablename__ = "districts"
    __audit_key__ = "code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(5), unique=True)
    name_ko: Mapped[str] = mapped_column(String(20), unique=True)
    name_en: Mapped[str] = mapped_column(String(40), unique=True)
    tile_row: Mapped[int] = mapped_column(SmallInteger)
    tile_col: Mapped[int] = mapped_column(SmallInteger)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)


class Village(Base):
    __tablename__ = "villages"
    __audit_village__ = "id"
    __audit_key__ = "code"
    __table_args__ = (
        CheckConstraint(in_("housing_type", HOUSING_TYPES), name="housing_type"),
        CheckConstraint(in_("status", VILLAGE_STATUSES), name="status"),
        CheckConstraint("programme_year BETWEEN 1 AND 3", name="programme_year"),
        CheckConstraint("cohort_year BETWEEN 2012 AND 2100", name="cohort_year"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str | None] = mapped_column(String(120))
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"), index=True)
    neighbourhood: Mapped[str | None] = mapped_column(String(60))
    housing_type: Mapped[str] = mapped_column(String(12), default="mixed")
    cohort_year: Mapped[int] = mapped_column(SmallInteger, index=True)
    programme_year: Mapped[int] = mapped_column(SmallInteger, default=1)
    graduated: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), default="active", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    district: Mapped[District] = relationship(lazy="joined")
    status_history: Mapped[list[VillageStatusChange]] = relationship(
        back_populates="village", order_by="VillageStatusChange.effective_on"
    )


class VillageStatusChange(Base):
    """A dated change of a village's status, with the reason (kept forever)."""

    __tablename__ = "village_status_changes"
    __audit_village__ = "village_id"
    __table_args__ = (
        CheckConstraint(in_("status", VILLAGE_STATUSES), name="status"),
        CheckConstraint(in_("reason_code", STATUS_REASONS), name="reason_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    village_id: Mapped[int] = mapped_column(
        ForeignKey("villages.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(12))
    effective_on: Mapped[dt.date] = mapped_column(Date)
    reason_code: Mapped[str] = mapped_column(String(24))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    village: Mapped[Village] = relationship(back_populates="status_history")


# --- the town hall ---------------------------------------------------------------------------


class TownHallStory(Base):
    """A village's own words for the town hall, chosen by staff: a quote, who said it, when.

    The attribution names a group ("성대골 마을 주민위원회"), never a person. Stories of a village
    with fewer households than the town hall's threshold are not shown (energy.townhall.figures).
    """

    __tablename__ = "townhall_stories"
    __audit_village__ = "village_id"
    __table_args__ = (
        CheckConstraint("year BETWEEN 2012 AND 2100", name="year"),
        CheckConstraint("position >= 0", name="position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    village_id: Mapped[int] = mapped_column(
        ForeignKey("villages.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(SmallInteger)
    quote_ko: Mapped[str] = mapped_column(Text)
    quote_en: Mapped[str | None] = mapped_column(Text)
    attribution_ko: Mapped[str] = mapped_column(String(120))
    attribution_en: Mapped[str | None] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(SmallInteger, default=0)  # order on the slides
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    village: Mapped[Village] = relationship()
