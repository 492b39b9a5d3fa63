"""The savings methods' sums straight from the readings, in SQL (see :mod:`energy.savings.compute`).

Each reading carries its own month's values one and two years earlier (kept by triggers,
migration 0004), so an eco-mileage cell is one row; a baseline-year cell joins its reading
to the same calendar month of the village's baseline year through the unique index. The
kept per-village sums (:mod:`energy.savings.village_sums`) are built from these functions, and a
stale village is read through them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    and_,
    case,
    cast,
    extract,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from energy.calc import metrics
from energy.calc.factor_set import Price, Tier
from energy.calc.metrics import CONSUMING_CARRIERS
from energy.savings import freshness
from energy.store.models.readings import Household, Reading
from energy.store.models.villages import Village, VillageStatusChange
from energy.villages.households import taking_part

# --- month arithmetic in SQL ----------------------------------------------------------------


class _AddMonths(FunctionElement[dt.date]):
    """``month + n months`` for first-of-month dates, on SQLite and PostgreSQL alike."""

    type = Date()
    inherit_cache = True
    name = "add_months"


@compiles(_AddMonths, "sqlite")
def _add_months_sqlite(element: _AddMonths, compiler: SQLCompiler, **kw: Any) -> str:
    day, months = list(element.clauses)
    # SQLite keeps dates as 'YYYY-MM-DD' text; date() returns the same form.
    return f"date({compiler.process(day, **kw)}, ({compiler.process(months, **kw)}) || ' months')"


@compiles(_AddMonths, "postgresql")
def _add_months_postgresql(element: _AddMonths, compiler: SQLCompiler, **kw: Any) -> str:
    day, months = list(element.clauses)
    return (
        f"CAST({compiler.process(day, **kw)} + "
        f"make_interval(months => CAST({compiler.process(months, **kw)} AS INTEGER)) AS DATE)"
    )


def _add_months(day: Any, months: int | ColumnElement[int]) -> _AddMonths:
    return _AddMonths(day, literal(months, Integer) if isinstance(months, int) else months)


def _month_number(day: Any) -> ColumnElement[int]:
    """Months since year 0 (like :func:`energy.calc.metrics.month_index`), as an SQL integer."""
    year = cast(extract("year", day), Integer)
    return year * 12 + cast(extract("month", day), Integer) - 1


def _among(column: Any, village_ids: list[int] | None) -> ColumnElement[bool]:
    """``column IN village_ids``, or no condition at all for the whole programme."""
    return true() if village_ids is None else column.in_(village_ids)


def scope_households(
    session: Session, village_ids: list[int] | None, start: dt.date, end: dt.date
) -> Any:
    """The scope's households taking part in the period, and the carriers each has on record.

    "On record" looks at the whole history (one index probe per household and carrier), so
    a household's gas coverage does not depend on the period asked for.
    """
    on_record = [
        select(Reading.id)
        .where(Reading.household_id == Household.id, Reading.carrier == carrier)
        .exists()
        .label(carrier)
        for carrier in CONSUMING_CARRIERS
    ]
    rows = session.execute(
        select(
            Household.id,
            Household.village_id,
            Household.code,
            Household.joined_on,
            Household.left_on,
            *on_record,
        )
        .where(
            _among(Household.village_id, village_ids),
            *taking_part(start, end),
        )
        .order_by(Household.id)
    ).all()
    households = pd.DataFrame(
        [r[:5] for r in rows],
        columns=["household_id", "village_id", "code", "joined_on", "left_on"],
    )
    records = pd.DataFrame(
        [
            (r[0], carrier)
            for r in rows
            for carrier, has in zip(CONSUMING_CARRIERS, r[5:], strict=True)
            if has
        ],
        columns=["household_id", "carrier"],
    )
    return households, records


def took_part(actual: Any) -> ColumnElement[bool]:
    """The household of reading ``actual`` took part in its month (joined ≤ end, left ≥ start)."""
    return and_(
        Household.joined_on < _add_months(actual.month, 1),
        or_(Household.left_on.is_(None), Household.left_on >= actual.month),
    )


Sums = freshness.Sums


def _group_keys(actual: Any, by: tuple[str, ...]) -> list[Any]:
    """The carrier, then any of "village", "month" and "household", as GROUP BY columns."""
    columns = {
        "village": actual.village_id,
        "month": actual.month,
        "household": actual.household_id,
    }
    return [actual.carrier, *(columns[name] for name in by)]


def _eco_mileage_cells(
    actual: Any,
    village_ids: list[int] | None,
    start: dt.date,
    end: dt.date,
    carriers: tuple[str, ...],
) -> tuple[ColumnElement[bool], ...]:
    """The readings ``actual`` that are counted eco-mileage cells (with ``Household`` joined)."""
    return (
        _among(actual.village_id, village_ids),
        actual.carrier.in_(carriers),
        actual.month.between(start, end),
        actual.value_y1.is_not(None),
        actual.value_y2.is_not(None),
        took_part(actual),
    )


def _eco_mileage_from_readings(
    session: Session,
    village_ids: list[int] | None,
    start: dt.date,
    end: dt.date,
    by: tuple[str, ...] = (),
) -> Sums:
    """Per (carrier, *by): (Σ baseline, Σ actual, counted cells) of the eco-mileage method."""
    # Each reading carries the same month's value one and two years earlier (value_y1,
    # value_y2: kept by triggers, migration 0004), so a cell is one row: no self-join.
    actual = aliased(Reading, name="actual")
    keys = _group_keys(actual, by)
    rows = session.execute(
        select(
            *keys,
            func.sum(actual.value_y1),
            func.sum(actual.value_y2),
            func.sum(actual.value),
            func.count(),
        )
        .select_from(actual)
        .join(Household, Household.id == actual.household_id)
        .where(*_eco_mileage_cells(actual, village_ids, start, end, CONSUMING_CARRIERS))
        .group_by(*keys)
    ).all()
    width = len(keys)
    return {
        tuple(row[:width]): (
            (float(row[width]) + float(row[width + 1])) / 2,
            float(row[width + 2]),
            int(row[width + 3]),
        )
        for row in rows
    }


def joined_months(session: Session, village_ids: list[int] | None) -> dict[int, dt.date]:
    """The month each village joined: its first "started" status, else 1 January of its cohort."""
    started = dict(
        session.execute(
            select(VillageStatusChange.village_id, func.min(VillageStatusChange.effective_on))
            .where(
                _among(VillageStatusChange.village_id, village_ids),
                VillageStatusChange.reason_code == "started",
            )
            .group_by(VillageStatusChange.village_id)
        ).all()
    )
    cohorts = session.execute(
        select(Village.id, Village.cohort_year).where(_among(Village.id, village_ids))
    ).all()
    return {
        vid: metrics.first_of_month(started.get(vid) or dt.date(cohort, 1, 1))
        for vid, cohort in cohorts
    }


def _with_baseline(session: Session, joined: dict[int, dt.date]) -> list[int]:
    """The villages of ``joined`` with any consumption reading in their baseline year (the 12
    months before joining): one probe of the village index per village and carrier, so the
    readings of a village whose history starts when it joined are never walked for nothing.
    A household's readings all carry its village (``readings.village_id``), so a cell's
    baseline reading is always in a village this finds."""
    joined_month = case(
        {vid: literal(month, Date) for vid, month in joined.items()}, value=Village.id
    )
    return [
        int(v)
        for v in session.scalars(
            select(Village.id).where(
                Village.id.in_(list(joined)),
                select(Reading.id)
                .where(
                    Reading.village_id == Village.id,
                    Reading.carrier.in_(CONSUMING_CARRIERS),
                    Reading.month >= _add_months(joined_month, -12),
                    Reading.month < joined_month,
                )
                .exists(),
            )
        )
    ]


def _baseline_year_cells(
    session: Session,
    actual: Any,
    village_ids: list[int] | None,
    start: dt.date,
    end: dt.date,
    carriers: tuple[str, ...],
) -> tuple[Any, ColumnElement[bool], tuple[ColumnElement[bool], ...]] | None:
    """The baseline reading of each counted baseline-year cell ``actual``: the aliased table,
    its join condition and the cells' conditions (with ``Household`` joined); None when no
    village of the scope has a baseline year."""
    joined = joined_months(session, village_ids)
    if not joined:
        return None
    counted = _with_baseline(session, joined)
    if not counted:
        return None
    joined = {v: joined[v] for v in counted}
    base = aliased(Reading, name="base")
    joined_month = case(
        {vid: literal(month, Date) for vid, month in joined.items()}, value=actual.village_id
    )
    since_joining = _month_number(actual.month) - _month_number(joined_month)
    earliest = metrics.add_months(min(joined.values()), -12)
    joins = and_(
        base.household_id == actual.household_id,
        base.carrier == actual.carrier,
        # The same calendar month in the baseline year (the 12 complete months before
        # the village joined): joined - 12 + (months since joining mod 12). An exact
        # month lets both stores look the reading up in the unique index.
        base.month == _add_months(joined_month, since_joining % 12 - 12),
        base.village_id.in_(counted),
        base.month.between(earliest, end),
    )
    where = (
        actual.village_id.in_(counted),
        actual.carrier.in_(carriers),
        actual.month.between(start, end),
        actual.month >= joined_month,
        took_part(actual),
    )
    return base, joins, where


def _baseline_year_from_readings(
    session: Session,
    village_ids: list[int] | None,
    start: dt.date,
    end: dt.date,
    by: tuple[str, ...] = (),
) -> Sums:
    """Per (carrier, *by): (Σ baseline, Σ actual, counted cells) of the baseline-year method."""
    actual = aliased(Reading, name="actual")
    found = _baseline_year_cells(session, actual, village_ids, start, end, CONSUMING_CARRIERS)
    if found is None:
        return {}
    base, joins, where = found
    keys = _group_keys(actual, by)
    rows = session.execute(
        select(*keys, func.sum(base.value), func.sum(actual.value), func.count())
        .select_from(actual)
        .join(Household, Household.id == actual.household_id)
        .join(base, joins)
        .where(*where)
        .group_by(*keys)
    ).all()
    width = len(keys)
    return {
        tuple(row[:width]): (float(row[width]), float(row[width + 1]), int(row[width + 2]))
        for row in rows
    }


# --- money: the difference between the bills, cell by cell -----------------------------------


def bill_sql(price: Price, quantity: Any, month_number: Any) -> ColumnElement[float]:
    """:meth:`energy.calc.factor_set.Price.bill` as a SQL expression (a second implementation
    of the same rule, checked against it by tests/test_factors.py): the bill in KRW of
    ``quantity`` units used in calendar month ``month_number`` (1-12)."""
    used = case((quantity < 0, literal(0.0)), else_=quantity)

    def tiered(steps: tuple[Tier, ...]) -> Any:
        if not steps:
            return used * literal(price.krw_per_unit)
        charge: Any = literal(0.0)
        floor = 0.0
        for step in steps:
            top = (
                used
                if step.up_to is None
                else case((used > step.up_to, literal(step.up_to)), else_=used)
            )
            charge = charge + case(
                (used > floor, (top - floor) * literal(step.krw_per_unit)), else_=0.0
            )
            floor = step.up_to if step.up_to is not None else floor
        basic = case(
            *(
                (used <= step.up_to, literal(step.basic_krw))
                for step in steps
                if step.up_to is not None
            ),
            else_=literal(steps[-1].basic_krw),
        )
        return charge + basic

    by_season: Any = tiered(price.tiers)
    if price.summer_tiers and price.summer_months:
        by_season = case(
            (month_number.in_(price.summer_months), tiered(price.summer_tiers)), else_=by_season
        )
    total: ColumnElement[float] = (by_season + used * literal(price.extra_per_unit)) * literal(
        1.0 + price.vat_rate + price.levy_rate
    )
    return total


def bill_difference(
    session: Session,
    method: str,
    village_ids: list[int] | None,
    start: dt.date,
    end: dt.date,
    price: Price,
) -> float:
    """Σ over the counted cells of ``price``'s carrier: bill(baseline) − bill(actual), each
    cell (a household's month) billed on its own, as the household is (DOMAIN.md, "Money").
    The same cells as the method's sums (:data:`RAW_SUMS`), read from the readings."""
    actual = aliased(Reading, name="actual")
    month_number = cast(extract("month", actual.month), Integer)
    carrier = (price.carrier,)
    if method == "eco-mileage":
        baseline = (actual.value_y1 + actual.value_y2) / 2
        query = (
            select(
                func.sum(
                    bill_sql(price, baseline, month_number)
                    - bill_sql(price, actual.value, month_number)
                )
            )
            .select_from(actual)
            .join(Household, Household.id == actual.household_id)
            .where(*_eco_mileage_cells(actual, village_ids, start, end, carrier))
        )
    else:
        found = _baseline_year_cells(session, actual, village_ids, start, end, carrier)
        if found is None:
            return 0.0
        base, joins, where = found
        query = (
            select(
                func.sum(
                    bill_sql(price, base.value, month_number)
                    - bill_sql(price, actual.value, month_number)
                )
            )
            .select_from(actual)
            .join(Household, Household.id == actual.household_id)
            .join(base, joins)
            .where(*where)
        )
    return float(session.scalar(query) or 0.0)


def step_limits(price: Price, month: int) -> tuple[float | None, ...]:
    """The step limits that bill calendar month ``month`` (summer or other months)."""
    steps = (
        price.summer_tiers if month in price.summer_months and price.summer_tiers else price.tiers
    )
    return tuple(step.up_to for step in steps)


def bill_steps(
    session: Session,
    method: str,
    village_ids: list[int] | None,
    start: dt.date,
    end: dt.date,
    price: Price,
) -> dict[tuple[int, dt.date, str, int], tuple[float | None, int, float]]:
    """Per (village, month, side, position): (the step's limit, cells whose use ends in the
    step, units used within it), for the counted cells of ``price``'s carrier, side
    ``baseline`` or ``actual``, with ``price``'s step limits (summer ones in its summer
    months). What :data:`VillageMonthBillSteps` keeps; a tariff's steps must all have the
    same number of limits in both seasons (None otherwise: nothing to keep)."""
    if not price.tiers or (price.summer_tiers and len(price.summer_tiers) != len(price.tiers)):
        return {}
    actual = aliased(Reading, name="actual")
    month_number = cast(extract("month", actual.month), Integer)
    if method == "eco-mileage":
        sides = {"baseline": (actual.value_y1 + actual.value_y2) / 2, "actual": actual.value}
        query = select().select_from(actual).join(Household, Household.id == actual.household_id)
        where: tuple[Any, ...] = _eco_mileage_cells(
            actual, village_ids, start, end, (price.carrier,)
        )
    else:
        found = _baseline_year_cells(session, actual, village_ids, start, end, (price.carrier,))
        if found is None:
            return {}
        base, joins, where = found
        sides = {"baseline": base.value, "actual": actual.value}
        query = (
            select()
            .select_from(actual)
            .join(Household, Household.id == actual.household_id)
            .join(base, joins)
        )
    summer = month_number.in_(price.summer_months) if price.summer_tiers else None

    def limit(position: int) -> Any:
        other = price.tiers[position].up_to
        if summer is None:
            return literal(other)
        return case((summer, literal(price.summer_tiers[position].up_to)), else_=literal(other))

    columns: list[Any] = []
    count = len(price.tiers)
    for quantity in sides.values():
        floor: Any = literal(0.0)
        for position in range(count):
            top = limit(position) if position < count - 1 else None
            inside = quantity > floor if position else quantity >= floor
            ends_here = inside if top is None else and_(inside, quantity <= top)
            within = quantity if top is None else case((quantity > top, top), else_=quantity)
            columns.append(func.sum(case((ends_here, 1), else_=0)))
            columns.append(func.sum(case((quantity > floor, within - floor), else_=0.0)))
            floor = top
    rows = session.execute(
        query.add_columns(actual.village_id, actual.month, *columns)
        .where(*where)
        .group_by(actual.village_id, actual.month)
    ).all()
    result: dict[tuple[int, dt.date, str, int], tuple[float | None, int, float]] = {}
    for row in rows:
        village, month, values = int(row[0]), row[1], row[2:]
        limits = step_limits(price, month.month)
        for s_index, side in enumerate(sides):
            for position in range(count):
                at = 2 * (s_index * count + position)
                result[(village, month, side, position + 1)] = (
                    limits[position],
                    int(values[at] or 0),
                    float(values[at + 1] or 0.0),
                )
    return result


# What each method sums, straight from the readings (the kept per-village sums are built
# from these, see energy.savings.village_sums).
RAW_SUMS: dict[str, freshness.FromReadings] = {
    "eco-mileage": _eco_mileage_from_readings,
    "baseline-year": _baseline_year_from_readings,
}
