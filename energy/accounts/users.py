"""Local accounts: Argon2id password hashes, login with slow-down and lock-out, roles.

Login never tells whether a name exists: the same message for an unknown name and a wrong
password, failures counted per name typed, and a dummy hash verified when there is no user
so that both paths cost the same time. Failures lock out the client that makes them, never
the person (``energy.accounts.limits``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from energy.accounts import limits
from energy.core.access import ROLES, Actor, require
from energy.core.config import get_settings
from energy.core.errors import AlreadyExists, InvalidInput, NotFound
from energy.core.i18n import LANGUAGES
from energy.core.vocabulary import OPTIONAL_MAIL_KINDS
from energy.mail.addresses import normalise_email
from energy.store.db import record_action, session_for
from energy.store.models.accounts import User
from energy.store.models.base import utcnow
from energy.store.models.villages import Village
from energy.villages.districts import find_district

_hasher = PasswordHasher()  # argon2-cffi's defaults are Argon2id (RFC 9106 low-memory profile)

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
MIN_PASSWORD_LENGTH = 10
# A password guessed in fewer tries than this is refused (zxcvbn's "score 2": safe against
# online guessing, which the login's limits slow down further).
MIN_PASSWORD_GUESSES = 1_000_000
MAX_CHECKED_PASSWORD = 100  # zxcvbn's time grows with the length; a longer one is not weak
# The demo stores' password, printed in the README: refused for any account a person sets.
DEMO_PASSWORD = "energy-demo-2026"  # noqa: S105
# The extra wait per failure beyond the slow-down threshold, and its ceiling (seconds).
SLOWDOWN_STEP_SECONDS = 1.0
SLOWDOWN_MAX_SECONDS = 4.0


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@functools.cache
def _dummy_hash() -> str:
    """The hash verified when no user has the name typed, so that an unknown name takes as
    long as a wrong password. Made on first use, not at import: a hash costs as much as a
    login, and the command line and the app import this module."""
    return _hasher.hash("not a real password: evens out the time of unknown names")


def normalise_username(name: str) -> str:
    return name.strip().casefold()


def validate_username(name: str) -> str:
    username = normalise_username(name)
    if not USERNAME_PATTERN.match(username):
        raise InvalidInput("error.username_format", field="username")
    return username


def validate_password(password: str, *, names: Sequence[str] = ()) -> None:
    """At least ``MIN_PASSWORD_LENGTH`` characters, and not easy to guess: fewer than a
    million guesses by zxcvbn's estimate (its lists of common passwords, words and names,
    repeats, sequences, keyboard rows and dates), the published demo password, or the
    person's own ``names`` (username, display name) are refused."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput("error.password_short", field="password", n=MIN_PASSWORD_LENGTH)
    from zxcvbn import zxcvbn  # loads its word lists: on first use, not at import

    known = [DEMO_PASSWORD, *(n for n in names if n)]
    if zxcvbn(password[:MAX_CHECKED_PASSWORD], user_inputs=known)["guesses"] < MIN_PASSWORD_GUESSES:
        raise InvalidInput("error.password_common", field="password")


def actor_for(user: User) -> Actor:
    """The actor a logged-in ``user`` acts as; a district officer's carries the villages of
    its district as the store holds them now (read again at every account recheck)."""
    district_villages: frozenset[int] = frozenset()
    if user.role == "district" and user.district_id is not None:
        session = object_session(user)
        assert session is not None, "a district officer's actor is made from a loaded account"
        district_villages = frozenset(
            session.scalars(select(Village.id).where(Village.district_id == user.district_id))
        )
    return Actor(
        username=user.username,
        role=user.role,
        user_id=user.id,
        village_id=user.village_id,
        display_name=user.display_name,
        language=user.language,
        district_id=user.district_id if user.role == "district" else None,
        district_villages=district_villages,
    )


# --- login --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginResult:
    """``actor`` on success; otherwise ``reason`` is ``invalid`` or ``locked``."""

    actor: Actor | None
    reason: str | None = None
    locked_minutes: int = 0

    @property
    def ok(self) -> bool:
        return self.actor is not None


