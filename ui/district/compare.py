"""Staff's districts page (issue 27): the districts compared (a table and one chart), and any
one district's home as its officer sees it, read only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from energy.calc import charts
from energy.core.access import Actor
from energy.district import home as follow
from energy.district.home import DistrictHome
from ui.core import chart_view
from ui.core.i18n import lang, t
from ui.core.markup import t_md
from ui.core.widgets import choice, empty_state
from ui.district.home import draw_home

DISTRICT_PARAM = "district"  # ?district=11440 opens that district
ROW_HEIGHT = 35  # pixels: Streamlit's table row


def districts_page(actor: Actor) -> None:
    homes = follow.follow_districts(actor)
    compare_tab, one_tab = st.tabs([t("districts.tab_compare"), t("districts.tab_one")])
    with compare_tab:
        compare_view(homes)
    with one_tab:
        one_district(actor, homes)


def compare_view(homes: list[DistrictHome]) -> None:
    frame = follow.compare_frame(homes)
    name = "name_ko" if lang() == "ko" else "name_en"
    share = frame["villages_late"] / frame["villages"].where(frame["villages"] > 0)
    st.dataframe(
        pd.DataFrame(
            {
                t("districts.col.district"): frame[name],
                t("districts.col.villages"): frame["villages"],
                t("districts.col.active"): frame["active"],
                t("districts.col.coverage"): frame["readings_coverage"].astype(float) * 100,
                t("districts.col.late"): frame["late"],
                t("districts.col.villages_late"): frame["villages_late"],
                t("districts.col.due"): frame["due"],
                t("districts.col.saving"): frame["saving_pct"].astype(float) * 100,
                t("districts.col.contacts"): frame["recent_contacts"],
            }
        ),
        column_config={
            t("districts.col.coverage"): st.column_config.NumberColumn(format="%.1f%%"),
            t("districts.col.saving"): st.column_config.NumberColumn(format="%.1f%%"),
        },
        hide_index=True,
        width="stretch",
        height=ROW_HEIGHT * (len(frame) + 1) + 3,  # every district, no scrolling inside
        key="districts.compare",
    )
    st.subheader(t("districts.chart_title"))
    chart_view.altair(
        charts.district_late_chart,
        frame.assign(late_share=share.fillna(0.0)),
        name_column=name,
        value_title=t("districts.chart_share"),
        count_title=t("districts.chart_count"),
    )


def one_district(actor: Actor, homes: list[DistrictHome]) -> None:
    by_code = {h.code: h for h in homes}
    wanted = st.query_params.get(DISTRICT_PARAM)
    key = choice("districts.district")
    if wanted in by_code and key not in st.session_state:
        st.session_state[key] = wanted
    code = st.selectbox(
        t("districts.choose"), options=list(by_code),
        format_func=lambda c: by_code[c].name(lang()), key=key,
    )  # fmt: skip
    home = by_code[code or next(iter(by_code))]
    st.query_params[DISTRICT_PARAM] = home.code
    if not home.villages:
        empty_state("districts.no_villages", district=home.name(lang()))
        return
    st.caption(t_md("home.district_caption", district=home.name(lang())))
    st.caption(t("districts.read_only"))
    draw_home(actor, home, can_log=False)
