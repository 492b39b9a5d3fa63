"""The village directory: search and filter, open a village, add one (staff)."""

import datetime as dt
import functools

import pandas as pd
import streamlit as st

from energy.core.access import can
from energy.core.errors import EnergyError
from energy.core.vocabulary import HOUSING_TYPES, VILLAGE_STATUSES
from energy.villages import directory as villages
from ui.core.auth import guard
from ui.core.chrome import flash, page_header
from ui.core.forms import HELD, form, submit
from ui.core.i18n import lang, t
from ui.core.lookups import district_options
from ui.core.markup import t_md
from ui.core.nav import page_path
from ui.core.widgets import choice, download_table, empty_state, show_error, stage_label

actor = guard("villages")
page_header("page.villages", "villages.caption")

districts = district_options()
this_year = dt.date.today().year
with st.container(border=True):
    c1, c2, c3, c4, c5 = st.columns([3, 3, 2, 2, 2])
    text = c1.text_input(
        t("villages.search"), key="villages.search", placeholder=t("villages.search_hint")
    )
    chosen_districts = c2.multiselect(
        t("field.district"),
        options=list(districts),
        format_func=districts.__getitem__,
        select_all=False,
        key=choice("villages.districts"),
        placeholder=t("form.any"),
    )
    statuses = c3.multiselect(
        t("field.status"),
        options=list(VILLAGE_STATUSES),
        format_func=lambda s: t(f"status.{s}"),
        select_all=False,
        filter_mode=None,
        key=choice("villages.statuses"),
        placeholder=t("form.any"),
    )
    stages = c4.multiselect(
        t("field.stage"),
        options=["1", "2", "3", "graduated"],
        format_func=stage_label,
        select_all=False,
        filter_mode=None,
        key=choice("villages.stages"),
        placeholder=t("form.any"),
    )
    cohorts = c5.multiselect(
        t("field.cohort"),
        options=list(range(this_year, villages.FIRST_COHORT - 1, -1)),
        select_all=False,
        key="villages.cohorts",
        placeholder=t("form.any"),
    )

found = villages.list_villages(
    actor,
    villages.VillageFilter(
        text=text,
        district_codes=tuple(chosen_districts),
        statuses=tuple(statuses),
        cohorts=tuple(cohorts),
        stages=tuple(stages),
    ),
)
# Each label is translated once, not once per village (a city's list has hundreds of rows).
lg, label, stage = lang(), functools.cache(t), functools.cache(stage_label)
table = pd.DataFrame(
    [
        (
            v.code,
            v.display_name(lg),
            v.district_name(lg),
            v.neighbourhood or "",
            v.cohort_year,
            stage(v.programme_stage),
            label(f"status.{v.status}"),
            label(f"housing.{v.housing_type}"),
        )
        for v in found
    ],
    columns=[
        t(key)
        for key in (
            "field.code",
            "field.name",
            "field.district",
            "field.neighbourhood",
            "field.cohort",
            "field.stage",
            "field.status",
            "field.housing_type",
        )
    ],
)
st.caption(t("villages.count", n=len(found)))
if found:
    selection = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="villages.table",
        column_config={t("field.cohort"): st.column_config.NumberColumn(format="%d")},
    )
    rows = selection.selection.rows if selection else []
    if rows:
        st.switch_page(page_path("village"), query_params={"code": found[rows[0]].code})
    download_table(table, file_stem=f"villages-{dt.date.today():%Y%m%d}", key="villages.download")
else:
    empty_state("villages.none_match")

if can(actor, "village.write"):
    with (
        st.expander(t("villages.add_title"), icon=":material/add_home:"),
        form("villages.add", clear_on_submit=False),
    ):
        a1, a2, a3 = st.columns(3)
        code = a1.text_input(
            t("field.code"), help=t("villages.code_help"), key="villages.add.code", on_change=HELD
        )
        name = a2.text_input(t("field.name"), key="villages.add.name", on_change=HELD)
        name_en = a3.text_input(t("field.name_en"), key="villages.add.name_en", on_change=HELD)
        b1, b2, b3, b4 = st.columns(4)
        district = b1.selectbox(
            t("field.district"),
            options=list(districts),
            format_func=districts.__getitem__,
            index=None,
            placeholder=t("form.choose"),
            key=choice("villages.add.district"),
            on_change=HELD,
        )
        neighbourhood = b2.text_input(
            t("field.neighbourhood"), key="villages.add.neighbourhood", on_change=HELD
        )
        housing = b3.selectbox(
            t("field.housing_type"),
            options=list(HOUSING_TYPES),
            format_func=lambda h: t(f"housing.{h}"),
            key=choice("villages.add.housing"),
            on_change=HELD,
        )
        cohort = b4.number_input(
            t("field.cohort"),
            min_value=villages.FIRST_COHORT,
            max_value=this_year + 1,
            value=this_year,
            step=1,
            key="villages.add.cohort",
            on_change=HELD,
        )
        if submit(t("villages.add_submit"), type="primary"):
            try:
                if district is None:
                    raise EnergyError("error.required_district")
                added = villages.add_village(
                    actor,
                    code=code,
                    name=name,
                    name_en=name_en,
                    district=district,
                    neighbourhood=neighbourhood,
                    housing_type=housing,
                    cohort_year=int(cohort),
                )
            except EnergyError as exc:
                show_error(exc)
            else:
                flash(t_md("villages.added", code=added.code, name=added.name))
                st.rerun()
