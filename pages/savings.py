"""Our savings: what a village saved, against which baseline, with its coverage beside it."""

from contextlib import nullcontext

import streamlit as st

from energy.calc.metrics import add_months, first_of_month
from energy.core.errors import EnergyError
from energy.savings import compute as savings
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.i18n import lang, t, today
from ui.core.markup import t_md
from ui.core.widgets import choice, show_error
from ui.savings import panels
from ui.villages.picker import pick_village

actor = guard("savings")
page_header("page.savings", "savings.caption")
village = pick_village(actor, key="savings.village")

last_complete = add_months(first_of_month(today()), -1)
months = [add_months(last_complete, -n) for n in range(0, 72)]
c1, c2, c3 = st.columns([1, 1, 3])
start = c1.selectbox(
    t("savings.from"), months, index=11, format_func=lambda m: f"{m:%Y-%m}", key="savings.from"
)
end = c2.selectbox(
    t("savings.to"), months, index=0, format_func=lambda m: f"{m:%Y-%m}", key="savings.to"
)
method = c3.radio(t("savings.method"), list(savings.SAVINGS_METHODS), horizontal=True,
                  format_func=lambda m: t(f"savings.method.{m.replace('-', '_')}"), key=choice("savings.method"))  # fmt: skip

try:
    with st.spinner(t("savings.weather.computing")) if method == "weather" else nullcontext():
        report = savings.compute_savings(
            actor, village=village.code, start=start, end=end, method=method
        )
except EnergyError as exc:
    show_error(exc)
    st.stop()

st.subheader(
    t_md(
        "savings.result",
        name=village.display_name(lang()),
        start=f"{start:%Y-%m}",
        end=f"{end:%Y-%m}",
    )
)
panels.figures(report)
if report.weather is not None:
    panels.weather_notes(report)

chart_tab, households_tab, solar_tab, rounds_tab = st.tabs(
    [
        t("savings.tab_chart"),
        t("savings.tab_households"),
        t("savings.tab_renewables"),
        t("savings.tab_rounds"),
    ]
)
with chart_tab:
    if report.weather is not None:
        panels.weather_chart(report)
    else:
        panels.month_chart(actor, village.code, start, end, method)
with households_tab:
    if report.weather is not None:
        panels.weather_households(report)
    else:
        panels.household_table(actor, village.code, start, end, method)
with solar_tab:
    panels.generation(actor, village.code, start, end)
with rounds_tab:
    year = st.selectbox(
        t("savings.round_year"),
        list(range(last_complete.year, village.cohort_year - 3, -1)),
        key="savings.round_year",
    )
    panels.rounds(actor, village.code, year)
