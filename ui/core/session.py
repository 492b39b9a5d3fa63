"""Who is logged in: the store made ready, signing in and out, the account re-checked.

Kept apart from :mod:`ui.core.auth` (which draws the login screen and the guard) so that
the chrome and the applicants' sign-up can sign people in and out without importing the
screens that import them.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from energy.accounts import limits, sso
from energy.accounts import users as accounts
from energy.core.access import Actor
from energy.core.config import get_settings, session_idle_minutes
from energy.core.errors import StoreAhead, StoreBehind
from energy.demo.load import DEMO_STEPS, ensure_store_with_demo, store_ready
from ui.core import identity, state
from ui.core.first_start import waiting_line
from ui.core.i18n import lang, t

# Re-read the account from the store at most this often, so a disabled account or a changed
# role takes effect within a minute without a query on every click.
ACCOUNT_RECHECK_SECONDS = 60


def prepare_store(announced: DeltaGenerator | None = None) -> None:
    """Create/upgrade the embedded store, or stop with the command a server store needs. The
    first start of a new install says what it prepares and how far it is (the demo data take
    a while); a second visitor meanwhile sees the same line while it waits. ``announced``:
    the place where ``app.py`` already drew the waiting line (ui.core.first_start)."""
    if store_ready():
        if announced is not None:
            announced.empty()
        return
    shown = announced if announced is not None else st.empty()

    def progress(step: str) -> None:
        number = DEMO_STEPS.index(step) + 1
        with shown.container():
            waiting_line()
            st.progress(
                number / (len(DEMO_STEPS) + 1),
                text=t("prepare.line", step=t(f"prepare.{step}"), n=number, total=len(DEMO_STEPS)),
            )

    if announced is None:
        with shown.container():
            waiting_line()
    try:
        ensure_store_with_demo(progress=progress)
    except StoreBehind as exc:
        st.error(t("store.behind_title"), icon=":material/database:")
        st.markdown(t("store.behind_body", current=exc.params["current"], head=exc.params["head"]))
        st.code("python -m energy db upgrade", language="bash")
        st.stop()
    except StoreAhead as exc:
        st.error(exc.message(lang()), icon=":material/database:")
        st.stop()
    finally:
        shown.empty()


def client_address() -> str | None:
    """Where this session's browser connects from, for the login and sign-up limits
    (``energy.accounts.limits.client_address``; ``ENERGY_TRUSTED_PROXIES`` behind a proxy).
    ``None`` on this machine."""
    forwarded = st.context.headers.get("X-Forwarded-For")
    direct = st.context.ip_address
    return limits.client_address(
        forwarded if isinstance(forwarded, str) else None,
        direct if isinstance(direct, str) else None,  # a test harness may give an object
        get_settings().trusted_proxies,
    )


def logout(*, expired: bool = False) -> None:
    """End this session's login; a city account's identity cookie goes too (so that it
    cannot log the person in again on the next page), without leaving the page."""
    for key in (state.ACTOR, state.LAST_SEEN, state.CHECKED_AT, state.DEMO, state.LOGIN_METHOD):
        st.session_state.pop(key, None)
    identity.forget()
    if expired:
        st.session_state[state.EXPIRED] = True


def end_session() -> None:
    """The menu's log out: this session and, after a login with the city account, the
    identity cookie and, where the provider offers it, the provider's own session (the
    browser passes through the provider's logout and comes back to the login screen)."""
    with_identity = identity.claims() is not None
    logout()
    if with_identity:
        identity.end()
        st.stop()
    st.rerun()


def current_actor() -> Actor | None:
    """The logged-in actor, or ``None`` (idle sessions expire; disabled accounts drop out).

    A new session (a page reload, a new tab) has no actor yet: a browser that logged in with
    the city account logs in again from its identity cookie."""
    actor: Actor | None = st.session_state.get(state.ACTOR)
    if actor is None:
        return _actor_from_identity()
    now = dt.datetime.now(dt.UTC)
    if _idle_too_long(now):
        logout(expired=True)
        return None
    checked: dt.datetime | None = st.session_state.get(state.CHECKED_AT)
    if checked is None or (now - checked).total_seconds() > ACCOUNT_RECHECK_SECONDS:
        city_account = st.session_state.get(state.LOGIN_METHOD) == sso.METHOD
        fresh = (sso.refresh_actor if city_account else accounts.refresh_actor)(actor)
        if fresh is None:
            logout()
            return None
        actor = fresh
        st.session_state[state.ACTOR] = fresh
        st.session_state[state.CHECKED_AT] = now
    st.session_state[state.LAST_SEEN] = now
    return actor


def _actor_from_identity() -> Actor | None:
    """The account of the city identity this browser holds, signed in; a refused identity
    is let go of (so the person can try another), and the login screen says why."""
    claims = identity.claims()
    if claims is None:
        return None
    result = sso.log_in_with_identity(claims)
    if result.actor is None:
        account = next((str(claims[k]) for k in ("email", "name", "sub") if claims.get(k)), "?")
        st.session_state[state.SSO_REFUSED] = {
            "key": f"login.sso.{result.reason}",
            "account": account,
            "name": result.username or "",
        }
        identity.forget()
        return None
    sign_in(result.actor, method=sso.METHOD)
    return result.actor


def _idle_too_long(now: dt.datetime) -> bool:
    last_seen: dt.datetime | None = st.session_state.get(state.LAST_SEEN)
    idle = dt.timedelta(minutes=session_idle_minutes())
    return last_seen is not None and now - last_seen > idle


def touch() -> None:
    """Note activity that reran only part of the page (a fragment's button), which the idle
    timeout would otherwise not see."""
    if st.session_state.get(state.ACTOR) is not None:
        st.session_state[state.LAST_SEEN] = dt.datetime.now(dt.UTC)


def idle_check_seconds() -> int:
    """How often an open page checks whether its session has been idle too long: a quarter of
    the idle time, between 2 seconds and a minute."""
    return max(2, min(60, int(session_idle_minutes() * 60 / 4)))


def idle_watch() -> None:
    """End an idle session on screen without waiting for a click: every
    :func:`idle_check_seconds` the page asks itself (a fragment that draws nothing) and, once
    the idle time has passed, logs out and shows the login, so what was on screen is gone."""

    @st.fragment(run_every=idle_check_seconds())
    def watch() -> None:
        if _idle_too_long(dt.datetime.now(dt.UTC)):
            logout(expired=True)
            st.rerun(scope="app")

    watch()


def sign_in(actor: Actor, *, method: str = "password") -> None:
    now = dt.datetime.now(dt.UTC)
    st.session_state[state.ACTOR] = actor
    st.session_state[state.LOGIN_METHOD] = method
    st.session_state[state.LAST_SEEN] = now
    st.session_state[state.CHECKED_AT] = now
    st.session_state[state.LANG] = actor.language
    st.session_state.pop(state.EXPIRED, None)
    st.session_state.pop(state.SSO_REFUSED, None)
