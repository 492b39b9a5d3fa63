"""Applicant accounts a resident group makes for itself from the login page (a sign-in name
that tells nothing about who exists, no imitation of staff, a limit per client), and where a
person lives (a reviewer living in an applicant's district is flagged in review)."""

from __future__ import annotations

import re
import secrets
import unicodedata

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from energy.accounts import limits
from energy.accounts.users import (
    UserInfo,
    check_district_office,
    district_id,
    hash_password,
    user_info,
    user_row,
    validate_password,
    validate_username,
)
from energy.core.access import Actor, require
from energy.core.config import get_settings
from energy.core.errors import AlreadyExists, InvalidInput
from energy.core.i18n import LANGUAGES
from energy.store.db import session_for
from energy.store.models.accounts import User
from energy.store.models.base import utcnow

# Words a group's chosen name or display name may not hold: the city's own and the staff
# roles' (a "seoul.admin" or "City Energy Staff (admin)" is trusted by whoever reads it).
# English words are matched as whole words (and "admin" at either end of one), Korean ones
# anywhere, since Korean compounds are written without spaces.
RESERVED_WORDS = frozenset(
    {
        "admin", "administrator", "administration", "root", "superuser", "sysadmin",
        "staff", "official", "officials", "moderator", "operator", "webmaster", "system",
        "reviewer", "reviewers", "trainer", "trainers", "cityhall", "seoulcity",
        "government", "govt", "mayor",
    }
)  # fmt: skip
RESERVED_KOREAN = (
    "관리자", "운영자", "담당자", "주무관", "공무원", "직원", "시청", "구청", "서울시",
    "서울특별시", "정책과", "심사위원", "강사", "시장님", "에너지과",
)  # fmt: skip
# The digits added to a chosen name: the account's sign-in name is "<chosen>-<4 digits>".
SUFFIX_DIGITS = 4
MAX_CHOSEN_LENGTH = 64 - SUFFIX_DIGITS - 1
_WORD = re.compile(r"[a-z0-9]+")


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _squeezed(text: str) -> str:
    """Folded, with only its letters and digits: "이지은 (에너지팀)" and "이지은(에너지팀)" meet."""
    return "".join(ch for ch in _folded(text) if ch.isalnum())


def imitates_staff(text: str) -> bool:
    """Whether a name reads like the city's staff or a staff role."""
    folded = _folded(text)
    squeezed = _squeezed(text)
    if any(word in squeezed for word in RESERVED_KOREAN):
        return True
    words = _WORD.findall(folded)
    if any(w in RESERVED_WORDS or w.startswith("admin") or w.endswith("admin") for w in words):
        return True
    # "City staff" and the like written as one word, e.g. "cityenergystaff".
    return any(squeezed.endswith(w) and len(w) >= 5 for w in ("staff", "official", "admin"))


def _staff_display_names(session: Session) -> set[str]:
    rows = session.scalars(select(User.display_name).where(User.role != "applicant"))
    return {_squeezed(name) for name in rows}


def register_applicant(
    *,
    username: str,
    password: str,
    display_name: str,
    language: str = "ko",
    client: str | None = None,
    url: str | None = None,
) -> UserInfo:
    """A new ``applicant`` account (self-service: no one is logged in yet). It may only
    apply and see its own applications.

    The sign-in name is the chosen name with four random digits added (``mangwon-4821``), so
    the answer is the same whether or not someone already uses the chosen name: sign-up
    tells nothing about who exists. Names that read like staff or a staff role are refused,
    and one client (``client``: the browser's address) makes at most
    ``ENERGY_SIGNUPS_PER_CLIENT_HOUR`` accounts an hour."""
    chosen = validate_username(username)
    if len(chosen) > MAX_CHOSEN_LENGTH:
        raise InvalidInput("error.signup_name_long", field="username", n=MAX_CHOSEN_LENGTH)
    validate_password(password, names=(chosen, display_name))
    if language not in LANGUAGES:
        raise InvalidInput("error.unknown_language", field="language")
    display = display_name.strip()
    if not display:
        raise InvalidInput("error.required", field="display_name")
    if len(display) > 120:
        raise InvalidInput("error.too_long", field="display_name", n=120)
    if imitates_staff(chosen):
        raise InvalidInput("error.signup_name_reserved", field="username")
    if imitates_staff(display):
        raise InvalidInput("error.signup_name_reserved", field="display_name")
    settings = get_settings()
    now = utcnow()
    actor = Actor(username=chosen, role="applicant")
    with session_for(actor, write=True, url=url) as session:
        made = limits.counter(session, limits.signup_key(client), now, window_minutes=60)
        if made.count >= settings.signups_per_client_hour:
            raise InvalidInput("error.signup_limit", n=settings.signups_per_client_hour)
        if _squeezed(display) in _staff_display_names(session):
            raise InvalidInput("error.signup_name_reserved", field="display_name")
        name = _free_name(session, chosen)
        session.info["actor"] = Actor(username=name, role="applicant")
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
        made.add(now)
        session.flush()
        return user_info(user)


def _free_name(session: Session, chosen: str) -> str:
    """``chosen`` with random digits no account uses yet (more digits if many are taken)."""
    for digits in (SUFFIX_DIGITS, SUFFIX_DIGITS, SUFFIX_DIGITS, 6, 8):
        low = 10 ** (digits - 1)
        name = f"{chosen}-{low + secrets.randbelow(9 * low)}"[:64]
        if not session.scalar(select(func.count()).where(User.username == name)):
            return name
    raise AlreadyExists("error.username_taken", field="username", username=chosen)


def set_user_district(
    actor: Actor, username: str, district: str | None, *, url: str | None = None
) -> None:
    """Record where a person lives (a district name or code; ``None`` clears it)."""
    require(actor, "user.manage")
    with session_for(actor, write=True, url=url) as session:
        user = user_row(session, username)
        user.district_id = district_id(session, district)
        check_district_office(user.role, user.district_id)


def user_district(actor: Actor, username: str, *, url: str | None = None) -> str | None:
    """The district code where ``username`` lives, if recorded."""
    require(actor, "user.manage")
    with session_for(actor, url=url) as session:
        user = user_row(session, username)
        return user.district.code if user.district else None
