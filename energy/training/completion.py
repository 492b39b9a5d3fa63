"""Whether a village has completed its first-year training, and how far each village is.

The rule (:class:`energy.training.attendance.TrainingRules`, staff edit it): every active core module
of programme year 1 attended by at least ``min_organisers`` of the village's organisers
(late arrivals count unless the rule says otherwise). :func:`training_completion` is the
one question other capabilities ask (the annual call's renewal gate): it returns the
completion, or ``None`` while the rule is not met.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.core.access import Actor, require_village, village_scope_ids
from energy.core.errors import NotFound
from energy.core.i18n import SEOUL
from energy.store.db import session_for
from energy.store.models.base import utcnow
from energy.store.models.training import (
    Attendance,
    Participant,
    SessionVillage,
    TrainingModule,
    TrainingSession,
)
from energy.store.models.villages import Village
from energy.training.attendance import TrainingRules, rules_in
from energy.training.curriculum import ModuleInfo, module_info


@dataclass(frozen=True)
class ModuleProgress:
    module: ModuleInfo
    sessions: tuple[dt.date, ...]  # Seoul dates of the village's sessions of this module
    organisers: int  # distinct organisers who attended
    attendees: int  # distinct participants who attended
    done: bool
    done_on: dt.date | None


@dataclass(frozen=True)
class VillageProgress:
    village_id: int
    code: str
    name: str
    name_en: str
    cohort_year: int
    modules: tuple[ModuleProgress, ...]
    attendance_rate: float | None  # attended / recorded, over the village's past sessions
    unrecorded: int  # past sessions of the village with nothing recorded yet
    upcoming: int  # sessions still to come
    below_threshold: bool

    @property
    def done(self) -> int:
        return sum(m.done for m in self.modules)

    @property
    def completed_on(self) -> dt.date | None:
        if not self.modules or not all(m.done for m in self.modules):
            return None
        return max(m.done_on for m in self.modules if m.done_on is not None)

    def display_name(self, lang: str) -> str:
        return self.name if lang == "ko" else self.name_en


@dataclass(frozen=True)
class Completion:
    """A village that met the rule: when, and the modules with their dates."""

    village_id: int
    village_code: str
    completed_on: dt.date
    modules: tuple[ModuleProgress, ...]
    rules: TrainingRules


def _core_modules(session: Session, rules: TrainingRules) -> list[TrainingModule]:
    return list(
        session.scalars(
            select(TrainingModule)
            .where(
                TrainingModule.programme_year == rules.programme_year,
                TrainingModule.core.is_(True),
                TrainingModule.active.is_(True),
            )
            .order_by(TrainingModule.position, TrainingModule.code)
        )
    )


def progress_in(
    session: Session, villages: list[Village], now: dt.datetime, rules: TrainingRules | None = None
) -> list[VillageProgress]:
    """Progress of each of ``villages`` (a few queries for all of them together)."""
    rules = rules or rules_in(session)
    modules = _core_modules(session, rules)
    ids = [v.id for v in villages]
    sessions: dict[int, list[TrainingSession]] = defaultdict(list)
    for sv_village, s in session.execute(
        select(SessionVillage.village_id, TrainingSession)
        .join(TrainingSession, TrainingSession.id == SessionVillage.session_id)
        .where(SessionVillage.village_id.in_(ids), TrainingSession.status == "scheduled")
        .order_by(TrainingSession.starts_at)
    ).all():
        sessions[sv_village].append(s)
    # (village, session) -> [(participant, role, status)]
    marks: dict[tuple[int, int], list[tuple[int, str, str]]] = defaultdict(list)
    for village_id, session_id, pid, role, status in session.execute(
        select(
            Participant.village_id,
            Attendance.session_id,
            Participant.id,
            Participant.role,
            Attendance.status,
        )
        .join(Participant, Participant.id == Attendance.participant_id)
        .where(Participant.village_id.in_(ids))
    ).all():
        marks[(village_id, session_id)].append((pid, role, status))
    infos = {m.id: module_info(m) for m in modules}  # once, not once per village
    out = []
    for v in villages:
        mine = sessions.get(v.id, [])
        per_module = []
        for m in modules:
            of_module = [s for s in mine if s.module_id == m.id]
            organisers: set[int] = set()
            attendees: set[int] = set()
            done_on = None
            for s in of_module:
                for pid, role, status in marks.get((v.id, s.id), []):
                    if status in rules.attending:
                        attendees.add(pid)
                        if role == "organiser":
                            organisers.add(pid)
                if done_on is None and len(organisers) >= rules.min_organisers:
                    done_on = s.starts_at.astimezone(SEOUL).date()
            per_module.append(
                ModuleProgress(
                    infos[m.id],
                    tuple(s.starts_at.astimezone(SEOUL).date() for s in of_module),
                    len(organisers),
                    len(attendees),
                    done_on is not None,
                    done_on,
                )
            )
        past = [s for s in mine if s.starts_at <= now]
        recorded = [mark for s in past for mark in marks.get((v.id, s.id), [])]
        rate = (
            sum(status in rules.attending for _p, _r, status in recorded) / len(recorded)
            if recorded
            else None
        )
        out.append(
            VillageProgress(
                village_id=v.id,
                code=v.code,
                name=v.name,
                name_en=v.name_en or v.name,
                cohort_year=v.cohort_year,
                modules=tuple(per_module),
                attendance_rate=rate,
                unrecorded=sum(1 for s in past if not marks.get((v.id, s.id))),
                upcoming=len(mine) - len(past),
                below_threshold=rate is not None and rate < rules.attendance_threshold,
            )
        )
    return out


def cohort_progress(
    actor: Actor,
    cohort_year: int,
    *,
    now: dt.datetime | None = None,
    url: str | None = None,
) -> list[VillageProgress]:
    """Every active village of the cohort that ``actor`` may see, with its progress."""
    scope = village_scope_ids(actor)
    with session_for(actor, url=url) as session:
        query = select(Village).where(
            Village.cohort_year == cohort_year, Village.status != "disbanded"
        )
        if scope is not None:
            query = query.where(Village.id.in_(scope))
        villages = list(session.scalars(query.order_by(Village.code)))
        return progress_in(session, villages, now or utcnow())


def village_progress(
    actor: Actor, village_id: int, *, now: dt.datetime | None = None, url: str | None = None
) -> VillageProgress:
    require_village(actor, village_id, "training.read")
    with session_for(actor, url=url) as session:
        village = session.get(Village, village_id)
        if village is None:
            raise NotFound("error.unknown_village", code=str(village_id))
        return progress_in(session, [village], now or utcnow())[0]


def training_completion(
    actor: Actor, village_id: int, *, url: str | None = None
) -> Completion | None:
    """The village's first-year completion, or ``None`` while the rule is not met."""
    require_village(actor, village_id, "village.read")
    with session_for(actor, url=url) as session:
        village = session.get(Village, village_id)
        if village is None:
            raise NotFound("error.unknown_village", code=str(village_id))
        rules = rules_in(session)
        progress = progress_in(session, [village], utcnow(), rules)[0]
        if progress.completed_on is None:
            return None
        return Completion(village.id, village.code, progress.completed_on, progress.modules, rules)
