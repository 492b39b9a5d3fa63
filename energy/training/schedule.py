"""Training sessions in the store: the cohort's generated schedule, staff edits, listings.

:func:`generate_schedule` plans the first-year core modules for a cohort's villages with
:mod:`energy.calc.schedule_solver` (only the village-module pairs that have no session yet, around
every session already booked) and saves the plan. :func:`move_session`, :func:`add_session`
and :func:`cancel_session` check each edit against the same rules and refuse it with the
conflicts named. Times are stored in UTC and planned in Seoul time. A session scheduled
(added, or a cohort's plan saved), moved or cancelled is told to its villages' people by
e-mail in the same transaction (:mod:`energy.training.notices`); the demo's data is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.calc.schedule_solver import (
    Booking,
    Conflict,
    PlanModule,
    PlanTrainer,
    PlanVenue,
    PlanVillage,
    PlanWindow,
    ResidentTimes,
    SchedulePlan,
    ScheduleRules,
    conflicts_for,
    plan_schedule,
)
from energy.core.access import Actor, require, village_scope
from energy.core.errors import InvalidInput, NotFound
from energy.core.i18n import SEOUL, translate
from energy.store.db import session_for
from energy.store.models.training import (
    SessionVillage,
    Trainer,
    TrainingModule,
    TrainingSession,
    Venue,
)
from energy.store.models.villages import Village
from energy.training import curriculum, notices

FIRST_YEAR = 1


class ScheduleConflict(InvalidInput):
    """An edit that breaks scheduling rules; ``conflicts`` names each one."""

    key = "error.schedule_conflict"

    def __init__(self, conflicts: Sequence[Conflict]) -> None:
        super().__init__("error.schedule_conflict", field="starts_at", n=len(conflicts))
        self.conflicts = tuple(conflicts)

    def details(self, lang: str) -> list[str]:
        return [
            translate(f"schedule.conflict.{c.kind}", lang, subject=c.subject)
            for c in self.conflicts
        ]

    def message(self, lang: str = "en") -> str:
        return " ".join([super().message(lang), *self.details(lang)])


@dataclass(frozen=True)
class SessionInfo:
    id: int
    module_id: int
    module_code: str
    title_ko: str
    title_en: str
    topic: str
    core: bool
    trainer_id: int
    trainer_name: str
    venue_id: int
    venue_name: str
    starts_at: dt.datetime  # UTC
    ends_at: dt.datetime
    status: str
    village_ids: tuple[int, ...]
    village_codes: tuple[str, ...]
    village_names: tuple[str, ...]
    village_names_en: tuple[str, ...]
    note: str | None = None
    sequence: int = 0  # the iCalendar SEQUENCE: changes since it was announced

    def title(self, lang: str) -> str:
        return self.title_ko if lang == "ko" else self.title_en

    @property
    def local_start(self) -> dt.datetime:
        return self.starts_at.astimezone(SEOUL)

    @property
    def local_end(self) -> dt.datetime:
        return self.ends_at.astimezone(SEOUL)

    def villages_label(self, lang: str) -> str:
        names = self.village_names if lang == "ko" else self.village_names_en
        return ", ".join(names)


def session_info(s: TrainingSession) -> SessionInfo:
    villages = sorted((sv.village for sv in s.villages), key=lambda v: v.code)
    return SessionInfo(
        id=s.id,
        module_id=s.module_id,
        module_code=s.module.code,
        title_ko=s.module.title_ko,
        title_en=s.module.title_en,
        topic=s.module.topic,
        core=s.module.core,
        trainer_id=s.trainer_id,
        trainer_name=s.trainer.name,
        venue_id=s.venue_id,
        venue_name=s.venue.name,
        starts_at=s.starts_at,
        ends_at=s.ends_at,
        status=s.status,
        village_ids=tuple(v.id for v in villages),
        village_codes=tuple(v.code for v in villages),
        village_names=tuple(v.name for v in villages),
        village_names_en=tuple(v.name_en or v.name for v in villages),
        note=s.note,
        sequence=s.sequence,
    )


def to_utc(local: dt.datetime) -> dt.datetime:
    """A Seoul wall-clock time (naive, or aware in any zone) as UTC."""
    aware = local.replace(tzinfo=SEOUL) if local.tzinfo is None else local
    return aware.astimezone(dt.UTC)


def _local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(SEOUL).replace(tzinfo=None)


# --- listing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionFilter:
    village_id: int | None = None
    trainer_id: int | None = None
    venue_id: int | None = None
    start: dt.date | None = None  # Seoul dates, inclusive
    end: dt.date | None = None
    include_cancelled: bool = False
    cohort_year: int | None = None


def sessions_in(session: Session, actor: Actor, flt: SessionFilter) -> list[SessionInfo]:
    """Sessions ``actor`` may see: a committee its village's, a district officer its
    district's villages', a trainer their own."""
    require(actor, "training.read")
    query = select(TrainingSession).order_by(TrainingSession.starts_at, TrainingSession.id)
    village_id = flt.village_id
    trainer_id = flt.trainer_id
    scope = village_scope(actor)
    if scope is not None:
        if village_id is not None and village_id not in scope:
            village_id = -1
        query = query.where(
            TrainingSession.id.in_(
                select(SessionVillage.session_id).where(SessionVillage.village_id.in_(scope))
            )
        )
    elif actor.role == "trainer":
        own = curriculum.trainer_for_user(session, actor)
        trainer_id = own.id if own is not None else -1
    if village_id is not None:
        query = query.where(
            TrainingSession.id.in_(
                select(SessionVillage.session_id).where(SessionVillage.village_id == village_id)
            )
        )
    if flt.cohort_year is not None:
        cohort = select(Village.id).where(Village.cohort_year == flt.cohort_year)
        query = query.where(
            TrainingSession.id.in_(
                select(SessionVillage.session_id).where(SessionVillage.village_id.in_(cohort))
            )
        )
    if trainer_id is not None:
        query = query.where(TrainingSession.trainer_id == trainer_id)
    if flt.venue_id is not None:
        query = query.where(TrainingSession.venue_id == flt.venue_id)
    if flt.start is not None:
        query = query.where(
            TrainingSession.starts_at >= to_utc(dt.datetime.combine(flt.start, dt.time()))
        )
    if flt.end is not None:
        day_after = dt.datetime.combine(flt.end + dt.timedelta(days=1), dt.time())
        query = query.where(TrainingSession.starts_at < to_utc(day_after))
    if not flt.include_cancelled:
        query = query.where(TrainingSession.status == "scheduled")
    return [session_info(s) for s in session.scalars(query)]


def list_sessions(
    actor: Actor, flt: SessionFilter | None = None, *, url: str | None = None
) -> list[SessionInfo]:
    with session_for(actor, url=url) as session:
        return sessions_in(session, actor, flt or SessionFilter())


def get_session(actor: Actor, session_id: int, *, url: str | None = None) -> SessionInfo:
    with session_for(actor, url=url) as session:
        found = [
            s
            for s in sessions_in(session, actor, SessionFilter(include_cancelled=True))
            if s.id == session_id
        ]
        if not found:
            raise NotFound("error.unknown_session", id=session_id)
        return found[0]


# --- the plan's inputs from the store ----------------------------------------------------------


def _plan_trainer(t: Trainer) -> PlanTrainer:
    return PlanTrainer(
        id=t.id,
        name=t.name,
        topics=frozenset(str(x) for x in t.topics or ()),
        windows=tuple(PlanWindow(a.weekday, a.start_time, a.end_time) for a in t.availability),
        available_from=t.available_from,
        available_to=t.available_to,
    )


def _plan_module(m: TrainingModule) -> PlanModule:
    return PlanModule(m.id, m.code, m.topic, m.minutes)


def _plan_venue(v: Venue) -> PlanVenue:
    return PlanVenue(v.id, v.name, v.district_id, v.capacity)


def _booking(s: TrainingSession) -> Booking:
    return Booking(
        start=_local(s.starts_at),
        end=_local(s.ends_at),
        trainer_id=s.trainer_id,
        venue_id=s.venue_id,
        village_ids=tuple(sv.village_id for sv in s.villages),
        module_id=s.module_id,
        id=s.id,
    )


def _bookings(session: Session, start: dt.date, end: dt.date) -> list[Booking]:
    query = select(TrainingSession).where(
        TrainingSession.status == "scheduled",
        TrainingSession.starts_at >= to_utc(dt.datetime.combine(start, dt.time())),
        TrainingSession.starts_at
        < to_utc(dt.datetime.combine(end + dt.timedelta(days=1), dt.time())),
    )
    return [_booking(s) for s in session.scalars(query)]


@dataclass(frozen=True)
class UnmetModule:
    """A module some villages did not get, named for people (see schedule_solver.REASONS)."""

    module_code: str
    title_ko: str
    title_en: str
    village_codes: tuple[str, ...]
    reason: str
    blocked: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class ScheduleResult:
    cohort_year: int
    villages: int
    modules: int
    created: int  # sessions saved (0 when only previewed)
    already: int  # village-module pairs that had a session before
    planned: tuple[SessionInfo, ...] = field(default=())  # saved sessions (empty in a preview)
    preview: SchedulePlan | None = None
    unmet: tuple[UnmetModule, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.unmet


def generate_schedule(
    actor: Actor,
    *,
    cohort_year: int,
    rules: ScheduleRules,
    save: bool = True,
    url: str | None = None,
) -> ScheduleResult:
    """Plan and (with ``save``) book the year-1 core modules each active village of the
    cohort still lacks, inside ``rules``' window. What cannot be met comes back as ``unmet``."""
    require(actor, "training.manage")
    if rules.window_end < rules.window_start:
        raise InvalidInput("error.window_order", field="window_end")
    with session_for(actor, write=save, url=url) as session:
        result = book_schedule(session, cohort_year=cohort_year, rules=rules, save=save)
        if result.planned:  # each village's people hear of their sessions in one message
            notices.announce(session, "scheduled", result.planned)
        return result


