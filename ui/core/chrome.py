"""What surrounds every page: sidebar (who, language, log out), demo banner, headers."""

from __future__ import annotations

import contextlib
import re
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAPIException

from energy.accounts import users as accounts
from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.demo import load as demo
from ui.core import state
from ui.core.forms import ENTER_SENDS
from ui.core.i18n import lang, t
from ui.core.markup import md, t_md
from ui.core.nav import menu_drawn_by_streamlit, pages_for, phone_bar_pages
from ui.core.session import end_session, idle_watch
from ui.core.streamlit_words import words_script

LANGUAGE_LABELS = {"ko": "한국어", "en": "English"}


def _on_language_change(actor: Actor | None) -> None:
    choose_language(actor, st.session_state.get(state.LANG_CHOICE))


def choose_language(actor: Actor | None, chosen: str | None) -> None:
    """Switch the session to ``chosen`` and remember it on the account (the sidebar's switch
    and the account page's both call this, from their widgets' callbacks)."""
    if chosen is None or chosen not in LANGUAGE_LABELS:
        return
    st.session_state[state.LANG] = chosen
    # A choice is kept as its code; set again, Streamlit sends it to the browser, which then
    # shows it in the new language (unset, the browser kept the old words, or lost a radio's).
    for key in st.session_state.get(state.CHOICES, set()) & set(st.session_state.keys()):
        st.session_state[key] = st.session_state[key]
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


def phone_bar(actor: Actor) -> None:
    """A committee's everyday pages as a bar at the foot of a phone's screen (hidden on wider
    screens by PHONE_CSS): a tap opens the page, with no menu to open and close first."""
    specs = phone_bar_pages(actor)
    if not specs:
        return
    with st.container(key="phone-bar", horizontal=True, gap=None):
        for spec in specs:
            try:
                st.page_link(spec.path, label=t(spec.short_key), icon=spec.icon, width="stretch")
            except StreamlitAPIException:
                return  # a page file run on its own knows no other pages


def draw_chrome(actor: Actor) -> None:

    with st.sidebar:
        if not menu_drawn_by_streamlit():  # Streamlit's menu has its own rule beneath it
            st.markdown(f"**{t('app.short_title')}**")
            navigation_links(actor)
            st.divider()
        st.caption(f"{md(actor.display_name or actor.username)} · {t('role.' + actor.role)}")
        language_switch(actor, where=st)
        if st.button(t("chrome.logout"), icon=":material/logout:", key="chrome.logout"):
            end_session()
        idle_watch()
    phone_bar(actor)
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
/* Streamlit's own English hint under a field ("Press Enter to submit form") on a Korean page:
   Enter still submits; the button says what it does. */
