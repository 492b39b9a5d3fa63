"""Conversion factors and tariffs (staff): versioned, sourced; a new value starts on a date."""

import pandas as pd
import streamlit as st

from energy.calc.factor_set import Price, Tier
from energy.core.errors import EnergyError
from energy.core.vocabulary import CARRIERS, FACTOR_BASES
from energy.savings import factors
from ui.core.auth import guard
from ui.core.chrome import flash, page_header
from ui.core.i18n import date, t, today
from ui.core.widgets import show_error

actor = guard("factors")
page_header("page.factors", "factors.caption")

factor_rows = factors.list_factors(actor)
st.subheader(t("factors.factors"))
st.dataframe(
    pd.DataFrame(
        [
            {
                t("factors.key"): t(f"factor.{f.key}"),
                t("factors.value"): f.value,
                t("report.unit"): f.unit,
                t("factors.basis"): f"{t(f'factor_basis.{FACTOR_BASES[f.key]}')} · {f.basis}",
                t("factors.valid_from"): date(f.valid_from),
                t("factors.source"): f.source,
            }
            for f in factor_rows
        ]
    ),
    hide_index=True,
    width="stretch",
)
with (
    st.expander(t("factors.add_factor"), icon=":material/add:"),
    st.form("factors.add", clear_on_submit=True),
):
    f1, f2, f3 = st.columns([2, 1, 1])
    key = f1.selectbox(
        t("factors.key"),
        list(factors.FACTOR_KEYS),
        format_func=lambda k: f"{t(f'factor.{k}')} ({factors.FACTOR_KEYS[k]})",
        key="factors.add.key",
    )
    value = f2.number_input(
        t("factors.value"), min_value=0.0, value=None, format="%.6f", key="factors.add.value"
    )
    valid_from = f3.date_input(
        t("factors.valid_from"), value=today(), format="YYYY-MM-DD", key="factors.add.from"
    )
    basis = st.text_input(t("factors.basis"), key="factors.add.basis")
    source = st.text_area(
        t("factors.source"), help=t("factors.source_help"), key="factors.add.source"
    )
    st.caption(t("factors.one_factor_note"))
    if st.form_submit_button(t("factors.add_submit"), type="primary"):
        try:
            factors.add_factor(
                actor,
                key=key,
                value=float(value or 0),
                valid_from=valid_from,
                basis=basis,
                source=source,
            )
        except EnergyError as exc:
            show_error(exc)
        else:
            flash(t("factors.added", key=t(f"factor.{key}")))
            st.rerun()

st.subheader(t("factors.tariffs"))
tariff_rows = factors.list_tariffs(actor)


def _price(p: Price) -> str:
    if p.progressive:
        months = ", ".join(t("factors.month_n", n=m) for m in p.summer_months)
        return t("factors.progressive", steps=len(p.tiers), months=months or "–")
    return f"{p.krw_per_unit:,.2f} KRW/{p.unit}"


st.dataframe(
    pd.DataFrame(
        [
            {
                t("report.carrier"): t(f"carrier.{p.carrier}"),
                t("factors.price"): _price(p),
                t("factors.extra"): f"{p.extra_per_unit:,.1f} KRW/{p.unit}"
                if p.extra_per_unit
                else "–",
                t("factors.vat"): f"{p.vat_rate:.0%}" if p.vat_rate else "–",
                t("factors.levy"): f"{p.levy_rate:.1%}" if p.levy_rate else "–",
                t("factors.valid_from"): date(p.valid_from),
                t("factors.indicative"): t("factors.indicative_yes") if p.indicative else "",
                t("factors.source"): p.source,
            }
            for p in tariff_rows
        ]
    ),
    hide_index=True,
    width="stretch",
)
st.caption(t("factors.tariffs_note"))
for p in (p for p in tariff_rows if p.progressive):
    with st.expander(
        t("factors.tiers_of", carrier=t(f"carrier.{p.carrier}"), date=date(p.valid_from))
    ):
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("factors.season"): t(f"factors.season.{season}"),
                        t("factors.step"): n,
                        t("factors.up_to"): "–"
                        if step.up_to is None
                        else f"{step.up_to:,.0f} {p.unit}",
                        t("factors.basic"): f"{step.basic_krw:,.0f} KRW",
                        t("factors.price"): f"{step.krw_per_unit:,.1f} KRW/{p.unit}",
                    }
                    for season, steps in (("other", p.tiers), ("summer", p.summer_tiers))
                    for n, step in enumerate(steps, start=1)
                ]
            ),
            hide_index=True,
            width="stretch",
        )

