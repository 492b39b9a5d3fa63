"""Applicant accounts a resident group makes for itself from the login page, and where a
person lives (a reviewer living in an applicant's district is flagged in review)."""

from __future__ import annotations

from sqlalchemy import func, select

from energy.accounts.users import (
    UserInfo,
    district_id,
    hash_password,
    user_info,
    user_row,
    validate_password,
    validate_username,
)
from energy.core.access import Actor, require
from energy.core.errors import AlreadyExists, InvalidInput
from energy.core.i18n import LANGUAGES
from energy.store.db import session_for
from energy.store.models.accounts import User


def register_applicant(
    *,
    username: str,
    password: str,
    display_name: str,
    language: str = "ko",
    url: str | None = None,
) -> UserInfo:
    """A new ``applicant`` account (self-service: no one is logged in yet). It may only
    apply and see its own applications."""
    name = validate_username(username)
    validate_password(password)
    if language not in LANGUAGES:
        raise InvalidInput("error.unknown_language", field="language")
    display = display_name.strip()
    if not display:
        raise InvalidInput("error.required", field="display_name")
    if len(display) > 120:
        raise InvalidInput("error.too_long", field="display_name", n=120)
    actor = Actor(username=name, role="applicant")
    with session_for(actor, write=True, url=url) as session:
        if session.scalar(select(func.count()).where(User.username == name)):
            raise AlreadyExists("error.username_taken", field="username", username=name)
        user = User(
            username=name,
            display_name=display,
            role="applicant",
            village_id=None,
            password_hash=hash_password(password),
            language=language,
            is_active=True,
        )
        session.add(user)
        session.flush()
        return user_info(user)


def set_user_district(
    actor: Actor, username: str, district: str | None, *, url: str | None = None
) -> None:
    """Record where a person lives (a district name or code; ``None`` clears it)."""
    require(actor, "user.manage")
    with session_for(actor, write=True, url=url) as session:
        user = user_row(session, username)
        user.district_id = district_id(session, district)


def user_district(actor: Actor, username: str, *, url: str | None = None) -> str | None:
    """The district code where ``username`` lives, if recorded."""
    require(actor, "user.manage")
    with session_for(actor, url=url) as session:
        user = user_row(session, username)
        return user.district.code if user.district else None
