"""The check step of the readings page: one summary line with the save button beside it, the
month grid's cells as they will be stored (an error or a warning marked on its own cell), the
problems row by row, and the save itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.core.vocabulary import CANONICAL_UNITS
from energy.readings import imports as readings
from energy.readings.files import RawRow
from energy.readings.imports import ImportReport
from ui.core.chrome import flash
from ui.core.i18n import quantity, t
from ui.core.markup import t_md
from ui.core.widgets import show_error
from ui.readings.import_report import choose_conflicts, show_issues

PENDING = "readings.pending"  # the check awaiting a save (a Pending)
SAVES = "readings.saves"  # saves so far: a save starts a fresh grid (its edits are stored now)

# How a cell of the grid's check is drawn: its background and text colours.
CELL_STYLES = {
    "new": "background-color: #e8f5e9; color: #1b5e20",
    "changed": "background-color: #fff3e0; color: #8a4b00",
    "unchanged": "color: #6b6f76",
    "warning": "background-color: #fff8c5; color: #6b5900; font-weight: 600",
    "error": "background-color: #ffebee; color: #b71c1c; font-weight: 600",
    "": "",
}


@dataclass(frozen=True)
class Pending:
    """A checked grid or file, kept across reruns until it is saved or discarded."""

    village: str
    label: str
    rows: list[RawRow]
    filename: str | None
    register: bool
    report: ImportReport
    source: str  # "entry" (the month grid) or "import" (a file)
    households: tuple[str, ...] = ()  # the grid's rows, in order (the grid only)
    carriers: tuple[str, ...] = ()  # the grid's carrier columns (the grid only)


def _value(value: float, unit: str) -> str:
    return f"{quantity(value)} {unit}"


def summary(report: ImportReport) -> str:
    """The check in one line: how many values, what they are (the counts that are not 0),
    what stops the save (errors, in red) and what needs a look first (warnings)."""
    counts = (
        ("readings.sum_new", report.new),
        ("readings.sum_changed", len(report.conflicts)),
        ("readings.sum_unchanged", report.unchanged),
    )
    parts = [t("readings.sum_values", n=report.rows_in)]
    parts += [t(key, n=n) for key, n in counts if n]
    if errors := len(report.errors):
        parts.append(f":red[**{t('readings.sum_errors', n=errors)}**]")
    if warnings := len(report.warnings):
        parts.append(f":orange[**{t('readings.sum_warnings', n=warnings)}**]")
    return " · ".join(parts)


def grid_cells(pending: Pending) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The grid's typed rows as they will be stored: (text shown, kind of cell) per household
    and carrier. Gas typed in m³ shows the MJ stored; an error shows what was typed."""
    report = pending.report
    household_of = dict(enumerate(pending.households, 1))
    typed = {(row.household, row.carrier): row for row in pending.rows}
    shown: dict[tuple[str, str], str] = {}
    kind: dict[tuple[str, str], str] = {}
    conflicts = {(c.household, c.carrier): c for c in report.conflicts}
    fresh = set(report.fresh.tolist())
    for position, reading in enumerate(report.readings):
        cell = (reading.household, reading.carrier)
        unit = CANONICAL_UNITS[reading.carrier]
        if cell in conflicts:
            before = conflicts[cell]
            shown[cell] = f"{quantity(before.stored)} → {_value(before.new, unit)}"
            kind[cell] = "changed"
        elif position in fresh:
            shown[cell], kind[cell] = _value(reading.value, unit), "new"
        else:
            shown[cell] = f"{_value(reading.value, unit)} ({t('readings.cell_same')})"
            kind[cell] = "unchanged"
    for issue in sorted(report.issues, key=lambda i: i.severity == "error"):  # errors win
        household = household_of.get(issue.line) if issue.line is not None else None
        if household is None:
            continue
        carriers = [issue.carrier] if issue.carrier else list(pending.carriers)
        for carrier in carriers:
            row = typed.get((household, carrier))
            if row is None:
                continue
            cell = (household, carrier)
            mark = "✖" if issue.severity == "error" else "⚠"
            text = shown.get(cell, f"{row.value} {row.unit}".strip())
            shown[cell] = f"{mark} {row.value}" if issue.severity == "error" else f"{mark} {text}"
            kind[cell] = issue.severity
    # The rows and carriers something was typed in, in the grid's order.
    households = [h for h in pending.households if any((h, c) in kind for c in pending.carriers)]
    carriers = [c for c in pending.carriers if any((h, c) in kind for h in households)]
    text = pd.DataFrame(
        [[shown.get((h, c), "") for c in carriers] for h in households],
        index=pd.Index(households, name=t("field.household")),
        columns=[t(f"carrier.{c}") for c in carriers],
    )
    kinds = pd.DataFrame(
        [[kind.get((h, c), "") for c in carriers] for h in households],
        index=text.index,
        columns=text.columns,
    )
    return text, kinds


def _grid_check(pending: Pending) -> None:
    text, kinds = grid_cells(pending)
    if text.empty:
        return
    styled = text.style.apply(lambda _: kinds.map(CELL_STYLES.__getitem__), axis=None)
    with st.container(key="readings.check.cells"):
        st.dataframe(styled, width="stretch")
        st.caption(t("readings.cells_legend"))


def show_pending(actor: Actor, village_code: str) -> None:
    """The check waiting for a save, if it is this village's."""
    pending: Pending | None = st.session_state.get(PENDING)
    if pending is None or pending.village != village_code:
        return
    report = pending.report
    st.divider()
    st.subheader(t_md("readings.report_title", what=pending.label))
    # One line, the buttons beside it: on a phone the words wrap, the buttons stay put.
    with st.container(
        horizontal=True, wrap=False, vertical_alignment="center", key="readings.summary"
    ):
        st.markdown(summary(report), width="stretch")
        save_slot, discard_slot = st.empty(), st.empty()
    confirmed = True
    if report.ok and report.warnings:  # beside the save, the flagged cells just below
        confirmed = st.checkbox(
            t("readings.confirm_warnings", n=len(report.warnings)), key="readings.confirm"
        )
    if pending.source == "entry":
        _grid_check(pending)
    show_issues(report, pending.households)
    accept = choose_conflicts(report.conflicts, key=f"readings.conflicts.{pending.label}")
    if discard_slot.button(t("readings.discard"), key="readings.discard"):
        st.session_state.pop(PENDING, None)
        st.rerun()
    if not report.ok:
        save_slot.button(
            t("readings.save"), type="primary", icon=":material/save:", disabled=True,
            help=t("readings.save_blocked"), key="readings.save",
        )  # fmt: skip
        return
    pressed = save_slot.button(
        t("readings.save"), type="primary", icon=":material/save:", disabled=not confirmed,
        help=None if confirmed else t("readings.confirm_first"), key="readings.save",
    )  # fmt: skip
    if pressed:
        _save(actor, pending, accept)


def _save(actor: Actor, pending: Pending, accept: set[tuple[str, str, dt.date]]) -> None:
    try:
        result = readings.import_readings(
            actor, pending.village, pending.rows, source=pending.source,
            filename=pending.filename, register_households=pending.register,
            accept_conflicts=accept,
        )  # fmt: skip
    except EnergyError as exc:
        show_error(exc)
        return
    st.session_state.pop(PENDING, None)
    st.session_state[SAVES] = st.session_state.get(SAVES, 0) + 1
    flash(t("readings.saved", added=result.added, changed=result.changed,
            unchanged=result.unchanged, dropped=result.dropped))  # fmt: skip
    st.rerun()
