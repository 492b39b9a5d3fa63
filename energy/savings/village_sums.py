"""The savings engine's grouped sums, kept per village and month so pages stay fast.

The programme pages (league table, district map, cohort curves, town hall) group savings by
carrier, village and month. Computed from the readings, that costs a pass over the whole
history (27 s cold at ten million readings). ``village_month_sums`` keeps, per village,
method, carrier and month, exactly what the engine sums (Σ baseline, Σ actual, cells), so a
programme figure reads a few thousand rows whatever the length of the history.

Never a stale figure: triggers mark a village stale whenever its readings, households,
status changes or cohort year change (migration 0008), and a stale village (or one never
built) is computed from its readings, as before, and added in. Writers that change many
readings (an import, the demo) rebuild their villages in the same transaction with
:func:`rebuild`, so the next page finds them fresh.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    cast,
    delete,
    exists,
    extract,
    func,
    insert,
    select,
    true,
    update,
)
from sqlalchemy.orm import Session

from energy.calc import metrics
from energy.calc.factor_set import Price
from energy.core.access import Actor, require, require_village
from energy.core.vocabulary import CARRIERS
from energy.savings import household_years, village_reported
from energy.savings.factors import latest_progressive_prices
from energy.savings.freshness import EVERY_MONTH, FromReadings, Sums, fresh_and_stale
from energy.savings.sql import RAW_SUMS, bill_difference, bill_steps, scope_households, step_limits
from energy.store.db import scan_cache, session_for
from energy.store.models.base import utcnow
from energy.store.models.readings import (
    Household,
    Reading,
    VillageHouseholdSpans,
    VillageMonthBillSteps,
    VillageMonthSums,
    VillageSumsState,
    village_year_recorded,
)
from energy.store.models.villages import Village
from energy.villages.households import taking_part

CHUNK = 200  # villages rebuilt per statement


def fresh_among(
    column: Any, village_ids: list[int] | None, stale: list[int]
) -> ColumnElement[bool]:
    """``column`` (a kept table's village) is one of the scope's fresh villages."""
    if village_ids is None:
        return column.not_in(stale) if stale else true()
    among: ColumnElement[bool] = column.in_(sorted(set(village_ids) - set(stale)))
    return among


def grouped_sums(
    session: Session,
    method: str,
    village_ids: list[int] | None,
    start: dt.date,
    end: dt.date,
    by: tuple[str, ...],
    from_readings: FromReadings,
) -> Sums:
    """Per (carrier, *by) with ``by`` among "village", "month" and "year" (a calendar year,
    as an int): the sums of ``method``, from the kept rows for fresh villages and from the
    readings for the others."""
    if "household" in by:
        return from_readings(session, village_ids, start, end, by)
    any_fresh, stale = fresh_and_stale(session, village_ids)
    result: Sums = _from_readings_by(from_readings, session, stale, start, end, by) if stale else {}
    if not any_fresh:
        return result
    table = VillageMonthSums
    columns = {
        "village": table.village_id,
        "month": table.month,
        "year": cast(extract("year", table.month), Integer),
    }
    keys = [table.carrier, *(columns[name] for name in by)]
    among = fresh_among(table.village_id, village_ids, stale)
    rows = (
        session.connection()
        .execute(  # Core rows: a league reads tens of thousands
            select(*keys, func.sum(table.baseline), func.sum(table.actual), func.sum(table.cells))
            .where(table.method == method, among, table.month.between(start, end))
            .group_by(*keys)
        )
        .all()
    )
    width = len(keys)
    for row in rows:
        key = tuple(row[:width])
        values: tuple[Any, ...] = tuple(row[width:])
        baseline, actual, cells = float(values[0]), float(values[1]), int(values[2])
        if key in result:  # (only when a kept and a computed village share a key)
            b, a, c = result[key]
            baseline, actual, cells = baseline + b, actual + a, cells + c
        result[key] = (baseline, actual, cells)
    return result


def grouped_bills(
    session: Session,
    method: str,
    village_ids: list[int] | None,
    start: dt.date,
    end: dt.date,
    price: Price,
) -> float:
    """Σ over the counted cells of ``price``'s carrier of bill(baseline) − bill(actual), each
    household's month billed on its own: from the kept bill steps of fresh villages, from
    the readings for stale ones. The whole scope is billed from the readings when the kept
    steps do not fit ``price`` (other step limits, or built before the carrier had tiers)."""
    any_fresh, stale = fresh_and_stale(session, village_ids)
    if not any_fresh:
        return bill_difference(session, method, village_ids, start, end, price)
    table, sums = VillageMonthBillSteps, VillageMonthSums
    among = fresh_among(table.village_id, village_ids, stale)
    sums_among = fresh_among(sums.village_id, village_ids, stale)
    rows = (
        session.connection()
        .execute(
            select(
                table.month,
                table.side,
                table.position,
                table.up_to,
                func.sum(table.cells),
                func.sum(table.units),
            )
            .where(
                table.method == method,
                table.carrier == price.carrier,
                among,
                table.month.between(start, end),
            )
            .group_by(table.month, table.side, table.position, table.up_to)
            .order_by(table.month, table.side, table.position)
        )
        .all()
    )
    counted = session.scalar(
        select(func.coalesce(func.sum(sums.cells), 0)).where(
            sums.method == method,
            sums.carrier == price.carrier,
            sums_among,
            sums.month.between(start, end),
        )
    )
    by_month: dict[tuple[dt.date, str], list[tuple[int, float]]] = {}
    limits: dict[tuple[dt.date, str], list[float | None]] = {}
    for month, side, _position, up_to, cells, units in rows:
        by_month.setdefault((month, side), []).append((int(cells), float(units)))
        limits.setdefault((month, side), []).append(up_to)
    kept_cells = sum(
        c for (_, side), steps in by_month.items() if side == "actual" for c, _ in steps
    )
    fits = kept_cells == int(counted or 0) and all(
        tuple(found) == step_limits(price, month.month) for (month, _), found in limits.items()
    )
    if not fits:
        return bill_difference(session, method, village_ids, start, end, price)
    total = sum(
        (1 if side == "baseline" else -1) * price.bill_of_steps(month.month, steps)
        for (month, side), steps in by_month.items()
    )
    if stale:
        total += bill_difference(session, method, stale, start, end, price)
    return total


def _from_readings_by(
    from_readings: FromReadings,
    session: Session,
    village_ids: list[int],
    start: dt.date,
    end: dt.date,
    by: tuple[str, ...],
) -> Sums:
    """``from_readings`` grouped by ``by``, where a "year" is summed from its months."""
    if "year" not in by:
        return from_readings(session, village_ids, start, end, by)
    monthly = from_readings(
        session, village_ids, start, end, tuple("month" if k == "year" else k for k in by)
    )
    at = by.index("year") + 1  # keys start with the carrier
    result: Sums = {}
    for key, (baseline, actual, cells) in monthly.items():
        yearly = (*key[:at], key[at].year, *key[at + 1 :])
        b, a, c = result.get(yearly, (0.0, 0.0, 0))
        result[yearly] = (b + baseline, a + actual, c + cells)
    return result


ANY_CARRIER = "*"  # spans rows that count every household, whatever it has on record


def household_spans(
    session: Session, village_ids: list[int]
) -> list[tuple[int, str, int, int, int]]:
    """(village, carrier, first, last, households) from the households and readings; the
    carrier ``ANY_CARRIER`` counts every household."""

    households, on_record = scope_households(session, village_ids, *EVERY_MONTH)
    if households.empty:
        return []
    spans = metrics.household_spans(households)
    found = [
        (int(v), ANY_CARRIER, int(first), int(last), int(n))
        for (v, first, last), n in spans.groupby(["village_id", "first", "last"]).size().items()
    ]
    if on_record.empty:
        return found
    frame = on_record.merge(spans, on="household_id")
    grouped = frame.groupby(["village_id", "carrier", "first", "last"]).size()
    return found + [
        (int(v), str(c), int(first), int(last), int(n))
        for (v, c, first, last), n in grouped.items()
    ]


def households_taking_part(
    session: Session, village_ids: list[int], start: dt.date, end: dt.date
) -> dict[int, int]:
    """Per village of ``village_ids``: its households taking part at some time in the period
    (none: left out), from the kept spans of fresh villages (a few rows per village) and
    from the households of the others."""
    _, stale = fresh_and_stale(session, village_ids)
    counts: dict[int, int] = {}
    if stale:
        counts.update(
            session.execute(
                select(Household.village_id, func.count())
                .where(Household.village_id.in_(stale), *taking_part(start, end))
                .group_by(Household.village_id)
            ).all()
        )
    fresh = sorted(set(village_ids) - set(stale))
    if fresh:
        table = VillageHouseholdSpans
        counts.update(
            session.execute(
                select(table.village_id, func.sum(table.households))
                .where(
                    table.village_id.in_(fresh),
                    table.carrier == ANY_CARRIER,
                    table.first <= metrics.month_index(end),
                    table.last >= metrics.month_index(start),
                )
                .group_by(table.village_id)
            ).all()
        )
    return {int(v): int(n) for v, n in counts.items()}


def households_taking_part_monthly(
    session: Session, village_ids: list[int], start: dt.date, end: dt.date
) -> dict[tuple[int, dt.date], int]:
    """Per (village, month) of ``village_ids`` from ``start`` to ``end``: its households
    taking part that month (none: left out), as :func:`households_taking_part` counts a
    month, every month in one read (the kept spans of fresh villages, the households of
    the others)."""
    _, stale = fresh_and_stale(session, village_ids)
    spans: list[tuple[int, int, int, int]] = []
    if stale:  # a span of one household each
        spans += [
            (
                int(v),
                metrics.month_index(joined),
                metrics.STILL_TAKING_PART if left is None else metrics.month_index(left),
                1,
            )
            for v, joined, left in session.execute(
                select(Household.village_id, Household.joined_on, Household.left_on).where(
                    Household.village_id.in_(stale), *taking_part(start, end)
                )
            )
        ]
    fresh = sorted(set(village_ids) - set(stale))
    low, high = metrics.month_index(start), metrics.month_index(end)
    if fresh:
        table = VillageHouseholdSpans
        spans += [
            (int(v), int(first), int(last), int(n))
            for v, first, last, n in session.execute(
                select(table.village_id, table.first, table.last, table.households).where(
                    table.village_id.in_(fresh),
                    table.carrier == ANY_CARRIER,
                    table.first <= high,
                    table.last >= low,
                )
            )
        ]
    counts: Counter[tuple[int, dt.date]] = Counter()
    for village, first, last, n in spans:
        for index in range(max(first, low), min(last, high) + 1):
            counts[(village, metrics.month_from_index(index))] += n
    return dict(counts)


def _expected_from(
    spans: Iterable[tuple[str, int, int, int]], start: int, end: int
) -> Counter[str]:
    expected: Counter[str] = Counter()
    for carrier, first, last, households in spans:
        months = min(last, end) - max(first, start) + 1
        if months > 0:
            expected[carrier] += households * months
    return expected


def expected_cells(
    session: Session, village_ids: list[int] | None, start: dt.date, end: dt.date
) -> dict[str, int]:
    """Cells expected per consuming carrier in the period (coverage's denominator): months of
    taking part of the households that use the carrier, from the kept spans of fresh villages
    and from the households themselves for the others."""
    low, high = metrics.month_index(start), metrics.month_index(end)
    any_fresh, stale = fresh_and_stale(session, village_ids)
    expected: Counter[str] = Counter()
    if stale:
        expected += _expected_from(
            ((c, f, la, n) for _, c, f, la, n in household_spans(session, stale)), low, high
        )
    if any_fresh:
        table = VillageHouseholdSpans
        among = fresh_among(table.village_id, village_ids, stale)
        rows = session.execute(
            select(table.carrier, table.first, table.last, func.sum(table.households))
            .where(among, table.first <= high, table.last >= low)
            .group_by(table.carrier, table.first, table.last)
        ).all()
        expected += _expected_from(
            ((str(c), int(f), int(la), int(n)) for c, f, la, n in rows), low, high
        )
    return {carrier: int(expected.get(carrier, 0)) for carrier in metrics.CONSUMING_CARRIERS}


def rebuild(
    session: Session,
    village_ids: Collection[int] | None,
    methods: dict[str, FromReadings] | None = None,
) -> int:
    """Recompute the kept sums of ``village_ids`` (None: every village) from their readings
    and mark them fresh; returns the rows written. Runs in the caller's transaction."""
    if methods is None:
        methods = RAW_SUMS
    if village_ids is None:
        ids = [int(v) for v in session.scalars(select(Village.id).order_by(Village.id))]
    else:
        ids = sorted(set(village_ids))
    if not ids:
        return 0  # (SQLite: asking for the connection would take the write lock for nothing)
    written = 0
    with scan_cache(session):
        for start in range(0, len(ids), CHUNK):
            written += _rebuild_chunk(session, ids[start : start + CHUNK], methods)
    return written


def _rebuild_bill_steps(
    session: Session, chunk: list[int], methods: dict[str, FromReadings]
) -> None:
    """The kept bill steps of ``chunk`` (migration 0022), with the step limits of each
    carrier's newest tariff when it has tiers."""
    conn = session.connection()
    conn.execute(delete(VillageMonthBillSteps).where(VillageMonthBillSteps.village_id.in_(chunk)))
    steps = [
        {
            "village_id": village,
            "method": method,
            "carrier": price.carrier,
            "month": month,
            "side": side,
            "position": position,
            "up_to": up_to,
            "cells": cells,
            "units": units,
        }
        for price in latest_progressive_prices(session)
        for method in methods
        for (village, month, side, position), (up_to, cells, units) in bill_steps(
            session, method, chunk, *EVERY_MONTH, price
        ).items()
    ]
    for offset in range(0, len(steps), 5_000):
        conn.execute(insert(VillageMonthBillSteps), steps[offset : offset + 5_000])


def _rebuild_chunk(session: Session, chunk: list[int], methods: dict[str, FromReadings]) -> int:
    conn = session.connection()
    state = VillageSumsState
    now = utcnow()
    # One rebuild (or import) of a village at a time: the same row lock the import takes.
    conn.execute(select(Village.id).where(Village.id.in_(chunk)).with_for_update(key_share=True))
    # Lock the villages' state rows *before* reading their data: a concurrent writer's
    # trigger then waits for this transaction and marks the village stale after it, so a
    # change this rebuild did not see can never end up marked fresh.
    known = set(conn.scalars(select(state.village_id).where(state.village_id.in_(chunk))))
    missing = [v for v in chunk if v not in known]
    if missing:
        conn.execute(
            insert(state),
            [{"village_id": v, "fresh": False, "rebuilt_at": now} for v in missing],
        )
    conn.execute(select(state.village_id).where(state.village_id.in_(chunk)).with_for_update())
    conn.execute(delete(VillageMonthSums).where(VillageMonthSums.village_id.in_(chunk)))
    rows = [
        {
            "village_id": village,
            "method": method,
            "carrier": carrier,
            "month": month,
            "baseline": baseline,
            "actual": actual,
            "cells": cells,
        }
        for method, fetch in methods.items()
        for (carrier, village, month), (baseline, actual, cells) in fetch(
            session, chunk, *EVERY_MONTH, ("village", "month")
        ).items()
    ]
    for offset in range(0, len(rows), 5_000):
        conn.execute(insert(VillageMonthSums), rows[offset : offset + 5_000])
    _rebuild_bill_steps(session, chunk, methods)
    conn.execute(delete(VillageHouseholdSpans).where(VillageHouseholdSpans.village_id.in_(chunk)))
    spans = [
        {"village_id": v, "carrier": c, "first": f, "last": la, "households": n}
        for v, c, f, la, n in household_spans(session, chunk)
    ]
    for offset in range(0, len(spans), 5_000):
        conn.execute(insert(VillageHouseholdSpans), spans[offset : offset + 5_000])
    household_years.rebuild(session, chunk)
    _rebuild_recorded(session, chunk)
    village_reported.rebuild(session, chunk)
    conn.execute(
        update(state).where(state.village_id.in_(chunk)).values(fresh=True, rebuilt_at=now)
    )
    return len(rows)


def _rebuild_recorded(session: Session, village_ids: list[int]) -> None:
    table = village_year_recorded
    conn = session.connection()
    conn.execute(delete(table).where(table.c.village_id.in_(village_ids)))
    masks: dict[tuple[int, int], int] = {}
    for village_id, month in conn.execute(
        select(Reading.village_id, Reading.month)
        .where(Reading.village_id.in_(village_ids))
        .distinct()
    ):
        key = (int(village_id), month.year)
        masks[key] = masks.get(key, 0) | 1 << (month.month - 1)
    if masks:
        conn.execute(
            insert(table),
            [{"village_id": v, "year": y, "months": m} for (v, y), m in masks.items()],
        )


def recorded_months(
    session: Session, village_ids: list[int], start: dt.date, end: dt.date
) -> dict[int, int]:
    """Per village of ``village_ids``: the months from ``start`` to ``end`` with any reading
    (none: left out), from the kept yearly masks of fresh villages and from the readings
    index (a probe per village and month) for the others."""
    _, stale = fresh_and_stale(session, village_ids)
    found: Counter[int] = Counter()
    if stale:
        for month in metrics.months_between(start, end):
            found.update(
                session.scalars(
                    select(Village.id).where(
                        Village.id.in_(stale),
                        exists().where(
                            Reading.village_id == Village.id,
                            Reading.carrier.in_(CARRIERS),  # (a probe per carrier of the index)
                            Reading.month == month,
                        ),
                    )
                )
            )
    fresh = sorted(set(village_ids) - set(stale))
    if fresh:
        table = village_year_recorded.c
        wanted = {
            year: sum(
                1 << (m.month - 1) for m in metrics.months_between(start, end) if m.year == year
            )
            for year in range(start.year, end.year + 1)
        }
        for village_id, year, months in session.execute(
            select(table.village_id, table.year, table.months).where(
                table.village_id.in_(fresh), table.year.between(start.year, end.year)
            )
        ):
            found[int(village_id)] += (int(months) & wanted[int(year)]).bit_count()
    return {v: n for v, n in found.items() if n}


def rebuild_stale(actor: Actor, *, url: str | None = None) -> int:
    """Rebuild every stale village's sums (after an upgrade or a restore); returns how many."""
    require(actor, "village.write")
    with session_for(actor, write=True, url=url) as session:
        _, stale = fresh_and_stale(session, None)
        if stale:
            rebuild(session, stale)
        return len(stale)


def rebuild_villages(actor: Actor, village_ids: Collection[int], *, url: str | None = None) -> None:
    """Rebuild the kept sums of villages ``actor`` has just written to, in a transaction of
    their own (the data is already committed; an interruption leaves them stale, not wrong)."""
    for village_id in village_ids:
        require_village(actor, village_id, "tracking.write")
    with session_for(actor, write=True, url=url) as session:
        rebuild(session, village_ids)
