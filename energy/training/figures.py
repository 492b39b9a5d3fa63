"""Training figures for the town hall: sessions held in a year, villages taught, residents who
came. Counts only, never a name; ``None`` when no session was held (the slide then says the
figures are not recorded)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from energy.core.vocabulary import TOPICS
from energy.store.models.base import utcnow
from energy.store.models.training import (
    Attendance,
    Participant,
    SessionVillage,
    TrainingModule,
    TrainingSession,
)
from energy.training.schedule import to_utc

ATTENDED = ("present", "late")


def _held(village_ids: list[int], year: int) -> Any:
    """The sessions of ``year`` (Seoul time) held so far for any of ``village_ids``."""
    start = to_utc(dt.datetime(year, 1, 1))
    end = min(to_utc(dt.datetime(year + 1, 1, 1)), utcnow())
    return (
        select(TrainingSession.id)
        .join(SessionVillage, SessionVillage.session_id == TrainingSession.id)
        .where(
            TrainingSession.status == "scheduled",
            TrainingSession.starts_at >= start,
            TrainingSession.starts_at < end,
            SessionVillage.village_id.in_(village_ids),
        )
        .distinct()
    )


def training_counts(
    session: Session, village_ids: Sequence[int], year: int
) -> tuple[int, int, int] | None:
    """(sessions, villages, participants) of ``year`` (Seoul time) held so far for
    ``village_ids``; participants are the distinct residents present or late."""
    ids = list(village_ids)
    held = _held(ids, year)
    sessions = session.scalar(select(func.count()).select_from(held.subquery())) or 0
    if not sessions:
        return None
    villages = session.scalar(
        select(func.count(distinct(SessionVillage.village_id))).where(
            SessionVillage.session_id.in_(held), SessionVillage.village_id.in_(ids)
        )
    )
    participants = session.scalar(
        select(func.count(distinct(Attendance.participant_id)))
        .join(Participant, Participant.id == Attendance.participant_id)
        .where(
            Attendance.session_id.in_(held),
            Attendance.status.in_(ATTENDED),
            Participant.village_id.in_(ids),
        )
    )
    return int(sessions), int(villages or 0), int(participants or 0)


def training_by_topic(
    session: Session, village_ids: Sequence[int], year: int
) -> list[tuple[str, int, int]]:
    """(topic, sessions, participants) of the topics taught in ``year`` so far for
    ``village_ids``, in the curriculum's order of topics: the sessions held, and the distinct
    residents of those villages present or late at any of them (one person counts once a
    topic, and in every topic they came to)."""
    ids = list(village_ids)
    held = _held(ids, year)
    sessions = dict(
        session.execute(
            select(TrainingModule.topic, func.count(distinct(TrainingSession.id)))
            .join(TrainingModule, TrainingModule.id == TrainingSession.module_id)
            .where(TrainingSession.id.in_(held))
            .group_by(TrainingModule.topic)
        ).all()
    )
    came = dict(
        session.execute(
            select(TrainingModule.topic, func.count(distinct(Attendance.participant_id)))
            .join(TrainingSession, TrainingSession.id == Attendance.session_id)
            .join(TrainingModule, TrainingModule.id == TrainingSession.module_id)
            .join(Participant, Participant.id == Attendance.participant_id)
            .where(
                Attendance.session_id.in_(held),
                Attendance.status.in_(ATTENDED),
                Participant.village_id.in_(ids),
            )
            .group_by(TrainingModule.topic)
        ).all()
    )
    return [
        (topic, int(sessions[topic]), int(came.get(topic, 0)))
        for topic in TOPICS
        if sessions.get(topic)
    ]
