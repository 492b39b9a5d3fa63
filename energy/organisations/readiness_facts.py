"""Readiness facts that other capabilities record: first-year training (issue 4), the call's
grants and spending reports, and the organisers named on the village's applications (issue 3).

Each measure returns "no data" for a village the capability holds nothing about (a village
trained or funded before this system), never a guess.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from energy.store.db import session_for
from energy.store.models.base import utcnow
from energy.store.models.call import Application, Grant, Organiser, SpendingLine
from energy.store.models.training import SessionVillage, TrainingSession
from energy.store.models.villages import Village
from energy.training.completion import progress_in

if TYPE_CHECKING:
    from energy.core.access import Actor


@dataclass(frozen=True)
class VillageRow:
    id: int
    code: str
    name: str
    name_en: str | None
    district_ko: str
    district_en: str
    cohort_year: int
    stage: str  # "2", "3" or "graduated"


@dataclass(frozen=True)
class FactValue:
    """One fact of one village. ``points`` is ``None`` when there is no data."""

    value: float | None
    detail_key: str  # how to say the value (a catalogue key)
    params: dict[str, object] = field(default_factory=dict)
    points: float | None = None


FULL_ORGANISERS = 10  # a founding board needs five; ten organisers is a strong group


def _no_data() -> FactValue:
    return FactValue(None, "readiness.no_data")


def training(
    actor: Actor, villages: list[VillageRow], today: dt.date, url: str | None, weight: float
) -> dict[int, FactValue]:
    """Core first-year modules done (the completion rule of issue 4) out of all of them."""
    with session_for(actor, url=url) as session:
        # Only villages with a session on the calendar can have done a module: the others
        # (most of the candidates at city scale) have no data, and are not loaded at all.
        booked = (
            select(SessionVillage.village_id)
            .join(TrainingSession, TrainingSession.id == SessionVillage.session_id)
            .where(TrainingSession.status == "scheduled")
        )
        rows = list(
            session.scalars(
                select(Village).where(
                    Village.id.in_([v.id for v in villages]), Village.id.in_(booked)
                )
            )
        )
        progress = {p.village_id: p for p in progress_in(session, rows, utcnow())}
    found: dict[int, FactValue] = {}
    for v in villages:
        p = progress.get(v.id)
        if p is None or not p.modules or not any(m.sessions for m in p.modules):
            found[v.id] = _no_data()
            continue
        done, total = p.done, len(p.modules)
        found[v.id] = FactValue(
            float(done),
            "readiness.detail_training",
            {"done": done, "total": total},
            round(weight * done / total, 1),
        )
    return found


def grants(
    actor: Actor, villages: list[VillageRow], today: dt.date, url: str | None, weight: float
) -> dict[int, FactValue]:
    """Grants received through the call, and how many have their spending report in."""
    ids = [v.id for v in villages]
    with session_for(actor, url=url) as session:
        awarded: dict[int, list[int]] = defaultdict(list)
        for village_id, grant_id in session.execute(
            select(Grant.village_id, Grant.id).where(Grant.village_id.in_(ids))
        ):
            awarded[int(village_id)].append(int(grant_id))
        reported = set(
            session.scalars(
                select(SpendingLine.grant_id)
                .where(SpendingLine.grant_id.in_([g for gs in awarded.values() for g in gs]))
                .distinct()
            )
        )
    found: dict[int, FactValue] = {}
    for v in villages:
        mine = awarded.get(v.id)
        if not mine:
            found[v.id] = _no_data()
            continue
        filed = sum(g in reported for g in mine)
        found[v.id] = FactValue(
            float(filed),
            "readiness.detail_grants",
            {"grants": len(mine), "reported": filed},
            round(weight * filed / len(mine), 1),
        )
    return found


def organisers(
    actor: Actor, villages: list[VillageRow], today: dt.date, url: str | None, weight: float
) -> dict[int, FactValue]:
    """The organisers named on the village's latest application to the call."""
    ids = [v.id for v in villages]
    with session_for(actor, url=url) as session:
        latest = (
            select(Application.village_id, func.max(Application.id).label("application_id"))
            .where(Application.village_id.in_(ids))
            .group_by(Application.village_id)
            .subquery()
        )
        counts = {
            int(village_id): int(n)
            for village_id, n in session.execute(
                select(latest.c.village_id, func.count(Organiser.id))
                .join(Organiser, Organiser.application_id == latest.c.application_id)
                .group_by(latest.c.village_id)
            )
        }
    found: dict[int, FactValue] = {}
    for v in villages:
        n = counts.get(v.id)
        if n is None:
            found[v.id] = _no_data()
            continue
        found[v.id] = FactValue(
            float(n),
            "readiness.detail_organisers",
            {"n": n, "full": FULL_ORGANISERS},
            round(weight * min(1.0, n / FULL_ORGANISERS), 1),
        )
    return found
