"""The weather-normalised method: what each household would have used in the reporting
months had nothing changed, given the weather those months really had (DOMAIN.md,
"Weather-normalised method"; the CalTRACK 2.0 billing method, :mod:`energy.calc.caltrack`).

For one village, each household and carrier:

1. *Baseline*: the household's monthly readings of the baseline months (default: the 12
   months before the reporting period's first month), whether or not it was taking part
   then (as in the eco-mileage method, the baseline is the home's use before the programme
   reached it). CalTRACK's data sufficiency, the candidate models over the balance-point
   grid and the selection by adjusted R² give a fit, or a reason it is disqualified.
2. *Counterfactual*: the fit applied to each reporting month's own temperatures, for the
   months the household was taking part. *Avoided energy* = counterfactual − actual.
3. The village's figures add the counted cells (a reporting month with both a counterfactual
   and an actual reading) of the households that were not disqualified; their uncertainty
   bands (CalTRACK §4.3.2.4, 90%) combine as the root of the sum of squares.

Gas and district heat are fitted with heating degree days only (CalTRACK §3.2.1.1: cooling
models are not considered for gas); electricity and water with both. A month with 0 kWh
of electricity counts as missing (§2.2.1.4). Temperatures come from the station serving the
village (:func:`energy.weather.temperatures.station_for_village`; Seoul's 108 by default).

The report keeps the other methods' shape (:class:`energy.savings.compute.SavingsReport`):
a carrier's ``baseline`` is the counterfactual and its ``saving`` the avoided energy; TOE,
tCO2 and won are priced with the reporting year's factors, electricity with KEPCO's tiers
month by month (as the other methods). It adds each household's fit and each carrier's
uncertainty band. Only a village is asked for: fits are per household, and a village of 300
households takes a few seconds, memoised until the readings or the weather change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.calc import caltrack, metrics
from energy.calc.metrics import CONSUMING_CARRIERS
from energy.calc.savings_uncertainty import DEFAULT_CONFIDENCE, combine_uncertainties
from energy.core.access import Actor, require_village
from energy.core.errors import InvalidInput
from energy.savings import village_sums
from energy.savings.sql import scope_households
from energy.store import cache
from energy.store.db import session_for
from energy.store.models.readings import Reading
from energy.villages.households import village_by_code
from energy.weather.temperatures import (
    daily_temperatures,
    station_for_village,
    temperature_sources,
)

METHOD = "weather"
# CalTRACK §3.2.1.1: no cooling models for gas; district heat is heating as well.
HEATING_ONLY = frozenset({"gas", "heat"})
BASELINE_MONTHS = 12


@dataclass(frozen=True)
class HouseholdFit:
    """One household's model of one carrier and what it says of the reporting months."""

    household: str
    carrier: str
    model: str | None  # None: disqualified
    heating_balance_c: float | None
    cooling_balance_c: float | None
    r_squared: float | None
    cvrmse: float | None
    baseline_months: int
    counted: int  # reporting months with a counterfactual and an actual reading
    counterfactual: float | None
    actual: float | None
    avoided: float | None
    uncertainty: float | None  # ± at the method's confidence, in the carrier's unit
    disqualified: str | None
    warnings: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        def rounded(value: float | None, digits: int) -> float | None:
            return None if value is None else round(value, digits) + 0.0

        return {
            "household": self.household,
            "carrier": self.carrier,
            "model": self.model,
            "heating_balance_c": rounded(self.heating_balance_c, 3),
            "cooling_balance_c": rounded(self.cooling_balance_c, 3),
            "r_squared": rounded(self.r_squared, 6),
            "cvrmse": rounded(self.cvrmse, 6),
            "baseline_months": self.baseline_months,
            "months": self.counted,
            "counterfactual": rounded(self.counterfactual, 3),
            "actual": rounded(self.actual, 3),
            "avoided": rounded(self.avoided, 3),
            "uncertainty": rounded(self.uncertainty, 3),
            "disqualified": self.disqualified,
        }


