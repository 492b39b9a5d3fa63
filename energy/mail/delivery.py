"""Delivery: the outbox handed to the mail server, each message once, every attempt recorded.

A sender (the app's background thread, ``python -m energy mail send``, the outbox page's
"send now") works through the due messages one at a time:

1. **Claim** one in a short write transaction: a queued message whose time has come and that
   no other sender holds gets ``leased_until`` (now + :data:`LEASE`), guarded by the same
   conditions in the UPDATE (and ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so concurrent
   senders pass over each other's rows instead of waiting). Two senders, in one process or
   on two servers, never claim the same message: the second one's UPDATE finds it held.
2. **Send** it with no transaction open (a slow mail server never holds the store's lock),
   over one SMTP connection kept for the whole run.
3. **Record** the attempt (``mail_attempts``: ok or not, the server's answer or the error) and
   the outcome: ``sent`` with ``sent_at``; after a failure, queued again after the next step
   of :data:`BACKOFF_MINUTES`, or ``failed`` after the last (at once when the server refused
   the message for good: a 5xx answer to the recipient or the content).

Exactly once, with one window: a sender that dies after the mail server accepted a message
and before step 3 committed leaves the message queued under its lease; when the lease has
passed, another sender sends it again. That crash window (and only it) makes delivery
at-least-once; the message keeps the same ``Message-ID`` on every attempt, so a mail program
can tell the copy. A send that outlives its lease (it cannot within the timeouts below) is
recorded without taking the message from a sender that has claimed it since.

The bodies of kinds that carry a secret (:data:`energy.core.vocabulary.SECRET_MAIL_KINDS`, the
password-reset link) are blanked once the message is sent or given up: the store keeps no
working link.
"""

from __future__ import annotations

import datetime as dt
import smtplib
import ssl
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from email.errors import MessageError
from email.generator import BytesGenerator
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8
from email.utils import format_datetime, parseaddr
from io import BytesIO

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session, selectinload

from energy.core.access import Actor
from energy.core.config import SmtpSettings, get_settings
from energy.core.i18n import translate
from energy.core.vocabulary import SECRET_MAIL_KINDS
from energy.store.db import session_for
from energy.store.models.base import utcnow
from energy.store.models.mail import MailAttempt, MailMessage

# How long a sender may hold a claimed message: many times what one send can take (a
# connection, STARTTLS, a login and the message, each within SMTP_TIMEOUT_S).
LEASE = dt.timedelta(minutes=10)
SMTP_TIMEOUT_S = 30.0
# The waits after the 1st, 2nd, ... failed attempt; the attempt after the last wait is the
# last one (six in all, over about five and a half hours), then the message is ``failed``.
BACKOFF_MINUTES = (1, 5, 15, 60, 240)
REPLY_CHARS = 500  # mail_attempts.reply
# One run sends at most this many (the rest wait for the next run: a cron minute, the next
# change in the app), so a run over a very large outbox ends.
MESSAGES_PER_RUN = 500
BLANKED = "(removed once sent: it held a link that works once)"
# Who writes the outbox's rows (they are not audited: see energy.store.models.mail).
SENDER = Actor(username="mail-sender", role="admin", display_name="Mail sender", language="en")

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True)
class DeliveryReport:
    """One run: messages handed over (``sent``), attempts that failed (``failed``; of them
    ``given_up`` are now ``failed`` for good), and the messages still queued (``waiting``)."""

    sent: int = 0
    failed: int = 0
    given_up: int = 0
    waiting: int = 0


class MailOff(RuntimeError):
    """No mail server is configured (``ENERGY_SMTP_URL``): nothing is sent."""


@dataclass(frozen=True)
class _Claimed:
    id: int
    lease: dt.datetime
    attempts: int
    kind: str
    envelope_from: str
    to_address: str
    message: EmailMessage | None  # None: it could not be built (``problem`` says why)
    problem: str | None = None


class _Failure(Exception):
    """A failed attempt: the text recorded, whether trying again can help, and whether the
    connection can still be used."""

    def __init__(
        self,
        reply: str,
        *,
        permanent: bool = False,
        connection_lost: bool = False,
        unreachable: bool = False,
    ) -> None:
        super().__init__(reply)
        self.reply = reply
        self.permanent = permanent
        self.connection_lost = connection_lost or unreachable
        self.unreachable = unreachable  # no connection could be opened (or logged in)


# --- the message ----------------------------------------------------------------------------