def book_schedule(
    session: Session, *, cohort_year: int, rules: ScheduleRules, save: bool
) -> ScheduleResult:
    """:func:`generate_schedule` inside an open session (the demo data uses it too)."""
    villages = list(
        session.scalars(
            select(Village)
            .where(Village.cohort_year == cohort_year, Village.status == "active")
            .order_by(Village.code)
        )
    )
    if not villages:
        raise InvalidInput("error.cohort_empty", field="cohort_year", year=cohort_year)
    modules = list(
        session.scalars(
            select(TrainingModule)
            .where(
                TrainingModule.programme_year == FIRST_YEAR,
                TrainingModule.core.is_(True),
                TrainingModule.active.is_(True),
            )
            .order_by(TrainingModule.position, TrainingModule.code)
        )
    )
    if not modules:
        raise InvalidInput("error.no_core_modules", field="cohort_year")
    ids = [v.id for v in villages]
    covered = set(
        session.execute(
            select(SessionVillage.village_id, TrainingSession.module_id)
            .join(TrainingSession, TrainingSession.id == SessionVillage.session_id)
            .where(TrainingSession.status == "scheduled", SessionVillage.village_id.in_(ids))
        ).all()
    )
    trainers = list(session.scalars(select(Trainer).where(Trainer.active.is_(True))))
    venues = list(session.scalars(select(Venue).where(Venue.active.is_(True))))
    plan = plan_schedule(
        rules,
        [PlanVillage(v.id, v.code, v.district_id) for v in villages],
        [_plan_module(m) for m in modules],
        [_plan_trainer(t) for t in trainers],
        [_plan_venue(v) for v in venues],
        bookings=_bookings(session, rules.window_start, rules.window_end),
        covered=covered,
    )
    by_id = {v.id: v for v in villages}
    module_by_id = {m.id: m for m in modules}
    saved: list[TrainingSession] = []
    if save:
        for p in plan.sessions:
            row = TrainingSession(
                module_id=p.module_id,
                trainer_id=p.trainer_id,
                venue_id=p.venue_id,
                starts_at=to_utc(p.start),
                ends_at=to_utc(p.end),
                status="scheduled",
            )
            row.villages = [SessionVillage(village_id=v) for v in p.village_ids]
            session.add(row)
            saved.append(row)
        session.flush()
    unmet = tuple(
        UnmetModule(
            module_by_id[u.module_id].code,
            module_by_id[u.module_id].title_ko,
            module_by_id[u.module_id].title_en,
            tuple(by_id[v].code for v in u.village_ids),
            u.reason,
            u.blocked,
        )
        for u in plan.unmet
    )
    already = sum(1 for v, m in covered if m in module_by_id)
    return ScheduleResult(
        cohort_year=cohort_year,
        villages=len(villages),
        modules=len(modules),
        created=len(saved),
        already=already,
        planned=tuple(session_info(s) for s in saved),
        preview=None if save else plan,
        unmet=unmet,
    )