def _throttle_wait(failures: int) -> float:
    settings = get_settings()
    over = failures - settings.login_slowdown_after
    return 0.0 if over < 0 else min(SLOWDOWN_STEP_SECONDS * (over + 1), SLOWDOWN_MAX_SECONDS)


def authenticate(
    username: str,
    password: str,
    *,
    client: str | None = None,
    url: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> LoginResult:
    """Check a login from ``client`` (the browser's address; ``None``: this machine).

    Failures slow the client down and, progressively, every further failure for the name;
    they lock out the *client* (for that name, or for every name once it has failed often),
    never the person: the right password from anywhere else is always accepted. Lock-outs are
    written to the audit log."""
    settings = get_settings()
    name = normalise_username(username)[:64]
    system = Actor(username=name or "?", role="viewer")
    dummy = _dummy_hash()  # made before the look-up: a first login pays it, whatever the name
    now = utcnow()
    window = settings.login_lock_minutes
    tag = limits.client_tag(client)
    with session_for(system, write=True, url=url) as session:
        by_client = limits.counter(session, limits.client_key(client), now, window)
        by_pair = limits.counter(session, limits.pair_key(name, client), now, window)
        locked_for = max(by_client.locked_minutes(now), by_pair.locked_minutes(now))
        if locked_for:
            record_action(session, "login_locked", "users", name, {"client": tag})
            return LoginResult(None, "locked", locked_for)
        user = session.scalar(select(User).where(User.username == name)) if name else None
        try:
            _hasher.verify(user.password_hash if user else dummy, password)
            valid = user is not None and user.is_active
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            valid = False
        # A typed name of a valid form is counted whether or not it exists (no enumeration).
        by_name = (
            limits.counter(session, limits.name_key(name), now, window)
            if USERNAME_PATTERN.match(name)
            else None
        )
        if valid and user is not None:
            by_pair.clear()
            if by_name is not None:
                by_name.clear()
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = _hasher.hash(password)
            user.last_login_at = now
            session.info["actor"] = actor_for(user)
            session.flush()
            record_action(
                session, "login", "users", name, {"method": "password"}, village_id=user.village_id
            )
            return LoginResult(actor_for(user))
        failures = [by_pair.add(now), by_client.add(now)]
        if by_name is not None:
            failures.append(by_name.add(now))
        lockout = None
        if by_client.count >= settings.login_client_lock_after:
            by_client.lock(now, window)
            lockout = "client"
        elif by_pair.count >= settings.login_lock_after:
            by_pair.lock(now, window)
            lockout = "name_from_client"
        record_action(session, "login_failed", "users", name, {"client": tag})
        if lockout:
            record_action(
                session,
                "lockout",
                "users",
                name,
                {"client": tag, "scope": lockout, "minutes": window},
            )
        wait = 0.0 if lockout else _throttle_wait(max(failures))
    if wait:
        sleep(wait)
    if lockout:
        return LoginResult(None, "locked", window)
    return LoginResult(None, "invalid")


def refresh_actor(actor: Actor, *, url: str | None = None) -> Actor | None:
    """The actor as the store knows it now (``None`` if disabled or removed)."""
    if actor.user_id is None:
        return actor
    with session_for(actor, url=url) as session:
        user = session.get(User, actor.user_id)
        if user is None or not user.is_active:
            return None
        return actor_for(user)


# --- managing users -----------------------------------------------------------------------


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: str
    village_code: str | None
    language: str
    is_active: bool
    last_login_at: dt.datetime | None
    district_code: str | None = None  # where the person lives, if recorded
    email: str | None = None
    mail_muted: tuple[str, ...] = ()  # the optional kinds of mail turned off


def user_info(user: User) -> UserInfo:
    return UserInfo(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        village_code=user.village.code if user.village else None,
        district_code=user.district.code if user.district else None,
        language=user.language,
        is_active=user.is_active,
        last_login_at=user.last_login_at,
        email=user.email,
        mail_muted=tuple(k for k in OPTIONAL_MAIL_KINDS if k in (user.mail_muted or ())),
    )


def _village_id(session: Session, role: str, village_code: str | None) -> int | None:
    if role == "committee":
        if not village_code:
            raise InvalidInput("error.committee_needs_village", field="village")
        village = session.scalar(select(Village).where(Village.code == village_code.strip()))
        if village is None:
            raise InvalidInput("error.unknown_village", field="village", code=village_code)
        return village.id
    if village_code:
        raise InvalidInput("error.village_only_for_committee", field="village")
    return None


def _free_email(session: Session, email: str | None, *, user_id: int | None = None) -> str | None:
    """``email`` as stored, refused if another account has it already."""
    address = normalise_email(email)
    if address is not None:
        holder = session.scalar(select(User.id).where(User.email == address))
        if holder is not None and holder != user_id:
            raise AlreadyExists("error.email_taken", field="email")
    return address


def district_id(session: Session, district: str | None) -> int | None:
    """The id of the district where a person lives (a name or code); ``None``: not recorded."""
    return find_district(session, district).id if district and district.strip() else None


def check_district_office(role: str, district: int | None) -> None:
    """A district officer works for one district: refused without it."""
    if role == "district" and district is None:
        raise InvalidInput("error.district_officer_needs_district", field="district")


class _Unchanged:
    """The value of an optional edit that leaves the stored value as it is."""


UNCHANGED = _Unchanged()


def add_user(
    actor: Actor,
    *,
    username: str,
    password: str,
    role: str,
    display_name: str | None = None,
    village_code: str | None = None,
    language: str = "ko",
    district: str | None = None,
    email: str | None = None,
    url: str | None = None,
) -> UserInfo:
    """A new account; ``district`` (a name or code) is where the person lives, if known:
    a reviewer who lives in an applicant's district is flagged in review; ``email`` is where
    the person's mail goes."""
    require(actor, "user.manage")
    name = validate_username(username)
    if role not in ROLES:
        raise InvalidInput("error.unknown_role", field="role", role=role)
    if language not in LANGUAGES:
        raise InvalidInput("error.unknown_language", field="language")
    validate_password(password, names=(name, display_name or ""))
    display = (display_name or "").strip() or name
    if len(display) > 120:
        raise InvalidInput("error.too_long", field="display_name", n=120)
    with session_for(actor, write=True, url=url) as session:
        if session.scalar(select(func.count()).where(User.username == name)):
            raise AlreadyExists("error.username_taken", field="username", username=name)
        check_district_office(role, district_id(session, district))
        user = User(
            username=name,
            display_name=display,
            role=role,
            village_id=_village_id(session, role, village_code),
            district_id=district_id(session, district),
            password_hash=hash_password(password),
            language=language,
            is_active=True,
            email=_free_email(session, email),
        )
        session.add(user)
        session.flush()
        return user_info(user)


def list_users(actor: Actor, *, url: str | None = None) -> list[UserInfo]:
    require(actor, "user.manage")
    with session_for(actor, url=url) as session:
        users = session.scalars(select(User).order_by(User.role, User.username))
        return [user_info(u) for u in users]


def user_row(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == normalise_username(username)))
    if user is None:
        raise NotFound("error.unknown_user", username=username)
    return user


