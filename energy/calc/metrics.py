"""Savings arithmetic: pure functions, DataFrames in, numbers and DataFrames out (no I/O).

This module is the written-down rule book for DOMAIN.md's "Measuring savings"; its
"Conversions" (TOE, tCO2, won) are :mod:`energy.calc.conversions`.
:mod:`energy.savings.compute` does the same cell matching in SQL for large scopes;
a store test checks that both agree on the same data.

Vocabulary
----------
*cell*
    One household, carrier and month ``(h, c, m)``.
*counted cell*
    A cell whose actual value and whose baseline value(s) exist, in a month in which the
    household was taking part. Only counted cells enter a sum: a missing reading is never
    guessed.
*expected cell*
    A ``(household, month)`` pair of the period in which the household was taking part
    (``joined_on <= month end`` and ``left_on`` empty or ``>= month start``), for a carrier of
    which the household has at least one reading on record. A home without gas is therefore
    not expected to report gas and does not lower gas coverage.
*coverage*
    counted cells / expected cells (0 when nothing was expected).

Frames
------
``readings``
    ``household_id``, ``carrier``, ``month`` (a first-of-month date), ``value`` (canonical
    unit: electricity kWh, gas MJ, water m3, heat kWh). Rows with an empty value count as
    missing.
``households``
    ``household_id``, ``joined_on``, ``left_on`` (a date or empty); ``village_id`` for the
    baseline-year method; ``code`` for the eco-mileage rounds.
``on_record``
    ``household_id``, ``carrier``: the carriers each household has any reading of.

Percentages are fractions (``0.072`` is 7.2%), as :func:`energy.core.i18n.format_percent` expects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from energy.calc.conversions import combined_toe_pct
from energy.core.vocabulary import CANONICAL_UNITS

if TYPE_CHECKING:
    from energy.calc.factor_set import FactorSet

# Solar is generation: it is never a saving, so no savings figure includes it.
CONSUMING_CARRIERS: tuple[str, ...] = ("electricity", "gas", "water", "heat")
METHODS: tuple[str, ...] = ("eco-mileage", "baseline-year")

CELL_COLUMNS = ["household_id", "carrier", "month", "baseline", "actual"]
ROUND_COLUMNS = [
    "household_id",
    "household",
    "round",
    "start",
    "end",
    "electricity_pct",
    "gas_pct",
    "water_pct",
    "heat_pct",
    "combined_toe_pct",
    "cells",
    "expected_cells",
    "points",
    "points_awarded",
]
# The two eco-mileage rounds of a year: (round number, first month, last month).
ROUNDS: tuple[tuple[int, int, int], ...] = ((1, 1, 6), (2, 7, 12))
# A month index beyond any real month: the "left" month of a household still taking part.
STILL_TAKING_PART = 10**9
# Tier thresholds are compared after rounding the fraction to this many places, so that a cut
# of exactly 10% that floating point computes as 0.09999999999999998 lands in the 10% tier.
_TIER_PRECISION = 9


# --- months --------------------------------------------------------------------------------


def month_index(day: dt.date) -> int:
    """Months since year 0: month arithmetic becomes integer arithmetic."""
    return day.year * 12 + day.month - 1


def month_from_index(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def first_of_month(day: dt.date) -> dt.date:
    return dt.date(day.year, day.month, 1)


def add_months(month: dt.date, months: int) -> dt.date:
    """The first of the month ``months`` after (or before, if negative) ``month``'s month."""
    return month_from_index(month_index(month) + months)


