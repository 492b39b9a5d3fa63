"""Staff's schedule tools: the generator for a cohort, and moving, adding, cancelling sessions."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from energy.calc.schedule_solver import ResidentTimes, ScheduleRules
from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.training import curriculum, schedule
from energy.training.schedule import ScheduleConflict, ScheduleResult, SessionFilter
from energy.villages.directory import list_villages
from ui.core.chrome import flash
from ui.core.forms import HELD, form, submit
from ui.core.i18n import lang, t, today
from ui.core.markup import t_md
from ui.core.widgets import choice, show_error
from ui.training.calendar import session_label, sessions_table

EVENING_CHOICES = [dt.time(h, m) for h in (18, 19, 20) for m in (0, 30)]
WEEKEND_CHOICES = [dt.time(h) for h in (9, 10, 11, 13, 14, 15, 16)]


def _show_conflict_or_error(exc: EnergyError) -> None:
    if not isinstance(exc, ScheduleConflict):
        show_error(exc)
        return
    lines = "\n".join(f"- {line}" for line in exc.details(lang()))
    st.error(
        f"{t('error.schedule_conflict', n=len(exc.conflicts))}\n\n{lines}", icon=":material/error:"
    )


def _result(result: ScheduleResult) -> None:
    planned = len(result.preview.sessions) if result.preview is not None else result.created
    if not planned and not result.unmet:
        st.info(t("generator.nothing_to_do", villages=result.villages, already=result.already))
        return
    if result.preview is not None:
        st.info(
            t("generator.preview_done", n=len(result.preview.sessions), villages=result.villages)
        )
    else:
        st.success(
            t("generator.saved", n=result.created, villages=result.villages, already=result.already)
        )
    if result.unmet:
        st.error(t("generator.unmet", n=len(result.unmet)), icon=":material/error:")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("field.module"): u.title_ko if lang() == "ko" else u.title_en,
                        t("field.villages"): ", ".join(u.village_codes),
                        t("generator.reason"): t(f"schedule.reason.{u.reason}"),
                        t("generator.blocked"): ", ".join(
                            f"{t(f'generator.short.{r}')} {n}" for r, n in u.blocked
                        ),
                    }
                    for u in result.unmet
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    elif result.preview is not None or result.created:
        st.caption(t("generator.complete"))


def generator_form(actor: Actor) -> None:
    with form("generator"):
        g1, g2, g3 = st.columns(3)
        cohort = g1.number_input(
            t("generator.cohort"), 2012, 2100, today().year, key="generator.cohort", on_change=HELD
        )
        start = g2.date_input(
            t("generator.start"),
            today(),
            format="YYYY-MM-DD",
            key="generator.start",
            on_change=HELD,
        )
        end = g3.date_input(
            t("generator.end"),
            today() + dt.timedelta(weeks=12),
            format="YYYY-MM-DD",
            key="generator.end",
            on_change=HELD,
        )
        h1, h2, h3 = st.columns(3)
        evenings = h1.multiselect(t("generator.evenings"), EVENING_CHOICES, default=[dt.time(19, 30)],
                                  format_func=lambda v: f"{v:%H:%M}", key="generator.evenings",
                                  select_all=False, placeholder=t("form.choose"), filter_mode=None, on_change=HELD)  # fmt: skip
        weekends = h2.multiselect(t("generator.weekends"), WEEKEND_CHOICES, default=[dt.time(10), dt.time(14)],
                                  format_func=lambda v: f"{v:%H:%M}", key="generator.weekends",
                                  select_all=False, placeholder=t("form.choose"), filter_mode=None, on_change=HELD)  # fmt: skip
        per_week = h3.number_input(
            t("generator.per_week"), 1, 7, 1, key="generator.per_week", on_change=HELD
        )
        k1, k2, k3 = st.columns(3)
        share = k1.checkbox(t("generator.share"), value=True, key="generator.share", on_change=HELD)
        seats = k2.number_input(
            t("generator.seats"), 1, 200, 12, key="generator.seats", on_change=HELD
        )
        group = k3.number_input(
            t("generator.group"), 1, 10, 3, key="generator.group", on_change=HELD
        )
        preview = submit(t("generator.preview"))
        save = submit(t("generator.generate"), name="generate", type="primary")
    if not (preview or save):
        return
    rules = ScheduleRules(
        start, end,
        times=ResidentTimes(weekday_starts=tuple(sorted(evenings)), weekend_starts=tuple(sorted(weekends))),
        max_per_week=int(per_week), share=share, seats_per_village=int(seats),
        max_villages_per_session=int(group),
    )  # fmt: skip
    try:
        result = schedule.generate_schedule(actor, cohort_year=int(cohort), rules=rules, save=save)
    except EnergyError as exc:
        show_error(exc)
        return
    _result(result)
    if result.planned:
        sessions_table(list(result.planned))


def _position(options: list[int], wanted: int) -> int | None:
    return options.index(wanted) if wanted in options else None


def edit_forms(actor: Actor) -> None:
    sessions = schedule.list_sessions(actor, SessionFilter(start=today() - dt.timedelta(days=30)))
    trainers = {tr.id: tr.name for tr in curriculum.list_trainers(actor)}
    venues = {v.id: v.name for v in curriculum.list_venues(actor)}
    by_id = {s.id: s for s in sessions}
    if by_id:
        chosen = st.selectbox(
            t("edit.session"),
            list(by_id),
            format_func=lambda i: session_label(by_id[i]),
            key=choice("edit.session"),
        )
        current = by_id[chosen]
        with form(f"edit.move.{chosen}"):
            m1, m2, m3, m4 = st.columns(4)
            day = m1.date_input(
                t("field.date"),
                current.local_start.date(),
                format="YYYY-MM-DD",
                key="edit.day",
                on_change=HELD,
            )
            at = m2.time_input(
                t("field.time"),
                current.local_start.time().replace(tzinfo=None),
                step=1800,
                key="edit.time",
                on_change=HELD,
            )
            trainer = m3.selectbox(
                t("field.trainer"),
                list(trainers),
                index=_position(list(trainers), current.trainer_id),
                format_func=trainers.__getitem__,
                placeholder=t("form.choose"),
                key=choice("edit.trainer"),
                on_change=HELD,
            )
            venue = m4.selectbox(
                t("field.venue"),
                list(venues),
                index=_position(list(venues), current.venue_id),
                format_func=venues.__getitem__,
                placeholder=t("form.choose"),
                key=choice("edit.venue"),
                on_change=HELD,
            )
            if submit(t("edit.move"), type="primary"):
                try:
                    schedule.move_session(
                        actor,
                        chosen,
                        start=dt.datetime.combine(day, at),
                        trainer_id=trainer,
                        venue_id=venue,
                    )
                except EnergyError as exc:
                    _show_conflict_or_error(exc)
                else:
                    flash(t("edit.moved"))
                    st.rerun()
        with st.form(f"edit.cancel.{chosen}"):
            reason = st.text_input(t("edit.cancel_reason"), key="edit.cancel_reason")
            if st.form_submit_button(t("edit.cancel")):
                try:
                    schedule.cancel_session(actor, chosen, reason=reason)
                except EnergyError as exc:
                    show_error(exc)
                else:
                    flash(t("edit.cancelled"))
                    st.rerun()
    st.markdown(f"**{t('edit.add_title')}**")
    modules = {m.code: m.title(lang()) for m in curriculum.list_modules(actor)}
    listed = [v for v in list_villages(actor) if v.status == "active"]
    listed.sort(key=lambda v: (v.programme_year != 1 or v.graduated, v.code))
    choosable = {v.code: f"{v.display_name(lang())} · {v.code}" for v in listed}
    with form("edit.add"):
        a1, a2 = st.columns(2)
        module = a1.selectbox(
            t("field.module"),
            list(modules),
            format_func=lambda c: f"{c} · {modules[c]}",
            key=choice("edit.add.module"),
            on_change=HELD,
        )
        # Villages are picked by name (typed letters filter the list), never typed as codes.
        # Active villages first-year first, then the rest; disbanded ones are left out.
        codes = a2.multiselect(
            t("edit.villages"),
            list(choosable),
            format_func=choosable.__getitem__,
            placeholder=t("edit.villages_placeholder"),
            select_all=False,
            key=choice("edit.add.villages"),
            on_change=HELD,
        )
        b1, b2, b3, b4 = st.columns(4)
        day = b1.date_input(
            t("field.date"),
            today() + dt.timedelta(days=7),
            format="YYYY-MM-DD",
            key="edit.add.day",
            on_change=HELD,
        )
        at = b2.time_input(
            t("field.time"), dt.time(19, 30), step=1800, key="edit.add.time", on_change=HELD
        )
        trainer = b3.selectbox(
            t("field.trainer"),
            list(trainers),
            format_func=trainers.__getitem__,
            key=choice("edit.add.trainer"),
            on_change=HELD,
        )
        venue = b4.selectbox(
            t("field.venue"),
            list(venues),
            format_func=venues.__getitem__,
            key=choice("edit.add.venue"),
            on_change=HELD,
        )
        if submit(t("edit.add")) and trainer is not None and venue is not None:
            try:
                added = schedule.add_session(
                    actor, module_code=module, village_codes=list(codes),
                    trainer_id=trainer, venue_id=venue, start=dt.datetime.combine(day, at),
                )  # fmt: skip
            except EnergyError as exc:
                _show_conflict_or_error(exc)
            else:
                flash(t_md("edit.added", session=session_label(added)))
                st.rerun()
