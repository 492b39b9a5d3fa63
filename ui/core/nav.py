"""The app's pages, in menu order, and the navigation a role gets."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from energy.core.access import Actor, can_open_page


@dataclass(frozen=True)
class PageSpec:
    key: str  # the access.PAGE_CAPABILITY key the page's guard checks
    path: str
    title_key: str
    icon: str
    section_key: str
    in_menu: bool = True

    @property
    def short_key(self) -> str:
        """A short title for the phone's bottom bar (``nav.short.<key>``)."""
        return f"nav.short.{self.key}"


PAGES: tuple[PageSpec, ...] = (
    PageSpec("home", "pages/home.py", "page.home", ":material/home:", "nav.programme"),
    PageSpec(
        "villages",
        "pages/villages.py",
        "page.villages",
        ":material/holiday_village:",
        "nav.programme",
    ),
    PageSpec("village", "pages/village.py", "page.village", ":material/cottage:", "nav.programme"),
    PageSpec(
        "results", "pages/results.py", "page.results", ":material/leaderboard:", "nav.programme"
    ),
    PageSpec(
        "districts",
        "pages/districts.py",
        "page.districts",
        ":material/location_city:",
        "nav.programme",
    ),
    PageSpec(
        "townhall", "pages/townhall.py", "page.townhall", ":material/co_present:", "nav.programme"
    ),
    PageSpec(
        "organisations",
        "pages/organisations.py",
        "page.organisations",
        ":material/corporate_fare:",
        "nav.organisations",
    ),
    PageSpec(
        "organisation",
        "pages/organisation.py",
        "page.organisation",
        ":material/handshake:",
        "nav.organisations",
    ),
    PageSpec(
        "readiness",
        "pages/readiness.py",
        "page.readiness",
        ":material/trending_up:",
        "nav.organisations",
    ),
    PageSpec(
        "lessons", "pages/lessons.py", "page.lessons", ":material/school:", "nav.organisations"
    ),
    PageSpec("savings", "pages/savings.py", "page.savings", ":material/savings:", "nav.tracking"),
    PageSpec(
        "readings", "pages/readings.py", "page.readings", ":material/edit_note:", "nav.tracking"
    ),
    PageSpec(
        "households", "pages/households.py", "page.households", ":material/groups:", "nav.tracking"
    ),
    PageSpec("calls", "pages/calls.py", "page.calls", ":material/campaign:", "nav.call"),
    PageSpec("review", "pages/review.py", "page.review", ":material/rate_review:", "nav.call"),
    PageSpec("apply", "pages/apply.py", "page.apply", ":material/edit_document:", "nav.call"),
    PageSpec("advice", "pages/advice.py", "page.advice", ":material/forum:", "nav.call"),
    PageSpec(
        "prescreen", "pages/prescreen.py", "prescreen.page", ":material/fact_check:", "nav.call"
    ),
    PageSpec(
        "training",
        "pages/training.py",
        "page.training",
        ":material/calendar_month:",
        "nav.training",
    ),
    PageSpec(
        "attendance",
        "pages/attendance.py",
        "page.attendance",
        ":material/how_to_reg:",
        "nav.training",
    ),
    PageSpec(
        "checkin_board",
        "pages/checkin_board.py",
        "page.checkin_board",
        ":material/qr_code_2:",
        "nav.training",
    ),
    PageSpec(
        "checkin",
        "pages/checkin.py",
        "page.checkin",
        ":material/qr_code_scanner:",
        "nav.training",
    ),
    PageSpec(
        "training_progress",
        "pages/training_progress.py",
        "page.training_progress",
        ":material/school:",
        "nav.training",
    ),
    PageSpec(
        "training_admin",
        "pages/training_admin.py",
        "page.training_admin",
        ":material/edit_calendar:",
        "nav.training",
    ),
    PageSpec("factors", "pages/factors.py", "page.factors", ":material/functions:", "nav.admin"),
    PageSpec("users", "pages/users.py", "page.users", ":material/group:", "nav.admin"),
    PageSpec("audit", "pages/audit.py", "page.audit", ":material/history:", "nav.admin"),
    PageSpec("mail", "pages/mail.py", "page.mail", ":material/outgoing_mail:", "nav.admin"),
    PageSpec("account", "pages/account.py", "page.account", ":material/person:", "nav.me"),
)


