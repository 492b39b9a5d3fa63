"""Training calendars: iCalendar files per village or trainer, and the days of a week or month.

The .ics files follow RFC 5545: a VTIMEZONE for Asia/Seoul, every time given with
``TZID=Asia/Seoul``, a stable UID per session (a moved session updates the event a calendar
program already holds) and cancelled sessions kept with ``STATUS:CANCELLED`` so that the
program removes them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import icalendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.core.access import Actor, require, require_village
from energy.core.errors import AccessDenied, NotFound
from energy.core.i18n import SEOUL, translate
from energy.store.db import session_for
from energy.store.models.base import utcnow
from energy.store.models.training import Trainer, Venue
from energy.training import curriculum
from energy.training.schedule import SessionFilter, SessionInfo, sessions_in
from energy.villages.households import village_by_code

PRODID = "-//Seoul Energy Self-Reliant Villages//Training//KO"
UID_DOMAIN = "training.energy-villages.seoul"  # names this app's sessions, not a live host


@dataclass(frozen=True)
class CalendarFile:
    name: str  # the calendar's title
    filename: str
    content: bytes
    events: int


def _event(
    s: SessionInfo, lang: str, addresses: dict[int, str | None], stamp: dt.datetime
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"session-{s.id}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", s.local_start)
    event.add("dtend", s.local_end)
    event.add("summary", f"{s.title(lang)} · {s.villages_label(lang)}")
    place = s.venue_name + (f", {addresses[s.venue_id]}" if addresses.get(s.venue_id) else "")
    event.add("location", place)
    event.add(
        "description",
        "\n".join(
            [
                f"{translate('field.trainer', lang)}: {s.trainer_name}",
                f"{translate('field.topic', lang)}: {translate(f'topic.{s.topic}', lang)}",
                f"{translate('field.villages', lang)}: {', '.join(s.village_codes)}",
            ]
        ),
    )
    event.add("status", "CANCELLED" if s.status == "cancelled" else "CONFIRMED")
    event.add("categories", [translate(f"topic.{s.topic}", lang)])
    return event


def _calendar(
    name: str, sessions: list[SessionInfo], lang: str, addresses: dict[int, str | None]
) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Seoul")
    stamp = utcnow().replace(microsecond=0)
    for s in sessions:
        cal.add_component(_event(s, lang, addresses, stamp))
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


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
        content = _calendar(name, sessions, lang, _addresses(session))
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
        content = _calendar(name, sessions, lang, _addresses(session))
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
