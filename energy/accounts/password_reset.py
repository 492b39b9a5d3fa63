"""A forgotten password, reset by a link mailed to the person (issue 25).

From the login screen a person types their name or their address. The answer is always the
same, whether or not such an account exists, may get mail, or was asked for too often (no
account enumeration), and both ways do the same work: a token drawn, digested and written
into a message in the recipient's language; only for an active account with an address is
the link stored (its SHA-256 digest, never the token) and the message queued in the outbox,
in the same transaction. Only one client asking too often is told so (that says nothing
about any account).

The link (``<ENERGY_PUBLIC_URL>/?reset=<token>``) works once, for :data:`RESET_LINK_MINUTES`;
a newer request ends the older links of the account, and so does a completed reset. It opens
the login screen, which asks for the new password twice under the usual rules
(:func:`energy.accounts.users.validate_password`); then the person logs in with it.

Who may reset: every active account with an address, staff linked to the city's identity
provider included (their local password stays a way in where no provider is configured:
:func:`may_reset` is the one place to change that). Every request, refusal and reset is in the
audit log (``reset_requested``, ``reset_refused``, ``reset_completed``), without the token.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from energy.accounts import limits
from energy.accounts.users import (
    USERNAME_PATTERN,
    actor_for,
    hash_password,
    normalise_username,
    validate_password,
)
from energy.core.access import Actor
from energy.core.errors import InvalidInput
from energy.mail.addresses import normalise_email
from energy.mail.compose import Recipient, compose, para, public_base
from energy.mail.outbox import Outgoing, enqueue
from energy.mail.queue import mail_enabled
from energy.store.db import record_action, session_for
from energy.store.models.accounts import PasswordReset, User
from energy.store.models.base import utcnow

RESET_LINK_MINUTES = 30
# Links one client may ask for in an hour (for any names): a person who mistypes their name
# asks again; a script that mails strangers stops here.
RESETS_PER_CLIENT_HOUR = 10
# Links one name or address may be sent in an hour, from anywhere: no one's mailbox is
# flooded. Beyond it nothing is sent, and the answer is the same.
RESETS_PER_NAME_HOUR = 3
LIMIT_WINDOW_MINUTES = 60
TOKEN_BYTES = 32  # 256 bits: secrets.token_urlsafe's 43 characters
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")
RESET_KIND = "password_reset"
# The recipient of the message written, and dropped, for a name no one may reset.
NOBODY = Recipient("nobody@example.invalid", "ko", None, "-")
MAX_TYPED = 254


def _revoke_open_links(session: Session, user_id: int, now: dt.datetime) -> None:
    """End every link of the account not yet used or ended (a newer one replaces them; a
    completed reset ends the rest)."""
    session.execute(
        update(PasswordReset)
        .where(
            PasswordReset.user_id == user_id,
            PasswordReset.used_at.is_(None),
            PasswordReset.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )


def may_reset(user: User | None) -> bool:
    """Whether a reset link goes to ``user``: an active account with an address."""
    return user is not None and user.is_active and bool(user.email)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def reset_link(token: str) -> str:
    """The address the mail links to: the app's login screen with the token."""
    return f"{public_base()}/?{urlencode({'reset': token})}"


@dataclass(frozen=True)
class ResetRequest:
    """The answer to a request: the same for every name, except ``wait_minutes`` (> 0) when
    this client has asked too often."""

    wait_minutes: int = 0


def _typed_key(typed: str) -> str:
    return " ".join(typed.split()).casefold()[:MAX_TYPED]


def _account(session: Session, typed: str) -> User | None:
    """The account named by ``typed``: an address (any case) or a login name."""
    if "@" in typed:
        try:
            address = normalise_email(typed)
        except InvalidInput:
            return None
        return session.scalar(select(User).where(User.email == address)) if address else None
    name = normalise_username(typed)
    if not USERNAME_PATTERN.match(name):
        return None
    return session.scalar(select(User).where(User.username == name))


def _message(to: Recipient, username: str, token: str) -> Outgoing:
    return compose(
        RESET_KIND,
        to,
        subject=para("reset.mail_subject"),
        body=[
            para("reset.mail_body", username=username, minutes=RESET_LINK_MINUTES),
            para("reset.mail_not_you"),
        ],
        link=("reset.mail_link", reset_link(token)),
    )


