"""The tariffs on the factors screen: each version with its tiers and charges, and the form
that adds one (a flat price, or progressive tiers as KEPCO's residential table)."""

from __future__ import annotations

import calendar
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from energy.calc.factor_set import Price, Tier
from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.core.vocabulary import CARRIERS, FACTOR_BASES
from energy.savings import factors
from ui.core.chrome import flash
from ui.core.forms import HELD, clear, form, submit
from ui.core.i18n import date, lang, t, today
from ui.core.widgets import choice, column_help, show_error


def basis_label(key: str, basis: str) -> str:
    """A factor's basis in the reader's words, then the row's own text (which names it in
    English: said once, not twice, on an English page)."""
    kind = FACTOR_BASES[key]
    if lang() == "en" and kind in basis.lower():
        return basis
    return f"{t(f'factor_basis.{kind}')} · {basis}"


def month_name(month: int) -> str:
    """A calendar month as the page's language writes it (7월, Jul)."""
    return t("factors.month_n", n=month) if lang() == "ko" else calendar.month_abbr[month]


def _price(p: Price) -> str:
    if p.progressive:
        months = ", ".join(month_name(m) for m in p.summer_months)
        return t("factors.progressive", steps=len(p.tiers), months=months or "–")
    return f"{p.krw_per_unit:,.2f} KRW/{p.unit}"


def tariff_table(tariff_rows: Sequence[Price]) -> None:
    """Every version of every tariff; a progressive one's steps in an expander of its own."""
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
        column_config=column_help(
            ("factors.levy", "factors.levy_help"), ("factors.indicative", "factors.indicative_help")
        ),
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
EDITORS_DRAWN = "tariffs.add.editors"  # tariffs added in this session: the tables' generation


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
        on_change=HELD,
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


def add_tariff_form(actor: Actor, tariff_rows: Sequence[Price]) -> None:
    """The form for a new tariff version; its tier tables start from KEPCO's table in force."""
    current = next(
        (p for p in reversed(tariff_rows) if p.carrier == "electricity" and p.progressive), None
    )
    with (
        st.expander(t("factors.add_tariff"), icon=":material/add:"),
        form("tariffs.add", clear_on_submit=True),
    ):
        p1, p2, p3 = st.columns(3)
        carrier = p1.selectbox(
            t("report.carrier"),
            [c for c in CARRIERS if c != "solar"],
            format_func=lambda c: t(f"carrier.{c}"),
            key=choice("tariffs.add.carrier"),
            on_change=HELD,
        )
        price = p2.number_input(
            t("factors.flat_price"),
            min_value=0.0,
            value=None,
            format="%.2f",
            key="tariffs.add.price",
            help=t("factors.flat_price_help"),
            on_change=HELD,
        )
        starts = p3.date_input(
            t("factors.valid_from"),
            value=today(),
            format="YYYY-MM-DD",
            key="tariffs.add.from",
            on_change=HELD,
        )
        q1, q2, q3 = st.columns(3)
        extra = q1.number_input(
            t("factors.extra"),
            min_value=0.0,
            value=0.0,
            format="%.2f",
            key="tariffs.add.extra",
            on_change=HELD,
        )
        vat = q2.number_input(
            t("factors.vat_pct"),
            min_value=0.0,
            max_value=99.0,
            value=10.0,
            format="%.1f",
            key="tariffs.add.vat",
            on_change=HELD,
        )
        levy = q3.number_input(
            t("factors.levy_pct"),
            min_value=0.0,
            max_value=99.0,
            value=0.0,
            format="%.1f",
            key="tariffs.add.levy",
            on_change=HELD,
        )
        tiered = st.toggle(
            t("factors.tiered"),
            key="tariffs.add.tiered",
            help=t("factors.tiered_help"),
            on_change=HELD,
        )
        st.caption(t("factors.tiers_other"))
        # The tables' keys change after each tariff added: nothing else empties a table editor.
        drawn = st.session_state.get(EDITORS_DRAWN, 0)
        other = _tier_editor(current.tiers if current else (), f"tariffs.add.tiers.{drawn}")
        st.caption(t("factors.tiers_summer"))
        summer = _tier_editor(
            current.summer_tiers if current else (), f"tariffs.add.summer.{drawn}"
        )
        summer_months = st.multiselect(
            t("factors.summer_months"),
            list(range(1, 13)),
            default=[7, 8],
            format_func=month_name,
            select_all=False,
            placeholder=t("form.choose"),
            filter_mode=None,
            key=choice("tariffs.add.months"),
            on_change=HELD,
        )
        indicative = st.checkbox(
            t("factors.indicative_check"), key="tariffs.add.indicative", on_change=HELD
        )
        source = st.text_input(
            t("factors.source"),
            help=t("factors.source_help"),
            key="tariffs.add.source",
            on_change=HELD,
        )
        if submit(t("factors.add_submit"), type="primary"):
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
                clear("tariffs.add")
                st.session_state[EDITORS_DRAWN] = drawn + 1
                flash(t("factors.tariff_added", carrier=t(f"carrier.{carrier}")))
                st.rerun()
