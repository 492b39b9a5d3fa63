"""Self check-in at a training session: a participant's check-in with the session's changing
code, and the rules of the window it shares with the trainer's board (Moodle's attendance is
the model).

The trainer opens self check-in for a session (the session gets a check-in key) and shows the
board (:mod:`energy.training.checkin_board`): a QR code and the code of the minute
(:mod:`energy.training.checkin_codes`), and the session's people as they arrive. A participant
opens the QR code's link on a phone and, with no account, names their village and types their
name (:mod:`energy.training.checkin_public`). A village committee logged in checks its people
in here instead: it picks a name from the village's training list (or adds it) and the
person is marked present, the mark saying it was their own check-in and when. The trainer
sees it within seconds and corrects any mark (present or absent); a correction is the
trainer's word, and a later check-in does not overwrite it.

Who may do what (checked here, whatever a page shows):

- the session's trainer and staff (``training.attendance``; a trainer only at their own
  sessions) open and close self check-in, see the board and correct marks;
- a village committee (``training.checkin``) checks in the people on its own village's
  training list, at a session its village is invited to, with the session's current code,
  inside the check-in window; nobody else checks anyone in.

Wrong codes are counted per account and phone (``energy.accounts.limits``, the login's
counters): after :data:`LOCK_AFTER_WRONG_CODES` within :data:`LOCK_MINUTES`, that phone may
not check in for that account for :data:`LOCK_MINUTES`; the trainer can still mark anyone.
Every change is in the audit log; a refused code is recorded there as ``checkin_refused``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.accounts import limits
from energy.core.access import Actor, require
from energy.core.errors import AccessDenied, EnergyError, InvalidInput, NotFound
from energy.core.i18n import SEOUL
from energy.core.vocabulary import CHECKIN_OPENS_BEFORE_MINUTES
from energy.store.db import record_action, session_for
from energy.store.models.base import utcnow
from energy.store.models.training import (
    Attendance,
    Participant,
    SessionVillage,
    TrainingSession,
)
from energy.training.attendance import ATTENDED, ParticipantInfo
from energy.training.checkin_codes import (
    BEFORE,
    CANCELLED,
    ENDED,
    GRACE_MINUTES,
    OPEN,
    CheckInWindow,
    checkin_window,
    code_age,
    normalise_code,
)
from energy.training.schedule import SessionInfo, session_info

LOCK_AFTER_WRONG_CODES = 5  # a typo or two is normal; five in ten minutes is guessing
LOCK_MINUTES = 10  # the pause after them, and how long a wrong code is remembered
SELF, RECORDED = "self", "recorded"
MAX_NAME = 60  # training_participants.name


def local_time(value: dt.datetime) -> str:
    return value.astimezone(SEOUL).strftime("%H:%M")


def _participant_info(p: Participant) -> ParticipantInfo:
    return ParticipantInfo(p.id, p.village_id, p.name, p.role, p.household_code, p.active)


def session_window(row: TrainingSession) -> CheckInWindow:
    return checkin_window(row.starts_at, row.ends_at)


def session_phase(row: TrainingSession, now: dt.datetime) -> str:
    return session_window(row).phase(now, cancelled=row.status != "scheduled")


def attendance_mark(session: Session, session_id: int, participant_id: int) -> Attendance | None:
    return session.scalar(
        select(Attendance).where(
            Attendance.session_id == session_id, Attendance.participant_id == participant_id
        )
    )


def refuse_outside(row: TrainingSession, now: dt.datetime, *, before_ok: bool = False) -> None:
    """Refuse, with the reason, a session that takes no check-in now."""
    phase = session_phase(row, now)
    if phase == CANCELLED:
        raise InvalidInput("error.checkin_cancelled", field="checkin_code")
    if phase == ENDED:
        raise InvalidInput(
            "error.checkin_ended", field="checkin_code", time=local_time(row.ends_at)
        )
    if phase == BEFORE and not before_ok:
        opens = session_window(row).opens_at
        raise InvalidInput(
            "error.checkin_not_yet", field="checkin_code", time=local_time(opens),
            minutes=CHECKIN_OPENS_BEFORE_MINUTES,
        )  # fmt: skip


# --- a participant's check-in ----------------------------------------------------------------


@dataclass(frozen=True)
class VillageSession:
    """A session of the committee's village, as the check-in page shows it."""

    session: SessionInfo
    window: CheckInWindow
    phase: str
    opened: bool
    checked_in: frozenset[int]  # the village's people marked present or late

    @property
    def accepting(self) -> bool:
        return self.phase == OPEN and self.opened


