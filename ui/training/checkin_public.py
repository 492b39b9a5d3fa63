"""The check-in page for a phone without a login, opened from the QR code's link: the
session's title, time and place; the village (among those invited) and the name; one big
button; and the same receipt whether or not the name was on the list (the library decides
everything: ``energy.training.checkin_public``)."""

from __future__ import annotations

import streamlit as st

from energy.core.errors import EnergyError
from energy.core.i18n import SEOUL
from energy.training import checkin_public
from energy.training.checkin import local_time
from energy.training.checkin_codes import BEFORE, CANCELLED, ENDED, checkin_window
from energy.training.checkin_public import PublicSession, SelfCheckInReceipt
from ui.core import clock
from ui.core.chrome import page_header
from ui.core.i18n import lang, t
from ui.core.markup import html_text, md
from ui.core.session import client_address
from ui.core.widgets import choice, show_error
from ui.training.checkin import DONE_STYLE, link_params

RECEIPT = "checkin.public.receipt"  # the last check-in, until "someone else" is pressed
SEEN = "checkin.public.seen"  # the sessions this browser's links opened: {(id, code): session}
REFUSED = "checkin.public.refused"  # the links refused as wrong: {(id, code): the refusal}
CODE, VILLAGE, NAME = "checkin.public.code", "checkin.public.village", "checkin.public.name"
USED = "checkin.public.used"  # the code of the last check-in, for the next person on the phone
# Phone-first: fields and the button tall enough for a thumb, text a size phones do not zoom.
TOUCH_CSS = """<style>
.st-key-checkin-public input { font-size: 1.15rem !important; min-height: 3rem; }
.st-key-checkin-public [data-baseweb="select"] > div { min-height: 3rem; font-size: 1.1rem; }
.st-key-checkin-public button { min-height: 3.4rem; font-size: 1.2rem; }
</style>"""


def public_check_in() -> None:
    """The whole public screen (the page calls it when its guard let a visitor in)."""
    page_header("page.checkin", "checkin.public_caption")
    st.html(TOUCH_CSS)
    receipt: SelfCheckInReceipt | None = st.session_state.get(RECEIPT)
    if receipt is not None:
        _receipt(receipt)
        return
    shown = _linked_session()
    if shown is None:
        return
    _session_card(shown)
    if shown.phase != "open":
        _why_not(shown)
        return
    _form(shown)
    st.caption(t("checkin.committee_login"))
    # (relative: the login page beside this one, under whatever path the app is served)
    st.link_button(t("checkin.log_in"), "login", icon=":material/login:")


def _linked_session() -> PublicSession | None:
    """The session of the link, asked of the library once per link and browser: a wrong link
    counts as one wrong code, however often the page is drawn again (a language switch, a
    tap) with it; a lockout, which ends, is asked again. The check-in itself checks
    everything again."""
    session_id, code = link_params()
    seen: dict[tuple[int, str], PublicSession] = st.session_state.setdefault(SEEN, {})
    refused: dict[tuple[int, str], EnergyError] = st.session_state.setdefault(REFUSED, {})
    if session_id is None:
        st.error(t("error.self_checkin_link"), icon=":material/link_off:")
        return None
    link = (session_id, code)
    if link in seen:
        return seen[link]
    if link in refused:
        show_error(refused[link])
        return None
    try:
        found = checkin_public.public_session(
            session_id, code, client=client_address(), now=clock.now()
        )
    except EnergyError as exc:
        if exc.key != "error.checkin_locked":  # a link's codes only grow older
            refused[link] = exc
        show_error(exc)
        return None
    seen[link] = found
    return found


def _phase(shown: PublicSession) -> str:
    """The phase now (a page left open passes the session's end)."""
    cancelled = shown.phase == CANCELLED
    return checkin_window(shown.starts_at, shown.ends_at).phase(clock.now(), cancelled=cancelled)


def _session_card(shown: PublicSession) -> None:
    start, end = (shown.starts_at.astimezone(SEOUL), shown.ends_at.astimezone(SEOUL))
    with st.container(border=True):
        st.markdown(f"#### {md(shown.title(lang()))}")
        st.markdown(
            md(t("checkin.session_when", start=f"{start:%H:%M}", end=f"{end:%H:%M}",
                 venue=shown.venue_name))
        )  # fmt: skip


