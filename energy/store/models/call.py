"""The annual call (issue 3): calls, applications, organisers, reviews, decisions, grants.

Tables live on ``energy.store.models.base.Base``; the package ``energy.store.models`` imports
this module so that they are registered on the metadata Alembic and backups read.

Vocabulary: a *call* is one year's invitation with its own rules (caps, eligibility,
stages, rubric), kept as they were once the call has closed. An *application* goes
draft → submitted → in_review → selected | wait_listed | rejected (or withdrawn); while in
review it sits at one of the call's *stages*. A reviewer's *assignment* is per application
and stage; its *scores* are one per rubric criterion. A selection creates a *grant*, paid
in *instalments*, accounted for by a *spending report* per budget line. An application's
*attachments* (its plan, budget sheet, photos) are files kept in the store itself, so every
server of the city reads the same ones and a backup holds them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from energy.core.vocabulary import (
    APPLICANT_TYPES,
    APPLICATION_STATUSES,
    ATTACHMENT_KINDS,
    ATTACHMENT_MEDIA_TYPES,
    BUDGET_LINES,
    CRITERIA,
    HOUSING_TYPES,
    SCORE_MAX,
)
from energy.store.models.base import Base, UTCDateTime, in_, utcnow
from energy.store.models.villages import District, Village


class Call(Base):
    """One year's call and its rules. Rules are copied into the row: later calls never
    change what an earlier call asked for."""

    __tablename__ = "calls"
    __audit_key__ = "year"
    __table_args__ = (
        CheckConstraint("year BETWEEN 2012 AND 2100", name="year"),
        CheckConstraint("closes_on >= opens_on", name="dates"),
        CheckConstraint(
            "budget_krw >= 0 AND cap_y1_krw >= 0 AND cap_y2_krw >= 0 AND cap_y3_krw >= 0",
            name="money",
        ),
        CheckConstraint("min_organisers >= 1", name="min_organisers"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(SmallInteger, index=True)
    title: Mapped[str] = mapped_column(String(200))
    opens_on: Mapped[dt.date] = mapped_column(Date)
    closes_on: Mapped[dt.date] = mapped_column(Date)
    budget_krw: Mapped[int] = mapped_column(BigInteger)
    cap_y1_krw: Mapped[int] = mapped_column(BigInteger)
    cap_y2_krw: Mapped[int] = mapped_column(BigInteger)
    cap_y3_krw: Mapped[int] = mapped_column(BigInteger)
    min_organisers: Mapped[int] = mapped_column(SmallInteger, default=3)
    min_households_detached: Mapped[int] = mapped_column(SmallInteger, default=30)
    min_households_apartment: Mapped[int] = mapped_column(SmallInteger, default=50)
    applicant_types: Mapped[list[str]] = mapped_column(JSON)
    stages: Mapped[list[str]] = mapped_column(JSON)
    rubric: Mapped[dict[str, float]] = mapped_column(JSON)  # criterion -> weight
    # The renewal gate (years 2 and 3): what the village's measured record must show.
    renewal_min_coverage: Mapped[float] = mapped_column(Float, default=0.5)
    renewal_min_saving_pct: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Application(Base):
    __tablename__ = "call_applications"
    __audit_village__ = "village_id"
    __audit_key__ = "reference"
    __table_args__ = (
        CheckConstraint(in_("status", APPLICATION_STATUSES), name="status"),
        CheckConstraint(in_("applicant_type", APPLICANT_TYPES), name="applicant_type"),
        CheckConstraint(in_("housing_type", HOUSING_TYPES), name="housing_type"),
        CheckConstraint("programme_year BETWEEN 1 AND 3", name="programme_year"),
        CheckConstraint("award_krw IS NULL OR award_krw >= 0", name="award"),
        CheckConstraint(
            "households_detached >= 0 AND households_apartment >= 0", name="households"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    entered_by: Mapped[str] = mapped_column(String(80))
    on_paper: Mapped[bool] = mapped_column(Boolean, default=False)
    applicant_type: Mapped[str] = mapped_column(String(24), default="resident_group")
    group_name: Mapped[str] = mapped_column(String(120), default="")
    village_name: Mapped[str] = mapped_column(String(120), default="")
    district_id: Mapped[int | None] = mapped_column(ForeignKey("districts.id"))
    housing_type: Mapped[str] = mapped_column(String(12), default="detached")
    households_detached: Mapped[int] = mapped_column(Integer, default=0)
    households_apartment: Mapped[int] = mapped_column(Integer, default=0)
    programme_year: Mapped[int] = mapped_column(SmallInteger, default=1)
    village_id: Mapped[int | None] = mapped_column(ForeignKey("villages.id"), index=True)
    strategy: Mapped[str | None] = mapped_column(String(12))
    actions: Mapped[list[str]] = mapped_column(JSON, default=list)
    actions_other: Mapped[str | None] = mapped_column(String(200))
    target_saving_pct: Mapped[float | None] = mapped_column(Float)
    plan: Mapped[str | None] = mapped_column(Text)
    budget: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)  # line -> KRW
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)
    stage: Mapped[str | None] = mapped_column(String(16))
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    award_krw: Mapped[int | None] = mapped_column(BigInteger)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[str | None] = mapped_column(String(80))
    decision_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # The organisers' declaration that none of them acts for a public body (required to
    # submit), and the link they name if one does: a named link is flagged to staff.
    public_body_declared: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=text("false")
    )
    public_body_link: Mapped[str | None] = mapped_column(String(300))

    call: Mapped[Call] = relationship()
    district: Mapped[District | None] = relationship()
    village: Mapped[Village | None] = relationship()
    organisers: Mapped[list[Organiser]] = relationship(
        back_populates="application", order_by="Organiser.position", cascade="all, delete-orphan"
    )


class Organiser(Base):
    """One of the residents behind an application: name, contact, living in the district."""

    __tablename__ = "call_organisers"
    __audit_village__ = ("application_id", "call_applications")
    __table_args__ = (UniqueConstraint("application_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("call_applications.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(SmallInteger)
    name: Mapped[str] = mapped_column(String(80))
    contact: Mapped[str] = mapped_column(String(120))
    lives_in_district: Mapped[bool] = mapped_column(Boolean, default=False)

    application: Mapped[Application] = relationship(back_populates="organisers")


class Attachment(Base):
    """A file an applicant attached to an application, its content in the row (``bytea`` on
    PostgreSQL). Checked before it is stored (``energy.call.attachments``); the audit log
    keeps its name, size and SHA-256, never its content. The same content is attached to an
    application once."""

    __tablename__ = "application_attachments"
    __audit_redact__ = ("content",)
    __audit_village__ = ("application_id", "call_applications")
    __table_args__ = (
        UniqueConstraint("application_id", "sha256"),
        CheckConstraint(in_("kind", ATTACHMENT_KINDS), name="kind"),
        CheckConstraint(in_("media_type", ATTACHMENT_MEDIA_TYPES), name="media_type"),
        CheckConstraint("size_bytes > 0 AND length(content) = size_bytes", name="size"),
        CheckConstraint("length(sha256) = 64", name="sha256"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("call_applications.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(12))
    file_name: Mapped[str] = mapped_column(String(160))
    media_type: Mapped[str] = mapped_column(String(80))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    # Loaded only when asked for: listing an application's files reads no content.
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_by: Mapped[str] = mapped_column(String(80))
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReviewAssignment(Base):
    """A reviewer asked to score one application at one stage; the conflict declaration
    (``None`` until declared) comes before the reviewer may see the application."""

    __tablename__ = "call_review_assignments"
    __audit_village__ = ("application_id", "call_applications")
    __table_args__ = (UniqueConstraint("application_id", "reviewer_id", "stage"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("call_applications.id", ondelete="CASCADE"), index=True
    )
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    stage: Mapped[str] = mapped_column(String(16))
    conflict: Mapped[bool | None] = mapped_column(Boolean)
    conflict_note: Mapped[str | None] = mapped_column(Text)
    declared_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    scores: Mapped[list[ReviewScore]] = relationship(
        back_populates="assignment", cascade="all, delete-orphan"
    )


class ReviewScore(Base):
    __tablename__ = "call_review_scores"
    __audit_village__ = ("assignment_id", "call_review_assignments")
    __table_args__ = (
        UniqueConstraint("assignment_id", "criterion"),
        CheckConstraint(f"score BETWEEN 0 AND {SCORE_MAX}", name="score"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("call_review_assignments.id", ondelete="CASCADE"), index=True
    )
    criterion: Mapped[str] = mapped_column(String(40))
    score: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)

    assignment: Mapped[ReviewAssignment] = relationship(back_populates="scores")


class Grant(Base):
    """The money a selection awards a village for one programme year."""

    __tablename__ = "call_grants"
    __audit_village__ = "village_id"
    __table_args__ = (
        CheckConstraint("award_krw >= 0", name="award"),
        CheckConstraint("programme_year BETWEEN 1 AND 3", name="programme_year"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("call_applications.id"), unique=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    programme_year: Mapped[int] = mapped_column(SmallInteger)
    award_krw: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    village: Mapped[Village] = relationship()
    call: Mapped[Call] = relationship()
    instalments: Mapped[list[Instalment]] = relationship(order_by="Instalment.paid_on")
    spending: Mapped[list[SpendingLine]] = relationship()


class Instalment(Base):
    __tablename__ = "call_instalments"
    __audit_village__ = ("grant_id", "call_grants")
    __table_args__ = (CheckConstraint("amount_krw > 0", name="amount"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("call_grants.id"), index=True)
    paid_on: Mapped[dt.date] = mapped_column(Date)
    amount_krw: Mapped[int] = mapped_column(BigInteger)
    note: Mapped[str | None] = mapped_column(String(200))


class SpendingLine(Base):
    """What a village reports it spent of a grant, per budget line."""

    __tablename__ = "call_spending_lines"
    __audit_village__ = ("grant_id", "call_grants")
    __table_args__ = (
        UniqueConstraint("grant_id", "line"),
        CheckConstraint(in_("line", BUDGET_LINES), name="line"),
        CheckConstraint("amount_krw >= 0", name="amount"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("call_grants.id"), index=True)
    line: Mapped[str] = mapped_column(String(12))
    amount_krw: Mapped[int] = mapped_column(BigInteger)
    filed_by: Mapped[str] = mapped_column(String(80))
    filed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


def default_rubric() -> dict[str, Any]:
    return {c: 1.0 for c in CRITERIA}
