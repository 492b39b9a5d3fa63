"""Which villages sent their readings for a month: the households taking part that month and
how many of them have a reading.

A village **lacks readings** for a month when at least one of its households taking part that
month (joined by the month's end and not left before it began: the rows of the committee's
entry grid, :mod:`energy.readings.month_grid`) has no reading of any carrier for it: the
committee home's "entered n / N" short of N. Only active villages are asked (a paused or
disbanded village reports nothing), and a village with no household taking part has nothing
to report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from energy.calc.metrics import first_of_month
from energy.core.access import Actor, in_scope, require
from energy.store.db import session_for
from energy.store.models.readings import Household, Reading
from energy.store.models.villages import Village
from energy.villages.households import taking_part


@dataclass(frozen=True)
class VillageReporting:
    """One active village's readings for one month."""

    village_id: int
    code: str
    name: str
    name_en: str | None
    month: dt.date
    households: int  # taking part in the month
    reported: int  # of them, those with at least one reading for the month

    @property
    def missing(self) -> int:
        return self.households - self.reported

    @property
    def lacks_readings(self) -> bool:
        return self.reported < self.households

    def display_name(self, lang: str) -> str:
        return self.name if lang == "ko" else self.name_en or self.name


def reporting_in(session: Session, month: dt.date) -> list[VillageReporting]:
    """Every active village with a household taking part in ``month``, by code."""
    month = first_of_month(month)
    members = (
        select(Household.village_id, func.count(Household.id))
        .join(Village, Village.id == Household.village_id)
        .where(Village.status == "active", *taking_part(month, month))
        .group_by(Household.village_id)
    )
    households = dict(session.execute(members).all())
    if not households:
        return []
    # A household's readings of the month, counted once whatever its carriers.
    reported = dict(
        session.execute(
            select(Household.village_id, func.count(func.distinct(Reading.household_id)))
            .join(Reading, Reading.household_id == Household.id)
            .where(
                Reading.month == month,
                Household.village_id.in_(list(households)),
                *taking_part(month, month),
            )
            .group_by(Household.village_id)
        ).all()
    )
    villages = session.execute(
        select(Village.id, Village.code, Village.name, Village.name_en)
        .where(Village.id.in_(list(households)))
        .order_by(Village.code)
    )
    return [
        VillageReporting(
            vid, code, name, name_en, month, households[vid], int(reported.get(vid, 0))
        )
        for vid, code, name, name_en in villages
    ]


def villages_lacking_readings(
    actor: Actor, month: dt.date, *, url: str | None = None
) -> list[VillageReporting]:
    """The active villages that lack readings for ``month`` (staff: every village's; a
    district officer: its district's)."""
    require(actor, "village.list")
    with session_for(actor, url=url) as session:
        return [
            v
            for v in reporting_in(session, month)
            if v.lacks_readings and in_scope(actor, v.village_id)
        ]
