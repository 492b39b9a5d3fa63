"""How villages perform: the committee's month-by-month chart, the staff league table, the
district map and the cohort curves. All built on the savings engine's grouped sums.

A village's *combined* saving is in TOE (electricity, gas and district heat added with one
factor set, the one valid at the period's end); water has no TOE and stays out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from sqlalchemy import select

from energy.calc import conversions, metrics
from energy.calc.factor_set import FactorSet
from energy.calc.metrics import CONSUMING_CARRIERS, METHODS
from energy.core.access import (
    Actor,
    require,
    require_district_home,
    require_village,
    village_scope,
)
from energy.core.errors import InvalidInput
from energy.savings import village_sums
from energy.savings.compute import method_sums
from energy.savings.factors import factors_for_period
from energy.savings.freshness import Sums
from energy.store import cache
from energy.store.db import session_for
from energy.store.models.readings import Household
from energy.store.models.villages import District, Village
from energy.villages.districts import list_districts
from energy.villages.households import village_by_code

SUM_COLUMNS = ["baseline", "actual", "cells"]
TOE_CARRIERS = ("electricity", "gas", "heat")
# One row per village (:func:`village_league`), even for a district with no village.
LEAGUE_COLUMNS = [
    "village_id", "code", "name", "name_en", "district_code", "district_ko", "district_en",
    "cohort", "stage", "status", "households",
    *(f"{c}_{part}" for c in CONSUMING_CARRIERS for part in ("pct", "cells")),
    "saving_toe", "combined_pct", "baseline_toe", "actual_toe",
]  # fmt: skip


def _sums(
    session: Any,
    ids: list[int] | None,
    start: dt.date,
    end: dt.date,
    method: str,
    by: tuple[str, ...],
) -> Sums:
    """Grouped sums over the villages ``ids`` (None: every village, without a filter)."""
    if method not in METHODS:
        raise InvalidInput("error.savings_unknown_method", field="method", method=method)
    if start > end:
        raise InvalidInput(
            "error.savings_range", field="start", start=f"{start:%Y-%m}", end=f"{end:%Y-%m}"
        )
    if ids is not None and not ids:
        return {}
    return method_sums(method, session, ids, start, end, by)


def _frame(sums: Sums, by: tuple[str, ...]) -> pd.DataFrame:
    columns = ["carrier", *by, *SUM_COLUMNS]
    rows = [(*key, *values) for key, values in sums.items()]
    return pd.DataFrame(rows, columns=columns)


def _toe(frame: pd.DataFrame, factors: FactorSet) -> pd.DataFrame:
    """Add baseline/actual in TOE to each row (NaN for carriers without a TOE factor)."""
    out = frame.copy()
    # TOE is linear in the quantity: one factor per carrier, then a vector product.
    per_unit = {c: conversions.to_toe(c, 1.0, factors) for c in TOE_CARRIERS}
    factor = out["carrier"].map(lambda c: per_unit.get(c)).astype(float)
    for side in ("baseline", "actual"):
        out[f"{side}_toe"] = out[side].astype(float) * factor
    return out


def _pct(baseline: float, actual: float) -> float | None:
    return (baseline - actual) / baseline if baseline > 0 else None


def monthly_comparison(
    actor: Actor,
    *,
    village: str,
    start: dt.date,
    end: dt.date,
    method: str = "eco-mileage",
    url: str | None = None,
) -> pd.DataFrame:
    """Per month and carrier, Σ baseline and Σ actual over the counted cells (for the chart)."""
    start, end = metrics.first_of_month(start), metrics.first_of_month(end)
    with session_for(actor, url=url) as session:
        found = village_by_code(session, village)
        require_village(actor, found.id, "tracking.read")
        frame = _frame(_sums(session, [found.id], start, end, method, ("month",)), ("month",))
    return frame.sort_values(["carrier", "month"]).reset_index(drop=True)


def household_savings(
    actor: Actor,
    *,
    village: str,
    start: dt.date,
    end: dt.date,
    method: str = "eco-mileage",
    url: str | None = None,
) -> pd.DataFrame:
    """One row per household of the village: each carrier's saving % and the months compared
    (so a committee can show each neighbour what they achieved)."""
    start, end = metrics.first_of_month(start), metrics.first_of_month(end)
    with session_for(actor, url=url) as session:
        found = village_by_code(session, village)
        require_village(actor, found.id, "tracking.read")
        codes = dict(
            session.execute(
                select(Household.id, Household.code).where(Household.village_id == found.id)
            ).all()
        )
        sums = _sums(session, [found.id], start, end, method, ("household",))
    totals = {(int(h), str(c)): values for (c, h), values in sums.items()}
    rows = []
    for household_id, code in sorted(codes.items(), key=lambda item: item[1]):
        row: dict[str, Any] = {"household": code}
        for carrier in CONSUMING_CARRIERS:
            baseline, actual, cells = totals.get((household_id, carrier), (0.0, 0.0, 0))
            row[f"{carrier}_pct"] = _pct(float(baseline), float(actual))
            row[f"{carrier}_cells"] = int(cells)
        rows.append(row)
    return pd.DataFrame(rows)


def village_league(
    actor: Actor,
    *,
    start: dt.date,
    end: dt.date,
    method: str = "eco-mileage",
    url: str | None = None,
) -> pd.DataFrame:
    """One row per village (staff): each carrier's saving %, the combined TOE saving and %,
    the cells counted."""
    require(actor, "results.read")  # every village's: the programme's results, for staff
    start, end = metrics.first_of_month(start), metrics.first_of_month(end)
    league: pd.DataFrame = cache.memo(
        ("village_league", start, end, method),
        lambda: _village_league(actor, start, end, method, url),
        url=url,
    )
    return league.copy()


LEAGUE_COLUMNS = [
    "village_id", "code", "name", "name_en", "district_code", "district_ko", "district_en",
    "cohort", "stage", "status", "households",
    *(f"{c}_{kind}" for c in CONSUMING_CARRIERS for kind in ("pct", "cells")),
    "saving_toe", "combined_pct", "baseline_toe", "actual_toe",
]  # fmt: skip


def district_village_savings(
    actor: Actor,
    *,
    district_id: int | None,
    start: dt.date,
    end: dt.date,
    method: str = "eco-mileage",
    url: str | None = None,
) -> pd.DataFrame:
    """The league's rows (one per village: saving % per carrier and combined in TOE, the TOE
    baseline and actual, the households taking part) of the villages of one district, for
    whoever follows that district (its officer, staff), or of every village for staff
    comparing the districts (``district_id`` None). Village-level aggregates only: a
    district officer never reads a household's figures (it holds no ``tracking.read``)."""
    if district_id is None:
        require(actor, "district.compare")
    else:
        require_district_home(actor, district_id)
    start, end = metrics.first_of_month(start), metrics.first_of_month(end)
    if district_id is None:  # the whole programme's: the league's own memo
        league: pd.DataFrame = cache.memo(
            ("village_league", start, end, method),
            lambda: _village_league(actor, start, end, method, url),
            url=url,
        )
    else:
        league = cache.memo(
            ("district_village_savings", district_id, start, end, method),
            lambda: _village_league(actor, start, end, method, url, district_id=district_id),
            url=url,
        )
    scope = village_scope(actor)
    if scope is not None:  # an officer's district as its account knows it
        league = league[league["village_id"].isin(scope)]
    return league.reset_index(drop=True)


