"""CalTRACK 2.0 billing method: weather-normalised baseline, counterfactual and avoided energy.

This module is the written-down rule book for DOMAIN.md's "Weather-normalised method". It
implements the *billing* (monthly) method of the CalTRACK Methods, version 2.0 (the
``docs/methods.rst`` of the ``openeemeter/caltrack`` repository; section numbers below are
that document's). OpenEEmeter is the reference implementation it is checked against
(``tests/reference/``).

Inputs
------
*period* (:class:`Period`)
    One bill: ``start`` (first day), ``end`` (first day *after* the bill, exclusive) and
    ``usage`` (the bill's total in the carrier's unit, ``None`` when missing). In this app a
    bill is one calendar month: start = the first of the month, end = the first of the next.
*temperatures*
    Daily mean outdoor temperatures in °C: a ``Mapping[date, float]`` or a pandas Series
    indexed by date. Missing days are allowed (absent keys or NaN).

The model (§3.1, §3.3)
----------------------
Usage per day of period *p* (UPD, §3.3.3: the bill divided by its days) is regressed on the
period's average heating and cooling degree days per day (§3.3.2)::

    UPD_p = μ + β_H · HDD_p + β_C · CDD_p + ε_p
    HDD_p = mean over the period's days of max(T_h − T_d, 0)        (§3.3.5)
    CDD_p = mean over the period's days of max(T_d − T_c, 0)        (§3.3.4)

The mean runs over the days that have a temperature (§3.3.2.5: "days in period p with matched
usage and weather data"); a period whose temperatures cover less than 90% of its days is not
used (§2.2.3.2, §3.5.5.2).

Balance points (§3.2)
---------------------
CalTRACK states its grid in °F: 30–90 °F for heating and for cooling (§3.2.1.1, §3.2.1.2)
with at most 3 °F between candidates (§3.2.3). This module searches every whole °F from 30 to
90 (61 points, the grid eemeter 2.x/3.x used) converted **exactly** to °C,
``(F − 32) × 5/9``: −1.111… °C to 32.222… °C in steps of 5/9 °C (0.556 °C). Reported balance
points are those exact °C values. A candidate must have cooling ≥ heating balance point
(§3.2.2.1) and at least 20 °F·days of degree days in the baseline year (§3.2.2.2.2), which is
exactly 20 × 5/9 = 11.11 °C·days; the count of non-zero degree days (§3.2.2.2.1) does not
apply to billing data.

Candidate models, fitting and selection (§3.4)
----------------------------------------------
- Candidates (§3.4.3.1): ``intercept_only``; ``hdd_only`` for each heating balance point;
  ``cdd_only`` for each cooling balance point; ``hdd_cdd`` for each pair. With
  ``cooling=False`` (gas, §3.2.1.1: "models using cooling degree days are not considered")
  only the first two kinds are tried.
- Fitting (§3.4.2): weighted least squares with each bill's number of days as its weight
  (numpy's solver on the normal equations; no statistics package).
- Qualification (§3.4.3.2): a candidate qualifies when none of its estimates is negative
  (μ ≥ 0, β_H ≥ 0, β_C ≥ 0). The section's prose says "not negative" while its list writes
  strict inequalities; this module follows the prose, as eemeter 2.x/3.x did. CalTRACK 2.0
  removed the p-value screen of 1.0 (technical appendix to §3.4.3.2: it was "superfluous at
  best and marginally counterproductive at worst"), so no p-value is computed or applied.
- Selection (§3.4.3.3): the qualified candidate with the highest adjusted R²,
  ``1 − (SS_res / (P − c − 1)) / (SS_tot / (P − 1))`` with P periods and c explanatory
  variables; the intercept-only model's adjusted R² is 0 by definition (§3.4.3.1.4). Sums of
  squares are the day-weighted ones of the WLS fit. Ties go to the earlier candidate in the
  order intercept_only, hdd_only, cdd_only, hdd_cdd, lower balance points first.

Data sufficiency of the baseline (§2.2, §3.1.3)
-----------------------------------------------
- **Baseline year** (§3.1.3: "the 365 days immediately prior to the intervention"): the
  window is the year that ends where the last baseline bill ends (the same calendar date one
  year earlier to that end, so 12 calendar months are 365 days, or 366 in a leap year).
  Bills that start before the window are left out (warning ``baseline_trimmed``). If the
  bills do not reach back to the window's start, the fit is disqualified
  (``baseline_too_short``): fewer than 12 monthly bills never make a baseline.
  *Where this differs from eemeter 4.1.1*: eemeter counts the days from the first to the last
  day of data and disqualifies any baseline outside 329–365 days
  (``incorrect_number_of_total_days``), so a baseline of the 12 calendar months of a leap year
  (366 days) is disqualified there and accepted here; the reference cases show both.
- **Bill length** (§2.2.3.4, §2.2.3.5): bills shorter than 25 days or longer than 35 days
  are dropped (warning ``dropped_off_cycle``). Calendar months (28–31 days) always pass.
- **Missing data** (§2.2.1.2, §2.2.1.3): a bill with no usage, and with ``zero_is_missing``
  (electricity, §2.2.1.4) a bill of 0, counts as missing. At most 10% of the window's days
  (37 of 365) may lack a usable bill. If more than 10% of the window's days lack a
  temperature the fit is disqualified as ``temperature_coverage``; if more than 10% lack a
  usable bill for any other reason, as ``too_many_missing_days``.
- ``too_few_periods``: fewer usable bills than the largest candidate needs for an adjusted
  R² (4). It cannot happen with monthly bills that pass the 10% rule; it guards other input.
- ``no_qualified_model``: no candidate qualified (for example a negative mean usage).
- **Warnings, not disqualifications**: usage per day beyond median + 3 × IQR of the baseline
  bills (§2.3.6, ``extreme_usage``), negative usage (§2.3.5, ``negative_usage``), and a
  CV(RMSE) above 100% (§4.3.2.1, ``cvrmse_above_100_percent``: the spec's portfolio
  threshold, which "may be waived at the discretion of the procurer"; eemeter 4 disqualifies).
Warnings are short machine strings, ``reason`` or ``reason:YYYY-MM-DD`` (the bill's start).

Prediction and avoided energy (§3.5, §3.6, §4.1)
------------------------------------------------
- A bill's counterfactual is ``days × (μ + β_H · HDD_p + β_C · CDD_p)`` with the reporting
  bill's own degree days (§3.6.1); it is ``None`` when its temperatures cover less than 90%
  of its days (§3.5.3.1, §3.5.5.2).
- Avoided energy = counterfactual − actual (§1.4.5, §3.6.1); it is ``None`` when either is
  missing (§3.5.4.1). Totals add the bills that have both (§4.1.1); nothing is annualised
  (§4.1.2).

Uncertainty (§4.3)
------------------
The ± band of avoided energy and its combination over households:
:mod:`energy.calc.savings_uncertainty`. The candidate models, their weighted least squares and
the selection: :mod:`energy.calc.caltrack_models`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from energy.calc.caltrack_models import VARIABLES, Candidate, candidate_models, select_model
from energy.calc.degree_days import (
    BALANCE_POINTS_C,
    Temperatures,
    by_day,
    degree_day_matrices,
    degree_days_per_day,
    temperatures_of_days,
)
from energy.calc.savings_uncertainty import DEFAULT_CONFIDENCE, savings_uncertainty

# --- the rule book's numbers ---------------------------------------------------------------

MIN_PERIOD_DAYS = 25  # §2.2.3.4
MAX_PERIOD_DAYS = 35  # §2.2.3.5
MIN_TEMPERATURE_COVERAGE = 0.9  # §2.2.3.2, §3.5.5.2: of each bill's days
MAX_MISSING_FRACTION = 0.1  # §2.2.1.2: of the baseline window's days (37 of 365)
CVRMSE_WARNING = 1.0  # §4.3.2.1

# --- the records ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """One bill: ``end`` is the first day after it (exclusive); ``usage`` its total."""

    start: dt.date
    end: dt.date
    usage: float | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days


@dataclass(frozen=True)
class Fit:
    """The selected baseline model, or why there is none (``disqualified``).

    ``intercept`` is usage per day; ``beta_hdd`` and ``beta_cdd`` are usage per day per °C·day
    per day. When ``disqualified`` is set, ``model`` is ``None`` and the numbers are 0.
    """

    model: str | None
    heating_balance_c: float | None
    cooling_balance_c: float | None
    intercept: float
    beta_hdd: float
    beta_cdd: float
    r_squared: float | None
    adj_r_squared: float | None
    cvrmse: float | None
    n: int
    disqualified: str | None
    warnings: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    residual_autocorrelation: float | None = None
    baseline_start: dt.date | None = None
    baseline_end: dt.date | None = None

    @property
    def variables(self) -> int:
        """c of §3.4.3.3.3 and §4.3.2.2.5: explanatory variables, the intercept not counted."""
        return VARIABLES.get(self.model or "intercept_only", 0)


@dataclass(frozen=True)
class PeriodSavings:
    start: dt.date
    end: dt.date
    counterfactual: float | None
    actual: float | None
    avoided: float | None


@dataclass(frozen=True)
class Savings:
    """Avoided energy of a reporting period (§3.6, §4.1) with its uncertainty (§4.3.2.4).

    Totals add the bills that have both a counterfactual and an actual (``counted``).
    ``uncertainty`` is the absolute ± band at ``confidence`` (two-sided), ``None`` when it
    cannot be computed (no counted bill, or a perfect baseline fit leaves nothing to measure).
    """

    periods: tuple[PeriodSavings, ...]
    counterfactual: float
    actual: float
    avoided: float
    counted: int
    uncertainty: float | None
    confidence: float

    @property
    def fractional_uncertainty(self) -> float | None:
        """FSU of §4.3.2.4: the band over the avoided energy."""
        if self.uncertainty is None or self.avoided == 0:
            return None
        return self.uncertainty / abs(self.avoided)


def _period_temperatures(period: Period, daily: Mapping[dt.date, float]) -> np.ndarray:
    return temperatures_of_days(period.start, period.days, daily)


def _coverage(period: Period, temps: np.ndarray) -> float:
    return len(temps) / period.days if period.days > 0 else 0.0


# --- fitting the baseline ------------------------------------------------------------------


def _one_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _check_periods(periods: Sequence[Period]) -> list[Period]:
    ordered = sorted(periods, key=lambda p: p.start)
    for period in ordered:
        if period.end <= period.start:
            raise ValueError(f"period {period.start} ends on or before it starts")
    for before, after in itertools.pairwise(ordered):
        if after.start < before.end:
            raise ValueError(f"periods {before.start} and {after.start} overlap")
    return ordered


def _is_missing(usage: float | None, zero_is_missing: bool) -> bool:
    if usage is None or math.isnan(usage):
        return True
    return zero_is_missing and usage == 0


def _disqualified(
    reason: str,
    warnings: list[str],
    n: int = 0,
    candidates: tuple[Candidate, ...] = (),
    window: tuple[dt.date | None, dt.date | None] = (None, None),
) -> Fit:
    return Fit(
        model=None,
        heating_balance_c=None,
        cooling_balance_c=None,
        intercept=0.0,
        beta_hdd=0.0,
        beta_cdd=0.0,
        r_squared=None,
        adj_r_squared=None,
        cvrmse=None,
        n=n,
        disqualified=reason,
        warnings=tuple(warnings),
        candidates=candidates,
        baseline_start=window[0],
        baseline_end=window[1],
    )


def _lag1_autocorrelation(residuals: np.ndarray) -> float | None:
    """Pearson correlation of the residuals with themselves one bill later (pandas' autocorr)."""
    if len(residuals) < 3:
        return None
    a, b = residuals[:-1], residuals[1:]
    if a.std() == 0 or b.std() == 0:
        return None
    return float(np.corrcoef(a, b)[0, 1])


def fit_baseline(
    periods: Sequence[Period],
    temperatures: Temperatures,
    *,
    cooling: bool = True,
    zero_is_missing: bool = False,
) -> Fit:
    """Fit CalTRACK 2.0's billing model to a baseline year of bills (see the module rules).

    ``cooling=False`` leaves out the models with cooling degree days (gas, §3.2.1.1);
    ``zero_is_missing=True`` counts bills of 0 as missing (electricity, §2.2.1.4).
    """
    ordered = _check_periods(periods)
    warnings: list[str] = []
    if not ordered:
        return _disqualified("baseline_too_short", warnings)
    window_end = ordered[-1].end
    window_start = _one_year_before(window_end)
    window = (window_start, window_end)
    window_days = (window_end - window_start).days
    if ordered[0].start > window_start:
        return _disqualified("baseline_too_short", warnings, window=window)
    inside = [p for p in ordered if p.start >= window_start]
    if len(inside) < len(ordered):
        warnings.append("baseline_trimmed")

    daily = by_day(temperatures)
    temperature_days = sum(
        1
        for i in range(window_days)
        if window_start + dt.timedelta(days=i) in daily  # §2.2.1.2
    )
    used: list[Period] = []
    temps: list[np.ndarray] = []
    for period in inside:
        if not MIN_PERIOD_DAYS <= period.days <= MAX_PERIOD_DAYS:  # §2.2.3.4, §2.2.3.5
            warnings.append(f"dropped_off_cycle:{period.start.isoformat()}")
            continue
        if _is_missing(period.usage, zero_is_missing):  # §2.2.1.3, §2.2.1.4
            continue
        t = _period_temperatures(period, daily)
        if _coverage(period, t) < MIN_TEMPERATURE_COVERAGE:  # §2.2.3.2
            warnings.append(f"dropped_temperature_coverage:{period.start.isoformat()}")
            continue
        used.append(period)
        temps.append(t)

    usage = np.array([float(p.usage or 0.0) for p in used])
    days = np.array([float(p.days) for p in used])
    if (usage < 0).any():  # §2.3.5
        warnings.extend(f"negative_usage:{p.start.isoformat()}" for p in used if (p.usage or 0) < 0)
    upd = usage / days if len(used) else usage
    if len(upd):  # §2.3.6
        q1, median, q3 = np.percentile(upd, [25, 50, 75])
        limit = median + 3 * (q3 - q1)
        warnings.extend(
            f"extreme_usage:{p.start.isoformat()}"
            for p, v in zip(used, upd, strict=True)
            if v > limit
        )

    if window_days - temperature_days > MAX_MISSING_FRACTION * window_days:
        return _disqualified("temperature_coverage", warnings, len(used), window=window)
    if window_days - days.sum() > MAX_MISSING_FRACTION * window_days:
        return _disqualified("too_many_missing_days", warnings, len(used), window=window)
    if len(used) < VARIABLES["hdd_cdd"] + 2:
        return _disqualified("too_few_periods", warnings, len(used), window=window)

    hdd, cdd = degree_day_matrices(temps, np.array(BALANCE_POINTS_C))
    candidates = tuple(candidate_models(upd, days, hdd, cdd, cooling))
    best = select_model(candidates)
    if best is None:
        return _disqualified("no_qualified_model", warnings, len(used), candidates, window)

    fitted = Fit(
        model=best.model,
        heating_balance_c=best.heating_balance_c,
        cooling_balance_c=best.cooling_balance_c,
        intercept=best.intercept,
        beta_hdd=best.beta_hdd,
        beta_cdd=best.beta_cdd,
        r_squared=best.r_squared,
        adj_r_squared=best.adj_r_squared,
        cvrmse=None,
        n=len(used),
        disqualified=None,
        warnings=(),
        candidates=candidates,
        baseline_start=window_start,
        baseline_end=window_end,
    )
    predicted = np.array([days[i] * _usage_per_day(fitted, temps[i]) for i in range(len(used))])
    residuals = usage - predicted
    c = fitted.variables
    mean_usage = float(usage.mean())
    # §4.3.2.2: CV(RMSE) on bill totals, P − c degrees of freedom.
    cvrmse = (
        math.sqrt(float((residuals**2).sum()) / (len(used) - c)) / mean_usage
        if mean_usage != 0
        else None
    )
    if cvrmse is not None and cvrmse > CVRMSE_WARNING:
        warnings.append("cvrmse_above_100_percent")
    return Fit(
        model=fitted.model,
        heating_balance_c=fitted.heating_balance_c,
        cooling_balance_c=fitted.cooling_balance_c,
        intercept=fitted.intercept,
        beta_hdd=fitted.beta_hdd,
        beta_cdd=fitted.beta_cdd,
        r_squared=fitted.r_squared,
        adj_r_squared=fitted.adj_r_squared,
        cvrmse=cvrmse,
        n=len(used),
        disqualified=None,
        warnings=tuple(warnings),
        candidates=candidates,
        residual_autocorrelation=_lag1_autocorrelation(residuals),
        baseline_start=window_start,
        baseline_end=window_end,
    )


# --- prediction and avoided energy ---------------------------------------------------------


def _usage_per_day(fit: Fit, temps: np.ndarray) -> float:
    value = fit.intercept
    if fit.heating_balance_c is not None:
        value += fit.beta_hdd * degree_days_per_day(temps, fit.heating_balance_c)[0]
    if fit.cooling_balance_c is not None:
        value += fit.beta_cdd * degree_days_per_day(temps, fit.cooling_balance_c)[1]
    return value


def predict(fit: Fit, periods: Sequence[Period], temperatures: Temperatures) -> list[float | None]:
    """Each period's modelled usage (§3.6.1), ``None`` below 90% temperature coverage (§3.5.3.1).

    Raises ``ValueError`` for a disqualified fit: it has no model to predict with.
    """
    if fit.disqualified is not None or fit.model is None:
        raise ValueError(f"the baseline fit is disqualified ({fit.disqualified})")
    daily = by_day(temperatures)
    out: list[float | None] = []
    for period in periods:
        temps = _period_temperatures(period, daily)
        if _coverage(period, temps) < MIN_TEMPERATURE_COVERAGE:
            out.append(None)
        else:
            out.append(period.days * _usage_per_day(fit, temps))
    return out


def avoided_energy(
    fit: Fit,
    reporting: Sequence[Period],
    temperatures: Temperatures,
    *,
    confidence: float = DEFAULT_CONFIDENCE,
    zero_is_missing: bool = False,
) -> Savings:
    """Counterfactual, actual and avoided energy per reporting bill and in total (§3.6, §4.1),
    with the §4.3.2.4 uncertainty band of the total at ``confidence`` (two-sided)."""
    ordered = _check_periods(reporting)
    counterfactuals = predict(fit, ordered, temperatures)
    rows: list[PeriodSavings] = []
    for period, counterfactual in zip(ordered, counterfactuals, strict=True):
        actual = None if _is_missing(period.usage, zero_is_missing) else float(period.usage or 0)
        avoided = None if counterfactual is None or actual is None else counterfactual - actual
        rows.append(PeriodSavings(period.start, period.end, counterfactual, actual, avoided))
    counted = [r for r in rows if r.avoided is not None]
    base = sum(r.counterfactual or 0.0 for r in counted)
    actual_total = sum(r.actual or 0.0 for r in counted)
    band = savings_uncertainty(fit, len(counted), base, confidence=confidence)
    return Savings(
        periods=tuple(rows),
        counterfactual=base,
        actual=actual_total,
        avoided=base - actual_total,
        counted=len(counted),
        uncertainty=band,
        confidence=confidence,
    )
