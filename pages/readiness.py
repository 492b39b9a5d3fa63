"""Readiness (staff): which villages in years 2-3 or graduated could form an organisation
next, scored from measured facts, with every fact behind each score visible."""

import pandas as pd
import streamlit as st

from energy.organisations import readiness
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.i18n import lang, number, t, today
from ui.core.markup import t_md
from ui.core.widgets import download_table, empty_state, stage_label

actor = guard("readiness")
page_header("page.readiness", "readiness.caption")

result = readiness.readiness(actor, today=today())
frame = result.villages
if frame.empty:
    empty_state("readiness.none")
    st.stop()

with st.expander(t("readiness.how"), icon=":material/help:"):
    st.markdown(t("readiness.how_text"))
    st.dataframe(
        pd.DataFrame(
            {
                t("readiness.fact"): [t(f"readiness.fact.{f.key}") for f in readiness.FACTS],
                t("readiness.weight"): [f.weight for f in readiness.FACTS],
                t("readiness.source"): [t(f.source_key) for f in readiness.FACTS],
            }
        ),
        hide_index=True,
        width="stretch",
    )

en = lang() == "en"
table = pd.DataFrame(
    {
        t("field.code"): frame["code"],
        t("field.name"): frame["name_en"].fillna(frame["name"]) if en else frame["name"],
        t("field.district"): frame["district_en" if en else "district_ko"],
        t("field.cohort"): frame["cohort"].astype(str),
        t("field.stage"): [stage_label(s) for s in frame["stage"]],
        t("readiness.score"): frame["score"],
        t("readiness.measured"): [
            t("readiness.measured_value", n=n, total=total)
            for n, total in zip(frame["facts_measured"], frame["facts_total"], strict=True)
        ],
        t("readiness.organisations"): frame["organisations"],
    }
)
st.caption(t("readiness.count", n=len(frame)))
selection = st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height=380,
    on_select="rerun",
    selection_mode="single-row",
    key="readiness.table",
    column_config={
        t("readiness.score"): st.column_config.ProgressColumn(
            min_value=0, max_value=100, format="%d", help=t("readiness.score_help")
        ),
        t("readiness.measured"): st.column_config.Column(help=t("readiness.measured_help")),
    },
)
download_table(table, file_stem=f"readiness-{today():%Y%m%d}", key="readiness.download")

rows = selection.selection.rows if selection else []
picked = frame.iloc[rows[0] if rows else 0]
st.subheader(
    t_md(
        "readiness.facts_of",
        name=picked["name_en"] if en and isinstance(picked["name_en"], str) else picked["name"],
    )
)
if not rows:
    st.caption(t("readiness.pick_hint"))
facts = result.facts_of(int(picked["village_id"]))
st.dataframe(
    pd.DataFrame(
        {
            t("readiness.fact"): [t(f"readiness.fact.{f}") for f in facts["fact"]],
            t("readiness.value"): [
                t(key, **params)
                for key, params in zip(facts["detail_key"], facts["params"], strict=True)
            ],
            t("readiness.points"): [
                t("readiness.no_data") if pd.isna(p) else f"{number(p, 1)} / {number(w)}"
                for p, w in zip(facts["points"], facts["weight"], strict=True)
            ],
            t("readiness.source"): [t(k) for k in facts["source_key"]],
        }
    ),
    hide_index=True,
    width="stretch",
)
st.caption(
    t(
        "readiness.score_line",
        score=picked["score"],
        points=number(picked["points"], 1),
        possible=number(picked["possible"]),
    )
)
