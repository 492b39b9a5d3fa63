"""Renewable generation of a village, and its self-reliance rate.

Generation is *metered* where a household logged its solar output for the month, and
*estimated* from installed capacity where it did not (and marked so). The self-reliance
rate is renewable kWh ÷ electricity consumption kWh, over the same households and months,
and is labelled exactly that way wherever it is shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from energy.calc.metrics import add_months, first_of_month
from energy.core.access import Actor
from energy.store import cache
from energy.store.db import session_for
from energy.store.models.readings import Reading
from energy.villages.households import list_households, village_by_code

# Seoul's own figures (DOMAIN.md): a 325 W balcony panel gives about 31 kWh a month and a
# 3 kW rooftop about 288 kWh: both about 0.096 kWh per installed watt per month.
KWH_PER_W_MONTH = 0.096


@dataclass(frozen=True)
class MonthGeneration:
    month: dt.date
    metered_kwh: float
    estimated_kwh: float
    consumption_kwh: float

    @property
    def renewable_kwh(self) -> float:
        return self.metered_kwh + self.estimated_kwh

    @property
    def self_reliance(self) -> float | None:
        """Renewable kWh ÷ electricity consumption kWh (None without consumption)."""
        return self.renewable_kwh / self.consumption_kwh if self.consumption_kwh > 0 else None


@dataclass(frozen=True)
class VillageGeneration:
    village: str
    capacity_w: int
    households_with_generation: int
    months: tuple[MonthGeneration, ...]

    @property
    def metered_kwh(self) -> float:
        return sum(m.metered_kwh for m in self.months)

    @property
    def estimated_kwh(self) -> float:
        return sum(m.estimated_kwh for m in self.months)

    @property
    def renewable_kwh(self) -> float:
        return self.metered_kwh + self.estimated_kwh

    @property
    def consumption_kwh(self) -> float:
        return sum(m.consumption_kwh for m in self.months)

    @property
    def self_reliance(self) -> float | None:
        consumption = self.consumption_kwh
        return self.renewable_kwh / consumption if consumption > 0 else None


def village_generation(
    actor: Actor, village_code: str, *, start: dt.date, end: dt.date, url: str | None = None
) -> VillageGeneration:
    """Generation and consumption per month from ``start`` to ``end`` (first-of-month dates),
    memoised until the data changes."""
    start, end = first_of_month(start), first_of_month(end)
    result: VillageGeneration = cache.village_memo(
        actor,
        village_code,
        "tracking.read",
        ("village_generation", start, end),
        lambda: _village_generation(actor, village_code, start, end, url),
        url=url,
    )
    return result


def _village_generation(
    actor: Actor, village_code: str, start: dt.date, end: dt.date, url: str | None
) -> VillageGeneration:
    members = list_households(actor, village_code, url=url)
    metered: dict[tuple[int, dt.date], float] = {}
    consumption: dict[dt.date, float] = {}
    with session_for(actor, url=url) as session:
        village = village_by_code(session, village_code)
        rows = session.execute(
            select(Reading.household_id, Reading.carrier, Reading.month, Reading.value).where(
                Reading.village_id == village.id,
                Reading.carrier.in_(("solar", "electricity")),
                Reading.month >= start,
                Reading.month <= end,
            )
        )
        for household_id, carrier, month, value in rows:
            if carrier == "solar":
                metered[(household_id, month)] = value
            else:
                consumption[month] = consumption.get(month, 0.0) + value
    months: list[MonthGeneration] = []
    month = start
    while month <= end:
        measured = estimated = 0.0
        for household in members:
            if (household.id, month) in metered:
                measured += metered[(household.id, month)]
                continue
            if not household.active_in(month):
                continue
            installed = sum(g.capacity_w for g in household.generation if g.installed_on < month)
            estimated += installed * KWH_PER_W_MONTH
        months.append(MonthGeneration(month, measured, estimated, consumption.get(month, 0.0)))
        month = add_months(month, 1)
    return VillageGeneration(
        village=village_code,
        capacity_w=sum(h.capacity_w for h in members if h.left_on is None),
        households_with_generation=sum(1 for h in members if h.generation and h.left_on is None),
        months=tuple(months),
    )
