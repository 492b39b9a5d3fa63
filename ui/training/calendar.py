"""The training calendar's pieces: week and month grids of session cards, a session table."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from energy.training import calendar as training_calendar
from energy.training.schedule import SessionInfo
from ui.core.i18n import date, lang, t
from ui.core.markup import md
from ui.core.widgets import data_table

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def session_label(s: SessionInfo) -> str:
    """One line naming a session: when, what, for whom."""
    start = s.local_start
    return (
        f"{date(start.date())} ({t('weekday.' + WEEKDAY_KEYS[start.weekday()])}) "
        f"{start:%H:%M} · {s.title(lang())} · {s.villages_label(lang())}"
    )


def _card(s: SessionInfo, *, short: bool) -> None:
    title = s.module_code if short else s.title(lang())
    line = f"**{s.local_start:%H:%M}** {md(title)}"
    if s.status == "cancelled":
        line = f"~~{line}~~ ({t('session_status.cancelled')})"
    with st.container(border=True):
        st.markdown(line)
        if not short:
            st.caption(
                f"{md(s.villages_label(lang()))}  \n{md(s.venue_name)} · {md(s.trainer_name)}"
            )


def week_view(sessions: list[SessionInfo], anchor: dt.date, today: dt.date) -> None:
    days = training_calendar.week_days(anchor)
    per_day = training_calendar.by_day(sessions)
    st.subheader(t("calendar.week_of", start=date(days[0]), end=date(days[-1])))
    for column, day in zip(st.columns(7), days, strict=True):
        with column:
            mark = " ●" if day == today else ""
            st.markdown(f"**{t('weekday.' + WEEKDAY_KEYS[day.weekday()])} {day.day}**{mark}")
            for s in per_day.get(day, []):
                _card(s, short=False)


def month_view(sessions: list[SessionInfo], anchor: dt.date, today: dt.date) -> None:
    per_day = training_calendar.by_day(sessions)
    st.subheader(t("calendar.month_of", year=anchor.year, month=anchor.month))
    for column, key in zip(st.columns(7), WEEKDAY_KEYS, strict=True):
        column.markdown(f"**{t('weekday.' + key)}**")
    for week in training_calendar.month_weeks(anchor.year, anchor.month):
        for column, day in zip(st.columns(7), week, strict=True):
            with column:
                faded = day.month != anchor.month
                label = f"{day.day}" + (" ●" if day == today else "")
                if faded:
                    st.caption(label)
                else:
                    st.markdown(f"**{label}**")
                for s in per_day.get(day, []):
                    _card(s, short=True)


def sessions_table(sessions: list[SessionInfo]) -> None:
    data_table(
        pd.DataFrame(
            [
                {
                    t("field.date"): date(s.local_start.date()),
                    t("field.time"): f"{s.local_start:%H:%M}-{s.local_end:%H:%M}",
                    t("field.module"): s.title(lang()),
                    t("field.villages"): s.villages_label(lang()),
                    t("field.venue"): s.venue_name,
                    t("field.trainer"): s.trainer_name,
                    t("field.status"): t(f"session_status.{s.status}"),
                }
                for s in sessions
            ]
        ),
        empty_key="calendar.none_match",
        hide_index=True,
        width="stretch",
    )
