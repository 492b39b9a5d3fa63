"""A district officer's log of its villages (issue 27): visits, calls and meetings, each with a
note and, where something was promised, the day to follow it up.

The rules, here and nowhere else:

- A district officer writes in the log of the villages of its district only
  (``district.home`` within :func:`energy.core.access.village_scope`), and changes only
  the entries it wrote itself; nobody removes an entry (the log is a record). Every write is
  audited by the store's hooks.
- Who follows a district reads its log: its officer, and staff who compare the districts
  (``district.compare``); another district's village is refused with ``AccessDenied``.
- A note says what happened, in 1 to :data:`NOTE_MAX` characters; the day of the contact is
  not after today (Seoul's) nor before the programme began; a follow-up day, when given, is
  no earlier than the contact.
- A follow-up is **open** until a later contact with the same village is logged (by anyone):
  then it was followed up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from energy.core.access import (
    Actor,
    require,
    require_district_home,
    require_village,
    village_scope,
)
from energy.core.errors import AccessDenied, InvalidInput, NotFound
from energy.core.i18n import SEOUL
from energy.core.vocabulary import FIRST_COHORT, VISIT_KINDS
from energy.store.db import session_for
from energy.store.models.accounts import User
from energy.store.models.district_visits import DistrictVisit
from energy.store.models.villages import Village

NOTE_MAX = 2000  # characters: a few paragraphs, what a phone's note holds
RECENT_DAYS = 90  # "visits in the last 90 days": the compare table's measure of contact


def seoul_today() -> dt.date:
    return dt.datetime.now(SEOUL).date()


@dataclass(frozen=True)
class VisitInfo:
    id: int
    village_id: int
    village_code: str
    village_name: str
    village_name_en: str | None
    visited_on: dt.date
    kind: str
    note: str
    follow_up_on: dt.date | None
    author_id: int
    author_name: str
    created_at: dt.datetime

    def village_display(self, lang: str) -> str:
        return self.village_name if lang == "ko" else self.village_name_en or self.village_name

    def written_by(self, actor: Actor) -> bool:
        """Whether ``actor`` wrote this entry (and so may change it)."""
        return actor.user_id is not None and actor.user_id == self.author_id


@dataclass(frozen=True)
class VillageContacts:
    """One village's log in figures: its latest contact, how many in the recent days, and
    the follow-ups still open (day, the contact it came from)."""

    last_on: dt.date | None = None
    last_kind: str | None = None
    last_note: str = ""
    recent: int = 0
    open_follow_ups: tuple[tuple[dt.date, dt.date], ...] = ()


@dataclass(frozen=True)
class VisitEntry:
    """What an officer writes in the log about one contact."""

    visited_on: dt.date
    kind: str  # one of VISIT_KINDS
    note: str
    follow_up_on: dt.date | None = None


def _checked(entry: VisitEntry, today: dt.date) -> str:
    """The entry's note as kept (trimmed), once the entry keeps the log's rules."""
    if entry.kind not in VISIT_KINDS:
        raise InvalidInput("district.err_kind", field="kind")
    text = entry.note.strip()
    if not text:
        raise InvalidInput("district.err_note_required", field="note")
    if len(text) > NOTE_MAX:
        raise InvalidInput("district.err_note_too_long", field="note", max=NOTE_MAX)
    if entry.visited_on > today:
        raise InvalidInput("district.err_visit_in_future", field="visited_on")
    if entry.visited_on.year < FIRST_COHORT:
        raise InvalidInput("district.err_visit_too_early", field="visited_on", year=FIRST_COHORT)
    if entry.follow_up_on is not None and entry.follow_up_on < entry.visited_on:
        raise InvalidInput("district.err_follow_up_before", field="follow_up_on")
    return text


def _info(visit: DistrictVisit, village: Village, author: User) -> VisitInfo:
    return VisitInfo(
        id=visit.id,
        village_id=village.id,
        village_code=village.code,
        village_name=village.name,
        village_name_en=village.name_en,
        visited_on=visit.visited_on,
        kind=visit.kind,
        note=visit.note,
        follow_up_on=visit.follow_up_on,
        author_id=author.id,
        author_name=author.display_name or author.username,
        created_at=visit.created_at,
    )


def _author(session: Session, actor: Actor) -> User:
    user = session.get(User, actor.user_id) if actor.user_id is not None else None
    if user is None or user.username != actor.username:
        raise AccessDenied()
    return user


def log_visit(
    actor: Actor,
    village_id: int,
    entry: VisitEntry,
    *,
    today: dt.date | None = None,
    url: str | None = None,
) -> VisitInfo:
    """Write a contact with a village of the officer's district in its log."""
    require_village(actor, village_id, "district.home")
    text = _checked(entry, today or seoul_today())
    with session_for(actor, write=True, url=url) as session:
        village = session.get(Village, village_id)
        if village is None:
            raise NotFound("error.unknown_village", code=str(village_id))
        author = _author(session, actor)
        visit = DistrictVisit(
            village_id=village.id,
            visited_on=entry.visited_on,
            kind=entry.kind,
            note=text,
            author_id=author.id,
            follow_up_on=entry.follow_up_on,
        )
        session.add(visit)
        session.flush()
        return _info(visit, village, author)