# Set while app.py's navigation runs a page and Streamlit draws the menu itself. A page file
# run without app.py (the deep-link trap in ARCHITECTURE) draws it with page links instead.
_MENU_BY_STREAMLIT: ContextVar[bool] = ContextVar("menu_by_streamlit", default=False)
# Set while app.py runs a page (its text and phone rules are drawn already): unset, a page
# file runs on its own and draws them itself (ui.core.auth.guard).
_RUN_BY_APP: ContextVar[bool] = ContextVar("run_by_app", default=False)
_navigated = threading.Event()  # this process has run st.navigation: pages/ is not listed


@contextmanager
def menu_by_streamlit(drawn: bool) -> Iterator[None]:
    token = _MENU_BY_STREAMLIT.set(drawn)
    by_app = _RUN_BY_APP.set(True)
    _navigated.set()  # (called after st.navigation)
    try:
        yield
    finally:
        _RUN_BY_APP.reset(by_app)
        _MENU_BY_STREAMLIT.reset(token)


def run_by_app() -> bool:
    """Whether app.py is running this page (not a page file run on its own)."""
    return _RUN_BY_APP.get()


def menu_drawn_by_streamlit() -> bool:
    return _MENU_BY_STREAMLIT.get()


def menu_shown_by_streamlit() -> bool:
    """Turn Streamlit's sidebar menu on, once this process no longer lists the pages/ folder
    (an earlier run called st.navigation); False until then (that run draws page links)."""
    if not _navigated.is_set():
        return False
    if not st.get_option("client.showSidebarNavigation"):
        st.set_option("client.showSidebarNavigation", True)
    return True


_BUILT: dict[tuple[object, ...], st.Page] = {}


def page(target: str | Callable[[], None], **options: str | bool | None) -> st.Page:
    """``st.Page(target, **options)``, built once per process and copied for each run.

    Building one resolves its file: a dozen system calls, and under load each one hands the
    interpreter to the server's event loop for up to a switch interval (with 23 pages, 12% of
    a rerun's samples in a profile; benchmarks/README.md, session 10). st.navigation marks
    the page it returns as runnable, so every run gets its own copy of the pristine one."""
    ctx = get_script_run_ctx()
    if ctx is None:  # bare Python: st.Page keeps nothing to reuse
        return st.Page(target, **options)  # type: ignore[arg-type]
    key = (ctx.pages_manager.main_script_parent, target, *sorted(options.items()))
    built = _BUILT.get(key)
    if built is None:
        built = _BUILT[key] = st.Page(target, **options)  # type: ignore[arg-type]
    return _copy(built)


def _copy(built: st.Page) -> st.Page:
    """A shallow copy of ``built``, as ``copy.copy`` makes it (the same attributes, a new
    object) without its generic path through ``__reduce_ex__``: 0.8 against 12 µs, and a
    staff member's rerun copies 29 pages."""
    fresh: st.Page = object.__new__(type(built))
    fresh.__dict__.update(built.__dict__)
    return fresh


# A phone's bottom bar: the pages a committee volunteer opens every month, one tap away
# (the sidebar menu, behind the top-left button, keeps the others).
PHONE_BAR: dict[str, tuple[str, ...]] = {
    "committee": ("home", "readings", "savings", "households"),
}


def phone_bar_pages(actor: Actor) -> list[PageSpec]:
    """The pages of ``actor``'s bottom bar on a phone (none for a role without one)."""
    keys = PHONE_BAR.get(actor.role, ())
    allowed = {p.key: p for p in pages_for(actor)}
    return [allowed[key] for key in keys if key in allowed]


def page_path(key: str) -> str:
    return next(p.path for p in PAGES if p.key == key)


def pages_for(actor: Actor) -> list[PageSpec]:
    return [p for p in PAGES if can_open_page(actor, p.key)]
