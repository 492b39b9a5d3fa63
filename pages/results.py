"""Programme results (staff): totals, the league of villages, districts and cohort curves."""

import pandas as pd
import streamlit as st

from energy.calc import charts
from energy.calc.metrics import METHODS, add_months, first_of_month
from energy.core.errors import EnergyError
from energy.savings import compute as savings
from energy.savings import performance
from ui.core import chart_view
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.i18n import lang, t, today
from ui.core.widgets import choice, data_table, download_table, show_error, stage_label
from ui.savings import panels

actor = guard("results")
page_header("page.results", "results.caption")

last_complete = add_months(first_of_month(today()), -1)
months = [add_months(last_complete, -n) for n in range(0, 120)]
c1, c2, c3 = st.columns([1, 1, 3])
start = c1.selectbox(
    t("savings.from"), months, index=11, format_func=lambda m: f"{m:%Y-%m}", key="results.from"
)
end = c2.selectbox(
    t("savings.to"), months, index=0, format_func=lambda m: f"{m:%Y-%m}", key="results.to"
)
method = c3.radio(
    t("savings.method"),
    list(METHODS),
    horizontal=True,
    format_func=lambda m: t(f"savings.method.{m.replace('-', '_')}"),
    key=choice("results.method"),
)
try:
    report = savings.compute_savings(actor, start=start, end=end, method=method)
    league = performance.village_league(actor, start=start, end=end, method=method)
except EnergyError as exc:
    show_error(exc)
    st.stop()

st.subheader(t("results.programme", start=f"{start:%Y-%m}", end=f"{end:%Y-%m}"))
panels.figures(report)

league_tab, map_tab, cohort_tab = st.tabs(
    [t("results.league"), t("results.map"), t("results.cohorts")]
)
with league_tab:
    table = pd.DataFrame(
        {
            t("results.rank"): range(1, len(league) + 1),
            t("field.code"): league["code"],
            t("field.name"): league["name_en"].fillna(league["name"])
            if lang() == "en"
            else league["name"],
            t("field.district"): league["district_en" if lang() == "en" else "district_ko"],
            t("field.stage"): [stage_label(s) for s in league["stage"]],
            t("field.households_short"): league["households"],
            t("results.combined"): [
                panels.pct(v if pd.notna(v) else None) for v in league["combined_pct"]
            ],
            t("carrier.electricity"): [
                panels.pct(v if pd.notna(v) else None) for v in league["electricity_pct"]
            ],
            t("results.cells"): league["electricity_cells"],
        }
    )
    data_table(
        table,
        empty_key="results.no_villages",
        hide_index=True,
        width="stretch",
        height=520,
        column_config={  # what a column means, where its name cannot say it all
            t("results.combined"): st.column_config.Column(help=t("results.combined_help")),
            t("results.cells"): st.column_config.Column(help=t("results.cells_help")),
            t("field.stage"): st.column_config.Column(help=t("results.stage_help")),
        },
    )
    if not table.empty:
        st.caption(t("results.league_note"))
        download_table(table, file_stem=f"league-{start:%Y%m}-{end:%Y%m}", key="results.download")
with map_tab:
    districts = performance.district_results(league, performance.all_districts(actor))
    districts["short_en"] = districts["name_en"].str.removesuffix("-gu")
    chart_view.altair(
        charts.district_value_map,
        districts,
        name_column="name_ko" if lang() == "ko" else "short_en",
        value_column="median_pct",
        value_title=t("results.median"),
        fmt=".1%",
    )
    st.caption(t("results.map_note"))
with cohort_tab:
    curves = performance.cohort_curves(actor, start=add_months(end, -59), end=end, method=method)
    if curves.empty:
        st.info(t("savings.no_cells"))
    else:
        chart_view.altair(
            charts.cohort_curves_chart,
            curves,
            x_title=t("results.year_in_programme"),
            y_title=t("results.saving_pct"),
            legend_title=t("field.cohort"),
            villages_title=t("chart.villages"),
        )
        st.caption(t("results.cohort_note"))
