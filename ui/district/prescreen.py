"""A district officer's pre-screening (issue 27): the applications of its district, one at a
time, with who the organisers are, and the officer's pre-screen for the city. Laid out for a
phone (an officer visits the villages): one column, answers as large choices."""

from __future__ import annotations

import streamlit as st

from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.core.vocabulary import PRESCREEN_MET, PRESCREEN_RESIDENCE, PRESCREEN_VERDICTS
from energy.district import prescreen as prescreens
from energy.district.prescreen import PrescreenInput, ScreeningItem
from ui.call.form import application_summary
from ui.core.chrome import flash, page_header
from ui.core.i18n import datetime, lang, t
from ui.core.markup import md, t_md
from ui.core.widgets import choice, empty_state, show_error
from ui.district.screening import prescreen_box

PICK = "prescreen.pick"


def _state(item: ScreeningItem) -> str:
    if item.prescreen is None:
        return (
            t("prescreen.state_open") if item.open else t(f"app_status.{item.application.status}")
        )
    return t("prescreen.state_done", verdict=t(f"prescreen.verdict.{item.prescreen.verdict}"))


def _declaration(item: ScreeningItem) -> str:
    form = item.application.form
    if form.public_body_link.strip():
        return t_md("prescreen.declared_link", link=form.public_body_link)
    return t("prescreen.declared_none" if form.public_body_declared else "prescreen.not_declared")


def _who(item: ScreeningItem) -> None:
    """The application as the officer needs it to meet the group: the organisers first."""
    app = item.application
    st.markdown(f"#### {md(app.title())}")
    st.caption(
        t_md(
            "prescreen.submitted_on",
            group=app.form.group_name or "—",
            date=datetime(app.submitted_at) if app.submitted_at else "—",
            status=t(f"app_status.{app.status}"),
            state=_state(item),
        )
    )
    st.markdown(f"**{t('prescreen.organisers')}**")
    st.markdown(
        "  \n".join(
            t_md(
                "prescreen.organiser_line",
                n=i + 1,
                name=o.name,
                contact=o.contact,
                lives=t(
                    "prescreen.says_lives" if o.lives_in_district else "prescreen.says_not_lives"
                ),
            )
            for i, o in enumerate(app.form.organisers)
        )
        or "—"
    )
    st.caption(_declaration(item))
    with st.expander(t("prescreen.show_application"), icon=":material/description:"):
        application_summary(app.form, district=app.district_name(lang()))


def _answer(name: str, options: tuple[str, ...], value: str | None, key: str) -> str | None:
    """One question of the pre-screen, unanswered until the officer answers it."""
    return st.radio(
        t(f"prescreen.{name}_question"), options=list(options),
        index=options.index(value) if value in options else None,
        format_func=lambda v: t(f"prescreen.{name}.{v}"), key=choice(f"{key}.{name}"),
    )  # fmt: skip


def _form(actor: Actor, item: ScreeningItem) -> None:
    app, before = item.application, item.prescreen
    entry = before.entry if before else PrescreenInput()
    key = f"prescreen.{app.id}"
    with st.form(f"{key}.form", border=True):
        st.markdown(f"**{t('prescreen.form_title')}**")
        met = _answer("met", PRESCREEN_MET, entry.met_in_person, key)
        lives = _answer("lives", PRESCREEN_RESIDENCE, entry.lives_in_area, key)
        verdict = _answer("verdict", PRESCREEN_VERDICTS, entry.verdict, key)
        note = st.text_area(
            t("prescreen.note"), value=entry.note, placeholder=t("prescreen.note_placeholder"),
            max_chars=prescreens.NOTE_LIMIT, height=120, key=f"{key}.note",
        )  # fmt: skip
        label = t("prescreen.revise" if before else "prescreen.save")
        if st.form_submit_button(label, type="primary", width="stretch"):
            try:
                prescreens.record_prescreen(
                    actor, app.id, PrescreenInput(met, lives, verdict, note)
                )
            except EnergyError as exc:
                show_error(exc)
            else:
                flash(t("prescreen.saved", ref=app.reference))
                st.rerun()


def prescreen_page(actor: Actor) -> None:
    page_header("prescreen.page", "prescreen.caption")
    queue = prescreens.district_queue(actor)
    if not queue:
        empty_state("prescreen.none")
        return
    still = [i for i in queue if i.open]
    st.caption(t("prescreen.counts", open=len(still), done=sum(1 for i in still if i.prescreen)))
    # Labels that never change with the pre-screen (a changed label resets the choice).
    labels = {i.application.id: i.application.title() for i in queue}
    if st.session_state.get(PICK) not in labels:
        st.session_state[PICK] = next(iter(labels))
    chosen = st.selectbox(
        t("prescreen.pick"), options=list(labels), format_func=labels.__getitem__,
        key=choice(PICK),
    )  # fmt: skip
    item = next(i for i in queue if i.application.id == chosen)
    _who(item)
    if item.open:
        _form(actor, item)
    elif item.prescreen is not None:
        st.info(
            t("prescreen.closed", status=t(f"app_status.{item.application.status}")),
            icon=":material/lock:",
        )
    if item.prescreen is not None:
        with st.container(border=True):
            prescreen_box(
                item.prescreen,
                history=prescreens.prescreen_history(actor, item.application.id),
            )
