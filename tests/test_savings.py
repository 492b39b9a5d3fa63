"""Savings from the store (energy.savings.compute) and ``report savings``, on SQLite and PostgreSQL.

Two villages, numbers worked out by hand below; a random data set checks that the SQL
matching agrees with the pure rules in energy.calc.metrics.
"""

from __future__ import annotations

import datetime as dt
import json
import random

import pandas as pd
import pytest
from sqlalchemy import insert, select

from energy.accounts.users import add_user, authenticate
from energy.calc import metrics
from energy.core.access import CLI_ACTOR, Actor
from energy.core.errors import AccessDenied, InvalidInput, NotFound
from energy.savings import compute as savings
from energy.savings import sql as savings_sql
from energy.store.db import session_for
from energy.store.models.readings import Household, Reading
from energy.store.models.villages import Village
from energy.villages.directory import add_village
from energy.villages.households import add_household
from tests.energy_cli import energy  # python -m energy, in this process

D = dt.date
MAR, APR = D(2024, 3, 1), D(2024, 4, 1)
TODAY = D(2026, 1, 15)
PASSWORD = "correct-horse-battery"

# Village DJK-01 (Dongjak-gu) joined on 15 March 2024: its baseline year is Mar 2023-Feb 2024.
#   H-001 (joined 2022): electricity and gas, solar too (generation: never a saving).
#   H-002 joined 10 April 2024: its March reading must not count. No gas at all.
#   H-003 (joined 2023): electricity in 2024 only, so nothing to compare with.
# Village MPO-01 (Mapo-gu, cohort 2023): H-101 with electricity and district heating.
READINGS: dict[str, list[tuple[str, str, str, float]]] = {
    "DJK-01": [
        ("H-001", "electricity", "2022-03", 300), ("H-001", "electricity", "2022-04", 280),
        ("H-001", "electricity", "2023-03", 260), ("H-001", "electricity", "2023-04", 240),
        ("H-001", "electricity", "2024-03", 250), ("H-001", "electricity", "2024-04", 200),
        ("H-001", "gas", "2022-03", 3000), ("H-001", "gas", "2023-03", 2000),
        ("H-001", "gas", "2023-04", 1800), ("H-001", "gas", "2024-03", 2250),
        ("H-001", "gas", "2024-04", 1500),
        ("H-001", "solar", "2022-03", 30), ("H-001", "solar", "2023-03", 30),
        ("H-001", "solar", "2024-03", 60),
        ("H-002", "electricity", "2022-03", 100), ("H-002", "electricity", "2023-03", 100),
        ("H-002", "electricity", "2024-03", 50), ("H-002", "electricity", "2022-04", 200),
        ("H-002", "electricity", "2023-04", 100), ("H-002", "electricity", "2024-04", 120),
        ("H-003", "electricity", "2024-03", 100), ("H-003", "electricity", "2024-04", 100),
    ],
    "MPO-01": [
        ("H-101", "electricity", "2022-03", 100), ("H-101", "electricity", "2023-03", 100),
        ("H-101", "electricity", "2024-03", 90),
        ("H-101", "heat", "2022-03", 500), ("H-101", "heat", "2023-03", 300),
        ("H-101", "heat", "2024-03", 350),
    ],
}  # fmt: skip


def _month(text: str) -> dt.date:
    return D(int(text[:4]), int(text[5:7]), 1)


def insert_readings(url: str, village_code: str, rows: list[tuple[str, str, str, float]]) -> None:
    with session_for(CLI_ACTOR, write=True, url=url) as session:
        village = session.scalars(select(Village).where(Village.code == village_code)).one()
        ids = dict(
            session.execute(
                select(Household.code, Household.id).where(Household.village_id == village.id)
            ).all()
        )
        session.execute(
            insert(Reading),
            [
                {
                    "household_id": ids[household],
                    "village_id": village.id,
                    "month": _month(month),
                    "carrier": carrier,
                    "value": float(value),
                    "batch_id": None,
                }
                for household, carrier, month, value in rows
            ],
        )


