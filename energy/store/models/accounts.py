"""People who log in (``users``), the throttle on failed logins per name, and the links
mailed to reset a forgotten password."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from energy.core.vocabulary import LANGUAGES, ROLES
from energy.store.models.base import Base, UTCDateTime, in_, utcnow
from energy.store.models.villages import District, Village


class User(Base):
    __tablename__ = "users"
    __audit_village__ = "village_id"
    __audit_key__ = "username"
    __audit_redact__ = ("password_hash",)
    __table_args__ = (
        CheckConstraint(in_("role", ROLES), name="role"),
        CheckConstraint(in_("language", LANGUAGES), name="language"),
        CheckConstraint(
            "(role = 'committee' AND village_id IS NOT NULL) "
            "OR (role <> 'committee' AND village_id IS NULL)",
            name="committee_village",
        ),
        # A district officer always works for one district.
        CheckConstraint("role <> 'district' OR district_id IS NOT NULL", name="district_office"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    village_id: Mapped[int | None] = mapped_column(ForeignKey("villages.id"), index=True)
    # Where the person lives (reviewers: a review of their own district is flagged); for a
    # district officer (role ``district``), the district it works for.
    district_id: Mapped[int | None] = mapped_column(ForeignKey("districts.id"))
    password_hash: Mapped[str] = mapped_column(String(255))
    language: Mapped[str] = mapped_column(String(2), default="ko")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Where mail to the person goes (stored trimmed and in lower case; one account each).
    email: Mapped[str | None] = mapped_column(String(254), unique=True, index=True)
    # The city identity provider's subject for this person, once they have logged in with it.
    oidc_subject: Mapped[str | None] = mapped_column(String(255), unique=True, index=True)
    # The kinds of optional mail the person turned off (``energy.mail``); none: all of them on.
    mail_muted: Mapped[list[str] | None] = mapped_column(JSON)

    village: Mapped[Village | None] = relationship()
    district: Mapped[District | None] = relationship()


class LoginThrottle(Base):
    """Failed logins per name typed (whether or not such a user exists: no enumeration)."""

    __tablename__ = "login_throttle"
    __audit_skip__ = True

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class PasswordReset(Base):
    """A link mailed to a person who forgot their password: only a digest of its token is
    kept (the link itself is in the person's mailbox), it works once, until ``expires_at``,
    and a newer request or a completed reset ends it (``revoked_at``). Not audited as rows:
    the request and the reset are audit events of their own, without the token."""

    __tablename__ = "password_resets"
    __audit_skip__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256, hex
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
