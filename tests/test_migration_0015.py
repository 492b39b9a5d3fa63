"""Migration 0015: each household's metered solar per year and month, filled from the
readings on upgrade and kept by every rebuild afterwards (tests/test_village_sums.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import event, inspect, text

from energy.core.access import CLI_ACTOR
from energy.savings import household_years, village_sums
from energy.store import db
from energy.store.models.readings import Household
from energy.villages import directory as villages
from tests.migrations import VILLAGE, kept_as_of, readings_before


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0015_fills_the_yearly_solar_from_the_readings(
    empty_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = empty_database
    lines = ["household,month,carrier,value,unit"]
    for year in (2023, 2024):
        for month in range(1, 13):
            lines.append(f"H-001,{year}-{month:02d},electricity,{300 + month},kWh")
            if month % 4 == 1:  # January, May and September
                lines.append(f"H-001,{year}-{month:02d},solar,{month * 10}.5,kWh")
    lines.append("H-002,2024-05,solar,0,kWh")  # a metered month with no output is still metered
    lines.append("H-002,2024-05,electricity,200,kWh")
    readings_before(url, "0014", lines, monkeypatch)

    db.upgrade(url, "0015")
    kept_as_of(monkeypatch, "0015")
    assert db.current_revision(url) == "0015"
    with db.get_engine(url).connect() as conn:
        rows = conn.execute(
            text(
                "SELECT h.code, s.year, s.village_id = h.village_id, s.kwh_01, s.kwh_02, "
                "s.kwh_05, s.kwh_09, s.kwh_12 "
                "FROM household_year_solar s JOIN households h ON h.id = s.household_id "
                "ORDER BY h.code, s.year"
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("H-001", 2023, True, 10.5, None, 50.5, 90.5, None),
        ("H-001", 2024, True, 10.5, None, 50.5, 90.5, None),
        ("H-002", 2024, True, None, None, 0.0, None, None),
    ]
    # Read through the engine: kept rows while the village is fresh; its readings, summed,
    # once it is stale; the kept rows again after a rebuild. The same figures each time.
    start, end = dt.date(2023, 9, 1), dt.date(2024, 5, 1)

    def read() -> household_years.Solar:
        with db.session_for(CLI_ACTOR, url=url) as session:
            ids = [villages.get_village(CLI_ACTOR, VILLAGE, url=url).village.id]
            asked = set(session.scalars(text("SELECT id FROM households")))
            members = (Household.joined_on <= end,)
            return household_years.solar(session, ids, members, start, end, asked)

    kept = read()
    with db.get_engine(url).begin() as conn:
        conn.execute(text("UPDATE village_sums_state SET fresh = :no"), {"no": False})
    computed = read()
    assert computed == kept
    assert village_sums.rebuild_stale(CLI_ACTOR, url=url) == 1
    assert read() == computed
    months = {dt.date(2023, 9, 1): 90.5, dt.date(2024, 1, 1): 10.5, dt.date(2024, 5, 1): 50.5}
    assert computed.by_month == months
    assert len(computed.households) == 2 and len(computed.metered) == 4
    db.dispose_engine(url)

    command.downgrade(db.alembic_config(url), "0014")
    db.dispose_engine(url)
    assert "household_year_solar" not in inspect(db.get_engine(url)).get_table_names()
    db.dispose_engine(url)


@pytest.mark.parametrize("fresh_store", ["sqlite"], indirect=True)
def test_the_generating_households_are_found_in_one_index_walk(fresh_store: str) -> None:
    """SQLite splits an OR of the period's months into one index scan per month (0.13 s
    for the city's year at ten million readings); one COALESCE per year is a single walk."""
    engine = db.get_engine(fresh_store)
    statements: list[tuple[str, object]] = []

    def catch(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().startswith("SELECT") and "household_year_solar" in statement:
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", catch)
    try:
        with db.session_for(CLI_ACTOR, url=fresh_store) as session:
            household_years.solar(session, [1, 2], (), dt.date(2025, 1, 1), dt.date(2025, 12, 1))
    finally:
        event.remove(engine, "before_cursor_execute", catch)
    assert statements
    with engine.connect() as conn:
        for statement, parameters in statements:
            plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            assert not any("MULTI-INDEX OR" in str(step[-1]) for step in plan), plan