@pytest.fixture
def two_villages(fresh_store: str) -> str:
    url = fresh_store
    add_village(
        CLI_ACTOR, code="DJK-01", name="상도 햇빛마을", district="Dongjak-gu", cohort_year=2024,
        started_on=D(2024, 3, 15), today=TODAY, url=url,
    )  # fmt: skip
    add_village(
        CLI_ACTOR, code="MPO-01", name="성미산 마을", district="Mapo-gu", cohort_year=2023,
        today=TODAY, url=url,
    )  # fmt: skip
    for code, joined in [
        ("H-001", D(2022, 1, 1)),
        ("H-002", D(2024, 4, 10)),
        ("H-003", D(2023, 1, 1)),
    ]:
        add_household(CLI_ACTOR, "DJK-01", code=code, joined_on=joined, url=url)
    add_household(CLI_ACTOR, "MPO-01", code="H-101", joined_on=D(2020, 1, 1), url=url)
    for village, rows in READINGS.items():
        insert_readings(url, village, rows)
    return url


def carriers(report: savings.SavingsReport) -> dict[str, tuple[object, ...]]:
    """carrier -> (baseline, actual, saving, cells, expected_cells)."""
    return {
        c.carrier: (c.baseline, c.actual, c.saving, c.cells, c.expected_cells)
        for c in report.carriers
    }


def factor_keys(report: savings.SavingsReport) -> list[tuple[str, float, dt.date]]:
    return [(f.key, f.value, f.valid_from) for f in report.factors]


# --- the hand-computed figures ---------------------------------------------------------------


def test_eco_mileage_for_a_village(two_villages: str) -> None:
    report = savings.compute_savings(
        CLI_ACTOR, village="DJK-01", start=MAR, end=APR, url=two_villages
    )
    assert report.scope == "village:DJK-01"
    assert carriers(report) == {
        # H-001: (300+260)/2 + (280+240)/2 = 540 vs 450; H-002 April only: 150 vs 120.
        # Expected: H-001 2 + H-002 1 + H-003 2 = 5.
        "electricity": (690.0, 570.0, 120.0, 3, 5),
        # H-001 March only (April 2022 is missing); only H-001 has gas: 2 expected.
        "gas": (2500.0, 2250.0, 250.0, 1, 2),
        "water": (None, None, None, 0, 0),
        "heat": (None, None, None, 0, 0),
    }
    assert report.carrier("electricity").saving_pct == pytest.approx(120 / 690)
    assert report.carrier("electricity").coverage == pytest.approx(0.6)
    assert report.carrier("gas").saving_pct == pytest.approx(0.1)
    assert report.carrier("water").saving_pct is None
    assert report.carrier("water").coverage == 0.0
    # 0.12 MWh x 0.229 + 0.25 GJ x 0.023884; 0.12 x 0.4594 + 0.00025 TJ (gross) x 38.5/42.7
    # (net/gross, 2023 table) x 56.1 (IPCC, net); 120x130 + 250x22.3
    assert report.saving_toe == pytest.approx(0.033451)
    assert report.saving_tco2 == pytest.approx(0.055128 + 0.00025 * 38.9 / 43.1 * 56.1)
    # Money (2024: KEPCO's table with the 3.2% levy; gas 22.14 KRW/MJ + VAT): each household's
    # bill of its baseline use minus its bill of its actual use, month by month. H-001 March
    # bill(280) - bill(250) = (1,600 + 200x120 + 80x214.6 + 280x14) - (1,600 + 200x120 +
    # 50x214.6 + 250x14) = 6,858; H-001 April bill(260) - bill(200) = 42,116 - 27,710 = 14,406;
    # H-002 April bill(150) - bill(120) = 21,010 - 16,990 = 4,020; x 1.132 (VAT, levy)
    # = 28,621.49. Gas 250 MJ x 22.14 x 1.1 = 6,088.5.
    assert report.by_carrier["electricity"].krw == pytest.approx((6858 + 14406 + 4020) * 1.132)
    assert report.saving_krw == 34710
    assert factor_keys(report) == [
        ("electricity.co2", 0.4594, D(2012, 1, 1)),
        ("electricity.toe", 0.229, D(2012, 1, 1)),
        ("gas.co2", 56.1, D(2012, 1, 1)),
        ("gas.mj_per_m3", 43.1, D(2023, 1, 1)),
        ("gas.net_mj_per_m3", 38.9, D(2023, 1, 1)),
        ("gas.toe", 0.023884, D(2012, 1, 1)),
    ]