def _village_league(
    actor: Actor,
    start: dt.date,
    end: dt.date,
    method: str,
    url: str | None,
    *,
    district_id: int | None = None,
) -> pd.DataFrame:
    """The league of every village, or of one district's villages."""
    with session_for(actor, url=url) as session:
        query = select(
            Village.id, Village.code, Village.name, Village.name_en, Village.cohort_year,
            Village.programme_year, Village.graduated, Village.status,
            District.code, District.name_ko, District.name_en,
        ).join(District)  # fmt: skip
        if district_id is not None:
            query = query.where(Village.district_id == district_id)
        villages = session.execute(query).all()
        ids = [v[0] for v in villages]
        scope = None if district_id is None else ids
        sums = _frame(_sums(session, scope, start, end, method, ("village",)), ("village",))
        counts = village_sums.households_taking_part(session, ids, start, end)
        factors = factors_for_period(session, end)
    sums = _toe(sums, factors)
    # One pass over the sums, then a dictionary look-up per village (filtering the frame per
    # village made the table cost villages × rows: 6 s for 195 villages).
    per_carrier = {
        (int(v), str(c)): (float(b), float(a), int(n))
        for v, c, b, a, n in sums.groupby(["village", "carrier"], as_index=False)[SUM_COLUMNS]
        .sum()
        .itertuples(index=False)
    }
    toe_rows = sums[sums["carrier"].isin(TOE_CARRIERS)]
    toe_sums = (
        toe_rows.assign(
            baseline_toe=pd.to_numeric(toe_rows["baseline_toe"], errors="coerce"),
            actual_toe=pd.to_numeric(toe_rows["actual_toe"], errors="coerce"),
        )
        .groupby("village")[["baseline_toe", "actual_toe"]]
        .sum()
    )
    per_village_toe = {int(v): (float(b), float(a)) for v, b, a in toe_sums.itertuples()}
    rows = []
    for vid, code, name, name_en, cohort, year, graduated, status, dcode, dko, den in villages:
        row: dict[str, Any] = {
            "village_id": vid, "code": code, "name": name, "name_en": name_en,
            "district_code": dcode, "district_ko": dko, "district_en": den, "cohort": cohort,
            "stage": "graduated" if graduated else str(year), "status": status,
            "households": counts.get(vid, 0),
        }  # fmt: skip
        for carrier in CONSUMING_CARRIERS:
            baseline, actual, cells = per_carrier.get((vid, carrier), (0.0, 0.0, 0))
            row[f"{carrier}_pct"] = _pct(baseline, actual)
            row[f"{carrier}_cells"] = cells
        base_toe, actual_toe = per_village_toe.get(vid, (0.0, 0.0))
        row["saving_toe"] = base_toe - actual_toe if base_toe > 0 else None
        row["combined_pct"] = _pct(base_toe, actual_toe)
        row["baseline_toe"], row["actual_toe"] = base_toe, actual_toe  # to pool villages
        rows.append(row)
    # Columns named: a store without villages has an empty league, not one without columns.
    league = pd.DataFrame(rows, columns=LEAGUE_COLUMNS)
    return league.sort_values("combined_pct", ascending=False, na_position="last").reset_index(
        drop=True
    )


