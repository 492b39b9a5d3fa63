"""Pure savings arithmetic (energy.calc.metrics): every number below is computed by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from energy.calc import conversions, metrics
from energy.calc.factor_set import Factor, FactorSet, Price

D = dt.date


def month(text: str) -> dt.date:
    year, number = text.split("-")
    return D(int(year), int(number), 1)


def readings(*rows: tuple[int, str, str, float | None]) -> pd.DataFrame:
    """Rows of (household_id, carrier, "YYYY-MM", value)."""
    return pd.DataFrame(
        [(h, c, month(m), v) for h, c, m, v in rows],
        columns=["household_id", "carrier", "month", "value"],
    )


def households(*rows: tuple[int, dt.date, dt.date | None]) -> pd.DataFrame:
    """Rows of (household_id, joined_on, left_on), all in village 1, code H-<id>."""
    return pd.DataFrame(
        [(h, 1, f"H-{h}", joined, left) for h, joined, left in rows],
        columns=["household_id", "village_id", "code", "joined_on", "left_on"],
    )


def on_record(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[["household_id", "carrier"]].drop_duplicates(ignore_index=True)


def series(household: int, carrier: str, year: int, values: list[float]) -> list:
    """Consecutive months from January of ``year``."""
    return [(household, carrier, f"{year}-{i + 1:02d}", v) for i, v in enumerate(values)]


FACTORS = FactorSet(
    as_of=D(2024, 12, 31),
    factors={
        key: Factor(key, value, unit, "test", D(2012, 1, 1), "test")
        for key, value, unit in [
            ("electricity.toe", 0.229, "TOE/MWh"),
            ("gas.toe", 0.023884, "TOE/GJ"),
            ("heat.toe", 0.086, "TOE/MWh"),
            ("electricity.co2", 0.4594, "tCO2eq/MWh"),
            ("gas.co2", 56.1, "tCO2/TJ"),
            ("gas.mj_per_m3", 43.1, "MJ/Nm3"),
            ("gas.net_mj_per_m3", 38.9, "MJ/Nm3"),
        ]
    },
    prices={
        carrier: Price(carrier, price, unit, D(2012, 1, 1), "test")
        for carrier, price, unit in [
            ("electricity", 130.0, "kWh"),
            ("gas", 22.3, "MJ"),
            ("water", 1100.0, "m3"),
            ("heat", 95.0, "kWh"),
        ]
    },
)
JAN, MAR = D(2024, 1, 1), D(2024, 3, 1)
LONG_AGO = D(2020, 1, 1)


def summary(
    frame: pd.DataFrame, homes: pd.DataFrame, start: dt.date, end: dt.date
) -> dict[str, metrics.CarrierSaving]:
    cells = metrics.eco_mileage_cells(frame, homes, start, end)
    expected = metrics.expected_cells(homes, on_record(frame), start, end)
    return {r.carrier: r for r in metrics.summarise_cells(cells, expected)}


# --- months ----------------------------------------------------------------------------------


def test_month_arithmetic_crosses_years_both_ways() -> None:
    assert metrics.add_months(D(2024, 3, 1), -12) == D(2023, 3, 1)
    assert metrics.add_months(D(2024, 1, 1), -1) == D(2023, 12, 1)
    assert metrics.add_months(D(2023, 12, 1), 1) == D(2024, 1, 1)
    assert metrics.last_day_of_month(D(2024, 2, 1)) == D(2024, 2, 29)
    assert metrics.months_between(D(2023, 11, 1), D(2024, 2, 1)) == [
        D(2023, 11, 1), D(2023, 12, 1), D(2024, 1, 1), D(2024, 2, 1),
    ]  # fmt: skip


# --- the eco-mileage method ------------------------------------------------------------------

# Household 1, electricity, Jan-Mar: two years earlier 100/110/120, one year earlier 80/90/100,
# so the baselines are 90/100/110 (Σ 300); the actual 81/90/99 (Σ 270) saves 30 = 10%.
FULL = [
    *series(1, "electricity", 2022, [100, 110, 120]),
    *series(1, "electricity", 2023, [80, 90, 100]),
    *series(1, "electricity", 2024, [81, 90, 99]),
]


def test_a_household_with_full_data() -> None:
    result = summary(readings(*FULL), households((1, LONG_AGO, None)), JAN, MAR)["electricity"]
    assert (result.baseline, result.actual) == (300.0, 270.0)
    assert result.saving == 30.0
    assert result.saving_pct == pytest.approx(0.1, abs=1e-12)
    assert (result.cells, result.expected_cells, result.coverage) == (3, 3, 1.0)
    assert result.unit == "kWh"


def test_missing_months_are_not_counted_but_still_expected() -> None:
    # February of 2022 is missing (no baseline); March 2024 is empty (no actual).
    rows = [r for r in FULL if r[2] != "2022-02"]
    rows = [(h, c, m, None if m == "2024-03" else v) for h, c, m, v in rows]
    result = summary(readings(*rows), households((1, LONG_AGO, None)), JAN, MAR)["electricity"]
    # Only January counts: baseline (100 + 80) / 2 = 90, actual 81.
    assert (result.baseline, result.actual, result.saving) == (90.0, 81.0, 9.0)
    assert (result.cells, result.expected_cells) == (1, 3)
    assert result.coverage == pytest.approx(1 / 3)


def test_a_household_joining_late_counts_from_its_first_month() -> None:
    # Household 2 has the same readings but joins on 20 February: January is neither counted
    # nor expected. Joining on the last day of a month still takes part in that month.
    rows = [(2, c, m, v) for _, c, m, v in FULL]
    late = summary(readings(*rows), households((2, D(2024, 2, 20), None)), JAN, MAR)
    assert (late["electricity"].cells, late["electricity"].expected_cells) == (2, 2)
    # Feb + Mar: baselines 100 + 110 = 210, actual 90 + 99 = 189.
    assert (late["electricity"].baseline, late["electricity"].actual) == (210.0, 189.0)
    last_day = summary(readings(*rows), households((2, D(2024, 1, 31), None)), JAN, MAR)
    assert last_day["electricity"].cells == 3


def test_a_household_leaving_takes_part_in_the_month_it_leaves() -> None:
    # Left on 1 February: January and February count, March neither counts nor is expected.
    result = summary(readings(*FULL), households((1, LONG_AGO, D(2024, 2, 1))), JAN, MAR)
    assert (result["electricity"].cells, result["electricity"].expected_cells) == (2, 2)


def test_a_household_without_gas_does_not_lower_gas_coverage() -> None:
    gas = [
        *series(1, "gas", 2022, [3000, 2000, 1000]),
        *series(1, "gas", 2023, [1000, 2000, 1000]),
        *series(1, "gas", 2024, [1800, 1800, 900]),
    ]
    no_gas = [(2, c, m, v) for _, c, m, v in FULL]
    homes = households((1, LONG_AGO, None), (2, LONG_AGO, None))
    result = summary(readings(*FULL, *gas, *no_gas), homes, JAN, MAR)
    # Gas: baselines 2000 + 2000 + 1000 = 5000, actual 4500: 10%; household 2 is not expected.
    assert (result["gas"].cells, result["gas"].expected_cells, result["gas"].coverage) == (
        3,
        3,
        1.0,
    )
    assert (result["gas"].baseline, result["gas"].actual) == (5000.0, 4500.0)
    assert result["gas"].unit == "MJ"
    # Electricity: both households count.
    assert (result["electricity"].cells, result["electricity"].expected_cells) == (6, 6)


def test_no_cells_means_no_figure_and_zero_coverage() -> None:
    result = summary(readings(*FULL), households((1, LONG_AGO, None)), JAN, MAR)["water"]
    assert (result.baseline, result.actual, result.saving, result.saving_pct) == (None,) * 4
    assert (result.cells, result.expected_cells, result.coverage) == (0, 0, 0.0)
    only_actuals = readings(*series(1, "electricity", 2024, [81, 90, 99]))
    alone = summary(only_actuals, households((1, LONG_AGO, None)), JAN, MAR)["electricity"]
    assert (alone.saving_pct, alone.cells, alone.expected_cells, alone.coverage) == (
        None,
        0,
        3,
        0.0,
    )


def test_solar_generation_is_never_a_saving() -> None:
    solar = [(h, "solar", m, v) for h, _, m, v in FULL]
    cells = metrics.eco_mileage_cells(readings(*solar), households((1, LONG_AGO, None)), JAN, MAR)
    assert cells.empty


def test_two_readings_of_one_cell_are_refused() -> None:
    doubled = readings(*FULL, (1, "electricity", "2024-01", 5.0))
    with pytest.raises(ValueError, match="two readings"):
        metrics.eco_mileage_cells(doubled, households((1, LONG_AGO, None)), JAN, MAR)


# --- the baseline-year method ----------------------------------------------------------------


def test_the_baseline_year_is_the_twelve_months_before_joining() -> None:
    joined = D(2023, 4, 15)  # baseline year: April 2022 to March 2023
    assert metrics.baseline_year_month(D(2023, 4, 1), joined) == D(2022, 4, 1)
    assert metrics.baseline_year_month(D(2024, 3, 1), joined) == D(2023, 3, 1)
    assert metrics.baseline_year_month(D(2025, 4, 1), joined) == D(2022, 4, 1)
    assert metrics.baseline_year_month(D(2023, 3, 1), joined) is None


def test_baseline_year_cells_compare_the_same_calendar_month() -> None:
    rows = [
        (1, "electricity", "2022-04", 200.0),  # baseline for April
        (1, "electricity", "2023-03", 150.0),  # baseline for March
        (1, "electricity", "2023-04", 180.0),  # April, first month after joining
        (1, "electricity", "2024-03", 120.0),
        (1, "electricity", "2024-05", 100.0),  # May 2022 is missing: does not count
        (1, "electricity", "2022-03", 999.0),  # before the baseline year: never used
    ]
    homes = households((1, LONG_AGO, None))
    cells = metrics.baseline_year_cells(
        readings(*rows), homes, D(2023, 3, 1), D(2024, 5, 1), {1: D(2023, 4, 15)}
    )
    # March 2023 is before joining (in the baseline year itself): not a comparison.
    assert list(zip(cells["month"], cells["baseline"], cells["actual"], strict=True)) == [
        (D(2023, 4, 1), 200.0, 180.0),
        (D(2024, 3, 1), 150.0, 120.0),
    ]
    expected = metrics.expected_cells(
        homes, on_record(readings(*rows)), D(2023, 3, 1), D(2024, 5, 1)
    )
    assert expected["electricity"] == 15  # March 2023 to May 2024


# --- conversions -----------------------------------------------------------------------------


def test_conversions_to_toe_co2_and_krw() -> None:
    assert conversions.to_toe("electricity", 1000.0, FACTORS) == pytest.approx(0.229)  # 1 MWh
    assert conversions.to_toe("gas", 1000.0, FACTORS) == pytest.approx(0.023884)  # 1 GJ
    assert conversions.to_toe("heat", 1000.0, FACTORS) == pytest.approx(0.086)  # 1 MWh
    assert conversions.to_toe("water", 1000.0, FACTORS) is None
    assert conversions.to_tco2("electricity", 1000.0, FACTORS) == pytest.approx(0.4594)
    # 1 TJ gross is 38.9/43.1 TJ net, priced at the IPCC's 56.1 tCO2 per net TJ.
    assert conversions.to_tco2("gas", 1_000_000.0, FACTORS) == pytest.approx(56.1 * 38.9 / 43.1)
    # DOMAIN.md's hand computation: 100 Nm3 = 4,310 MJ gross = 3,890 MJ net = 218 kgCO2.
    assert conversions.to_tco2("gas", 4310.0, FACTORS) == pytest.approx(0.218229, abs=1e-6)
    assert conversions.to_tco2("heat", 1000.0, FACTORS) is None
    assert conversions.to_krw("gas", 100.0, FACTORS) == pytest.approx(2230.0)
    assert conversions.round_krw(2.5) == 3 and conversions.round_krw(-2.5) == -3


def _saving(carrier: str, baseline: float, actual: float) -> metrics.CarrierSaving:
    return metrics.carrier_saving(
        carrier, baseline=baseline, actual=actual, cells=1, expected_cells=1
    )


def test_totals_convert_each_carrier_and_say_what_they_leave_out() -> None:
    results = [
        _saving("electricity", 690.0, 570.0),  # 120 kWh
        _saving("gas", 2500.0, 2250.0),  # 250 MJ
        _saving("water", 10.0, 8.0),  # 2 m3
        _saving("heat", 400.0, 350.0),  # 50 kWh
    ]
    totals = conversions.saving_totals(results, FACTORS)
    # 0.12 MWh x 0.229 + 0.25 GJ x 0.023884 + 0.05 MWh x 0.086
    assert totals.saving_toe == pytest.approx(0.02748 + 0.005971 + 0.0043)
    # 0.12 MWh x 0.4594 + 0.00025 TJ gross x 38.9/43.1 x 56.1; heat and water have none.
    assert totals.saving_tco2 == pytest.approx(0.055128 + 0.00025 * 38.9 / 43.1 * 56.1)
    # 120 x 130 + 250 x 22.3 + 2 x 1100 + 50 x 95
    assert totals.saving_krw == 15600 + 5575 + 2200 + 4750
    assert totals.not_converted == {"saving_toe": ("water",), "saving_tco2": ("water", "heat")}
    assert [f.key for f in totals.factors] == [
        "electricity.co2", "electricity.toe", "gas.co2", "gas.mj_per_m3", "gas.net_mj_per_m3",
        "gas.toe", "heat.toe",
    ]  # fmt: skip
    assert totals.missing == ()


def test_a_missing_factor_leaves_the_total_empty_not_partial() -> None:
    partial = FactorSet(
        FACTORS.as_of,
        {k: v for k, v in FACTORS.factors.items() if k != "gas.co2"},
        {k: v for k, v in FACTORS.prices.items() if k != "gas"},
    )
    totals = conversions.saving_totals(
        [_saving("electricity", 690.0, 570.0), _saving("gas", 2500.0, 2250.0)], partial
    )
    assert totals.saving_toe == pytest.approx(0.02748 + 0.005971)
    assert totals.saving_tco2 is None
    assert totals.saving_krw is None
    assert totals.missing == ("gas.co2", "tariff.gas")


def test_no_counted_cells_give_no_totals() -> None:
    empty = metrics.carrier_saving("electricity", baseline=0, actual=0, cells=0, expected_cells=4)
    totals = conversions.saving_totals([empty], FACTORS)
    assert (totals.saving_toe, totals.saving_tco2, totals.saving_krw) == (None, None, None)


def test_one_factor_serves_both_sides_of_a_comparison() -> None:
    # Unchanged use shows no saving whichever factor set prices it: a new grid factor is
    # applied to the baseline and the actual alike, never to one side only.
    newer = FactorSet(
        D(2025, 12, 31),
        {
            **FACTORS.factors,
            "electricity.co2": Factor(
                "electricity.co2", 0.4173, "tCO2eq/MWh", "", D(2025, 12, 1), ""
            ),
        },
        FACTORS.prices,
    )
    unchanged = [_saving("electricity", 500.0, 500.0)]
    assert conversions.saving_totals(unchanged, FACTORS).saving_tco2 == 0.0
    assert conversions.saving_totals(unchanged, newer).saving_tco2 == 0.0
    # A real saving of 100 kWh is priced with the one factor of the set: 0.1 MWh x 0.4173.
    saved = [_saving("electricity", 500.0, 400.0)]
    assert conversions.saving_totals(saved, newer).saving_tco2 == pytest.approx(0.04173)
    assert [f.value for f in conversions.saving_totals(saved, newer).factors] == [0.4173, 0.229]


def test_combined_toe_reduction_adds_carriers_in_toe() -> None:
    # Electricity 600 -> 576 kWh (4%), gas 6000 -> 4800 MJ (20%), each month's worth x 6:
    # TOE: 0.6 x 0.229 = 0.1374 -> 0.131904; 6 x 0.023884 = 0.143304 -> 0.1146432.
    pct = conversions.combined_toe_pct({"electricity": (600, 576), "gas": (6000, 4800)}, FACTORS)
    assert pct == pytest.approx((0.1374 + 0.143304 - 0.131904 - 0.1146432) / (0.1374 + 0.143304))
    assert conversions.combined_toe_pct({"water": (10, 8)}, FACTORS) is None


# --- eco-mileage rounds and points -----------------------------------------------------------


@pytest.mark.parametrize(
    ("reduction", "points"),
    [
        (None, 0),
        (-0.2, 0),
        (0.0499999, 0),
        (0.05, 10_000),
        (0.0999999, 10_000),
        (0.10, 30_000),
        (1 - 0.9, 30_000),  # 0.09999999999999998 in floating point: still the 10% tier
        (0.1499999, 30_000),
        (0.15, 50_000),
        (0.6, 50_000),
    ],
)
def test_round_points_tiers_include_their_lower_bound(reduction: float | None, points: int) -> None:
    assert metrics.ECO_MILEAGE_POINTS.points(reduction) == points


def test_the_yearly_cap() -> None:
    # Two top rounds reach the 100,000 cap exactly; a third round in a year would pay nothing.
    assert metrics.ECO_MILEAGE_POINTS.award([50_000, 50_000]) == [50_000, 50_000]
    assert metrics.ECO_MILEAGE_POINTS.award([50_000, 50_000, 30_000]) == [50_000, 50_000, 0]
    # Rules are data: with a lower cap the second round is cut to what is left.
    assert metrics.PointsRule(yearly_cap=60_000).award([50_000, 30_000]) == [50_000, 10_000]


def _round_readings() -> pd.DataFrame:
    rows: list = []
    for household, elec_2024, gas_2024 in [
        # Household 1: electricity only, 10% in round 1, 15% in round 2.
        (1, [90] * 6 + [85] * 6, None),
        # Household 2: electricity 4% but gas 20%, both rounds.
        (2, [96] * 12, [800] * 12),
    ]:
        for year in (2022, 2023):
            rows += series(household, "electricity", year, [100] * 12)
            if gas_2024:
                rows += series(household, "gas", year, [1000] * 12)
        rows += series(household, "electricity", 2024, elec_2024)
        if gas_2024:
            rows += series(household, "gas", 2024, gas_2024)
    return readings(*rows)


def test_rounds_judge_points_on_the_combined_toe_reduction() -> None:
    frame = _round_readings()
    homes = households((1, LONG_AGO, None), (2, LONG_AGO, None))
    cells = metrics.eco_mileage_cells(frame, homes, D(2024, 1, 1), D(2024, 12, 1))
    rounds = metrics.eco_mileage_rounds(
        cells, homes, on_record(frame), 2024, {1: FACTORS, 2: FACTORS}
    )
    assert list(rounds.columns) == metrics.ROUND_COLUMNS
    assert list(zip(rounds["household"], rounds["round"], rounds["points"], strict=True)) == [
        ("H-1", 1, 30_000),
        ("H-1", 2, 50_000),
        ("H-2", 1, 30_000),
        ("H-2", 2, 30_000),
    ]
    first = rounds.iloc[0]
    assert (first["start"], first["end"]) == (D(2024, 1, 1), D(2024, 6, 1))
    assert first["electricity_pct"] == pytest.approx(0.10)
    assert first["combined_toe_pct"] == pytest.approx(0.10)
    assert (first["cells"], first["expected_cells"]) == (6, 6)
    h2 = rounds.iloc[2]
    assert (h2["electricity_pct"], h2["gas_pct"]) == (pytest.approx(0.04), pytest.approx(0.2))
    # Per month: 0.0229 + 0.023884 TOE before, 0.021984 + 0.0191072 after.
    assert h2["combined_toe_pct"] == pytest.approx(0.0056928 / 0.046784)
    assert (h2["cells"], h2["expected_cells"]) == (12, 12)
    assert list(rounds["points_awarded"]) == [30_000, 50_000, 30_000, 30_000]


def test_rounds_apply_the_yearly_cap_and_skip_rounds_not_taken_part_in() -> None:
    frame = _round_readings()
    homes = households((1, LONG_AGO, None), (2, D(2024, 7, 1), None))
    cells = metrics.eco_mileage_cells(frame, homes, D(2024, 1, 1), D(2024, 12, 1))
    rule = metrics.PointsRule(yearly_cap=60_000)
    rounds = metrics.eco_mileage_rounds(
        cells, homes, on_record(frame), 2024, {1: FACTORS, 2: FACTORS}, rule
    )
    # Household 2 joined in July: it has no row for round 1.
    assert list(zip(rounds["household"], rounds["round"], strict=True)) == [
        ("H-1", 1), ("H-1", 2), ("H-2", 2),
    ]  # fmt: skip
    assert list(rounds["points"]) == [30_000, 50_000, 30_000]
    assert list(rounds["points_awarded"]) == [30_000, 30_000, 30_000]


def test_a_round_without_counted_cells_earns_nothing() -> None:
    frame = readings(*series(1, "electricity", 2024, [90] * 12))  # no earlier years
    homes = households((1, LONG_AGO, None))
    cells = metrics.eco_mileage_cells(frame, homes, D(2024, 1, 1), D(2024, 12, 1))
    rounds = metrics.eco_mileage_rounds(
        cells, homes, on_record(frame), 2024, {1: FACTORS, 2: FACTORS}
    )
    assert rounds["combined_toe_pct"].isna().all()
    assert list(rounds["points"]) == [0, 0]
    assert list(rounds["cells"]) == [0, 0] and list(rounds["expected_cells"]) == [6, 6]