def test_baseline_year_for_a_village(two_villages: str) -> None:
    report = savings.compute_savings(
        CLI_ACTOR, village="DJK-01", start=MAR, end=APR, method="baseline-year", url=two_villages
    )
    assert carriers(report) == {
        # H-001: Mar 2023 260 vs 250, Apr 2023 240 vs 200; H-002: Apr 2023 100 vs 120.
        "electricity": (600.0, 570.0, 30.0, 3, 5),
        # H-001: Mar 2023 2000 vs 2250, Apr 2023 1800 vs 1500.
        "gas": (3800.0, 3750.0, 50.0, 2, 2),
        "water": (None, None, None, 0, 0),
        "heat": (None, None, None, 0, 0),
    }
    assert report.carrier("electricity").saving_pct == pytest.approx(0.05)
    assert report.carrier("gas").saving_pct == pytest.approx(50 / 3800)
    assert report.saving_toe == pytest.approx(0.00687 + 0.0011942)
    # 50 MJ gross x 38.9/43.1 (net) x 56.1 tCO2/TJ
    assert report.saving_tco2 == pytest.approx(0.013782 + 0.00005 * 38.9 / 43.1 * 56.1)
    # H-001 March bill(260) - bill(250) = 2,286, April bill(240) - bill(200) = 9,834; H-002
    # April bill(100) - bill(120) = -2,680 (it used more); x 1.132; gas 50 x 22.14 x 1.1.
    assert report.saving_krw == round((2286 + 9834 - 2680) * 1.132 + 50 * 22.14 * 1.1)


def test_months_before_the_village_joined_are_not_baseline_year_comparisons(
    two_villages: str,
) -> None:
    # February 2024 is inside DJK-01's baseline year: nothing to compare, though expected.
    report = savings.compute_savings(
        CLI_ACTOR, village="DJK-01", start=D(2024, 2, 1), end=D(2024, 2, 1),
        method="baseline-year", url=two_villages,
    )  # fmt: skip
    assert carriers(report)["electricity"] == (None, None, None, 0, 2)


def test_the_programme_adds_every_village_and_leaves_heat_out_of_tco2(two_villages: str) -> None:
    report = savings.compute_savings(CLI_ACTOR, start=MAR, end=APR, url=two_villages)
    assert report.scope == "programme"
    assert carriers(report) == {
        "electricity": (790.0, 660.0, 130.0, 4, 7),  # DJK-01, and H-101: 100 vs 90
        "gas": (2500.0, 2250.0, 250.0, 1, 2),
        "water": (None, None, None, 0, 0),
        "heat": (400.0, 350.0, 50.0, 1, 2),  # (500+300)/2 vs 350
    }
    assert report.saving_toe == pytest.approx(0.02977 + 0.005971 + 0.0043)
    assert report.saving_tco2 == pytest.approx(0.059722 + 0.00025 * 38.9 / 43.1 * 56.1)  # no heat
    assert report.not_converted["saving_tco2"] == ("heat",)
    # DJK-01 as above (25,284 before VAT and levy), H-101 March 100 -> 90 kWh: 10 x (120 + 14);
    # gas 6,088.5; district heat at its indicative flat 95 KRW/kWh: 4,750.
    assert report.saving_krw == round((25284 + 1340) * 1.132 + 6088.5 + 4750)
    assert "heat.toe" in [f.key for f in report.factors]


