"""Migration 0017: each village's yearly electricity per span of taking part, filled from the
kept yearly rows on upgrade (the same rows a rebuild keeps afterwards), dropped on downgrade."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import inspect, text

from energy.core.access import CLI_ACTOR
from energy.savings import household_years, village_sums
from energy.store import db
from energy.villages import directory as villages
from energy.villages import households
from tests.migrations import VILLAGE, kept_as_of, readings_before

ROWS = "SELECT year, first, last, kwh FROM village_year_electricity ORDER BY year, first, last"
YEAR = {"sqlite": "CAST(strftime('%Y', month) AS INTEGER)",
        "postgresql": "CAST(EXTRACT(YEAR FROM month) AS INTEGER)"}  # fmt: skip


def _rows(url: str) -> list[tuple[int, int, int, float]]:
    with db.get_engine(url).connect() as conn:
        return [tuple(r) for r in conn.execute(text(ROWS))]


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0017_sums_each_villages_electricity_per_span(
    empty_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = empty_database
    lines = ["household,month,carrier,value,unit"]
    for household in ("H-001", "H-002", "H-003"):
        lines += [f"{household},2024-{m:02d},electricity,{100 + m},kWh" for m in range(1, 13)]
    readings_before(url, "0016", lines, monkeypatch)
    kept_as_of(monkeypatch, "0016")  # today's write, as a store at 0016 keeps it
    households.update_household(  # H-003 leaves in June 2024
        CLI_ACTOR, VILLAGE, "H-003", housing_type="apartment", floor_area_band=None,
        occupants=None, joined_on=dt.date(2024, 1, 1), left_on=dt.date(2024, 6, 30), url=url,
    )  # fmt: skip
    monkeypatch.undo()
    engine = db.get_engine(url)
    with engine.begin() as conn:  # the yearly rows as 0016's rebuild kept them
        year = YEAR[engine.dialect.name]
        conn.execute(text("DELETE FROM household_year_electricity"))
        conn.execute(
            text(
                "INSERT INTO household_year_electricity (household_id, year, village_id, kwh, "
                f"months) SELECT household_id, {year}, MIN(village_id), SUM(value), COUNT(*) "
                f"FROM readings WHERE carrier = 'electricity' GROUP BY household_id, {year}"
            )
        )
    db.dispose_engine(url)

    db.upgrade(url, "0017")
    kept_as_of(monkeypatch, "0017")
    year_kwh = float(sum(100 + m for m in range(1, 13)))
    january, june = 2024 * 12, 2024 * 12 + 5
    with db.get_engine(url).connect() as conn:
        joined = conn.execute(text("SELECT MIN(joined_on) FROM households")).scalar()
    assert str(joined).startswith("2024-01")  # registered by the import from its first month
    assert _rows(url) == [(2024, january, june, year_kwh), (2024, january, 10**9, 2 * year_kwh)]
    # The same rows from a rebuild, and the same totals from the readings of a stale village.
    village_id = villages.get_village(CLI_ACTOR, VILLAGE, url=url).village.id

    def total(start: dt.date, end: dt.date) -> float | None:
        with db.session_for(CLI_ACTOR, url=url) as session:
            return household_years.electricity_total(session, [village_id], start, end)

    periods = [(dt.date(2024, 1, 1), dt.date(2024, 12, 1)), (dt.date(2024, 1, 1), dt.date(2024, 3, 1)),
               (dt.date(2024, 7, 1), dt.date(2024, 12, 1))]  # fmt: skip
    kept = [total(*period) for period in periods]
    assert kept[0] == 3 * year_kwh
    assert kept[1] == pytest.approx(3 * (101 + 102 + 103))
    assert kept[2] == pytest.approx(2 * sum(100 + m for m in range(7, 13)))  # H-003 has left
    with db.get_engine(url).begin() as conn:
        conn.execute(text("UPDATE village_sums_state SET fresh = :no"), {"no": False})
    assert [total(*period) for period in periods] == pytest.approx(kept)
    assert village_sums.rebuild_stale(CLI_ACTOR, url=url) == 1
    assert _rows(url) == [(2024, january, june, year_kwh), (2024, january, 10**9, 2 * year_kwh)]
    db.dispose_engine(url)

    command.downgrade(db.alembic_config(url), "0016")
    db.dispose_engine(url)
    assert "village_year_electricity" not in inspect(db.get_engine(url)).get_table_names()
    db.dispose_engine(url)
