"""Self check-in without an account: a phone that opened the QR code's link checks its owner
in by naming their village and typing their name (conference check-in desks and Moodle's
self-marking are the models; no login, so no committee hands out its password).

What the link holds (``?session=<id>&code=<code>``) is the only key: :func:`public_session`
shows the session's title, time and place and the villages invited to it, and nothing else
(no list of people), only to a phone that brings a code of that session from the last
:data:`~energy.training.checkin_codes.RECOGNISED_MINUTES` minutes while self check-in is open.
:func:`self_check_in` takes (session, code, village, name, phone) and checks everything
itself: the code of this minute or the last, inside the session's check-in window, a village
invited to it. A name that is exactly one person of that village's training list (spaces
and case aside: "김 민지" is "김민지") marks that person present as their own check-in; any
other name (none, or two people of it; the list keeps no phone number to tell them apart)
waits on the trainer's board, who matches it to a person, adds it to the list or sets it
aside (:mod:`energy.training.checkin_board`). A person the trainer marked absent or excused
stays so: the trainer's word wins, and the check-in waits on the board for the trainer.

What the phone is told is the same for all of these ("접수되었습니다", with the name and
the time): whether a name is on a village's list is not for a phone to find out. The same
name at the same session and village is one check-in, however often it is sent.

Wrong codes are counted per phone (``energy.accounts.limits.self_checkin_key``) as the
login counts wrong passwords; each phone checks in at most :data:`MAX_PER_PHONE` names per
session. Every check-in and refusal is in the audit log, by the actor
:data:`SELF_CHECKIN_ACTOR` (the login ``self_checkin``, which no account can have).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from energy.accounts import limits
from energy.core.access import Actor
from energy.core.errors import EnergyError, InvalidInput
from energy.core.vocabulary import SELF_CHECKIN_LOGIN
from energy.store.db import record_action, session_for
from energy.store.models.base import utcnow
from energy.store.models.training import (
    Attendance,
    Participant,
    SelfCheckIn,
    TrainingSession,
)
from energy.training.attendance import ATTENDED
from energy.training.checkin import (
    LOCK_AFTER_WRONG_CODES,
    LOCK_MINUTES,
    MAX_NAME,
    SELF,
    attendance_mark,
    refuse_outside,
    session_phase,
)
from energy.training.checkin_codes import GRACE_MINUTES, code_age, normalise_code

# No account acts: the audit log names the self check-in itself. The role holds nothing.
SELF_CHECKIN_ACTOR = Actor(
    username=SELF_CHECKIN_LOGIN, role="public", display_name="Self check-in", language="ko"
)
MAX_PER_PHONE = 6  # a family on one phone; more is someone typing names for the room
CHECKED_IN, WAITING = "checked_in", "waiting"


def tidy_name(typed: str) -> str:
    """The name as typed, its spaces tidied (full-width letters read as letters)."""
    return " ".join(unicodedata.normalize("NFKC", typed or "").split())


def fold_name(typed: str) -> str:
    """The name as it is compared: no spaces, no case ("Kim Min-ji" is "kimmin-ji")."""
    return "".join(tidy_name(typed).casefold().split())


@dataclass(frozen=True)
class PublicVillage:
    id: int
    name: str
    name_en: str

    def label(self, lang: str) -> str:
        return self.name if lang == "ko" else self.name_en


@dataclass(frozen=True)
class PublicSession:
    """What a phone with the link may see of a session: its title, time and place, the
    villages invited to it, and whether it takes check-ins now (``phase``)."""

    id: int
    title_ko: str
    title_en: str
    venue_name: str
    starts_at: dt.datetime  # UTC
    ends_at: dt.datetime
    phase: str  # before, open, ended, cancelled (energy.training.checkin_codes)
    villages: tuple[PublicVillage, ...]  # by name

    def title(self, lang: str) -> str:
        return self.title_ko if lang == "ko" else self.title_en


@dataclass(frozen=True)
class SelfCheckInReceipt:
    """What the phone is told, the same whether the name was found or waits for the trainer."""

    session: PublicSession
    village: PublicVillage
    name: str  # as typed (tidied)
    at: dt.datetime  # when this name checked in (the first time)


def _public(row: TrainingSession, now: dt.datetime) -> PublicSession:
    villages = sorted(
        (PublicVillage(sv.village.id, sv.village.name, sv.village.name_en or sv.village.name)
         for sv in row.villages),
        key=lambda v: v.name,
    )  # fmt: skip
    return PublicSession(
        row.id, row.module.title_ko, row.module.title_en, row.venue.name, row.starts_at,
        row.ends_at, session_phase(row, now), tuple(villages),
    )  # fmt: skip


class _WrongCode(Exception):
    """No session of that id with self check-in open, or not one of its recent codes."""


def _recognised(
    session: Session, session_id: int, code: str, now: dt.datetime
) -> tuple[TrainingSession, int]:
    """The session and the age of ``code`` in minutes, if it is one of its recent codes."""
    row = session.get(TrainingSession, session_id)
    if row is None or row.checkin_secret is None:
        raise _WrongCode()
    age = code_age(row.checkin_secret, row.id, code, now)
    if age is None:
        raise _WrongCode()
    return row, age


def _guarded(
    session: Session, session_id: int, client: str | None, now: dt.datetime
) -> tuple[limits.Counter, dict[str, str]]:
    """The phone's wrong-code counter, refusing a phone locked out."""
    wrong = limits.counter(session, limits.self_checkin_key(client), now, LOCK_MINUTES)
    detail = {"client": limits.client_tag(client)}
    locked = wrong.locked_minutes(now)
    if locked:
        record_action(session, "checkin_locked", "training_sessions", str(session_id), detail)
        raise InvalidInput("error.checkin_locked", field="checkin_code", minutes=locked)
    return wrong, detail