TIER_COLUMNS = ["up_to", "basic_krw", "krw_per_unit"]


def _tier_editor(steps: tuple[Tier, ...], key: str) -> pd.DataFrame:
    frame = pd.DataFrame(
        [(s.up_to, s.basic_krw, s.krw_per_unit) for s in steps] or [(None, 0.0, 0.0)],
        columns=TIER_COLUMNS,
    )
    edited: pd.DataFrame = st.data_editor(
        frame,
        num_rows="dynamic",
        hide_index=True,
        key=key,
        column_config={
            "up_to": st.column_config.NumberColumn(
                t("factors.up_to"), min_value=0.0, help=t("factors.up_to_help")
            ),
            "basic_krw": st.column_config.NumberColumn(
                t("factors.basic"), min_value=0.0, format="%.0f"
            ),
            "krw_per_unit": st.column_config.NumberColumn(
                t("factors.price"), min_value=0.0, format="%.2f"
            ),
        },
    )
    return edited


def _tiers(frame: pd.DataFrame) -> list[Tier]:
    rows = frame.dropna(subset=["krw_per_unit"])
    return [
        Tier(
            None if pd.isna(r.up_to) else float(r.up_to),
            float(r.basic_krw or 0),
            float(r.krw_per_unit),
        )
        for r in rows.itertuples(index=False)
    ]


current = next(
    (p for p in reversed(tariff_rows) if p.carrier == "electricity" and p.progressive), None
)
with (
    st.expander(t("factors.add_tariff"), icon=":material/add:"),
    st.form("tariffs.add", clear_on_submit=True),
):
    p1, p2, p3 = st.columns(3)
    carrier = p1.selectbox(
        t("report.carrier"),
        [c for c in CARRIERS if c != "solar"],
        format_func=lambda c: t(f"carrier.{c}"),
        key="tariffs.add.carrier",
    )
    price = p2.number_input(
        t("factors.flat_price"),
        min_value=0.0,
        value=None,
        format="%.2f",
        key="tariffs.add.price",
        help=t("factors.flat_price_help"),
    )
    starts = p3.date_input(
        t("factors.valid_from"), value=today(), format="YYYY-MM-DD", key="tariffs.add.from"
    )
    q1, q2, q3 = st.columns(3)
    extra = q1.number_input(
        t("factors.extra"), min_value=0.0, value=0.0, format="%.2f", key="tariffs.add.extra"
    )
    vat = q2.number_input(
        t("factors.vat_pct"),
        min_value=0.0,
        max_value=99.0,
        value=10.0,
        format="%.1f",
        key="tariffs.add.vat",
    )
    levy = q3.number_input(
        t("factors.levy_pct"),
        min_value=0.0,
        max_value=99.0,
        value=0.0,
        format="%.1f",
        key="tariffs.add.levy",
    )
    tiered = st.toggle(t("factors.tiered"), key="tariffs.add.tiered", help=t("factors.tiered_help"))
    st.caption(t("factors.tiers_other"))
    other = _tier_editor(current.tiers if current else (), "tariffs.add.tiers")
    st.caption(t("factors.tiers_summer"))
    summer = _tier_editor(current.summer_tiers if current else (), "tariffs.add.summer")
    summer_months = st.multiselect(
        t("factors.summer_months"),
        list(range(1, 13)),
        default=[7, 8],
        format_func=lambda m: t("factors.month_n", n=m),
        key="tariffs.add.months",
    )
    indicative = st.checkbox(t("factors.indicative_check"), key="tariffs.add.indicative")
    source = st.text_input(
        t("factors.source"), help=t("factors.source_help"), key="tariffs.add.source"
    )
    if st.form_submit_button(t("factors.add_submit"), type="primary"):
        try:
            steps, summer_steps = (_tiers(other), _tiers(summer)) if tiered else ([], [])
            factors.add_tariff(
                actor,
                carrier=carrier,
                krw_per_unit=float(price or 0),
                valid_from=starts,
                source=source,
                tiers=steps,
                summer_tiers=summer_steps,
                summer_months=summer_months if summer_steps else [],
                extra_per_unit=float(extra or 0),
                vat_rate=round(float(vat or 0) / 100, 6),
                levy_rate=round(float(levy or 0) / 100, 6),
                indicative=indicative,
            )
        except EnergyError as exc:
            show_error(exc)
        else:
            flash(t("factors.tariff_added", carrier=t(f"carrier.{carrier}")))
            st.rerun()