@dataclass(frozen=True)
class CheckInChoices:
    sessions: tuple[VillageSession, ...]  # today's (and any asked for), in time order
    people: tuple[ParticipantInfo, ...]  # the village's training list, by name


def _village_id(actor: Actor) -> int:
    require(actor, "training.checkin")
    if actor.village_id is None:
        raise AccessDenied()
    return actor.village_id


def check_in_choices(
    actor: Actor,
    *,
    session_id: int | None = None,
    now: dt.datetime | None = None,
    url: str | None = None,
) -> CheckInChoices:
    """The committee's village sessions of today (Seoul) and any now in its window, with
    ``session_id`` (a QR code's) when it is one of the village's; and the village's list."""
    village_id = _village_id(actor)
    now = now or utcnow()
    day = now.astimezone(SEOUL).replace(hour=0, minute=0, second=0, microsecond=0)
    with session_for(actor, url=url) as session:
        ours = select(SessionVillage.session_id).where(SessionVillage.village_id == village_id)
        soon = now + dt.timedelta(minutes=CHECKIN_OPENS_BEFORE_MINUTES)
        when = (
            (TrainingSession.starts_at >= day.astimezone(dt.UTC))
            & (TrainingSession.starts_at < (day + dt.timedelta(days=1)).astimezone(dt.UTC))
        ) | ((TrainingSession.starts_at <= soon) & (TrainingSession.ends_at > now))
        if session_id is not None:
            when = when | (TrainingSession.id == session_id)
        rows = session.scalars(
            select(TrainingSession)
            .where(TrainingSession.id.in_(ours), when)
            .order_by(TrainingSession.starts_at, TrainingSession.id)
        ).all()
        people = session.scalars(
            select(Participant)
            .where(Participant.village_id == village_id, Participant.active.is_(True))
            .order_by(Participant.name)  # people look for their own name: by name only
        ).all()
        ids = [p.id for p in people]
        came: dict[int, set[int]] = {r.id: set() for r in rows}
        for sid, pid in session.execute(
            select(Attendance.session_id, Attendance.participant_id).where(
                Attendance.session_id.in_(list(came)),
                Attendance.participant_id.in_(ids),
                Attendance.status.in_(ATTENDED),
            )
        ).all():
            came[sid].add(pid)
        return CheckInChoices(
            tuple(
                VillageSession(
                    session_info(r), session_window(r), session_phase(r, now), r.checkin_secret is not None,
                    frozenset(came[r.id]),
                )
                for r in rows
            ),
            tuple(_participant_info(p) for p in people),
        )  # fmt: skip


@dataclass(frozen=True)
class CheckInResult:
    session: SessionInfo
    participant: ParticipantInfo
    status: str  # present (a new check-in), or the mark they already had (present, late)
    checked_in_at: dt.datetime  # when they were marked (this check-in, or the earlier mark)
    already: bool  # they were marked present or late before: nothing changed


class _WrongCode(Exception):
    """A well-formed code that is no open session's code of this minute or the last."""


def check_in(
    actor: Actor,
    code: str,
    *,
    participant_id: int | None = None,
    new_name: str | None = None,
    session_id: int | None = None,
    client: str | None = None,
    now: dt.datetime | None = None,
    url: str | None = None,
) -> CheckInResult:
    """Check in one person of the committee's village with ``code``: the one of
    ``participant_id``, or ``new_name`` (found on the village's list, or added to it as a
    resident). With ``session_id`` (from the QR code) only that session; without, whichever
    open session of the village the code belongs to. ``client`` names the phone for the
    wrong-code limit. A repeated check-in changes nothing and says so (``already``)."""
    village_id = _village_id(actor)
    now = now or utcnow()
    typed = normalise_code(code)
    if typed is None:
        raise InvalidInput("error.checkin_code_format", field="checkin_code")
    name = " ".join((new_name or "").split())
    if participant_id is None and not name:
        raise InvalidInput("error.checkin_who", field="person")
    if participant_id is None and len(name) > MAX_NAME:
        raise InvalidInput("error.participant_name", field="person")
    refusal: EnergyError
    with session_for(actor, write=True, url=url) as session:
        wrong = limits.counter(
            session, limits.checkin_key(actor.username, client), now, LOCK_MINUTES
        )
        key = str(session_id) if session_id is not None else "?"
        detail = {"client": limits.client_tag(client)}
        locked = wrong.locked_minutes(now)
        if locked:
            record_action(session, "checkin_locked", "training_sessions", key, detail)
            refusal = InvalidInput("error.checkin_locked", field="checkin_code", minutes=locked)
        else:
            try:
                row = _session_of_code(session, village_id, typed, session_id, now)
            except _WrongCode:
                record_action(session, "checkin_refused", "training_sessions", key, detail)
                if wrong.add(now) >= LOCK_AFTER_WRONG_CODES:
                    wrong.lock(now, LOCK_MINUTES)
                    record_action(session, "checkin_lockout", "training_sessions", key, detail)
                    refusal = InvalidInput(
                        "error.checkin_locked", field="checkin_code", minutes=LOCK_MINUTES
                    )
                else:
                    refusal = InvalidInput("error.checkin_wrong_code", field="checkin_code")
            else:
                wrong.clear()
                person = _person(session, village_id, participant_id, name)
                return _mark_present(session, actor, row, person, now)
    raise refusal