@dataclass(frozen=True)
class WeatherResult:
    """What the method adds to a report: the fits, the per-carrier bands, the months."""

    households: tuple[HouseholdFit, ...]
    uncertainty: dict[str, float | None]
    confidence: float
    baseline_start: dt.date
    baseline_end: dt.date
    station: int
    temperature_sources: tuple[str, ...]  # "kma_asos", "csv", "demo": the demo's are made up
    # Per carrier and reporting month: Σ counterfactual, Σ actual, cells (for the chart and
    # for pricing electricity's tiers month by month).
    monthly: dict[tuple[str, dt.date], tuple[float, float, int]]
    # Per carrier, each counted cell (calendar month, counterfactual, actual): a household's
    # month is billed on its own when a progressive tariff prices the saving.
    cells: dict[str, tuple[tuple[int, float, float], ...]]


def default_baseline(start: dt.date) -> tuple[dt.date, dt.date]:
    """The 12 months before the reporting period's first month."""
    first = metrics.first_of_month(start)
    return metrics.add_months(first, -BASELINE_MONTHS), metrics.add_months(first, -1)


def _period(month: dt.date, usage: float | None) -> caltrack.Period:
    return caltrack.Period(month, metrics.add_months(month, 1), usage)


def weather_savings(
    actor: Actor,
    *,
    village: str,
    start: dt.date,
    end: dt.date,
    baseline: tuple[dt.date, dt.date] | None = None,
    url: str | None = None,
) -> tuple[dict[str, tuple[float, float, int]], dict[str, int], WeatherResult]:
    """Per carrier (Σ counterfactual, Σ actual, cells) and the cells expected, with the fits.

    ``baseline`` is (first month, last month); it must end before ``start``.
    """
    start, end = metrics.first_of_month(start), metrics.first_of_month(end)
    base_start, base_end = baseline or default_baseline(start)
    base_start, base_end = metrics.first_of_month(base_start), metrics.first_of_month(base_end)
    if base_start > base_end:
        raise InvalidInput(
            "error.savings_range",
            field="baseline",
            start=f"{base_start:%Y-%m}",
            end=f"{base_end:%Y-%m}",
        )
    if base_end >= start:
        raise InvalidInput(
            "error.weather_baseline_overlaps",
            field="baseline",
            end=f"{base_end:%Y-%m}",
            start=f"{start:%Y-%m}",
        )
    village_id = cache.village_id(actor, village, url=url)
    require_village(actor, village_id, "tracking.read")
    station = station_for_village(actor, village_id, url=url)

    def compute() -> tuple[dict[str, tuple[float, float, int]], dict[str, int], WeatherResult]:
        last_day = metrics.last_day_of_month(end)
        temperatures = daily_temperatures(actor, station, base_start, last_day, url=url)
        sources = temperature_sources(actor, station, base_start, last_day, url=url)
        with session_for(actor, url=url) as session:
            found = village_by_code(session, village)
            households, _ = scope_households(session, [found.id], start, end)
            expected = village_sums.expected_cells(session, [found.id], start, end)
            readings = _readings(session, found.id, base_start, end)
        return _fit_village(
            readings, households, expected, temperatures, start, end, base_start, base_end,
            station, sources,
        )  # fmt: skip

    result: tuple[dict[str, tuple[float, float, int]], dict[str, int], WeatherResult] = (
        cache.village_memo(
            actor,
            village,
            "tracking.read",
            ("weather_savings", start, end, base_start, base_end, station),
            compute,
            url=url,
        )
    )
    return result


def _readings(session: Session, village_id: int, first: dt.date, last: dt.date) -> pd.DataFrame:
    rows = [
        tuple(row)
        for row in session.connection()
        .execute(
            select(Reading.household_id, Reading.carrier, Reading.month, Reading.value).where(
                Reading.village_id == village_id,
                Reading.carrier.in_(CONSUMING_CARRIERS),
                Reading.month.between(first, last),
            )
        )
        .all()
    ]
    return pd.DataFrame(rows, columns=["household_id", "carrier", "month", "value"])


