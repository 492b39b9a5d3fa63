"""Demo weather: made-up daily mean temperatures for station 108 (Seoul), for every day the
demo's readings cover. **These are demo data, never observations**: their batch's source is
``demo``, and nothing here may stand in for KMA's record.

How a day is made (vectorised, deterministic for the same seed):

1. **Normals.** :data:`SEOUL_NORMALS_C` are Seoul's (station 108) monthly mean temperatures
   for 1991–2020, KMA's climate normals (기후평년값, published 2021), January to December:
   −1.9, 0.7, 6.1, 12.6, 18.2, 22.7, 25.3, 26.1, 21.6, 15.0, 7.5, 0.2 °C (year 12.8 °C).
   KMA's own table could not be fetched from where this was written; the values are KMA's
   1991–2020 normals as reproduced in the climate table of Wikipedia's "Seoul" article
   (sourced to KMA). Checked against what could be seen: KMA's 1981–2010 normals for the
   same station (−2.4, 0.4, 5.7, 12.5, 17.8, 22.2, 24.9, 25.7, 21.2, 14.8, 7.2, 0.4 °C, in a
   published table) are 0.1–0.5 °C cooler in every month but December, as thirty warmer
   years would make them, and DOMAIN.md's "about −2 °C in January to about 26 °C in August".
2. **A smooth year.** A cosine interpolation through one node a month placed at mid-month,
   the nodes fitted once (a few fixed-point steps) so that every month's mean of the curve
   is the month's normal (the normals themselves as nodes would fill the January trough by
   ~0.3 °C).
3. **A month's character.** Each month is warmer or colder than normal by the demo's own
   month-to-month weather (:class:`energy.demo.readings.Weather`): a month whose heating
   factor is high is cold, a summer month whose cooling factor is high is hot, so the demo's
   gas and electricity readings follow the demo's temperatures as real bills follow real
   weather. Bounded to ±:data:`MONTH_ANOMALY_LIMIT_C`.
4. **Day to day.** AR(1) noise (persistence :data:`AR_PHI`, a spell of cold days rather than
   white noise), its spread by calendar month (:data:`DAILY_SD_C`: wide in winter, narrow in
   summer), drawn per year from its own seed (a year's days never change with the window),
   centred in each month so that step 3 alone sets the month's mean.

Rounded to 0.1 °C, as KMA reports.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import cache

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from energy.calc.metrics import add_months
from energy.core.vocabulary import DEFAULT_WEATHER_STATION
from energy.demo.readings import HEATING_MJ, WINDOW_MONTHS, Weather
from energy.store.models.readings import Reading
from energy.weather.imports import write_days

SEOUL_NORMALS_C = (-1.9, 0.7, 6.1, 12.6, 18.2, 22.7, 25.3, 26.1, 21.6, 15.0, 7.5, 0.2)
# Spread of a day's mean around its month's (°C), January to December: Siberian outbreaks in
# winter, the steady monsoon in summer.
DAILY_SD_C = (3.4, 3.2, 2.8, 2.4, 2.0, 1.6, 1.5, 1.4, 1.6, 2.2, 2.8, 3.3)
AR_PHI = 0.7  # a day's anomaly carries seven tenths of yesterday's
MONTH_ANOMALY_LIMIT_C = 1.2
# How far one standard deviation of the demo's monthly heating / cooling factor moves the
# month's mean (the factors' own spreads are 0.06 and 0.05).
HEATING_FACTOR_C = 0.9 / 0.06
COOLING_FACTOR_C = 0.7 / 0.05
COOLING_MONTHS = range(5, 9)  # June-September (index 0 = January), as Weather has them
NORMAL_FIT_STEPS = 6


def _month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    months = [first.replace(day=1)]
    while months[-1] < last.replace(day=1):
        months.append(add_months(months[-1], 1))
    return months


def _cosine_curve(months: list[dt.date], nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each day of ``months`` (consecutive, whole) on the cosine through ``nodes`` (one a
    month) placed at mid-month, and each day's month (a position in ``months``)."""
    starts = np.array([m.toordinal() for m in months] + [add_months(months[-1], 1).toordinal()])
    days = np.arange(starts[0], starts[-1])
    which = np.searchsorted(starts, days, side="right") - 1
    mids = starts[:-1] + (np.diff(starts) - 1) / 2
    # Each day lies between two nodes: the mid-month before it and the one after it.
    left = np.clip(np.searchsorted(mids, days, side="right") - 1, 0, len(mids) - 2)
    weight = (
        1 - np.cos(np.pi * np.clip((days - mids[left]) / (mids[left + 1] - mids[left]), 0, 1))
    ) / 2
    curve: np.ndarray = nodes[left] * (1 - weight) + nodes[left + 1] * weight
    return curve, which


