"""Conversion factors and tariffs: shipped reference values, versions, who may add them."""

from __future__ import annotations

import datetime as dt

import pytest

from energy.accounts import users as accounts
from energy.core.access import CLI_ACTOR
from energy.core.errors import AccessDenied, AlreadyExists, InvalidInput
from energy.core.i18n import translate
from energy.core.vocabulary import FACTOR_BASES
from energy.demo.load import DEMO_PASSWORD
from energy.savings import factors
from energy.store import db


def test_the_published_factors_ship_with_the_store(fresh_store: str) -> None:
    early = factors.load_factors(CLI_ACTOR, dt.date(2020, 6, 1), url=fresh_store)
    assert early.value("electricity.toe") == 0.229
    assert early.value("gas.mj_per_m3") == 42.7
    assert early.value("electricity.co2") == 0.4594
    late = factors.load_factors(CLI_ACTOR, dt.date(2026, 1, 1), url=fresh_store)
    assert late.value("gas.mj_per_m3") == 43.1
    assert late.value("electricity.co2") == 0.4173
    assert late.prices["electricity"].krw_per_unit > 0
    assert late.factors["electricity.co2"].source.startswith("2023 grid factor")


def test_every_factor_row_says_its_basis_and_its_source(fresh_store: str) -> None:
    rows = factors.list_factors(CLI_ACTOR, url=fresh_store)
    assert {f.key for f in rows} == set(FACTOR_BASES)
    for row in rows:
        assert FACTOR_BASES[row.key] in row.basis.lower(), row
        assert len(row.source) > 20, row
    # Gas CO2 is on the net calorific value; bills and the TOE table on the gross one.
    assert FACTOR_BASES["gas.co2"] == "net" and FACTOR_BASES["gas.mj_per_m3"] == "gross"
    added = factors.add_factor(CLI_ACTOR, key="gas.co2", value=56.0, valid_from=dt.date(2030, 1, 1),
                               basis="IPCC 2029", source="a later table", url=fresh_store)  # fmt: skip
    assert added.basis == "net: IPCC 2029"


def test_a_period_is_priced_with_the_factors_of_its_reporting_year(fresh_store: str) -> None:
    """docs/factors.md: the year of the period's last month picks every factor, for the
    whole period; a factor dated late in a year prices all of it."""
    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        picked = {
            end: factors.factors_for_period(session, end).value("electricity.co2")
            for end in (dt.date(2024, 12, 1), dt.date(2025, 1, 1), dt.date(2025, 11, 1),
                        dt.date(2025, 12, 1), dt.date(2026, 6, 1))
        }  # fmt: skip
        assert picked == {
            dt.date(2024, 12, 1): 0.4594,
            dt.date(2025, 1, 1): 0.4173,
            dt.date(2025, 11, 1): 0.4173,
            dt.date(2025, 12, 1): 0.4173,
            dt.date(2026, 6, 1): 0.4173,
        }
        gas_2022 = factors.factors_for_period(session, dt.date(2022, 7, 1))
        assert (gas_2022.value("gas.mj_per_m3"), gas_2022.value("gas.net_mj_per_m3")) == (
            42.7,
            38.5,
        )


def test_a_new_version_applies_from_its_date_and_keeps_the_old(fresh_store: str) -> None:
    factors.add_factor(CLI_ACTOR, key="electricity.co2", value=0.41, valid_from=dt.date(2027, 1, 1),
                       basis="grid", source="2024 grid factor, published 2026-12", url=fresh_store)  # fmt: skip
    assert (
        factors.load_factors(CLI_ACTOR, dt.date(2026, 12, 31), url=fresh_store).value(
            "electricity.co2"
        )
        == 0.4173
    )
    assert (
        factors.load_factors(CLI_ACTOR, dt.date(2027, 1, 1), url=fresh_store).value(
            "electricity.co2"
        )
        == 0.41
    )
    versions = [
        f.value
        for f in factors.list_factors(CLI_ACTOR, url=fresh_store)
        if f.key == "electricity.co2"
    ]
    assert versions == [0.4594, 0.4541, 0.4173, 0.41]
    with pytest.raises(AlreadyExists) as caught:
        factors.add_factor(CLI_ACTOR, key="electricity.co2", value=0.5, valid_from=dt.date(2027, 1, 1),
                           basis="grid", source="again", url=fresh_store)  # fmt: skip
    for lang in ("ko", "en"):  # the user reads the date's problem, not the factor's internal key
        said = translate(caught.value.key, lang, **caught.value.params)
        assert "electricity.co2" not in said and said, said


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"key": "coal.toe"}, "key"), ({"value": 0.0}, "value"), ({"source": " "}, "source")],
)
def test_factor_rules(fresh_store: str, kwargs: dict, field: str) -> None:
    args = {
        "key": "gas.co2",
        "value": 56.0,
        "valid_from": dt.date(2027, 1, 1),
        "basis": "",
        "source": "x",
    } | kwargs
    with pytest.raises(InvalidInput) as caught:
        factors.add_factor(CLI_ACTOR, url=fresh_store, **args)
    assert caught.value.field == field