def last_day_of_month(month: dt.date) -> dt.date:
    return add_months(month, 1) - dt.timedelta(days=1)


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every first-of-month from ``start``'s month to ``end``'s month, both included."""
    return [month_from_index(i) for i in range(month_index(start), month_index(end) + 1)]


def _is_missing(value: object) -> bool:
    return value is None or bool(pd.isna(value))


# --- participation and coverage -------------------------------------------------------------


def household_spans(households: pd.DataFrame) -> pd.DataFrame:
    """Each household's first and last month of taking part, as month indexes.

    ``joined_on <= month end`` is the same as "joined in or before that month", and
    ``left_on >= month start`` the same as "left in or after that month", so a household
    takes part in month ``m`` exactly when ``first <= m <= last``.
    """
    spans = pd.DataFrame(
        {
            "household_id": households["household_id"].to_numpy(),
            "first": [month_index(d) for d in households["joined_on"]],
            "last": [
                STILL_TAKING_PART if _is_missing(d) else month_index(d)
                for d in households["left_on"]
            ],
        }
    )
    if "village_id" in households.columns:
        spans["village_id"] = households["village_id"].to_numpy()
    return spans


def participating_months(households: pd.DataFrame, start: dt.date, end: dt.date) -> pd.Series:
    """Per household (indexed by ``household_id``): its months of taking part in the period."""
    spans = household_spans(households)
    first = spans["first"].clip(lower=month_index(start))
    last = spans["last"].clip(upper=month_index(end))
    months = (last - first + 1).clip(lower=0)
    return pd.Series(months.to_numpy(), index=spans["household_id"].to_numpy(), name="months")


def expected_cells(
    households: pd.DataFrame,
    on_record: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    carriers: Sequence[str] = CONSUMING_CARRIERS,
) -> dict[str, int]:
    """Cells expected per carrier: months of taking part, for carriers the household uses."""
    months = participating_months(households, start, end)
    frame = on_record.merge(
        months.rename_axis("household_id").reset_index(), on="household_id", how="inner"
    )
    return {c: int(frame.loc[frame["carrier"] == c, "months"].sum()) for c in carriers}


# --- cells ----------------------------------------------------------------------------------


def _indexed(readings: pd.DataFrame) -> pd.DataFrame:
    frame = readings.loc[readings["value"].notna(), ["household_id", "carrier", "month", "value"]]
    frame = frame.assign(mi=[month_index(m) for m in frame["month"]])
    if frame.duplicated(["household_id", "carrier", "mi"]).any():
        # The store forbids it (unique per household, carrier, month); a frame might not.
        raise ValueError("a household has two readings of one carrier in one month")
    return frame


def _actual_in_period(
    frame: pd.DataFrame, households: pd.DataFrame, start: dt.date, end: dt.date
) -> pd.DataFrame:
    """Readings of the period's months in which their household was taking part."""
    low, high = month_index(start), month_index(end)
    actual = frame[
        (frame["mi"] >= low) & (frame["mi"] <= high) & frame["carrier"].isin(CONSUMING_CARRIERS)
    ]
    actual = actual.merge(household_spans(households), on="household_id", how="inner")
    return actual[(actual["first"] <= actual["mi"]) & (actual["mi"] <= actual["last"])]


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    cells = frame.rename(columns={"value": "actual"})
    cells = cells.assign(month=[month_from_index(int(i)) for i in cells["mi"]])
    return (
        cells[CELL_COLUMNS]
        .sort_values(["household_id", "carrier", "month"], ignore_index=True)
        .astype({"baseline": float, "actual": float})
    )


def eco_mileage_cells(
    readings: pd.DataFrame, households: pd.DataFrame, start: dt.date, end: dt.date
) -> pd.DataFrame:
    """Counted cells of the eco-mileage method, with their baseline and actual value.

    ``baseline(h, c, m) = (use(h, c, m-12) + use(h, c, m-24)) / 2``; a cell counts only when
    the actual and both earlier values exist and the household was taking part in ``m``.
    Earlier values count whether or not the household was taking part then: the baseline is
    the home's use before the programme reached it.
    """
    frame = _indexed(readings)
    actual = _actual_in_period(frame, households, start, end)
    keys = ["household_id", "carrier", "mi"]
    one_year = frame[[*keys, "value"]].assign(mi=frame["mi"] + 12)
    two_years = frame[[*keys, "value"]].assign(mi=frame["mi"] + 24)
    cells = actual.merge(one_year.rename(columns={"value": "prev1"}), on=keys).merge(
        two_years.rename(columns={"value": "prev2"}), on=keys
    )
    cells = cells.assign(baseline=(cells["prev1"] + cells["prev2"]) / 2)
    return _cells(cells)


