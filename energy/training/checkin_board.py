"""The trainer's check-in board: self check-in opened and closed, the code of the minute, the
session's people as they arrive, and the trainer's corrections.

Who may: the session's trainer and staff (``training.attendance``; a trainer only at their
own sessions). A correction is the trainer's word: ``source`` becomes ``recorded``, the time
the person checked in stays (``checked_in_at``), and a later check-in does not overwrite it
(:mod:`energy.training.checkin`). A check-in from a phone without an account that matched
nobody on the list (:mod:`energy.training.checkin_public`) waits on the board until the
trainer matches it to a person of its village, adds the name to the village's list or sets
it aside (:func:`resolve_check_in`); the first two mark the person present as the trainer's word, with the time they checked in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.core.access import Actor, can, require
from energy.core.errors import AccessDenied, InvalidInput, NotFound
from energy.core.i18n import SEOUL
from energy.core.vocabulary import ATTENDANCE_STATUSES, CHECKIN_OPENS_BEFORE_MINUTES
from energy.store.db import session_for
from energy.store.models.base import utcnow
from energy.store.models.training import (
    Attendance,
    Participant,
    SelfCheckIn,
    TrainingSession,
)
from energy.training import curriculum
from energy.training.attendance import ATTENDED
from energy.training.checkin import (
    RECORDED,
    attendance_mark,
    local_time,
    refuse_outside,
    session_phase,
    session_window,
)
from energy.training.checkin_codes import (
    OPEN,
    CheckInWindow,
    ShownCode,
    checkin_window,
    new_key,
    shown_code,
)
from energy.training.checkin_public import WAITING, check_ins_waiting, fold_name
from energy.training.schedule import SessionFilter, SessionInfo, session_info, sessions_in


@dataclass(frozen=True)
class Arrival:
    """One person of the session's villages, with their mark so far (``status`` None: none)."""

    participant_id: int
    name: str
    role: str
    village_code: str
    village_name: str
    village_name_en: str
    status: str | None
    source: str | None  # "self" (their own check-in) or "recorded" (the trainer, staff)
    checked_in_at: dt.datetime | None  # when they checked themselves in, if they did
    recorded_at: dt.datetime | None
    recorded_by: str | None

    @property
    def arrived(self) -> bool:
        return self.status in ATTENDED


@dataclass(frozen=True)
class WaitingCheckIn:
    """A check-in from a phone without an account that is the trainer's to resolve: a name
    on nobody of the village's list (``reason`` ``unknown``), on two people of it
    (``ambiguous``), or of a person the trainer had marked absent or excused (``marked``)."""

    id: int
    village_id: int
    village_name: str
    village_name_en: str
    name: str  # as typed
    arrived_at: dt.datetime
    reason: str
    participant_id: int | None  # the person, when ``marked``
    candidates: tuple[tuple[int, str], ...]  # the village's list (id, name), named ones first


@dataclass(frozen=True)
class CheckInBoard:
    session: SessionInfo
    window: CheckInWindow
    phase: str  # before, open, ended, cancelled (checkin_codes)
    opened: bool  # the trainer has opened self check-in (the session has a key)
    code: ShownCode | None  # the code to show: only while opened and in the window
    people: tuple[Arrival, ...]
    correctable: bool  # whether this actor may correct marks now
    unmatched: tuple[WaitingCheckIn, ...] = ()  # check-ins waiting for the trainer

    @property
    def arrived(self) -> tuple[Arrival, ...]:
        """Those marked present or late, the latest arrival first."""
        came = [p for p in self.people if p.arrived]
        return tuple(sorted(came, key=_arrival_time, reverse=True))

    @property
    def waiting(self) -> tuple[Arrival, ...]:
        return tuple(p for p in self.people if not p.arrived)


def _arrival_time(person: Arrival) -> dt.datetime:
    when = person.checked_in_at or person.recorded_at
    return when or dt.datetime.min.replace(tzinfo=dt.UTC)


def board_sessions(
    actor: Actor,
    *,
    session_id: int | None = None,
    now: dt.datetime | None = None,
    url: str | None = None,
) -> list[SessionInfo]:
    """The sessions ``actor`` may show the board of now: their own (staff: every one) that
    start today (Seoul) or are in their check-in window, and ``session_id`` (a link's) if the
    actor runs it; in time order."""
    require(actor, "training.attendance")
    now = now or utcnow()
    today = now.astimezone(SEOUL).date()
    with session_for(actor, url=url) as session:
        found = sessions_in(
            session, actor, SessionFilter(start=today - dt.timedelta(days=1), end=today)
        )
        kept = {
            s.id: s
            for s in found
            if s.local_start.date() == today
            or checkin_window(s.starts_at, s.ends_at).phase(now) == OPEN
        }
        if session_id is not None and session_id not in kept:
            kept[session_id] = session_info(_board_row(session, actor, session_id))
        return sorted(kept.values(), key=lambda s: (s.starts_at, s.id))