def test_tariffs_are_versioned_too(fresh_store: str) -> None:
    factors.add_tariff(
        CLI_ACTOR,
        carrier="gas",
        krw_per_unit=23.5,
        valid_from=dt.date(2026, 7, 1),
        source="2026 tariff",
        url=fresh_store,
    )
    assert (
        factors.load_factors(CLI_ACTOR, dt.date(2026, 8, 1), url=fresh_store)
        .prices["gas"]
        .krw_per_unit
        == 23.5
    )
    assert (
        factors.load_factors(CLI_ACTOR, dt.date(2026, 6, 1), url=fresh_store)
        .prices["gas"]
        .krw_per_unit
        == 22.14
    )
    with pytest.raises(InvalidInput):
        factors.add_tariff(
            CLI_ACTOR,
            carrier="solar",
            krw_per_unit=1,
            valid_from=dt.date(2026, 7, 1),
            source="x",
            url=fresh_store,
        )


def test_only_staff_change_factors(demo_store: str) -> None:
    committee = accounts.authenticate("committee", DEMO_PASSWORD, url=demo_store).actor
    assert committee is not None
    with pytest.raises(AccessDenied):
        factors.add_factor(
            committee,
            key="gas.co2",
            value=50.0,
            valid_from=dt.date(2027, 1, 1),
            basis="",
            source="x",
            url=demo_store,
        )
    assert factors.list_factors(committee, url=demo_store)  # reading them is fine: they are public


def test_kepco_tiers_price_a_months_bill_by_hand(fresh_store: str) -> None:
    """KEPCO's residential low-voltage table in force in 2025 (the reporting year's: levy
    2.7% from 2025-07-01). 350 kWh in January: basic 1,600 + 200 x 120.0 + 150 x 214.6 =
    57,790; + 350 x 14.0 (climate 9.0 + fuel 5.0) = 62,690; x 1.127 (VAT 10%, levy 2.7%)
    = 70,651.63. In July the first step reaches 300 kWh: 1,600 + 300 x 120 + 50 x 214.6 +
    4,900 = 53,230 x 1.127 = 59,990.21."""
    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        price = factors.factors_for_period(session, dt.date(2025, 6, 1)).prices["electricity"]
    assert (price.valid_from, price.levy_rate, price.indicative) == (
        dt.date(2025, 7, 1),
        0.027,
        False,
    )
    assert price.bill(350, 1) == pytest.approx(70_651.63, abs=0.01)
    assert price.bill(350, 7) == pytest.approx(59_990.21, abs=0.01)
    # At the step: 200 kWh pays the first basic charge, 201 kWh the second.
    assert price.bill(200, 1) == pytest.approx((910 + 200 * 120 + 200 * 14) * 1.127)
    assert price.bill(201, 1) == pytest.approx((1600 + 200 * 120 + 214.6 + 201 * 14) * 1.127)
    assert price.bill(0, 1) == pytest.approx(910 * 1.127)
    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        older = factors.factors_for_period(session, dt.date(2022, 12, 1)).prices
    assert older["electricity"].indicative and not older["electricity"].progressive
    assert "Indicative" in older["electricity"].source


