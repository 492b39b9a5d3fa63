"""An organisation's founding checklist: each step's state, dates, who, documents, and what
is missing; staff record a step in a form."""

from __future__ import annotations

import streamlit as st

from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.organisations import formation
from energy.organisations.formation import Checklist, StepView
from ui.core.chrome import flash
from ui.core.i18n import date, lang, t, today
from ui.core.markup import html_text, md, t_md
from ui.core.widgets import choice, show_error

STATE_ICONS = {
    "done": ":green[:material/check_circle:]",
    "ready": ":blue[:material/radio_button_unchecked:]",
    "waiting": ":gray[:material/schedule:]",
    "blocked": ":orange[:material/block:]",
}


def _step_line(step: StepView) -> None:
    with st.container(border=True):
        head, when = st.columns([3, 2])
        head.markdown(
            f"{STATE_ICONS[step.state]} **{t(f'formation.step.{step.key}')}**  \n"
            f"<small>{t(f'phase.{step.phase}')} · {t(f'org.state.{step.state}')}</small>",
            unsafe_allow_html=True,
        )
        dates = []
        if step.done_on:
            dates.append(t("org.done_on_value", date=date(step.done_on)))
        if step.due_on and not step.done_on:
            if step.overdue:
                dates.append(
                    f":red[:material/warning: {t('org.overdue_value', date=date(step.due_on))}]"
                )
            else:
                dates.append(t("org.due_on_value", date=date(step.due_on)))
        if step.responsible:
            dates.append(t("org.responsible_value", who=html_text(step.responsible)))
        when.markdown(f"<small>{'<br>'.join(dates) or '–'}</small>", unsafe_allow_html=True)
        if step.meeting and step.attendees is not None:
            st.caption(
                t(
                    "org.meeting_value",
                    notice=date(step.notice_on),
                    eligible=step.eligible if step.eligible is not None else "–",
                    attendees=step.attendees,
                    votes=step.votes_for if step.votes_for is not None else "–",
                )
            )
        if step.documents:
            st.caption(t_md("org.documents_value", documents=step.documents))
        if step.note:
            st.caption(md(step.note))
        for missing in step.missing:
            st.markdown(f":orange[{formation.describe(missing, lang())}]")


STANDING_ICONS = {
    "met": ":green[:material/check_circle:]",
    "unmet": ":orange[:material/error:]",
    "no_data": ":gray[:material/help:]",
}


def draw_checklist(checklist: Checklist) -> None:
    if checklist.standing:
        with st.container(border=True):
            st.markdown(f"**{t('formation.standing_title')}**")
            for rule in checklist.standing:
                text = formation.describe(rule.detail, lang())
                line = f":orange[{text}]" if rule.state != "met" else text
                st.markdown(f"{STANDING_ICONS[rule.state]} {line}")
    st.caption(t("org.checklist_note"))
    for step in checklist.steps:
        _step_line(step)


def step_form(actor: Actor, checklist: Checklist) -> None:
    """Staff record a step: due date, responsible, documents, meeting figures, done date."""
    org_id = checklist.organisation.id
    keys = [s.key for s in checklist.steps]
    pending = [s.key for s in checklist.steps if s.state != "done"]
    chosen = st.selectbox(
        t("org.step"),
        keys,
        index=keys.index(pending[0]) if pending else 0,
        format_func=lambda k: t(f"formation.step.{k}"),
        key=choice(f"org.{org_id}.step"),
    )
    step = checklist.step(chosen)
    with st.form(f"org.{org_id}.step.{chosen}"):
        c1, c2 = st.columns(2)
        due_on = c1.date_input(
            t("org.due_on"),
            value=step.due_on,
            format="YYYY-MM-DD",
            key=f"org.{org_id}.step.{chosen}.due",
        )
        responsible = c2.text_input(
            t("org.responsible"),
            value=step.responsible or "",
            key=f"org.{org_id}.step.{chosen}.who",
        )
        documents = st.text_area(
            t("org.documents"),
            value=step.documents or "",
            placeholder=t(f"org.documents_hint.{chosen}") if step.meeting else None,
            height=68,
            key=f"org.{org_id}.step.{chosen}.docs",
        )
        note = st.text_input(
            t("field.note"), value=step.note or "", key=f"org.{org_id}.step.{chosen}.note"
        )
        meeting: dict[str, object] = {}
        if step.meeting:
            m1, m2, m3, m4 = st.columns(4)
            meeting["notice_on"] = m1.date_input(
                t("org.notice_on"), value=step.notice_on, format="YYYY-MM-DD",
                max_value=today(), key=f"org.{org_id}.step.{chosen}.notice",
            )  # fmt: skip
            for column, field, label in (
                (m2, "eligible", "org.eligible"),
                (m3, "attendees", "org.attendees"),
                (m4, "votes_for", "org.votes_for"),
            ):
                meeting[field] = column.number_input(
                    t(label), min_value=0, step=1, value=getattr(step, field),
                    key=f"org.{org_id}.step.{chosen}.{field}",
                )  # fmt: skip
        done = st.checkbox(
            t("org.mark_done"), value=step.state == "done", key=f"org.{org_id}.step.{chosen}.done"
        )
        done_on = st.date_input(
            t("org.done_on"), value=step.done_on or today(), max_value=today(),
            format="YYYY-MM-DD", key=f"org.{org_id}.step.{chosen}.done_on",
        )  # fmt: skip
        if st.form_submit_button(t("org.save_step"), type="primary"):
            try:
                if not done and step.state == "done":
                    formation.undo_step(actor, org_id, chosen, today=today())
                formation.record_step(
                    actor, org_id, chosen,
                    done_on=done_on if done else None,
                    due_on=due_on, responsible=responsible, documents=documents, note=note,
                    today=today(),
                    **{k: (int(v) if isinstance(v, int | float) else v) for k, v in meeting.items()},  # type: ignore[arg-type]
                )  # fmt: skip
            except EnergyError as exc:
                show_error(exc)
            else:
                flash(t("org.step_saved", step=t(f"formation.step.{chosen}")))
                st.rerun()
