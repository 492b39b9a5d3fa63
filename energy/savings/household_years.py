"""Each household's electricity and metered solar per calendar year, kept with the village
sums so the town hall reads one row per household (or per village) instead of its readings.

``household_year_electricity`` (migration 0012) gives the typical household's yearly
electricity; ``household_year_solar`` (0015) the renewables' metered output by month;
``village_year_electricity`` (0017) the electricity of the households taking part in a
period, summed per village and span of taking part. Like ``village_month_sums`` they are
trusted only for fresh villages: a stale village is computed from its readings.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    case,
    cast,
    delete,
    extract,
    func,
    insert,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from energy.calc import metrics
from energy.savings import freshness
from energy.store.models.readings import (
    SOLAR_MONTHS,
    Household,
    HouseholdYearElectricity,
    Reading,
    household_year_solar,
    village_year_electricity,
)
from energy.villages.households import taking_part


def _year_of_month() -> Any:
    return cast(extract("year", Reading.month), Integer)


def rebuild(session: Session, village_ids: list[int]) -> None:
    """Recompute the kept yearly rows of ``village_ids`` (in ``village_sums.rebuild``)."""
    _rebuild_electricity(session, village_ids)
    _rebuild_solar(session, village_ids)
    _rebuild_village_years(session, village_ids)  # (from the electricity rows just written)


def _rebuild_electricity(session: Session, village_ids: list[int]) -> None:
    table = HouseholdYearElectricity
    conn = session.connection()
    conn.execute(delete(table).where(table.village_id.in_(village_ids)))
    year = _year_of_month()
    conn.execute(
        insert(table).from_select(
            ["household_id", "year", "village_id", "kwh", "months"],
            select(
                Reading.household_id,
                year,
                func.min(Reading.village_id),
                func.sum(Reading.value),
                func.count(),
            )
            .where(Reading.village_id.in_(village_ids), Reading.carrier == "electricity")
            .group_by(Reading.household_id, year),
        )
    )


def _rebuild_solar(session: Session, village_ids: list[int]) -> None:
    solar = household_year_solar
    conn = session.connection()
    conn.execute(delete(solar).where(solar.c.village_id.in_(village_ids)))
    conn.execute(insert(solar).from_select(list(solar.c.keys()), _solar_from_readings(village_ids)))


def household_year_electricity(
    session: Session, year: int, stale: list[int] | None = None
) -> dict[int, tuple[float, int]]:
    """Every household's electricity over calendar ``year``: (kWh, months with a reading),
    from the kept rows of fresh villages and from the readings of the others (``stale``, if
    the caller has just found them)."""
    if stale is None:
        _, stale = freshness.fresh_and_stale(session, None)
    table = HouseholdYearElectricity
    kept = select(table.household_id, table.kwh, table.months).where(table.year == year)
    if stale:
        kept = kept.where(table.village_id.not_in(stale))
    result = {int(h): (float(kwh), int(months)) for h, kwh, months in session.execute(kept)}
    if stale:
        computed = session.execute(
            select(Reading.household_id, func.sum(Reading.value), func.count())
            .where(
                Reading.village_id.in_(stale),
                Reading.carrier == "electricity",
                Reading.month.between(dt.date(year, 1, 1), dt.date(year, 12, 1)),
            )
            .group_by(Reading.household_id)
        )
        result.update({int(h): (float(kwh), int(months)) for h, kwh, months in computed})
    return result


def year_electricity_median(session: Session, year: int) -> tuple[float | None, int]:
    """(the median household electricity of calendar ``year`` among households with all twelve
    months, how many there are). With every village fresh the database finds it from the kept
    rows (the middle row along an index, migration 0013); otherwise from each household's
    yearly total (:func:`household_year_electricity`)."""
    _, stale = freshness.fresh_and_stale(session, None)
    if stale:
        totals = household_year_electricity(session, year, stale)
        full_years = [kwh for kwh, months in totals.values() if months == 12]
        return (statistics.median(full_years) if full_years else None), len(full_years)
    table = HouseholdYearElectricity
    whole = (table.year == year, table.months == 12)
    count = int(session.scalar(select(func.count()).select_from(table).where(*whole)) or 0)
    if not count:
        return None, 0
    middle = session.scalars(
        select(table.kwh)
        .where(*whole)
        .order_by(table.kwh)
        .limit(2 - count % 2)
        .offset((count - 1) // 2)
    ).all()
    return sum(middle) / len(middle), count


def _month_index(column: Any) -> Any:
    """``metrics.month_index`` in SQL."""
    year = cast(extract("year", column), Integer)
    return year * 12 + cast(extract("month", column), Integer) - 1


def _rebuild_village_years(session: Session, village_ids: list[int]) -> None:
    table, kept = village_year_electricity, HouseholdYearElectricity
    conn = session.connection()
    conn.execute(delete(table).where(table.c.village_id.in_(village_ids)))
    spans = (
        select(
            kept.village_id,
            kept.year,
            _month_index(Household.joined_on).label("first"),
            case(
                (Household.left_on.is_(None), metrics.STILL_TAKING_PART),
                else_=_month_index(Household.left_on),
            ).label("last"),
            kept.kwh,
        )
        .join(Household, Household.id == kept.household_id)
        .where(kept.village_id.in_(village_ids))
        .subquery()
    )
    keys = [spans.c.village_id, spans.c.year, spans.c.first, spans.c.last]
    conn.execute(
        insert(table).from_select(
            ["village_id", "year", "first", "last", "kwh"],
            select(*keys, func.sum(spans.c.kwh)).group_by(*keys),
        )
    )


def electricity_total(
    session: Session,
    village_ids: list[int],
    start: dt.date,
    end: dt.date,
    members: Sequence[ColumnElement[bool]] = (),
) -> float | None:
    """The electricity over ``start``-``end`` of the households of ``village_ids`` taking part
    in the period (and matching ``members``, further conditions on ``Household``), summed by
    the database. From January to a month of the same year: the kept yearly rows of fresh
    villages (per village and span of taking part; per household when ``members`` are
    given), the readings of stale ones, less the readings of the year's later months."""
    conditions = (
        Household.village_id.in_(village_ids),
        *taking_part(start, end),
        *members,
    )

    def from_readings(villages: Collection[int], first: dt.date, last: dt.date) -> float | None:
        if not villages:
            return None
        total = session.scalar(
            select(func.sum(Reading.value))
            .join(Household, Household.id == Reading.household_id)
            .where(
                Reading.village_id.in_(sorted(villages)),
                Reading.carrier == "electricity",
                Reading.month.between(first, last),
                *conditions,
            )
        )
        return None if total is None else float(total)

    if not (start.month == 1 and start.year == end.year):
        return from_readings(village_ids, start, end)
    _, stale = freshness.fresh_and_stale(session, village_ids)
    fresh = sorted(set(village_ids) - set(stale))
    kept: float | None = None
    if fresh and members:
        table = HouseholdYearElectricity
        kept = session.scalar(
            select(func.sum(table.kwh))
            .join(Household, Household.id == table.household_id)
            .where(table.year == start.year, table.village_id.in_(fresh), *conditions)
        )
    elif fresh:
        spans = village_year_electricity.c
        kept = session.scalar(
            select(func.sum(spans.kwh)).where(
                spans.year == start.year,
                spans.village_id.in_(fresh),
                spans.first <= metrics.month_index(end),
                spans.last >= metrics.month_index(start),
            )
        )
    parts = [
        None if kept is None else float(kept),
        from_readings(set(stale), dt.date(start.year, 1, 1), dt.date(start.year, 12, 1)),
    ]
    if all(part is None for part in parts):
        return None
    total = sum(part or 0.0 for part in parts)
    if end.month < 12:
        later = from_readings(village_ids, metrics.add_months(end, 1), dt.date(end.year, 12, 1))
        total -= later or 0.0
    return total


