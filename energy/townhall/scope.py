"""The town hall's filter, scope and shared helpers (see :mod:`energy.townhall.figures`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.calc import metrics
from energy.core.access import Actor, require
from energy.core.errors import InvalidInput
from energy.savings import village_sums
from energy.store import cache
from energy.store.db import session_for
from energy.store.models.villages import Village, VillageStatusChange
from energy.villages.districts import DistrictInfo, find_district

T = TypeVar("T")

# Fewer households than this and a village is not shown on its own, nor any energy figure of
# a group: with two or three homes a "village figure" is in effect a household's own bill.
MIN_HOUSEHOLDS = 5
# Seoul reached 100 villages in 2018, the year organisers met the mayor at the first town hall.
MILESTONE_VILLAGES = 100
FIRST_YEAR = 2012  # the programme's first villages
STAGES = ("1", "2", "3", "graduated")
MAX_STORIES = 4  # a room listens to a few voices, not a catalogue
TOE_CARRIERS = ("electricity", "gas", "heat")  # water has no TOE factor


# --- the filter and the scope ---------------------------------------------------------------


@dataclass(frozen=True)
class TownHallFilter:
    """What the slides are about: a year, optionally one district (name or code)."""

    year: int
    district: str | None = None
    min_households: int = MIN_HOUSEHOLDS


@dataclass(frozen=True)
class ScopeInfo:
    """The year, period and place a slide speaks of, and how many households that covers."""

    year: int
    start: dt.date  # first month of the period
    end: dt.date  # last month of the period (first-of-month)
    district_code: str | None
    district_ko: str | None
    district_en: str | None
    villages: int  # villages in scope (selected by the year)
    households: int  # households taking part in the period
    min_households: int

    def district_name(self, lang: str) -> str | None:
        if self.district_code is None:
            return None
        return self.district_ko if lang == "ko" else self.district_en

    @property
    def shown(self) -> bool:
        """Whether the scope is large enough for energy figures (the small-village rule)."""
        return self.households >= self.min_households


@dataclass(frozen=True)
class Scope:
    info: ScopeInfo
    village_ids: tuple[int, ...]
    households_by_village: dict[int, int]


def last_complete_month(today: dt.date) -> dt.date:
    return metrics.add_months(metrics.first_of_month(today), -1)


def default_year(today: dt.date | None = None) -> int:
    """The last calendar year with all twelve months complete: what a town hall reports."""
    return (today or dt.date.today()).year - 1


def available_years(today: dt.date | None = None) -> list[int]:
    """Years the slides can tell, newest first (this year once one month is complete)."""
    last = last_complete_month(today or dt.date.today()).year
    return list(range(last, FIRST_YEAR - 1, -1))


def _period(year: int, today: dt.date) -> tuple[dt.date, dt.date]:
    last = last_complete_month(today)
    if not FIRST_YEAR <= year <= last.year:
        raise InvalidInput("error.townhall_year", field="year", first=FIRST_YEAR, last=last.year)
    return dt.date(year, 1, 1), min(dt.date(year, 12, 1), last)


def resolve_scope(session: Session, filters: TownHallFilter, today: dt.date) -> Scope:
    if filters.min_households < 1:
        raise InvalidInput("error.positive", field="min_households")
    start, end = _period(filters.year, today)
    district: DistrictInfo | None = None
    query = select(Village.id).where(Village.cohort_year <= filters.year).order_by(Village.id)
    if filters.district is not None and filters.district.strip():
        district = find_district(session, filters.district)
        query = query.where(Village.district_id == district.id)
    ids = list(session.scalars(query))
    by_village = village_sums.households_taking_part(session, ids, start, end) if ids else {}
    info = ScopeInfo(
        year=filters.year,
        start=start,
        end=end,
        district_code=district.code if district else None,
        district_ko=district.name_ko if district else None,
        district_en=district.name_en if district else None,
        villages=len(ids),
        households=sum(by_village.values()),
        min_households=filters.min_households,
    )
    return Scope(info, tuple(ids), by_village)


def scope_info(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> ScopeInfo:
    """The year, period and place the slides speak of (and whether it is large enough)."""
    return scope_slide("scope", actor, filters, today, url, lambda scope, _today: scope.info)


def scope_slide(
    name: str,
    actor: Actor,
    filters: TownHallFilter,
    today: dt.date | None,
    url: str | None,
    compute: Callable[[Scope, dt.date], T],
) -> T:
    """Check access, then compute a slide once per store version (the figures of a scope are
    the same for everyone who may see them)."""
    require(actor, "overview.read")
    day = today or dt.date.today()

    def resolve() -> Scope:
        with session_for(actor, url=url) as session:
            return resolve_scope(session, filters, day)

    def run() -> T:  # the scope is worked out once for all the slides
        scope: Scope = cache.memo(("townhall", "_scope", filters, day), resolve, url=url)
        return compute(scope, day)

    result: T = cache.memo(("townhall", name, filters, day), run, url=url)
    return result


def status_at(session: Session, village_ids: list[int], day: dt.date) -> dict[int, str]:
    """Each village's status on ``day``, from its dated history (not yet started: absent)."""
    if not village_ids:
        return {}
    rows = session.execute(
        select(VillageStatusChange.village_id, VillageStatusChange.status)
        .where(
            VillageStatusChange.village_id.in_(village_ids),
            VillageStatusChange.effective_on <= day,
        )
        .order_by(VillageStatusChange.effective_on, VillageStatusChange.id)
    ).all()
    return {int(village_id): str(status) for village_id, status in rows}


def stage_in(year: int, cohort_year: int) -> str:
    """A village's programme year during ``year``: 1-3, then graduated (the 3-year sunset)."""
    years_in = year - cohort_year + 1
    return str(years_in) if years_in <= 3 else "graduated"
