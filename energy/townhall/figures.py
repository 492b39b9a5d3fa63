"""The mayor's town hall: the figures behind each slide, aggregates only.

Vocabulary:

- *presentation year*: the calendar year the slides tell (:attr:`TownHallFilter.year`). Its
  *period* runs from January to December, or to the last complete month in the current year.
- *scope*: the whole programme, or one district. A village is in scope once it was selected
  (its cohort year is the presentation year or earlier).
- *households taking part*: households that joined by the period's end and had not left
  before its start.
- *small village*: a village with fewer households taking part than the threshold
  (``min_households``, default :data:`MIN_HOUSEHOLDS`). It is never shown on its own, and no
  energy figure is shown for a group of fewer households than that (a district of one small
  village would otherwise show that village). Village counts are not personal and are
  always shown.
- *not recorded yet*: figures of a capability that does not store anything yet (the annual
  call, training, cooperatives and the jobs they create). Their slide says so and never
  shows a number. Each has one ``_..._figures`` function below that returns ``None``; the
  capability that stores the data fills that function in, and every slide, the deck and the
  handout show its figures from then on.

Every function takes the actor first and requires ``overview.read``. Nothing here returns a
household code, a person's name or an individual household's reading: only counts, sums
over at least ``min_households`` households, medians over at least that many, and villages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select

from energy.calc import conversions, metrics
from energy.calc.metrics import CarrierSaving
from energy.core.access import Actor
from energy.savings import household_years
from energy.savings.compute import SavingsReport, compute_savings, eco_mileage_sums
from energy.savings.factors import factors_for_period, reporting_year_end
from energy.savings.renewables import KWH_PER_W_MONTH
from energy.store.db import session_for
from energy.store.models.readings import GenerationUnit, Household
from energy.store.models.villages import District, Village
from energy.townhall.pending import (
    CallFigures,
    CallSlide,
    OrganisationFigures,
    OrganisationsSlide,
    TrainingFigures,
    TrainingSlide,
    annual_call,
    organisation_figures,
    organisations,
    training,
)
from energy.townhall.scope import (
    FIRST_YEAR,
    MILESTONE_VILLAGES,
    MIN_HOUSEHOLDS,
    STAGES,
    TOE_CARRIERS,
    Scope,
    ScopeInfo,
    TownHallFilter,
    available_years,
    default_year,
    last_complete_month,
    scope_info,
    scope_slide,
    stage_in,
    status_at,
)
from energy.townhall.stories import StoriesSlide, StoryCard, VillageChoice, stories, villages_shown
from energy.townhall.village_summary import VillageSheet, village_sheet
from energy.villages.districts import list_districts
from energy.villages.households import taking_part

# --- the slides -----------------------------------------------------------------------------


@dataclass(frozen=True)
class GlanceSlide:
    """The programme at a glance."""

    scope: ScopeInfo
    villages_selected: int  # selected from 2012 up to the year
    villages_active: int  # active at the period's end
    districts: int  # districts with an active village
    households: int  # taking part in the period
    organisations: OrganisationFigures | None  # None: not recorded yet


def glance(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> GlanceSlide:
    def compute(scope: Scope, _today: dt.date) -> GlanceSlide:
        ids = list(scope.village_ids)
        with session_for(actor, url=url) as session:
            status = status_at(session, ids, metrics.last_day_of_month(scope.info.end))
            active = [v for v, s in status.items() if s == "active"]
            districts = (
                session.scalar(
                    select(func.count(func.distinct(Village.district_id))).where(
                        Village.id.in_(active)
                    )
                )
                if active
                else 0
            )
            organisations = organisation_figures(session, scope)
        return GlanceSlide(
            scope=scope.info,
            villages_selected=len(ids),
            villages_active=len(active),
            districts=int(districts or 0),
            households=scope.info.households,
            organisations=organisations,
        )

    return scope_slide("glance", actor, filters, today, url, compute)


@dataclass(frozen=True)
class GrowthSlide:
    """Villages selected per year and in total, with the year the programme reached 100."""

    scope: ScopeInfo
    by_year: pd.DataFrame  # year, new_villages, villages (cumulative)
    milestone_year: int | None
    milestone_villages: int


def growth(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> GrowthSlide:
    def compute(scope: Scope, _today: dt.date) -> GrowthSlide:
        with session_for(actor, url=url) as session:
            ids = list(scope.village_ids)
            rows = dict(
                session.execute(
                    select(Village.cohort_year, func.count())
                    .where(Village.id.in_(ids))
                    .group_by(Village.cohort_year)
                ).all()
            )
        years = list(range(FIRST_YEAR, scope.info.year + 1))
        new = [int(rows.get(y, 0)) for y in years]
        frame = pd.DataFrame({"year": years, "new_villages": new})
        frame["villages"] = frame["new_villages"].cumsum()
        reached = frame[frame["villages"] >= MILESTONE_VILLAGES]
        return GrowthSlide(
            scope=scope.info,
            by_year=frame,
            milestone_year=int(reached["year"].iloc[0]) if not reached.empty else None,
            milestone_villages=MILESTONE_VILLAGES,
        )

    return scope_slide("growth", actor, filters, today, url, compute)


@dataclass(frozen=True)
class EnergySlide:
    """Energy saved in the period (eco-mileage method), with a comparison a citizen reads.

    ``report`` is the savings engine's report for the scope (one factor set for both sides);
    ``None`` when the scope has fewer households than the threshold. The typical household
    is the median, over the programme's households with all twelve months on record, of their
    electricity over the twelve months ending with the period.
    """

    scope: ScopeInfo
    report: SavingsReport | None
    typical_household_kwh: float | None
    typical_households: int  # households whose twelve months went into the median
    typical_start: dt.date
    typical_end: dt.date

    @property
    def electricity(self) -> CarrierSaving | None:
        return self.report.carrier("electricity") if self.report else None

    @property
    def households_equivalent(self) -> float | None:
        """The electricity saved as "the yearly electricity of N typical households"."""
        saved = self.electricity.saving if self.electricity else None
        if saved is None or saved <= 0 or not self.typical_household_kwh:
            return None
        return saved / self.typical_household_kwh


def energy_saved(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> EnergySlide:
    def compute(scope: Scope, _today: dt.date) -> EnergySlide:
        info = scope.info
        # The yardstick is the last whole calendar year the period reaches (this one once
        # December is in): a stable figure, and the kept yearly totals hold it.
        typical_year = info.end.year if info.end.month == 12 else info.end.year - 1
        typical_start, typical_end = dt.date(typical_year, 1, 1), dt.date(typical_year, 12, 1)
        with session_for(actor, url=url) as session:
            median, counted = household_years.year_electricity_median(session, typical_year)
        typical = median if counted >= info.min_households else None
        report = None
        if info.shown:
            report = compute_savings(
                actor, district=info.district_code, start=info.start, end=info.end, url=url
            )
        return EnergySlide(info, report, typical, counted, typical_start, typical_end)

    return scope_slide("energy", actor, filters, today, url, compute)


@dataclass(frozen=True)
class StageSaving:
    """The saving of the villages in one programme year (1-3 or graduated) in the period."""

    stage: str
    villages: int
    households: int
    shown: bool  # False: fewer households than the threshold
    electricity_pct: float | None
    electricity_cells: int
    combined_pct: float | None  # electricity, gas and district heat in TOE, one factor set


@dataclass(frozen=True)
class ProgrammeYearSlide:
    scope: ScopeInfo
    stages: tuple[StageSaving, ...]
    factors_as_of: dt.date


def savings_by_programme_year(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> ProgrammeYearSlide:
    def compute(scope: Scope, _today: dt.date) -> ProgrammeYearSlide:
        info = scope.info
        as_of = reporting_year_end(info.end)
        with session_for(actor, url=url) as session:
            cohorts = dict(
                session.execute(
                    select(Village.id, Village.cohort_year).where(Village.id.in_(scope.village_ids))
                ).all()
            )
            sums = (
                eco_mileage_sums(
                    session, list(scope.village_ids), info.start, info.end, ("village",)
                )
                if scope.village_ids
                else {}
            )
            factors = factors_for_period(session, info.end)
        stage_of = {vid: stage_in(info.year, cohort) for vid, cohort in cohorts.items()}
        stages = []
        for stage in STAGES:
            members = [
                v for v, s in stage_of.items() if s == stage and scope.households_by_village.get(v)
            ]
            households = sum(scope.households_by_village[v] for v in members)
            shown = households >= info.min_households
            per_carrier: dict[str, tuple[float, float, int]] = {}
            for (carrier, village), (baseline, actual, cells) in sums.items():
                if stage_of.get(village) == stage and shown:
                    b, a, c = per_carrier.get(carrier, (0.0, 0.0, 0))
                    per_carrier[carrier] = (b + baseline, a + actual, c + cells)
            base, act, cells = per_carrier.get("electricity", (0.0, 0.0, 0))
            combined = conversions.combined_toe_pct(
                {c: (b, a) for c, (b, a, _) in per_carrier.items() if c in TOE_CARRIERS}, factors
            )
            stages.append(
                StageSaving(
                    stage=stage,
                    villages=len(members),
                    households=households,
                    shown=shown,
                    electricity_pct=(base - act) / base if shown and cells and base > 0 else None,
                    electricity_cells=cells,
                    combined_pct=combined if shown else None,
                )
            )
        return ProgrammeYearSlide(info, tuple(stages), as_of)

    return scope_slide("programme_year", actor, filters, today, url, compute)


@dataclass(frozen=True)
class RenewablesSlide:
    """Renewable capacity at the period's end and generation in the period.

    Generation is metered where a household logged its solar output for the month and
    estimated from installed capacity otherwise (as :mod:`energy.savings.renewables` does). The
    figures are shown only when at least ``min_households`` households generate.
    """

    scope: ScopeInfo
    households_with_generation: int
    shown: bool
    capacity_kw: float | None
    generation_kwh: float | None
    estimated_kwh: float | None
    consumption_kwh: float | None  # electricity of the scope's households in the period
    monthly: pd.DataFrame  # month, metered_kwh, estimated_kwh (empty when not shown)

    @property
    def self_reliance(self) -> float | None:
        """Renewable kWh ÷ electricity consumption kWh, over the same households and months."""
        if self.generation_kwh is None or not self.consumption_kwh:
            return None
        return self.generation_kwh / self.consumption_kwh


def renewables(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> RenewablesSlide:
    def compute(scope: Scope, _today: dt.date) -> RenewablesSlide:
        info = scope.info
        ids = list(scope.village_ids)
        last_day = metrics.last_day_of_month(info.end)
        members = (Household.village_id.in_(ids), *taking_part(info.start, info.end))
        with session_for(actor, url=url) as session:
            consumption = household_years.electricity_total(session, ids, info.start, info.end)
            # The panels first, then their households: a join led the planner (SQLite without
            # statistics) through every household of the city to find a few with panels.
            unit_rows = session.execute(
                select(
                    GenerationUnit.household_id,
                    GenerationUnit.units * GenerationUnit.watts_per_unit,
                    GenerationUnit.installed_on,
                ).where(GenerationUnit.installed_on <= last_day)
            ).all()
            owners = sorted({int(h) for h, _, _ in unit_rows})
            taking: dict[int, tuple[dt.date, dt.date | None]] = {}
            for offset in range(0, len(owners), 500):
                taking.update(
                    (int(h), (joined, left))
                    for h, joined, left in session.execute(
                        select(Household.id, Household.joined_on, Household.left_on).where(
                            Household.id.in_(owners[offset : offset + 500]), *members
                        )
                    )
                )
            # Summed by the database from the households' kept yearly rows; the households
            # with panels on record are asked about by month (their estimate leaves out their
            # metered months).
            solar = household_years.solar(session, ids, members, info.start, info.end, taking)
        metered_in, metered = solar.by_month, solar.metered
        spans = taking  # (joined, left) of each household taking part with panels
        installed = [(int(h), int(w), d) for h, w, d in unit_rows if int(h) in taking]
        generating = {h for h, _, _ in installed} | solar.households
        shown = info.shown and len(generating) >= info.min_households
        empty = pd.DataFrame(columns=["month", "metered_kwh", "estimated_kwh"])
        if not shown:
            return RenewablesSlide(info, len(generating), False, None, None, None, None, empty)
        by_household: dict[int, list[tuple[int, dt.date]]] = {}
        for household, watts, installed_on in installed:
            by_household.setdefault(household, []).append((watts, installed_on))
        rows = []
        for month in metrics.months_between(info.start, info.end):
            measured = metered_in.get(month, 0.0)
            estimated = 0.0
            for household, panels in by_household.items():
                joined, left = spans[household]
                if (household, month) in metered or joined > metrics.last_day_of_month(month):
                    continue
                if left is not None and left < month:
                    continue
                # Counted from the month after installation, as energy.savings.renewables does.
                estimated += sum(w for w, d in panels if d < month) * KWH_PER_W_MONTH
            rows.append((month, measured, estimated))
        monthly = pd.DataFrame(rows, columns=["month", "metered_kwh", "estimated_kwh"])
        still_there = {h for h, (_, left) in spans.items() if left is None or left >= info.end}
        capacity_w = sum(w for h, w, _ in installed if h in still_there)
        metered_total = float(monthly["metered_kwh"].sum())
        estimated_total = float(monthly["estimated_kwh"].sum())
        return RenewablesSlide(
            scope=info,
            households_with_generation=len(generating),
            shown=True,
            capacity_kw=capacity_w / 1000,
            generation_kwh=metered_total + estimated_total,
            estimated_kwh=estimated_total,
            consumption_kwh=float(consumption) if consumption is not None else None,
            monthly=monthly,
        )

    return scope_slide("renewables", actor, filters, today, url, compute)


@dataclass(frozen=True)
class MapSlide:
    """All 25 districts with their villages active at the period's end (zeros kept)."""

    scope: ScopeInfo
    districts: (
        pd.DataFrame
    )  # district_code, name_ko, name_en, tile_row, tile_col, villages, selected