def test_a_district_and_a_cohort_hold_only_their_villages(two_villages: str) -> None:
    mapo = savings.compute_savings(
        CLI_ACTOR, district="마포구", start=MAR, end=APR, url=two_villages
    )
    assert mapo.scope == "district:Mapo-gu"
    assert carriers(mapo)["electricity"] == (100.0, 90.0, 10.0, 1, 2)
    assert carriers(mapo)["gas"] == (None, None, None, 0, 0)
    cohort = savings.compute_savings(CLI_ACTOR, cohort=2024, start=MAR, end=APR, url=two_villages)
    assert cohort.scope == "cohort:2024"
    assert carriers(cohort)["electricity"] == (690.0, 570.0, 120.0, 3, 5)
    nobody = savings.compute_savings(CLI_ACTOR, cohort=2019, start=MAR, end=APR, url=two_villages)
    assert carriers(nobody)["electricity"] == (None, None, None, 0, 0)
    assert (nobody.saving_toe, nobody.saving_tco2, nobody.saving_krw) == (None, None, None)


def test_a_new_grid_factor_is_never_a_saving(fresh_store: str) -> None:
    add_village(CLI_ACTOR, code="GRID-01", name="그리드", district="Jung-gu", cohort_year=2023,
                today=TODAY, url=fresh_store)  # fmt: skip
    add_household(CLI_ACTOR, "GRID-01", code="H-1", joined_on=D(2023, 1, 1), url=fresh_store)
    months = metrics.months_between(D(2023, 3, 1), D(2025, 12, 1))
    insert_readings(
        fresh_store, "GRID-01", [("H-1", "electricity", f"{m:%Y-%m}", 300) for m in months]
    )
    # The grid factor changed twice in 2025 (0.4594 -> 0.4541 on 03-01 -> 0.4173 on 12-01).
    # The reporting year's factor (the latest dated in 2025) prices any period ending in 2025
    # on both sides, whether or not December is in it (docs/factors.md).
    report = savings.compute_savings(
        CLI_ACTOR, village="GRID-01", start=D(2025, 3, 1), end=D(2025, 4, 1), url=fresh_store
    )
    assert carriers(report)["electricity"] == (600.0, 600.0, 0.0, 2, 2)
    assert report.saving_tco2 == 0.0
    assert ("electricity.co2", 0.4173, D(2025, 12, 1)) in factor_keys(report)
    to_november, to_december = (
        savings.compute_savings(
            CLI_ACTOR, village="GRID-01", start=D(2025, 1, 1), end=D(2025, month, 1),
            url=fresh_store,
        )
        for month in (11, 12)
    )  # fmt: skip
    assert factor_keys(to_november) == factor_keys(to_december) == factor_keys(report)


def test_as_json_is_the_contract(two_villages: str) -> None:
    report = savings.compute_savings(
        CLI_ACTOR, village="DJK-01", start=MAR, end=APR, url=two_villages
    )
    data = report.as_json()
    factors = data.pop("factors")
    assert data == EXPECTED_JSON
    assert [(f["key"], f["value"], f["valid_from"]) for f in factors] == EXPECTED_FACTORS
    assert set(factors[0]) == {"key", "value", "unit", "valid_from", "source"}