def current_session(sessions: Sequence[SessionInfo], now: dt.datetime) -> SessionInfo:
    """The one to show first: in its check-in window now, else the next to start, else the
    last (``sessions`` in time order, not empty)."""
    for s in sessions:
        if s.status == "scheduled" and checkin_window(s.starts_at, s.ends_at).phase(now) == OPEN:
            return s
    coming = [s for s in sessions if s.starts_at > now and s.status == "scheduled"]
    return coming[0] if coming else sessions[-1]


def _board_row(session: Session, actor: Actor, session_id: int) -> TrainingSession:
    """The session, if ``actor`` runs its attendance: staff any, a trainer their own."""
    require(actor, "training.attendance")
    row = session.get(TrainingSession, session_id)
    if row is None:
        raise NotFound("error.unknown_session", id=session_id)
    if actor.role == "trainer":
        own = curriculum.trainer_for_user(session, actor)
        if own is None or own.id != row.trainer_id:
            raise AccessDenied()
    return row


def _board(session: Session, actor: Actor, row: TrainingSession, now: dt.datetime) -> CheckInBoard:
    villages = sorted((sv.village for sv in row.villages), key=lambda v: v.code)
    marks = {
        a.participant_id: a
        for a in session.scalars(select(Attendance).where(Attendance.session_id == row.id))
    }
    people = list(
        session.scalars(
            select(Participant).where(
                Participant.village_id.in_([v.id for v in villages]),
                Participant.active.is_(True) | Participant.id.in_(list(marks)),
            )
        )
    )
    order = {v.id: i for i, v in enumerate(villages)}
    people.sort(key=lambda p: (order[p.village_id], p.role != "organiser", p.name))
    by_id = {v.id: v for v in villages}
    arrivals = []
    for p in people:
        mark = marks.get(p.id)
        village = by_id[p.village_id]
        arrivals.append(
            Arrival(
                p.id, p.name, p.role, village.code, village.name, village.name_en or village.name,
                mark.status if mark else None, mark.source if mark else None,
                mark.checked_in_at if mark else None, mark.recorded_at if mark else None,
                mark.recorded_by if mark else None,
            )
        )  # fmt: skip
    phase = session_phase(row, now)
    key = row.checkin_secret
    opened = key is not None
    code = shown_code(key, row.id, now) if key is not None and phase == OPEN else None
    correctable = (
        can(actor, "training.attendance")
        and row.status == "scheduled"
        and now >= session_window(row).opens_at
    )
    return CheckInBoard(
        session_info(row), session_window(row), phase, opened, code, tuple(arrivals),
        correctable, _unmatched(session, row, people, by_id),
    )  # fmt: skip


def _unmatched(
    session: Session, row: TrainingSession, people: list[Participant], villages: dict[int, Any]
) -> tuple[WaitingCheckIn, ...]:
    found = []
    for c in check_ins_waiting(session, row.id):
        village = villages.get(c.village_id)
        if village is None:  # a village no longer invited: nobody of it to match
            continue
        listed = [p for p in people if p.village_id == c.village_id and p.active]
        named = [p for p in listed if fold_name(p.name) == c.name_key]
        if c.participant_id is not None:
            reason = "marked"
        else:
            reason = "ambiguous" if len(named) > 1 else "unknown"
        ordered = named + sorted((p for p in listed if p not in named), key=lambda p: p.name)
        found.append(
            WaitingCheckIn(
                c.id, c.village_id, village.name, village.name_en or village.name, c.name,
                c.arrived_at, reason, c.participant_id, tuple((p.id, p.name) for p in ordered),
            )
        )  # fmt: skip
    return tuple(found)


def check_in_board(
    actor: Actor, session_id: int, *, now: dt.datetime | None = None, url: str | None = None
) -> CheckInBoard:
    """What the trainer's screen shows now: the code (once opened, in the window), who came."""
    with session_for(actor, url=url) as session:
        row = _board_row(session, actor, session_id)
        return _board(session, actor, row, now or utcnow())


def open_check_in(
    actor: Actor, session_id: int, *, now: dt.datetime | None = None, url: str | None = None
) -> CheckInBoard:
    """Let participants check themselves in (again the same key if it is open already).
    Refused for a cancelled session and once the session has ended."""
    now = now or utcnow()
    with session_for(actor, write=True, url=url) as session:
        row = _board_row(session, actor, session_id)
        refuse_outside(row, now, before_ok=True)
        if row.checkin_secret is None:
            row.checkin_secret = new_key()
            session.flush()
        return _board(session, actor, row, now)


def close_check_in(
    actor: Actor, session_id: int, *, now: dt.datetime | None = None, url: str | None = None
) -> CheckInBoard:
    """Stop self check-in: the key is dropped, so no code of this session counts any more
    (opening it again makes a new key)."""
    now = now or utcnow()
    with session_for(actor, write=True, url=url) as session:
        row = _board_row(session, actor, session_id)
        if row.checkin_secret is not None:
            row.checkin_secret = None
            session.flush()
        return _board(session, actor, row, now)


