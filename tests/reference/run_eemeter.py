"""Fit OpenEEmeter's billing model to the reference cases and write fixtures/eemeter_billing.json.

Runs in its own virtual environment, never in the app's (see README.md beside this file)::

    python3 -m venv .eemeter-venv
    .eemeter-venv/bin/pip install 'eemeter==4.1.1' 'pandas<3'
    .eemeter-venv/bin/python tests/reference/run_eemeter.py

How the cases are given to eemeter 4.x: a daily frame (time zone Asia/Seoul) over each year,
``temperature`` in °F (``°C × 9/5 + 32``) and ``observed`` holding each bill's total on the
bill's first day and NaN on its other days; eemeter spreads each bill evenly over its days
and takes the frame's last day as the end of the last bill. ``BillingModel`` is eemeter's
billing wrapper around its daily model with the "legacy" settings (no seasonal or weekday
splits, no smoothing). Gas cases are given with ``is_electricity_data=False``.

What is written per case: eemeter's disqualifications (by qualified name) and warnings, the
selected model type in eemeter's words and in this project's (``tidd`` -> intercept_only,
``hdd_tidd`` -> hdd_only, ``tidd_cdd`` -> cdd_only, ``hdd_tidd_cdd`` -> hdd_cdd), balance points
in °F and in °C, coefficients (usage per day; slopes per °F·day and per °C·day), the
reporting year's predicted usage per month and its total, and the eemeter version. A
disqualified baseline is refitted with ``ignore_disqualification=True`` only to record what
eemeter would have predicted; the record says so.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd
from eemeter.eemeter import BillingBaselineData, BillingModel, BillingReportingData

HERE = Path(__file__).resolve().parent
CASES = HERE / "fixtures" / "cases.json"
OUT = HERE / "fixtures" / "eemeter_billing.json"
TZ = "Asia/Seoul"
MODEL_NAMES = {
    "tidd": "intercept_only",
    "hdd_tidd": "hdd_only",
    "tidd_cdd": "cdd_only",
    "hdd_tidd_cdd": "hdd_cdd",
}


def c_to_f(value: float) -> float:
    return value * 9 / 5 + 32


def f_to_c(value: float | None) -> float | None:
    return None if value is None else (value - 32) * 5 / 9


def frame(bills: list[dict[str, object]], temps: dict[dt.date, float]) -> pd.DataFrame:
    start = dt.date.fromisoformat(str(bills[0]["start"]))
    end = dt.date.fromisoformat(str(bills[-1]["end"]))
    index = pd.date_range(start, end - dt.timedelta(days=1), freq="D", tz=TZ)
    df = pd.DataFrame(index=index)
    df["temperature"] = [c_to_f(temps[d.date()]) for d in index]
    df["observed"] = np.nan
    for bill in bills:
        df.loc[pd.Timestamp(str(bill["start"]), tz=TZ), "observed"] = bill["usage"]
    return df


def qualified_names(items: list[object]) -> list[str]:
    return sorted({getattr(w, "qualified_name", str(w)) for w in items})


def run_case(case: dict[str, object], temps: dict[dt.date, float]) -> dict[str, object]:
    electricity = case["carrier"] == "electricity"
    baseline = BillingBaselineData(frame(case["baseline"], temps), is_electricity_data=electricity)  # type: ignore[arg-type]
    reporting = BillingReportingData(
        frame(case["reporting"], temps), is_electricity_data=electricity
    )  # type: ignore[arg-type]
    record: dict[str, object] = {
        "name": case["name"],
        "disqualification": qualified_names(baseline.disqualification),
        "warnings": qualified_names(baseline.warnings),
    }
    disqualified = bool(baseline.disqualification)
    model = BillingModel().fit(baseline, ignore_disqualification=disqualified)
    fit_dq = qualified_names(model.disqualification)
    record["disqualification"] = fit_dq
    record["disqualified"] = bool(fit_dq)
    record["refitted_ignoring_disqualification"] = disqualified
    submodels = model.params.submodels
    assert len(submodels) == 1, "legacy settings fit one model, no splits"
    coeffs = next(iter(submodels.values())).coefficients
    model_type = coeffs.model_type.value
    hdd_beta = coeffs.hdd_beta
    cdd_beta = coeffs.cdd_beta
    record.update(
        {
            "eemeter_model_type": model_type,
            "model": MODEL_NAMES.get(model_type, model_type),
            "heating_balance_f": coeffs.hdd_bp
            if model_type in ("hdd_tidd", "hdd_tidd_cdd")
            else None,
            "cooling_balance_f": coeffs.cdd_bp
            if model_type in ("tidd_cdd", "hdd_tidd_cdd")
            else None,
            "intercept": coeffs.intercept,
            "hdd_beta_per_f": hdd_beta,
            "cdd_beta_per_f": cdd_beta,
            "error": {k: float(v) for k, v in model.error.items()},
        }
    )
    record["heating_balance_c"] = f_to_c(record["heating_balance_f"])  # type: ignore[arg-type]
    record["cooling_balance_c"] = f_to_c(record["cooling_balance_f"])  # type: ignore[arg-type]
    # Slopes per °C·day are 9/5 of those per °F·day. eemeter 4 stores the heating slope with
    # the sign of d(usage)/dT in some versions: record the magnitude as beta_hdd.
    record["beta_hdd_per_c"] = None if hdd_beta is None else abs(hdd_beta) * 9 / 5
    record["beta_cdd_per_c"] = None if cdd_beta is None else abs(cdd_beta) * 9 / 5
    predicted = model.predict(reporting, aggregation="monthly", ignore_disqualification=True)
    monthly = [
        {"month": ts.strftime("%Y-%m"), "predicted": float(p), "observed": float(o)}
        for ts, p, o in zip(
            predicted.index, predicted["predicted"], predicted["observed"], strict=True
        )
    ]
    record["reporting_monthly"] = monthly
    record["reporting_predicted_total"] = float(sum(m["predicted"] for m in monthly))
    record["reporting_observed_total"] = float(sum(m["observed"] for m in monthly))
    return record


def main() -> None:
    data = json.loads(CASES.read_text(encoding="utf-8"))
    weather = {}
    for name, w in data["weather"].items():
        start = dt.date.fromisoformat(w["start"])
        weather[name] = {start + dt.timedelta(days=i): v for i, v in enumerate(w["values"])}
    records = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for case in data["cases"]:
            records.append(run_case(case, weather[case["weather"]]))
    out = {
        "eemeter_version": version("eemeter"),
        "pandas_version": version("pandas"),
        "numpy_version": version("numpy"),
        "cases": records,
    }
    OUT.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    for r in records:
        print(
            r["name"], r["model"], r["disqualification"], round(r["reporting_predicted_total"], 1)
        )


if __name__ == "__main__":
    main()