[data-testid="InputInstructions"] { display: none !important; }
</style>"""


# On a phone (Streamlit lays the sidebar over the page below 768 px) the menu closes once a
# page is chosen in it; the bottom bar stands at the foot of the screen, the page's end kept
# clear of it.
PHONE_CSS = """<style>
.st-key-phone-bar { display: none !important; }
@media (max-width: 767.98px) {
  .st-key-phone-bar {
    display: flex !important; position: fixed; left: 0; right: 0; bottom: 0; z-index: 999980;
    padding: 0.25rem 0.25rem calc(0.25rem + env(safe-area-inset-bottom));
    background: var(--background-color, #fff); border-top: 1px solid rgba(49, 51, 63, 0.15);
    box-shadow: 0 -2px 8px rgba(0, 0, 0, 0.06); flex-wrap: nowrap !important;
  }
  .st-key-phone-bar > div { flex: 1 1 0; min-width: 0; }
  .st-key-phone-bar a {
    flex-direction: column; gap: 0.1rem; padding: 0.3rem 0.1rem; justify-content: center;
  }
  .st-key-phone-bar a p { font-size: 0.78rem; line-height: 1.1; text-align: center; }
  [data-testid="stMain"]:has(.st-key-phone-bar) .block-container { padding-bottom: 6rem; }
}
</style>"""
CLOSE_MENU_ON_PHONE = """<script id="energy-menu-closer">
if (!window.energyMenuCloser) {
  window.energyMenuCloser = true;
  document.addEventListener("click", (event) => {
    if (window.innerWidth >= 768 || !event.target.closest('[data-testid="stSidebarNav"] a')) {
      return;
    }
    setTimeout(() => {
      const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (close) close.click();
    }, 0);
  }, true);
}
</script>"""


# Streamlit's file chooser speaks English: its button ("Upload"), the line beside it ("25MB per
# file • CSV, XLSX") and what it shows while a file is dragged over it ("Drag and drop a file
# here"). Each chooser's page says its types and size limit in the reader's language (a caption
# or the label), so the line is hidden and the two texts are drawn in the reader's words
# (hidden, not only shrunk, Streamlit's words are neither read out nor in the page's text).
UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzoneInstructions"] {{ display: none; }}
[data-testid="stFileUploaderDropzone"] > span > button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzone"] > div > span:only-child {{
  font-size: 0; visibility: hidden;
}}
[data-testid="stFileUploaderDropzone"] > span > button [data-testid="stMarkdownContainer"] p::after {{
  content: "{choose_one}"; font-size: 0.875rem; visibility: visible;
}}
[data-testid="stFileUploaderDropzone"]:has(> input[multiple]) > span > button p::after {{
  content: "{choose_many}";
}}
[data-testid="stFileUploaderDropzone"] > div > span:only-child::after {{
  content: "{drop_one}"; font-size: 0.875rem; visibility: visible;
}}
[data-testid="stFileUploaderDropzone"]:has(> input[multiple]) > div > span:only-child::after {{
  content: "{drop_many}";
}}
</style>"""


def _uploader_css() -> str:
    words = {
        key: t(f"chrome.upload.{key}")
        for key in ("choose_one", "choose_many", "drop_one", "drop_many")
    }
    return UPLOADER_CSS.format(**{k: re.sub(r'["\\<>{}]', "", v) for k, v in words.items()})


# ui.core.widgets.equal_row: a horizontal container drawn as st.columns(n) with one element in
# each (n + 1 messages, one block per column) would be. Each element takes an equal share of the
# row (st.columns: flex 1 1 calc(100%/n - gap)), a page link keeping its own width in it; below
# Streamlit's 640 px breakpoint for columns each takes a line of its own, as stacked columns do.
# Measured element by element against st.columns (metrics, page links; 3-5 a row; 390-1280 px
# wide): the same boxes.
EQUAL_ROW_KEY = "equal-row-"
EQUAL_ROW_CSS = """<style>
[class*="st-key-equal-row-"] > [data-testid="stElementContainer"] {
  flex: 1 1 0%; min-width: 0;
}
/* a link keeps its own width within its share, as in a column */
[class*="st-key-equal-row-"] > [data-testid="stElementContainer"] > [data-testid="stPageLink"] {
  width: fit-content; max-width: 100%;
}
@media (max-width: 640px) {
  [class*="st-key-equal-row-"] > [data-testid="stElementContainer"] {
    min-width: calc(100% - 24px);
  }
}
</style>"""


def typography() -> None:
    """The app's text and phone rules, the phone's menu closer, Enter sending a held form
    (ui.core.forms) and Streamlit's own English put into the reader's words
    (ui.core.streamlit_words), once per run, in one block: one message
    (a rerun's cost grows with its messages), whose text changes only with the language. The
    browser runs its scripts when it first arrives and again only after a switch of language,
    and from the second run on Streamlit sends a reference to the copy the browser keeps (its
    message cache takes any element of 10 kB or more) instead of the block."""
    st.html(
        TYPOGRAPHY
        + PHONE_CSS
        + EQUAL_ROW_CSS
        + _uploader_css()
        + CLOSE_MENU_ON_PHONE
        + ENTER_SENDS
        + words_script(lang()),
        unsafe_allow_javascript=True,
    )


def page_header(title_key: str, caption_key: str | None = None, **params: Any) -> None:
    st.title(t_md(title_key, **params))
    if caption_key:
        st.caption(t_md(caption_key, **params))
