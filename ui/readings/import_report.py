"""Showing an import report row by row, and letting the user confirm conflicts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from energy.documents import exports
from energy.readings.imports import Conflict, ImportReport
from energy.readings.report import Issue
from ui.core.i18n import quantity, t
from ui.core.markup import message_md, t_md

SHOWN_ISSUES = 200  # more than this is a file to fix at home, not to read on a phone


def _month(value: dt.date) -> str:
    return f"{value:%Y-%m}"


def show_issues(report: ImportReport, rows: Sequence[str] = ()) -> None:
    """The report's problems, each with its row: the errors to fix, the warnings to look at.
    ``rows`` names the rows (the month grid's households, in order) beside their numbers."""
    if report.errors:
        st.error(t("report.fix_first", n=len(report.errors)), icon=":material/error:")
        _issues_table(_issues_frame(report, "error", rows), "errors")
    if report.warnings:
        st.warning(t("report.warnings", n=len(report.warnings)), icon=":material/warning:")
        _issues_table(_issues_frame(report, "warning", rows), "warnings")
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


def _row(line: int | None, rows: Sequence[str]) -> str:
    """A row's number as text (st.table drops an index of whole numbers: the row numbers
    vanished from the error list), or the grid's household on that row."""
    if line is None:
        return t("report.whole_file")
    if 0 < line <= len(rows):
        return rows[line - 1]
    return str(line)


def _column(issue: Issue) -> str:
    """The column a problem is in, with the row's carrier where the check knows it."""
    column = t(f"column.{issue.column}") if issue.column else ""
    if issue.carrier and issue.column in {"value", "unit"}:
        return f"{column} ({t(f'carrier.{issue.carrier}')})"
    return column


def _issues_frame(report: ImportReport, severity: str, rows: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("field.household" if rows else "report.line"): _row(issue.line, rows),
                t("report.column"): _column(issue),
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
                "line": c.line if c.line is not None else "",
                "household": c.household,
                "month": _month(c.month),
                "carrier": t(f"carrier.{c.carrier}"),
                "stored": quantity(c.stored),
                "new": quantity(c.new),
                "unit": c.unit,
            }
            for c in conflicts
        ]
    )
    edited = st.data_editor(
        frame,
        hide_index=True,
        width="stretch",
        disabled=["line", "household", "month", "carrier", "stored", "new", "unit"],
        column_config={
            "overwrite": st.column_config.CheckboxColumn(t("report.overwrite")),
            "line": t("report.line"),
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
