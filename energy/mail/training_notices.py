"""A training session scheduled, moved or cancelled: a notice to the people of its villages,
with the session's ``.ics`` attached, queued in the transaction of the change.

Who hears of it: for each village of the session, its committee accounts (their own language;
``training_session`` is optional, so an account may turn these off) and the participants on
its training list who gave an address (kind ``training_session_participant``). A participant
has no account and so no account page to turn mail off on: the message says why the person
gets it and that the village committee takes the address off the list. A participant is
written to in the language of the village's committee account (its first one), or Korean.
An address is written to once per change, whatever lists it is on; an account's own choice
wins over a participant entry with the same address (an account that turned these off gets
none). A session that has already ended is not announced.

A committee account's message links to the training calendar; a participant's carries no
link (the person has no login). The calendar file is made by the caller (``calendar``:
:mod:`energy.training.ics`), so this module reads nothing of ``energy.training``: the
schedule calls in here and never the other way round.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.core.i18n import format_date, translate
from energy.mail.compose import Paragraph, Recipient, compose, page_link, para, recipient_for
from energy.mail.outbox import Attachment, Outgoing, enqueue
from energy.store.models.accounts import User
from energy.store.models.base import utcnow
from energy.store.models.training import Participant
from energy.store.models.villages import Village

KIND = "training_session"  # to an account: optional
PARTICIPANT_KIND = "training_session_participant"  # to a participant, who has no account
CHANGES = ("scheduled", "moved", "cancelled")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CALENDAR_TYPE = "text/calendar"


class NoticeSession(Protocol):
    """What a notice reads of a session (``energy.training.schedule.SessionInfo`` has it)."""

    @property
    def id(self) -> int: ...
    @property
    def sequence(self) -> int: ...
    @property
    def venue_id(self) -> int: ...
    @property
    def venue_name(self) -> str: ...
    @property
    def village_ids(self) -> tuple[int, ...]: ...
    @property
    def local_start(self) -> dt.datetime: ...
    @property
    def local_end(self) -> dt.datetime: ...
    def title(self, lang: str) -> str: ...


S = TypeVar("S", bound=NoticeSession)


def when(start: dt.datetime, end: dt.datetime, lang: str) -> str:
    """``2027년 3월 5일 (금) 19:00–21:00`` / ``Fri 5 Mar 2027, 19:00–21:00`` (Seoul times)."""
    return translate(
        "training_notice.when",
        lang,
        date=format_date(start.date(), lang),
        weekday=translate(f"weekday.{WEEKDAYS[start.weekday()]}", lang),
        start=f"{start:%H:%M}",
        end=f"{end:%H:%M}",
    )


@dataclass
class _Addressee:
    """One address's notice: to whom, for which village, about which sessions."""

    to: Recipient
    village: Village
    participant_id: int | None = None
    session_ids: list[int] = field(default_factory=list)


def _addressees(session: Session, village_ids: list[int]) -> dict[str, _Addressee]:
    """The people to write to, by address (an account's own choice first)."""
    villages = {
        v.id: v for v in session.scalars(select(Village).where(Village.id.in_(village_ids)))
    }
    accounts = list(
        session.scalars(
            select(User)
            .where(User.role == "committee", User.village_id.in_(village_ids))
            .order_by(User.id)
        )
    )
    language: dict[int | None, str] = {}
    for user in accounts:
        if user.is_active:
            language.setdefault(user.village_id, user.language)
    found: dict[str, _Addressee] = {}
    muted: set[str] = set()
    for user in accounts:
        to = recipient_for(user, KIND)
        if to is None:
            if user.email:
                muted.add(user.email)
            continue
        found.setdefault(to.address, _Addressee(to, villages[user.village_id or 0]))
    people = session.scalars(
        select(Participant)
        .where(
            Participant.village_id.in_(village_ids),
            Participant.active.is_(True),
            Participant.email.is_not(None),
        )
        .order_by(Participant.id)
    )
    for person in people:
        address = person.email or ""
        if address in found or address in muted:
            continue
        to = Recipient(address, language.get(person.village_id, "ko"), None, person.name)
        found[address] = _Addressee(to, villages[person.village_id], person.id)
    return found