def _count_wrong(
    session: Session,
    wrong: limits.Counter,
    session_id: int,
    detail: dict[str, str],
    now: dt.datetime,
    key: str = "error.self_checkin_wrong_code",
) -> InvalidInput:
    """A wrong code noted (and the phone locked out after too many): the refusal to give."""
    record_action(session, "checkin_refused", "training_sessions", str(session_id), detail)
    if wrong.add(now) >= LOCK_AFTER_WRONG_CODES:
        wrong.lock(now, LOCK_MINUTES)
        record_action(session, "checkin_lockout", "training_sessions", str(session_id), detail)
        return InvalidInput("error.checkin_locked", field="checkin_code", minutes=LOCK_MINUTES)
    return InvalidInput(key, field="checkin_code")


def public_session(
    session_id: int,
    code: str,
    *,
    client: str | None = None,
    now: dt.datetime | None = None,
    url: str | None = None,
) -> PublicSession:
    """The session a QR code's link names, as a phone without an account may see it; refused
    alike for a session that does not exist, is not open for self check-in, or whose code
    this is not (each such refusal counts as a wrong code for ``client``)."""
    now = now or utcnow()
    typed = normalise_code(code)
    refusal: EnergyError
    with session_for(SELF_CHECKIN_ACTOR, write=True, url=url) as session:
        try:
            wrong, detail = _guarded(session, session_id, client, now)
        except InvalidInput as locked:
            refusal = locked
        else:
            try:
                if typed is None:
                    raise _WrongCode()
                row, _ = _recognised(session, session_id, typed, now)
            except _WrongCode:
                refusal = _count_wrong(
                    session, wrong, session_id, detail, now, "error.self_checkin_link"
                )
            else:
                return _public(row, now)
    raise refusal


