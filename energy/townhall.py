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
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from energy import cache, metrics
from energy.access import Actor, require
from energy.db import session_for
from energy.districts import DistrictInfo, find_district, list_districts
from energy.errors import InvalidInput
from energy.factors import factors_at
from energy.households import village_by_code
from energy.metrics import CarrierSaving
from energy.models import (
    District,
    GenerationUnit,
    Household,
    Reading,
    TownHallStory,
    Village,
    VillageStatusChange,
)
from energy.performance import monthly_comparison
from energy.renewables import KWH_PER_W_MONTH, village_generation
from energy.savings import BENCHMARKS, SavingsReport, compute_savings, eco_mileage_sums

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
class _Scope:
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


def _taking_part_by_village(
    session: Session, village_ids: list[int], start: dt.date, end: dt.date
) -> dict[int, int]:
    if not village_ids:
        return {}
    rows = session.execute(
        select(Household.village_id, func.count())
        .where(
            Household.village_id.in_(village_ids),
            Household.joined_on <= metrics.last_day_of_month(end),
            or_(Household.left_on.is_(None), Household.left_on >= start),
        )
        .group_by(Household.village_id)
    ).all()
    return {int(v): int(n) for v, n in rows}


def _resolve(session: Session, filters: TownHallFilter, today: dt.date) -> _Scope:
    if filters.min_households < 1:
        raise InvalidInput("error.positive", field="min_households")
    start, end = _period(filters.year, today)
    district: DistrictInfo | None = None
    query = select(Village.id).where(Village.cohort_year <= filters.year).order_by(Village.id)
    if filters.district is not None and filters.district.strip():
        district = find_district(session, filters.district)
        query = query.where(Village.district_id == district.id)
    ids = list(session.scalars(query))
    by_village = _taking_part_by_village(session, ids, start, end)
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
    return _Scope(info, tuple(ids), by_village)


