"""The town hall's energy slide from hand-made reports: every carrier's TOE, tCO2 and won at
the top, each saying what it covers, the per-carrier breakdown beside them, and more use
read as more (issues 23 and 24). The figures behind it: tests/test_townhall.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pandas as pd
import pytest

from energy.core.access import CLI_ACTOR
from energy.store import db
from energy.townhall import figures as townhall
from energy.townhall.savings_slides import energy_view

YEAR = 2025


def _report_of(sums: dict[str, tuple[float, float, int]], factors: Any) -> Any:
    """A programme report of YEAR from each carrier's (Σ baseline, Σ actual, cells)."""
    from energy.savings.compute import report_from_sums

    expected = {c: sums.get(c, (0.0, 0.0, 0))[2] for c in ("electricity", "gas", "water", "heat")}
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 1)
    return report_from_sums("programme", "eco-mileage", start, end, sums, expected, factors, {})


def test_the_energy_slide_heads_with_every_carrier_and_breaks_them_down(
    fresh_store: str,
) -> None:
    """Issue 23: TOE, tCO2 and won over all carriers at the top, each saying what it covers;
    each carrier's own saving beside them; never electricity's kWh beside all the money.
    Hand computation with the 2025 factors: 1,000 kWh saved = 0.229 TOE, 0.4173 tCO2,
    130,000 won; 10,000 MJ of gas = 0.23884 TOE, 10 GJ x 38.9/43.1 x 56.1 kg = 0.50633 tCO2,
    10,000 x 22.14 x 1.1 = 243,540 won; 500 kWh of district heat = 0.043 TOE, no tCO2,
    47,500 won."""
    from energy.calc.factor_set import Price
    from energy.savings.factors import factors_for_period

    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        factors = factors_for_period(session, dt.date(YEAR, 12, 1))
    # A flat electricity price keeps the hand computation short (the tiers: test_factors).
    flat = Price("electricity", 130.0, "kWh", dt.date(2012, 1, 1), "test")
    factors = dataclasses.replace(factors, prices={**factors.prices, "electricity": flat})
    report = _report_of(
        {"electricity": (10_000.0, 9_000.0, 12), "gas": (50_000.0, 40_000.0, 12),
         "water": (0.0, 0.0, 12), "heat": (5_000.0, 4_500.0, 12)},
        factors,
    )  # fmt: skip
    assert report.saving_toe == pytest.approx(0.229 + 0.23884 + 0.043)
    assert report.saving_tco2 == pytest.approx(0.4173 + 10 * 38.9 / 43.1 * 56.1 / 1000)
    assert report.saving_krw == 130_000 + 243_540 + 47_500
    info = townhall.ScopeInfo(YEAR, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 1), None, None,
                              None, villages=2, households=20, min_households=5)  # fmt: skip
    slide = townhall.EnergySlide(info, report, 3_000.0, 20, dt.date(YEAR, 1, 1),
                                 dt.date(YEAR, 12, 1))  # fmt: skip
    view = energy_view(slide, "en")
    assert [n.value for n in view.numbers] == ["0.51 TOE", "0.92 tCO2", "KRW 421,040"]
    toe, co2, money = (n.caption for n in view.numbers)
    assert toe == "Electricity, City gas, District heating together"
    assert co2.startswith("Electricity, City gas together")
    assert "District heating not counted (no emission factor)" in co2
    assert money.startswith("Electricity, City gas, Water, District heating together")
    assert not any("kWh" in n.value for n in view.numbers)
    assert view.chart is not None
    rows = pd.DataFrame(view.chart.to_dict()["datasets"].popitem()[1])
    assert list(rows["label"]) == ["Electricity", "City gas", "Water", "District heating"]
    assert list(rows["text"])[:2] == ["1,000 kWh · KRW 130,000 · 0.42 tCO2",
                                      "10,000 MJ · KRW 243,540 · 0.51 tCO2"]  # fmt: skip
    assert "1,000 kWh" in view.footnote and "0.3 Seoul households" in view.footnote
    assert "no Korean emission factor" in view.notes
    korean = energy_view(slide, "ko")
    assert "지역난방: 배출계수가 없어 빼고 셈" in korean.numbers[1].caption


def test_more_use_reads_as_more_never_as_a_negative_saving(fresh_store: str) -> None:
    """Issue 24: a scope that used more shows "더 쓴 양 0.23 TOE", not "아낀 -0.23 TOE"."""
    from energy.calc.factor_set import Price
    from energy.savings.factors import factors_for_period

    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        factors = factors_for_period(session, dt.date(YEAR, 12, 1))
    flat = Price("electricity", 130.0, "kWh", dt.date(2012, 1, 1), "test")
    factors = dataclasses.replace(factors, prices={**factors.prices, "electricity": flat})
    report = _report_of({"electricity": (9_000.0, 10_000.0, 12)}, factors)
    info = townhall.ScopeInfo(YEAR, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 1), None, None,
                              None, villages=2, households=20, min_households=5)  # fmt: skip
    slide = townhall.EnergySlide(info, report, None, 0, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 1))
    numbers = energy_view(slide, "ko").numbers
    assert [(n.label, n.value) for n in numbers] == [
        ("석유로 환산해 더 쓴 양", "0.23 TOE"),
        ("늘어난 온실가스", "0.42 tCO2"),
        ("더 낸 요금", "130,000원"),
    ]
    assert not any(n.value.startswith("-") for n in numbers)
