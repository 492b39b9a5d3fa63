"""The notices a change of the schedule sends: the sessions' ``.ics`` in each reader's
language, handed to :mod:`energy.mail.training_notices` in the change's own transaction.

Called by :mod:`energy.training.schedule` when a session is scheduled (one added, or a
cohort's schedule generated), moved or cancelled; the data the demo writes sends nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.core.i18n import translate
from energy.mail.outbox import Outgoing
from energy.mail.training_notices import queue_session_notices
from energy.store.models.training import Venue
from energy.training.ics import calendar_bytes

if TYPE_CHECKING:  # the type only: the schedule imports this module
    from energy.training.schedule import SessionInfo


def announce(
    session: Session,
    change: str,
    sessions: Sequence[SessionInfo],
    *,
    moved_from: dt.datetime | None = None,
) -> list[Outgoing]:
    """Queue the notices of ``change`` to ``sessions``; returns the messages queued."""
    venues = session.execute(select(Venue.id, Venue.name, Venue.address)).all()
    addresses = {vid: address for vid, _, address in venues}
    places = {vid: name + (f", {address}" if address else "") for vid, name, address in venues}
    method = "CANCEL" if change == "cancelled" else "PUBLISH"

    def calendar(chosen: Sequence[SessionInfo], lang: str) -> bytes:
        name = translate("training_notice.calendar_name", lang)
        return calendar_bytes(name, chosen, lang, addresses, method=method)

    return queue_session_notices(
        session, change, sessions, calendar=calendar, places=places, moved_from=moved_from
    )
