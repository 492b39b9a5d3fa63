"""Training calendar: week and month views filtered by village, trainer or venue; .ics files.

A committee sees its own village's sessions, a trainer their own; staff filter freely.
"""

import datetime as dt

import streamlit as st

from energy.core.errors import EnergyError
from energy.training import calendar as training_calendar
from energy.training import schedule
from energy.training.schedule import SessionFilter
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.i18n import lang, t, today
from ui.core.widgets import choice, empty_state, show_error
from ui.training.calendar import month_view, sessions_table, week_view

actor = guard("training")
page_header("page.training", f"training.caption_{actor.role}")

everything = schedule.list_sessions(actor, SessionFilter(include_cancelled=True))
if not everything:
    empty_state("training.none")
    st.stop()

village_id = trainer_id = venue_id = None
if actor.role == "admin":
    villages = {
        v: (c, n)
        for s in everything
        for v, c, n in zip(s.village_ids, s.village_codes, s.village_names, strict=True)
    }
    trainers = {s.trainer_id: s.trainer_name for s in everything}
    venues = {s.venue_id: s.venue_name for s in everything}
    f1, f2, f3 = st.columns(3)
    village_id = f1.selectbox(
        t("field.village"),
        sorted(villages, key=lambda v: villages[v][0]),
        format_func=lambda v: f"{villages[v][0]} · {villages[v][1]}",
        index=None,
        placeholder=t("calendar.all"),
        key=choice("training.village"),
    )
    trainer_id = f2.selectbox(
        t("field.trainer"),
        sorted(trainers, key=trainers.__getitem__),
        format_func=trainers.__getitem__,
        index=None,
        placeholder=t("calendar.all"),
        key=choice("training.trainer"),
    )
    venue_id = f3.selectbox(
        t("field.venue"),
        sorted(venues, key=venues.__getitem__),
        format_func=venues.__getitem__,
        index=None,
        placeholder=t("calendar.all"),
        key=choice("training.venue"),
    )

c1, c2, c3 = st.columns([2, 2, 3])
view = c1.segmented_control(
    t("calendar.view"),
    ["week", "month", "list"],
    format_func=lambda v: t(f"calendar.view_{v}"),
    default="week",
    key=choice("training.view"),
)
upcoming = [s for s in everything if s.local_start.date() >= today() and s.status == "scheduled"]
first = upcoming[0].local_start.date() if upcoming else today()
anchor = c2.date_input(t("calendar.date"), value=first, format="YYYY-MM-DD", key="training.anchor")
anchor = anchor if isinstance(anchor, dt.date) else today()

shown = [
    s
    for s in everything
    if (village_id is None or village_id in s.village_ids)
    and (trainer_id is None or s.trainer_id == trainer_id)
    and (venue_id is None or s.venue_id == venue_id)
]

with c3:
    try:
        if actor.role == "committee" or village_id is not None:
            code = (
                next(
                    c
                    for s in everything
                    for v, c in zip(s.village_ids, s.village_codes, strict=True)
                    if v == actor.village_id
                )
                if actor.role == "committee"
                else villages[village_id][0]
            )
            ics = training_calendar.village_calendar(actor, code, lang=lang())
        elif actor.role == "trainer" or trainer_id is not None:
            name = everything[0].trainer_name if actor.role == "trainer" else trainers[trainer_id]
            ics = training_calendar.trainer_calendar(actor, name, lang=lang())
        else:
            ics = None
    except EnergyError as exc:
        show_error(exc)
        ics = None
    if ics is not None:
        st.download_button(
            t("calendar.download_ics"),
            ics.content,
            file_name=ics.filename,
            mime="text/calendar",
            icon=":material/event:",
            key="training.ics",
            help=t("calendar.ics_help"),
        )
    else:
        st.caption(t("calendar.ics_choose"))

if view == "month":
    days = {d for week in training_calendar.month_weeks(anchor.year, anchor.month) for d in week}
    month_view(shown, anchor, today())
elif view == "list":
    days = {s.local_start.date() for s in shown}
    sessions_table(shown)
else:
    days = set(training_calendar.week_days(anchor))
    week_view(shown, anchor, today())
in_view = [s for s in shown if s.local_start.date() in days and s.status == "scheduled"]
st.caption(t("calendar.count", n=len(in_view)))
