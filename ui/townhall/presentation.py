"""The town hall on screen: one slide at a time in large type, a presentation mode that hides
the app around it, and an optional automatic advance.

The slides are :class:`energy.townhall.presentation.SlideView` objects, the same the deck is made of.
Nothing here loads anything from outside the app: no web fonts, no remote images, and the
charts use the Vega that Streamlit ships, so the room needs no network.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import streamlit as st

from energy.core.access import Actor
from energy.townhall import figures as townhall
from energy.townhall import presentation
from energy.townhall.presentation import SlideView
from ui.core import chart_view
from ui.core.i18n import lang, t, today
from ui.core.lookups import district_options
from ui.core.markup import html_text, md
from ui.core.session import touch
from ui.core.widgets import choice

INDEX = "townhall.index"  # the slide on screen (0-based)
SHOWN_AT = "townhall.shown_at"  # when it came on screen (monotonic seconds)
PRESENT = "townhall.present"  # presentation mode on/off
AUTO = "townhall.auto"  # automatic advance on/off
SECONDS = "townhall.seconds"  # seconds per slide when advancing automatically
SECONDS_CHOICES = (10, 15, 20, 30, 45, 60)

# Large type inside the slide only; the rest of the app keeps its own sizes.
SLIDE_CSS = """<style>
.st-key-townhall-slide h2 { font-size: 2.9rem; line-height: 1.2; padding-bottom: 0.2rem; }
.st-key-townhall-slide [data-testid="stCaptionContainer"] p { font-size: 1.15rem; }
.st-key-townhall-slide [data-testid="stMetricLabel"] p { font-size: 1.3rem; }
.st-key-townhall-slide [data-testid="stMetricValue"] { font-size: 3.4rem; font-weight: 700;
  color: #006B4F; }
.st-key-townhall-slide [data-testid="stAlert"] p { font-size: 1.6rem; }
.st-key-townhall-cover { margin: 4rem 0 2rem 0; }
.st-key-townhall-cover h2 { font-size: 4.4rem; color: #006B4F; }
</style>"""
# Markdown keeps inline styles (not classes): the quote and the cover are styled in place.
QUOTE_STYLE = "font-size:2.3rem;line-height:1.55;margin:2.5rem 3rem 1rem 3rem"
ATTRIBUTION_STYLE = "font-size:1.4rem;color:#595959;text-align:right;margin-right:3rem"
MUTED_STYLE = "color:#595959"
# Presentation mode: the sidebar, the toolbar and the header make room for the slide.
PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
.st-key-demo-banner {
  display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1.2rem; padding-bottom: 1rem;
  max-width: 100%; }
</style>"""


@dataclass(frozen=True)
class Settings:
    filters: townhall.TownHallFilter
    present: bool
    auto_seconds: int | None


def page_style(present: bool) -> None:
    st.html(SLIDE_CSS + (PRESENT_CSS if present else ""))


def _restart_clock() -> None:
    st.session_state[SHOWN_AT] = time.monotonic()


CHOICES = ("townhall.year", "townhall.district", PRESENT, AUTO, SECONDS)


def keep_choices() -> None:
    """Keep the setup screen's choices while presenting, when their widgets are not drawn
    (Streamlit forgets a widget's value after a run that does not draw it)."""
    for key in CHOICES:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def presenting() -> bool:
    return bool(st.session_state.get(PRESENT, False))


def settings_while_presenting() -> Settings:
    """The choices made on the setup screen, read back while only the slide is shown."""
    year = st.session_state.get("townhall.year") or townhall.default_year(today())
    district = st.session_state.get("townhall.district") or None
    auto = bool(st.session_state.get(AUTO, False))
    seconds = int(st.session_state.get(SECONDS, SECONDS_CHOICES[2]))
    return Settings(
        townhall.TownHallFilter(year=int(year), district=district), True, seconds if auto else None
    )


def _stop_presenting() -> None:
    st.session_state[PRESENT] = False
    touch()


def controls() -> Settings:
    """Year, district, presentation mode and automatic advance, in one row."""
    years = townhall.available_years(today())
    default = townhall.default_year(today())
    districts = {"": t("townhall.all_seoul"), **district_options()}
    c1, c2, c3, c4, c5 = st.columns([1, 1.6, 1.6, 1.8, 1], vertical_alignment="bottom")
    year = c1.selectbox(
        t("townhall.year"), years, index=years.index(default) if default in years else 0,
        key="townhall.year",
    )  # fmt: skip
    district = c2.selectbox(
        t("townhall.district"), list(districts), format_func=districts.__getitem__,
        key=choice("townhall.district"),
    )  # fmt: skip
    present = c3.toggle(t("townhall.present"), key=PRESENT, help=t("townhall.present_help"))
    auto = c4.toggle(t("townhall.auto"), key=AUTO, on_change=_restart_clock)
    seconds = c5.selectbox(
        t("townhall.seconds"), SECONDS_CHOICES, index=2, key=SECONDS, disabled=not auto
    )
    return Settings(
        townhall.TownHallFilter(year=int(year), district=district or None),
        present,
        int(seconds) if auto else None,
    )


def load_slides(actor: Actor, filters: townhall.TownHallFilter) -> list[SlideView]:
    return presentation.build_slides(actor, filters, lang(), today=today())


def _go(step: int, total: int) -> None:
    current = int(st.session_state.get(INDEX, 0))
    st.session_state[INDEX] = max(0, min(total - 1, current + step))
    _restart_clock()
    touch()  # the presenter is there: a click inside the slide counts as activity


def slideshow(views: list[SlideView], *, auto_seconds: int | None, notes: bool) -> None:
    """The slide on screen with previous/next (also the ←/→ keys); with ``auto_seconds`` the
    slides advance by themselves and start over after the last."""
    total = len(views)

    @st.fragment(run_every=auto_seconds)
    def show() -> None:
        index = min(int(st.session_state.get(INDEX, 0)), total - 1)
        shown_at = float(st.session_state.get(SHOWN_AT, 0.0))
        if auto_seconds and time.monotonic() - shown_at >= auto_seconds - 0.5:
            index = (index + 1) % total if shown_at else index
            _restart_clock()
            # A show left running on its own (a town hall's screen, aggregates only) is not
            # an abandoned session: it stays until the presenter stops it.
            touch()
        st.session_state[INDEX] = index
        draw_slide(views[index])
        left, middle, right = st.columns([1, 1, 1], vertical_alignment="center")
        left.button(
            t("townhall.previous"), key="townhall.previous", icon=":material/arrow_back:",
            on_click=_go, args=(-1, total), disabled=index == 0, shortcut="Left",
        )  # fmt: skip
        middle.markdown(
            f"<p style='text-align:center;font-size:1.2rem'>"
            f"{t('townhall.position', n=index + 1, total=total)}</p>",
            unsafe_allow_html=True,
        )
        with right.container(horizontal=True, horizontal_alignment="right"):
            st.button(
                t("townhall.next"), key="townhall.next", icon=":material/arrow_forward:",
                icon_position="right", type="primary", on_click=_go, args=(1, total),
                disabled=index == total - 1, shortcut="Right",
            )  # fmt: skip
        if not notes:  # presenting: the one way back to the setup screen, small, below
            with st.container(horizontal=True, horizontal_alignment="center"):
                if st.button(
                    t("townhall.stop_presenting"), key="townhall.stop", type="tertiary",
                    icon=":material/close_fullscreen:", shortcut="Escape",
                ):  # fmt: skip
                    _stop_presenting()
                    st.rerun(scope="app")  # the whole page: the setup screen comes back
        if notes and views[index].notes:
            with st.expander(t("townhall.notes_heading"), icon=":material/sticky_note_2:"):
                st.text(views[index].notes)

    show()


def _cover(view: SlideView) -> None:
    with st.container(key="townhall-cover"):
        st.header(md(view.title), anchor=False)
        st.markdown(
            f"<p style='font-size:2.2rem;{MUTED_STYLE}'>{html_text(view.subtitle)}</p>"
            f"<p style='font-size:1.6rem;{MUTED_STYLE}'>{html_text(view.footnote)}</p>",
            unsafe_allow_html=True,
        )


def _numbers(view: SlideView) -> None:
    for start in range(0, len(view.numbers), 3):
        row = view.numbers[start : start + 3]
        for column, number in zip(st.columns(3), row, strict=False):
            if number.missing:  # a statement ("no data yet"), not a figure
                column.markdown(
                    f"<p style='font-size:1.3rem;margin-bottom:0.3rem'>{html_text(number.label)}"
                    f"</p><p style='font-size:2.2rem;{MUTED_STYLE}'>{html_text(number.value)}</p>",
                    unsafe_allow_html=True,
                )
                continue
            column.metric(md(number.label), number.value)
            if number.caption:
                column.caption(md(number.caption))


def draw_slide(view: SlideView) -> None:
    with st.container(key="townhall-slide"):
        if view.key == "cover":
            _cover(view)
            return
        st.header(md(view.title), anchor=False)
        st.caption(md(view.subtitle))
        _numbers(view)
        if view.chart is not None:
            chart_view.draw(
                view.chart, width="content" if view.chart_aspect else "stretch", theme=None
            )
        if view.quote:
            # Staff typed these words: escaped, never read as HTML.
            st.markdown(
                f"<p style='{QUOTE_STYLE}'>“{html_text(view.quote)}”</p>"
                f"<p style='{ATTRIBUTION_STYLE}'>— {html_text(view.attribution)}</p>",
                unsafe_allow_html=True,
            )
        if view.message:
            st.info(md(view.message), icon=":material/hourglass_empty:")
        if view.footnote:
            st.caption(md(view.footnote))
