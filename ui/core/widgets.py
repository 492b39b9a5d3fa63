"""Shared widgets: KPI tiles, error display, empty states, downloads."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler
from streamlit.delta_generator import DeltaGenerator
from streamlit.errors import StreamlitDuplicateElementKey

from energy.core.errors import EnergyError
from energy.documents import exports
from ui.core import forms, state
from ui.core.chrome import EQUAL_ROW_KEY, flash
from ui.core.i18n import number, t
from ui.core.markup import message_md


def choice(key: str) -> str:
    """``key``, for a widget whose options are shown as words in the reader's language (a
    select box, radio, multiselect): switching the language redraws its choice in the new
    language (ui.core.chrome), where Streamlit's browser side would keep the old words or
    show nothing chosen."""
    keys: set[str] = st.session_state.setdefault(state.CHOICES, set())
    keys.add(key)
    return key


def equal_row() -> DeltaGenerator:
    """A row whose elements share its width equally and stack on a phone: what
    ``st.columns(n)`` with one element in each draws, in one message instead of n + 1.

    Every message costs a rerun as much as a plain line of text does, and with 25 sessions
    that is what bounds a server's reruns per second (benchmarks/README.md, concurrency). The
    row is a horizontal container keyed ``equal-row-<n>`` (n counts the rows of this run), whose
    width the app's style rules (ui.core.chrome.EQUAL_ROW_CSS) share as st.columns does."""
    for n in itertools.count():
        try:
            return st.container(horizontal=True, gap="small", key=f"{EQUAL_ROW_KEY}{n}")
        except StreamlitDuplicateElementKey:  # an earlier row of this run holds the key
            continue
    raise AssertionError("unreachable")


def kpi_row(tiles: Sequence[tuple[str, int | float | str, str | None]]) -> None:
    """A row of metric tiles: (label, value, help), as wide as each other."""
    row = equal_row()
    for label, value, help_text in tiles:
        shown = number(value) if isinstance(value, int | float) else value
        row.metric(label, shown, help=help_text, border=True)


def show_error(exc: EnergyError) -> None:
    """A domain error in the user's language (the field it concerns is named when known)."""
    message = message_md(exc)
    field = getattr(exc, "field", None)
    label = t(f"field.{field}") if field else ""
    if field and not label.startswith("field."):
        message = f"{label}: {message}"
    st.error(message, icon=":material/error:")


def act(run: Callable[[], object], message: str, *, emptied: str | None = None) -> None:
    """Run a write the person asked for: its error shown where it was asked, or ``message``
    shown after the rerun that redraws the page with the change (and the held form
    ``emptied``, when given, emptied: ui.core.forms.clear)."""
    try:
        run()
    except EnergyError as exc:
        show_error(exc)
    else:
        if emptied is not None:
            forms.clear(emptied)
        flash(message)
        st.rerun()


def empty_state(message_key: str, *, icon: str = ":material/info:", **params: object) -> None:
    st.info(t(message_key, **params), icon=icon)


def data_table(
    frame: pd.DataFrame | Styler,
    *,
    empty_key: str,
    empty_params: Mapping[str, object] | None = None,
    empty_icon: str = ":material/info:",
    **kwargs: Any,
) -> Any:
    """``st.dataframe(frame, **kwargs)``, or, where ``frame`` has no rows, the message
    ``empty_key`` saying what is missing (and what to do): Streamlit draws an empty grid with
    the word "empty", in English, whatever the page's language. Returns what ``st.dataframe``
    does (the selection, where ``on_select`` is given), or ``None`` where no table is drawn."""
    rows = frame.data if isinstance(frame, Styler) else frame
    if len(rows.index) == 0:
        empty_state(empty_key, icon=empty_icon, **(empty_params or {}))
        return None
    return st.dataframe(frame, **kwargs)


def column_help(*columns: tuple[str, str]) -> dict[str, Any]:
    """A table's ``column_config`` for the columns whose names cannot say it all: each
    (label key, help key) pair gives the column labelled ``t(label key)`` its help text."""
    return {t(label): st.column_config.Column(help=t(help_key)) for label, help_key in columns}


def download_table(frame: pd.DataFrame, *, file_stem: str, key: str) -> None:
    """CSV and Excel downloads of ``frame``, formula-safe."""
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        t("action.download_csv"),
        data=lambda: exports.to_csv_bytes(frame),  # built when pressed, not every rerun
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"{key}.csv",
    )
    right.download_button(
        t("action.download_xlsx"),
        data=lambda: exports.to_xlsx_bytes(frame),
        file_name=f"{file_stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:",
        key=f"{key}.xlsx",
    )


def stage_label(stage: str) -> str:
    return t("stage.graduated") if stage == "graduated" else t("stage.year", n=stage)


BADGE_ICONS = {"green": "🟢", "amber": "🟠", "red": "🔴"}


BADGE_COLOURS = {"green": "green", "amber": "orange", "red": "red"}


def badge_dot(badge: str) -> str:
    """A badge's dot as coloured text, for a label whose value carries the word: a text dot
    keeps the label's line height, which an emoji does not."""
    colour = BADGE_COLOURS.get(badge)
    return f":{colour}[⬤]" if colour else ""


def badge_label(badge: str) -> str:
    """A data-quality badge as a coloured dot and a word (the word carries it for colour-blind readers)."""
    return f"{BADGE_ICONS.get(badge, '')} {t(f'badge.{badge}')}"
