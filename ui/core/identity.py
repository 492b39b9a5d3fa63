"""The city account in the browser: Streamlit's ``st.login``/``st.user``/``st.logout``.

Streamlit keeps the identity the provider vouched for in a signed, HttpOnly cookie for 30 days
(``_streamlit_user``) and reads it into ``st.user`` when a session starts, so a page reload
finds the person again (:mod:`ui.core.session` maps it to an account on every new session).
This module only knows whether the provider is configured, what the identity says, and how to
let go of it:

- :func:`end` is ``st.logout()``: the browser goes to Streamlit's ``/auth/logout``, which
  deletes the cookie and, where the provider offers an ``end_session_endpoint``, ends the
  provider's session too before coming back (the menu's log out);
- :func:`forget` drops the cookie without leaving the page (an idle logout, a refusal), so
  the login screen can still say why: the next page the browser draws calls the same
  ``/auth/logout`` in the background, without following it to the provider, and this session
  stops reading ``st.user``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import streamlit as st

from ui.core import state

# What Streamlit needs in ``[auth]`` of secrets.toml for its default provider.
AUTH_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
LOGOUT_PATH = "auth/logout"  # Streamlit's route that deletes the identity cookie


def configured() -> bool:
    """Whether secrets.toml configures the city's identity provider (``[auth]``)."""
    if not st.secrets.load_if_toml_exists():
        return False
    auth = st.secrets.get("auth")
    return isinstance(auth, Mapping) and all(auth.get(key) for key in AUTH_KEYS)


def claims() -> dict[str, Any] | None:
    """The identity this browser logged in with (the ID token's claims), or ``None``: none,
    no provider configured, or this session let go of it (:func:`forget`)."""
    if st.session_state.get(state.IDENTITY_DROPPED) or not configured():
        return None
    if not st.user.get("is_logged_in"):
        return None
    return {key: value for key, value in st.user.to_dict().items() if key != "tokens"}


def log_in() -> None:
    """Off to the provider (Streamlit's ``/auth/login``); it comes back to the app's start."""
    st.login()


def end() -> None:
    """Log out of the identity: cookie and, where the provider has one, its session. The
    browser leaves the page (and comes back to the login screen)."""
    st.session_state[state.IDENTITY_DROPPED] = True
    st.logout()


def forget() -> None:
    """Let go of this browser's identity without leaving the page (see the module's note)."""
    if claims() is None:
        return
    st.session_state[state.IDENTITY_DROPPED] = True
    st.session_state[state.IDENTITY_FORGET] = True


def drop_cookie() -> None:
    """Where :func:`forget` was called, have the browser delete the identity cookie now: a
    background request to Streamlit's logout route, whose redirect (to the provider's logout)
    is not followed. Called by the login screen, the page drawn after a forget."""
    if not st.session_state.pop(state.IDENTITY_FORGET, False):
        return
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    path = "/" + "/".join(part for part in (base, LOGOUT_PATH) if part)
    st.html(
        f"<script>fetch({json.dumps(path)}, {{credentials: 'same-origin', redirect: 'manual'}})"
        "</script>",
        unsafe_allow_javascript=True,
    )