def request_password_reset(
    name_or_address: str,
    *,
    client: str | None = None,
    url: str | None = None,
    now: dt.datetime | None = None,
) -> ResetRequest:
    """Mail a reset link to the account ``name_or_address`` names, if it may get one (see
    the module's docstring); the same answer either way. ``client``: the browser's address,
    for the limits. ``error.reset_mail_off`` when no mail server is configured (the screen
    then says to ask the department)."""
    if not mail_enabled():
        raise InvalidInput("error.reset_mail_off")
    typed = _typed_key(name_or_address)
    if not typed:
        raise InvalidInput("error.reset_missing", field="reset_name")
    now = now or utcnow()
    tag = limits.client_tag(client)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    digest = token_digest(token)
    asker = Actor(username=typed[:64], role="viewer")
    with session_for(asker, write=True, url=url) as session:
        by_client = limits.counter(
            session, limits.reset_client_key(client), now, LIMIT_WINDOW_MINUTES
        )
        if by_client.count >= RESETS_PER_CLIENT_HOUR:
            record_action(session, "reset_refused", "users", typed[:64], {"client": tag})
            return ResetRequest(wait_minutes=_minutes_left(by_client, now))
        by_name = limits.counter(session, limits.reset_name_key(typed), now, LIMIT_WINDOW_MINUTES)
        user = _account(session, typed)
        mailed = may_reset(user) and by_name.count < RESETS_PER_NAME_HOUR
        by_client.add(now)
        by_name.add(now)
        # Written either way (the same work for a name that gets nothing), queued only for
        # an account that may get it.
        to = NOBODY
        if user is not None and user.email:
            to = Recipient(user.email, user.language, user.id, user.display_name)
        message = _message(to, user.username if user is not None else typed, token)
        if mailed and user is not None:
            _revoke_open_links(session, user.id, now)
            session.add(
                PasswordReset(
                    user_id=user.id,
                    token_hash=digest,
                    created_at=now,
                    expires_at=now + dt.timedelta(minutes=RESET_LINK_MINUTES),
                )
            )
            enqueue(session, message)
        key = user.username if user is not None else typed[:64]
        record_action(
            session,
            "reset_requested",
            "users",
            key,
            {"client": tag, "mailed": mailed},
            village_id=user.village_id if user is not None else None,
        )
    return ResetRequest()


def _minutes_left(counter: limits.Counter, now: dt.datetime) -> int:
    last = counter.row.last_failure_at or now
    left = last + dt.timedelta(minutes=LIMIT_WINDOW_MINUTES) - now
    return max(1, math.ceil(left.total_seconds() / 60))


# --- the link -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResetLink:
    """What a link is worth: the account it resets, or why it does not work (``unknown``,
    ``used``, ``expired``, ``replaced`` by a newer one)."""

    username: str | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _link_row(
    session: Session, token: str, now: dt.datetime
) -> tuple[PasswordReset | None, User | None, str | None]:
    row = (
        session.scalar(select(PasswordReset).where(PasswordReset.token_hash == token_digest(token)))
        if TOKEN_PATTERN.match(token or "")
        else None
    )
    user = session.get(User, row.user_id) if row is not None else None
    if row is None or user is None or not user.is_active:
        return row, user, "unknown"
    if row.used_at is not None:
        return row, user, "used"
    if row.revoked_at is not None:
        return row, user, "replaced"
    if row.expires_at <= now:
        return row, user, "expired"
    return row, user, None


def check_reset_link(
    token: str, *, url: str | None = None, now: dt.datetime | None = None
) -> ResetLink:
    """Whether ``token`` (from the link's ``reset=``) may still set a password."""
    with session_for(Actor(username="?", role="viewer"), url=url) as session:
        _, user, problem = _link_row(session, token, now or utcnow())
        return ResetLink(None if problem else user.username if user else None, problem)


def complete_password_reset(
    token: str,
    password: str,
    *,
    client: str | None = None,
    url: str | None = None,
    now: dt.datetime | None = None,
) -> str:
    """Set the new ``password`` of the account ``token``'s link resets, under the usual
    rules, and end the link (and any other of the account's). The account's login name;
    ``error.reset_link_<problem>`` for a link that does not work (nothing changes)."""
    now = now or utcnow()
    with session_for(Actor(username="?", role="viewer"), url=url) as session:
        _, user, problem = _link_row(session, token, now)
        names = (user.username, user.display_name) if user is not None else ()
    if problem is not None:
        raise InvalidInput(f"error.reset_link_{problem}")
    # Checked before the write transaction: a guess estimate takes a moment, and SQLite
    # would hold its write lock meanwhile.
    validate_password(password, names=names)
    with session_for(Actor(username="?", role="viewer"), write=True, url=url) as session:
        row, user, problem = _link_row(session, token, now)
        if problem is not None or row is None or user is None:
            raise InvalidInput(f"error.reset_link_{problem or 'unknown'}")
        taken = session.execute(
            update(PasswordReset)
            .where(
                PasswordReset.id == row.id,
                PasswordReset.used_at.is_(None),
                PasswordReset.revoked_at.is_(None),
            )
            .values(used_at=now)
        )
        if taken.rowcount != 1:  # type: ignore[attr-defined]  # another tab was first
            raise InvalidInput("error.reset_link_used")
        _revoke_open_links(session, user.id, now)
        session.info["actor"] = actor_for(user)  # the person changes their own password
        user.password_hash = hash_password(password)
        limits.forget_name(session, user.username)
        session.flush()
        record_action(
            session,
            "reset_completed",
            "users",
            user.username,
            {"client": limits.client_tag(client)},
            village_id=user.village_id,
        )
        return user.username