def _fit_village(
    readings: pd.DataFrame,
    households: pd.DataFrame,
    expected: dict[str, int],
    temperatures: pd.Series,
    start: dt.date,
    end: dt.date,
    base_start: dt.date,
    base_end: dt.date,
    station: int,
    sources: tuple[str, ...],
) -> tuple[dict[str, tuple[float, float, int]], dict[str, int], WeatherResult]:
    daily = {ts.date(): float(v) for ts, v in temperatures.items()}
    spans = metrics.household_spans(households).set_index("household_id")
    codes = dict(zip(households["household_id"], households["code"], strict=True))
    baseline_months = metrics.months_between(base_start, base_end)
    reporting_months = metrics.months_between(start, end)
    values: dict[tuple[int, str], dict[dt.date, float]] = {}
    for household_id, carrier, month, value in readings.itertuples(index=False):
        values.setdefault((int(household_id), str(carrier)), {})[month] = float(value)
    fits: list[HouseholdFit] = []
    monthly: dict[tuple[str, dt.date], tuple[float, float, int]] = {}
    cells: dict[str, list[tuple[int, float, float]]] = {c: [] for c in CONSUMING_CARRIERS}
    bands: dict[str, list[float | None]] = {c: [] for c in CONSUMING_CARRIERS}
    for household_id in sorted(codes, key=lambda h: codes[h]):
        first, last = spans.loc[household_id, "first"], spans.loc[household_id, "last"]
        taking_part = [m for m in reporting_months if first <= metrics.month_index(m) <= last]
        for carrier in CONSUMING_CARRIERS:
            known = values.get((household_id, carrier))
            reporting = [m for m in taking_part if known and m in known]
            if not reporting:
                continue  # nothing to compare in the period: not a cell of this carrier
            assert known is not None
            zero_missing = carrier == "electricity"
            fit = caltrack.fit_baseline(
                [_period(m, known.get(m)) for m in baseline_months],
                daily,
                cooling=carrier not in HEATING_ONLY,
                zero_is_missing=zero_missing,
            )
            used = sum(1 for m in baseline_months if m in known)
            if fit.disqualified is not None:
                fits.append(_fit_row(codes[household_id], carrier, fit, used, None))
                continue
            saved = caltrack.avoided_energy(
                fit,
                [_period(m, known[m]) for m in reporting],
                daily,
                zero_is_missing=zero_missing,
            )
            fits.append(_fit_row(codes[household_id], carrier, fit, used, saved))
            bands[carrier].append(saved.uncertainty)
            for row in saved.periods:
                if row.avoided is None:
                    continue
                key = (carrier, row.start)
                expected_use, actual_use = row.counterfactual or 0.0, row.actual or 0.0
                b, a, c = monthly.get(key, (0.0, 0.0, 0))
                monthly[key] = (b + expected_use, a + actual_use, c + 1)
                cells[carrier].append((row.start.month, expected_use, actual_use))
    sums: dict[str, tuple[float, float, int]] = {}
    for (carrier, _month), (b, a, c) in monthly.items():
        sb, sa, sc = sums.get(carrier, (0.0, 0.0, 0))
        sums[carrier] = (sb + b, sa + a, sc + c)
    uncertainty = {c: combine_uncertainties(bands[c]) if bands[c] else None for c in bands}
    result = WeatherResult(
        households=tuple(fits),
        uncertainty=uncertainty,
        confidence=DEFAULT_CONFIDENCE,
        baseline_start=base_start,
        baseline_end=base_end,
        station=station,
        temperature_sources=sources,
        monthly=monthly,
        cells={c: tuple(v) for c, v in cells.items()},
    )
    return sums, expected, result


def _fit_row(
    code: str, carrier: str, fit: caltrack.Fit, used: int, saved: caltrack.Savings | None
) -> HouseholdFit:
    return HouseholdFit(
        household=code,
        carrier=carrier,
        model=fit.model if fit.disqualified is None else None,
        heating_balance_c=fit.heating_balance_c,
        cooling_balance_c=fit.cooling_balance_c,
        r_squared=fit.r_squared,
        cvrmse=fit.cvrmse,
        baseline_months=used,
        counted=saved.counted if saved else 0,
        counterfactual=saved.counterfactual if saved and saved.counted else None,
        actual=saved.actual if saved and saved.counted else None,
        avoided=saved.avoided if saved and saved.counted else None,
        uncertainty=saved.uncertainty if saved else None,
        disqualified=fit.disqualified,
        warnings=fit.warnings,
    )
