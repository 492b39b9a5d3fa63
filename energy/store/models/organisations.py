"""Organisations villages found (issue 6): formation steps, members, capital, assets, jobs.

Tables live on ``energy.store.models.base.Base``; the package ``energy.store.models`` imports
this module so that they are registered on the metadata Alembic and backups read.

Vocabulary: an *organisation* is what a village founds to carry its work on (a general or
social cooperative, a non-profit civil organisation, a social enterprise). Its *formation
steps* are its legal form's founding checklist (see :mod:`energy.organisations.formation`); its *members*
hold shares (pledged, then paid); a *yearly report* gives a year's activities, jobs and
revenue; an *asset* is a citizen solar plant.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from energy.core.vocabulary import ASSET_KINDS, BOARD_ROLES, LEGAL_FORMS, MEMBER_KINDS
from energy.store.models.base import Base, UTCDateTime, in_, utcnow
from energy.store.models.readings import Household
from energy.store.models.villages import Village


class Organisation(Base):
    """An organisation a village is forming or has founded."""

    __tablename__ = "organisations"
    __audit_village__ = "village_id"
    __audit_key__ = "name"
    __table_args__ = (
        CheckConstraint(in_("legal_form", LEGAL_FORMS), name="legal_form"),
        CheckConstraint("share_price_krw IS NULL OR share_price_krw > 0", name="share_price"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str | None] = mapped_column(String(120))
    legal_form: Mapped[str] = mapped_column(String(24))
    started_on: Mapped[dt.date] = mapped_column(Date)  # when the village began forming it
    # Public-interest activity counts from here (default: the village's own start).
    activity_since: Mapped[dt.date] = mapped_column(Date)
    share_price_krw: Mapped[int | None] = mapped_column(Integer)
    report_no: Mapped[str | None] = mapped_column(String(40))  # 설립신고·인가·등록 번호
    corporate_registration_no: Mapped[str | None] = mapped_column(String(40))  # 법인등록번호
    business_registration_no: Mapped[str | None] = mapped_column(String(40))  # 사업자등록번호
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    village: Mapped[Village] = relationship()
    steps: Mapped[list[FormationStep]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )


class FormationStep(Base):
    """One step of an organisation's founding checklist: when due, when done, by whom.

    The founding general meeting also keeps the facts its rules test: the day notice went
    out, how many members could vote, how many attended and how many voted for.
    """

    __tablename__ = "formation_steps"
    __audit_village__ = ("organisation_id", "organisations")
    __table_args__ = (
        UniqueConstraint("organisation_id", "step"),
        CheckConstraint("eligible IS NULL OR eligible >= 0", name="eligible"),
        CheckConstraint(
            "attendees IS NULL OR (attendees >= 0 AND votes_for >= 0)", name="attendance"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    step: Mapped[str] = mapped_column(String(32))
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    responsible: Mapped[str | None] = mapped_column(String(120))
    documents: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    notice_on: Mapped[dt.date | None] = mapped_column(Date)
    eligible: Mapped[int | None] = mapped_column(Integer)
    attendees: Mapped[int | None] = mapped_column(Integer)
    votes_for: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="steps")


class OrganisationMember(Base):
    """A member: an organiser, a participating household, another resident or organisation.

    ``household_id`` links a member to the village's household register where it joined as
    one, ``organiser_id`` to an organiser named on one of the village's call applications;
    the name is what the member register shows (staff and the organisation only).
    """

    __tablename__ = "organisation_members"
    __audit_village__ = ("organisation_id", "organisations")
    __table_args__ = (
        CheckConstraint(in_("kind", MEMBER_KINDS), name="kind"),
        CheckConstraint(
            "board_role IS NULL OR " + in_("board_role", BOARD_ROLES), name="board_role"
        ),
        CheckConstraint(
            "shares_pledged >= 0 AND shares_paid >= 0 AND shares_paid <= shares_pledged",
            name="shares",
        ),
        CheckConstraint("left_on IS NULL OR left_on >= joined_on", name="left_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(16))
    household_id: Mapped[int | None] = mapped_column(
        ForeignKey("households.id", ondelete="SET NULL"), index=True
    )
    organiser_id: Mapped[int | None] = mapped_column(
        ForeignKey("call_organisers.id", ondelete="SET NULL"), index=True
    )
    is_founder: Mapped[bool] = mapped_column(Boolean, default=False)
    board_role: Mapped[str | None] = mapped_column(String(16))
    joined_on: Mapped[dt.date] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date)
    shares_pledged: Mapped[int] = mapped_column(Integer, default=0)
    shares_paid: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    household: Mapped[Household | None] = relationship()


class OrganisationAsset(Base):
    """A citizen solar plant the organisation owns or runs."""

    __tablename__ = "organisation_assets"
    __audit_village__ = ("organisation_id", "organisations")
    __table_args__ = (
        CheckConstraint(in_("kind", ASSET_KINDS), name="kind"),
        CheckConstraint("capacity_kw > 0", name="capacity_kw"),
        CheckConstraint("yearly_kwh IS NULL OR yearly_kwh >= 0", name="yearly_kwh"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16), default="solar_plant")
    name: Mapped[str] = mapped_column(String(120))
    site: Mapped[str | None] = mapped_column(String(120))
    capacity_kw: Mapped[float] = mapped_column(Float)
    yearly_kwh: Mapped[float | None] = mapped_column(Float)
    commissioned_on: Mapped[dt.date | None] = mapped_column(Date)


class OrganisationYear(Base):
    """One year of an organisation's work: activities, jobs and revenue (KRW)."""

    __tablename__ = "organisation_years"
    __audit_village__ = ("organisation_id", "organisations")
    __table_args__ = (
        UniqueConstraint("organisation_id", "year"),
        CheckConstraint("year BETWEEN 2012 AND 2100", name="year"),
        CheckConstraint(
            "supermarket_sales_krw >= 0 AND checkups >= 0 AND education_sessions >= 0 "
            "AND education_participants >= 0 AND jobs_full_time >= 0 AND jobs_part_time >= 0 "
            "AND energy_careers >= 0 AND revenue_krw >= 0",
            name="non_negative",
        ),
        CheckConstraint(
            "public_benefit_pct IS NULL OR (public_benefit_pct >= 0 AND public_benefit_pct <= 100)",
            name="public_benefit_pct",
        ),
        CheckConstraint("labour_costs_krw IS NULL OR labour_costs_krw >= 0", name="labour_costs"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(SmallInteger)
    supermarket_sales_krw: Mapped[int] = mapped_column(BigInteger, default=0)
    checkups: Mapped[int] = mapped_column(Integer, default=0)
    education_sessions: Mapped[int] = mapped_column(Integer, default=0)
    education_participants: Mapped[int] = mapped_column(Integer, default=0)
    jobs_full_time: Mapped[int] = mapped_column(Integer, default=0)
    jobs_part_time: Mapped[int] = mapped_column(Integer, default=0)
    # Residents who moved into energy careers (installers, auditors, coordinators).
    energy_careers: Mapped[int] = mapped_column(Integer, default=0)
    revenue_krw: Mapped[int] = mapped_column(BigInteger, default=0)
    # A social cooperative's public-benefit (main) business as a share of all its business,
    # as it reports it to its ministry (0-100; None: not reported). See formation_rules.
    public_benefit_pct: Mapped[float | None] = mapped_column(Float)
    # Labour costs, for a social enterprise's revenue test (None: not reported).
    labour_costs_krw: Mapped[int | None] = mapped_column(BigInteger)
