"""The first thing a new install's first visitor sees, before the app's heavy modules load.

``app.py`` calls :func:`announce_first_start` right after the page configuration and before
it imports the rest of the app (pandas, SQLAlchemy, the demo builder: about 2 s on this
machine). On a new embedded install (the store's file not there yet) it draws, at once, the
line saying what is being prepared; :func:`ui.core.session.prepare_store` then fills the same
place with the steps as the demo store is built, and empties it when the store is ready.
Anywhere else it draws nothing and costs a file-system look-up. This module imports only the
settings and the translation helper.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from energy.core.config import get_settings
from ui.core.i18n import t


def _embedded_file(url: str) -> Path | None:
    """The file of a ``sqlite:///PATH`` store (``None``: a server store or in memory)."""
    if not url.startswith("sqlite"):
        return None
    path = unquote(urlsplit(url).path)
    path = path[1:] if path.startswith("/") and not url.startswith("sqlite:////") else path
    return Path(path) if path and path != ":memory:" else None


def new_install() -> bool:
    """Whether the embedded store has not been made yet (a new install's first start)."""
    store = _embedded_file(get_settings().database_url)
    return store is not None and not (store.exists() and store.stat().st_size > 0)


def waiting_line() -> None:
    """The title and the line a visitor reads while the store is prepared."""
    st.subheader(t("app.title"), anchor=False)
    st.info(t("prepare.waiting"), icon=":material/hourglass_top:")


def announce_first_start() -> DeltaGenerator | None:
    """On a new install, the place holding the waiting line (drawn now); else ``None``."""
    if not new_install():
        return None
    shown = st.empty()
    with shown.container():
        waiting_line()
    return shown
