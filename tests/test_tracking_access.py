"""A committee can never read or write another village's tracking data, by any path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from energy.accounts import users as accounts
from energy.core.access import CLI_ACTOR, Actor
from energy.core.errors import AccessDenied
from energy.readings import imports as readings
from energy.readings import month_grid, quality
from energy.readings.files import read_rows
from energy.savings import compute as savings
from energy.savings import performance, renewables
from energy.villages import directory as villages
from energy.villages import households
from tests.conftest import built_once

TODAY = dt.date(2026, 11, 25)
ROWS = b"household,month,carrier,value,unit\nH-001,2025-01,electricity,300,kWh\n"
JAN, DEC = dt.date(2025, 1, 1), dt.date(2025, 12, 1)

# Every village-scoped function of the tracking capability, called on village v.
CALLS: dict[str, Callable[[Actor, str, str], Any]] = {
    "list_households": lambda a, u, v: households.list_households(a, v, url=u),
    "add_household": lambda a, u, v: households.add_household(a, v, code="H-009", url=u),
    "update_household": lambda a, u, v: households.update_household(
        a, v, "H-001", housing_type="apartment", floor_area_band=None, occupants=None,
        joined_on=dt.date(2024, 1, 1), left_on=None, url=u),
    "add_generation": lambda a, u, v: households.add_generation(
        a, v, "H-001", kind="balcony_solar", units=1, watts_per_unit=325,
        installed_on=dt.date(2025, 1, 1), url=u),
    "check_readings": lambda a, u, v: readings.check_readings(a, v, read_rows(ROWS), today=TODAY, url=u),
    "import_readings": lambda a, u, v: readings.import_readings(a, v, read_rows(ROWS), today=TODAY, url=u),
    "month_grid": lambda a, u, v: month_grid.month_grid(a, v, JAN, url=u),
    "compute_savings": lambda a, u, v: savings.compute_savings(a, village=v, start=JAN, end=DEC, url=u),
    "eco_mileage_rounds": lambda a, u, v: savings.eco_mileage_rounds(a, v, 2025, url=u),
    "monthly_comparison": lambda a, u, v: performance.monthly_comparison(a, village=v, start=JAN, end=DEC, url=u),
    "household_savings": lambda a, u, v: performance.household_savings(a, village=v, start=JAN, end=DEC, url=u),
    "village_quality": lambda a, u, v: quality.village_quality(a, v, as_of=TODAY, url=u),
    "village_generation": lambda a, u, v: renewables.village_generation(a, v, start=JAN, end=DEC, url=u),
    "village_league": lambda a, u, v: performance.village_league(a, start=JAN, end=DEC, url=u),
    "district_savings": lambda a, u, v: savings.compute_savings(a, district="Mapo-gu", start=JAN, end=DEC, url=u),
    "programme_savings": lambda a, u, v: savings.compute_savings(a, start=JAN, end=DEC, url=u),
}  # fmt: skip


@pytest.fixture
def committee(fresh_store: str, request: pytest.FixtureRequest) -> Actor:
    return built_once(request, fresh_store, _add_committee)


def _add_committee(fresh_store: str) -> Actor:
    for code in ("MINE", "OTHER"):
        villages.add_village(
            CLI_ACTOR,
            code=code,
            name=code,
            district="Mapo-gu",
            cohort_year=2024,
            today=TODAY,
            url=fresh_store,
        )
        households.add_household(
            CLI_ACTOR, code, code="H-001", joined_on=dt.date(2024, 4, 1), url=fresh_store
        )
    accounts.add_user(
        CLI_ACTOR,
        username="mine.committee",
        password="a long enough password",
        role="committee",
        village_code="MINE",
        url=fresh_store,
    )
    actor = accounts.authenticate("mine.committee", "a long enough password", url=fresh_store).actor
    assert actor is not None
    return actor


@pytest.mark.parametrize("name", list(CALLS))
def test_a_committee_is_refused_another_villages_data(
    fresh_store: str, committee: Actor, name: str
) -> None:
    with pytest.raises(AccessDenied):
        CALLS[name](committee, fresh_store, "OTHER")


AGGREGATES = ("village_league", "district_savings", "programme_savings")


@pytest.mark.parametrize("name", [n for n in CALLS if n not in AGGREGATES])
def test_the_same_calls_work_on_its_own_village(
    fresh_store: str, committee: Actor, name: str
) -> None:
    CALLS[name](committee, fresh_store, "MINE")  # no AccessDenied
