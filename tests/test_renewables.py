"""Renewables: metered where logged, estimated from capacity where not; self-reliance rate."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from energy.core.access import CLI_ACTOR
from energy.savings.renewables import KWH_PER_W_MONTH, village_generation
from energy.store import db
from energy.store.models.readings import Reading
from energy.villages import directory as villages
from energy.villages import households

TODAY = dt.date(2026, 11, 25)


def test_metered_estimated_and_self_reliance(fresh_store: str) -> None:
    villages.add_village(
        CLI_ACTOR,
        code="V-1",
        name="마을",
        district="Dobong-gu",
        cohort_year=2024,
        today=TODAY,
        url=fresh_store,
    )
    metered = households.add_household(
        CLI_ACTOR, "V-1", code="H-001", joined_on=dt.date(2024, 4, 1), url=fresh_store
    )
    households.add_generation(
        CLI_ACTOR,
        "V-1",
        "H-001",
        kind="balcony_solar",
        units=1,
        watts_per_unit=325,
        installed_on=dt.date(2024, 5, 1),
        url=fresh_store,
    )
    estimated = households.add_household(
        CLI_ACTOR, "V-1", code="H-002", joined_on=dt.date(2024, 4, 1), url=fresh_store
    )
    households.add_generation(
        CLI_ACTOR,
        "V-1",
        "H-002",
        kind="rooftop_solar",
        units=10,
        watts_per_unit=300,
        installed_on=dt.date(2025, 1, 10),
        url=fresh_store,
    )
    village_id = villages.get_village(CLI_ACTOR, "V-1", url=fresh_store).village.id
    jan, feb = dt.date(2025, 1, 1), dt.date(2025, 2, 1)
    rows = [
        {
            "household_id": metered.id,
            "village_id": village_id,
            "month": jan,
            "carrier": "solar",
            "value": 25.0,
        },
        {
            "household_id": metered.id,
            "village_id": village_id,
            "month": feb,
            "carrier": "solar",
            "value": 28.0,
        },
        {
            "household_id": metered.id,
            "village_id": village_id,
            "month": jan,
            "carrier": "electricity",
            "value": 300.0,
        },
        {
            "household_id": estimated.id,
            "village_id": village_id,
            "month": jan,
            "carrier": "electricity",
            "value": 500.0,
        },
        {
            "household_id": metered.id,
            "village_id": village_id,
            "month": feb,
            "carrier": "electricity",
            "value": 280.0,
        },
        {
            "household_id": estimated.id,
            "village_id": village_id,
            "month": feb,
            "carrier": "electricity",
            "value": 420.0,
        },
    ]
    with db.session_for(CLI_ACTOR, write=True, url=fresh_store) as session:
        session.execute(insert(Reading), rows)
    result = village_generation(CLI_ACTOR, "V-1", start=jan, end=feb, url=fresh_store)
    january, february = result.months
    # January: the rooftop was installed on 10 January, so it counts from February on.
    assert (january.metered_kwh, january.estimated_kwh, january.consumption_kwh) == (
        25.0,
        0.0,
        800.0,
    )
    assert february.estimated_kwh == pytest.approx(3000 * KWH_PER_W_MONTH)
    assert february.self_reliance == pytest.approx((28.0 + 288.0) / 700.0)
    assert (result.capacity_w, result.households_with_generation) == (3325, 2)
    assert result.self_reliance == pytest.approx((25 + 28 + 288) / 1500)


def test_no_consumption_means_no_rate(fresh_store: str) -> None:
    villages.add_village(
        CLI_ACTOR,
        code="V-2",
        name="마을",
        district="Dobong-gu",
        cohort_year=2024,
        today=TODAY,
        url=fresh_store,
    )
    result = village_generation(
        CLI_ACTOR, "V-2", start=dt.date(2025, 1, 1), end=dt.date(2025, 3, 1), url=fresh_store
    )
    assert len(result.months) == 3 and result.self_reliance is None and result.renewable_kwh == 0
