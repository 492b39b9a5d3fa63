"""Migration 0013: the index the town hall's median walks, on both stores, up and down."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from energy.store import db
from tests.migrations import index_added

INDEX = "ix_household_year_electricity_median"


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0013_adds_the_median_index_and_takes_it_away(empty_database: str) -> None:
    url = empty_database
    with index_added(
        url,
        "household_year_electricity",
        INDEX,
        ["year", "months", "kwh"],
        before="0012",
        after="0013",
    ):
        if db.get_engine(url).dialect.name == "sqlite":
            with db.get_engine(url).connect() as conn:
                plan = " ".join(
                    str(row[-1])
                    for row in conn.execute(
                        text(
                            "EXPLAIN QUERY PLAN SELECT kwh FROM household_year_electricity "
                            "WHERE year = 2025 AND months = 12 ORDER BY kwh LIMIT 2 OFFSET 10"
                        )
                    )
                )
            assert INDEX in plan and "TEMP B-TREE" not in plan  # walked in order, no sort