def test_a_saving_is_worth_the_difference_between_the_bills() -> None:
    """A progressive tariff: 50 kWh saved at the top of a 450 kWh month is worth far more
    than 50 kWh saved at the bottom of a 150 kWh one (flat kWh x price would say equal)."""
    from energy.calc import conversions
    from energy.calc.factor_set import Price, Tier

    steps = (Tier(200, 910, 120.0), Tier(400, 1600, 214.6), Tier(None, 7300, 307.3))
    price = Price("electricity", 120.0, "kWh", dt.date(2025, 7, 1), "test", steps, steps, (7, 8),
                  14.0, 0.1, 0.027)  # fmt: skip
    big = conversions.bill_difference(price, [(1, 450.0, 400.0), (1, 450.0, 400.0)])
    small = conversions.bill_difference(price, [(1, 150.0, 100.0), (1, 150.0, 100.0)])
    assert big == pytest.approx(2 * (7300 - 1600 + 50 * 307.3 + 50 * 14) * 1.127)
    assert small == pytest.approx(2 * 50 * (120 + 14) * 1.127)
    assert big > 3 * small
    assert conversions.value_of_saving(price, 200.0, big) == big
    flat = Price("gas", 20.73, "MJ", dt.date(2023, 5, 16), "test", vat_rate=0.1)
    assert conversions.value_of_saving(flat, -100.0, None) == pytest.approx(-100 * 20.73 * 1.1)
    with pytest.raises(ValueError):
        conversions.value_of_saving(price, 100.0, None)


def test_the_stores_bill_agrees_with_the_rule_book(fresh_store: str) -> None:
    """A second implementation: the SQL bill that prices each cell in the store
    (energy.savings.sql.bill_sql) against Price.bill, on every step edge, both seasons."""
    from sqlalchemy import literal, select

    from energy.savings.sql import bill_sql

    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        price = factors.factors_for_period(session, dt.date(2025, 6, 1)).prices["electricity"]
        for month in (1, 7, 8, 12):
            for kwh in (0.0, 1.0, 150.5, 200.0, 200.1, 299.9, 300.0, 350.0, 400.0, 400.5,
                        450.0, 451.0, 1234.5, -3.0):  # fmt: skip
                in_sql = session.scalar(select(bill_sql(price, literal(kwh), literal(month))))
                assert in_sql == pytest.approx(price.bill(kwh, month), abs=1e-6), (kwh, month)


def test_a_tiered_tariff_is_added_checked_and_read_back(fresh_store: str) -> None:
    from energy.calc.factor_set import Tier

    steps = [Tier(200, 910, 125.0), Tier(400, 1600, 220.0), Tier(None, 7300, 310.0)]
    summer = [Tier(300, 910, 125.0), Tier(450, 1600, 220.0), Tier(None, 7300, 310.0)]
    added = factors.add_tariff(
        CLI_ACTOR, carrier="electricity", krw_per_unit=0, valid_from=dt.date(2027, 1, 1),
        source="KEPCO table of 2027", tiers=steps, summer_tiers=summer, summer_months=[8, 7],
        extra_per_unit=14, vat_rate=0.1, levy_rate=0.027, url=fresh_store,
    )  # fmt: skip
    assert added.tiers == tuple(steps) and added.summer_months == (7, 8)
    assert added.krw_per_unit == 125.0 and not added.indicative
    read = factors.load_factors(CLI_ACTOR, dt.date(2027, 12, 31), url=fresh_store)
    assert read.prices["electricity"] == added
    bad = {
        "error.tariff_tiers_last": {"tiers": [Tier(200, 0, 1), Tier(400, 0, 2)]},
        "error.tariff_tiers_order": {"tiers": [Tier(400, 0, 1), Tier(200, 0, 2), Tier(None, 0, 3)]},
        "error.tariff_summer_months": {"tiers": steps, "summer_tiers": summer},
        "error.tariff_rate": {"vat_rate": 1.5},
    }
    for key, kwargs in bad.items():
        with pytest.raises(InvalidInput) as caught:
            factors.add_tariff(CLI_ACTOR, carrier="electricity", krw_per_unit=1,
                               valid_from=dt.date(2028, 1, 1), source="x", url=fresh_store,
                               **kwargs)  # fmt: skip
        assert caught.value.key == key
