"""Mail waiting to be sent (``mail_outbox``), its attachments and each attempt to send it.

A message is queued in the same transaction as the change that causes it (an assignment, a
decision, a moved training session ...): it is never lost once the change is committed, and
never sent for a change that rolled back. The sender (``energy.mail.delivery``) claims a due
message for a while (``leased_until``) so that no other sender takes it, delivers it, records
every attempt with the server's answer, and retries with back-off.

Not audited: the outbox holds message bodies, and the change that queued a message is
audited itself. ``dedupe_key`` makes a message that must go once (a month's readings
reminder to a village) go once, whoever queues it again.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from energy.core.vocabulary import LANGUAGES, MAIL_STATUSES
from energy.store.models.accounts import User
from energy.store.models.base import Base, UTCDateTime, in_, utcnow


class MailMessage(Base):
    __tablename__ = "mail_outbox"
    __audit_skip__ = True
    __table_args__ = (
        CheckConstraint(in_("status", MAIL_STATUSES), name="status"),
        CheckConstraint(in_("language", LANGUAGES), name="language"),
        CheckConstraint("attempts >= 0", name="attempts"),
        Index("ix_mail_outbox_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # What the message is about (``assignment``, ``decision``, ``reminder`` ...): the kind
    # names its template and whether a person may turn it off.
    kind: Mapped[str] = mapped_column(String(40))
    # The account it is for, where there is one (a person who may turn optional mail off).
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    to_address: Mapped[str] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(2))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(8), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Until when a sender holds the message (claimed to be handed to the mail server): no
    # other sender takes it meanwhile; a sender that died lets it go when the time has passed.
    leased_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User | None] = relationship()
    attachments: Mapped[list[MailAttachment]] = relationship(
        back_populates="message", cascade="all, delete-orphan", order_by="MailAttachment.id"
    )
    tries: Mapped[list[MailAttempt]] = relationship(
        back_populates="message", cascade="all, delete-orphan", order_by="MailAttempt.id"
    )


class MailAttachment(Base):
    __tablename__ = "mail_attachments"
    __audit_skip__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("mail_outbox.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(160))
    media_type: Mapped[str] = mapped_column(String(120))
    content: Mapped[bytes] = mapped_column(LargeBinary)

    message: Mapped[MailMessage] = relationship(back_populates="attachments")


class MailAttempt(Base):
    """One try at handing a message to the mail server, and what the server answered."""

    __tablename__ = "mail_attempts"
    __audit_skip__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("mail_outbox.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    ok: Mapped[bool] = mapped_column(Boolean)
    reply: Mapped[str] = mapped_column(String(500))

    message: Mapped[MailMessage] = relationship(back_populates="tries")
