"""The weather-normalised savings method in the store, the CLI and its JSON (issue 23).

The village's households use energy exactly as a known model of the weather says (no
noise), so every figure has a hand computation: a fit must find the model's balance points
and coefficients, the counterfactual of each reporting month is the model applied to that
month's temperatures, and a household that used 10% less than its model saved exactly 10%.
The model arithmetic itself is checked against OpenEEmeter in tests/calc/test_caltrack.py.
"""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from energy.calc.degree_days import fahrenheit_to_celsius
from energy.calc.metrics import add_months, months_between
from energy.core.access import CLI_ACTOR, Actor
from energy.core.errors import AccessDenied, InvalidInput
from energy.readings.files import read_rows
from energy.readings.imports import import_readings
from energy.savings import compute as savings
from energy.villages import directory as villages
from energy.villages import households
from energy.weather import imports as weather
from tests.conftest import built_once
from tests.energy_cli import energy

TODAY = dt.date(2026, 3, 1)
BASELINE = months_between(dt.date(2024, 1, 1), dt.date(2024, 12, 1))
REPORTING = months_between(dt.date(2025, 1, 1), dt.date(2025, 12, 1))
HEAT_C = fahrenheit_to_celsius(65)  # 18.33 °C, a point of CalTRACK's grid
COOL_C = fahrenheit_to_celsius(75)  # 23.89 °C


def _temperatures() -> dict[dt.date, float]:
    """Seoul-like days, 2024 and 2025; the 2025 summer 3 °C hotter (a hot reporting year)."""
    rng = np.random.default_rng(23)
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(731)]
    out = {}
    for day in days:
        seasonal = 12.5 - 14.0 * np.cos(2 * np.pi * (day.timetuple().tm_yday - 20) / 365.25)
        hot = 3.0 if day.year == 2025 and day.month in (6, 7, 8) else 0.0
        out[day] = round(float(seasonal + hot + rng.normal(0, 2.5)), 1)
    return out


TEMPS = _temperatures()


def _month_days(month: dt.date) -> list[float]:
    end = add_months(month, 1)
    return [TEMPS[month + dt.timedelta(days=i)] for i in range((end - month).days)]


def _model(month: dt.date, intercept: float, heating: float, cooling: float) -> float:
    """A month's use by the model, computed here as CalTRACK's §3.3 writes it."""
    temps = np.array(_month_days(month))
    hdd = float(np.maximum(HEAT_C - temps, 0).mean())
    cdd = float(np.maximum(temps - COOL_C, 0).mean())
    return len(temps) * (intercept + heating * hdd + cooling * cdd)


# household -> carrier -> (intercept, heating slope, cooling slope, share used in 2025)
MODELS = {
    "H-001": {"electricity": (8.0, 0.5, 1.2, 0.9), "gas": (20.0, 9.0, 0.0, 0.8)},
    "H-002": {"electricity": (10.0, 0.0, 0.0, 1.0)},  # no weather response, no saving
    "H-003": {"electricity": (6.0, 0.0, 1.5, 0.95)},  # no heating response
}


def _readings_csv() -> bytes:
    lines = ["household,month,carrier,value,unit"]
    for household, carriers in MODELS.items():
        for carrier, (a, h, c, share) in carriers.items():
            for month in BASELINE:
                lines.append(f"{household},{month:%Y-%m},{carrier},{_model(month, a, h, c)!r},")
            for month in REPORTING:
                value = share * _model(month, a, h, c)
                lines.append(f"{household},{month:%Y-%m},{carrier},{value!r},")
    # H-004 has only the last 8 months of 2024: too short a baseline to fit.
    for month in BASELINE[4:] + REPORTING:
        lines.append(f"H-004,{month:%Y-%m},electricity,{_model(month, 9.0, 0.4, 1.0)!r},")
    return "\n".join(lines).encode()


