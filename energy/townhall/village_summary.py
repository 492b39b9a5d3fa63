"""One village on one page for the town hall (staff): facts, saving, generation, words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from energy.calc import metrics
from energy.core.access import Actor, require
from energy.core.errors import InvalidInput
from energy.savings.compute import SavingsReport, compute_savings
from energy.savings.performance import monthly_comparison
from energy.savings.renewables import village_generation
from energy.store.db import session_for
from energy.townhall.scope import (
    MAX_STORIES,
    MIN_HOUSEHOLDS,
    ScopeInfo,
    TownHallFilter,
    resolve_scope,
    stage_in,
    status_at,
)
from energy.townhall.stories import StoryCard, story_cards
from energy.villages.households import village_by_code


@dataclass(frozen=True)
class VillageSheet:
    """One village on one page: who it is, its saving and generation in the period, its words.

    Refused (``error.townhall_small_village``) for a village under the threshold.
    """

    scope: ScopeInfo
    code: str
    name: str
    name_en: str | None
    cohort_year: int
    stage: str  # programme year during the presentation year
    status: str | None  # at the period's end (None: not started)
    households: int
    report: SavingsReport
    capacity_kw: float
    generation_kwh: float
    estimated_kwh: float
    stories: tuple[StoryCard, ...]
    electricity_by_month: pd.DataFrame  # month, baseline, actual (kWh, counted cells only)

    def display_name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name


def village_sheet(
    actor: Actor,
    code: str,
    *,
    year: int,
    min_households: int = MIN_HOUSEHOLDS,
    today: dt.date | None = None,
    url: str | None = None,
) -> VillageSheet:
    """A village's one-page summary for the presentation year.

    Needs ``overview.read`` and the village's tracking data (``tracking.read``: staff,
    reviewers, trainers), which :func:`energy.savings.compute.compute_savings` checks.
    """
    require(actor, "overview.read")
    day = today or dt.date.today()
    with session_for(actor, url=url) as session:
        village = village_by_code(session, code)
        filters = TownHallFilter(
            year=year, district=village.district.code, min_households=min_households
        )
        scope = resolve_scope(session, filters, day)
        if village.cohort_year > year:
            raise InvalidInput("error.townhall_not_yet_selected", field="year", year=year)
        households = scope.households_by_village.get(village.id, 0)
        if households < min_households:
            raise InvalidInput("error.townhall_small_village", field="village", n=min_households)
        status = status_at(session, [village.id], metrics.last_day_of_month(scope.info.end))
        own, _ = story_cards(session, scope, [village.id])
        village_id, village_code = village.id, village.code
        name, name_en, cohort = village.name, village.name_en, village.cohort_year
    info = scope.info
    report = compute_savings(actor, village=village_code, start=info.start, end=info.end, url=url)
    generation = village_generation(actor, village_code, start=info.start, end=info.end, url=url)
    monthly = monthly_comparison(
        actor, village=village_code, start=info.start, end=info.end, url=url
    )
    electricity = monthly[monthly["carrier"] == "electricity"][["month", "baseline", "actual"]]
    return VillageSheet(
        scope=info,
        code=village_code,
        name=name,
        name_en=name_en,
        cohort_year=cohort,
        stage=stage_in(year, cohort),
        status=status.get(village_id),
        households=households,
        report=report,
        capacity_kw=generation.capacity_w / 1000,
        generation_kwh=generation.renewable_kwh,
        estimated_kwh=generation.estimated_kwh,
        stories=tuple(own[:MAX_STORIES]),
        electricity_by_month=electricity.reset_index(drop=True),
    )
