"""Migration 0016: the spans rows that count every household, added from the households on
upgrade (the same rows a rebuild keeps afterwards) and taken away on downgrade."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import text

from energy.core.access import CLI_ACTOR
from energy.savings import village_sums
from energy.store import db
from energy.villages import directory as villages
from energy.villages import households
from tests.migrations import VILLAGE, kept_as_of, readings_before

EVERY = "SELECT village_id, first, last, households FROM village_household_spans "
EVERY += "WHERE carrier = '*' ORDER BY village_id, first, last"


def _every(url: str) -> list[tuple[int, int, int, int]]:
    with db.get_engine(url).connect() as conn:
        return [tuple(r) for r in conn.execute(text(EVERY))]


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0016_counts_every_household_in_the_spans(
    empty_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = empty_database
    lines = ["household,month,carrier,value,unit", "H-001,2024-01,electricity,300,kWh"]
    readings_before(url, "0015", lines, monkeypatch)
    kept_as_of(monkeypatch, "0016")  # (0016 adds no table)
    # Two households without readings: one joined in March 2023, one left in June 2024.
    for code, joined, left in (("H-002", dt.date(2023, 3, 9), None),
                               ("H-003", dt.date(2023, 3, 20), dt.date(2024, 6, 30))):  # fmt: skip
        households.add_household(CLI_ACTOR, VILLAGE, code=code, joined_on=joined, url=url)
        if left:
            households.update_household(
                CLI_ACTOR, VILLAGE, code, housing_type="apartment", floor_area_band=None,
                occupants=None, joined_on=joined, left_on=left, url=url,
            )  # fmt: skip
    village_sums.rebuild_stale(CLI_ACTOR, url=url)
    with db.get_engine(url).begin() as conn:  # as the code of 0015 left them
        conn.execute(text("DELETE FROM village_household_spans WHERE carrier = '*'"))
    assert _every(url) == []
    db.dispose_engine(url)

    db.upgrade(url, "0016")
    added = _every(url)
    village_id = villages.get_village(CLI_ACTOR, VILLAGE, url=url).village.id
    with db.get_engine(url).connect() as conn:  # H-001 was registered by the import
        joined = conn.execute(text("SELECT joined_on FROM households WHERE code = 'H-001'"))
        h1 = dt.date.fromisoformat(str(joined.scalar()))
    march, june = 2023 * 12 + 2, 2024 * 12 + 5
    assert h1 >= dt.date(2023, 4, 1)  # (its own span)
    assert added == [
        (village_id, march, june, 1),
        (village_id, march, 10**9, 1),
        (village_id, h1.year * 12 + h1.month - 1, 10**9, 1),
    ]
    # A rebuild keeps the same rows.
    with db.get_engine(url).begin() as conn:
        conn.execute(text("UPDATE village_sums_state SET fresh = :no"), {"no": False})
    assert village_sums.rebuild_stale(CLI_ACTOR, url=url) == 1
    assert _every(url) == added
    with db.session_for(CLI_ACTOR, url=url) as session:
        counts = village_sums.households_taking_part(
            session, [village_id], dt.date(2024, 7, 1), dt.date(2024, 12, 1)
        )
    assert counts == {village_id: 2}  # H-003 left in June
    db.dispose_engine(url)

    command.downgrade(db.alembic_config(url), "0015")
    db.dispose_engine(url)
    assert _every(url) == []
    db.dispose_engine(url)