def _why_not(shown: PublicSession) -> None:
    phase = _phase(shown)
    if phase == CANCELLED:
        st.warning(t("error.checkin_cancelled"), icon=":material/event_busy:")
    elif phase == ENDED:
        st.warning(
            t("error.checkin_ended", time=local_time(shown.ends_at)),
            icon=":material/event_available:",
        )
    elif phase == BEFORE:
        opens = checkin_window(shown.starts_at, shown.ends_at).opens_at
        minutes = int((shown.starts_at - opens).total_seconds() // 60)
        st.info(t("checkin.phase_before", time=local_time(opens), minutes=minutes),
                icon=":material/schedule:")  # fmt: skip


def _form(shown: PublicSession) -> None:
    _, code = link_params()
    if CODE not in st.session_state:
        st.session_state[CODE] = code
    villages = {v.id: v.label(lang()) for v in shown.villages}  # (words of this run)
    with st.container(key="checkin-public"):
        village = st.selectbox(
            t("checkin.village"), list(villages),
            index=0 if len(villages) == 1 else None,
            format_func=villages.__getitem__,
            placeholder=t("checkin.village_placeholder"), key=choice(VILLAGE),
        )  # fmt: skip
        st.text_input(
            t("checkin.name"), key=NAME, max_chars=60, help=t("checkin.name_help"),
            autocomplete="name",
        )  # fmt: skip
        st.text_input(
            t("checkin.code"), key=CODE, max_chars=9, placeholder="000 000",
            help=t("checkin.link_code"),
        )  # fmt: skip
        pressed = st.button(
            t("checkin.submit"), type="primary", width="stretch", icon=":material/how_to_reg:",
            key="checkin.public.submit",
        )  # fmt: skip
    if not pressed:
        return
    if village is None:
        st.error(t("error.self_checkin_village"), icon=":material/error:")
        return
    try:
        receipt = checkin_public.self_check_in(
            shown.id, st.session_state[CODE], village, st.session_state.get(NAME, ""),
            client_address(), now=clock.now(),
        )  # fmt: skip
    except EnergyError as exc:
        show_error(exc)
    else:
        st.session_state[RECEIPT] = receipt
        st.session_state[USED] = st.session_state[CODE]
        st.rerun()


def _receipt(receipt: SelfCheckInReceipt) -> None:
    """The same for a name found on the list and one the trainer will confirm."""
    s = receipt.session
    start, end = (s.starts_at.astimezone(SEOUL), s.ends_at.astimezone(SEOUL))
    body = t("checkin.received_body", name=receipt.name, village=receipt.village.label(lang()),
             time=local_time(receipt.at))  # fmt: skip
    st.markdown(
        f'<div style="{DONE_STYLE}" role="status">'
        '<div style="font-size:4.5rem;line-height:1;color:#2e7d32">&#10004;</div>'
        f'<div style="font-size:2rem;font-weight:800;margin:.4rem 0">'
        f"{html_text(t('checkin.received_title'))}</div>"
        f'<div style="font-size:1.2rem">{html_text(body)}</div>'
        f'<div style="margin-top:.6rem">{html_text(t("checkin.received_note"))}</div>'
        f'<div style="margin-top:.6rem;opacity:.8">{html_text(s.title(lang()))} · '
        f"{start:%H:%M}–{end:%H:%M}</div></div>",
        unsafe_allow_html=True,
    )
    with st.container(key="checkin-public"):
        st.button(
            t("checkin.another"), icon=":material/person_add:", width="stretch",
            on_click=_another, key="checkin.public.another",
        )  # fmt: skip


def _another() -> None:
    """Someone else on the same phone: the village and code stay, the name goes (the code
    field was not drawn under the receipt, so its value is given back to it)."""
    for key in (RECEIPT, NAME):
        st.session_state.pop(key, None)
    st.session_state[CODE] = st.session_state.get(USED, "")
