"""Log readings: a month for every household at once, or a whole file; checked before saving."""

import pandas as pd
import streamlit as st

from energy.calc import metrics
from energy.core.errors import EnergyError
from energy.core.vocabulary import CANONICAL_UNITS
from energy.readings import imports as readings
from energy.readings import month_grid
from energy.readings.files import read_rows, template_csv, template_xlsx
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.i18n import t, today
from ui.core.nav import page_path
from ui.core.widgets import show_error
from ui.readings.check_view import PENDING, SAVES, Pending, show_pending
from ui.villages.picker import pick_village

actor = guard("readings")


def _column(
    households: tuple[str, ...], values: dict[tuple[str, str], float], carrier: str
) -> pd.Series:
    """One carrier's values in household order; a month not recorded is NaN (an empty cell)."""
    return pd.Series([values.get((h, carrier)) for h in households], dtype="float64")


def _typed(
    households: tuple[str, ...], values: dict[tuple[str, str], float], carrier: str
) -> pd.Series:
    """This month's cells as text: what a person types is checked as typed ("-5", "abc" and
    "1,280" reach the same check as a file's cell), never changed by the grid."""
    return pd.Series(
        [None if (v := values.get((h, carrier))) is None else f"{v:.15g}" for h in households],
        dtype="object",
    )


page_header("page.readings", "readings.caption")
village = pick_village(actor, key="readings.village")

this_month = metrics.first_of_month(today())
months = [metrics.add_months(this_month, -n) for n in range(0, 25)]
# A reminder's link names its month (?month=2027-03); without one, last month.
asked = st.query_params.get("month", "")
first_shown = next((i for i, m in enumerate(months) if f"{m:%Y-%m}" == asked), 1)
grid_tab, file_tab = st.tabs([t("readings.tab_month"), t("readings.tab_file")])


with grid_tab:
    c1, c2 = st.columns([2, 3])
    month = c1.selectbox(
        t("report.month"),
        months,
        index=first_shown,
        format_func=lambda m: f"{m:%Y-%m}",
        key="readings.month",
    )
    gas_unit = c2.radio(
        t("readings.gas_unit"), ["MJ", "m3"], horizontal=True, key="readings.gas_unit"
    )
    grid = month_grid.month_grid(actor, village.code, month)
    if not grid.households:
        st.info(t("readings.no_households"), icon=":material/group_add:")
        st.page_link(page_path("households"), label=t("page.households"), icon=":material/group:")
    else:
        units = {c: (gas_unit if c == "gas" else CANONICAL_UNITS[c]) for c in grid.carriers}
        columns = {}
        frame = pd.DataFrame({"household": list(grid.households)})
        for carrier in grid.carriers:
            before, now = f"{carrier}.before", carrier
            frame[before] = _column(grid.households, grid.previous, carrier)
            frame[now] = _typed(grid.households, grid.current, carrier)
            label = t(f"carrier.{carrier}")
            columns[before] = st.column_config.NumberColumn(
                t("readings.last_month", carrier=label, unit=CANONICAL_UNITS[carrier]),
                format="localized",
            )
            columns[now] = st.column_config.TextColumn(f"{label} ({units[carrier]})")
        # Pinned: on a phone the carriers scroll sideways under the household's code.
        columns["household"] = st.column_config.TextColumn(t("field.household"), pinned=True)
        # In a form: typing in a cell does not rerun the page (a volunteer types a whole month
        # without the grid redrawing under the cursor); "check" sends every cell at once.
        with st.form(key="readings.grid.form", border=False):
            edited = st.data_editor(
                frame,
                hide_index=True,
                width="stretch",
                disabled=["household", *[f"{c}.before" for c in grid.carriers]],
                column_config=columns,
                placeholder="",  # an empty cell, not Streamlit's "None", where nothing is recorded
                key=f"readings.grid.{village.code}.{month:%Y%m}.{gas_unit}.{st.session_state.get(SAVES, 0)}",
            )
            st.caption(t("readings.grid_help"))
            checked = st.form_submit_button(t("readings.check"), type="primary")
        if checked:
            cells = (
                (record["household"], c, record[c])
                for record in edited.to_dict("records")  # column names such as "gas.before"
                for c in grid.carriers
            )
            rows = month_grid.grid_rows(month, cells, units, grid.households)
            label = t("readings.grid_label", month=f"{month:%Y-%m}")
            if not rows:
                st.session_state.pop(PENDING, None)  # an older report is not this grid's
                st.warning(t("readings.grid_empty"), icon=":material/edit:")
            else:
                try:
                    report = readings.check_readings(actor, village.code, rows)
                except EnergyError as exc:
                    show_error(exc)
                else:
                    st.session_state[PENDING] = Pending(
                        village.code, label, rows, None, False, report, "entry",
                        grid.households, grid.carriers,
                    )  # fmt: skip

with file_tab:
    templates = st.container(horizontal=True)  # side by side, wrapping on a phone
    templates.download_button(t("readings.template_csv"), template_csv(), "readings-template.csv",
                              "text/csv", icon=":material/download:", key="readings.template.csv")  # fmt: skip
    templates.download_button(t("readings.template_xlsx"), template_xlsx(), "readings-template.xlsx",
                              icon=":material/table:", key="readings.template.xlsx")  # fmt: skip
    upload = st.file_uploader(t("readings.upload"), type=["csv", "xlsx"], key="readings.upload")
    # (Streamlit's own line saying so, in English, is hidden: ui.core.chrome.)
    st.caption(t("readings.upload_limit", size=f"{st.get_option('server.maxUploadSize')} MB"))
    register = st.checkbox(t("readings.register_households"), key="readings.register")
    if upload is not None and st.button(
        t("readings.check_file"), type="primary", key="readings.file.check"
    ):
        bar = st.progress(0.0, text=t("readings.checking"))
        try:
            # Kept as the file, not as a list of rows: read again to save, and a plain CSV is
            # checked a block of columns at a time. Its line count sizes the progress bar.
            data = upload.getvalue()
            rows = read_rows(data, upload.name)
            lines = data.count(b"\n") if not upload.name.lower().endswith(".xlsx") else None
            report = readings.check_readings(
                actor, village.code, rows, register_households=register, total=lines,
                progress=lambda done, total: bar.progress(min(1.0, done / max(total or done, 1)), text=t("readings.checking")),
            )  # fmt: skip
        except EnergyError as exc:
            bar.empty()
            show_error(exc)
        else:
            bar.empty()
            st.session_state[PENDING] = Pending(
                village.code, upload.name, rows, upload.name, register, report, "import"
            )

show_pending(actor, village.code)
