"""Local accounts: Argon2id password hashes, login with slow-down and lock-out, roles.

Login never tells whether a name exists: the same message for an unknown name and a wrong
password, failures counted per name typed, and a dummy hash verified when there is no user
so that both paths cost the same time.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from energy.core.access import ROLES, Actor, require
from energy.core.config import get_settings
from energy.core.errors import AlreadyExists, InvalidInput, NotFound
from energy.core.i18n import LANGUAGES
from energy.store.db import record_action, session_for
from energy.store.models.accounts import LoginThrottle, User
from energy.store.models.base import utcnow
from energy.store.models.villages import Village
from energy.villages.districts import find_district

_hasher = PasswordHasher()  # argon2-cffi's defaults are Argon2id (RFC 9106 low-memory profile)

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
MIN_PASSWORD_LENGTH = 10
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


def validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput("error.password_short", field="password", n=MIN_PASSWORD_LENGTH)


def actor_for(user: User) -> Actor:
    return Actor(
        username=user.username,
        role=user.role,
        user_id=user.id,
        village_id=user.village_id,
        display_name=user.display_name,
        language=user.language,
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
    url: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> LoginResult:
    """Check a login. Failures are counted per name, slowed down, then locked for a while."""
    settings = get_settings()
    name = normalise_username(username)[:64]
    system = Actor(username=name or "?", role="viewer")
    dummy = _dummy_hash()  # made before the look-up: a first login pays it, whatever the name
    now = utcnow()
    with session_for(system, write=True, url=url) as session:
        throttle = session.get(LoginThrottle, name)
        if throttle and throttle.locked_until and throttle.locked_until > now:
            minutes = max(1, int((throttle.locked_until - now).total_seconds() // 60) + 1)
            record_action(session, "login_locked", "users", name)
            return LoginResult(None, "locked", minutes)
        user = session.scalar(select(User).where(User.username == name)) if name else None
        try:
            _hasher.verify(user.password_hash if user else dummy, password)
            valid = user is not None and user.is_active
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            valid = False
        if valid and user is not None:
            if throttle:
                session.delete(throttle)
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = _hasher.hash(password)
            user.last_login_at = now
            session.info["actor"] = actor_for(user)
            session.flush()
            record_action(session, "login", "users", name)
            return LoginResult(actor_for(user))
        if throttle is None:
            throttle = LoginThrottle(username=name, failures=0)
            session.add(throttle)
        throttle.failures += 1
        throttle.last_failure_at = now
        locked = throttle.failures >= settings.login_lock_after
        if locked:
            throttle.locked_until = now + dt.timedelta(minutes=settings.login_lock_minutes)
            throttle.failures = 0
        record_action(session, "login_failed", "users", name, {"locked": locked})
        wait = _throttle_wait(throttle.failures)
    if wait:
        sleep(wait)
    if locked:
        return LoginResult(None, "locked", settings.login_lock_minutes)
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


def district_id(session: Session, district: str | None) -> int | None:
    """The id of the district where a person lives (a name or code); ``None``: not recorded."""
    return find_district(session, district).id if district and district.strip() else None


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
    url: str | None = None,
) -> UserInfo:
    """A new account; ``district`` (a name or code) is where the person lives, if known:
    a reviewer who lives in an applicant's district is flagged in review."""
    require(actor, "user.manage")
    name = validate_username(username)
    if role not in ROLES:
        raise InvalidInput("error.unknown_role", field="role", role=role)
    if language not in LANGUAGES:
        raise InvalidInput("error.unknown_language", field="language")
    validate_password(password)
    display = (display_name or "").strip() or name
    if len(display) > 120:
        raise InvalidInput("error.too_long", field="display_name", n=120)
    with session_for(actor, write=True, url=url) as session:
        if session.scalar(select(func.count()).where(User.username == name)):
            raise AlreadyExists("error.username_taken", field="username", username=name)
        user = User(
            username=name,
            display_name=display,
            role=role,
            village_id=_village_id(session, role, village_code),
            district_id=district_id(session, district),
            password_hash=hash_password(password),
            language=language,
            is_active=True,
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
    url: str | None = None,
) -> UserInfo:
    """Edit an account; ``district`` ``None`` clears where the person lives, and leaving it
    out keeps it."""
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
        user.role = role
        user.display_name = display_name.strip() or user.username
        session.flush()
        return user_info(user)


def reset_password(actor: Actor, username: str, password: str, *, url: str | None = None) -> None:
    require(actor, "user.manage")
    validate_password(password)
    with session_for(actor, write=True, url=url) as session:
        user = user_row(session, username)
        user.password_hash = hash_password(password)
        session.execute(delete(LoginThrottle).where(LoginThrottle.username == user.username))


def change_own_password(actor: Actor, current: str, new: str, *, url: str | None = None) -> None:
    require(actor, "account.self")
    validate_password(new)
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