# --- edits ------------------------------------------------------------------------------------


def edit_rules(
    times: ResidentTimes | None = None, max_per_week: int = 1, seats: int = 12
) -> ScheduleRules:
    """The rules an edit is checked against (the window does not matter for one session)."""
    today = dt.date.today()
    return ScheduleRules(
        today, today, times=times or ResidentTimes(), max_per_week=max_per_week,
        seats_per_village=seats,
    )  # fmt: skip


def _check(
    session: Session,
    *,
    proposed: Booking,
    module: TrainingModule,
    trainer: Trainer,
    venue: Venue,
    rules: ScheduleRules,
) -> None:
    day = proposed.start.date()
    nearby = _bookings(session, day - dt.timedelta(days=7), day + dt.timedelta(days=7))
    found = conflicts_for(
        proposed,
        module=_plan_module(module),
        trainer=_plan_trainer(trainer),
        venue=_plan_venue(venue),
        rules=rules,
        bookings=nearby,
    )
    if found:
        codes = dict(session.execute(select(Village.id, Village.code)).all())
        named = [
            Conflict(c.kind, codes.get(int(c.subject), c.subject))
            if c.kind in ("village_busy", "weekly_limit")
            else c
            for c in found
        ]
        raise ScheduleConflict(named)


def _get(session: Session, session_id: int) -> TrainingSession:
    row = session.get(TrainingSession, session_id)
    if row is None:
        raise NotFound("error.unknown_session", id=session_id)
    return row


