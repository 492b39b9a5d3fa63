"""Staff screens of a call: setup, the dashboard, and the exports."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from energy.call import calls
from energy.call.calls import CallInfo, CallRules
from energy.call.reports import CallDashboard, call_dashboard, export_year
from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.core.vocabulary import APPLICANT_TYPES, CRITERIA, STAGES
from ui.core import chart_view
from ui.core.chrome import flash
from ui.core.forms import HELD, form, submit
from ui.core.i18n import krw, lang, t, today
from ui.core.markup import t_md
from ui.core.money import amounts_ok, money_input
from ui.core.widgets import choice, kpi_row, show_error

NEXT_PICK = "calls.next_pick"  # a call just saved, chosen in the picker on the next run


def call_setup(actor: Actor, existing: CallInfo | None) -> None:
    """Create a call, or change one that has not closed (a closed call keeps its rules)."""
    base = existing.rules if existing else CallRules()
    year = existing.year if existing else today().year + (1 if today().month >= 10 else 0)
    key = f"calls.setup.{existing.id if existing else 'new'}"
    closed = existing is not None and existing.closes_on < today()
    if closed:
        st.info(t("calls.rules_kept"), icon=":material/lock:")
    with form(key):
        c1, c2, c3, c4 = st.columns([1, 3, 2, 2])
        year_in = c1.number_input(
            t("calls.year"), min_value=2012, max_value=2100, value=year, key=f"{key}.year",
            disabled=existing is not None,
            on_change=HELD,
        )  # fmt: skip
        title = c2.text_input(
            t("calls.title"), value=existing.title if existing else t("calls.default_title", year=year),
            key=f"{key}.title",
            on_change=HELD,
        )  # fmt: skip
        opens = c3.date_input(
            t("calls.opens"),
            value=existing.opens_on if existing else dt.date(year, 2, 1),
            key=f"{key}.opens",
            on_change=HELD,
        )
        closes = c4.date_input(
            t("calls.closes"),
            value=existing.closes_on if existing else dt.date(year, 3, 15),
            key=f"{key}.closes",
            on_change=HELD,
        )
        m1, m2, m3, m4 = st.columns(4)
        budget = money_input(
            t("calls.budget"), value=existing.budget_krw if existing else 1_000_000_000,
            key=f"{key}.budget", where=m1,
        )  # fmt: skip
        caps = [
            money_input(t("calls.cap", n=i + 1), value=base.caps[i], key=f"{key}.cap{i + 1}", where=col)
            for i, col in enumerate((m2, m3, m4))
        ]  # fmt: skip
        r1, r2, r3 = st.columns(3)
        min_org = r1.number_input(
            t("calls.min_organisers"),
            min_value=1,
            max_value=12,
            value=base.min_organisers,
            key=f"{key}.min_org",
            on_change=HELD,
        )
        min_det = r2.number_input(
            t("calls.min_detached"),
            min_value=1,
            value=base.min_households_detached,
            key=f"{key}.min_det",
            on_change=HELD,
        )
        min_apt = r3.number_input(
            t("calls.min_apartment"),
            min_value=1,
            value=base.min_households_apartment,
            key=f"{key}.min_apt",
            on_change=HELD,
        )
        types = st.multiselect(
            t("calls.applicant_types"), options=list(APPLICANT_TYPES), default=list(base.applicant_types),
            format_func=lambda v: t(f"applicant_type.{v}"), key=choice(f"{key}.types"),
            select_all=False, placeholder=t("form.choose"), filter_mode=None,
            on_change=HELD,
        )  # fmt: skip
        stages = st.multiselect(
            t("calls.stages"), options=list(STAGES), default=list(base.stages),
            format_func=lambda v: t(f"stage_name.{v}"), key=choice(f"{key}.stages"),
            select_all=False, placeholder=t("form.choose"), filter_mode=None,
            on_change=HELD,
        )  # fmt: skip
        st.markdown(f"**{t('calls.rubric')}**")
        weights = {}
        for col, criterion in zip(st.columns(len(CRITERIA)), CRITERIA, strict=True):
            weights[criterion] = col.number_input(
                t(f"criterion.{criterion}"), min_value=0.0, max_value=1.0, step=0.05,
                value=float(base.rubric.get(criterion, 0.0)), key=f"{key}.w.{criterion}",
                on_change=HELD,
            )  # fmt: skip
        g1, g2 = st.columns(2)
        coverage = g1.number_input(
            t("calls.renewal_coverage"), min_value=0, max_value=100,
            value=round(base.renewal_min_coverage * 100), key=f"{key}.coverage",
            on_change=HELD,
        )  # fmt: skip
        saving = g2.number_input(
            t("calls.renewal_saving"), min_value=-100.0, max_value=100.0, step=0.5,
            value=base.renewal_min_saving_pct * 100, key=f"{key}.saving",
            on_change=HELD,
        )  # fmt: skip
        label = t("calls.save") if existing else t("calls.create")
        money = {
            t("calls.budget"): budget,
            **{t("calls.cap", n=i + 1): c for i, c in enumerate(caps)},
        }
        if submit(label, type="primary", disabled=closed) and amounts_ok(money):
            rules = CallRules(
                caps=(caps[0] or 0, caps[1] or 0, caps[2] or 0),
                min_organisers=int(min_org),
                min_households_detached=int(min_det),
                min_households_apartment=int(min_apt),
                applicant_types=tuple(types),
                stages=tuple(stages),
                rubric={c: w for c, w in weights.items() if w > 0},
                renewal_min_coverage=coverage / 100,
                renewal_min_saving_pct=saving / 100,
            )
            try:
                if existing:
                    done = calls.update_call(
                        actor, existing.id, title=title, opens_on=opens, closes_on=closes,
                        budget_krw=budget or 0, rules=rules, today=today(),
                    )  # fmt: skip
                else:
                    done = calls.create_call(
                        actor, year=int(year_in), title=title, opens_on=opens, closes_on=closes,
                        budget_krw=budget or 0, rules=rules,
                    )  # fmt: skip
            except EnergyError as exc:
                show_error(exc)
            else:
                # The picker is drawn above this form: pages/calls.py shows this call next run.
                st.session_state[NEXT_PICK] = done.id
                flash(t_md("calls.saved", call=done.label))
                st.rerun()


def dashboard(actor: Actor, call: CallInfo) -> CallDashboard:
    board = call_dashboard(actor, call.id)
    kpi_row(
        [
            (t("calls.kpi_received"), board.received, t("calls.kpi_received_help")),
            (t("calls.kpi_selected"), board.by_status["selected"], None),
        ]
    )
    # Amounts in words, not tiles: a tile cuts a nine-digit sum short.
    st.markdown(
        t(
            "calls.budget_line",
            committed=krw(board.budget.committed_krw),
            remaining=krw(board.budget.remaining_krw),
            budget=krw(board.budget.budget_krw),
        )
    )
    if board.budget.budget_krw:
        st.progress(
            min(1.0, board.budget.committed_krw / board.budget.budget_krw),
            text=t(
                "calls.budget_used",
                pct=round(100 * board.budget.committed_krw / board.budget.budget_krw),
            ),
        )
    if board.reviews_assigned:
        st.progress(
            board.reviews_done / board.reviews_assigned,
            text=t("calls.review_progress", done=board.reviews_done, total=board.reviews_assigned),
        )
    else:
        st.caption(t("calls.no_reviews_yet"))
    left, right = st.columns([2, 3], gap="large")
    with left:
        st.markdown(f"**{t('calls.funnel')}**")
        funnel = board.funnel.assign(label=[t(f"funnel.{s}") for s in board.funnel["step"]])
        chart_view.altair(_funnel_chart, funnel, x_title=t("calls.applications"))
    with right:
        st.markdown(f"**{t('calls.by_district')}**")
        name = "name_ko" if lang() == "ko" else "name_en"
        table = board.by_district[[name, "applications", "selected"]].rename(
            columns={
                name: t("field.district"),
                "applications": t("calls.applications"),
                "selected": t("calls.kpi_selected"),
            }
        )
        st.dataframe(table, hide_index=True, width="stretch", height=300)
    st.caption(t("calls.status_line", **{s: board.by_status[s] for s in board.by_status}))
    return board


def _funnel_chart(funnel: pd.DataFrame, *, x_title: str) -> alt.Chart:
    """Applications at each step of the call, in the call's order."""
    return (
        alt.Chart(funnel)
        .mark_bar(color="#2a7f62")
        .encode(
            x=alt.X("applications:Q", title=x_title),
            y=alt.Y("label:N", sort=list(funnel["label"]), title=None),
            tooltip=[
                alt.Tooltip("label:N", title=""),
                alt.Tooltip("applications:Q", title=x_title),
            ],
        )
        .properties(height=220)
    )


def exports_row(actor: Actor, call: CallInfo) -> None:
    st.markdown(f"**{t('calls.exports')}**")
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(
        t("action.download_csv"),
        data=lambda: export_year(actor, call.year, "csv"),
        file_name=f"call-{call.year}.csv",
        mime="text/csv",
        icon=":material/download:",
        key="calls.export.csv",
    )
    c2.download_button(
        t("action.download_xlsx"),
        data=lambda: export_year(actor, call.year, "xlsx"),
        file_name=f"call-{call.year}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:",
        key="calls.export.xlsx",
    )


def calls_table(all_calls: list[CallInfo]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("calls.year"): str(c.year),
                t("calls.title"): c.title,
                t("calls.opens"): c.opens_on.isoformat(),
                t("calls.closes"): c.closes_on.isoformat(),
                t("calls.phase"): t(f"call_phase.{c.phase(today())}"),
                t("calls.budget"): krw(c.budget_krw),
                t("calls.caps"): " / ".join(krw(x) for x in c.rules.caps),
            }
            for c in all_calls
        ]
    )
