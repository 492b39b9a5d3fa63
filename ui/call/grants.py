"""Grants on screen: awarded vs paid vs reported; instalments (staff); spending reports
by budget line (a committee for its village, or staff from a paper report)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from energy.call import grants
from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.core.vocabulary import BUDGET_LINES
from ui.core.chrome import flash
from ui.core.i18n import krw, t, today
from ui.core.markup import t_md
from ui.core.money import amounts_ok, money_input
from ui.core.widgets import choice, data_table, download_table, empty_state, show_error


def grants_table(rows: list[grants.GrantRow]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("grants.call_year"): str(r.call_year),
                t("field.code"): r.village_code,
                t("field.name"): r.village_name,
                t("grants.programme_year"): t("stage.year", n=r.programme_year),
                t("grants.awarded"): r.award_krw,
                t("grants.paid"): r.paid_krw,
                t("grants.reported"): r.reported_krw if r.reported_krw is not None else None,
            }
            for r in rows
        ]
    )


def _money_columns() -> dict[str, object]:
    return {
        t(key): st.column_config.NumberColumn(
            format="localized", help=t(help_key) if help_key else None
        )
        for key, help_key in (
            ("grants.awarded", None),
            ("grants.paid", None),
            ("grants.reported", "grants.reported_help"),
        )
    }


def spending_form(actor: Actor, row: grants.GrantRow, *, key: str) -> None:
    with st.form(f"{key}.form.{row.grant_id}"):
        st.caption(t("grants.spending_help", award=krw(row.award_krw)))
        columns = st.columns(len(BUDGET_LINES))
        lines: dict[str, int] = {}
        for column, line in zip(columns, BUDGET_LINES, strict=True):
            planned = row.budget.get(line, 0)
            lines[line] = int(
                column.number_input(
                    t(f"budget_line.{line}"),
                    min_value=0,
                    max_value=1_000_000_000,
                    step=100_000,
                    value=int(row.spending.get(line, 0)),
                    help=t("grants.planned", amount=krw(planned)),
                    key=f"{key}.{row.grant_id}.{line}",
                )
            )
        if st.form_submit_button(t("grants.file_report"), type="primary"):
            try:
                grants.file_spending_report(
                    actor, row.grant_id, {k: v for k, v in lines.items() if v}
                )
            except EnergyError as exc:
                show_error(exc)
            else:
                flash(t("grants.report_filed"))
                st.rerun()


def committee_grants(actor: Actor) -> None:
    """A committee's grants and the spending report it files for each."""
    rows = grants.grants(actor, village_id=actor.village_id or 0)
    st.subheader(t("grants.title_committee"))
    if not rows:
        empty_state("grants.none_committee")
        return
    st.dataframe(
        grants_table(rows), hide_index=True, width="stretch", column_config=_money_columns()
    )
    for row in rows:
        with st.expander(t("grants.report_for", year=row.call_year, n=row.programme_year)):
            spending_form(actor, row, key="grants.c")


def staff_grants(actor: Actor, call_id: int | None) -> None:
    """Awarded vs paid vs reported per village and per call; paying an instalment."""
    rows = grants.grants(actor)
    if not rows:
        empty_state("grants.none")
        return
    st.markdown(f"**{t('grants.per_call')}**")
    totals = grants.totals_by_call(rows).rename(
        columns={
            "call_year": t("grants.call_year"),
            "award_krw": t("grants.awarded"),
            "paid_krw": t("grants.paid"),
            "reported_krw": t("grants.reported"),
        }
    )
    totals[t("grants.call_year")] = totals[t("grants.call_year")].astype(str)
    st.dataframe(totals, hide_index=True, width="stretch", column_config=_money_columns())
    of_call = None if call_id is None else _ids(actor, call_id)  # once, not once per row
    this_call = [r for r in rows if of_call is None or r.grant_id in of_call]
    st.markdown(f"**{t('grants.per_village')}**")
    table = grants_table(this_call)
    data_table(table, empty_key="grants.none_this_call", hide_index=True, width="stretch",
               column_config=_money_columns())  # fmt: skip
    if not this_call:
        return
    download_table(table, file_stem="grants", key="calls.grants.download")
    labels = {r.grant_id: f"{r.village_code} · {r.village_name}" for r in this_call}
    chosen = st.selectbox(
        t("grants.pick"),
        options=list(labels),
        format_func=labels.__getitem__,
        key=choice("calls.grants.pick"),
    )
    row = next(r for r in this_call if r.grant_id == chosen)
    left = max(0, row.award_krw - row.paid_krw)
    st.caption(t("grants.left", left=krw(left)))
    with st.form("calls.grants.pay"):
        p1, p2 = st.columns(2)
        # Keyed by the grant and what it has been paid, so that the amount offered is what is
        # left of the grant chosen (one key kept the last amount typed: after a part payment
        # it offered that amount again, which the award no longer had room for).
        amount = money_input(
            t("grants.amount"), value=left, where=p1,
            key=f"calls.grants.amount.{row.grant_id}.{row.paid_krw}",
        )  # fmt: skip
        paid_on = p2.date_input(t("grants.paid_on"), value=today(), key="calls.grants.paid_on")
        if st.form_submit_button(t("grants.pay"), type="primary") and amounts_ok(
            {t("grants.amount"): amount}
        ):
            try:
                grants.pay_instalment(actor, row.grant_id, amount_krw=amount or 0, paid_on=paid_on)
            except EnergyError as exc:
                show_error(exc)
            else:
                flash(t_md("grants.paid_done", amount=krw(amount or 0), village=row.village_name))
                st.rerun()
    with st.expander(t("grants.paper_report")):
        spending_form(actor, row, key="grants.s")


def _ids(actor: Actor, call_id: int) -> set[int]:
    return {r.grant_id for r in grants.grants(actor, call_id=call_id)}