EXPECTED_JSON = {
    "scope": "village:DJK-01",
    "method": "eco-mileage",
    "from": "2024-03",
    "to": "2024-04",
    "carriers": {
        "electricity": {
            "baseline": 690.0, "actual": 570.0, "saving": 120.0, "saving_pct": 0.173913,
            "unit": "kWh", "coverage": 0.6, "cells": 3, "expected_cells": 5,
            "saving_toe": 0.02748, "saving_tco2": 0.055128, "saving_krw": 28621,
        },
        "gas": {
            "baseline": 2500.0, "actual": 2250.0, "saving": 250.0, "saving_pct": 0.1,
            "unit": "MJ", "coverage": 0.5, "cells": 1, "expected_cells": 2,
            "saving_toe": 0.005971, "saving_tco2": 0.012658, "saving_krw": 6089,
        },
        "water": {
            "baseline": None, "actual": None, "saving": None, "saving_pct": None,
            "unit": "m3", "coverage": 0.0, "cells": 0, "expected_cells": 0,
            "saving_toe": None, "saving_tco2": None, "saving_krw": None,
        },
        "heat": {
            "baseline": None, "actual": None, "saving": None, "saving_pct": None,
            "unit": "kWh", "coverage": 0.0, "cells": 0, "expected_cells": 0,
            "saving_toe": None, "saving_tco2": None, "saving_krw": None,
        },
    },
    "total": {"saving_toe": 0.033451, "saving_tco2": 0.067786, "saving_krw": 34710},
}  # fmt: skip
EXPECTED_FACTORS = [
    ("electricity.co2", 0.4594, "2012-01-01"),
    ("electricity.toe", 0.229, "2012-01-01"),
    ("gas.co2", 56.1, "2012-01-01"),
    ("gas.mj_per_m3", 43.1, "2023-01-01"),
    ("gas.net_mj_per_m3", 38.9, "2023-01-01"),
    ("gas.toe", 0.023884, "2012-01-01"),
]


# --- rounds and benchmarks -------------------------------------------------------------------


def test_eco_mileage_rounds_for_a_village(two_villages: str) -> None:
    rounds = savings.eco_mileage_rounds(CLI_ACTOR, "DJK-01", 2024, url=two_villages)
    assert list(zip(rounds["household"], rounds["round"], rounds["points"], strict=True)) == [
        ("H-001", 1, 30_000), ("H-001", 2, 0),
        ("H-002", 1, 50_000), ("H-002", 2, 0),
        ("H-003", 1, 0), ("H-003", 2, 0),
    ]  # fmt: skip
    h1 = rounds.iloc[0]
    assert h1["electricity_pct"] == pytest.approx(90 / 540)
    assert h1["gas_pct"] == pytest.approx(0.1)
    # TOE: 0.54 x 0.229 + 2.5 x 0.023884 = 0.18337 before, 0.45 x 0.229 + 2.25 x 0.023884 after.
    assert h1["combined_toe_pct"] == pytest.approx(0.026581 / 0.18337)
    # Six months x electricity and gas (solar is not a consuming carrier).
    assert (h1["cells"], h1["expected_cells"]) == (3, 12)
    h2 = rounds.iloc[2]
    assert h2["combined_toe_pct"] == pytest.approx(0.2)  # April: 150 vs 120
    assert (h2["cells"], h2["expected_cells"]) == (1, 3)  # April to June


def test_published_figures_name_their_year_and_scope() -> None:
    """Seoul's published savings are context, never a yardstick drawn beside one village:
    each says which villages and which year it covers (issue 23)."""
    figures = {f.key: f for f in savings.PUBLISHED_FIGURES}
    assert [(f.saving_pct, f.year, f.programme_year) for f in figures.values()] == [
        (0.042, 2015, None), (0.072, 2016, None), (0.15, None, 3),
    ]  # fmt: skip
    english = savings.published_context("en")
    assert "all villages' average electricity saving in 2015, 4.2%" in english
    assert "in 2016, 7.2%" in english and "the year was not published" in english
    korean = savings.published_context("ko")
    assert "2015년 전체 마을 평균" in korean and "3년차" in korean


# --- bad input and access --------------------------------------------------------------------


