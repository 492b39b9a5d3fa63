"""Pieces of the savings screen: figures with their coverage, the chart, renewables, rounds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from energy.calc import charts
from energy.core.access import Actor
from energy.core.vocabulary import CANONICAL_UNITS
from energy.savings import compute as savings
from energy.savings import performance, renewables
from energy.savings.compute import SavingsReport
from ui.core import chart_view
from ui.core.i18n import krw, lang, number, t
from ui.core.markup import t_md
from ui.core.widgets import choice, column_help, kpi_row


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def coverage_line(cells: int, expected: int) -> str:
    share = cells / expected if expected else 0.0
    return t(
        "savings.coverage", coverage=pct(share), cells=number(cells), expected=number(expected)
    )


def _total(
    key: str, value: float | None, shown: Callable[[float], str]
) -> tuple[str, str, str | None]:
    """A total's label and value: a saving as saved, more use as more (never "saved −3")."""
    if value is None:
        return t(key), "–", None
    if value < 0:
        return t(f"{key}_more"), shown(-value), None
    return t(key), shown(value), None


def figures(report: SavingsReport) -> None:
    """Each carrier's saving with its coverage beside it, then the totals."""
    shown = [c for c in report.carriers if c.expected_cells > 0]
    if not shown:
        st.info(t("savings.no_cells"), icon=":material/hourglass_empty:")
        return
    columns = st.columns(len(shown))
    for column, result in zip(columns, shown, strict=True):
        more = result.saving_pct is not None and result.saving_pct < 0
        column.metric(
            f"{t(f'carrier.{result.carrier}')} ({result.unit})",
            t("savings.pct_more", pct=pct(-result.saving_pct)) if more else pct(result.saving_pct),
            border=True,
        )
        if result.saving is not None:
            key = "savings.saved_amount" if result.saving >= 0 else "savings.used_more"
            column.caption(t(key, amount=number(abs(result.saving), 0), unit=result.unit))
        column.caption(coverage_line(result.cells, result.expected_cells))
        band = report.weather.uncertainty.get(result.carrier) if report.weather else None
        if band is not None:
            column.caption(
                t("savings.weather.band", band=number(band, 0), unit=result.unit,
                  confidence=f"{report.weather.confidence:.0%}" if report.weather else "")
            )  # fmt: skip
    kpi_row(
        [
            _total("savings.toe", report.saving_toe, lambda v: f"{v:,.3f} TOE"),
            _total("savings.tco2", report.saving_tco2, lambda v: f"{v:,.2f} tCO2"),
            (
                *_total("savings.krw", report.saving_krw, lambda v: krw(round(v)))[:2],
                t("savings.krw_help"),
            ),
        ]
    )
    notes = [
        f"{t(f'factor.{f.key}')} {f.value} {f.unit} ({f.valid_from:%Y-%m-%d})"
        for f in report.factors
    ]
    for total, carriers in report.not_converted.items():
        if carriers and total in ("saving_toe", "saving_tco2"):
            key = "savings.not_in_toe" if total == "saving_toe" else "savings.not_in_tco2"
            st.caption(t(key, carriers=", ".join(t(f"carrier.{c}") for c in carriers)))
    if report.indicative_money:
        carriers = ", ".join(t(f"carrier.{c}") for c in report.indicative_money)
        st.caption(t("savings.krw_indicative", carriers=carriers))
    st.caption(t_md("savings.factors_used", factors="; ".join(notes)))
    st.caption(savings.published_context(lang()))


def month_chart(actor: Actor, village: str, start: dt.date, end: dt.date, method: str) -> None:
    frame = performance.monthly_comparison(
        actor, village=village, start=start, end=end, method=method
    )
    _comparison(frame, t("savings.baseline"), t("savings.chart_note"))


def _comparison(frame: pd.DataFrame, baseline_label: str, note: str) -> None:
    """One carrier's Σ baseline against Σ actual per month, the carrier chosen above it."""
    carriers = [c for c in CANONICAL_UNITS if c in set(frame["carrier"])]
    if not carriers:
        st.info(t("savings.no_cells"))
        return
    carrier = st.radio(t("report.carrier"), carriers, format_func=lambda c: t(f"carrier.{c}"),
                       horizontal=True, key=choice("savings.chart.carrier"))  # fmt: skip
    unit = CANONICAL_UNITS[carrier]
    chart_view.altair(
        charts.comparison_chart,
        frame[frame["carrier"] == carrier].sort_values("month"),
        series_labels={"baseline": baseline_label, "actual": t("savings.actual")},
        x_title=t("report.month"),
        y_title=f"{t(f'carrier.{carrier}')} ({unit})",
    )
    st.caption(note)


def generation(actor: Actor, village: str, start: dt.date, end: dt.date) -> None:
    result = renewables.village_generation(actor, village, start=start, end=end)
    if result.capacity_w == 0 and result.metered_kwh == 0:
        st.info(t("renewables.none"), icon=":material/solar_power:")
        return
    kpi_row(
        [
            (
                t("renewables.capacity"),
                f"{number(result.capacity_w / 1000, 2)} kW",
                t("renewables.capacity_help", n=result.households_with_generation),
            ),
            (t("renewables.metered"), f"{number(result.metered_kwh, 0)} kWh", None),
            (
                t("renewables.estimated"),
                f"{number(result.estimated_kwh, 0)} kWh",
                t("renewables.estimated_help"),
            ),
            (
                t("renewables.self_reliance"),
                pct(result.self_reliance),
                t("renewables.self_reliance_help"),
            ),
        ]
    )