def _body(
    change: str,
    chosen: Sequence[NoticeSession],
    whom: _Addressee,
    places: Mapping[int, str],
    moved_from: dt.datetime | None,
) -> tuple[Paragraph, list[Paragraph]]:
    lang = whom.to.language
    village = whom.village.name if lang == "ko" else whom.village.name_en or whom.village.name
    first = chosen[0]
    first_when = when(first.local_start, first.local_end, lang)
    if change == "scheduled" and len(chosen) > 1:
        subject = para("training_notice.subject_scheduled_many", n=len(chosen))
        intro = para("training_notice.intro_scheduled_many", village=village, n=len(chosen))
    elif change == "moved":
        subject = para("training_notice.subject_moved", title=first.title(lang), when=first_when)
        was = moved_from or first.local_start
        was_when = f"{format_date(was.date(), lang)} {was:%H:%M}"
        intro = para("training_notice.intro_moved", village=village, was=was_when)
    else:
        subject = para(
            f"training_notice.subject_{change}", title=first.title(lang), when=first_when
        )
        intro = para(f"training_notice.intro_{change}", village=village)
    lines = [
        para(
            "training_notice.session",
            title=s.title(lang),
            when=when(s.local_start, s.local_end, lang),
            place=places.get(s.venue_id, s.venue_name),
        )
        for s in chosen
    ]
    closing = [para("training_notice.ics")]
    if whom.participant_id is not None:
        closing.append(para("training_notice.why_participant", village=village))
    return subject, [intro, *lines, *closing]


def queue_session_notices(
    session: Session,
    change: str,
    sessions: Sequence[S],
    *,
    calendar: Callable[[Sequence[S], str], bytes],
    places: Mapping[int, str] | None = None,
    moved_from: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> list[Outgoing]:
    """Queue, in ``session``'s transaction, the notices of ``change`` (``scheduled``,
    ``moved``, ``cancelled``) to ``sessions`` (of a schedule just generated: many at once,
    each person hearing of their own village's in one message). ``calendar(sessions, lang)``
    makes the ``.ics``; ``places``: each venue's name and address, by venue id;
    ``moved_from``: a moved session's former start (Seoul). Returns the messages queued."""
    if change not in CHANGES:
        raise ValueError(f"unknown change {change!r}")
    now = now or utcnow()
    upcoming = [s for s in sessions if s.local_end > now]
    if not upcoming:
        return []
    village_ids = sorted({v for s in upcoming for v in s.village_ids})
    addressees = _addressees(session, village_ids)
    by_id = {s.id: s for s in upcoming}
    for whom in addressees.values():
        whom.session_ids = [s.id for s in upcoming if whom.village.id in s.village_ids]
    queued: list[Outgoing] = []
    for whom in addressees.values():
        if not whom.session_ids:
            continue
        chosen = [by_id[i] for i in whom.session_ids]
        lang = whom.to.language
        subject, body = _body(change, chosen, whom, places or {}, moved_from)
        first = chosen[0]
        who = f"u{whom.to.user_id}" if whom.participant_id is None else f"p{whom.participant_id}"
        message = compose(
            KIND if whom.participant_id is None else PARTICIPANT_KIND,
            whom.to,
            subject=subject,
            body=body,
            link=None
            if whom.participant_id is not None
            else ("training_notice.link", page_link("training")),
            attachments=[
                Attachment(
                    f"training-{first.id}.ics" if len(chosen) == 1 else "training.ics",
                    CALENDAR_TYPE,
                    calendar(chosen, lang),
                )
            ],
            dedupe_key=f"{KIND}:{change}:{first.id}:{first.sequence}:{who}",
        )
        if enqueue(session, message) is not None:
            queued.append(message)
    return queued
