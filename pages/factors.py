"""Conversion factors and tariffs (staff): versioned, sourced; a new value starts on a date."""

import pandas as pd
import streamlit as st

from energy.core.errors import EnergyError
from energy.savings import factors
from ui.core.auth import guard
from ui.core.chrome import flash, page_header
from ui.core.forms import HELD, clear, form, submit
from ui.core.i18n import date, t, today
from ui.core.widgets import choice, show_error
from ui.savings import tariffs
from ui.savings.tariffs import basis_label

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
                t("factors.basis"): basis_label(f.key, f.basis),
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
    form("factors.add", clear_on_submit=True),
):
    f1, f2, f3 = st.columns([2, 1, 1])
    key = f1.selectbox(
        t("factors.key"),
        list(factors.FACTOR_KEYS),
        format_func=lambda k: f"{t(f'factor.{k}')} ({factors.FACTOR_KEYS[k]})",
        key=choice("factors.add.key"),
        on_change=HELD,
    )
    value = f2.number_input(
        t("factors.value"),
        min_value=0.0,
        value=None,
        format="%.6f",
        key="factors.add.value",
        on_change=HELD,
    )
    valid_from = f3.date_input(
        t("factors.valid_from"),
        value=today(),
        format="YYYY-MM-DD",
        key="factors.add.from",
        on_change=HELD,
    )
    basis = st.text_input(t("factors.basis"), key="factors.add.basis", on_change=HELD)
    source = st.text_area(
        t("factors.source"), help=t("factors.source_help"), key="factors.add.source", on_change=HELD
    )
    st.caption(t("factors.one_factor_note"))
    if submit(t("factors.add_submit"), type="primary"):
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
            clear("factors.add")
            flash(t("factors.added", key=t(f"factor.{key}")))
            st.rerun()

st.subheader(t("factors.tariffs"))
tariff_rows = factors.list_tariffs(actor)
tariffs.tariff_table(tariff_rows)
tariffs.add_tariff_form(actor, tariff_rows)
