"""Daily temperatures and degree days, as CalTRACK 2.0 reads them (§3.2, §3.3).

CalTRACK states its balance-point grid in °F: 30–90 °F (§3.2.1.1, §3.2.1.2) with at most
3 °F between candidates (§3.2.3). The grid here is every whole °F from 30 to 90 (61 points,
the grid eemeter 2.x/3.x used) converted **exactly** to °C, ``(F − 32) × 5/9``: −1.111… °C to
32.222… °C in steps of 5/9 °C. A period's HDD (CDD) per day is the mean over its days that
have a temperature of ``max(T_h − T_d, 0)`` (``max(T_d − T_c, 0)``), §3.3.2, §3.3.4, §3.3.5.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TypeAlias

import numpy as np
import pandas as pd

# Daily mean outdoor temperatures in °C by day; missing days absent or NaN.
Temperatures: TypeAlias = Mapping[dt.date, float] | pd.Series

# §3.2.1, §3.2.3: every whole °F from 30 to 90, converted exactly to °C.
BALANCE_POINTS_F: tuple[int, ...] = tuple(range(30, 91))


def fahrenheit_to_celsius(value: float) -> float:
    return (value - 32) * 5 / 9


BALANCE_POINTS_C: tuple[float, ...] = tuple(fahrenheit_to_celsius(f) for f in BALANCE_POINTS_F)


def by_day(temperatures: Temperatures) -> dict[dt.date, float]:
    """Date -> °C for the days that have a temperature (NaN and None are missing)."""
    out: dict[dt.date, float] = {}
    for key, value in temperatures.items():
        if value is None or pd.isna(value):
            continue
        day = key.date() if isinstance(key, dt.datetime) else key
        out[day] = float(value)
    return out


def temperatures_of_days(start: dt.date, days: int, daily: Mapping[dt.date, float]) -> np.ndarray:
    """The temperatures of the ``days`` days from ``start`` that have one."""
    wanted = (start + dt.timedelta(days=i) for i in range(days))
    return np.array([daily[d] for d in wanted if d in daily], dtype=float)


def degree_days_per_day(temps: np.ndarray, balance_c: float) -> tuple[float, float]:
    """(HDD per day, CDD per day) of one period's daily means at one balance point (°C)."""
    if len(temps) == 0:
        return 0.0, 0.0
    hdd = float(np.maximum(balance_c - temps, 0.0).mean())
    cdd = float(np.maximum(temps - balance_c, 0.0).mean())
    return hdd, cdd


def degree_day_matrices(
    temps: Sequence[np.ndarray], balance: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """HDD and CDD per day, shape (periods, balance points)."""
    hdd = np.array([np.maximum(balance[None, :] - t[:, None], 0.0).mean(axis=0) for t in temps])
    cdd = np.array([np.maximum(t[:, None] - balance[None, :], 0.0).mean(axis=0) for t in temps])
    return hdd, cdd
