"""Home: the programme overview for staff and the town hall; a committee's own village."""

import streamlit as st

from energy.calc import charts
from energy.core.access import can
from energy.villages import directory as villages
from ui.core import chart_view
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.i18n import lang, t
from ui.core.widgets import empty_state, kpi_row
from ui.villages.committee_home import committee_home

actor = guard("home")

if actor.role == "committee":
    detail = villages.get_village_by_id(actor, actor.village_id or 0)
    page_header(
        "home.committee_title", "home.committee_caption", name=detail.village.display_name(lang())
    )
    committee_home(actor, detail)
    st.stop()

if actor.role == "district":  # a district officer: the villages of its district
    from ui.district.home import district_home

    district_home(actor)
    st.stop()

if not can(actor, "overview.read"):  # an applicant: its applications are its home
    from ui.call.home import applicant_home

    applicant_home(actor)
    st.stop()

page_header("home.title", "home.caption")
overview = villages.programme_overview(actor)
if overview.total == 0:
    empty_state("home.empty_admin" if can(actor, "village.write") else "home.empty")
    st.stop()

kpi_row(
    [
        (t("home.kpi_total"), overview.total, t("home.kpi_total_help")),
        (t("status.active"), overview.by_status["active"], None),
        (t("status.paused"), overview.by_status["paused"], None),
        (t("status.disbanded"), overview.by_status["disbanded"], None),
        (t("stage.graduated"), overview.by_stage["graduated"], t("home.kpi_graduated_help")),
    ]
)
st.caption(
    t(
        "home.stage_line",
        y1=overview.by_stage["1"],
        y2=overview.by_stage["2"],
        y3=overview.by_stage["3"],
    )
)

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(t("home.by_cohort"))
    status_labels = {s: t(f"status.{s}") for s in ("active", "paused", "disbanded")}
    chart_view.altair(
        charts.cohort_chart,
        overview.by_cohort,
        status_labels=status_labels,
        x_title=t("chart.cohort_year"),
        y_title=t("chart.villages"),
        legend_title=t("chart.status"),
    )
with right:
    st.subheader(t("home.by_district"))
    chart_view.altair(
        charts.district_tile_map,
        overview.by_district,
        name_column="name_ko" if lang() == "ko" else "short_en",
        value_title=t("chart.villages"),
    )
    st.caption(t("home.map_note"))