def edit_visit(
    actor: Actor,
    visit_id: int,
    entry: VisitEntry,
    *,
    today: dt.date | None = None,
    url: str | None = None,
) -> VisitInfo:
    """Change an entry of the log: only the officer who wrote it may."""
    require(actor, "district.home")
    text = _checked(entry, today or seoul_today())
    with session_for(actor, write=True, url=url) as session:
        visit = session.get(DistrictVisit, visit_id)
        if visit is None:
            raise NotFound("district.err_unknown_visit", id=visit_id)
        require_village(actor, visit.village_id, "district.home")
        author = _author(session, actor)
        if visit.author_id != author.id:
            raise AccessDenied()
        visit.visited_on, visit.kind, visit.note = entry.visited_on, entry.kind, text
        visit.follow_up_on = entry.follow_up_on
        session.flush()
        village = session.get(Village, visit.village_id)
        assert village is not None  # the foreign key
        return _info(visit, village, author)


def _district_of(session: Session, village_id: int) -> int:
    district_id = session.scalar(select(Village.district_id).where(Village.id == village_id))
    if district_id is None:
        raise NotFound("error.unknown_village", code=str(village_id))
    return district_id


def list_visits(
    actor: Actor,
    *,
    district_id: int,
    village_id: int | None = None,
    limit: int = 200,
    url: str | None = None,
) -> list[VisitInfo]:
    """The log of a district (or of one of its villages), the latest contact first."""
    require_district_home(actor, district_id)
    with session_for(actor, url=url) as session:
        query = (
            select(DistrictVisit, Village, User)
            .join(Village, Village.id == DistrictVisit.village_id)
            .join(User, User.id == DistrictVisit.author_id)
            .where(Village.district_id == district_id)
            .order_by(DistrictVisit.visited_on.desc(), DistrictVisit.id.desc())
            .limit(limit)
        )
        if village_id is not None:
            if _district_of(session, village_id) != district_id:
                raise AccessDenied()
            require_village(actor, village_id, "village.read")
            query = query.where(DistrictVisit.village_id == village_id)
        scope = village_scope(actor)
        if scope is not None:
            query = query.where(DistrictVisit.village_id.in_(sorted(scope)))
        return [_info(v, village, user) for v, village, user in session.execute(query).all()]


def contacts_in(
    session: Session, village_ids: Collection[int], today: dt.date
) -> dict[int, VillageContacts]:
    """Each village's log in figures (villages with no entry left out): two grouped queries
    for all of them, whatever their number."""
    if not village_ids:
        return {}
    ids = sorted(village_ids)
    since = today - dt.timedelta(days=RECENT_DAYS)
    latest: dict[int, tuple[dt.date, str, str]] = {}
    recent: dict[int, int] = {}
    for village_id, visited_on, kind, note in session.execute(
        select(
            DistrictVisit.village_id,
            DistrictVisit.visited_on,
            DistrictVisit.kind,
            DistrictVisit.note,
        )
        .where(DistrictVisit.village_id.in_(ids))
        .order_by(DistrictVisit.village_id, DistrictVisit.visited_on, DistrictVisit.id)
    ):
        latest[village_id] = (visited_on, kind, note)  # ordered: the last one stays
        if visited_on >= since:
            recent[village_id] = recent.get(village_id, 0) + 1
    later = aliased(DistrictVisit)
    followed = (
        select(later.id)
        .where(later.village_id == DistrictVisit.village_id)
        .where(later.visited_on > DistrictVisit.visited_on)
        .exists()
    )
    open_ups: dict[int, list[tuple[dt.date, dt.date]]] = {}
    for village_id, follow_up, visited_on in session.execute(
        select(DistrictVisit.village_id, DistrictVisit.follow_up_on, DistrictVisit.visited_on)
        .where(
            DistrictVisit.village_id.in_(ids),
            DistrictVisit.follow_up_on.is_not(None),
            ~followed,
        )
        .order_by(DistrictVisit.follow_up_on)
    ):
        if follow_up is not None:  # (the query asks for these only)
            open_ups.setdefault(village_id, []).append((follow_up, visited_on))
    return {
        vid: VillageContacts(
            last_on=latest[vid][0],
            last_kind=latest[vid][1],
            last_note=latest[vid][2],
            recent=recent.get(vid, 0),
            open_follow_ups=tuple(open_ups.get(vid, ())),
        )
        for vid in latest
    }
