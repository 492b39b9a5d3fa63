"""Build the deterministic reference cases for the CalTRACK billing method (numpy seed 20250601).

Writes ``fixtures/cases.json``: weather sets (daily mean °C from a start date) and households
(monthly bills of a baseline year and a reporting year). ``run_eemeter.py`` fits OpenEEmeter to
the same cases; ``tests/calc/test_caltrack.py`` fits :mod:`energy.calc.caltrack` and compares.

The weather is synthetic and only Seoul-like in shape (a yearly cosine from about −1.5 °C in
mid-January to about 26.5 °C at the start of August, plus day-to-day noise that persists for a
few days): it stands in for no observation. Each bill is the sum over its days of a daily
truth ``μ + β_H·max(T_h − T, 0) + β_C·max(T − T_c, 0)``, times a month's random factor (noise),
times ``1 − saving`` in the reporting year. Usage is rounded to 0.1 of the unit.

Run from the repository root: ``python3 tests/reference/make_cases.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import numpy as np

SEED = 20250601
HERE = Path(__file__).resolve().parent
OUT = HERE / "fixtures" / "cases.json"


def days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days)]


def months(first: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    out = []
    year, month = first.year, first.month
    for _ in range(count):
        start = dt.date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        out.append((start, dt.date(year, month, 1)))
    return out


def weather(
    rng: np.random.Generator, start: dt.date, end: dt.date, hot_summer: tuple[int, float] | None
) -> list[float]:
    """Daily means °C; ``hot_summer=(year, delta)`` adds ``delta`` to June-September of that year."""
    values = []
    noise = 0.0
    for day in days_between(start, end):
        doy = day.timetuple().tm_yday
        mean = 12.5 - 14.0 * math.cos(2 * math.pi * (doy - 15) / 365.25)
        noise = 0.7 * noise + rng.normal(0.0, 2.2)
        value = mean + noise
        if hot_summer and day.year == hot_summer[0] and 6 <= day.month <= 9:
            value += hot_summer[1]
        values.append(round(value, 1))
    return values


def bills(
    rng: np.random.Generator,
    periods: list[tuple[dt.date, dt.date]],
    temps: dict[dt.date, float],
    truth: dict[str, float | None],
    noise: float,
    saving: float,
) -> list[dict[str, object]]:
    out = []
    for start, end in periods:
        total = 0.0
        for day in days_between(start, end):
            t = temps[day]
            use = float(truth["intercept"] or 0.0)
            if truth["heating_balance_c"] is not None:
                use += float(truth["beta_hdd"] or 0.0) * max(truth["heating_balance_c"] - t, 0.0)
            if truth["cooling_balance_c"] is not None:
                use += float(truth["beta_cdd"] or 0.0) * max(t - truth["cooling_balance_c"], 0.0)
            total += use
        total *= (1 + rng.normal(0.0, noise)) * (1 - saving)
        out.append({"start": start.isoformat(), "end": end.isoformat(), "usage": round(total, 1)})
    return out


def truth(
    intercept: float,
    beta_hdd: float = 0.0,
    heating: float | None = None,
    beta_cdd: float = 0.0,
    cooling: float | None = None,
) -> dict[str, float | None]:
    return {
        "intercept": intercept,
        "beta_hdd": beta_hdd,
        "heating_balance_c": heating,
        "beta_cdd": beta_cdd,
        "cooling_balance_c": cooling,
    }


def build() -> dict[str, object]:
    rng = np.random.default_rng(SEED)
    weather_sets = {
        # 2023 baseline, 2025 reporting: neither is a leap year (eemeter 4.1.1 disqualifies a
        # 366-day baseline, see the module docstring of energy.calc.caltrack).
        "normal": (dt.date(2023, 1, 1), dt.date(2026, 1, 1), None),
        "hot_summer": (dt.date(2023, 1, 1), dt.date(2026, 1, 1), (2025, 2.5)),
        "leap": (dt.date(2024, 1, 1), dt.date(2026, 1, 1), None),
    }
    temps: dict[str, dict[dt.date, float]] = {}
    weather_json: dict[str, object] = {}
    for name, (start, end, hot) in weather_sets.items():
        values = weather(rng, start, end, hot)
        temps[name] = dict(zip(days_between(start, end), values, strict=True))
        weather_json[name] = {"start": start.isoformat(), "values": values}

    baseline = months(dt.date(2023, 1, 1), 12)
    reporting = months(dt.date(2025, 1, 1), 12)
    specs: list[dict[str, object]] = [
        {
            "name": "heat_cool",
            "description": "Electricity with heating and cooling response, 10% saving.",
            "carrier": "electricity",
            "weather": "normal",
            "truth": truth(8.0, 0.35, 15.0, 0.9, 22.0),
            "noise": 0.03,
            "saving": 0.10,
            "baseline": baseline,
        },
        {
            "name": "hot_summer",
            "description": "The same kind of home; the reporting summer is 2.5 °C hotter, 8% saving.",
            "carrier": "electricity",
            "weather": "hot_summer",
            "truth": truth(8.0, 0.35, 15.0, 0.9, 22.0),
            "noise": 0.03,
            "saving": 0.08,
            "baseline": baseline,
        },
        {
            "name": "cooling_only",
            "description": "Electricity with cooling response only, 5% saving.",
            "carrier": "electricity",
            "weather": "normal",
            "truth": truth(7.0, beta_cdd=1.1, cooling=21.0),
            "noise": 0.03,
            "saving": 0.05,
            "baseline": baseline,
        },
        {
            "name": "intercept_only",
            "description": "No weather response: usage noise only, no saving.",
            "carrier": "electricity",
            "weather": "normal",
            "truth": truth(9.0),
            "noise": 0.04,
            "saving": 0.0,
            "baseline": baseline,
        },
        {
            "name": "short_baseline",
            "description": "Only 8 baseline months (May-December): disqualified.",
            "carrier": "electricity",
            "weather": "normal",
            "truth": truth(8.0, 0.35, 15.0, 0.9, 22.0),
            "noise": 0.03,
            "saving": 0.10,
            "baseline": baseline[4:],
        },
        {
            "name": "gas_heating",
            "description": "City gas in MJ, heating only, 12% saving; fitted without cooling models.",
            "carrier": "gas",
            "weather": "normal",
            "truth": truth(40.0, 9.0, 16.0),
            "noise": 0.04,
            "saving": 0.12,
            "baseline": baseline,
        },
        {
            "name": "leap_year_baseline",
            "description": "12 calendar months of 2024 (366 days) as baseline, 2025 reporting.",
            "carrier": "electricity",
            "weather": "leap",
            "truth": truth(8.0, 0.35, 15.0, 0.9, 22.0),
            "noise": 0.03,
            "saving": 0.10,
            "baseline": months(dt.date(2024, 1, 1), 12),
        },
    ]
    cases = []
    for spec in specs:
        t = temps[str(spec["weather"])]
        model = spec["truth"]
        assert isinstance(model, dict)
        base_periods = spec.pop("baseline")
        assert isinstance(base_periods, list)
        noise, saving = float(spec.pop("noise")), float(spec.pop("saving"))  # type: ignore[arg-type]
        case = {
            **spec,
            "unit": "MJ" if spec["carrier"] == "gas" else "kWh",
            "cooling": spec["carrier"] != "gas",
            "noise": noise,
            "saving": saving,
            "baseline": bills(rng, base_periods, t, model, noise, 0.0),
            "reporting": bills(rng, reporting, t, model, noise, saving),
        }
        cases.append(case)
    return {"seed": SEED, "weather": weather_json, "cases": cases}


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(build(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(HERE.parent.parent)}")


if __name__ == "__main__":
    main()
