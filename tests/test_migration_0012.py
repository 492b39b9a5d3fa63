"""Migration 0012: each household's electricity per calendar year, filled from the readings
on upgrade and kept by every rebuild afterwards (tests/test_village_sums.py)."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text

from energy.core.access import CLI_ACTOR
from energy.savings import household_years, village_sums
from energy.store import db
from tests.migrations import readings_before


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0012_fills_the_yearly_totals_from_the_readings(
    empty_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = empty_database
    lines = ["household,month,carrier,value,unit"]
    for household, base in (("H-001", 300), ("H-002", 200)):
        for year in (2023, 2024):
            for month in range(1, 13 if household == "H-001" else 4):
                lines.append(f"{household},{year}-{month:02d},electricity,{base + month},kWh")
        lines.append(f"{household},2024-05,gas,40,m3")
    readings_before(url, "0011", lines, monkeypatch)

    db.upgrade(url, "0012")
    assert db.current_revision(url) == "0012"
    with db.get_engine(url).connect() as conn:
        rows = conn.execute(
            text(
                "SELECT h.code, e.year, e.kwh, e.months, e.village_id = h.village_id "
                "FROM household_year_electricity e JOIN households h ON h.id = e.household_id "
                "ORDER BY h.code, e.year"
            )
        ).all()
    january_to_december = sum(300 + m for m in range(1, 13))
    first_quarter = sum(200 + m for m in range(1, 4))
    assert [tuple(r) for r in rows] == [
        ("H-001", 2023, january_to_december, 12, True),
        ("H-001", 2024, january_to_december, 12, True),
        ("H-002", 2023, first_quarter, 3, True),
        ("H-002", 2024, first_quarter, 3, True),
    ]
    # Read through the engine (whose rebuild writes the later kept tables too): kept rows
    # while the village is fresh; its readings, summed, once it is stale; the kept rows again
    # after a rebuild. The same figures each time.
    db.upgrade(url)
    with db.session_for(CLI_ACTOR, url=url) as session:
        kept = household_years.household_year_electricity(session, 2024)
    with db.get_engine(url).begin() as conn:
        conn.execute(text("UPDATE village_sums_state SET fresh = :no"), {"no": False})
    with db.session_for(CLI_ACTOR, url=url) as session:
        computed = household_years.household_year_electricity(session, 2024)
    assert computed == kept
    assert village_sums.rebuild_stale(CLI_ACTOR, url=url) == 1
    with db.session_for(CLI_ACTOR, url=url) as session:
        assert household_years.household_year_electricity(session, 2024) == computed
    assert sorted(kwh for kwh, _ in computed.values()) == [first_quarter, january_to_december]
    db.dispose_engine(url)

    command.downgrade(db.alembic_config(url), "0011")
    db.dispose_engine(url)
    assert "household_year_electricity" not in inspect(db.get_engine(url)).get_table_names()
    db.dispose_engine(url)