def move_session(
    actor: Actor,
    session_id: int,
    *,
    start: dt.datetime,
    trainer_id: int | None = None,
    venue_id: int | None = None,
    rules: ScheduleRules | None = None,
    url: str | None = None,
) -> SessionInfo:
    """Move a session to ``start`` (Seoul time), optionally to another trainer or venue;
    its people are told, with the event's next SEQUENCE."""
    require(actor, "training.manage")
    with session_for(actor, write=True, url=url) as session:
        row = _get(session, session_id)
        if row.status != "scheduled":
            raise InvalidInput("error.session_cancelled", field="starts_at")
        trainer = session.get(Trainer, trainer_id or row.trainer_id)
        venue = session.get(Venue, venue_id or row.venue_id)
        if trainer is None or venue is None:
            raise NotFound("error.unknown_session", id=session_id)
        local = _local(to_utc(start))
        end = local + dt.timedelta(minutes=row.module.minutes)
        proposed = Booking(
            local, end, trainer.id, venue.id, tuple(sv.village_id for sv in row.villages),
            row.module_id, id=row.id,
        )  # fmt: skip
        _check(session, proposed=proposed, module=row.module, trainer=trainer, venue=venue,
               rules=rules or edit_rules())  # fmt: skip
        was = row.starts_at.astimezone(SEOUL)
        row.starts_at, row.ends_at = to_utc(local), to_utc(end)
        row.trainer_id, row.venue_id = trainer.id, venue.id
        row.sequence += 1  # the calendars that hold it take this version over the last
        session.flush()
        session.refresh(row)
        moved = session_info(row)
        notices.announce(session, "moved", [moved], moved_from=was)
        return moved


def add_session(
    actor: Actor,
    *,
    module_code: str,
    village_codes: Sequence[str],
    trainer_id: int,
    venue_id: int,
    start: dt.datetime,
    rules: ScheduleRules | None = None,
    url: str | None = None,
) -> SessionInfo:
    """Book one more session (an extra module, a make-up class) after checking every rule."""
    require(actor, "training.manage")
    if not village_codes:
        raise InvalidInput("error.session_needs_village", field="villages")
    with session_for(actor, write=True, url=url) as session:
        module = session.scalar(select(TrainingModule).where(TrainingModule.code == module_code))
        if module is None:
            raise NotFound("error.unknown_module", code=module_code)
        villages = list(session.scalars(select(Village).where(Village.code.in_(village_codes))))
        if len(villages) != len(set(village_codes)):
            missing = sorted(set(village_codes) - {v.code for v in villages})
            raise NotFound("error.unknown_village", code=", ".join(missing))
        trainer = session.get(Trainer, trainer_id)
        venue = session.get(Venue, venue_id)
        if trainer is None:
            raise NotFound("error.unknown_trainer", name=str(trainer_id))
        if venue is None:
            raise NotFound("error.unknown_venue", name=str(venue_id))
        local = _local(to_utc(start))
        end = local + dt.timedelta(minutes=module.minutes)
        proposed = Booking(
            local, end, trainer.id, venue.id, tuple(v.id for v in villages), module.id
        )
        _check(session, proposed=proposed, module=module, trainer=trainer, venue=venue,
               rules=rules or edit_rules())  # fmt: skip
        row = TrainingSession(
            module_id=module.id, trainer_id=trainer.id, venue_id=venue.id,
            starts_at=to_utc(local), ends_at=to_utc(end), status="scheduled",
        )  # fmt: skip
        row.villages = [SessionVillage(village_id=v.id) for v in villages]
        session.add(row)
        session.flush()
        session.refresh(row)
        added = session_info(row)
        notices.announce(session, "scheduled", [added])
        return added


def cancel_session(
    actor: Actor, session_id: int, *, reason: str | None = None, url: str | None = None
) -> SessionInfo:
    """Cancel a session: kept (and shown as cancelled in calendars), its module open again;
    its people are told (:mod:`energy.training.notices`)."""
    require(actor, "training.manage")
    with session_for(actor, write=True, url=url) as session:
        row = _get(session, session_id)
        announced = row.status == "scheduled"
        row.status = "cancelled"
        if reason:
            row.note = reason.strip()[:500]
        if announced:  # cancelled once: told once
            row.sequence += 1
        session.flush()
        cancelled = session_info(row)
        if announced:
            notices.announce(session, "cancelled", [cancelled])
        return cancelled