def scope_info(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> ScopeInfo:
    """The year, period and place the slides speak of (and whether it is large enough)."""
    return _slide("scope", actor, filters, today, url, lambda scope, _today: scope.info)


def _slide(
    name: str,
    actor: Actor,
    filters: TownHallFilter,
    today: dt.date | None,
    url: str | None,
    compute: Callable[[_Scope, dt.date], T],
) -> T:
    """Check access, then compute a slide once per store version (the figures of a scope are
    the same for everyone who may see them)."""
    require(actor, "overview.read")
    day = today or dt.date.today()

    def run() -> T:
        with session_for(actor, url=url) as session:
            scope = _resolve(session, filters, day)
        return compute(scope, day)

    result: T = cache.memo(("townhall", name, filters, day), run, url=url)
    return result


def _status_at(session: Session, village_ids: list[int], day: dt.date) -> dict[int, str]:
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


def _stage_in(year: int, cohort_year: int) -> str:
    """A village's programme year during ``year``: 1-3, then graduated (the 3-year sunset)."""
    years_in = year - cohort_year + 1
    return str(years_in) if years_in <= 3 else "graduated"


# --- what later capabilities supply -------------------------------------------------------


@dataclass(frozen=True)
class CallFigures:
    """The annual call of the presentation year: applications received and villages selected."""

    applications: int
    selected: int


@dataclass(frozen=True)
class TrainingFigures:
    """First-year training and later capacity building in the presentation year."""

    sessions: int
    villages: int
    participants: int


@dataclass(frozen=True)
class OrganisationFigures:
    """Organisations villages founded (cooperatives, social cooperatives, NGOs) by the year."""

    founded: int
    by_form: dict[str, int]
    members: int
    jobs: int


def _call_figures(session: Session, scope: _Scope) -> CallFigures | None:
    """The annual call's figures. The call capability (issue 3) does not store applications
    yet, so there is nothing to show: the slide says so."""
    return None


def _training_figures(session: Session, scope: _Scope) -> TrainingFigures | None:
    """Training figures. The training capability (issue 4) stores no sessions yet."""
    return None


def _organisation_figures(session: Session, scope: _Scope) -> OrganisationFigures | None:
    """Organisations and jobs. The cooperative capability (issue 6) stores none yet."""
    return None


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
    def compute(scope: _Scope, _today: dt.date) -> GlanceSlide:
        ids = list(scope.village_ids)
        with session_for(actor, url=url) as session:
            status = _status_at(session, ids, metrics.last_day_of_month(scope.info.end))
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
            organisations = _organisation_figures(session, scope)
        return GlanceSlide(
            scope=scope.info,
            villages_selected=len(ids),
            villages_active=len(active),
            districts=int(districts or 0),
            households=scope.info.households,
            organisations=organisations,
        )

    return _slide("glance", actor, filters, today, url, compute)


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
    def compute(scope: _Scope, _today: dt.date) -> GrowthSlide:
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

    return _slide("growth", actor, filters, today, url, compute)


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


def _typical_household_kwh(
    session: Session, start: dt.date, end: dt.date, min_households: int
) -> tuple[float | None, int]:
    """The median programme household's electricity over ``start``-``end`` (12 months)."""
    months = metrics.month_index(end) - metrics.month_index(start) + 1
    totals = session.execute(
        select(func.sum(Reading.value))
        .where(Reading.carrier == "electricity", Reading.month.between(start, end))
        .group_by(Reading.household_id)
        .having(func.count() == months)
    ).scalars()
    values = pd.Series([float(v) for v in totals], dtype=float)
    if len(values) < min_households:
        return None, len(values)
    return float(values.median()), len(values)


def energy_saved(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> EnergySlide:
    def compute(scope: _Scope, _today: dt.date) -> EnergySlide:
        info = scope.info
        typical_start = metrics.add_months(info.end, -11)
        with session_for(actor, url=url) as session:
            typical, counted = _typical_household_kwh(
                session, typical_start, info.end, info.min_households
            )
        report = None
        if info.shown:
            report = compute_savings(
                actor, district=info.district_code, start=info.start, end=info.end, url=url
            )
        return EnergySlide(info, report, typical, counted, typical_start, info.end)

    return _slide("energy", actor, filters, today, url, compute)


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
    benchmark_pct: float | None  # Seoul's published electricity saving for that year


@dataclass(frozen=True)
class ProgrammeYearSlide:
    scope: ScopeInfo
    stages: tuple[StageSaving, ...]
    factors_as_of: dt.date


def savings_by_programme_year(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> ProgrammeYearSlide:
    def compute(scope: _Scope, _today: dt.date) -> ProgrammeYearSlide:
        info = scope.info
        as_of = metrics.last_day_of_month(info.end)
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
            factors = factors_at(session, as_of)
        stage_of = {vid: _stage_in(info.year, cohort) for vid, cohort in cohorts.items()}
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
            combined = metrics.combined_toe_pct(
                {c: (b, a) for c, (b, a, _) in per_carrier.items() if c in TOE_CARRIERS}, factors
            )
            # Graduated villages are compared with their own last two years, already lower:
            # Seoul published no figure for them, so none is set beside them.
            benchmark = BENCHMARKS.get(int(stage)) if stage != "graduated" else None
            stages.append(
                StageSaving(
                    stage=stage,
                    villages=len(members),
                    households=households,
                    shown=shown,
                    electricity_pct=(base - act) / base if shown and cells and base > 0 else None,
                    electricity_cells=cells,
                    combined_pct=combined if shown else None,
                    benchmark_pct=benchmark.saving_pct if benchmark else None,
                )
            )
        return ProgrammeYearSlide(info, tuple(stages), as_of)

    return _slide("programme_year", actor, filters, today, url, compute)


@dataclass(frozen=True)
class RenewablesSlide:
    """Renewable capacity at the period's end and generation in the period.

    Generation is metered where a household logged its solar output for the month and
    estimated from installed capacity otherwise (as :mod:`energy.renewables` does). The
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
    def compute(scope: _Scope, _today: dt.date) -> RenewablesSlide:
        info = scope.info
        ids = list(scope.village_ids)
        last_day = metrics.last_day_of_month(info.end)
        with session_for(actor, url=url) as session:
            members = session.execute(
                select(Household.id, Household.joined_on, Household.left_on).where(
                    Household.village_id.in_(ids),
                    Household.joined_on <= last_day,
                    or_(Household.left_on.is_(None), Household.left_on >= info.start),
                )
            ).all()
            spans: dict[int, tuple[dt.date, dt.date | None]] = {
                int(h): (joined, left) for h, joined, left in members
            }
            units = session.execute(
                select(
                    GenerationUnit.household_id,
                    GenerationUnit.units * GenerationUnit.watts_per_unit,
                    GenerationUnit.installed_on,
                )
                .join(Household, Household.id == GenerationUnit.household_id)
                .where(Household.village_id.in_(ids), GenerationUnit.installed_on <= last_day)
            ).all()
            metered = {
                (int(h), m): float(v)
                for h, m, v in session.execute(
                    select(Reading.household_id, Reading.month, Reading.value).where(
                        Reading.village_id.in_(ids),
                        Reading.carrier == "solar",
                        Reading.month.between(info.start, info.end),
                    )
                )
                if int(h) in spans
            }
            consumption = session.scalar(
                select(func.sum(Reading.value))
                .join(Household, Household.id == Reading.household_id)
                .where(
                    Reading.village_id.in_(ids),
                    Reading.carrier == "electricity",
                    Reading.month.between(info.start, info.end),
                    Household.joined_on <= last_day,
                    or_(Household.left_on.is_(None), Household.left_on >= info.start),
                )
            )
        installed = [(int(h), int(w), d) for h, w, d in units if int(h) in spans]
        generating = {h for h, _, _ in installed} | {h for h, _ in metered}
        shown = info.shown and len(generating) >= info.min_households
        empty = pd.DataFrame(columns=["month", "metered_kwh", "estimated_kwh"])
        if not shown:
            return RenewablesSlide(info, len(generating), False, None, None, None, None, empty)
        by_household: dict[int, list[tuple[int, dt.date]]] = {}
        for household, watts, installed_on in installed:
            by_household.setdefault(household, []).append((watts, installed_on))
        rows = []
        for month in metrics.months_between(info.start, info.end):
            measured = sum(v for (_, m), v in metered.items() if m == month)
            estimated = 0.0
            for household, panels in by_household.items():
                joined, left = spans[household]
                if (household, month) in metered or joined > metrics.last_day_of_month(month):
                    continue
                if left is not None and left < month:
                    continue
                # Counted from the month after installation, as energy.renewables does.
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

    return _slide("renewables", actor, filters, today, url, compute)


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
    def compute(scope: _Scope, _today: dt.date) -> MapSlide:
        info = scope.info
        with session_for(actor, url=url) as session:
            villages = dict(
                session.execute(
                    select(Village.id, District.code)
                    .join(District)
                    .where(Village.cohort_year <= info.year)
                ).all()
            )
            status = _status_at(session, list(villages), metrics.last_day_of_month(info.end))
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

    return _slide("map", actor, filters, today, url, compute)


@dataclass(frozen=True)
class CallSlide:
    scope: ScopeInfo
    figures: CallFigures | None  # None: not recorded yet


@dataclass(frozen=True)
class TrainingSlide:
    scope: ScopeInfo
    figures: TrainingFigures | None  # None: not recorded yet


@dataclass(frozen=True)
class OrganisationsSlide:
    scope: ScopeInfo
    figures: OrganisationFigures | None  # None: not recorded yet


def _session_slide(
    name: str,
    actor: Actor,
    filters: TownHallFilter,
    today: dt.date | None,
    url: str | None,
    build: Callable[[Session, _Scope], T],
) -> T:
    def compute(scope: _Scope, _today: dt.date) -> T:
        with session_for(actor, url=url) as session:
            return build(session, scope)

    return _slide(name, actor, filters, today, url, compute)


def annual_call(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> CallSlide:
    return _session_slide(
        "call", actor, filters, today, url, lambda s, sc: CallSlide(sc.info, _call_figures(s, sc))
    )


def training(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> TrainingSlide:
    return _session_slide(
        "training",
        actor,
        filters,
        today,
        url,
        lambda s, sc: TrainingSlide(sc.info, _training_figures(s, sc)),
    )


def organisations(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> OrganisationsSlide:
    return _session_slide(
        "organisations",
        actor,
        filters,
        today,
        url,
        lambda s, sc: OrganisationsSlide(sc.info, _organisation_figures(s, sc)),
    )


@dataclass(frozen=True)
class StoryCard:
    """A village's own words, with the few facts about the village a room wants to hear."""

    village_name: str
    village_name_en: str | None
    district_ko: str
    district_en: str
    cohort_year: int
    households: int
    year: int
    quote_ko: str
    quote_en: str | None
    attribution_ko: str
    attribution_en: str | None

    def village(self, lang: str) -> str:
        return self.village_name_en if lang == "en" and self.village_name_en else self.village_name

    def district(self, lang: str) -> str:
        return self.district_ko if lang == "ko" else self.district_en

    def quote(self, lang: str) -> str:
        return self.quote_en if lang == "en" and self.quote_en else self.quote_ko

    def attribution(self, lang: str) -> str:
        return self.attribution_en if lang == "en" and self.attribution_en else self.attribution_ko


@dataclass(frozen=True)
class StoriesSlide:
    """Stories staff chose, of villages in scope, told by the year (at most MAX_STORIES).

    ``withheld`` counts stories left out because their village is under the threshold.
    """

    scope: ScopeInfo
    stories: tuple[StoryCard, ...]
    withheld: int


def _story_cards(
    session: Session, scope: _Scope, village_ids: list[int]
) -> tuple[list[StoryCard], int]:
    """Stories of ``village_ids`` told by the year, in slide order; and how many were withheld
    because their village is under the threshold."""
    info = scope.info
    rows = session.execute(
        select(TownHallStory, Village, District)
        .join(Village, Village.id == TownHallStory.village_id)
        .join(District, District.id == Village.district_id)
        .where(TownHallStory.village_id.in_(village_ids), TownHallStory.year <= info.year)
        .order_by(TownHallStory.position, TownHallStory.year.desc(), TownHallStory.id)
    ).all()
    cards, withheld = [], 0
    for story, village, district in rows:
        households = scope.households_by_village.get(village.id, 0)
        if households < info.min_households:
            withheld += 1
            continue
        cards.append(
            StoryCard(
                village_name=village.name,
                village_name_en=village.name_en,
                district_ko=district.name_ko,
                district_en=district.name_en,
                cohort_year=village.cohort_year,
                households=households,
                year=story.year,
                quote_ko=story.quote_ko,
                quote_en=story.quote_en,
                attribution_ko=story.attribution_ko,
                attribution_en=story.attribution_en,
            )
        )
    return cards, withheld


def stories(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> StoriesSlide:
    def compute(scope: _Scope, _today: dt.date) -> StoriesSlide:
        with session_for(actor, url=url) as session:
            cards, withheld = _story_cards(session, scope, list(scope.village_ids))
        return StoriesSlide(scope.info, tuple(cards[:MAX_STORIES]), withheld)

    return _slide("stories", actor, filters, today, url, compute)


@dataclass(frozen=True)
class VillageChoice:
    code: str
    name: str
    name_en: str | None

    def display_name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name


def villages_shown(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> list[VillageChoice]:
    """Villages in scope large enough to be shown on their own (the one-page summaries)."""

    def compute(scope: _Scope, _today: dt.date) -> list[VillageChoice]:
        shown = [
            v for v, n in scope.households_by_village.items() if n >= scope.info.min_households
        ]
        with session_for(actor, url=url) as session:
            rows = session.execute(
                select(Village.code, Village.name, Village.name_en)
                .where(Village.id.in_(shown))
                .order_by(Village.code)
            ).all()
        return [VillageChoice(code, name, name_en) for code, name, name_en in rows]

    return _slide("villages_shown", actor, filters, today, url, compute)


# --- one village's page (staff: it reads the village's own tracking data) --------------------


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
    reviewers, trainers), which :func:`energy.savings.compute_savings` checks.
    """
    require(actor, "overview.read")
    day = today or dt.date.today()
    with session_for(actor, url=url) as session:
        village = village_by_code(session, code)
        filters = TownHallFilter(
            year=year, district=village.district.code, min_households=min_households
        )
        scope = _resolve(session, filters, day)
        if village.cohort_year > year:
            raise InvalidInput("error.townhall_not_yet_selected", field="year", year=year)
        households = scope.households_by_village.get(village.id, 0)
        if households < min_households:
            raise InvalidInput("error.townhall_small_village", field="village", n=min_households)
        status = _status_at(session, [village.id], metrics.last_day_of_month(scope.info.end))
        own, _ = _story_cards(session, scope, [village.id])
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
        stage=_stage_in(year, cohort),
        status=status.get(village_id),
        households=households,
        report=report,
        capacity_kw=generation.capacity_w / 1000,
        generation_kwh=generation.renewable_kwh,
        estimated_kwh=generation.estimated_kwh,
        stories=tuple(own[:MAX_STORIES]),
        electricity_by_month=electricity.reset_index(drop=True),
    )
