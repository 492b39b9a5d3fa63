"""What the outbox holds, read back for the mail tests; and account settings the tests need
before the account page has them (turning an optional kind of mail off)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from energy.core.access import CLI_ACTOR
from energy.store import db
from energy.store.models.accounts import User
from energy.store.models.mail import MailMessage

PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Queued:
    kind: str
    to: str
    language: str
    subject: str
    text: str
    html: str
    user_id: int | None
    dedupe_key: str | None
    attachments: tuple[tuple[str, str, bytes], ...]


def queued(url: str, kind_prefix: str = "") -> list[Queued]:
    """The outbox's messages (oldest first), those whose kind starts with ``kind_prefix``."""
    with db.session_for(CLI_ACTOR, url=url) as session:
        rows = session.scalars(select(MailMessage).order_by(MailMessage.id)).all()
        return [
            Queued(
                m.kind,
                m.to_address,
                m.language,
                m.subject,
                m.body_text,
                m.body_html,
                m.user_id,
                m.dedupe_key,
                tuple((a.file_name, a.media_type, a.content) for a in m.attachments),
            )
            for m in rows
            if m.kind.startswith(kind_prefix)
        ]


def mute(url: str, username: str, *kinds: str) -> None:
    """Turn ``kinds`` of optional mail off for ``username``."""
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        user.mail_muted = list(kinds)
