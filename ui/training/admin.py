"""Staff's training settings: the curriculum, trainers, venues and the completion rule."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.core.vocabulary import TOPICS
from energy.training import attendance, curriculum
from energy.training.attendance import TrainingRules
from ui.core.chrome import flash
from ui.core.forms import HELD, clear, form, submit
from ui.core.i18n import lang, number, t
from ui.core.lookups import district_options
from ui.core.widgets import choice, data_table, show_error
from ui.training.calendar import WEEKDAY_KEYS


def _saved(message: str) -> None:
    flash(message)
    st.rerun()


def curriculum_section(actor: Actor) -> None:
    modules = curriculum.list_modules(actor, include_inactive=True)
    data_table(
        pd.DataFrame(
            [
                {
                    t("curriculum.code"): m.code,
                    t("field.module"): m.title(lang()),
                    t("field.topic"): t(f"topic.{m.topic}"),
                    t("curriculum.year"): m.programme_year,
                    t("curriculum.core"): t("curriculum.core_yes")
                    if m.core
                    else t("curriculum.elective"),
                    t("curriculum.minutes"): m.minutes,
                    t("participants.active"): "✓" if m.active else "",
                }
                for m in modules
            ]
        ),
        empty_key="curriculum.none",
        hide_index=True,
        width="stretch",
    )
    by_code = {m.code: m for m in modules}
    pick = st.selectbox(
        t("curriculum.edit"),
        ["", *by_code],
        format_func=lambda c: c or t("curriculum.new"),
        key=choice("curriculum.pick"),
    )
    m = by_code.get(pick)
    with form(f"curriculum.form.{pick}"):
        c1, c2, c3 = st.columns([1, 2, 2])
        code = c1.text_input(
            t("curriculum.code"),
            value=m.code if m else "",
            placeholder="Y1-08",
            disabled=m is not None,
            key=f"curriculum.form.{pick}.code",
            on_change=HELD,
        )
        title_ko = c2.text_input(
            t("curriculum.title_ko"),
            value=m.title_ko if m else "",
            key=f"curriculum.form.{pick}.title_ko",
            on_change=HELD,
        )
        title_en = c3.text_input(
            t("curriculum.title_en"),
            value=m.title_en if m else "",
            key=f"curriculum.form.{pick}.title_en",
            on_change=HELD,
        )
        d1, d2, d3, d4, d5 = st.columns(5)
        topic = d1.selectbox(
            t("field.topic"),
            TOPICS,
            index=TOPICS.index(m.topic) if m else 0,
            format_func=lambda x: t(f"topic.{x}"),
            key=choice(f"curriculum.form.{pick}.topic"),
            on_change=HELD,
        )
        year = d2.selectbox(
            t("curriculum.year"),
            (1, 2, 3),
            index=(m.programme_year - 1) if m else 0,
            key=f"curriculum.form.{pick}.year",
            on_change=HELD,
        )
        minutes = d3.number_input(
            t("curriculum.minutes"),
            30,
            480,
            m.minutes if m else 120,
            step=30,
            key=f"curriculum.form.{pick}.minutes",
            on_change=HELD,
        )
        core = d4.checkbox(
            t("curriculum.core_yes"),
            value=m.core if m else True,
            key=f"curriculum.form.{pick}.core",
            on_change=HELD,
        )
        active = d5.checkbox(
            t("participants.active"),
            value=m.active if m else True,
            key=f"curriculum.form.{pick}.active",
            on_change=HELD,
        )
        if submit(t("action.save"), type="primary"):
            try:
                saved = curriculum.save_module(
                    actor, code=m.code if m else code, title_ko=title_ko, title_en=title_en, topic=topic,
                    programme_year=int(year), core=core, minutes=int(minutes), active=active,
                )  # fmt: skip
            except EnergyError as exc:
                show_error(exc)
            else:
                _saved(t("curriculum.saved", code=saved.code))


def _windows_text(windows: tuple[curriculum.Window, ...]) -> str:
    return ", ".join(
        f"{t('weekday.' + WEEKDAY_KEYS[w.weekday])} {w.start:%H:%M}-{w.end:%H:%M}" for w in windows
    )


def trainers_section(actor: Actor) -> None:
    trainers = curriculum.list_trainers(actor, include_inactive=True)
    data_table(
        pd.DataFrame(
            [
                {
                    t("trainers.name"): tr.name,
                    t("trainers.topics"): ", ".join(t(f"topic.{x}") for x in tr.topics),
                    t("trainers.windows"): _windows_text(tr.windows),
                    t("trainers.account"): tr.username or "",
                }
                for tr in trainers
            ]
        ),
        empty_key="trainers.none",
        hide_index=True,
        width="stretch",
    )
    by_name = {tr.name: tr for tr in trainers}
    pick = st.selectbox(
        t("trainers.edit"),
        ["", *by_name],
        format_func=lambda n: n or t("trainers.new"),
        key=choice("trainers.pick"),
    )
    tr = by_name.get(pick)
    with form(f"trainers.form.{pick}"):
        n1, n2 = st.columns(2)
        name = n1.text_input(
            t("trainers.name"),
            value=tr.name if tr else "",
            disabled=tr is not None,
            key=f"trainers.form.{pick}.name",
            on_change=HELD,
        )
        account = n2.text_input(
            t("trainers.account"),
            value=tr.username or "" if tr else "",
            help=t("trainers.account_help"),
            key=f"trainers.form.{pick}.account",
            on_change=HELD,
        )
        topics = st.multiselect(
            t("trainers.topics"),
            TOPICS,
            default=list(tr.topics) if tr else [],
            format_func=lambda x: t(f"topic.{x}"),
            select_all=False,
            placeholder=t("form.choose"),
            filter_mode=None,
            key=choice(f"trainers.form.{pick}.topics"),
            on_change=HELD,
        )
        st.caption(t("trainers.windows_help"))
        cols = st.columns(7)
        windows: list[curriculum.Window] = []
        for day, col in enumerate(cols):
            mine = [w for w in (tr.windows if tr else ()) if w.weekday == day]
            on = col.checkbox(
                t("weekday." + WEEKDAY_KEYS[day]),
                value=bool(mine),
                key=f"trainers.day.{pick}.{day}",
                on_change=HELD,
            )
            start = col.time_input(
                t("trainers.from"),
                mine[0].start if mine else dt.time(19 if day < 5 else 9),
                step=1800,
                key=f"trainers.start.{pick}.{day}",
                on_change=HELD,
            )
            end = col.time_input(
                t("trainers.to"),
                mine[0].end if mine else dt.time(22 if day < 5 else 18),
                step=1800,
                key=f"trainers.end.{pick}.{day}",
                on_change=HELD,
            )
            if on:
                windows.append(curriculum.Window(day, start, end))
        if submit(t("action.save"), type="primary"):
            try:
                saved = curriculum.save_trainer(
                    actor,
                    name=tr.name if tr else name,
                    topics=topics,
                    windows=windows,
                    username=account or None,
                )
            except EnergyError as exc:
                show_error(exc)
            else:
                _saved(t("trainers.saved", name=saved.name))


def venues_section(actor: Actor) -> None:
    venues = curriculum.list_venues(actor, include_inactive=True)
    data_table(
        pd.DataFrame(
            [
                {
                    t("venues.name"): v.name,
                    t("field.district"): v.district_name(lang()) or t("venues.citywide"),
                    t("venues.capacity"): v.capacity,
                    t("venues.address"): v.address or "",
                }
                for v in venues
            ]
        ),
        empty_key="venues.none",
        hide_index=True,
        width="stretch",
    )
    districts = district_options()
    with form("venues.form", clear_on_submit=True):
        v1, v2, v3, v4 = st.columns([2, 1, 1, 2])
        name = v1.text_input(
            t("venues.name"), help=t("venues.name_help"), key="venues.form.name", on_change=HELD
        )
        district = v2.selectbox(
            t("field.district"),
            list(districts),
            index=None,
            format_func=districts.__getitem__,
            placeholder=t("venues.citywide"),
            key=choice("venues.form.district"),
            on_change=HELD,
        )
        capacity = v3.number_input(
            t("venues.capacity"), 1, 1000, 30, key="venues.form.capacity", on_change=HELD
        )
        address = v4.text_input(t("venues.address"), key="venues.form.address", on_change=HELD)
        if submit(t("action.save"), type="primary"):
            try:
                saved = curriculum.save_venue(
                    actor,
                    name=name,
                    capacity=int(capacity),
                    district_code=district,
                    address=address or None,
                )
            except EnergyError as exc:
                show_error(exc)
            else:
                clear("venues.form")
                _saved(t("venues.saved", name=saved.name))


def rules_section(actor: Actor) -> None:
    rules = attendance.get_rules(actor)
    with st.form("rules.form"):
        r1, r2, r3 = st.columns(3)
        organisers = r1.number_input(
            t("rules.min_organisers"), 1, 20, rules.min_organisers, key="rules.form.organisers"
        )
        threshold = r2.number_input(
            t("rules.threshold"),
            5,
            100,
            round(rules.attendance_threshold * 100),
            step=5,
            key="rules.form.threshold",
        )
        late = r3.checkbox(t("rules.count_late"), value=rules.count_late, key="rules.form.late")
        st.caption(t("rules.help", pct=number(rules.attendance_threshold * 100)))
        if st.form_submit_button(t("action.save"), type="primary"):
            try:
                attendance.save_rules(
                    actor,
                    TrainingRules(
                        min_organisers=int(organisers),
                        count_late=late,
                        attendance_threshold=threshold / 100,
                    ),
                )
            except EnergyError as exc:
                show_error(exc)
            else:
                _saved(t("rules.saved"))