@cache
def _fitted_nodes() -> tuple[float, ...]:
    """The node of each calendar month such that every month's mean of the cosine curve is
    its normal: fitted once on three reference years (the middle one's nodes)."""
    months = [dt.date(2021 + k // 12, k % 12 + 1, 1) for k in range(36)]
    normals = np.array([SEOUL_NORMALS_C[m.month - 1] for m in months])
    nodes = normals.copy()
    for _ in range(NORMAL_FIT_STEPS):
        curve, which = _cosine_curve(months, nodes)
        nodes += normals - np.bincount(which, weights=curve) / np.bincount(which)
    return tuple(float(v) for v in nodes[12:24])


def _smooth_year(months: list[dt.date]) -> np.ndarray:
    """The smooth normal of each day of ``months`` (consecutive): the same for a day whatever
    the window (a month either side is drawn too, so the edges bend like the rest)."""
    padded = [add_months(months[0], -1), *months, add_months(months[-1], 1)]
    fitted = _fitted_nodes()
    curve, which = _cosine_curve(padded, np.array([fitted[m.month - 1] for m in padded]))
    inner: np.ndarray = curve[(which > 0) & (which < len(padded) - 1)]
    return inner


def _month_anomalies(months: list[dt.date], seed: int) -> np.ndarray:
    """Each month's departure from its normal (°C), from the demo's monthly weather."""
    weather = Weather(seed)
    anomalies = []
    for month in months:
        electric, heating, _sun = weather.factors(month)
        i = month.month - 1
        if i in COOLING_MONTHS:
            anomaly = (electric - 1) * COOLING_FACTOR_C
        elif HEATING_MJ[i] > 0:
            anomaly = -(heating - 1) * HEATING_FACTOR_C
        else:  # pragma: no cover - every month is heating or cooling in the demo's shapes
            anomaly = 0.0
        anomalies.append(anomaly)
    bounded: np.ndarray = np.clip(anomalies, -MONTH_ANOMALY_LIMIT_C, MONTH_ANOMALY_LIMIT_C)
    return bounded


def _daily_noise(first: dt.date, last: dt.date, seed: int) -> np.ndarray:
    """AR(1) noise of unit spread for each day from ``first`` to ``last``, drawn per year."""
    parts = []
    for year in range(first.year, last.year + 1):
        rng = np.random.default_rng([seed, year])
        length = 366 if calendar.isleap(year) else 365
        shocks = rng.standard_normal(length) * np.sqrt(1 - AR_PHI**2)
        series = np.empty(length)
        series[0] = rng.standard_normal()  # the year starts from the stationary spread
        for k in range(1, length):
            series[k] = AR_PHI * series[k - 1] + shocks[k]
        start = (max(first, dt.date(year, 1, 1)) - dt.date(year, 1, 1)).days
        stop = (min(last, dt.date(year, 12, 31)) - dt.date(year, 1, 1)).days + 1
        parts.append(series[start:stop])
    return np.concatenate(parts)


def demo_temperatures(first: dt.date, last: dt.date, *, seed: int) -> list[tuple[dt.date, float]]:
    """The demo's daily mean temperature (°C) of every day from ``first`` to ``last``."""
    months = _month_starts(first, last)
    starts = np.array([m.toordinal() for m in months] + [add_months(months[-1], 1).toordinal()])
    days = np.arange(starts[0], starts[-1])  # the window's months, whole
    which = np.searchsorted(starts, days, side="right") - 1
    lengths = np.diff(starts)
    noise = _daily_noise(months[0], dt.date.fromordinal(int(days[-1])), seed)
    noise *= np.array([DAILY_SD_C[m.month - 1] for m in months])[which]
    noise -= (np.bincount(which, weights=noise) / lengths)[which]
    values = np.round(_smooth_year(months) + _month_anomalies(months, seed)[which] + noise, 1)
    keep = (days >= first.toordinal()) & (days <= last.toordinal())
    return [
        (dt.date.fromordinal(day), value)
        for day, value in zip(days[keep].tolist(), values[keep].tolist(), strict=True)
    ]


def add_demo_weather(session: Session, *, today: dt.date, seed: int) -> int:
    """Station 108's demo temperatures for every day of the months the store's readings
    cover (at least the demo's window of :data:`~energy.demo.readings.WINDOW_MONTHS`
    months), up to the end of the last complete month, as one ``demo`` batch; the days
    written."""
    last_month = add_months(today.replace(day=1), -1)
    first_month = add_months(last_month, 1 - WINDOW_MONTHS)
    earliest = session.scalar(select(func.min(Reading.month)))
    if earliest is not None:
        first_month = min(first_month, earliest)
    last_day = today.replace(day=1) - dt.timedelta(days=1)
    days = demo_temperatures(first_month, last_day, seed=seed)
    write_days(session, DEFAULT_WEATHER_STATION, "demo", days)
    return len(days)
