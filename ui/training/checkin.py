"""A participant's check-in on a phone: the session, the code (filled in from the QR code's
link), their name from the village's list, one big button, and a confirmation nobody can miss."""

from __future__ import annotations

import streamlit as st

from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.training import checkin
from energy.training.checkin import CheckInChoices, CheckInResult, VillageSession, local_time
from energy.training.checkin_codes import BEFORE, CANCELLED, ENDED
from ui.core import clock
from ui.core.i18n import lang, t
from ui.core.markup import html_text, md
from ui.core.session import client_address
from ui.core.widgets import choice, show_error

RESULT = "checkin.result"  # the last check-in, shown until "someone else" is pressed
CODE, WHO, NOT_LISTED, NEW_NAME = (
    "checkin.code",
    "checkin.who",
    "checkin.not_listed",
    "checkin.new_name",
)
DONE_STYLE = (
    "text-align:center;padding:1.6rem 1rem;border-radius:1rem;margin:.5rem 0 1rem;"
    "background:#e7f5ea;border:2px solid #2e7d32;color:#1b3d20"
)


def link_params() -> tuple[int | None, str]:
    """The session and code of the QR code's link (``?session=12&code=382916``)."""
    raw = st.query_params.get("session", "")
    return (int(raw) if raw.isdigit() else None), st.query_params.get("code", "")


def sessions_shown(choices: CheckInChoices, wanted: int | None) -> list[VillageSession]:
    """The linked session alone (whatever its state: it says why it takes no check-in), else
    the sessions taking check-ins now, else today's."""
    if wanted is not None:
        linked = [s for s in choices.sessions if s.session.id == wanted]
        if linked:
            return linked
    accepting = [s for s in choices.sessions if s.accepting]
    return accepting or list(choices.sessions)


def session_card(shown: VillageSession) -> None:
    s = shown.session
    with st.container(border=True):
        st.markdown(f"#### {md(s.title(lang()))}")
        when = t(
            "checkin.session_when",
            start=f"{s.local_start:%H:%M}",
            end=f"{s.local_end:%H:%M}",
            venue=s.venue_name,
        )
        st.markdown(md(when))
        if not shown.accepting:
            _why_not(shown)


def _why_not(shown: VillageSession) -> None:
    s = shown.session
    if shown.phase == CANCELLED:
        st.warning(t("error.checkin_cancelled"), icon=":material/event_busy:")
    elif shown.phase == ENDED:
        st.warning(
            t("error.checkin_ended", time=local_time(s.ends_at)), icon=":material/event_available:"
        )
    elif shown.phase == BEFORE:
        st.info(
            t(
                "checkin.phase_before",
                time=local_time(shown.window.opens_at),
                minutes=_minutes(shown),
            ),
            icon=":material/schedule:",
        )
    else:
        st.info(t("checkin.phase_not_opened"), icon=":material/qr_code_2:")


def _minutes(shown: VillageSession) -> int:
    return int((shown.session.starts_at - shown.window.opens_at).total_seconds() // 60)


def check_in_form(actor: Actor, choices: CheckInChoices, session_id: int | None, code: str) -> None:
    """Code, name, button. Not a form: "my name is not on the list" shows its box at once."""
    if CODE not in st.session_state:
        st.session_state[CODE] = code
    st.text_input(
        t("checkin.code"), key=CODE, max_chars=9, placeholder="000 000", help=t("checkin.code_help")
    )
    came = {pid for s in choices.sessions if s.accepting for pid in s.checked_in}
    people = {p.id: p.name for p in choices.people}
    new_name = ""
    participant_id = None
    name_box = st.container()  # the list's name above the toggle, or the typed name
    if st.toggle(t("checkin.not_listed"), key=NOT_LISTED) or not people:
        new_name = name_box.text_input(t("checkin.new_name"), key=NEW_NAME, max_chars=60)
    else:
        participant_id = name_box.selectbox(
            t("checkin.who"),
            list(people),
            index=None,
            format_func=lambda pid: (
                t("checkin.already_here", name=people[pid]) if pid in came else people[pid]
            ),
            placeholder=t("checkin.who_placeholder"),
            help=t("checkin.who_help"),
            key=choice(WHO),
        )
    if st.button(
        t("checkin.submit"),
        type="primary",
        width="stretch",
        icon=":material/how_to_reg:",
        key="checkin.submit",
    ):
        try:
            result = checkin.check_in(
                actor, st.session_state[CODE], participant_id=participant_id, new_name=new_name,
                session_id=session_id, client=client_address(), now=clock.now(),
            )  # fmt: skip
        except EnergyError as exc:
            show_error(exc)
        else:
            st.session_state[RESULT] = result
            st.rerun()


def confirmation(result: CheckInResult) -> None:
    """The check-in, big and green, with the person's name, the time and the session."""
    title = t("checkin.already_title" if result.already else "checkin.done_title")
    body_key = "checkin.already_body" if result.already else "checkin.done_body"
    body = t(body_key, name=result.participant.name, time=local_time(result.checked_in_at))
    s = result.session
    st.markdown(
        f'<div style="{DONE_STYLE}" role="status">'
        '<div style="font-size:4.5rem;line-height:1;color:#2e7d32">&#10004;</div>'
        f'<div style="font-size:2rem;font-weight:800;margin:.4rem 0">{html_text(title)}</div>'
        f'<div style="font-size:1.2rem">{html_text(body)}</div>'
        f'<div style="margin-top:.6rem;opacity:.8">{html_text(s.title(lang()))} · '
        f"{s.local_start:%H:%M}–{s.local_end:%H:%M}</div></div>",
        unsafe_allow_html=True,
    )
    st.button(
        t("checkin.another"),
        icon=":material/person_add:",
        width="stretch",
        on_click=_another,
        key="checkin.another",
    )


def _another() -> None:
    for key in (RESULT, WHO, NEW_NAME, NOT_LISTED):
        st.session_state.pop(key, None)
