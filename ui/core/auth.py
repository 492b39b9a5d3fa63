"""The guard every page calls first, and the login screen.

A page deep-linked on a fresh server runs without ``app.py`` (see ARCHITECTURE.md), so the
guard itself prepares the store, shows the login screen to a stranger and stops the script.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from energy.accounts import users as accounts
from energy.core.access import Actor, can_open_page
from energy.core.config import get_settings
from energy.core.errors import EnergyError, StoreAhead, StoreBehind
from energy.store import db
from energy.store.models.base import utcnow
from ui.core import state
from ui.core.i18n import lang, t

# Re-read the account from the store at most this often, so a disabled account or a changed
# role takes effect within a minute without a query on every click.
ACCOUNT_RECHECK_SECONDS = 60


def prepare_store() -> None:
    """Create/upgrade the embedded store, or stop with the command a server store needs."""
    try:
        db.ensure_store()
    except StoreBehind as exc:
        st.error(t("store.behind_title"), icon=":material/database:")
        st.markdown(t("store.behind_body", current=exc.params["current"], head=exc.params["head"]))
        st.code("python -m energy db upgrade", language="bash")
        st.stop()
    except StoreAhead as exc:
        st.error(exc.message(lang()), icon=":material/database:")
        st.stop()


def logout(*, expired: bool = False) -> None:
    for key in (state.ACTOR, state.LAST_SEEN, state.CHECKED_AT, state.DEMO):
        st.session_state.pop(key, None)
    if expired:
        st.session_state[state.EXPIRED] = True


def current_actor() -> Actor | None:
    """The logged-in actor, or ``None`` (idle sessions expire; disabled accounts drop out)."""
    actor: Actor | None = st.session_state.get(state.ACTOR)
    if actor is None:
        return None
    now = utcnow()
    last_seen: dt.datetime | None = st.session_state.get(state.LAST_SEEN)
    idle = dt.timedelta(minutes=get_settings().session_idle_minutes)
    if last_seen is not None and now - last_seen > idle:
        logout(expired=True)
        return None
    checked: dt.datetime | None = st.session_state.get(state.CHECKED_AT)
    if checked is None or (now - checked).total_seconds() > ACCOUNT_RECHECK_SECONDS:
        fresh = accounts.refresh_actor(actor)
        if fresh is None:
            logout()
            return None
        actor = fresh
        st.session_state[state.ACTOR] = fresh
        st.session_state[state.CHECKED_AT] = now
    st.session_state[state.LAST_SEEN] = now
    return actor


def sign_in(actor: Actor) -> None:
    now = utcnow()
    st.session_state[state.ACTOR] = actor
    st.session_state[state.LAST_SEEN] = now
    st.session_state[state.CHECKED_AT] = now
    st.session_state[state.LANG] = actor.language
    st.session_state.pop(state.EXPIRED, None)


def login_screen() -> None:
    """The login form (also what a stranger sees on any deep link)."""
    from ui.core.chrome import language_switch

    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        _, switch = st.columns([3, 2])
        language_switch(None, where=switch)
        st.title(t("app.title"))
        st.caption(t("login.subtitle"))
        if st.session_state.get(state.EXPIRED):
            st.info(t("login.expired"), icon=":material/schedule:")
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
                result = accounts.authenticate(username, password)
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
        from ui.call.home import signup_form

        signup_form()


def guard(page: str) -> Actor:
    """First call of every page: the logged-in actor allowed on ``page``, or stop here."""
    from ui.core.chrome import draw_chrome

    prepare_store()
    actor = current_actor()
    if actor is None:
        login_screen()
        st.stop()
    assert actor is not None
    draw_chrome(actor)
    if not can_open_page(actor, page):
        st.error(t("error.access_denied"), icon=":material/block:")
        st.stop()
    return actor