def _solar_from_readings(
    village_ids: list[int], years: tuple[int, int] | None = None
) -> Select[Any]:
    """``household_year_solar``'s rows computed from the readings of ``village_ids``."""
    year = _year_of_month()
    month = cast(extract("month", Reading.month), Integer)
    query = (
        select(
            Reading.household_id.label("household_id"),
            year.label("year"),
            func.min(Reading.village_id).label("village_id"),
            *(
                func.sum(case((month == number, Reading.value))).label(name)
                for number, name in enumerate(SOLAR_MONTHS, start=1)
            ),
        )
        # Named as a literal, so a planner can use the solar rows' own index (0014).
        .where(Reading.village_id.in_(village_ids), Reading.carrier == literal_column("'solar'"))
        .group_by(Reading.household_id, year)
    )
    if years is not None:
        first, last = years
        query = query.where(Reading.month.between(dt.date(first, 1, 1), dt.date(last, 12, 1)))
    return query


@dataclass(frozen=True)
class Solar:
    """Metered solar output of a set of households over a period."""

    by_month: dict[dt.date, float]  # kWh per month that has any reading
    households: set[int]  # the households with a reading in the period
    metered: set[tuple[int, dt.date]]  # (household, month) with a reading, of those asked about


def solar(
    session: Session,
    village_ids: list[int],
    members: Sequence[ColumnElement[bool]],
    start: dt.date,
    end: dt.date,
    asked: Collection[int] = (),
) -> Solar:
    """The metered solar of the households matching ``members`` (conditions on ``Household``)
    in ``village_ids`` over ``start``-``end``, and which months of the households ``asked``
    about are metered. Read from the kept yearly rows of fresh villages and computed from the
    readings of stale ones, summed by the database."""
    _, stale = freshness.fresh_and_stale(session, village_ids)
    table = household_year_solar
    years = (start.year, end.year)
    rows = (
        select(table)
        .where(
            table.c.year.between(*years),
            table.c.village_id.in_(sorted(set(village_ids) - set(stale))),
        )
        .subquery()
    )
    if stale:
        kept = select(rows)
        rows = union_all(kept, _solar_from_readings(sorted(stale), years)).subquery()

    def in_period(year: int, number: int) -> bool:
        return start <= dt.date(year, number, 1) <= end

    members_of = (Household.id == rows.c.household_id, rows.c.village_id.in_(village_ids))
    by_month: dict[dt.date, float] = {}
    for year, *totals in session.execute(
        select(rows.c.year, *(func.sum(rows.c[name]) for name in SOLAR_MONTHS))
        .join(Household, and_(*members_of))
        .where(*members)
        .group_by(rows.c.year)
    ):
        for number, total in enumerate(totals, start=1):
            if total is not None and in_period(year, number):
                by_month[dt.date(year, number, 1)] = float(total)
    # One expression per year (a COALESCE of its months in the period, not an OR of them,
    # which SQLite's planner splits into one index scan per month); duplicates across years
    # are dropped by the set.
    any_reading = or_(
        *(
            and_(
                rows.c.year == year,
                func.coalesce(
                    *(rows.c[name] for number, name in enumerate(SOLAR_MONTHS, start=1)
                      if in_period(year, number)),
                    None,
                ).is_not(None),
            )
            for year in range(years[0], years[1] + 1)
        )
    )  # fmt: skip
    households = {
        int(h)
        for h in session.scalars(
            select(rows.c.household_id)
            .join(Household, and_(*members_of))
            .where(*members, any_reading)
        )
    }
    metered: set[tuple[int, dt.date]] = set()
    wanted = sorted(set(asked))
    for offset in range(0, len(wanted), 500):
        for row in session.execute(
            select(
                rows.c.household_id, rows.c.year, *(rows.c[name] for name in SOLAR_MONTHS)
            ).where(rows.c.household_id.in_(wanted[offset : offset + 500]))
        ):
            household, year, *values = row
            metered.update(
                (int(household), dt.date(year, number, 1))
                for number, value in enumerate(values, start=1)
                if value is not None and in_period(year, number)
            )
    return Solar(by_month, households, metered)