def test_bad_input_is_refused_with_a_message_key(two_villages: str) -> None:
    with pytest.raises(NotFound) as unknown:
        savings.compute_savings(CLI_ACTOR, village="NOPE", start=MAR, end=APR, url=two_villages)
    assert unknown.value.key == "error.unknown_village"
    with pytest.raises(InvalidInput) as backwards:
        savings.compute_savings(CLI_ACTOR, village="DJK-01", start=APR, end=MAR, url=two_villages)
    assert backwards.value.key == "error.savings_range"
    with pytest.raises(InvalidInput) as method:
        savings.compute_savings(CLI_ACTOR, start=MAR, end=APR, method="guess", url=two_villages)
    assert method.value.key == "error.savings_unknown_method"
    with pytest.raises(InvalidInput) as two:
        savings.compute_savings(
            CLI_ACTOR, village="DJK-01", cohort=2024, start=MAR, end=APR, url=two_villages
        )
    assert two.value.key == "error.savings_one_scope"
    for text in ("2024-13", "2024-3", "March", ""):
        with pytest.raises(InvalidInput) as month:
            savings.parse_month(text)
        assert month.value.key == "error.savings_month_format", text
    assert savings.parse_month("2024-03") == MAR


def login(url: str, username: str, role: str, village: str | None = None) -> Actor:
    add_user(
        CLI_ACTOR, username=username, password=PASSWORD, role=role, village_code=village, url=url
    )
    actor = authenticate(username, PASSWORD, url=url).actor
    assert actor is not None
    return actor


def test_a_committee_sees_its_own_village_only(two_villages: str) -> None:
    url = two_villages
    committee = login(url, "djk-committee", "committee", "DJK-01")
    own = savings.compute_savings(committee, village="DJK-01", start=MAR, end=APR, url=url)
    assert carriers(own)["electricity"] == (690.0, 570.0, 120.0, 3, 5)
    assert len(savings.eco_mileage_rounds(committee, "DJK-01", 2024, url=url)) == 6
    for scope in ({"village": "MPO-01"}, {"district": "Dongjak-gu"}, {"cohort": 2024}, {}):
        with pytest.raises(AccessDenied):
            savings.compute_savings(committee, start=MAR, end=APR, url=url, **scope)
    with pytest.raises(AccessDenied):
        savings.eco_mileage_rounds(committee, "MPO-01", 2024, url=url)


def test_a_viewer_sees_aggregates_but_no_village(two_villages: str) -> None:
    url = two_villages
    viewer = login(url, "town-hall", "viewer")
    programme = savings.compute_savings(viewer, start=MAR, end=APR, url=url)
    assert carriers(programme)["electricity"] == (790.0, 660.0, 130.0, 4, 7)
    district = savings.compute_savings(viewer, district="Dongjak-gu", start=MAR, end=APR, url=url)
    assert carriers(district)["electricity"] == (690.0, 570.0, 120.0, 3, 5)
    with pytest.raises(AccessDenied):
        savings.compute_savings(viewer, village="DJK-01", start=MAR, end=APR, url=url)
    with pytest.raises(AccessDenied):
        savings.eco_mileage_rounds(viewer, "DJK-01", 2024, url=url)


# --- the command line ------------------------------------------------------------------------


