"""Attendance: a trainer's own sessions (staff: every session), the list of each, recorded at
once or typed back from the paper sign-in sheet."""

import datetime as dt

import streamlit as st

from energy.training import attendance, schedule
from energy.training.schedule import SessionFilter
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.i18n import lang, t, today
from ui.core.markup import md, t_md
from ui.core.widgets import choice, empty_state
from ui.training.attendance import attendance_form, sheet_download, walk_in_form
from ui.training.calendar import session_label, sessions_table
from ui.training.checkin_board import board_link

actor = guard("attendance")
UPCOMING_SHOWN = 5
PAST_DAYS = 120  # how far back the session menu reaches
page_header("page.attendance", "attendance.caption")

since = today() - dt.timedelta(days=PAST_DAYS)
sessions = schedule.list_sessions(actor, SessionFilter(start=since))
if not sessions:
    empty_state("attendance.no_sessions")
    st.stop()

now = dt.datetime.now(dt.UTC)
upcoming = [s for s in sessions if s.starts_at > now]
started = sorted(
    (s for s in sessions if s.starts_at <= now), key=lambda s: s.starts_at, reverse=True
)
counts = attendance.recorded_counts(actor, [s.id for s in started])
to_record = [s for s in started if counts[s.id] == 0]

st.subheader(t("attendance.upcoming"))
if upcoming:
    sessions_table(upcoming[:UPCOMING_SHOWN])
else:
    st.caption(t("attendance.no_upcoming"))

st.subheader(t("attendance.record"))
if to_record:
    st.warning(t("attendance.to_record", n=len(to_record)), icon=":material/pending_actions:")
choices = to_record + [s for s in started if counts[s.id]] + upcoming[:UPCOMING_SHOWN]
by_id = {s.id: s for s in choices}
chosen = st.selectbox(
    t("attendance.session"),
    list(by_id),
    format_func=lambda sid: session_label(by_id[sid]),
    help=t("attendance.session_help"),
    key=choice("attendance.session"),
)
sheet = attendance.attendance_sheet(actor, chosen)
s = sheet.session
st.markdown(f"**{md(s.title(lang()))}** · {md(s.villages_label(lang()))}")
st.caption(
    t_md(
        "attendance.session_facts",
        venue=s.venue_name,
        trainer=s.trainer_name,
        recorded=sheet.recorded,
        rows=len(sheet.rows),
    )
)
sheet_download(actor, sheet)
board_link(s)
if not sheet.rows:
    empty_state("attendance.no_participants")
else:
    attendance_form(actor, sheet)
if sheet.editable:
    walk_in_form(actor, sheet)
