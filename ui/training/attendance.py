"""The attendance form of one session: the whole list at once, sheet letters, the PDF."""

from __future__ import annotations

import zlib

import pandas as pd
import streamlit as st

from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.core.vocabulary import ATTENDANCE_STATUSES, PARTICIPANT_ROLES
from energy.training import attendance
from energy.training import pdf as training_pdf
from energy.training.attendance import AttendanceSheet
from ui.core.chrome import flash
from ui.core.forms import HELD, clear, form, submit
from ui.core.i18n import lang, t
from ui.core.markup import t_md
from ui.core.widgets import choice, show_error


def _frame(sheet: AttendanceSheet, fill: str | None) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "number": r.number,
                "name": r.name,
                "village": r.village_name,
                "role": t(f"participant_role.{r.role}"),
                "status": t(f"attendance.{fill or r.status}")
                if (fill or r.status)
                else t("attendance.unrecorded"),
            }
            for r in sheet.rows
        ]
    )


def _marks(sheet: AttendanceSheet) -> str:
    """The stored marks in short, for the grid's key. Streamlit keeps a keyed grid's edits
    across reruns while its rows keep their shape: once the marks change (the grid saved, the
    sheet letters typed in, someone else), the grid is drawn afresh, or an edit made before
    would show over the new marks and be saved again with the next change."""
    marks = ",".join(f"{r.participant_id}:{r.status or ''}" for r in sheet.rows)
    return f"{zlib.crc32(marks.encode()):08x}"


def _save(actor: Actor, sheet: AttendanceSheet, statuses: dict[int, str]) -> None:
    """Record the marks that differ from the sheet's, and say how many changed."""
    current = {row.participant_id: row.status for row in sheet.rows}
    changes = {pid: s for pid, s in statuses.items() if current.get(pid) != s}
    if not changes:  # said where a saved change is said (the top), not under the grid
        flash(t("attendance.unchanged"), "info")
        st.rerun()
    try:
        attendance.record_attendance(actor, sheet.session.id, changes)
    except EnergyError as exc:
        show_error(exc)
    else:
        flash(t("attendance.saved", n=len(changes)))
        st.rerun()


def attendance_form(actor: Actor, sheet: AttendanceSheet) -> None:
    """The list with a status per row; "everyone present" fills it; save records it."""
    sid = sheet.session.id
    labels = {t(f"attendance.{s}"): s for s in ATTENDANCE_STATUSES}
    fill_key = f"attendance.fill.{sid}"
    if not sheet.editable:
        st.info(t("attendance.read_only"))
    b1, b2 = st.columns(2)
    if sheet.editable and b1.button(
        t("attendance.all_present"), key=f"attendance.all.{sid}", icon=":material/done_all:"
    ):
        st.session_state[fill_key] = "present"
    edited = st.data_editor(
        _frame(sheet, st.session_state.get(fill_key)),
        column_config={
            "number": st.column_config.NumberColumn("#", width="small"),
            "name": st.column_config.TextColumn(t("field.person")),
            "village": st.column_config.TextColumn(t("field.village")),
            "role": st.column_config.TextColumn(t("field.role")),
            "status": st.column_config.SelectboxColumn(
                t("field.status"), options=[t("attendance.unrecorded"), *labels], required=True
            ),
        },
        disabled=["number", "name", "village", "role"] if sheet.editable else True,
        hide_index=True,
        width="stretch",
        key=f"attendance.editor.{sid}.{st.session_state.get(fill_key, '')}.{_marks(sheet)}",
    )
    if not sheet.editable:
        return
    if b2.button(
        t("attendance.save"), type="primary", key=f"attendance.save.{sid}", icon=":material/save:"
    ):
        statuses = {
            row.participant_id: labels[value]
            for row, value in zip(sheet.rows, edited["status"], strict=True)
            if value in labels
        }
        st.session_state.pop(fill_key, None)
        _save(actor, sheet, statuses)
    with st.form(f"attendance.letters.{sid}", clear_on_submit=True):
        letters = st.text_input(
            t("attendance.letters"),
            placeholder="PPPL APEA",
            help=t("attendance.letters_help", n=len(sheet.rows)),
            key=f"attendance.letters_text.{sid}",
        )
        if st.form_submit_button(t("attendance.letters_apply")):
            try:
                marks = attendance.parse_sheet_letters(letters, len(sheet.rows))
            except EnergyError as exc:
                show_error(exc)
            else:
                statuses = {sheet.rows[n - 1].participant_id: s for n, s in marks.items()}
                _save(actor, sheet, statuses)


def sheet_download(actor: Actor, sheet: AttendanceSheet) -> None:
    """The sign-in sheet PDF, built when the button is pressed (building it took most of
    the page's time on every rerun). The page has already read the sheet as ``actor``."""
    session_id, language = sheet.session.id, lang()
    st.download_button(
        t("attendance.sheet_pdf"),
        data=lambda: training_pdf.sign_in_sheet_pdf(actor, session_id, lang=language),
        file_name=f"sign-in-{sheet.session.id}.pdf",
        mime="application/pdf",
        icon=":material/print:",
        key=f"attendance.pdf.{sheet.session.id}",
    )


def walk_in_form(actor: Actor, sheet: AttendanceSheet) -> None:
    """Add a resident who came but is not on the list (then mark them like the others)."""
    codes = dict(zip(sheet.session.village_codes, sheet.session.village_names, strict=True))
    with (
        st.expander(t("attendance.walk_in"), icon=":material/person_add:"),
        form(f"attendance.walk_in.{sheet.session.id}", clear_on_submit=True),
    ):
        w1, w2, w3 = st.columns(3)
        code = w1.selectbox(
            t("field.village"),
            list(codes),
            format_func=codes.__getitem__,
            key=choice(f"attendance.walk_in.{sheet.session.id}.code"),
            on_change=HELD,
        )
        name = w2.text_input(
            t("field.person"), key=f"attendance.walk_in.{sheet.session.id}.name", on_change=HELD
        )
        role = w3.selectbox(
            t("field.role"),
            PARTICIPANT_ROLES,
            index=1,
            format_func=lambda r: t(f"participant_role.{r}"),
            key=choice(f"attendance.walk_in.{sheet.session.id}.role"),
            on_change=HELD,
        )
        if submit(t("attendance.walk_in_add")):
            try:
                added = attendance.add_participant(actor, code, name=name, role=role)
            except EnergyError as exc:
                show_error(exc)
            else:
                clear(f"attendance.walk_in.{sheet.session.id}")
                flash(t_md("participants.added", name=added.name))
                st.rerun()
