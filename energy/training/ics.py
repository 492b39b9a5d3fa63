"""Training sessions as iCalendar (RFC 5545), with no store asked: the calendars people
download (:mod:`energy.training.calendar`) and the ``.ics`` a session notice carries
(:mod:`energy.training.notices`) are written here alike.

Every time is given with ``TZID=Asia/Seoul`` and its VTIMEZONE; a session's UID never changes
(a calendar program updates the event it holds) and its ``SEQUENCE`` counts the changes since
it was announced (``training_sessions.sequence``), so a moved or cancelled session's notice
wins over an earlier one. A cancelled session is kept with ``STATUS:CANCELLED``. A notice's
calendar names its ``METHOD`` (RFC 5546): ``PUBLISH`` for a session scheduled or moved (no
reply asked), ``CANCEL`` for one cancelled; a ``CANCEL`` names its ORGANIZER, as RFC 5546
asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from email.utils import parseaddr
from typing import TYPE_CHECKING

import icalendar

from energy.core.config import get_settings
from energy.core.i18n import translate
from energy.store.models.base import utcnow

if TYPE_CHECKING:  # the type only: schedule imports the notices that import this module
    from energy.training.schedule import SessionInfo

PRODID = "-//Seoul Energy Self-Reliant Villages//Training//KO"
UID_DOMAIN = "training.energy-villages.seoul"  # names this app's sessions, not a live host


def organizer_address() -> str:
    """The organiser a notice's calendar names: the programme, at the address its mail is
    sent from (``ENERGY_MAIL_FROM``; people are told not to reply)."""
    return f"mailto:{parseaddr(get_settings().mail_from)[1] or 'no-reply@localhost'}"


METHODS = ("PUBLISH", "CANCEL")


def session_uid(session_id: int) -> str:
    return f"session-{session_id}@{UID_DOMAIN}"


def session_event(
    s: SessionInfo,
    lang: str,
    addresses: Mapping[int, str | None],
    stamp: dt.datetime,
    *,
    organizer: bool = False,
) -> icalendar.Event:
    """One session as a VEVENT in ``lang``; ``addresses``: each venue's street address."""
    event = icalendar.Event()
    event.add("uid", session_uid(s.id))
    event.add("dtstamp", stamp)
    event.add("sequence", s.sequence)
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
    if organizer:
        event.add(
            "organizer", organizer_address(), parameters={"CN": translate("mail.brand", lang)}
        )
    return event


def calendar_bytes(
    name: str,
    sessions: Sequence[SessionInfo],
    lang: str,
    addresses: Mapping[int, str | None],
    *,
    method: str = "PUBLISH",
) -> bytes:
    """A calendar named ``name`` holding ``sessions``, as the bytes of an ``.ics`` file."""
    if method not in METHODS:
        raise ValueError(f"unknown iCalendar method {method!r}")
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Seoul")
    stamp = utcnow().replace(microsecond=0)
    for s in sessions:
        cal.add_component(session_event(s, lang, addresses, stamp, organizer=method == "CANCEL"))
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
