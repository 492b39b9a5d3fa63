"""A freshly started server (ARCHITECTURE.md, "Known trap"): a deep-linked page file runs
without ``app.py`` for the first session of a new server process, so it must show the login
and no page links; and a new install's first request says what it prepares while the demo
store is built."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.live_server import stop_app
from tests.test_browser import (  # the browser fixture and the harness's helpers
    ARTIFACTS,
    NAV_LINK,
    PAGE_TITLE_KEYS,
    PASSWORD_INPUT,
    USERNAME,
    _h1_texts,
    _msg,
    _new_page,
    _start_server,
    browser,
    open_app,
    screenshot,
)

__all__ = ["browser"]  # the fixture imported for pytest
pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class DeepLinkVisit:
    """What a stranger's browser showed after opening ``/<page>`` on a fresh server."""

    url: str
    login_form: bool
    titles: list[str]
    main_text: str
    tables: int
    nav: list[str]  # hrefs of the sidebar's page links
    exceptions: list[str]
    first_start: str = ""  # what the first request of the new install was told while it waited
    word_break: str = ""  # the main area's rule for breaking Korean (keep-all: between words)


DEEP_LINKED = ("users", "audit")


@pytest.fixture(scope="module")
def deep_links(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, DeepLinkVisit]:
    """ARCHITECTURE.md, "Known trap": deep links opened on a freshly started server.

    ``/users`` is the very first page request the new server sees, ``/audit`` the second
    session (still before any session has run ``app.py``). Each visit is a fresh browser
    context, so a fresh Streamlit session.
    """
    fresh = _start_server(tmp_path_factory.mktemp("browser-deeplink"))
    visits: dict[str, DeepLinkVisit] = {}
    try:
        for index, page_key in enumerate(DEEP_LINKED):
            for tab in _new_page(browser):
                first_start = ""
                if index == 0:  # the new install's first request: it says what it prepares
                    tab.goto(fresh.url + f"/{page_key}", wait_until="domcontentloaded")
                    line = tab.get_by_text(re.compile(f"^{_msg('prepare.waiting', 'ko')[:5]}"))
                    line.first.wait_for(state="visible")
                    first_start = line.first.inner_text()
                    tab.screenshot(path=str(ARTIFACTS / "first-start-ko.png"))
                open_app(tab, fresh, f"/{page_key}")
                try:
                    tab.locator(USERNAME).wait_for(state="visible", timeout=5_000)
                    login_form = tab.locator(PASSWORD_INPUT).is_visible()
                except Exception:  # the wait timed out: no login form on screen
                    login_form = False
                visits[page_key] = DeepLinkVisit(
                    url=tab.url,
                    login_form=login_form,
                    titles=_h1_texts(tab),
                    main_text=tab.locator('[data-testid="stMain"]').inner_text(),
                    tables=tab.locator('[data-testid="stDataFrame"]').count(),
                    nav=[link.get_attribute("href") or "" for link in tab.locator(NAV_LINK).all()],
                    exceptions=tab.locator('[data-testid="stException"]').all_inner_texts(),
                    first_start=first_start,
                    word_break=tab.locator('[data-testid="stMain"]').evaluate(
                        "element => getComputedStyle(element).wordBreak"
                    ),
                )
                screenshot(tab, f"anonymous-deeplink-{page_key}-ko")
    finally:
        stop_app(fresh)
    return visits


@pytest.mark.parametrize("page_key", DEEP_LINKED)
def test_deep_link_on_a_fresh_server_shows_the_login(
    deep_links: dict[str, DeepLinkVisit], page_key: str
) -> None:
    visit = deep_links[page_key]
    assert urlparse(visit.url).path == f"/{page_key}"
    assert visit.exceptions == []
    assert visit.login_form, f"no login form on a deep link to /{page_key}: {visit}"
    assert _msg("app.title", "ko") in visit.titles, visit.titles
    for lang in ("ko", "en"):
        title = _msg(PAGE_TITLE_KEYS[page_key], lang)
        assert title not in visit.titles, visit.titles
        assert title not in visit.main_text, visit.main_text
    assert visit.tables == 0, "a table was drawn for a stranger"
    # The page run without app.py still breaks Korean between words only (its guard draws
    # the text rules app.py would have).
    assert visit.word_break == "keep-all", visit.word_break


def test_a_new_install_says_what_it_prepares_on_its_first_start(
    deep_links: dict[str, DeepLinkVisit],
) -> None:
    """Issue 24: the first start builds the demo store (tens of seconds); the first visitor
    reads what is being prepared, then gets the login."""
    visit = deep_links[DEEP_LINKED[0]]
    assert visit.first_start.startswith(_msg("prepare.waiting", "ko")[:5]), visit.first_start
    assert visit.login_form


@pytest.mark.parametrize("page_key", DEEP_LINKED)
def test_deep_link_on_a_fresh_server_lists_no_pages(
    deep_links: dict[str, DeepLinkVisit], page_key: str
) -> None:
    visit = deep_links[page_key]
    assert visit.login_form
    assert visit.nav == [], f"a stranger on /{page_key} sees page links: {visit.nav}"