def district_map(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> MapSlide:
    def compute(scope: Scope, _today: dt.date) -> MapSlide:
        info = scope.info
        with session_for(actor, url=url) as session:
            villages = dict(
                session.execute(
                    select(Village.id, District.code)
                    .join(District)
                    .where(Village.cohort_year <= info.year)
                ).all()
            )
            status = status_at(session, list(villages), metrics.last_day_of_month(info.end))
            districts = list_districts(session)
        counts: dict[str, int] = {}
        for village_id, code in villages.items():
            if status.get(village_id) == "active":
                counts[code] = counts.get(code, 0) + 1
        frame = pd.DataFrame(
            [
                (
                    d.code,
                    d.name_ko,
                    d.name_en,
                    d.tile_row,
                    d.tile_col,
                    counts.get(d.code, 0),
                    d.code == info.district_code,
                )
                for d in districts
            ],
            columns=[
                "district_code",
                "name_ko",
                "name_en",
                "tile_row",
                "tile_col",
                "villages",
                "selected",
            ],
        )
        return MapSlide(info, frame)

    return scope_slide("map", actor, filters, today, url, compute)


# The town hall has one entry point: the slide functions here, and those of its parts.
__all__ = [
    "FIRST_YEAR",
    "MIN_HOUSEHOLDS",
    "CallFigures",
    "CallSlide",
    "EnergySlide",
    "GlanceSlide",
    "GrowthSlide",
    "MapSlide",
    "OrganisationFigures",
    "OrganisationsSlide",
    "ProgrammeYearSlide",
    "RenewablesSlide",
    "ScopeInfo",
    "StageSaving",
    "StoriesSlide",
    "StoryCard",
    "TownHallFilter",
    "TrainingFigures",
    "TrainingSlide",
    "VillageChoice",
    "VillageSheet",
    "annual_call",
    "available_years",
    "default_year",
    "district_map",
    "energy_saved",
    "glance",
    "growth",
    "last_complete_month",
    "organisations",
    "renewables",
    "savings_by_programme_year",
    "scope_info",
    "stories",
    "training",
    "village_sheet",
    "villages_shown",
]
