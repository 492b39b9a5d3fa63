"""Links between an application's organisers and a public body (issue 27).

The case study warns that governments must not create faux-grassroots "astroturf" groups: an
official of a district office cannot be an organiser of an application in that district. Two
things bring such a link to light, and both are *flags* for staff to weigh, never a refusal:

- **declared**: the organisers declare, to submit, that none of them acts for a public body,
  and name the link if one does (``Application.public_body_link``);
- **detected**: an organiser whose contact is an official's account (a district officer's or
  city staff's address), whose name is that of an officer of the application's own district,
  or who writes from a public body's mail domain (``PUBLIC_MAIL_DOMAINS``).

Contacts are compared as keys (:func:`contact_key`): an e-mail trimmed and in lower case, read
out of ``Name <address>`` or ``mailto:``; a phone number as its digits, ``+82``/``0082``
read as the national ``0``. Names are compared without spaces, case or a bracketed note
("정하린 (마포구청 에너지팀)" is 정하린). Accounts hold an e-mail and no phone, so an
account's contact is its e-mail; the keys take a phone alike wherever one is compared.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from energy.core.access import Actor, require
from energy.core.vocabulary import PUBLIC_MAIL_DOMAINS
from energy.store.db import session_for
from energy.store.models.accounts import User
from energy.store.models.call import Application

# What each flag says (``prescreen.flag.<kind>``): named by the group; an organiser reached at
# an official's account; an organiser named as an officer of the district; a public mail domain.
FLAG_KINDS = ("declared", "official_contact", "official_name", "public_domain")
# The accounts of public officials: district officers and the city's staff.
OFFICIAL_ROLES = ("district", "admin")

_ADDRESS = re.compile(r"[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_MIN_PHONE_DIGITS = 8  # fewer is not a phone number (a Seoul number has 9 or 10 digits)


@dataclass(frozen=True)
class PublicBodyFlag:
    """One link to a public body: its ``kind`` (``FLAG_KINDS``); the organiser it concerns
    (number on the form and name; none for the group's own declaration); ``detail``: the
    link as the group named it, the official account's name, or the mail domain."""

    kind: str
    position: int | None
    organiser: str
    detail: str
    official_role: str | None = None
    official_district_ko: str | None = None
    official_district_en: str | None = None

    def official_district(self, lang: str) -> str:
        return (self.official_district_ko if lang == "ko" else self.official_district_en) or ""


def _plain(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def email_key(text: str | None) -> str | None:
    """The address in ``text`` (``a@b.kr``, ``Name <a@b.kr>``, ``mailto:a@b.kr``), trimmed
    and in lower case; None when ``text`` holds no address."""
    found = _ADDRESS.search(_plain(text).casefold().replace("mailto:", " "))
    return found[0] if found else None


def phone_key(text: str | None) -> str | None:
    """The digits of a phone number, an international Korean one read as national
    (``+82 10-1234-5678`` and ``010 1234 5678`` are ``01012345678``); None when ``text`` is
    an address or holds too few digits to be a number."""
    plain = _plain(text)
    if "@" in plain:
        return None
    digits = re.sub(r"\D", "", plain)
    international = plain.startswith("+") or digits.startswith("00")
    digits = digits.removeprefix("00") if international else digits
    if international and digits.startswith("82"):
        digits = "0" + digits[2:].lstrip("0")
    return digits if len(digits) >= _MIN_PHONE_DIGITS else None


def contact_key(text: str | None) -> str | None:
    """A contact as it is compared: ``mail:<address>`` or ``tel:<digits>`` (None: neither)."""
    address = email_key(text)
    if address:
        return f"mail:{address}"
    phone = phone_key(text)
    return f"tel:{phone}" if phone else None


def name_key(text: str | None) -> str | None:
    """A person's name as it is compared: no bracketed note, no spaces, no case."""
    bare = _BRACKETED.sub("", _plain(text))
    key = "".join(ch for ch in bare.casefold() if ch.isalnum())
    return key if len(key) >= 2 else None


def public_domain(text: str | None) -> str | None:
    """The public body's mail domain an address in ``text`` is on (``mapo.go.kr``), if any."""
    address = email_key(text)
    if not address:
        return None
    domain = address.rsplit("@", 1)[1]
    public = any(domain == d or domain.endswith("." + d) for d in PUBLIC_MAIL_DOMAINS)
    return domain if public else None


def _account_keys(user: User) -> set[str]:
    """The contact keys of an account: its e-mail (accounts keep no phone number)."""
    key = contact_key(user.email)
    return {key} if key else set()


def _flag(kind: str, app_position: int, name: str, user: User) -> PublicBodyFlag:
    return PublicBodyFlag(
        kind=kind,
        position=app_position,
        organiser=name,
        detail=user.display_name or user.username,
        official_role=user.role,
        official_district_ko=user.district.name_ko if user.district else None,
        official_district_en=user.district.name_en if user.district else None,
    )


def detect(session: Session, apps: Iterable[Application]) -> dict[int, list[PublicBodyFlag]]:
    """Each application's flags (declared first, then by organiser), for ``apps`` loaded in
    ``session``; one query for the officials' accounts."""
    officials = session.scalars(
        select(User)
        .where(User.role.in_(OFFICIAL_ROLES), User.is_active.is_(True))
        .options(selectinload(User.district))
    ).all()
    by_contact: dict[str, list[User]] = {}
    by_name: dict[tuple[int | None, str], list[User]] = {}
    for user in officials:
        for account_key in _account_keys(user):
            by_contact.setdefault(account_key, []).append(user)
        official_name = name_key(user.display_name)
        if user.role == "district" and official_name:
            by_name.setdefault((user.district_id, official_name), []).append(user)
    found: dict[int, list[PublicBodyFlag]] = {}
    for app in apps:
        flags: list[PublicBodyFlag] = []
        if (app.public_body_link or "").strip():
            flags.append(PublicBodyFlag("declared", None, "", app.public_body_link or ""))
        for organiser in app.organisers:
            key = contact_key(organiser.contact)
            matched = by_contact.get(key, []) if key else []
            flags += [
                _flag("official_contact", organiser.position, organiser.name, u) for u in matched
            ]
            name = name_key(organiser.name)
            same_name = by_name.get((app.district_id, name), []) if name else []
            flags += [
                _flag("official_name", organiser.position, organiser.name, u)
                for u in same_name
                if u not in matched
            ]
            domain = public_domain(organiser.contact)
            if domain and not matched:
                flags.append(
                    PublicBodyFlag("public_domain", organiser.position, organiser.name, domain)
                )
        found[app.id] = flags
    return found


def public_body_flags(
    actor: Actor, application_ids: Sequence[int], *, url: str | None = None
) -> dict[int, list[PublicBodyFlag]]:
    """Staff: the public-body flags of each application of ``application_ids`` (an id with
    no flag maps to an empty list; an unknown id is left out)."""
    require(actor, "call.manage")
    if not application_ids:
        return {}
    with session_for(actor, url=url) as session:
        apps = session.scalars(
            select(Application)
            .where(Application.id.in_(list(application_ids)))
            .options(selectinload(Application.organisers))
        ).all()
        return detect(session, apps)