def test_cli_prints_the_json_contract(two_villages: str) -> None:
    result = energy(
        two_villages, "report", "savings", "--village", "DJK-01", "--from", "2024-03",
        "--to", "2024-04", "--method", "eco-mileage", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    factors = data.pop("factors")
    assert data == EXPECTED_JSON
    assert [(f["key"], f["value"], f["valid_from"]) for f in factors] == EXPECTED_FACTORS
    baseline_year = energy(
        two_villages, "report", "savings", "--village", "DJK-01", "--from", "2024-03",
        "--to", "2024-04", "--method", "baseline-year", "--json",
    )  # fmt: skip
    assert json.loads(baseline_year.stdout)["carriers"]["gas"]["saving"] == 50.0


def test_cli_prints_a_readable_table(two_villages: str) -> None:
    result = energy(two_villages, "report", "savings", "--from", "2024-03", "--to", "2024-04")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "programme, eco-mileage, 2024-03 to 2024-04"
    electricity = next(line for line in lines if line.startswith("electricity"))
    assert electricity.split() == [
        "electricity",
        "kWh",
        "790.0",
        "660.0",
        "130.0",
        "16.5%",
        "57.1%",
        "4/7",
    ]
    assert "left out of tCO2: heat" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--village", "NOPE", "--from", "2024-03", "--to", "2024-04"], "NOPE"),
        (["--village", "DJK-01", "--from", "2024-13", "--to", "2024-04"], "2024-13"),
        (["--village", "DJK-01", "--from", "2024-05", "--to", "2024-04"], "2024-05"),
    ],
    ids=["unknown-village", "bad-month", "from-after-to"],
)
def test_cli_bad_input_is_one_line(two_villages: str, args: list[str], message: str) -> None:
    result = energy(two_villages, "report", "savings", *args)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], result.stderr
    assert result.stdout == ""


# --- the SQL agrees with the rules -----------------------------------------------------------


def test_the_store_agrees_with_energy_metrics_on_random_data(fresh_store: str) -> None:
    """Random gaps, late joiners and leavers: SQL sums equal the pandas rules exactly."""
    url, rng = fresh_store, random.Random(20240301)
    # RND-C's history starts the month it joined: no baseline year, so the baseline-year
    # query leaves its readings out without walking them (and must still agree).
    started = {"RND-A": D(2023, 5, 20), "RND-B": D(2022, 11, 1), "RND-C": D(2020, 6, 1)}
    rows: list[tuple[int, int, str, dt.date, float]] = []
    homes = []
    for village, start_day in started.items():
        add_village(CLI_ACTOR, code=village, name=village, district="Jongno-gu", cohort_year=start_day.year,
                    started_on=start_day, today=TODAY, url=url)  # fmt: skip
        for n in range(6):
            joined = D(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 1200))
            info = add_household(CLI_ACTOR, village, code=f"H-{n}", joined_on=joined, url=url)
            homes.append((info.id, info.village_id, info.code, joined, None))
            uses = rng.sample(metrics.CONSUMING_CARRIERS, rng.randint(1, 4))
            for month in metrics.months_between(D(2020, 6, 1), D(2024, 12, 1)):
                for carrier in uses:
                    if rng.random() < 0.8:
                        rows.append(
                            (info.id, info.village_id, carrier, month, float(rng.randint(0, 500)))
                        )
    with session_for(CLI_ACTOR, write=True, url=url) as session:
        # One household leaves: exercise left_on without a separate API call.
        leaver = session.get(Household, homes[1][0])
        assert leaver is not None
        leaver.left_on = D(2024, 2, 14)
        homes[1] = (*homes[1][:4], leaver.left_on)
        session.execute(
            insert(Reading),
            [
                {"household_id": h, "village_id": v, "carrier": c, "month": m, "value": x, "batch_id": None}
                for h, v, c, m, x in rows
            ],
        )  # fmt: skip
    frame = pd.DataFrame(
        [(h, c, m, x) for h, _, c, m, x in rows],
        columns=["household_id", "carrier", "month", "value"],
    )
    households = pd.DataFrame(
        homes, columns=["household_id", "village_id", "code", "joined_on", "left_on"]
    )
    on_record = frame[["household_id", "carrier"]].drop_duplicates()
    with session_for(CLI_ACTOR, url=url) as session:
        ids = dict(session.execute(select(Village.code, Village.id)).all())
    joined = {ids[code]: day for code, day in started.items()}
    start, end = D(2023, 9, 1), D(2024, 8, 1)
    expected = metrics.expected_cells(households, on_record, start, end)
    for method, cells in [
        ("eco-mileage", metrics.eco_mileage_cells(frame, households, start, end)),
        ("baseline-year", metrics.baseline_year_cells(frame, households, start, end, joined)),
    ]:
        # Straight from the readings for every village (None: no village filter) ...
        with session_for(CLI_ACTOR, url=url) as session:
            raw = savings_sql.RAW_SUMS[method](session, None, start, end, ())
        wanted = {s.carrier: s for s in metrics.summarise_cells(cells, expected)}
        for (carrier,), (baseline, actual, counted) in raw.items():
            assert counted == wanted[carrier].cells, (method, carrier)
            assert baseline == pytest.approx(wanted[carrier].baseline), (method, carrier)
            assert actual == pytest.approx(wanted[carrier].actual), (method, carrier)
        assert {c for (c,) in raw} == {c for c, s in wanted.items() if s.cells}, method
        # ... and through the report.
        report = savings.compute_savings(CLI_ACTOR, start=start, end=end, method=method, url=url)
        for want in metrics.summarise_cells(cells, expected):
            got = report.carrier(want.carrier)
            assert (got.cells, got.expected_cells) == (want.cells, want.expected_cells), (
                method,
                want,
            )
            assert got.cells > 0, (method, want.carrier)  # the data set exercises every carrier
            assert got.baseline == pytest.approx(want.baseline), (method, want.carrier)
            assert got.actual == pytest.approx(want.actual), (method, want.carrier)