def _session_of_code(
    session: Session, village_id: int, code: str, session_id: int | None, now: dt.datetime
) -> TrainingSession:
    """The session ``code`` checks into now, or a refusal saying why none does."""
    if session_id is not None:
        row = session.get(TrainingSession, session_id)
        if row is None:
            raise NotFound("error.unknown_session", id=session_id)
        if village_id not in {sv.village_id for sv in row.villages}:
            raise AccessDenied("error.checkin_not_invited")
        refuse_outside(row, now)
        if row.checkin_secret is None:
            raise InvalidInput("error.checkin_not_opened", field="checkin_code")
        return _matching([row], code, now)
    soon = now + dt.timedelta(minutes=CHECKIN_OPENS_BEFORE_MINUTES)
    in_window = session.scalars(
        select(TrainingSession).where(
            TrainingSession.id.in_(
                select(SessionVillage.session_id).where(SessionVillage.village_id == village_id)
            ),
            TrainingSession.status == "scheduled",
            TrainingSession.starts_at <= soon,
            TrainingSession.ends_at > now,
        )
    ).all()
    opened = [r for r in in_window if r.checkin_secret is not None]
    if not opened:
        key = "error.checkin_not_opened" if in_window else "error.checkin_none_open"
        raise InvalidInput(key, field="checkin_code")
    return _matching(opened, code, now)


def _matching(rows: list[TrainingSession], code: str, now: dt.datetime) -> TrainingSession:
    """The session of ``rows`` whose code of this minute or the last is ``code``; an expired
    code of one of them is refused as such, anything else is a wrong code."""
    ages = [
        (age, row)
        for row in rows
        if row.checkin_secret is not None
        and (age := code_age(row.checkin_secret, row.id, code, now)) is not None
    ]
    if not ages:
        raise _WrongCode()
    age, row = min(ages, key=lambda found: found[0])
    if age > GRACE_MINUTES:
        raise InvalidInput("error.checkin_code_expired", field="checkin_code")
    return row


def _person(
    session: Session, village_id: int, participant_id: int | None, name: str
) -> Participant:
    """The village's participant chosen, or named (added to the list when new)."""
    if participant_id is not None:
        person = session.get(Participant, participant_id)
        if person is None or person.village_id != village_id or not person.active:
            raise AccessDenied()
        return person
    person = session.scalar(
        select(Participant).where(Participant.village_id == village_id, Participant.name == name)
    )
    if person is None:
        person = Participant(village_id=village_id, name=name, role="resident")
        session.add(person)
        session.flush()
    elif not person.active:
        person.active = True
    return person


def _mark_present(
    session: Session, actor: Actor, row: TrainingSession, person: Participant, now: dt.datetime
) -> CheckInResult:
    mark = attendance_mark(session, row.id, person.id)
    info, who = session_info(row), _participant_info(person)
    if mark is not None and mark.status in ATTENDED:
        when = mark.checked_in_at or mark.recorded_at
        return CheckInResult(info, who, mark.status, when, already=True)
    if mark is not None:  # absent or excused, by the trainer: theirs to change
        key = (
            "error.checkin_marked_absent"
            if mark.status == "absent"
            else "error.checkin_marked_excused"
        )
        raise InvalidInput(key, field="person", name=person.name)
    session.add(
        Attendance(
            session_id=row.id, participant_id=person.id, status="present",
            recorded_by=actor.audit_name, recorded_at=now, source=SELF, checked_in_at=now,
        )
    )  # fmt: skip
    session.flush()
    return CheckInResult(info, who, "present", now, already=False)
