"""Migration 0013: the index the town hall's median walks, on both stores, up and down."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text

from energy import db

INDEX = "ix_household_year_electricity_median"


def _indexes(url: str) -> dict[str, list[str | None]]:
    db.dispose_engine(url)
    found = inspect(db.get_engine(url)).get_indexes("household_year_electricity")
    return {str(i["name"]): list(i["column_names"]) for i in found}


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0013_adds_the_median_index_and_takes_it_away(empty_database: str) -> None:
    url = empty_database
    db.upgrade(url, "0012")
    assert INDEX not in _indexes(url)
    db.upgrade(url, "0013")
    assert _indexes(url)[INDEX] == ["year", "months", "kwh"]
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
    command.downgrade(db.alembic_config(url), "0012")
    assert INDEX not in _indexes(url)
    db.dispose_engine(url)