def test_kept_bill_steps_bill_as_the_readings_do(two_villages: str) -> None:
    """The money of fresh villages comes from the kept bill steps, of stale ones from the
    readings: both give each household's month billed on its own, for both methods. A
    tariff whose step limits differ from the kept ones is billed from the readings."""
    from energy.calc.factor_set import Tier
    from energy.savings import factors, village_sums
    from energy.savings.sql import bill_difference

    with session_for(CLI_ACTOR, write=True, url=two_villages) as session:
        village_sums.rebuild(session, None)
    start, end = D(2024, 1, 1), D(2024, 12, 1)
    with session_for(CLI_ACTOR, url=two_villages) as session:
        price = factors.factors_for_period(session, end).prices["electricity"]
        for method in ("eco-mileage", "baseline-year"):
            kept = village_sums.grouped_bills(session, method, None, start, end, price)
            read = bill_difference(session, method, None, start, end, price)
            assert kept == pytest.approx(read, abs=1e-6), method
        eco = village_sums.grouped_bills(session, "eco-mileage", None, start, end, price)
    # By hand: DJK-01 25,284 and MPO-01 1,340 before VAT and levy (test_eco_mileage_for_a_village).
    assert eco == pytest.approx((25284 + 1340) * 1.132)
    other = [Tier(150, 730, 100.0), Tier(None, 1260, 200.0)]
    factors.add_tariff(CLI_ACTOR, carrier="electricity", krw_per_unit=0, valid_from=D(2024, 12, 1),
                       source="a table with other steps (test)", tiers=other, url=two_villages)  # fmt: skip
    with session_for(CLI_ACTOR, url=two_villages) as session:
        changed = factors.factors_for_period(session, end).prices["electricity"]
        assert changed.tiers == tuple(other)
        kept = village_sums.grouped_bills(session, "eco-mileage", None, start, end, changed)
        read = bill_difference(session, "eco-mileage", None, start, end, changed)
    # H-001 March 280 -> 250 and April 260 -> 200, H-002 150 -> 120, H-101 100 -> 90, all in
    # the second step (above 150 kWh) but H-002's 120 and H-101's: by hand, no VAT or levy.
    by_hand = (
        (1260 + 15000 + 130 * 200) - (1260 + 15000 + 100 * 200)
        + (1260 + 15000 + 110 * 200) - (1260 + 15000 + 50 * 200)
        + (730 + 15000) - (730 + 12000)
        + (730 + 10000) - (730 + 9000)
    )  # fmt: skip
    assert kept == read == pytest.approx(by_hand)
