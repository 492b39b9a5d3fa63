"""Savings of a village, a district, a cohort or the whole programme, from the store.

The rules are those of :mod:`energy.calc.metrics` (DOMAIN.md, "Measuring savings"). Readings can
reach tens of millions of rows, so a savings figure never loads the readings table: the store
matches each actual reading with its baseline reading(s) and returns one sum per carrier,
scoped by village and by the months the method needs (the period, and up to 24 months
before it). Only the households of the scope come back row by row, to count the cells
expected. A test checks the SQL against :mod:`energy.calc.metrics` on the same data.

Access: a village's figures need ``tracking.read`` for that village (a committee: its own);
a district, a cohort or the programme need ``overview.read`` and return aggregates only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import partial

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.calc import conversions, metrics
from energy.calc.factor_set import Factor, FactorSet, Price
from energy.calc.metrics import CONSUMING_CARRIERS, METHODS, CarrierSaving
from energy.core.access import Actor, require, require_village
from energy.core.errors import InvalidInput
from energy.core.i18n import format_percent, translate
from energy.savings import village_sums
from energy.savings.factors import factors_for_period
from energy.savings.sql import RAW_SUMS, Sums, scope_households
from energy.savings.weather_method import METHOD as WEATHER
from energy.savings.weather_method import WeatherResult, weather_savings
from energy.store import cache
from energy.store.db import session_for
from energy.store.models.readings import Reading
from energy.store.models.villages import Village
from energy.villages.districts import find_district
from energy.villages.households import village_by_code

# Every method a savings figure may be asked for: the two kept in the per-village sums
# (metrics.METHODS) and the weather-normalised one, computed per household on demand.
SAVINGS_METHODS: tuple[str, ...] = (*METHODS, WEATHER)
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
# Rounds are asked for by calendar year; outside this range a year is a typo.
FIRST_YEAR, LAST_YEAR = 2000, 2100


# --- the report -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SavingsReport:
    """One comparison: per-carrier results, totals, and the factors that priced them.

    ``saving_pct`` and ``coverage`` are fractions. ``not_converted`` names the carriers with
    counted cells that a total leaves out by design (heat has no CO2 factor; water has no
    TOE or CO2 factor); ``missing_factors`` names factors or tariffs the store lacks, which
    leave that total empty rather than partial.
    """

    scope: str
    method: str
    start: dt.date
    end: dt.date
    carriers: tuple[CarrierSaving, ...]
    saving_toe: float | None
    saving_tco2: float | None
    saving_krw: int | None
    factors: tuple[Factor, ...]
    not_converted: dict[str, tuple[str, ...]] = field(default_factory=dict)
    missing_factors: tuple[str, ...] = ()
    by_carrier: dict[str, conversions.CarrierTotals] = field(default_factory=dict)
    prices: tuple[Price, ...] = ()  # the tariffs that priced saving_krw
    # The weather-normalised method's fits, bands and baseline (None for the other methods).
    weather: WeatherResult | None = None

    @property
    def indicative_money(self) -> tuple[str, ...]:
        """Carriers whose money saved is priced by an approximate tariff (screens say so)."""
        return tuple(p.carrier for p in self.prices if p.indicative)

    def carrier(self, name: str) -> CarrierSaving:
        return next(c for c in self.carriers if c.carrier == name)

    def as_json(self) -> dict[str, object]:
        """The JSON that ``report savings --json`` prints: a contract others rely on.

        ``scope`` is ``village:<code>``, ``district:<English name>``, ``cohort:<year>`` or
        ``programme``. ``carriers`` always holds electricity, gas, water and heat, in that
        order (solar is generation, never a saving), each with its part of the totals
        (``saving_toe``, ``saving_tco2``, ``saving_krw``: ``null`` where that carrier is not
        converted or has no counted cell). Quantities are in ``unit``, rounded to
        0.001; ``saving_pct`` and ``coverage`` are fractions rounded to 1e-6; a figure with
        no counted cell is ``null``. ``factors`` are the ones that priced a total.
        """
        return {
            "scope": self.scope,
            "method": self.method,
            "from": f"{self.start:%Y-%m}",
            "to": f"{self.end:%Y-%m}",
            "carriers": {
                c.carrier: {
                    "baseline": _round(c.baseline, 3),
                    "actual": _round(c.actual, 3),
                    "saving": _round(c.saving, 3),
                    "saving_pct": _round(c.saving_pct, 6),
                    "unit": c.unit,
                    "coverage": round(c.coverage, 6),
                    "cells": c.cells,
                    "expected_cells": c.expected_cells,
                    **self._converted(c.carrier),
                    **(
                        {"uncertainty": _round(self.weather.uncertainty.get(c.carrier), 3)}
                        if self.weather
                        else {}
                    ),
                }
                for c in self.carriers
            },
            "total": {
                "saving_toe": _round(self.saving_toe, 6),
                "saving_tco2": _round(self.saving_tco2, 6),
                "saving_krw": self.saving_krw,
            },
            "factors": [f.as_json() for f in self.factors],
            **(self._weather_json() if self.weather else {}),
        }

    def _weather_json(self) -> dict[str, object]:
        """The weather method's additions: its baseline months, station and confidence,
        each carrier's ± band (added to ``carriers``) and each household's fit."""
        weather = self.weather
        assert weather is not None
        return {
            "baseline": {
                "from": f"{weather.baseline_start:%Y-%m}",
                "to": f"{weather.baseline_end:%Y-%m}",
            },
            "station": weather.station,
            "temperature_sources": list(weather.temperature_sources),
            "confidence": weather.confidence,
            "households": [h.as_json() for h in weather.households],
        }

    def _converted(self, carrier: str) -> dict[str, float | int | None]:
        """A carrier's part of the totals (``null`` where it is not converted)."""
        part = self.by_carrier.get(carrier)
        return {
            "saving_toe": _round(part.toe if part else None, 6),
            "saving_tco2": _round(part.tco2 if part else None, 6),
            "saving_krw": None
            if part is None or part.krw is None
            else conversions.round_krw(part.krw),
        }