def correct_arrival(
    actor: Actor,
    session_id: int,
    participant_id: int,
    status: str,
    *,
    now: dt.datetime | None = None,
    url: str | None = None,
) -> CheckInBoard:
    """The trainer's (or staff's) mark for one person, from the moment check-in opens; it
    replaces a check-in, which stays visible as ``checked_in_at``."""
    now = now or utcnow()
    if status not in ATTENDANCE_STATUSES:
        raise InvalidInput("error.attendance_status", field="status", value=status)
    with session_for(actor, write=True, url=url) as session:
        row = _board_row(session, actor, session_id)
        if row.status != "scheduled":
            raise InvalidInput("error.session_cancelled", field="status")
        opens = session_window(row).opens_at
        if now < opens:
            raise InvalidInput(
                "error.checkin_not_yet", field="status", time=local_time(opens),
                minutes=CHECKIN_OPENS_BEFORE_MINUTES,
            )  # fmt: skip
        person = session.get(Participant, participant_id)
        if person is None or person.village_id not in {sv.village_id for sv in row.villages}:
            raise InvalidInput(
                "error.participant_not_in_session", field="status", id=participant_id
            )
        _trainers_mark(session, actor, row, participant_id, status, now)
        if status in ATTENDED:  # a check-in of theirs that waited for this is settled
            for waiting in check_ins_waiting(session, row.id):
                if waiting.participant_id == participant_id:
                    _resolved(waiting, actor, "matched", now)
        session.flush()
        return _board(session, actor, row, now)


def _trainers_mark(
    session: Session,
    actor: Actor,
    row: TrainingSession,
    participant_id: int,
    status: str,
    now: dt.datetime,
    checked_in_at: dt.datetime | None = None,
) -> None:
    """``status`` for the person as the trainer's word (``checked_in_at``: when they checked
    themselves in, kept where the mark had none)."""
    mark = attendance_mark(session, row.id, participant_id)
    if mark is None:
        session.add(
            Attendance(
                session_id=row.id, participant_id=participant_id, status=status,
                recorded_by=actor.audit_name, recorded_at=now, source=RECORDED,
                checked_in_at=checked_in_at,
            )
        )  # fmt: skip
        return
    if (mark.status, mark.source) != (status, RECORDED):
        mark.status, mark.source = status, RECORDED
        mark.recorded_by, mark.recorded_at = actor.audit_name, now
    if mark.checked_in_at is None and checked_in_at is not None:
        mark.checked_in_at = checked_in_at


# --- check-ins without an account that wait for the trainer --------------------------------


def _waiting(
    session: Session, actor: Actor, session_id: int, check_in_id: int, now: dt.datetime
) -> tuple[TrainingSession, SelfCheckIn]:
    row = _board_row(session, actor, session_id)
    if row.status != "scheduled":
        raise InvalidInput("error.session_cancelled", field="status")
    found = session.get(SelfCheckIn, check_in_id)
    if found is None or found.session_id != row.id:
        raise NotFound("error.self_checkin_unknown", id=check_in_id)
    if found.state != WAITING:
        raise InvalidInput("error.self_checkin_resolved", field="status", name=found.name)
    if found.village_id not in {sv.village_id for sv in row.villages}:
        raise InvalidInput("error.self_checkin_village", field="village")
    return row, found


RESOLUTIONS = ("matched", "added", "dismissed")  # how the trainer settles a waiting check-in


def _resolved(found: SelfCheckIn, actor: Actor, state: str, now: dt.datetime) -> None:
    found.state, found.resolved_by, found.resolved_at = state, actor.audit_name, now


def resolve_check_in(
    actor: Actor,
    session_id: int,
    check_in_id: int,
    state: str,
    *,
    participant_id: int | None = None,
    now: dt.datetime | None = None,
    url: str | None = None,
) -> CheckInBoard:
    """Settle a waiting check-in: ``matched`` to ``participant_id`` (a person of its
    village's list), ``added`` (its name goes on the village's list as a resident; a name
    there already, exactly, is that person), both then marked present as the trainer's word
    with the time they checked in; or ``dismissed`` (a joke, a typo sent again: nobody is
    marked)."""
    now = now or utcnow()
    if state not in RESOLUTIONS:
        raise InvalidInput("error.self_checkin_resolution", field="status", value=state)
    with session_for(actor, write=True, url=url) as session:
        row, found = _waiting(session, actor, session_id, check_in_id, now)
        person = None
        if state == "matched":
            person = session.get(Participant, participant_id) if participant_id else None
            if person is None or person.village_id != found.village_id:
                raise InvalidInput(
                    "error.participant_not_in_session", field="person", id=participant_id
                )
        elif state == "added":
            person = _listed(session, found)
        if person is not None:
            _trainers_mark(session, actor, row, person.id, "present", now, found.arrived_at)
            found.participant_id = person.id
        _resolved(found, actor, state, now)
        session.flush()
        return _board(session, actor, row, now)


def _listed(session: Session, found: SelfCheckIn) -> Participant:
    """The person of the check-in's name on its village's list, put there if need be."""
    person = session.scalar(
        select(Participant).where(
            Participant.village_id == found.village_id, Participant.name == found.name
        )
    )
    if person is None:
        person = Participant(village_id=found.village_id, name=found.name, role="resident")
        session.add(person)
        session.flush()
    elif not person.active:
        person.active = True
    return person