def sender_address(mail_from: str) -> tuple[str, str]:
    """``ENERGY_MAIL_FROM`` as (display name, address); either form, ``addr`` or ``Name <addr>``."""
    name, address = parseaddr(mail_from)
    return name, address or mail_from


def message_id(row: MailMessage, domain: str) -> str:
    """The same on every attempt to send ``row`` (a copy from the crash window is known)."""
    stamp = int(row.created_at.timestamp() * 1_000_000)
    return f"<energy-outbox-{row.id}.{stamp}@{domain or 'localhost'}>"


def build_message(row: MailMessage, mail_from: str) -> EmailMessage:
    """The MIME message of an outbox row: plain text and HTML as alternatives (both
    quoted-printable UTF-8, so the message is 7-bit whatever the language), the attachments
    byte for byte, names and subject in UTF-8 (RFC 2047/2231), the time it was queued as its
    ``Date``, and ``Auto-Submitted: auto-generated`` so that no vacation reply comes back."""
    name, address = sender_address(mail_from)
    msg = EmailMessage()
    msg["From"] = Address(name or translate("mail.brand", row.language), addr_spec=address)
    recipient = row.user.display_name if row.user is not None else ""
    msg["To"] = Address(recipient, addr_spec=row.to_address)
    msg["Subject"] = row.subject
    msg["Date"] = format_datetime(row.created_at.astimezone(dt.UTC))
    msg["Message-ID"] = message_id(row, address.rpartition("@")[2])
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Auto-Response-Suppress"] = "All"  # Exchange's own word for the same
    msg.set_content(row.body_text, cte="quoted-printable")
    msg.add_alternative(row.body_html, subtype="html", cte="quoted-printable")
    for attached in row.attachments:
        maintype, _, subtype = attached.media_type.partition("/")
        if not subtype:
            maintype, subtype = "application", "octet-stream"
        msg.add_attachment(
            attached.content,
            maintype=maintype,
            subtype=subtype,
            filename=attached.file_name,
            params=_charset(maintype, attached.content),
        )
    # Last: making the message multipart moves the Content-* headers to its first part.
    msg["Content-Language"] = row.language
    return msg


def _charset(maintype: str, content: bytes) -> dict[str, str]:
    """A text attachment (an .ics file) says it is UTF-8, so a mail program reads its Korean."""
    if maintype != "text":
        return {}
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return {}
    return {"charset": "utf-8"}


def _as_bytes(msg: EmailMessage, utf8: bool) -> bytes:
    out = BytesIO()
    BytesGenerator(out, policy=SMTPUTF8 if utf8 else SMTP).flatten(msg)
    return out.getvalue()


# --- the connection -------------------------------------------------------------------------


class SmtpConnection:
    """One connection to the mail server, opened on first use and kept for a run."""

    def __init__(self, settings: SmtpSettings, timeout: float = SMTP_TIMEOUT_S) -> None:
        self.settings = settings
        self.timeout = timeout
        self._smtp: smtplib.SMTP | None = None

    def _open(self) -> smtplib.SMTP:
        s = self.settings
        where = f"{s.host}:{s.port}"
        smtp: smtplib.SMTP | None = None
        try:
            if s.security == "ssl":
                context = ssl.create_default_context()
                smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=self.timeout, context=context)
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
                if s.security == "starttls":
                    smtp.ehlo()
                    smtp.starttls(context=ssl.create_default_context())
                    smtp.ehlo()
            if s.username:
                smtp.login(s.username, s.password or "")
        except smtplib.SMTPException as exc:
            _quietly_close(smtp)
            raise _Failure(f"{where}: {_describe(exc)}", unreachable=True) from exc
        except (OSError, ValueError) as exc:  # refused, unreachable, TLS; a non-ASCII login
            _quietly_close(smtp)
            raise _Failure(
                f"could not connect to {where}: {_describe(exc)}", unreachable=True
            ) from exc
        return smtp

    def send(self, msg: EmailMessage, envelope_from: str, to_address: str) -> str:
        """Hand ``msg`` over; the server's answer to the message (``250 ...``)."""
        if self._smtp is None:
            self._smtp = self._open()
        smtp = self._smtp
        try:
            return _transmit(smtp, msg, envelope_from, to_address)
        except _Failure as failure:
            if failure.connection_lost:
                self.close()
            raise
        except smtplib.SMTPServerDisconnected as exc:
            self.close()
            raise _Failure(_describe(exc), connection_lost=True) from exc
        except smtplib.SMTPException as exc:
            _reset(smtp)
            raise _Failure(_describe(exc), permanent=_is_permanent(exc)) from exc
        except OSError as exc:
            self.close()
            raise _Failure(_describe(exc), connection_lost=True) from exc

    def close(self) -> None:
        _quietly_close(self._smtp)
        self._smtp = None


