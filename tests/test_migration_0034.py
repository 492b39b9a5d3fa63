"""Migration 0034: each village's households that reported, month by month, filled from the
readings on upgrade (the same rows a rebuild keeps afterwards), read alike for a fresh and a
stale village, and dropped on downgrade."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from energy.core.access import CLI_ACTOR
from energy.savings import village_reported
from energy.store import db
from energy.villages import directory as villages
from tests.migrations import (
    VILLAGE,
    all_stale,
    downgraded_without,
    readings_before,
    rebuilt_as_of,
)

ROWS = "SELECT month, households FROM village_month_reported ORDER BY month"


def _rows(url: str) -> list[tuple[str, int]]:
    with db.get_engine(url).connect() as conn:
        return [(str(m)[:10], int(n)) for m, n in conn.execute(text(ROWS))]


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0034_keeps_each_villages_reporting_households(
    empty_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = empty_database
    lines = ["household,month,carrier,value,unit"]
    lines += [f"H-001,2024-{m:02d},electricity,100,kWh" for m in (1, 2, 3)]
    lines += ["H-001,2024-02,gas,40,m3"]  # two carriers in a month: one household
    lines += ["H-002,2024-02,gas,40,m3", "H-002,2024-03,solar,10,kWh"]  # any carrier counts
    lines += [f"H-003,2024-{m:02d},water,5,m3" for m in (1, 2, 3)]
    lines += ["H-004,2024-01,gas,40,m3", "H-004,2024-03,gas,40,m3"]  # a gap: February
    readings_before(url, "0033", lines, monkeypatch)
    # H-003 left in February: its March reading is of a month it no longer took part in.
    with db.get_engine(url).begin() as conn:
        conn.execute(
            text("UPDATE households SET left_on = :on WHERE code = 'H-003'"),
            {"on": dt.date(2024, 2, 10)},
        )
    assert rebuilt_as_of(url, "0033", monkeypatch) == 1

    db.upgrade(url, "0034")
    expected = [("2024-01-01", 3), ("2024-02-01", 3), ("2024-03-01", 3)]
    assert _rows(url) == expected
    village_id = villages.get_village(CLI_ACTOR, VILLAGE, url=url).village.id

    def reported(start: dt.date, end: dt.date) -> dict[tuple[int, dt.date], int]:
        with db.session_for(CLI_ACTOR, url=url) as session:
            return village_reported.reported_households(session, [village_id], start, end)

    periods = [
        (dt.date(2024, 2, 1), dt.date(2024, 3, 1)),
        (dt.date(2024, 4, 1), dt.date(2024, 9, 1)),
    ]
    kept = [reported(*period) for period in periods]
    assert kept == [
        {(village_id, dt.date(2024, 2, 1)): 3, (village_id, dt.date(2024, 3, 1)): 3},
        {},
    ]
    all_stale(url)  # from the readings: the same
    assert [reported(*period) for period in periods] == kept
    assert rebuilt_as_of(url, "0034", monkeypatch) == 1  # today's rebuild: the same rows
    assert _rows(url) == expected
    assert downgraded_without(url, "0033", "village_month_reported")
