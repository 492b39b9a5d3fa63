"""Queue a message in the outbox, in the transaction of the change that causes it.

The code that makes a change (an assignment, a decision, a moved session ...) calls
:func:`enqueue` with the session it writes with: the message is committed with the change or
not at all. Once that session commits, this process's sender thread delivers what is due
(:mod:`energy.mail.background`; nothing when no mail server is configured), and
``python -m energy mail send`` delivers whatever is still waiting.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from energy.core.vocabulary import LANGUAGES
from energy.mail import background
from energy.store.models.mail import MailAttachment, MailMessage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    file_name: str
    media_type: str
    content: bytes


@dataclass(frozen=True)
class Outgoing:
    """A message as it will be sent: one recipient, in the recipient's language, plain text
    and HTML, and its attachments. ``user_id`` is the recipient's account, where there is
    one; ``dedupe_key`` makes a message that must go once go once."""

    kind: str
    to_address: str
    language: str
    subject: str
    text: str
    html: str
    user_id: int | None = None
    attachments: Sequence[Attachment] = field(default_factory=tuple)
    dedupe_key: str | None = None


def enqueue(session: Session, message: Outgoing) -> MailMessage | None:
    """Add ``message`` to the outbox in ``session``'s transaction; ``None`` (and nothing
    queued) when a message with its ``dedupe_key`` was queued before."""
    if message.language not in LANGUAGES:
        raise ValueError(f"unknown language {message.language!r}")
    if message.dedupe_key is not None and session.scalar(
        select(MailMessage.id).where(MailMessage.dedupe_key == message.dedupe_key)
    ):
        return None
    row = MailMessage(
        kind=message.kind,
        user_id=message.user_id,
        to_address=message.to_address,
        language=message.language,
        subject=message.subject[:300],
        body_text=message.text,
        body_html=message.html,
        dedupe_key=message.dedupe_key,
        status="queued",
        attempts=0,
        attachments=[
            MailAttachment(file_name=a.file_name, media_type=a.media_type, content=a.content)
            for a in message.attachments
        ],
    )
    session.add(row)
    session.flush()
    session.info[_QUEUED] = session.get_bind().engine.url.render_as_string(hide_password=False)
    return row


# session.info's mark of a session that queued mail: the URL of its store.
_QUEUED = "energy.mail.queued"


@event.listens_for(Session, "after_commit")
def _send_after_commit(session: Session) -> None:
    """The change and its mail are committed: the sender thread delivers them."""
    url = session.info.pop(_QUEUED, None)
    if url is None:
        return
    try:
        background.kick(url)
    except Exception:  # the change is committed: its mail waits for `mail send`
        log.exception("the mail sender could not be started; the messages wait in the outbox")


@event.listens_for(Session, "after_rollback")
def _nothing_after_rollback(session: Session) -> None:
    session.info.pop(_QUEUED, None)
