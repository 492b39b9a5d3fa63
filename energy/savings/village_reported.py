"""How many of a village's households sent a reading for each month, kept with the village sums.

A household **reported** for a month when it took part that month (joined by the month's end,
not left before it began) and has a reading of any carrier for it, counted once whatever its
carriers (:mod:`energy.readings.reporting`'s notion). ``village_month_reported`` (migration
0034) keeps the count per village and month, so the districts comparison reads a row per
village and month instead of a distinct count over half a year of the city's readings.
Trusted only for fresh villages: a stale village is counted from its readings.

The rebuild counts without sorting every reading. One pass over the readings' unique index,
grouped in its own order, gives each household's first and last month and number of readings
per carrier; where that is a run without gaps (as most are), the household reported for
every month of it, so a household's months are the union of a few runs, counted in Python.
Only the households with a gap in some carrier are counted the direct way.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

from sqlalchemy import Select, delete, func, insert, select
from sqlalchemy.orm import Session

from energy.calc.metrics import STILL_TAKING_PART, month_from_index, month_index
from energy.savings.freshness import EVERY_MONTH, fresh_and_stale
from energy.savings.sql import took_part
from energy.store.models.readings import Household, Reading, village_month_reported

IDS_PER_STATEMENT = 500  # households of a gap counted per statement


def _from_readings(
    start: dt.date, end: dt.date, *, villages: list[int] | None = None,
    households: list[int] | None = None,
) -> Select[int, dt.date, int]:  # fmt: skip
    """(village, month, households reported) from the readings of ``villages`` (or of the
    ``households``), a distinct count per village and month."""
    among = (
        Household.village_id.in_(villages or [])
        if households is None
        else Household.id.in_(households)
    )
    return (
        select(Household.village_id, Reading.month, func.count(func.distinct(Reading.household_id)))
        .select_from(Household)
        .join(Reading, Reading.household_id == Household.id)
        .where(among, Reading.month.between(start, end), took_part(Reading))
        .group_by(Household.village_id, Reading.month)
    )


def counted(session: Session, village_ids: list[int]) -> Counter[tuple[int, dt.date]]:
    """Per (village, month) of ``village_ids``' whole history: the households reported, from
    each household's runs of months per carrier (see the module's note)."""
    conn = session.connection()
    taking_part = {
        int(h): (int(v), month_index(joined), STILL_TAKING_PART if left is None else month_index(left))
        for h, v, joined, left in conn.execute(
            select(Household.id, Household.village_id, Household.joined_on, Household.left_on)
            .where(Household.village_id.in_(village_ids))
        )
    }  # fmt: skip
    runs: dict[int, list[tuple[int, int]]] = defaultdict(list)
    gaps: set[int] = set()
    for household, first, last, n in conn.execute(
        select(Reading.household_id, func.min(Reading.month), func.max(Reading.month), func.count())
        .where(
            Reading.household_id.in_(
                select(Household.id).where(Household.village_id.in_(village_ids))
            )
        )
        .group_by(Reading.household_id, Reading.carrier)
    ):
        low, high = month_index(first), month_index(last)
        if high - low + 1 == n:  # (one reading per household, carrier and month)
            runs[int(household)].append((low, high))
        else:
            gaps.add(int(household))
    # Each run, within the household's months of taking part, as +1 where it starts and -1
    # after it ends; a village's running total over its months is then the count.
    edges: dict[int, Counter[int]] = defaultdict(Counter)
    for household, spans in runs.items():
        if household in gaps:
            continue
        village, joined, left = taking_part[household]
        for low, high in _union(spans):
            low, high = max(low, joined), min(high, left)
            if low <= high:
                edges[village][low] += 1
                edges[village][high + 1] -= 1
    found: Counter[tuple[int, dt.date]] = Counter()
    for village, steps in edges.items():
        running = 0
        for index in range(min(steps), max(steps)):
            running += steps.get(index, 0)
            if running:
                found[(village, month_from_index(index))] += running
    ordered = sorted(gaps)
    for offset in range(0, len(ordered), IDS_PER_STATEMENT):
        for village, month, n in conn.execute(
            _from_readings(*EVERY_MONTH, households=ordered[offset : offset + IDS_PER_STATEMENT])
        ):
            found[(int(village), month)] += int(n)
    return found


def _union(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of months merged where they overlap or touch."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def rebuild(session: Session, village_ids: list[int]) -> None:
    """Recompute the kept counts of ``village_ids`` (in ``village_sums.rebuild``)."""
    table = village_month_reported
    conn = session.connection()
    conn.execute(delete(table).where(table.c.village_id.in_(village_ids)))
    rows = [
        {"village_id": village, "month": month, "households": n}
        for (village, month), n in sorted(counted(session, village_ids).items())
    ]
    for offset in range(0, len(rows), 5_000):
        conn.execute(insert(table), rows[offset : offset + 5_000])


def reported_households(
    session: Session, village_ids: list[int], start: dt.date, end: dt.date
) -> dict[tuple[int, dt.date], int]:
    """Per (village, month) of ``village_ids`` from ``start`` to ``end``: its households
    reported (none: left out), from the kept rows of fresh villages and from the readings for
    the others."""
    _, stale = fresh_and_stale(session, village_ids)
    found: dict[tuple[int, dt.date], int] = {}
    if stale:
        found.update(
            ((int(v), m), int(n))
            for v, m, n in session.execute(_from_readings(start, end, villages=stale))
        )
    fresh = sorted(set(village_ids) - set(stale))
    if fresh:
        table = village_month_reported.c
        found.update(
            ((int(v), m), int(n))
            for v, m, n in session.execute(
                select(table.village_id, table.month, table.households).where(
                    table.village_id.in_(fresh), table.month.between(start, end)
                )
            )
        )
    return found