@pytest.fixture
def weather_village(fresh_store: str, request: pytest.FixtureRequest) -> str:
    def build(url: str) -> None:
        villages.add_village(CLI_ACTOR, code="W-1", name="날씨마을", district="Mapo-gu",
                             cohort_year=2025, today=TODAY, url=url)  # fmt: skip
        for code in [*MODELS, "H-004"]:
            households.add_household(CLI_ACTOR, "W-1", code=code, joined_on=dt.date(2024, 1, 1),
                                     url=url)  # fmt: skip
        import_readings(CLI_ACTOR, "W-1", read_rows(_readings_csv(), "w.csv"), filename="w.csv",
                        today=TODAY, url=url)  # fmt: skip
        plain = "date,temp_c\n" + "".join(f"{d},{t}\n" for d, t in TEMPS.items())
        weather.import_temperatures(CLI_ACTOR, plain.encode(), filename="t.csv", today=TODAY,
                                    url=url)  # fmt: skip

    built_once(request, fresh_store, build)
    return fresh_store


def _report(url: str, **kwargs: object) -> savings.SavingsReport:
    return savings.compute_savings(
        CLI_ACTOR, village="W-1", start=REPORTING[0], end=REPORTING[-1], method="weather",
        url=url, **kwargs,
    )  # fmt: skip


def test_the_fits_find_each_households_model(weather_village: str) -> None:
    report = _report(weather_village)
    assert report.weather is not None
    fits = {(h.household, h.carrier): h for h in report.weather.households}
    one = fits[("H-001", "electricity")]
    assert one.model == "hdd_cdd"
    assert (one.heating_balance_c, one.cooling_balance_c) == (
        pytest.approx(HEAT_C), pytest.approx(COOL_C),
    )  # fmt: skip
    assert one.cvrmse == pytest.approx(0.0, abs=1e-9)
    assert fits[("H-001", "gas")].model == "hdd_only"  # gas: no cooling models (§3.2.1.1)
    assert fits[("H-002", "electricity")].model == "intercept_only"
    assert fits[("H-003", "electricity")].model == "cdd_only"
    short = fits[("H-004", "electricity")]
    assert (short.model, short.counted, short.avoided) == (None, 0, None)
    # Its baseline year lacks four months: more than CalTRACK's 10% of days (§2.2.1.3).
    assert short.disqualified == "too_many_missing_days"


def test_avoided_energy_is_the_model_of_this_years_weather_minus_the_readings(
    weather_village: str,
) -> None:
    report = _report(weather_village)
    electricity = report.carrier("electricity")
    # Hand computation: each reporting month's counterfactual from the model and the
    # month's own temperatures; H-004 is disqualified and counts nowhere.
    expected = sum(_model(m, 8.0, 0.5, 1.2) for m in REPORTING)
    expected += sum(_model(m, 10.0, 0.0, 0.0) for m in REPORTING)
    expected += sum(_model(m, 6.0, 0.0, 1.5) for m in REPORTING)
    actual = sum(0.9 * _model(m, 8.0, 0.5, 1.2) for m in REPORTING)
    actual += sum(_model(m, 10.0, 0.0, 0.0) for m in REPORTING)
    actual += sum(0.95 * _model(m, 6.0, 0.0, 1.5) for m in REPORTING)
    assert electricity.baseline == pytest.approx(expected, rel=1e-9)
    assert electricity.actual == pytest.approx(actual, rel=1e-9)
    assert electricity.saving == pytest.approx(expected - actual, rel=1e-9)
    # 36 cells counted of the 48 expected (H-004's 12 months are not counted).
    assert (electricity.cells, electricity.expected_cells) == (36, 48)
    gas = report.carrier("gas")
    assert gas.saving_pct == pytest.approx(0.2, abs=1e-9)  # H-001 used 80% of its model
    # The hot summer is in the counterfactual, not read as more use: H-003 (cooling only)
    # saved exactly 5% although its July use is above its 2024 July.
    fits = {(h.household, h.carrier): h for h in report.weather.households}  # type: ignore[union-attr]
    h3 = fits[("H-003", "electricity")]
    assert h3.avoided == pytest.approx(0.05 * h3.counterfactual, rel=1e-9)
    assert 0.95 * _model(dt.date(2025, 7, 1), 6.0, 0, 1.5) > _model(
        dt.date(2024, 7, 1), 6.0, 0, 1.5
    )
    # A perfect fit has no uncertainty left: the band is zero.
    assert report.weather.uncertainty["electricity"] == pytest.approx(0.0, abs=1e-6)  # type: ignore[union-attr]
    assert report.saving_toe is not None and report.saving_toe > 0


