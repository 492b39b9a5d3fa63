"""Who takes part in training and who came: participants, attendance, the training rules.

A village keeps a training list of its residents (*participants*); organisers (committee
members and the residents who run the village) are marked, because completion counts them.
Attendance is one status per participant and session: present, late, excused or absent.
The session's trainer or staff record it, for the whole session at once (participants may
also check themselves in: :mod:`energy.training.checkin`); a paper sign-in
sheet (:mod:`energy.training.pdf`) numbers the rows in the same order as
:func:`attendance_sheet`, so its results can be typed back in as one line of letters.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from enum import Enum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from energy.core.access import Actor, can, in_scope, require, require_village, village_scope
from energy.core.errors import AccessDenied, AlreadyExists, InvalidInput, NotFound
from energy.core.vocabulary import ATTENDANCE_STATUSES, PARTICIPANT_ROLES
from energy.mail.addresses import normalise_email
from energy.store.db import session_for
from energy.store.models.base import utcnow
from energy.store.models.system import AppSetting
from energy.store.models.training import Attendance, Participant, TrainingSession
from energy.training import curriculum
from energy.training.schedule import SessionInfo, session_info
from energy.villages.households import village_by_code

RULES_KEY = "training.rules"
# Sign-in sheet letters, in English and Korean (출석, 지각, 사유 결석, 결석); "-": not recorded.
SHEET_LETTERS = {
    "P": "present", "L": "late", "E": "excused", "A": "absent",
    "출": "present", "지": "late", "사": "excused", "결": "absent",
}  # fmt: skip
ATTENDED = ("present", "late")


@dataclass(frozen=True)
class TrainingRules:
    """The completion rule and the attendance warning, editable by staff."""

    min_organisers: int = 3  # organisers who must attend each core module
    count_late: bool = True  # a late arrival counts as attending
    attendance_threshold: float = 0.6  # below this share of the list attending: a warning
    programme_year: int = 1  # the year whose core modules completion asks for

    @property
    def attending(self) -> tuple[str, ...]:
        return ATTENDED if self.count_late else ("present",)


def rules_in(session: Session) -> TrainingRules:
    row = session.get(AppSetting, RULES_KEY)
    if row is None:
        return TrainingRules()
    stored = json.loads(row.value)
    known = {k: v for k, v in stored.items() if k in TrainingRules.__dataclass_fields__}
    return TrainingRules(**known)


def get_rules(actor: Actor, *, url: str | None = None) -> TrainingRules:
    require(actor, "training.read")
    with session_for(actor, url=url) as session:
        return rules_in(session)


def save_rules(actor: Actor, rules: TrainingRules, *, url: str | None = None) -> TrainingRules:
    require(actor, "training.manage")
    if not 1 <= rules.min_organisers <= 20:
        raise InvalidInput("error.min_organisers", field="min_organisers")
    if not 0 < rules.attendance_threshold <= 1:
        raise InvalidInput("error.attendance_threshold", field="attendance_threshold")
    with session_for(actor, write=True, url=url) as session:
        row = session.get(AppSetting, RULES_KEY)
        value = json.dumps(asdict(rules), sort_keys=True)
        if row is None:
            session.add(AppSetting(key=RULES_KEY, value=value))
        else:
            row.value = value
        return rules


# --- participants -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantInfo:
    id: int
    village_id: int
    name: str
    role: str
    household_code: str | None
    active: bool
    # Where the session notices go (energy.mail.training_notices); shown only to those who
    # keep the list (the committee, staff), never to a trainer: ``None`` for them.
    email: str | None = None


class Keep(Enum):
    """``email=KEEP``: leave the address as it is (a trainer's edit, which never shows it)."""

    KEEP = "keep"


KEEP = Keep.KEEP


def _participant(p: Participant, *, with_email: bool = True) -> ParticipantInfo:
    return ParticipantInfo(
        p.id, p.village_id, p.name, p.role, p.household_code, p.active,
        p.email if with_email else None,
    )  # fmt: skip


def _may_see_addresses(actor: Actor, village_id: int) -> bool:
    """Addresses are for whoever keeps the list (the committee, staff), not for a trainer."""
    return can(actor, "training.participants") and in_scope(actor, village_id)


def list_participants(
    actor: Actor, village_code: str, *, include_inactive: bool = False, url: str | None = None
) -> list[ParticipantInfo]:
    with session_for(actor, url=url) as session:
        village = village_by_code(session, village_code)
        require_village(actor, village.id, "training.read")
        _require_trainer_reach(session, actor, village.id)
        query = select(Participant).where(Participant.village_id == village.id)
        if not include_inactive:
            query = query.where(Participant.active.is_(True))
        rows = session.scalars(query.order_by(Participant.role.desc(), Participant.name))
        shown = _may_see_addresses(actor, village.id)
        return [_participant(p, with_email=shown) for p in rows]


def _require_trainer_reach(session: Session, actor: Actor, village_id: int) -> None:
    """A trainer reads and changes the training lists of their own sessions' villages only."""
    own = curriculum.trainer_village_ids(session, actor)
    if own is not None and village_id not in own:
        raise AccessDenied()


def _may_edit_list(session: Session, actor: Actor, village_id: int) -> None:
    if actor.role == "trainer":  # a walk-in at their own session
        require(actor, "training.attendance")
        _require_trainer_reach(session, actor, village_id)
        return
    require_village(actor, village_id, "training.participants")


def may_keep_list(actor: Actor, village_code: str, *, url: str | None = None) -> bool:
    """Whether ``actor`` may read and change the village's training list (for the page)."""
    with session_for(actor, url=url) as session:
        village = village_by_code(session, village_code)
        try:
            require_village(actor, village.id, "training.read")
            _require_trainer_reach(session, actor, village.id)
        except AccessDenied:
            return False
    return True


def add_participant(
    actor: Actor,
    village_code: str,
    *,
    name: str,
    role: str = "resident",
    household_code: str | None = None,
    email: str | None = None,
    url: str | None = None,
) -> ParticipantInfo:
    """Put a resident on the village's training list; ``email``, if given, is where the
    session notices go (only the committee and staff give one: a trainer never sees it)."""
    name = " ".join(name.split())
    if not name or len(name) > 60:
        raise InvalidInput("error.participant_name", field="person")
    if role not in PARTICIPANT_ROLES:
        raise InvalidInput("error.participant_role", field="role")
    address = normalise_email(email)
    with session_for(actor, write=True, url=url) as session:
        village = village_by_code(session, village_code)
        _may_edit_list(session, actor, village.id)
        if address is not None and not _may_see_addresses(actor, village.id):
            raise AccessDenied()
        taken = session.scalar(
            select(Participant).where(
                Participant.village_id == village.id, Participant.name == name
            )
        )
        if taken is not None:
            raise AlreadyExists("error.participant_taken", field="person", name=name)
        row = Participant(
            village_id=village.id, name=name, role=role, household_code=household_code or None,
            email=address,
        )  # fmt: skip
        session.add(row)
        session.flush()
        return _participant(row, with_email=_may_see_addresses(actor, village.id))


def update_participant(
    actor: Actor,
    participant_id: int,
    *,
    role: str,
    active: bool,
    email: str | Keep | None = KEEP,
    url: str | None = None,
) -> ParticipantInfo:
    """Change a participant's role and whether they are on the list; ``email``: a new
    address, ``None`` (or blank) to take it off, ``KEEP`` (the default) to leave it."""
    if role not in PARTICIPANT_ROLES:
        raise InvalidInput("error.participant_role", field="role")
    address = None if isinstance(email, Keep) else normalise_email(email)
    with session_for(actor, write=True, url=url) as session:
        row = session.get(Participant, participant_id)
        if row is None:
            raise NotFound("error.unknown_participant", id=participant_id)
        _may_edit_list(session, actor, row.village_id)
        shown = _may_see_addresses(actor, row.village_id)
        if not isinstance(email, Keep):
            if not shown:
                raise AccessDenied()
            row.email = address
        row.role, row.active = role, active
        session.flush()
        return _participant(row, with_email=shown)


# --- the attendance of one session ------------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number on the paper sign-in sheet
    participant_id: int
    name: str
    role: str
    village_code: str
    village_name: str
    status: str | None  # None: not recorded yet


@dataclass(frozen=True)
class AttendanceSheet:
    session: SessionInfo
    rows: tuple[SheetRow, ...]
    editable: bool  # whether this actor may record it now

    @property
    def recorded(self) -> int:
        return sum(r.status is not None for r in self.rows)


def _session_row(session: Session, actor: Actor, session_id: int) -> TrainingSession:
    row = session.get(TrainingSession, session_id)
    if row is None:
        raise NotFound("error.unknown_session", id=session_id)
    require(actor, "training.read")
    village_ids = {sv.village_id for sv in row.villages}
    scope = village_scope(actor)
    if scope is not None and not village_ids & scope:
        raise AccessDenied()
    if actor.role == "trainer":
        own = curriculum.trainer_for_user(session, actor)
        if own is None or own.id != row.trainer_id:
            raise AccessDenied()
    return row


def _may_record(actor: Actor, row: TrainingSession, now: dt.datetime) -> bool:
    # Recorded once the session has begun: nobody attends a meeting in advance.
    return can(actor, "training.attendance") and row.status == "scheduled" and row.starts_at <= now


def sheet_in(session: Session, actor: Actor, session_id: int, now: dt.datetime) -> AttendanceSheet:
    row = _session_row(session, actor, session_id)
    villages = sorted((sv.village for sv in row.villages), key=lambda v: v.code)
    recorded = dict(
        session.execute(
            select(Attendance.participant_id, Attendance.status).where(
                Attendance.session_id == row.id
            )
        ).all()
    )
    people = list(
        session.scalars(
            select(Participant).where(
                Participant.village_id.in_([v.id for v in villages]),
                (Participant.active.is_(True)) | (Participant.id.in_(list(recorded))),
            )
        )
    )
    order = {v.id: i for i, v in enumerate(villages)}
    people.sort(key=lambda p: (order[p.village_id], p.role != "organiser", p.name))
    by_id = {v.id: v for v in villages}
    rows = tuple(
        SheetRow(
            n, p.id, p.name, p.role, by_id[p.village_id].code, by_id[p.village_id].name,
            recorded.get(p.id),
        )
        for n, p in enumerate(people, start=1)
    )  # fmt: skip
    return AttendanceSheet(session_info(row), rows, _may_record(actor, row, now))


def attendance_sheet(
    actor: Actor, session_id: int, *, now: dt.datetime | None = None, url: str | None = None
) -> AttendanceSheet:
    with session_for(actor, url=url) as session:
        return sheet_in(session, actor, session_id, now or utcnow())


def record_attendance(
    actor: Actor,
    session_id: int,
    statuses: Mapping[int, str],
    *,
    now: dt.datetime | None = None,
    url: str | None = None,
) -> AttendanceSheet:
    """Record (or correct) the statuses of a session's participants, by participant id."""
    require(actor, "training.attendance")
    now = now or utcnow()
    bad = sorted({s for s in statuses.values() if s not in ATTENDANCE_STATUSES})
    if bad:
        raise InvalidInput("error.attendance_status", field="status", value=bad[0])
    with session_for(actor, write=True, url=url) as session:
        row = _session_row(session, actor, session_id)
        if row.status != "scheduled":
            raise InvalidInput("error.session_cancelled", field="status")
        if row.starts_at > now:
            raise InvalidInput("error.attendance_future", field="status")
        village_ids = [sv.village_id for sv in row.villages]
        allowed = set(
            session.scalars(select(Participant.id).where(Participant.village_id.in_(village_ids)))
        )
        strangers = sorted(set(statuses) - allowed)
        if strangers:
            raise InvalidInput("error.participant_not_in_session", field="status", id=strangers[0])
        existing = {
            a.participant_id: a
            for a in session.scalars(select(Attendance).where(Attendance.session_id == row.id))
        }
        for participant_id, status in sorted(statuses.items()):
            found = existing.get(participant_id)
            if found is None:
                session.add(
                    Attendance(
                        session_id=row.id, participant_id=participant_id, status=status,
                        recorded_by=actor.audit_name, recorded_at=now, source="recorded",
                    )
                )  # fmt: skip
            elif found.status != status:  # a participant's own check-in becomes this mark
                found.status, found.recorded_by, found.recorded_at = status, actor.audit_name, now
                found.source = "recorded"
        session.flush()
        return sheet_in(session, actor, session_id, now)


def parse_sheet_letters(letters: str, rows: int) -> dict[int, str]:
    """``"PPLA E-P"`` -> {1: present, 2: present, 3: late, 4: absent, 5: excused, 7: present}.

    One letter per sheet row in order (spaces ignored): P/출 present, L/지 late, E/사 excused,
    A/결 absent, ``-`` left unrecorded. Refused unless there is exactly one letter per row.
    """
    marks = [c for c in letters.upper() if not c.isspace()]
    if len(marks) != rows:
        raise InvalidInput("error.sheet_letter_count", field="letters", given=len(marks), rows=rows)
    out: dict[int, str] = {}
    for n, mark in enumerate(marks, start=1):
        if mark == "-":
            continue
        if mark not in SHEET_LETTERS:
            raise InvalidInput("error.sheet_letter", field="letters", letter=mark, row=n)
        out[n] = SHEET_LETTERS[mark]
    return out


def recorded_counts(
    actor: Actor, session_ids: list[int], *, url: str | None = None
) -> dict[int, int]:
    """How many statuses each of ``session_ids`` has (0 for a session nobody recorded)."""
    require(actor, "training.read")
    with session_for(actor, url=url) as session:
        counts = dict.fromkeys(session_ids, 0)
        for sid, n in session.execute(
            select(Attendance.session_id, func.count())
            .where(Attendance.session_id.in_(session_ids))
            .group_by(Attendance.session_id)
        ).all():
            counts[sid] = n
        return counts
