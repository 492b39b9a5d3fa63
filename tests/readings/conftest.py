"""The village every readings test here imports into."""

from __future__ import annotations

import datetime as dt

import pytest

from energy.core.access import CLI_ACTOR
from energy.villages import directory as villages
from energy.villages import households
from tests.readings.hostile import TODAY


@pytest.fixture
def village(fresh_store: str) -> str:
    for code, district in (("V-1", "Mapo-gu"), ("V-2", "Guro-gu")):
        villages.add_village(
            CLI_ACTOR,
            code=code,
            name=code,
            district=district,
            cohort_year=2024,
            today=TODAY,
            url=fresh_store,
        )
    for code in ("H-001", "H-002"):
        households.add_household(
            CLI_ACTOR, "V-1", code=code, joined_on=dt.date(2024, 4, 1), url=fresh_store
        )
    return fresh_store