def district_results(league: pd.DataFrame, districts: pd.DataFrame) -> pd.DataFrame:
    """All 25 districts (zeros kept) with their villages and median combined saving (pure)."""
    grouped = (
        league.groupby("district_code")
        .agg(villages=("code", "count"), median_pct=("combined_pct", "median"))
        .reset_index()
    )
    merged = districts.merge(grouped, on="district_code", how="left")
    merged["villages"] = merged["villages"].fillna(0).astype(int)
    return merged


def all_districts(actor: Actor, *, url: str | None = None) -> pd.DataFrame:
    with session_for(actor, url=url) as session:
        rows = list_districts(session)
    return pd.DataFrame(
        [(d.code, d.name_ko, d.name_en, d.tile_row, d.tile_col) for d in rows],
        columns=["district_code", "name_ko", "name_en", "tile_row", "tile_col"],
    )


def cohort_curves(
    actor: Actor,
    *,
    start: dt.date,
    end: dt.date,
    method: str = "eco-mileage",
    url: str | None = None,
) -> pd.DataFrame:
    """Per cohort and programme year (years since joining + 1), the combined TOE saving %:
    how a year's new villages go on saving as they grow (staff and the town hall)."""
    require(actor, "overview.read")
    start, end = metrics.first_of_month(start), metrics.first_of_month(end)
    curves: pd.DataFrame = cache.memo(
        ("cohort_curves", start, end, method),
        lambda: _cohort_curves(actor, start, end, method, url),
        url=url,
    )
    return curves.copy()


def _cohort_curves(
    actor: Actor, start: dt.date, end: dt.date, method: str, url: str | None
) -> pd.DataFrame:
    with session_for(actor, url=url) as session:
        villages = dict(session.execute(select(Village.id, Village.cohort_year)).all())
        # Summed by calendar year in the database: a year's months share the cohort's
        # programme year, and TOE is linear in each carrier's quantity.
        frame = _frame(
            _sums(session, None, start, end, method, ("village", "year")),
            ("village", "year"),
        )
        factors = factors_for_period(session, end)
    frame = _toe(frame[frame["carrier"].isin(TOE_CARRIERS)], factors)
    if frame.empty:
        return pd.DataFrame(columns=["cohort", "year_in_programme", "saving_pct", "villages"])
    frame["cohort"] = frame["village"].map(villages)
    frame["year_in_programme"] = frame["year"] - frame["cohort"] + 1
    frame = frame[frame["year_in_programme"] >= 1].astype({"year_in_programme": int})
    grouped = (
        frame.groupby(["cohort", "year_in_programme"])
        .agg(
            baseline=("baseline_toe", "sum"),
            actual=("actual_toe", "sum"),
            villages=("village", "nunique"),
        )
        .reset_index()
    )
    grouped["saving_pct"] = (grouped["baseline"] - grouped["actual"]) / grouped["baseline"]
    return grouped[["cohort", "year_in_programme", "saving_pct", "villages"]]
