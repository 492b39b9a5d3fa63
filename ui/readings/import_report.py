"""Showing an import report row by row, and letting the user confirm conflicts."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from energy.documents import exports
from energy.readings.imports import Conflict, ImportReport
from ui.core.i18n import number, t
from ui.core.markup import message_md, t_md
from ui.core.widgets import kpi_row

SHOWN_ISSUES = 200  # more than this is a file to fix at home, not to read on a phone


def _month(value: dt.date) -> str:
    return f"{value:%Y-%m}"


def show_report(report: ImportReport) -> None:
    kpi_row(
        [
            (t("report.rows"), report.rows_in, None),
            (t("report.new"), report.new, None),
            (t("report.unchanged"), report.unchanged, t("report.unchanged_help")),
            (t("report.conflicts"), len(report.conflicts), t("report.conflicts_help")),
            (t("report.errors"), len(report.errors), None),
        ]
    )
    if report.errors:
        st.error(t("report.fix_first", n=len(report.errors)), icon=":material/error:")
        _issues_table(_issues_frame(report, "error"), "errors")
    if report.warnings:
        st.warning(t("report.warnings", n=len(report.warnings)), icon=":material/warning:")
        _issues_table(_issues_frame(report, "warning"), "warnings")
    if report.new_households:
        st.info(t_md("report.new_households", codes=", ".join(report.new_households)))


def _issues_table(frame: pd.DataFrame, kind: str) -> None:
    """The first rows as a plain table (readable, printable); all of them as a download."""
    st.table(frame.head(SHOWN_ISSUES).set_index(frame.columns[0]))
    if len(frame) > SHOWN_ISSUES:
        st.caption(t("report.more", n=len(frame) - SHOWN_ISSUES))
    st.download_button(
        t("report.download"),
        data=exports.to_csv_bytes(frame),
        file_name=f"readings-{kind}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"report.download.{kind}",
    )


def _issues_frame(report: ImportReport, severity: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("report.line"): issue.line if issue.line is not None else t("report.whole_file"),
                t("report.column"): t(f"column.{issue.column}") if issue.column else "",
                t("report.problem"): message_md(issue),
            }
            for issue in report.issues
            if issue.severity == severity
        ]
    )


def choose_conflicts(conflicts: list[Conflict], *, key: str) -> set[tuple[str, str, dt.date]]:
    """A table of stored vs new values with an "overwrite" box per row; returns the keys ticked."""
    if not conflicts:
        return set()
    st.warning(t("report.conflicts_intro", n=len(conflicts)), icon=":material/compare_arrows:")
    frame = pd.DataFrame(
        [
            {
                "overwrite": False,
                "household": c.household,
                "month": _month(c.month),
                "carrier": t(f"carrier.{c.carrier}"),
                "stored": number(c.stored, 1),
                "new": number(c.new, 1),
                "unit": c.unit,
            }
            for c in conflicts
        ]
    )
    edited = st.data_editor(
        frame,
        hide_index=True,
        width="stretch",
        disabled=["household", "month", "carrier", "stored", "new", "unit"],
        column_config={
            "overwrite": st.column_config.CheckboxColumn(t("report.overwrite")),
            "household": t("field.household"),
            "month": t("report.month"),
            "carrier": t("report.carrier"),
            "stored": t("report.stored"),
            "new": t("report.new_value"),
            "unit": t("report.unit"),
        },
        key=key,
    )
    return {c.key for c, keep in zip(conflicts, edited["overwrite"], strict=True) if keep}
