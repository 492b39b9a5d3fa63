"""Village performance tables: the month chart, the league table, districts and cohorts."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from energy.accounts import users as accounts
from energy.calc.metrics import add_months
from energy.core.access import CLI_ACTOR
from energy.core.errors import AccessDenied
from energy.savings import performance
from energy.store import db
from energy.store.models.readings import Reading
from energy.villages import directory as villages
from energy.villages import households

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def two_villages(fresh_store: str) -> str:
    """V-1 (Mapo, cohort 2024) uses 100 kWh a month in 2023-2024 and 90 in 2025: 10% saved.
    V-2 (Guro, cohort 2024) uses 200 kWh every month: nothing saved."""
    rows = []
    for code, district, used in (
        ("V-1", "Mapo-gu", (100.0, 90.0)),
        ("V-2", "Guro-gu", (200.0, 200.0)),
    ):
        village = villages.add_village(CLI_ACTOR, code=code, name=code, district=district, cohort_year=2024,
                                       started_on=dt.date(2024, 1, 1), today=TODAY, url=fresh_store)  # fmt: skip
        household = households.add_household(
            CLI_ACTOR, code, code="H-001", joined_on=dt.date(2023, 1, 1), url=fresh_store
        )
        for n in range(36):
            month = add_months(dt.date(2023, 1, 1), n)
            value = used[1] if month.year == 2025 else used[0]
            rows.append({"household_id": household.id, "village_id": village.id, "month": month,
                         "carrier": "electricity", "value": value})  # fmt: skip
    with db.session_for(CLI_ACTOR, write=True, url=fresh_store) as session:
        session.execute(insert(Reading), rows)
    return fresh_store


def test_the_month_chart_has_baseline_and_actual(two_villages: str) -> None:
    frame = performance.monthly_comparison(
        CLI_ACTOR,
        village="V-1",
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 12, 1),
        url=two_villages,
    )
    assert list(frame["month"]) == [add_months(dt.date(2025, 1, 1), n) for n in range(12)]
    assert set(frame["baseline"]) == {100.0} and set(frame["actual"]) == {90.0}
    assert set(frame["cells"]) == {1}


def test_the_league_ranks_villages_by_combined_saving(two_villages: str) -> None:
    league = performance.village_league(
        CLI_ACTOR, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 1), url=two_villages
    )
    assert list(league["code"]) == ["V-1", "V-2"]
    first = league.iloc[0]
    assert first["electricity_pct"] == pytest.approx(0.10)
    assert first["combined_pct"] == pytest.approx(0.10)
    assert first["saving_toe"] == pytest.approx(12 * 10 / 1000 * 0.229)
    assert (first["electricity_cells"], first["households"], first["stage"]) == (12, 1, "1")
    assert "benchmark_pct" not in league.columns  # published figures are context, not a column
    assert league.iloc[1]["combined_pct"] == pytest.approx(0.0)
    districts = performance.district_results(
        league, performance.all_districts(CLI_ACTOR, url=two_villages)
    )
    assert len(districts) == 25
    mapo = districts[districts["name_en"] == "Mapo-gu"].iloc[0]
    assert (mapo["villages"], mapo["median_pct"]) == (1, pytest.approx(0.10))
    assert int(districts["villages"].sum()) == 2


def test_a_store_without_villages_has_an_empty_league(fresh_store: str) -> None:
    """Staff open the results before registering a village: an empty league with the same
    columns (it raised KeyError), and 25 districts with no village each."""
    league = performance.village_league(
        CLI_ACTOR, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 1), url=fresh_store
    )
    assert league.empty and list(league.columns) == performance.LEAGUE_COLUMNS
    districts = performance.district_results(
        league, performance.all_districts(CLI_ACTOR, url=fresh_store)
    )
    assert len(districts) == 25 and int(districts["villages"].sum()) == 0


def test_cohort_curves(two_villages: str) -> None:
    curves = performance.cohort_curves(
        CLI_ACTOR, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 1), url=two_villages
    )
    (row,) = curves.to_dict("records")
    assert (row["cohort"], row["year_in_programme"], row["villages"]) == (2024, 2, 2)
    assert row["saving_pct"] == pytest.approx((3600 - 3480) / 3600)  # 12×(100+200) vs 12×(90+200)


def test_only_staff_see_the_league(two_villages: str) -> None:
    accounts.add_user(
        CLI_ACTOR,
        username="town.hall",
        password="a long enough password",
        role="viewer",
        url=two_villages,
    )
    viewer = accounts.authenticate("town.hall", "a long enough password", url=two_villages).actor
    assert viewer is not None
    with pytest.raises(AccessDenied):
        performance.village_league(
            viewer, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 1), url=two_villages
        )
    with pytest.raises(AccessDenied):
        performance.monthly_comparison(
            viewer,
            village="V-1",
            start=dt.date(2025, 1, 1),
            end=dt.date(2025, 12, 1),
            url=two_villages,
        )
    assert not performance.cohort_curves(
        viewer, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 1), url=two_villages
    ).empty


def test_each_household_sees_its_own_saving(two_villages: str) -> None:
    frame = performance.household_savings(
        CLI_ACTOR,
        village="V-1",
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 12, 1),
        url=two_villages,
    )
    (row,) = frame.to_dict("records")
    assert row["household"] == "H-001"
    assert row["electricity_pct"] == pytest.approx(0.10)
    assert (row["electricity_cells"], row["gas_pct"]) == (12, None)