def test_the_json_keeps_the_shape_and_adds_the_fits(weather_village: str) -> None:
    data = _report(weather_village).as_json()
    assert data["method"] == "weather"
    assert set(data["carriers"]["electricity"]) >= {
        "baseline", "actual", "saving", "saving_pct", "coverage", "cells", "expected_cells",
        "uncertainty",
    }  # fmt: skip
    assert data["baseline"] == {"from": "2024-01", "to": "2024-12"}
    assert data["station"] == 108 and data["confidence"] == 0.9
    rows = {(h["household"], h["carrier"]): h for h in data["households"]}
    assert set(rows[("H-001", "gas")]) >= {
        "household", "carrier", "model", "avoided", "cvrmse", "disqualified",
    }  # fmt: skip
    assert rows[("H-004", "electricity")]["disqualified"] == "too_many_missing_days"
    assert rows[("H-002", "electricity")]["avoided"] == pytest.approx(0.0, abs=1e-6)


def test_a_baseline_can_be_chosen_and_must_come_before_the_period(weather_village: str) -> None:
    shorter = _report(weather_village, baseline=(dt.date(2024, 3, 1), dt.date(2024, 12, 1)))
    fits = {(h.household, h.carrier): h for h in shorter.weather.households}  # type: ignore[union-attr]
    assert fits[("H-001", "electricity")].disqualified == "baseline_too_short"
    with pytest.raises(InvalidInput) as caught:
        _report(weather_village, baseline=(dt.date(2024, 6, 1), dt.date(2025, 5, 1)))
    assert caught.value.key == "error.weather_baseline_overlaps"
    with pytest.raises(InvalidInput) as caught:
        savings.compute_savings(CLI_ACTOR, district="Mapo-gu", start=REPORTING[0],
                                end=REPORTING[-1], method="weather", url=weather_village)  # fmt: skip
    assert caught.value.key == "error.weather_village_only"


def test_a_committee_reads_only_its_own_villages_weather_figures(weather_village: str) -> None:
    stranger = Actor(username="c", role="committee", village_id=10**6)
    with pytest.raises(AccessDenied):
        savings.compute_savings(stranger, village="W-1", start=REPORTING[0], end=REPORTING[-1],
                                method="weather", url=weather_village)  # fmt: skip


def test_the_cli_prints_the_weather_method(weather_village: str) -> None:
    done = energy(weather_village, "report", "savings", "--village", "W-1", "--method", "weather",
                  "--from", "2025-01", "--to", "2025-12", "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["carriers"]["gas"]["saving_pct"] == pytest.approx(0.2, abs=1e-6)
    table = energy(weather_village, "report", "savings", "--village", "W-1", "--method", "weather",
                   "--from", "2025-01", "--to", "2025-12", "--baseline", "2024-01:2024-12")  # fmt: skip
    assert table.returncode == 0, table.stderr
    assert "baseline 2024-01 to 2024-12, station 108" in table.stdout
    assert "H-004" in table.stdout and "too_many_missing_days" in table.stdout
    wrong = energy(weather_village, "report", "savings", "--village", "W-1",
                   "--from", "2025-01", "--to", "2025-12", "--baseline", "2024-01:2024-12")  # fmt: skip
    assert wrong.returncode != 0