def _round(value: float | None, digits: int) -> float | None:
    # JSON shows canonical units to 1/1000 (Wh, kJ, litre) and fractions to 1e-6.
    return None if value is None else round(value, digits) + 0.0  # + 0.0: never "-0.0"


def parse_month(text: str) -> dt.date:
    """``YYYY-MM`` → the first of that month (the form the CLI and the readings file use)."""
    match = MONTH_PATTERN.match(text.strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise InvalidInput("error.savings_month_format", field="month", value=text)
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


@dataclass(frozen=True)
class _Scope:
    label: str
    village_ids: list[int] | None  # None: every village (no filter, a plain range scan)


def _village_scope(actor: Actor, village: str, url: str | None) -> _Scope:
    """One village's scope: its id is memoised, so a committee's rerun asks the store nothing
    here; access is checked on every call."""
    found = cache.village_id(actor, village, url=url)
    require_village(actor, found, "tracking.read")
    return _Scope(f"village:{village.strip()}", [found])


def _resolve_scope(
    session: Session, actor: Actor, district: str | None, cohort: int | None
) -> _Scope:
    # Aggregates: the capability is checked before anything is looked up.
    require(actor, "overview.read")
    query = select(Village.id).order_by(Village.id)
    if district is not None:
        info = find_district(session, district)
        query = query.where(Village.district_id == info.id)
        label = f"district:{info.name_en}"
    elif cohort is not None:
        query = query.where(Village.cohort_year == cohort)
        label = f"cohort:{cohort}"
    else:
        return _Scope("programme", None)
    return _Scope(label, list(session.scalars(query)))


def method_sums(
    method: str,
    session: Session,
    village_ids: list[int] | None,
    start: dt.date,
    end: dt.date,
    by: tuple[str, ...] = (),
) -> Sums:
    """Per (carrier, *by): (Σ baseline, Σ actual, counted cells) of ``method``, from the kept
    per-village sums where they are fresh (energy.savings.village_sums), else from the readings."""
    return village_sums.grouped_sums(session, method, village_ids, start, end, by, RAW_SUMS[method])


eco_mileage_sums = partial(method_sums, "eco-mileage")
baseline_year_sums = partial(method_sums, "baseline-year")


def compute_savings(
    actor: Actor,
    *,
    village: str | None = None,
    district: str | None = None,
    cohort: int | None = None,
    start: dt.date,
    end: dt.date,
    method: str = "eco-mileage",
    baseline: tuple[dt.date, dt.date] | None = None,
    url: str | None = None,
) -> SavingsReport:
    """The saving of a scope over the months ``start`` to ``end`` (both included).

    ``method`` is one of :data:`SAVINGS_METHODS`; ``weather`` is asked of a village only,
    with ``baseline`` (first and last month; default the 12 months before ``start``).

    Give at most one of ``village`` (a code), ``district`` (a name or code) or ``cohort``
    (a selection year); none means the whole programme. ``start`` and ``end`` stand for
    their months. ONE factor set, that of the reporting year (the year of ``end``; see
    :func:`energy.savings.factors.factors_for_period`), prices both the baseline and the
    actual side.
    """
    if method not in SAVINGS_METHODS:
        raise InvalidInput("error.savings_unknown_method", field="method", method=method)
    if sum(x is not None for x in (village, district, cohort)) > 1:
        raise InvalidInput("error.savings_one_scope", field="scope")
    start, end = metrics.first_of_month(start), metrics.first_of_month(end)
    if start > end:
        raise InvalidInput(
            "error.savings_range", field="start", start=f"{start:%Y-%m}", end=f"{end:%Y-%m}"
        )
    if method == WEATHER:
        if village is None:
            raise InvalidInput("error.weather_village_only", field="method")
        return _weather_report(actor, village, start, end, baseline, url)
    if village is not None:
        scope = _village_scope(actor, village, url)
    else:
        with session_for(actor, url=url) as session:
            scope = _resolve_scope(session, actor, district, cohort)
    # Access is settled above; the figures of a scope are the same for everyone who may see them.
    report: SavingsReport = cache.memo(
        ("compute_savings", scope.label, start, end, method),
        lambda: _compute(actor, scope, start, end, method, url),
        url=url,
    )
    return report


def _compute(
    actor: Actor, scope: _Scope, start: dt.date, end: dt.date, method: str, url: str | None
) -> SavingsReport:
    with session_for(actor, url=url) as session:
        expected = village_sums.expected_cells(session, scope.village_ids, start, end)
        sums = method_sums(method, session, scope.village_ids, start, end)
        factors = factors_for_period(session, end)
        bills = {
            price.carrier: village_sums.grouped_bills(
                session, method, scope.village_ids, start, end, price
            )
            for price in factors.prices.values()
            if price.progressive and sums.get((price.carrier,), (0.0, 0.0, 0))[2]
        }
    per_carrier = {carrier: sums.get((carrier,), (0.0, 0.0, 0)) for carrier in CONSUMING_CARRIERS}
    return report_from_sums(scope.label, method, start, end, per_carrier, expected, factors, bills)


def report_from_sums(
    scope: str,
    method: str,
    start: dt.date,
    end: dt.date,
    sums: dict[str, tuple[float, float, int]],
    expected: dict[str, int],
    factors: FactorSet,
    bills: dict[str, float],
    weather: WeatherResult | None = None,
) -> SavingsReport:
    """A report from each carrier's (Σ baseline, Σ actual, cells), priced with ``factors``."""
    results = [
        metrics.carrier_saving(
            carrier,
            baseline=sums.get(carrier, (0.0, 0.0, 0))[0],
            actual=sums.get(carrier, (0.0, 0.0, 0))[1],
            cells=sums.get(carrier, (0.0, 0.0, 0))[2],
            expected_cells=expected[carrier],
        )
        for carrier in CONSUMING_CARRIERS
    ]
    totals = conversions.saving_totals(results, factors, bills)
    return SavingsReport(
        scope=scope,
        method=method,
        start=start,
        end=end,
        carriers=tuple(results),
        saving_toe=totals.saving_toe,
        saving_tco2=totals.saving_tco2,
        saving_krw=totals.saving_krw,
        factors=totals.factors,
        not_converted=totals.not_converted,
        missing_factors=totals.missing,
        by_carrier=totals.by_carrier,
        prices=totals.prices,
        weather=weather,
    )


def _weather_report(
    actor: Actor,
    village: str,
    start: dt.date,
    end: dt.date,
    baseline: tuple[dt.date, dt.date] | None,
    url: str | None,
) -> SavingsReport:
    sums, expected, weather = weather_savings(
        actor, village=village, start=start, end=end, baseline=baseline, url=url
    )
    with session_for(actor, url=url) as session:
        factors = factors_for_period(session, end)
    bills = {
        price.carrier: conversions.bill_difference(price, weather.cells.get(price.carrier, ()))
        for price in factors.prices.values()
        if price.progressive
    }
    scope = f"village:{village.strip()}"
    return report_from_sums(scope, WEATHER, start, end, sums, expected, factors, bills, weather)


# --- eco-mileage rounds ---------------------------------------------------------------------


def eco_mileage_rounds(
    actor: Actor, village: str, year: int, url: str | None = None
) -> pd.DataFrame:
    """One row per household and 6-month round (Jan–Jun, Jul–Dec) of ``year``.

    Columns are :data:`energy.calc.metrics.ROUND_COLUMNS`; see
    :func:`energy.calc.metrics.eco_mileage_rounds` for how the reduction and the points are judged.
    A village's readings for three years are fetched and matched in pandas (memoised until
    the data changes). Both rounds are priced with the factors of ``year`` (docs/factors.md).
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(
            "error.savings_year_range", field="year", first=FIRST_YEAR, last=LAST_YEAR
        )
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 1)

    def compute() -> pd.DataFrame:
        with session_for(actor, url=url) as session:
            found = village_by_code(session, village)
            households, on_record = scope_households(session, [found.id], first, last)
            # Core, not the ORM's row loading, and plain tuples: pandas asks every Row for
            # namedtuple fields (a third of the page's time for a 300-household village).
            rows = [
                tuple(row)
                for row in session.connection()
                .execute(
                    select(
                        Reading.household_id, Reading.carrier, Reading.month, Reading.value
                    ).where(
                        Reading.village_id == found.id,
                        Reading.carrier.in_(CONSUMING_CARRIERS),
                        Reading.month.between(metrics.add_months(first, -24), last),
                    )
                )
                .all()
            ]
            factors: dict[int, FactorSet] = {
                number: factors_for_period(session, dt.date(year, month_to, 1))
                for number, _, month_to in metrics.ROUNDS
            }
        readings = pd.DataFrame(rows, columns=["household_id", "carrier", "month", "value"])
        cells = metrics.eco_mileage_cells(readings, households, first, last)
        return metrics.eco_mileage_rounds(cells, households, on_record, year, factors)

    rounds: pd.DataFrame = cache.village_memo(
        actor, village, "tracking.read", ("eco_mileage_rounds", year), compute, url=url
    )
    return rounds


# --- the programme's own published results --------------------------------------------------


@dataclass(frozen=True)
class PublishedFigure:
    """A saving Seoul published, with what it covers (DOMAIN.md, "The lifecycle of a village").

    ``key`` is the message that names its scope and year for a reader. None of them is like
    for like with one village's or one programme year's figure (4.2% and 7.2% are averages
    of ALL villages in 2015 and 2016; the 15% of third-year villages has no year), so no
    screen sets a village's figure against them or says "above" or "below" them: they are
    listed as context, each with its year and scope.
    """

    key: str
    saving_pct: float
    carrier: str
    year: int | None  # the year it describes; None: the city did not say
    programme_year: int | None  # the programme year it describes; None: all villages


PUBLISHED_FIGURES: tuple[PublishedFigure, ...] = (
    PublishedFigure("published.all_villages_2015", 0.042, "electricity", 2015, None),
    PublishedFigure("published.all_villages_2016", 0.072, "electricity", 2016, None),
    PublishedFigure("published.third_year", 0.15, "electricity", None, 3),
)


def published_context(lang: str) -> str:
    """The published figures as one line of context, each with its scope and year."""
    figures = "; ".join(
        translate(f.key, lang, pct=format_percent(f.saving_pct, lang, _digits(f.saving_pct)))
        for f in PUBLISHED_FIGURES
    )
    return translate("published.context", lang, figures=figures)


def _digits(fraction: float) -> int:
    """As published: 4.2%, 7.2%, 15% (no decimal the city did not give)."""
    return 0 if round(fraction * 100, 6).is_integer() else 1
