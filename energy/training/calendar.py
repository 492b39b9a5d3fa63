"""Training calendars: iCalendar files per village or trainer, and the days of a week or month.

The .ics files follow RFC 5545 (written by :mod:`energy.training.ics`): a VTIMEZONE for
Asia/Seoul, every time given with ``TZID=Asia/Seoul``, a stable UID per session and its
SEQUENCE (a moved session updates the event a calendar program already holds) and cancelled
sessions kept with ``STATUS:CANCELLED`` so that the program removes them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.core.access import Actor, require, require_village
from energy.core.errors import AccessDenied, NotFound
from energy.core.i18n import SEOUL, translate
from energy.store.db import session_for
from energy.store.models.training import Trainer, Venue
from energy.training import curriculum
from energy.training.ics import calendar_bytes
from energy.training.schedule import SessionFilter, SessionInfo, sessions_in
from energy.villages.households import village_by_code


@dataclass(frozen=True)
class CalendarFile:
    name: str  # the calendar's title
    filename: str
    content: bytes
    events: int


def _addresses(session: Session) -> dict[int, str | None]:
    return dict(session.execute(select(Venue.id, Venue.address)).all())


def village_calendar(
    actor: Actor, village_code: str, *, lang: str = "ko", url: str | None = None
) -> CalendarFile:
    """The training sessions of one village (cancelled ones marked so)."""
    with session_for(actor, url=url) as session:
        village = village_by_code(session, village_code)
        require_village(actor, village.id, "training.read")
        sessions = sessions_in(
            session, actor, SessionFilter(village_id=village.id, include_cancelled=True)
        )
        name = translate(
            "calendar.ics_village",
            lang,
            village=village.name if lang == "ko" else village.name_en or village.name,
        )
        content = calendar_bytes(name, sessions, lang, _addresses(session))
        return CalendarFile(name, f"training-{village.code}.ics", content, len(sessions))


def trainer_calendar(
    actor: Actor, trainer_name: str, *, lang: str = "ko", url: str | None = None
) -> CalendarFile:
    """A trainer's sessions: staff for any trainer, a trainer for themselves."""
    require(actor, "training.read")
    with session_for(actor, url=url) as session:
        trainer = session.scalar(select(Trainer).where(Trainer.name == trainer_name.strip()))
        if trainer is None:
            raise NotFound("error.unknown_trainer", name=trainer_name)
        if actor.role != "admin":
            own = curriculum.trainer_for_user(session, actor)
            if own is None or own.id != trainer.id:
                raise AccessDenied()
        sessions = sessions_in(
            session, actor, SessionFilter(trainer_id=trainer.id, include_cancelled=True)
        )
        name = translate("calendar.ics_trainer", lang, trainer=trainer.name)
        content = calendar_bytes(name, sessions, lang, _addresses(session))
        return CalendarFile(name, f"training-trainer-{trainer.id}.ics", content, len(sessions))


# --- the days a view shows ------------------------------------------------------------------


def week_days(day: dt.date) -> list[dt.date]:
    """Monday to Sunday of the week that holds ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return [monday + dt.timedelta(days=i) for i in range(7)]


def month_weeks(year: int, month: int) -> list[list[dt.date]]:
    """The weeks (Monday first) that cover the month, days of the neighbouring months included."""
    return calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


def by_day(sessions: list[SessionInfo]) -> dict[dt.date, list[SessionInfo]]:
    out: dict[dt.date, list[SessionInfo]] = {}
    for s in sorted(sessions, key=lambda s: s.starts_at):
        out.setdefault(s.starts_at.astimezone(SEOUL).date(), []).append(s)
    return out
