"""Readings inserted column by column (``energy.readings.writer.insert_columns``: flat value
lists bound to multi-row INSERTs on SQLite, CSV text that pyarrow writes to ``COPY`` on
PostgreSQL) are stored exactly as the row by row path stores them: every id, month, carrier,
bit of every value and every missing history value."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
from sqlalchemy import select

from energy.calc.metrics import month_index
from energy.core.access import CLI_ACTOR
from energy.core.vocabulary import CARRIERS
from energy.readings import writer as readings_store
from energy.store import db
from energy.store.models.readings import Household, Reading, ReadingBatch
from energy.villages import directory as villages
from energy.villages import households

HOUSEHOLDS = 7
MONTHS = 30


def _values(rng: np.random.Generator, count: int) -> np.ndarray:
    """Values whose text is hard to get exactly right: 17 significant digits, tiny and large
    ones, sums that no short decimal holds, whole numbers and zero."""
    values = rng.uniform(0, 10_000, count)
    values[::5] = 10.0 ** rng.integers(-12, 7, len(values[::5])) * rng.uniform(1, 10)
    values[1::7] = 0.1 + 0.2
    values[2::11] = np.round(values[2::11])
    values[3::13] = 0.0
    values[4::17] = 10_000_000.0
    return values


def _new(village_id: int, batch_id: int, ids: list[int], seed: int) -> readings_store.NewReadings:
    rng = np.random.default_rng(seed)
    grid = [
        (h, month_index(dt.date(2022, 1, 1)) + m, c)
        for place, h in enumerate(ids)
        for m in range(MONTHS)
        for c in range(len(CARRIERS))
        if (place + m + c) % 4  # gaps: not every carrier every month
    ]
    count = len(grid)
    return readings_store.NewReadings(
        village_id,
        batch_id,
        np.array([g[0] for g in grid], dtype=np.int64),
        np.array([g[1] for g in grid], dtype=np.int64),
        np.array([g[2] for g in grid], dtype=np.int64),
        _values(rng, count),
        rng.random(count) < 0.6,
        _values(rng, count),
        rng.random(count) < 0.3,
        _values(rng, count),
    )


def _write(url: str, code: str, write: Any) -> list[tuple[Any, ...]]:
    """A village ``code`` with its households, its readings written by ``write(conn,
    village_id, batch_id, ids)`` in one bulk transaction; the rows as stored."""
    villages.add_village(
        CLI_ACTOR, code=code, name=code, district="Mapo-gu", cohort_year=2021, url=url
    )
    for number in range(HOUSEHOLDS):
        households.add_household(
            CLI_ACTOR, code, code=f"H-{number:03d}", joined_on=dt.date(2021, 1, 1), url=url
        )
    village_id = villages.get_village(CLI_ACTOR, code, url=url).village.id
    with db.session_for(CLI_ACTOR, write=True, bulk=True, url=url) as session:
        ids = sorted(
            session.scalars(select(Household.id).where(Household.village_id == village_id))
        )
        batch = ReadingBatch(village_id=village_id, source="import", created_by="test")
        session.add(batch)
        session.flush()
        conn = session.connection()
        with readings_store.history_by_writer(conn, [village_id]):
            write(conn, village_id, batch.id, ids)
    with db.session_for(CLI_ACTOR, url=url) as session:
        rows = session.execute(
            select(
                Reading.household_id, Reading.month, Reading.carrier, Reading.value,
                Reading.value_y1, Reading.value_y2,
            ).where(Reading.village_id == village_id)
        ).all()  # fmt: skip
    # Households by their place in the village, so two villages' rows compare.
    place = {household_id: number for number, household_id in enumerate(ids)}
    return sorted((place[h], *rest) for h, *rest in rows)


@pytest.mark.parametrize("batch_rows", [1_000_000, 97])  # one batch; many, with a rest
def test_columns_are_stored_as_the_rows_are(
    fresh_store: str, monkeypatch: pytest.MonkeyPatch, batch_rows: int
) -> None:
    url = fresh_store
    monkeypatch.setattr(readings_store, "BATCH_ROWS", batch_rows)
    monkeypatch.setattr(readings_store, "ROWS_PER_STATEMENT", 13)  # SQLite: statements and a rest
    added: list[int] = []

    def by_rows(conn: Any, village_id: int, batch_id: int, ids: list[int]) -> None:
        new = _new(village_id, batch_id, ids, seed=5)
        added.append(readings_store.insert_rows(conn, new.rows(conn), expected=len(new)))

    def by_columns(conn: Any, village_id: int, batch_id: int, ids: list[int]) -> None:
        added.append(readings_store.insert_columns(conn, _new(village_id, batch_id, ids, seed=5)))

    rows = _write(url, "V-ROWS", by_rows)
    columns = _write(url, "V-COLS", by_columns)
    assert added[0] == added[1] == len(rows) > HOUSEHOLDS * MONTHS
    assert columns == rows
    # And as they were given: each value bit for bit, a history value only where known.
    new = _new(0, 0, list(range(HOUSEHOLDS)), seed=5)
    expected = sorted(
        (
            int(h), dt.date(m // 12, m % 12 + 1, 1), CARRIERS[c], float(v),
            float(y1) if k1 else None, float(y2) if k2 else None,
        )
        for h, m, c, v, k1, y1, k2, y2 in zip(
            new.household_id, new.month, new.carrier, new.value,
            new.has_y1, new.value_y1, new.has_y2, new.value_y2, strict=True,
        )
    )  # fmt: skip
    assert columns == expected