def baseline_year_month(month: dt.date, joined_month: dt.date) -> dt.date | None:
    """The month of the baseline year compared with ``month`` (``None`` before joining).

    The baseline year is the 12 complete months before the village joined, i.e. the months
    ``joined_month - 12`` to ``joined_month - 1``; each calendar month occurs there once.
    """
    m, j = month_index(month), month_index(first_of_month(joined_month))
    if m < j:
        return None
    return month_from_index(j - 12 + (m - j) % 12)


def baseline_year_cells(
    readings: pd.DataFrame,
    households: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    joined_months: Mapping[int, dt.date],
) -> pd.DataFrame:
    """Counted cells of the baseline-year method (as in ENERGY STAR Portfolio Manager).

    ``joined_months`` gives each village (by id; ``households`` needs ``village_id``) the
    month it joined. A cell counts when the household was taking part, the month is not
    before the village joined, and the same calendar month of the baseline year exists.
    """
    frame = _indexed(readings)
    actual = _actual_in_period(frame, households, start, end)
    joined = {v: month_index(first_of_month(d)) for v, d in joined_months.items()}
    actual = actual.assign(jm=actual["village_id"].map(joined))
    actual = actual[actual["jm"].notna() & (actual["mi"] >= actual["jm"])]
    jm = actual["jm"].astype(int)
    keys = ["household_id", "carrier", "bm"]
    actual = actual.assign(bm=jm - 12 + (actual["mi"] - jm) % 12)
    base = frame[["household_id", "carrier", "mi", "value"]].rename(
        columns={"mi": "bm", "value": "baseline"}
    )
    return _cells(actual.merge(base, on=keys))


# --- results per carrier --------------------------------------------------------------------


@dataclass(frozen=True)
class CarrierSaving:
    """One carrier's result over a set of cells; quantities in the carrier's canonical unit.

    With no counted cell there is nothing to report: the sums and the percentage are ``None``
    (never 0, which would read as "no saving").
    """

    carrier: str
    unit: str
    baseline: float | None
    actual: float | None
    saving: float | None
    saving_pct: float | None
    cells: int
    expected_cells: int

    @property
    def coverage(self) -> float:
        return self.cells / self.expected_cells if self.expected_cells else 0.0


def carrier_saving(
    carrier: str, *, baseline: float, actual: float, cells: int, expected_cells: int
) -> CarrierSaving:
    """``saving = Σ baseline - Σ actual`` and ``saving % = saving / Σ baseline``."""
    unit = CANONICAL_UNITS[carrier]
    if cells == 0:
        return CarrierSaving(carrier, unit, None, None, None, None, 0, expected_cells)
    saving = baseline - actual
    pct = saving / baseline if baseline > 0 else None  # a zero baseline has no percentage
    return CarrierSaving(carrier, unit, baseline, actual, saving, pct, cells, expected_cells)


def summarise_cells(
    cells: pd.DataFrame,
    expected: Mapping[str, int],
    carriers: Sequence[str] = CONSUMING_CARRIERS,
) -> tuple[CarrierSaving, ...]:
    """Per carrier: the sums over the counted cells, beside the cells expected."""
    results = []
    for carrier in carriers:
        own = cells[cells["carrier"] == carrier]
        results.append(
            carrier_saving(
                carrier,
                baseline=float(own["baseline"].sum()),
                actual=float(own["actual"].sum()),
                cells=len(own),
                expected_cells=int(expected.get(carrier, 0)),
            )
        )
    return tuple(results)


# --- eco-mileage rounds and points ----------------------------------------------------------


@dataclass(frozen=True)
class PointsRule:
    """The eco-mileage reward: points per 6-month round by reduction tier, capped per year.

    Kept as data because the programme's rules change over the years. ``tiers`` are
    ``(lowest reduction, points)``; 1 point = 1 KRW.
    """

    tiers: tuple[tuple[float, int], ...] = ((0.05, 10_000), (0.10, 30_000), (0.15, 50_000))
    yearly_cap: int = 100_000

    def points(self, reduction: float | None) -> int:
        """Points for one round: a tier includes its lower bound (exactly 10% earns 30,000)."""
        if reduction is None:
            return 0
        judged = round(reduction, _TIER_PRECISION)
        earned = 0
        for threshold, points in sorted(self.tiers):
            if judged >= threshold:
                earned = points
        return earned

    def award(self, round_points: Sequence[int]) -> list[int]:
        """What each round of one year pays out, in order, once the yearly cap is reached."""
        left = self.yearly_cap
        paid = []
        for points in round_points:
            pay = max(0, min(points, left))
            paid.append(pay)
            left -= pay
        return paid


