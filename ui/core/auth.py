"""The guard every page calls first, and the login screen.

A page deep-linked on a fresh server runs without ``app.py`` (see ARCHITECTURE.md), so the
guard itself prepares the store, shows the login screen to a stranger and stops the script.
A password-reset link (``/?reset=TOKEN``, mailed by ``energy.accounts.password_reset``)
opens the login screen's new-password form, whoever is logged in.

A public page (``energy.core.access.PUBLIC_PAGES``: the check-in page) calls
``guard(page, public=True)``: a visitor with no login who brings what the page's address must
hold (the QR code's session and code) gets ``None`` and the page draws its public screen,
whose every read and write is checked by the library; without it, the login screen as on
every other page. No other page can be opened this way: ``public=True`` on a page that is not
listed there is an error.
"""

from __future__ import annotations

from typing import Literal, overload

import streamlit as st

from energy.accounts import users as accounts
from energy.core.access import PUBLIC_PAGES, Actor, can_open_page
from energy.core.errors import EnergyError
from ui.accounts.password_reset import forgot_password, new_password, reset_token
from ui.call.home import signup_form
from ui.core import identity, state
from ui.core.chrome import draw_chrome, language_switch, typography
from ui.core.i18n import lang, t
from ui.core.markup import t_md
from ui.core.nav import run_by_app
from ui.core.session import client_address, current_actor, prepare_store, sign_in


def login_screen() -> None:
    """The login form (also what a stranger sees on any deep link)."""

    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        _, switch = st.columns([3, 2])
        language_switch(None, where=switch)
        st.title(t("app.title"))
        st.caption(t("login.subtitle"))
        token = reset_token()
        if token is not None:
            new_password(token)
            return
        if st.session_state.pop(state.RESET_DONE, None):
            st.success(t("reset.done"), icon=":material/lock_reset:")
        elif st.session_state.get(state.EXPIRED):
            st.info(t("login.expired"), icon=":material/schedule:")
        identity.drop_cookie()
        city_account_login()
        with st.form("login", border=True):
            username = st.text_input(
                t("login.username"), key="login.username", autocomplete="username"
            )
            password = st.text_input(
                t("login.password"),
                type="password",
                key="login.password",
                autocomplete="current-password",
            )
            submitted = st.form_submit_button(t("login.submit"), type="primary", width="stretch")
        if submitted:
            if not username.strip() or not password:
                st.error(t("login.missing"))
                return
            try:
                result = accounts.authenticate(username, password, client=client_address())
            except EnergyError as exc:
                st.error(exc.message(lang()))
                return
            if result.ok and result.actor is not None:
                sign_in(result.actor)
                st.rerun()
            elif result.reason == "locked":
                st.error(t("login.locked", minutes=result.locked_minutes), icon=":material/lock:")
            else:
                st.error(t("login.invalid"), icon=":material/error:")
        st.caption(t("login.help"))

        forgot_password()
        signup_form()


def city_account_login() -> None:
    """Where the city's identity provider is configured: why the last try with it was
    refused, if it was, and the button that logs in with it (for staff, reviewers, trainers
    and the town hall; committees and applicants use the form below it)."""
    refusal = st.session_state.get(state.SSO_REFUSED)
    if refusal:
        st.error(
            t_md(refusal["key"], account=refusal["account"], name=refusal["name"]),
            icon=":material/block:",
        )
        st.caption(t("login.sso.logged_out"))
    if not identity.configured():
        return
    with st.container(border=True, key="login-sso"):
        st.caption(t("login.sso.who"))
        if st.button(
            t("login.sso.button"),
            type="primary",
            icon=":material/account_balance:",
            key="login.sso",
            width="stretch",
        ):
            st.session_state.pop(state.SSO_REFUSED, None)
            identity.log_in()
    st.caption(t("login.sso.or_password"))


def public_link(page: str) -> bool:
    """Whether this address holds everything ``page`` needs to be opened without a login
    (``False`` for every page not in ``PUBLIC_PAGES``)."""
    needed = PUBLIC_PAGES.get(page)
    return needed is not None and all(str(st.query_params.get(k, "")).strip() for k in needed)


@overload
def guard(page: str) -> Actor: ...


@overload
def guard(page: str, *, public: Literal[True]) -> Actor | None: ...


def guard(page: str, *, public: bool = False) -> Actor | None:
    """First call of every page: the logged-in actor allowed on ``page``, or stop here.

    ``public`` (a page of ``PUBLIC_PAGES`` only): ``None`` for a visitor whose address holds
    the page's link (no login, or a login whose role does not use the page); the page then
    draws its public screen."""

    if public and page not in PUBLIC_PAGES:
        raise ValueError(f"{page} is not a public page (energy.core.access.PUBLIC_PAGES)")
    if not run_by_app():  # a deep link into a fresh server (ARCHITECTURE's trap) skips app.py
        typography()
    prepare_store()
    linked = public and public_link(page)
    actor = None if reset_token() is not None else current_actor()
    if actor is None:
        if linked and reset_token() is None:
            _, switch = st.columns([3, 2])
            language_switch(None, where=switch)
            return None
        login_screen()
        st.stop()
    assert actor is not None
    draw_chrome(actor)
    if not can_open_page(actor, page):
        if linked:  # a trainer's or reviewer's phone checks its owner in like anyone's
            return None
        st.error(t("error.access_denied"), icon=":material/block:")
        st.stop()
    return actor
