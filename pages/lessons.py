"""Lessons from villages that stop (staff and experts): how many paused, disbanded or came
back, by year, reason and cohort, and how long villages last."""

import pandas as pd
import streamlit as st

from energy.calc.organisation_charts import events_by_year_chart, reasons_chart, survival_chart
from energy.core.vocabulary import STATUS_REASONS
from energy.villages import lessons
from ui.core import chart_view
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.i18n import date, lang, number, t, today
from ui.core.widgets import data_table, download_table, kpi_row

actor = guard("lessons")
page_header("page.lessons", "lessons.caption")

found = lessons.lessons(actor, today=today())
median = found.median_years_to_disband
kpi_row(
    [
        (t("lessons.villages"), found.villages, None),
        (t("lessons.ever_paused"), found.ever_paused, t("lessons.ever_paused_help")),
        (t("lessons.ever_disbanded"), found.ever_disbanded, None),
        (t("lessons.came_back"), found.came_back, None),
        (
            t("lessons.median_years"),
            t("lessons.years_value", n=number(median, 1)) if median is not None else "–",
            t("lessons.median_years_help"),
        ),
    ]
)
kind_labels = {k: t(f"lessons.kind.{k}") for k in lessons.KINDS}
year_tab, reason_tab, cohort_tab, survival_tab, events_tab = st.tabs(
    [t("lessons.by_year"), t("lessons.by_reason"), t("lessons.by_cohort"),
     t("lessons.survival"), t("lessons.events")]
)  # fmt: skip
with year_tab:
    chart_view.altair(
        events_by_year_chart, found.by_year, kind_labels=kind_labels, x_title=t("field.year"),
        y_title=t("lessons.villages_axis"),
    )  # fmt: skip
with reason_tab:
    chart_view.altair(
        reasons_chart,
        found.by_reason,
        reason_labels={r: t(f"reason.{r}") for r in STATUS_REASONS},
        kind_labels=kind_labels,
        x_title=t("lessons.villages_axis"),
    )
    st.caption(t("lessons.reason_note"))
with cohort_tab:
    cohorts = found.by_cohort
    table = pd.DataFrame(
        {
            t("field.cohort"): cohorts["cohort"].astype(str),
            t("lessons.villages"): cohorts["villages"],
            **{kind_labels[k]: cohorts[k] for k in lessons.KINDS},
            t("lessons.share_stopped"): [
                f"{(p + d) / v:.0%}" if v else "–"
                for p, d, v in zip(
                    cohorts["paused"], cohorts["disbanded"], cohorts["villages"], strict=True
                )
            ],
        }
    )
    data_table(table, empty_key="lessons.no_villages", hide_index=True, width="stretch")
    if not table.empty:
        st.caption(t("lessons.cohort_note"))
        download_table(table, file_stem=f"lessons-cohorts-{today():%Y%m%d}", key="lessons.cohorts")
with survival_tab:
    chart_view.altair(
        survival_chart, found.survival, x_title=t("lessons.years_since_start"),
        y_title=t("lessons.lasting"), legend_title=t("field.cohort"),
        observed_title=t("lessons.observed"),
    )  # fmt: skip
    st.caption(t("lessons.survival_note"))
with events_tab:
    events = found.events.sort_values("effective_on", ascending=False)
    en = lang() == "en"
    table = pd.DataFrame(
        {
            t("field.effective_on"): [date(d) for d in events["effective_on"]],
            t("field.code"): events["code"],
            t("field.name"): events["name_en"].fillna(events["name"]) if en else events["name"],
            t("field.district"): events["district_en" if en else "district_ko"],
            t("field.cohort"): events["cohort"].astype(str),
            t("lessons.what"): [kind_labels[k] for k in events["kind"]],
            t("field.reason"): [t(f"reason.{r}") for r in events["reason"]],
            t("field.note"): events["note"].fillna(""),
        }
    )
    data_table(table, empty_key="lessons.no_events", hide_index=True, width="stretch", height=420)
    if not table.empty:
        download_table(table, file_stem=f"lessons-events-{today():%Y%m%d}", key="lessons.events")
