"""The month grid: a committee logs one month for every household at once.

The grid's cells go through the same check and atomic save as a file (energy.readings.imports).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from energy.calc.metrics import add_months, first_of_month
from energy.core.access import Actor
from energy.core.vocabulary import CARRIERS
from energy.readings.files import RawRow
from energy.store import cache
from energy.store.db import session_for
from energy.store.models.readings import Household, Reading
from energy.villages.households import village_by_code

DEFAULT_GRID_CARRIERS = ("electricity", "gas", "water")


@dataclass(frozen=True)
class MonthGrid:
    """What the entry grid shows: one row per taking-part household, this and last month."""

    village_code: str
    month: dt.date
    carriers: tuple[str, ...]
    households: tuple[str, ...]
    current: dict[tuple[str, str], float]  # (household, carrier) → stored value this month
    previous: dict[tuple[str, str], float]  # … last month, shown beside each field


def month_grid(
    actor: Actor, village_code: str, month: dt.date, *, url: str | None = None
) -> MonthGrid:
    """The grid of ``month`` for a village: memoised until the data changes (a committee's
    home draws it on every rerun); ``actor``'s access is checked before it is returned."""
    month = first_of_month(month)
    grid: MonthGrid = cache.village_memo(
        actor,
        village_code,
        "tracking.read",
        ("month_grid", month),
        lambda: _month_grid(actor, village_code, month, url),
        url=url,
    )
    return grid


def _month_grid(actor: Actor, village_code: str, month: dt.date, url: str | None) -> MonthGrid:
    previous_month = add_months(month, -1)
    with session_for(actor, url=url) as session:
        village = village_by_code(session, village_code)
        last_day = add_months(month, 1) - dt.timedelta(days=1)
        members = session.execute(
            select(Household.id, Household.code)
            .where(
                Household.village_id == village.id,
                Household.joined_on <= last_day,
                (Household.left_on.is_(None)) | (Household.left_on >= month),
            )
            .order_by(Household.code)
        ).all()
        codes = {household_id: code for household_id, code in members}
        used = set(
            session.scalars(
                select(Reading.carrier)
                .where(Reading.village_id == village.id, Reading.month >= add_months(month, -24))
                .distinct()
            )
        )
        carriers = tuple(c for c in CARRIERS if c in used) or DEFAULT_GRID_CARRIERS
        current: dict[tuple[str, str], float] = {}
        previous: dict[tuple[str, str], float] = {}
        rows = session.execute(
            select(Reading.household_id, Reading.carrier, Reading.month, Reading.value).where(
                Reading.village_id == village.id, Reading.month.in_([month, previous_month])
            )
        )
        for household_id, carrier, when, value in rows:
            code = codes.get(household_id)
            if code is None:
                continue
            (current if when == month else previous)[(code, carrier)] = value
        return MonthGrid(village.code, month, carriers, tuple(codes.values()), current, previous)


def grid_rows(
    month: dt.date,
    values: Iterable[tuple[str, str, float | str | None]],
    units: dict[str, str],
    households: Sequence[str] = (),
) -> list[RawRow]:
    """The grid's filled cells as rows for the import, numbered by their row in the grid
    (``households``, from 1; without it, by the order the households come in).

    A cell typed as text goes to the check as typed: "-5" is refused as negative and "abc"
    as not a number, each with its row, never turned into 5 or dropped."""
    rows: list[RawRow] = []
    order: dict[str, int] = {code: number for number, code in enumerate(households, 1)}
    for household, carrier, value in values:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        text = value.strip() if isinstance(value, str) else f"{float(value):.15g}"
        if not text:
            continue
        line = order.setdefault(household, len(order) + 1)
        rows.append(
            RawRow(line, household, f"{month:%Y-%m}", carrier, text, units.get(carrier, ""))
        )
    return rows