def _transmit(smtp: smtplib.SMTP, msg: EmailMessage, envelope_from: str, to_address: str) -> str:
    """MAIL, RCPT and DATA as ``smtplib.sendmail`` does them, keeping the answer to DATA
    (sendmail drops it): that answer is what the attempt records."""
    smtp.ehlo_or_helo_if_needed()
    utf8 = not (envelope_from.isascii() and to_address.isascii())
    options: list[str] = []
    if utf8:
        if not smtp.has_extn("smtputf8"):
            raise _Failure(
                "the mail server cannot take an address with non-ASCII letters (no SMTPUTF8)",
                permanent=True,
            )
        options = ["SMTPUTF8", "BODY=8BITMIME"]
    code, answer = smtp.mail(envelope_from, options)
    if code != 250:
        raise smtplib.SMTPSenderRefused(code, answer, envelope_from)
    code, answer = smtp.rcpt(to_address)
    if code not in (250, 251):
        raise smtplib.SMTPRecipientsRefused({to_address: (code, answer)})
    code, answer = smtp.data(_as_bytes(msg, utf8))
    if code != 250:
        raise smtplib.SMTPDataError(code, answer)
    return f"{code} {answer.decode('utf-8', 'replace')}".strip()


def _is_permanent(exc: smtplib.SMTPException) -> bool:
    """The server refused this message for good (5xx for its recipient or its content):
    another try would get the same answer. A refused sender or login is the configuration's
    fault, not the message's, and is tried again."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPDataError):
        return exc.smtp_code >= 500
    return isinstance(exc, smtplib.SMTPNotSupportedError)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {code} {answer.decode('utf-8', 'replace')}"
            for address, (code, answer) in exc.recipients.items()
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        error = exc.smtp_error
        text = error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)
        return f"{exc.smtp_code} {text}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _reset(smtp: smtplib.SMTP) -> None:
    with suppress(smtplib.SMTPException, OSError):
        smtp.rset()


def _quietly_close(smtp: smtplib.SMTP | None) -> None:
    if smtp is None:
        return
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


# --- claiming and recording -----------------------------------------------------------------


def _due(now: dt.datetime) -> object:
    return and_(
        MailMessage.status == "queued",
        MailMessage.next_attempt_at <= now,
        or_(MailMessage.leased_until.is_(None), MailMessage.leased_until <= now),
    )


def _claim(url: str | None, now: dt.datetime, mail_from: str) -> _Claimed | None:
    """The next due message, now held by this sender (``None``: nothing is due)."""
    for _ in range(20):  # another sender may take the one we picked: pick again
        with session_for(SENDER, write=True, url=url) as session:
            picked = session.scalar(
                select(MailMessage.id)
                .where(_due(now))  # type: ignore[arg-type]
                .order_by(MailMessage.next_attempt_at, MailMessage.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            if picked is None:
                return None
            lease = now + LEASE
            held = session.execute(
                update(MailMessage)
                .where(MailMessage.id == picked, _due(now))  # type: ignore[arg-type]
                .values(leased_until=lease)
            )
            if held.rowcount != 1:  # type: ignore[attr-defined]
                continue
            return _claimed(session, picked, lease, mail_from)
    return None


def _claimed(session: Session, message_id_: int, lease: dt.datetime, mail_from: str) -> _Claimed:
    row = session.scalar(
        select(MailMessage)
        .where(MailMessage.id == message_id_)
        .options(selectinload(MailMessage.attachments), selectinload(MailMessage.user))
    )
    assert row is not None
    envelope_from = sender_address(mail_from)[1]
    try:
        built: EmailMessage | None = build_message(row, mail_from)
        problem = None
    except (ValueError, TypeError, IndexError, MessageError) as exc:  # a malformed address
        built, problem = None, f"the message could not be written: {_describe(exc)}"
    return _Claimed(
        row.id, lease, row.attempts, row.kind, envelope_from, row.to_address, built, problem
    )


@dataclass(frozen=True)
class _Outcome:
    ok: bool
    reply: str
    given_up: bool = False


def _record(
    url: str | None, claimed: _Claimed, ok: bool, reply: str, permanent: bool, now: dt.datetime
) -> _Outcome:
    """The attempt, and the message sent, queued for later or given up."""
    attempts = claimed.attempts + 1
    values: dict[str, object] = {"attempts": MailMessage.attempts + 1, "leased_until": None}
    if ok:
        values.update(status="sent", sent_at=now)
    elif permanent or attempts > len(BACKOFF_MINUTES):
        values["status"] = "failed"
    else:
        values["next_attempt_at"] = now + dt.timedelta(minutes=BACKOFF_MINUTES[attempts - 1])
    if claimed.kind in SECRET_MAIL_KINDS and "status" in values:
        values.update(body_text=BLANKED, body_html=f"<p>{BLANKED}</p>")
    with session_for(SENDER, write=True, url=url) as session:
        session.add(MailAttempt(message_id=claimed.id, at=now, ok=ok, reply=reply[:REPLY_CHARS]))
        # A message handed over is sent, whoever holds it now; a failure changes nothing of a
        # message that another sender has claimed since (a lease outlived: see the docstring).
        held = MailMessage.status == "queued" if ok else MailMessage.leased_until == claimed.lease
        session.execute(
            update(MailMessage).where(MailMessage.id == claimed.id, held).values(values)
        )
    return _Outcome(ok, reply, given_up=values.get("status") == "failed")


def waiting_count(url: str | None = None) -> int:
    """Messages still queued (due now or later)."""
    with session_for(SENDER, url=url) as session:
        found = session.scalar(
            select(func.count()).select_from(MailMessage).where(MailMessage.status == "queued")
        )
        return int(found or 0)


# --- a run ----------------------------------------------------------------------------------


def deliver_due(
    *,
    url: str | None = None,
    clock: Clock = utcnow,
    settings: SmtpSettings | None = None,
    limit: int = MESSAGES_PER_RUN,
) -> DeliveryReport:
    """Send every due message (at most ``limit``), each claimed first (see the module's
    docstring). When the server cannot be reached (or refuses the login), every due message
    gets that failed attempt (with its back-off) without a new connection tried for each.
    :class:`MailOff` when no mail server is configured."""
    config = get_settings()
    smtp = settings or config.smtp
    if smtp is None:
        raise MailOff("ENERGY_SMTP_URL is not set")
    connection = SmtpConnection(smtp)
    unreachable: _Failure | None = None
    sent = failed = given_up = 0
    try:
        for _ in range(limit):
            claimed = _claim(url, clock(), config.mail_from)
            if claimed is None:
                break
            failure = unreachable or _attempt(connection, claimed)
            if isinstance(failure, _Failure):
                unreachable = failure if failure.unreachable else None
                ok, reply, permanent = False, failure.reply, failure.permanent
            else:
                ok, reply, permanent = True, failure, False
            outcome = _record(url, claimed, ok, reply, permanent, clock())
            sent += outcome.ok
            failed += not outcome.ok
            given_up += outcome.given_up
    finally:
        connection.close()
    return DeliveryReport(sent, failed, given_up, waiting_count(url))


def _attempt(connection: SmtpConnection, claimed: _Claimed) -> str | _Failure:
    """The server's answer to the message, or the failure."""
    if claimed.message is None:
        return _Failure(claimed.problem or "the message could not be written", permanent=True)
    try:
        return connection.send(claimed.message, claimed.envelope_from, claimed.to_address)
    except _Failure as failure:
        return failure


def make_due_now(*, url: str | None = None, clock: Clock = utcnow) -> int:
    """Queued messages waiting out their back-off become due now (staff after an outage);
    a message another sender holds stays with it. How many."""
    now = clock()
    with session_for(SENDER, write=True, url=url) as session:
        done = session.execute(
            update(MailMessage)
            .where(MailMessage.status == "queued", MailMessage.next_attempt_at > now)
            .values(next_attempt_at=now)
        )
        return int(done.rowcount)  # type: ignore[attr-defined]


def requeue_failed(*, url: str | None = None, clock: Clock = utcnow) -> int:
    """Failed messages get one more attempt (after another failure they are failed again).
    A message whose body held a secret is not sent again (the person asks anew). How many."""
    now = clock()
    with session_for(SENDER, write=True, url=url) as session:
        done = session.execute(
            update(MailMessage)
            .where(MailMessage.status == "failed", MailMessage.kind.not_in(SECRET_MAIL_KINDS))
            .values(status="queued", next_attempt_at=now, leased_until=None)
        )
        return int(done.rowcount)  # type: ignore[attr-defined]
