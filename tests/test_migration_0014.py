"""Migration 0014: the solar rows' own index, on both stores, up and down."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from energy.store import db
from tests.migrations import index_added

INDEX = "ix_readings_solar"
COLUMNS = ["month", "village_id", "household_id", "value", "carrier"]


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0014_adds_the_solar_index_and_takes_it_away(empty_database: str) -> None:
    url = empty_database
    with index_added(url, "readings", INDEX, COLUMNS, before="0013", after="0014"):
        engine = db.get_engine(url)
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                where = conn.execute(
                    text("SELECT pg_get_expr(indpred, indrelid) FROM pg_index "
                         "WHERE indexrelid = CAST(:name AS regclass)"),
                    {"name": INDEX},
                ).scalar()  # fmt: skip
            else:
                where = conn.execute(
                    text("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :name"),
                    {"name": INDEX},
                ).scalar()
        assert where is not None and "'solar'" in where  # only the solar rows are indexed
