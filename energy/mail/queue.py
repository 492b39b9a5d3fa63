"""The outbox as staff see it: what waits, what went and what failed, with the mail server's
last answer; "send now" and "try the failed ones again" (the outbox page, ``mail list``,
``mail send``). Message bodies are never shown: only who, what about, and how it went."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from energy.core.access import Actor, require
from energy.core.config import get_settings
from energy.core.errors import InvalidInput
from energy.mail.delivery import DeliveryReport, deliver_due, make_due_now, requeue_failed
from energy.store.db import session_for
from energy.store.models.base import utcnow
from energy.store.models.mail import MailAttempt, MailMessage

DEFAULT_LIMIT = 200  # rows the page and `mail list` show, newest first


def mail_enabled() -> bool:
    """Whether a mail server is configured (``ENERGY_SMTP_URL``): without one nothing is
    sent and every message waits in the outbox."""
    return get_settings().smtp is not None


@dataclass(frozen=True)
class OutboxSummary:
    """How the outbox stands: the server (``host:port``, with the login's user; ``None``:
    mail is off) and how it is protected (``plain``, ``starttls``, ``ssl``), the From
    address, and how many messages are queued, sent and failed."""

    server: str | None
    security: str | None
    mail_from: str
    queued: int
    sent: int
    failed: int

    @property
    def mail_on(self) -> bool:
        return self.server is not None


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    kind: str
    to: str
    subject: str
    language: str
    status: str
    attempts: int
    created_at: dt.datetime
    next_attempt_at: dt.datetime | None  # when a queued message is tried next
    sent_at: dt.datetime | None
    last_attempt_at: dt.datetime | None
    last_reply: str | None  # the mail server's last answer, or the error

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "to": self.to,
            "subject": self.subject,
            "status": self.status,
            "attempts": self.attempts,
            "kind": self.kind,
            "language": self.language,
            "created_at": self.created_at.isoformat(),
            "next_attempt_at": _iso(self.next_attempt_at),
            "sent_at": _iso(self.sent_at),
            "last_attempt_at": _iso(self.last_attempt_at),
            "last_reply": self.last_reply,
        }


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def outbox_summary(actor: Actor, *, url: str | None = None) -> OutboxSummary:
    require(actor, "mail.manage")
    settings = get_settings()
    with session_for(actor, url=url) as session:
        counts = dict(
            session.execute(
                select(MailMessage.status, func.count()).group_by(MailMessage.status)
            ).all()
        )
    smtp = settings.smtp
    return OutboxSummary(
        server=smtp.describe() if smtp else None,
        security=smtp.security if smtp else None,
        mail_from=settings.mail_from,
        queued=int(counts.get("queued", 0)),
        sent=int(counts.get("sent", 0)),
        failed=int(counts.get("failed", 0)),
    )


def list_outbox(
    actor: Actor, *, status: str | None = None, limit: int = DEFAULT_LIMIT, url: str | None = None
) -> list[OutboxEntry]:
    """The newest ``limit`` messages (of one ``status``, if given), each with its last
    attempt's time and the server's answer."""
    require(actor, "mail.manage")
    if status is not None and status not in ("queued", "sent", "failed"):
        raise InvalidInput("error.mail_status", field="status", status=status)
    last = (
        select(MailAttempt.message_id, func.max(MailAttempt.id).label("attempt_id"))
        .group_by(MailAttempt.message_id)
        .subquery()
    )
    query = (
        select(MailMessage, MailAttempt)
        .outerjoin(last, last.c.message_id == MailMessage.id)
        .outerjoin(MailAttempt, MailAttempt.id == last.c.attempt_id)
        .order_by(MailMessage.created_at.desc(), MailMessage.id.desc())
        .limit(max(1, limit))
    )
    if status is not None:
        query = query.where(MailMessage.status == status)
    with session_for(actor, url=url) as session:
        return [
            OutboxEntry(
                id=m.id,
                kind=m.kind,
                to=m.to_address,
                subject=m.subject,
                language=m.language,
                status=m.status,
                attempts=m.attempts,
                created_at=m.created_at,
                next_attempt_at=m.next_attempt_at if m.status == "queued" else None,
                sent_at=m.sent_at,
                last_attempt_at=a.at if a is not None else None,
                last_reply=a.reply if a is not None else None,
            )
            for m, a in session.execute(query).all()
        ]


def send_now(actor: Actor, *, retry_failed: bool = False, url: str | None = None) -> DeliveryReport:
    """Staff's "send now": every queued message, its back-off waived (and, with
    ``retry_failed``, the failed ones given one more attempt), delivered in this call.
    ``error.mail_off`` when no mail server is configured."""
    require(actor, "mail.manage")
    if not mail_enabled():
        raise InvalidInput("error.mail_off", n=outbox_summary(actor, url=url).queued)
    if retry_failed:
        requeue_failed(url=url, clock=utcnow)
    make_due_now(url=url, clock=utcnow)
    return deliver_due(url=url)


def send_due(actor: Actor, *, url: str | None = None) -> DeliveryReport:
    """What cron's ``mail send`` does: the messages whose time has come."""
    require(actor, "mail.manage")
    if not mail_enabled():
        raise InvalidInput("error.mail_off", n=outbox_summary(actor, url=url).queued)
    return deliver_due(url=url)
