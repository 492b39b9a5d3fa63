"""A committee's reminder of a month with missing readings (``python -m energy remind readings
--month YYYY-MM``).

Every active village that lacks readings for the month (:mod:`energy.readings.reporting`: a
household taking part that month has no reading of any carrier for it) gets one message for
each of its committee accounts with an address that has not turned reminders off
(``readings_reminder`` is optional). Each goes once: the outbox's ``dedupe_key`` is the
village, the month and the account, so running the command again (cron every few days, or by
hand) queues nothing new for a village already reminded, and a village that has since filled
its month is not reminded at all. The message says how many households are missing, never
which: a count is what the committee's own home shows too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.calc.metrics import first_of_month
from energy.core.access import Actor, require
from energy.core.errors import InvalidInput
from energy.core.i18n import SEOUL, format_month
from energy.mail.compose import Recipient, compose, page_link, para, recipient_for
from energy.mail.outbox import Outgoing, enqueue
from energy.readings.reporting import VillageReporting, reporting_in
from energy.store.db import session_for
from energy.store.models.accounts import User

KIND = "readings_reminder"


@dataclass(frozen=True)
class ReminderReport:
    """What a run of the reminder found and queued."""

    month: dt.date
    lacking: tuple[VillageReporting, ...]  # the active villages that lack readings
    queued: int  # messages queued by this run
    already: int  # messages an earlier run queued (same village, month and account)
    unreachable: tuple[str, ...]  # lacking villages with no committee account to write to

    def as_dict(self) -> dict[str, object]:
        return {
            "month": f"{self.month:%Y-%m}",
            "villages_lacking": len(self.lacking),
            "queued": self.queued,
            "already_queued": self.already,
            "villages": [
                {"code": v.code, "households": v.households, "reported": v.reported}
                for v in self.lacking
            ],
            "unreachable": list(self.unreachable),
        }


def dedupe_key(village_code: str, month: dt.date, user_id: int) -> str:
    return f"{KIND}:{village_code}:{month:%Y-%m}:{user_id}"


def committee_accounts(session: Session, village_ids: list[int]) -> dict[int, list[User]]:
    """Each village's committee accounts (oldest first), disabled ones included."""
    found: dict[int, list[User]] = {}
    for user in session.scalars(
        select(User)
        .where(User.role == "committee", User.village_id.in_(village_ids))
        .order_by(User.id)
    ):
        found.setdefault(user.village_id or 0, []).append(user)
    return found


def _message(village: VillageReporting, to: Recipient) -> Outgoing:
    lang = to.language
    month = format_month(village.month, lang)
    name = village.display_name(lang)
    return compose(
        KIND,
        to,
        subject=para("reminder.subject", month=month),
        body=[
            para(
                "reminder.body",
                village=name,
                month=month,
                households=village.households,
                reported=village.reported,
                missing=village.missing,
            ),
            para("reminder.how"),
        ],
        link=("reminder.link", page_link("readings", month=f"{village.month:%Y-%m}")),
        dedupe_key=dedupe_key(village.code, village.month, to.user_id or 0),
    )


def remind_missing_readings(
    actor: Actor, month: dt.date, *, today: dt.date | None = None, url: str | None = None
) -> ReminderReport:
    """Queue the reminders of ``month`` (any day of it) for the villages that lack readings.
    A month after ``today``'s (Seoul) is refused: nothing can be missing yet."""
    require(actor, "village.write")
    month = first_of_month(month)
    today = today or dt.datetime.now(SEOUL).date()
    if month > first_of_month(today):
        raise InvalidInput("error.remind_future_month", field="month", month=f"{month:%Y-%m}")
    queued = already = 0
    unreachable: list[str] = []
    with session_for(actor, write=True, url=url) as session:
        lacking = tuple(v for v in reporting_in(session, month) if v.lacks_readings)
        accounts = committee_accounts(session, [v.village_id for v in lacking])
        for village in lacking:
            recipients = [
                to
                for user in accounts.get(village.village_id, [])
                if (to := recipient_for(user, KIND)) is not None
            ]
            if not recipients:
                unreachable.append(village.code)
            for to in recipients:
                if enqueue(session, _message(village, to)) is None:
                    already += 1
                else:
                    queued += 1
    return ReminderReport(month, lacking, queued, already, tuple(unreachable))
