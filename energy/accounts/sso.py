"""Logging in with the city's identity provider (OpenID Connect single sign-on).

The provider proves who a person is; this app decides whether that person has an account
here, and which one. An *identity* is the claims of the provider's ID token (``iss``, ``sub``,
``email``, ``email_verified`` ...), as Streamlit's ``st.user`` hands them over. It maps to an
existing account:

1. by its *subject*, stored on the account once the person has logged in with it
   (``users.oidc_subject``: the issuer and the provider's ``sub``, ``<iss>#<sub>``);
2. else by e-mail address, only when the provider says it verified the address
   (``email_verified``); the subject is then stored on the account, so that a later change of
   address at the provider changes nothing here.

Logging in never makes an account or gives a role. Refused (``SSO_REFUSALS``): an identity
without a subject; an unknown one (the screen says to ask the department); an account
linked to another identity already; a disabled account; and a village committee's or an
applicant group's account, which log in with their name and password (only ``SSO_ROLES`` may
use the city account). Every login and every refusal is in the audit log with its method.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.accounts import users
from energy.accounts.users import actor_for, user_row
from energy.core.access import Actor, require
from energy.core.errors import AlreadyExists, EnergyError, InvalidInput
from energy.core.vocabulary import SSO_ROLES
from energy.mail.addresses import normalise_email
from energy.store.db import record_action, session_for
from energy.store.models.accounts import User
from energy.store.models.base import utcnow

MAX_SUBJECT = 255  # the column's length; a longer issuer and sub are stored as their digest
METHOD = "oidc"  # the audit log's word for a login through the identity provider
_AUDIT_KEY = 120  # the audit log's entity_key column
_AUDIT_ACTOR = 80  # and its actor column


@dataclass(frozen=True)
class IdentityLogin:
    """``actor`` on success; otherwise ``reason`` (one of ``SSO_REFUSALS``) and, when an
    account was found but may not log in this way, its ``username``."""

    actor: Actor | None
    reason: str | None = None
    username: str | None = None

    @property
    def ok(self) -> bool:
        return self.actor is not None


def identity_subject(claims: Mapping[str, Any]) -> str | None:
    """The subject stored for an identity: ``<iss>#<sub>`` (an issuer is a URL without a
    fragment, so the ``#`` cannot be part of it), ``<sub>`` when the token names no issuer;
    ``None`` without a ``sub``. One longer than the column is stored as its SHA-256."""
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub.strip():
        return None
    issuer = claims.get("iss")
    subject = f"{issuer.rstrip('/')}#{sub}" if isinstance(issuer, str) and issuer else sub
    if len(subject) > MAX_SUBJECT:
        return "sha256:" + hashlib.sha256(subject.encode()).hexdigest()
    return subject


def verified_email(claims: Mapping[str, Any]) -> str | None:
    """The identity's e-mail address as stored here, if the provider says it verified it
    (``email_verified`` true; some providers send the string ``"true"``), else ``None``."""
    verified = claims.get("email_verified")
    if not (verified is True or (isinstance(verified, str) and verified.lower() == "true")):
        return None
    email = claims.get("email")
    if not isinstance(email, str):
        return None
    try:
        return normalise_email(email)
    except EnergyError:
        return None


def log_in_with_identity(claims: Mapping[str, Any], *, url: str | None = None) -> IdentityLogin:
    """The account the identity ``claims`` belong to, logged in (the subject stored on first
    use), or the reason it is refused. Both are written to the audit log."""
    subject = identity_subject(claims)
    email = verified_email(claims)
    claimed = _claimed_as(claims, subject)
    system = Actor(username=claimed[:_AUDIT_ACTOR], role="viewer")
    with session_for(system, write=True, url=url) as session:
        if subject is None:
            return _refuse(session, "no_subject", None, claims, subject)
        user = session.scalar(select(User).where(User.oidc_subject == subject))
        if user is None and email is not None:
            user = session.scalar(select(User).where(User.email == email))
            if user is not None and user.oidc_subject is not None:
                # The address's account belongs to another identity (the address moved to a
                # new person at the provider, or two identities share it): never taken over.
                return _refuse(session, "other_identity", user, claims, subject)
        if user is None:
            return _refuse(session, "unknown", None, claims, subject)
        if not user.is_active:
            return _refuse(session, "disabled", user, claims, subject)
        if user.role not in SSO_ROLES:
            return _refuse(session, "password_only", user, claims, subject)
        actor = actor_for(user)
        session.info["actor"] = actor
        if user.oidc_subject is None:
            user.oidc_subject = subject
        user.last_login_at = utcnow()
        session.flush()
        record_action(session, "login", "users", user.username, {"method": METHOD})
        return IdentityLogin(actor)


def refresh_actor(actor: Actor, *, url: str | None = None) -> Actor | None:
    """:func:`energy.accounts.users.refresh_actor` for a session that logged in with the city
    account: ``None`` also once the account's role may no longer use it (made a committee's)."""
    fresh = users.refresh_actor(actor, url=url)
    return fresh if fresh is not None and fresh.role in SSO_ROLES else None


def _claimed_as(claims: Mapping[str, Any], subject: str | None) -> str:
    """Who the identity says it is, for the audit log: its e-mail address, else its subject."""
    email = claims.get("email")
    if isinstance(email, str) and email.strip():
        return email.strip().lower()
    return subject or "?"


def _refuse(
    session: Session,
    reason: str,
    user: User | None,
    claims: Mapping[str, Any],
    subject: str | None,
) -> IdentityLogin:
    detail = {"method": METHOD, "reason": reason, "subject": subject}
    email = claims.get("email")
    if isinstance(email, str):
        detail["email"] = email[:_AUDIT_KEY]
    key = user.username if user is not None else _claimed_as(claims, subject)[:_AUDIT_KEY]
    village = user.village_id if user is not None else None
    record_action(session, "login_failed", "users", key, detail, village_id=village)
    return IdentityLogin(None, reason, user.username if user is not None else None)


def link_identity(
    actor: Actor, username: str, subject: str | None, *, url: str | None = None
) -> None:
    """Staff link an account to an identity by its subject (``<iss>#<sub>``, as
    :func:`identity_subject` writes it), for a provider that does not verify e-mail
    addresses; ``None`` unlinks it (the person's next login with the city account matches
    by verified address again)."""
    require(actor, "user.manage")
    value = (subject or "").strip() or None
    if value is not None and len(value) > MAX_SUBJECT:
        raise InvalidInput("error.too_long", field="subject", n=MAX_SUBJECT)
    with session_for(actor, write=True, url=url) as session:
        user = user_row(session, username)
        if value is not None:
            holder = session.scalar(select(User.id).where(User.oidc_subject == value))
            if holder is not None and holder != user.id:
                raise AlreadyExists("error.subject_taken", field="subject")
        user.oidc_subject = value