def set_user_active(actor: Actor, username: str, active: bool, *, url: str | None = None) -> None:
    require(actor, "user.manage")
    with session_for(actor, write=True, url=url) as session:
        user = user_row(session, username)
        if not active and actor.user_id == user.id:
            raise InvalidInput("error.cannot_disable_self")
        user.is_active = active


def update_user(
    actor: Actor,
    username: str,
    *,
    role: str,
    display_name: str,
    village_code: str | None,
    district: str | _Unchanged | None = UNCHANGED,
    email: str | _Unchanged | None = UNCHANGED,
    url: str | None = None,
) -> UserInfo:
    """Edit an account; ``district`` or ``email`` ``None`` clears it, and leaving it out
    keeps it."""
    require(actor, "user.manage")
    if role not in ROLES:
        raise InvalidInput("error.unknown_role", field="role", role=role)
    with session_for(actor, write=True, url=url) as session:
        user = user_row(session, username)
        if actor.user_id == user.id and role != user.role:
            raise InvalidInput("error.cannot_change_own_role")
        user.village_id = _village_id(session, role, village_code)
        if not isinstance(district, _Unchanged):
            user.district_id = district_id(session, district)
        if not isinstance(email, _Unchanged):
            user.email = _free_email(session, email, user_id=user.id)
        check_district_office(role, user.district_id)
        user.role = role
        user.display_name = display_name.strip() or user.username
        session.flush()
        return user_info(user)


