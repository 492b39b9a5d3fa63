"""An applicant's home, and self-registration from the login page."""

from __future__ import annotations

import contextlib

import streamlit as st
from streamlit.errors import StreamlitAPIException

from energy.accounts import applicants
from energy.accounts import users as accounts
from energy.call import applications, calls
from energy.core.access import Actor
from energy.core.errors import EnergyError
from ui.core import state
from ui.core.chrome import page_header
from ui.core.i18n import lang, t, today
from ui.core.markup import t_md
from ui.core.nav import page_path
from ui.core.session import client_address, sign_in
from ui.core.widgets import show_error


def applicant_home(actor: Actor) -> None:
    page_header("home.applicant_title", "home.applicant_caption", name=actor.display_name)
    made = st.session_state.pop(state.SIGNED_UP, None)
    if made == actor.username:  # just signed up: the sign-in name they must keep
        st.success(t_md("signup.your_name", username=actor.username), icon=":material/key:")
    else:
        st.caption(t_md("home.applicant_signin_name", username=actor.username))
    open_now = calls.open_calls(actor, today=today())
    for call in open_now:
        st.info(
            t_md("home.applicant_open", call=call.label, closes=call.closes_on.isoformat()),
            icon=":material/campaign:",
        )
    if not open_now:
        st.info(t("apply.no_open_call"), icon=":material/info:")
    mine = applications.list_applications(actor)
    st.markdown(t("home.applicant_count", n=len(mine)))
    # A page run on its own (no app.py, e.g. in a test) knows no other pages.
    with contextlib.suppress(StreamlitAPIException):
        st.page_link(page_path("apply"), label=t("page.apply"), icon=":material/edit_document:")


def signup_form() -> None:
    """A resident group makes its own applicant account, then is logged in."""
    # The form is drawn only when asked for, so the login form is the page's only form.
    if not st.toggle(t("signup.title"), key="signup.open"):
        return
    with st.form("signup", border=True):
        st.caption(t("signup.help"))
        username = st.text_input(
            t("signup.username"), key="signup.username", help=t("signup.username_help")
        )
        display = st.text_input(t("signup.display_name"), key="signup.display")
        password = st.text_input(t("login.password"), type="password", key="signup.password")
        again = st.text_input(t("signup.password_again"), type="password", key="signup.again")
        submitted = st.form_submit_button(t("signup.submit"), width="stretch")
    if submitted:
        if password != again:
            st.error(t("signup.mismatch"))
            return
        client = client_address()
        try:
            made = applicants.register_applicant(
                username=username,
                password=password,
                display_name=display,
                language=lang(),
                client=client,
            )
            result = accounts.authenticate(made.username, password, client=client)
        except EnergyError as exc:
            show_error(exc)
            return
        if result.actor is not None:
            sign_in(result.actor)
            st.session_state[state.SIGNED_UP] = made.username
            st.rerun()