def self_check_in(
    session_id: int,
    code: str,
    village_id: int,
    name: str,
    client: str | None,
    *,
    now: dt.datetime | None = None,
    url: str | None = None,
) -> SelfCheckInReceipt:
    """Check in ``name`` of the village ``village_id`` at the session, from the phone
    ``client``, with ``code``: every rule is checked here (see the module's docstring). A
    refusal is raised once it is in the audit log (``checkin_refused`` for a wrong code,
    ``self_checkin_refused`` with the reason for the others)."""
    now = now or utcnow()
    refusal: EnergyError
    with session_for(SELF_CHECKIN_ACTOR, write=True, url=url) as session:
        tag = limits.client_tag(client)
        try:
            wrong, detail = _guarded(session, session_id, client, now)
            typed = normalise_code(code)
            if typed is None:
                raise InvalidInput("error.checkin_code_format", field="checkin_code")
            shown, key = tidy_name(name), fold_name(name)
            if not key:
                raise InvalidInput("error.self_checkin_name", field="person")
            if len(shown) > MAX_NAME:
                raise InvalidInput("error.participant_name", field="person")
            try:
                row, age = _recognised(session, session_id, typed, now)
            except _WrongCode:
                refusal = _count_wrong(session, wrong, session_id, detail, now)
            else:
                refuse_outside(row, now)  # a known code: why it does not count now
                if age > GRACE_MINUTES:
                    raise InvalidInput("error.checkin_code_expired", field="checkin_code")
                wrong.clear()
                return _receive(session, row, village_id, shown, key, tag, now)
        except InvalidInput as refused:
            if refused.key != "error.checkin_locked":  # (recorded as such already)
                record_action(session, "self_checkin_refused", "training_sessions",
                              str(session_id), {"client": tag, "reason": refused.key})  # fmt: skip
            refusal = refused
    raise refusal


def _receive(
    session: Session,
    row: TrainingSession,
    village_id: int,
    shown: str,
    key: str,
    client: str,
    now: dt.datetime,
) -> SelfCheckInReceipt:
    public = _public(row, now)
    village = next((v for v in public.villages if v.id == village_id), None)
    if village is None:
        raise InvalidInput("error.self_checkin_village", field="village")
    earlier = session.scalar(
        select(SelfCheckIn).where(
            SelfCheckIn.session_id == row.id,
            SelfCheckIn.village_id == village_id,
            SelfCheckIn.name_key == key,
        )
    )
    if earlier is not None:  # the same name again: one check-in, nothing changes
        record_action(session, "self_checkin_again", "training_self_checkins", str(earlier.id),
                      {"client": client}, village_id=village_id)  # fmt: skip
        return SelfCheckInReceipt(public, village, earlier.name, earlier.arrived_at)
    sent = session.scalar(
        select(func.count())
        .select_from(SelfCheckIn)
        .where(SelfCheckIn.session_id == row.id, SelfCheckIn.client == client)
    )
    if (sent or 0) >= MAX_PER_PHONE:
        raise InvalidInput("error.self_checkin_phone_full", field="person", n=MAX_PER_PHONE)
    people = [
        p
        for p in session.scalars(
            select(Participant).where(
                Participant.village_id == village_id, Participant.active.is_(True)
            )
        )
        if fold_name(p.name) == key
    ]
    state, person_id = WAITING, None
    if len(people) == 1:
        person_id = people[0].id
        mark = attendance_mark(session, row.id, person_id)
        if mark is None:
            session.add(
                Attendance(
                    session_id=row.id, participant_id=person_id, status="present",
                    recorded_by=SELF_CHECKIN_LOGIN, recorded_at=now, source=SELF,
                    checked_in_at=now,
                )
            )  # fmt: skip
            state = CHECKED_IN
        elif mark.status in ATTENDED:
            state = CHECKED_IN  # here already (the trainer saw them first)
        # else: the trainer marked them absent or excused; theirs to change (it waits)
    session.add(
        SelfCheckIn(
            session_id=row.id, village_id=village_id, name=shown, name_key=key, client=client,
            arrived_at=now, state=state, participant_id=person_id,
        )
    )  # fmt: skip
    session.flush()
    return SelfCheckInReceipt(public, village, shown, now)


def check_ins_waiting(session: Session, session_id: int) -> list[SelfCheckIn]:
    """The session's check-ins waiting for the trainer, the earliest first."""
    return list(
        session.scalars(
            select(SelfCheckIn)
            .where(SelfCheckIn.session_id == session_id, SelfCheckIn.state == WAITING)
            .order_by(SelfCheckIn.arrived_at, SelfCheckIn.id)
        )
    )
