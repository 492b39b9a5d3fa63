"""What surrounds every page: sidebar (who, language, log out), demo banner, headers."""

from __future__ import annotations

import contextlib
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAPIException

from energy.accounts import users as accounts
from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.demo import load as demo
from ui.core import state
from ui.core.i18n import lang, t
from ui.core.markup import md, t_md
from ui.core.nav import menu_drawn_by_streamlit, pages_for
from ui.core.session import idle_watch, logout

LANGUAGE_LABELS = {"ko": "한국어", "en": "English"}


def _on_language_change(actor: Actor | None) -> None:
    chosen = st.session_state.get(state.LANG_CHOICE)
    if chosen not in LANGUAGE_LABELS:
        return
    st.session_state[state.LANG] = chosen
    if actor is not None:
        # Remembering the choice is a courtesy; the session keeps it anyway.
        with contextlib.suppress(EnergyError):
            accounts.set_language(actor, chosen)


def language_switch(actor: Actor | None, *, where: Any) -> None:
    st.session_state[state.LANG_CHOICE] = lang()
    where.segmented_control(
        t("chrome.language"),
        options=list(LANGUAGE_LABELS),
        format_func=LANGUAGE_LABELS.__getitem__,
        key=state.LANG_CHOICE,
        on_change=_on_language_change,
        args=(actor,),
        label_visibility="collapsed",
    )


def _is_demo() -> bool:
    if state.DEMO not in st.session_state:
        st.session_state[state.DEMO] = demo.is_demo_store()
    return bool(st.session_state[state.DEMO])


def navigation_links(actor: Actor) -> None:
    """The pages ``actor`` may use, grouped in sections, as page links: for a page run without
    app.py, whose ``st.navigation`` otherwise draws the same menu."""

    section = None
    for spec in pages_for(actor):
        if spec.section_key != section:
            section = spec.section_key
            st.caption(t(section))
        try:
            st.page_link(spec.path, label=t(spec.title_key), icon=spec.icon, width="stretch")
        except StreamlitAPIException:
            # A page file run on its own (no app.py, e.g. in a test) knows no other pages.
            return


def draw_chrome(actor: Actor) -> None:

    with st.sidebar:
        if not menu_drawn_by_streamlit():  # Streamlit's menu has its own rule beneath it
            st.markdown(f"**{t('app.short_title')}**")
            navigation_links(actor)
            st.divider()
        st.caption(f"{md(actor.display_name or actor.username)} · {t('role.' + actor.role)}")
        language_switch(actor, where=st)
        if st.button(t("chrome.logout"), icon=":material/logout:", key="chrome.logout"):
            logout()
            st.rerun()
        idle_watch()
    if _is_demo():  # (keyed: the town hall's presentation mode hides it)
        with st.container(key="demo-banner"):
            st.warning(t("chrome.demo_banner"), icon=":material/science:")
    flash = st.session_state.pop(state.FLASH, None)
    if flash:
        kind, message = flash
        (st.success if kind == "success" else st.info)(message)


def flash(message: str, kind: str = "success") -> None:
    """Show ``message`` once, after the rerun that a write triggers."""
    st.session_state[state.FLASH] = (kind, message)


# Korean breaks only between words (keep-all), never inside one ("에코마/일리지" on a phone);
# a string with no place to break (a long code, a link) may still wrap rather than overflow.
TYPOGRAPHY = """<style>
[data-testid="stAppViewContainer"], [data-testid="stAppViewContainer"] *,
[data-testid="stSidebar"], [data-testid="stSidebar"] * {
  word-break: keep-all !important;
  overflow-wrap: break-word;
}
</style>"""


def typography() -> None:
    """The app's text rules, once per run (a style-only block takes no room on the page)."""
    st.html(TYPOGRAPHY)


def page_header(title_key: str, caption_key: str | None = None, **params: Any) -> None:
    st.title(t_md(title_key, **params))
    if caption_key:
        st.caption(t_md(caption_key, **params))