def rounds(actor: Actor, village: str, year: int) -> None:
    frame = savings.eco_mileage_rounds(actor, village, year)
    if frame.empty:
        st.info(t("savings.no_cells"))
        return
    table = pd.DataFrame(
        {
            t("field.household"): frame["household"],
            t("savings.round_label"): [t("savings.round", n=n) for n in frame["round"]],
            t("carrier.electricity"): [
                pct(None if pd.isna(v) else v) for v in frame["electricity_pct"]
            ],
            t("savings.combined"): [
                pct(None if pd.isna(v) else v) for v in frame["combined_toe_pct"]
            ],
            t("savings.points"): [number(p) for p in frame["points_awarded"]],
            t("savings.months_counted"): [
                f"{c}/{e}" for c, e in zip(frame["cells"], frame["expected_cells"], strict=True)
            ],
        }
    )
    helps = column_help(("savings.round_label", "savings.round_help"),
                        ("carrier.electricity", "savings.pct_help"),
                        ("savings.combined", "savings.combined_help"),
                        ("savings.months_counted", "savings.round_months_help"))  # fmt: skip
    st.dataframe(table, hide_index=True, width="stretch", column_config=helps)
    st.caption(t("savings.rounds_note"))


def household_table(actor: Actor, village: str, start: dt.date, end: dt.date, method: str) -> None:
    """Each household's saving per carrier, with the months compared beside it."""
    frame = performance.household_savings(
        actor, village=village, start=start, end=end, method=method
    )
    if frame.empty:
        st.info(t("savings.no_cells"))
        return
    carriers = [c for c in ("electricity", "gas", "heat", "water") if frame[f"{c}_cells"].sum() > 0]
    table = pd.DataFrame({t("field.household"): frame["household"]})
    for carrier in carriers:
        table[t(f"carrier.{carrier}")] = [
            pct(None if pd.isna(v) else v) for v in frame[f"{carrier}_pct"]
        ]
        table[t("savings.months_of", carrier=t(f"carrier.{carrier}"))] = frame[f"{carrier}_cells"]
    helps = {
        column: st.column_config.Column(help=t(key))
        for carrier in carriers
        for column, key in (
            (t(f"carrier.{carrier}"), "savings.pct_help"),
            (t("savings.months_of", carrier=t(f"carrier.{carrier}")), "savings.months_help"),
        )
    }
    st.dataframe(table, hide_index=True, width="stretch", column_config=helps)


# --- the weather-normalised method ------------------------------------------------------------


def weather_notes(report: SavingsReport) -> None:
    """What the weather method compared: the baseline months, the station, and a warning
    when the station has no temperatures for them."""
    weather = report.weather
    assert weather is not None
    st.caption(
        t(
            "savings.weather.baseline_line",
            start=f"{weather.baseline_start:%Y-%m}",
            end=f"{weather.baseline_end:%Y-%m}",
            station=weather.station,
        )
    )
    if "demo" in weather.temperature_sources:
        st.caption(t("savings.weather.demo_temperatures"))
    reasons = [h.disqualified for h in weather.households]
    if reasons and all(r == "temperature_coverage" for r in reasons):
        st.warning(t("savings.weather.no_temperatures", station=weather.station),
                   icon=":material/thermostat:")  # fmt: skip


def weather_chart(report: SavingsReport) -> None:
    """Observed use against what the baseline's model predicts for each month's weather."""
    weather = report.weather
    assert weather is not None
    frame = pd.DataFrame(
        [(c, m, b, a) for (c, m), (b, a, _) in weather.monthly.items()],
        columns=["carrier", "month", "baseline", "actual"],
    )
    _comparison(frame, t("savings.weather.counterfactual"), t("savings.weather.chart_note"))


def weather_households(report: SavingsReport) -> None:
    """Each household's model of each carrier, what it avoided, or why it was not counted."""
    weather = report.weather
    assert weather is not None
    if not weather.households:
        st.info(t("savings.no_cells"))
        return
    units = CANONICAL_UNITS
    table = pd.DataFrame(
        {
            t("field.household"): [h.household for h in weather.households],
            t("report.carrier"): [t(f"carrier.{h.carrier}") for h in weather.households],
            t("savings.weather.model"): [
                t(f"savings.weather.model.{h.model}") if h.model else "–"
                for h in weather.households
            ],
            t("savings.weather.avoided"): [
                "–" if h.avoided is None else f"{number(h.avoided, 0)} {units[h.carrier]}"
                for h in weather.households
            ],
            t("savings.weather.cvrmse"): [
                "–" if h.cvrmse is None else pct(h.cvrmse) for h in weather.households
            ],
            t("savings.months_counted"): [str(h.counted) for h in weather.households],
            t("savings.weather.note"): [
                t(f"savings.weather.reason.{h.disqualified}") if h.disqualified else ""
                for h in weather.households
            ],
        }
    )
    helps = column_help(("savings.weather.avoided", "savings.weather.avoided_help"),
                        ("savings.weather.cvrmse", "savings.weather.cvrmse_help"),
                        ("savings.months_counted", "savings.months_help"))  # fmt: skip
    st.dataframe(table, hide_index=True, width="stretch", column_config=helps)
    st.caption(t("savings.weather.households_note"))
