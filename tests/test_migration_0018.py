"""Migration 0018: the months of each year with any reading per village, filled from the
readings on upgrade (the same rows a rebuild keeps afterwards) and dropped on downgrade."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import inspect, text

from energy.core.access import CLI_ACTOR
from energy.savings import village_sums
from energy.store import db
from energy.villages import directory as villages
from tests.migrations import VILLAGE, kept_as_of, readings_before

ROWS = "SELECT year, months FROM village_year_recorded ORDER BY year"


def _rows(url: str) -> list[tuple[int, int]]:
    with db.get_engine(url).connect() as conn:
        return [tuple(r) for r in conn.execute(text(ROWS))]


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0018_keeps_each_villages_recorded_months(
    empty_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = empty_database
    lines = ["household,month,carrier,value,unit"]
    lines += [f"H-001,2024-{m:02d},electricity,100,kWh" for m in (1, 2, 12)]
    lines += ["H-002,2024-02,gas,40,m3", "H-002,2025-03,solar,10,kWh"]  # any carrier counts
    readings_before(url, "0017", lines, monkeypatch)

    db.upgrade(url, "0018")
    expected = [(2024, 0b1000_0000_0011), (2025, 0b100)]
    assert _rows(url) == expected
    village_id = villages.get_village(CLI_ACTOR, VILLAGE, url=url).village.id

    def months(start: dt.date, end: dt.date) -> dict[int, int]:
        with db.session_for(CLI_ACTOR, url=url) as session:
            return village_sums.recorded_months(session, [village_id], start, end)

    periods = [(dt.date(2024, 2, 1), dt.date(2025, 1, 1)), (dt.date(2024, 3, 1), dt.date(2024, 11, 1)),
               (dt.date(2023, 1, 1), dt.date(2026, 1, 1))]  # fmt: skip
    kept = [months(*period) for period in periods]
    assert kept == [{village_id: 2}, {}, {village_id: 4}]
    with db.get_engine(url).begin() as conn:  # stale: from the readings, the same
        conn.execute(text("UPDATE village_sums_state SET fresh = :no"), {"no": False})
    assert [months(*period) for period in periods] == kept
    kept_as_of(monkeypatch, "0018")  # today's rebuild, without the tables 0018 lacks
    assert village_sums.rebuild_stale(CLI_ACTOR, url=url) == 1
    monkeypatch.undo()
    assert _rows(url) == expected
    db.dispose_engine(url)

    command.downgrade(db.alembic_config(url), "0017")
    db.dispose_engine(url)
    assert "village_year_recorded" not in inspect(db.get_engine(url)).get_table_names()
    db.dispose_engine(url)
