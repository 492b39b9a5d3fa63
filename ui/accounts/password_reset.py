"""The forgotten password on the login screen: "forgot your password?" asks for a link by
name or address (the same answer whoever is asked for), and the link (``/?reset=TOKEN``)
opens the new-password form instead of the login form."""

from __future__ import annotations

import streamlit as st

from energy.accounts import password_reset
from energy.core.errors import EnergyError
from energy.mail.queue import mail_enabled
from ui.core import state
from ui.core.i18n import t
from ui.core.markup import t_md
from ui.core.session import client_address, logout
from ui.core.widgets import show_error

QUERY = "reset"  # the link's query parameter
OPEN = "reset.open"  # the "forgot your password?" toggle


def reset_token() -> str | None:
    """The token of a reset link this page was opened with, if any."""
    token = st.query_params.get(QUERY)
    return token.strip() if isinstance(token, str) and token.strip() else None


def forgot_password() -> None:
    """The toggle "forgot your password?" and, opened, the request form (or, with mail off,
    whom to ask)."""
    if not st.toggle(t("reset.forgot"), key=OPEN):
        return
    if not mail_enabled():
        st.info(t("reset.mail_off"), icon=":material/support_agent:")
        return
    with st.form("reset.ask", border=True):
        st.caption(t("reset.ask_help"))
        typed = st.text_input(
            t("reset.name_or_address"), key="reset.who", autocomplete="username", max_chars=254
        )
        asked = st.form_submit_button(t("reset.ask_submit"), width="stretch")
    if not asked:
        return
    try:
        answer = password_reset.request_password_reset(typed, client=client_address())
    except EnergyError as exc:
        show_error(exc)
        return
    if answer.wait_minutes:
        st.error(t("reset.limited", minutes=answer.wait_minutes), icon=":material/schedule:")
    else:
        st.success(t("reset.asked"), icon=":material/mark_email_read:")


def new_password(token: str) -> None:
    """The form a reset link opens: the new password twice; then back to the login form,
    the account's name filled in."""
    st.subheader(t("reset.new_title"), anchor=False)
    link = password_reset.check_reset_link(token)
    if not link.ok:
        st.error(t(f"error.reset_link_{link.problem}"), icon=":material/link_off:")
        if st.button(t("reset.ask_again"), key="reset.again", icon=":material/mail:"):
            _back_to_login(ask_again=True)
        return
    with st.form("reset.new", border=True):
        st.markdown(t_md("reset.new_for", username=link.username))
        password = st.text_input(
            t("reset.new_password"),
            type="password",
            key="reset.password",
            autocomplete="new-password",
        )
        again = st.text_input(
            t("reset.new_again"), type="password", key="reset.repeat", autocomplete="new-password"
        )
        saved = st.form_submit_button(t("reset.new_submit"), type="primary", width="stretch")
    if st.button(t("reset.back_to_login"), key="reset.back", type="tertiary"):
        _back_to_login()
    if not saved:
        return
    if password != again:
        st.error(t("reset.mismatch"), icon=":material/error:")
        return
    try:
        username = password_reset.complete_password_reset(token, password, client=client_address())
    except EnergyError as exc:
        show_error(exc)
        return
    logout()  # whoever was logged in in this browser: the person now logs in anew
    st.session_state["login.username"] = username
    st.session_state[state.RESET_DONE] = True
    _back_to_login()


def _back_to_login(*, ask_again: bool = False) -> None:
    st.query_params.pop(QUERY, None)
    if ask_again:
        st.session_state[OPEN] = True
    st.rerun()