def set_email(
    actor: Actor, username: str, email: str | None, *, url: str | None = None
) -> UserInfo:
    """Staff set (or, with ``None``, clear) where a person's mail goes."""
    require(actor, "user.manage")
    with session_for(actor, write=True, url=url) as session:
        user = user_row(session, username)
        user.email = _free_email(session, email, user_id=user.id)
        session.flush()
        return user_info(user)


def set_own_email(actor: Actor, email: str | None, *, url: str | None = None) -> None:
    """A person sets (or clears) their own address on their account page."""
    require(actor, "account.self")
    with session_for(actor, write=True, url=url) as session:
        user = session.get(User, actor.user_id) if actor.user_id else None
        if user is None:
            raise NotFound("error.unknown_user", username=actor.username)
        user.email = _free_email(session, email, user_id=user.id)


def own_account(actor: Actor, *, url: str | None = None) -> UserInfo:
    """The person's own account as stored (their address, language, mail turned off)."""
    require(actor, "account.self")
    with session_for(actor, url=url) as session:
        user = session.get(User, actor.user_id) if actor.user_id else None
        if user is None:
            raise NotFound("error.unknown_user", username=actor.username)
        return user_info(user)


def set_mail_muted(actor: Actor, kinds: Sequence[str], *, url: str | None = None) -> UserInfo:
    """Turn off the optional kinds of mail in ``kinds`` for oneself, and the others back on
    (``OPTIONAL_MAIL_KINDS``; the mail that must reach the person cannot be turned off)."""
    require(actor, "account.self")
    unknown = sorted(set(kinds) - set(OPTIONAL_MAIL_KINDS))
    if unknown:
        raise InvalidInput("error.mail_kind", field="mail_muted", kind=unknown[0])
    muted = [k for k in OPTIONAL_MAIL_KINDS if k in kinds] or None
    with session_for(actor, write=True, url=url) as session:
        user = session.get(User, actor.user_id) if actor.user_id else None
        if user is None:
            raise NotFound("error.unknown_user", username=actor.username)
        if (user.mail_muted or None) != muted:  # an unchanged setting writes nothing
            user.mail_muted = muted
        session.flush()
        return user_info(user)


def reset_password(actor: Actor, username: str, password: str, *, url: str | None = None) -> None:
    require(actor, "user.manage")
    validate_password(password, names=(username,))
    with session_for(actor, write=True, url=url) as session:
        user = user_row(session, username)
        user.password_hash = hash_password(password)
        limits.forget_name(session, user.username)


def change_own_password(actor: Actor, current: str, new: str, *, url: str | None = None) -> None:
    require(actor, "account.self")
    validate_password(new, names=(actor.username, actor.display_name or ""))
    with session_for(actor, write=True, url=url) as session:
        user = session.get(User, actor.user_id) if actor.user_id else None
        if user is None:
            raise NotFound("error.unknown_user", username=actor.username)
        try:
            _hasher.verify(user.password_hash, current)
        except (VerifyMismatchError, VerificationError, InvalidHashError) as exc:
            raise InvalidInput("error.wrong_current_password", field="current") from exc
        user.password_hash = hash_password(new)


def set_language(actor: Actor, language: str, *, url: str | None = None) -> None:
    """Remember the user's language (the sidebar switch calls this)."""
    if language not in LANGUAGES:
        raise InvalidInput("error.unknown_language", field="language")
    if actor.user_id is None:
        return
    with session_for(actor, write=True, url=url) as session:
        user = session.get(User, actor.user_id)
        if user is not None and user.language != language:
            user.language = language