ECO_MILEAGE_POINTS = PointsRule()


def eco_mileage_rounds(
    cells: pd.DataFrame,
    households: pd.DataFrame,
    on_record: pd.DataFrame,
    year: int,
    factors: Mapping[int, FactorSet],
    rule: PointsRule = ECO_MILEAGE_POINTS,
) -> pd.DataFrame:
    """One row per household and round of ``year`` in which the household took part.

    Columns are :data:`ROUND_COLUMNS`; a percentage without counted cells is empty (NaN).

    ``cells`` are eco-mileage cells (see :func:`eco_mileage_cells`) covering the year;
    ``factors`` gives each round (1, 2) its factor set, valid at the round's end.

    Choice: each carrier's own reduction is reported (``<carrier>_pct``), and the points are
    judged on ``combined_toe_pct``, the household's electricity, gas and heat together in TOE.
    DOMAIN.md rewards the household, not each meter, so one figure decides one reward per
    round, and TOE lets kWh and MJ be added without letting the biggest number win. Water
    has no TOE factor and does not enter the combined figure. A round with no counted cell
    has no percentage and earns nothing; ``cells`` and ``expected_cells`` show how complete
    each household's round was.
    """
    rows: list[dict[str, object]] = []
    codes = (
        dict(zip(households["household_id"], households["code"], strict=True))
        if "code" in households.columns
        else {}
    )
    for number, first, last in ROUNDS:
        start, end = dt.date(year, first, 1), dt.date(year, last, 1)
        months = participating_months(households, start, end)
        expected = on_record.merge(
            months.rename_axis("household_id").reset_index(), on="household_id"
        )
        expected_by_household = expected.groupby("household_id")["months"].sum()
        in_round = cells[(cells["month"] >= start) & (cells["month"] <= end)]
        grouped = in_round.groupby(["household_id", "carrier"])[["baseline", "actual"]].sum()
        totals = {
            key: (float(baseline), float(actual))
            for key, baseline, actual in zip(
                grouped.index, grouped["baseline"], grouped["actual"], strict=True
            )
        }  # a dict: a pandas lookup per household and carrier cost most of the page
        counts = in_round.groupby("household_id").size()
        for household_id, n_months in months.items():
            if n_months <= 0:
                continue
            sums: dict[str, tuple[float, float]] = {}
            row: dict[str, object] = {
                "household_id": household_id,
                "household": codes.get(household_id, str(household_id)),
                "round": number,
                "start": start,
                "end": end,
            }
            for carrier in CONSUMING_CARRIERS:
                pct: float | None = None
                if (household_id, carrier) in totals:
                    baseline, actual = totals[(household_id, carrier)]
                    sums[carrier] = (baseline, actual)
                    pct = (baseline - actual) / baseline if baseline > 0 else None
                row[f"{carrier}_pct"] = pct
            combined = combined_toe_pct(sums, factors[number]) if sums else None
            row["combined_toe_pct"] = combined
            row["cells"] = int(counts.get(household_id, 0))
            row["expected_cells"] = int(expected_by_household.get(household_id, 0))
            row["points"] = rule.points(combined)
            rows.append(row)
    frame = pd.DataFrame(rows, columns=ROUND_COLUMNS)
    if frame.empty:
        return frame
    frame = frame.sort_values(["household", "household_id", "round"], ignore_index=True)
    awarded: list[int] = []
    first = 0
    households_in_order = frame["household_id"].tolist()
    points = [int(p) for p in frame["points"]]
    for stop in range(1, len(frame) + 1):  # the rows are sorted: a household's rounds adjoin
        if stop == len(frame) or households_in_order[stop] != households_in_order[first]:
            # A household's rounds in order: the yearly cap applies to the later round.
            awarded.extend(rule.award(points[first:stop]))
            first = stop
    frame["points_awarded"] = awarded
    return frame
