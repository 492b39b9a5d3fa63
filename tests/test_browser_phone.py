"""A committee volunteer's phone (issue 24): at 360 px every committee page works without
sideways scrolling (a table or the grid may scroll inside itself), choosing a page in the menu
closes the menu, and a bar at the foot of the screen opens the everyday pages in one tap."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.test_browser import (  # the browser, server and page fixtures and their helpers
    FLAGSHIP_NAME,
    Server,
    _key,
    _msg,
    assert_no_exception,
    browser,
    log_in_as,
    page,
    pages_of,
    screenshot,
    server,
    settle,
    switch_language,
)

__all__ = ["browser", "page", "server"]  # fixtures imported for pytest
PHONE = {"width": 360, "height": 780}
OPEN_MENU = '[data-testid="stExpandSidebarButton"]'
SIDEBAR = '[data-testid="stSidebar"]'


def _sideways(page: Any) -> dict[str, int]:
    """How far the page and its main area reach past the screen's width (0: not at all)."""
    result: dict[str, int] = page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            return {
                page: document.documentElement.scrollWidth - window.innerWidth,
                main: main.scrollWidth - main.clientWidth,
            };
        }"""
    )
    return result


def _menu_open(page: Any) -> bool:
    box = page.locator(SIDEBAR).bounding_box()
    return box is not None and box["x"] + box["width"] > 10


def _open_menu(page: Any) -> None:
    page.locator(OPEN_MENU).click()
    page.wait_for_function(
        f"() => document.querySelector('{SIDEBAR}').getBoundingClientRect().right > 200"
    )


def _bar_labels_fit(page: Any) -> list[str]:
    """The bottom bar's labels that do not fit their link on one line (English is longer)."""
    cut: list[str] = page.evaluate(
        """() => [...document.querySelectorAll('.st-key-phone-bar a')]
            .filter(a => a.scrollWidth > a.clientWidth + 1
                || [...a.querySelectorAll('p')].some(p => p.getClientRects().length > 1
                    || p.scrollWidth > p.clientWidth + 1))
            .map(a => a.innerText)"""
    )
    return cut


@pytest.mark.browser
def test_a_committee_on_a_360px_phone_opens_every_page_from_the_menu_which_closes(
    page: Any, server: Server
) -> None:
    """Every page once in Korean, then once in English (longer words: buttons, labels, the
    bottom bar)."""
    page.set_viewport_size(PHONE)
    log_in_as(page, server, "committee", FLAGSHIP_NAME["ko"])
    assert not _menu_open(page)  # a phone starts with the page, not the menu
    _phone_tour(page, "ko")
    _open_menu(page)
    switch_language(page, "English")
    settle(page)
    chosen = page.locator(_key("lang.choice") + ' button[aria-checked="true"]')
    chosen.filter(has_text="English").wait_for(state="visible")
    try:
        _phone_tour(page, "en")
    finally:  # the account remembers its language: the module's next login expects Korean
        _open_menu(page)
        switch_language(page, "한국어")
        settle(page)
        chosen.filter(has_text="한국어").wait_for(state="visible")


def _phone_tour(page: Any, lang: str) -> None:
    for key in pages_of("committee"):
        if not _menu_open(page):
            _open_menu(page)
        link = page.locator(
            f'{SIDEBAR} a[href="{key}"], {SIDEBAR} a[href$="/{key}"]'
            if key != "home"
            else f'{SIDEBAR} a[data-testid="stSidebarNavLink"]'
        ).first
        link.click()
        page.wait_for_url(re.compile(rf"/{'' if key == 'home' else key}(\?.*)?$"))
        settle(page)
        # The menu closes by itself once a page is chosen: the page is what was asked for.
        page.wait_for_function(
            f"() => document.querySelector('{SIDEBAR}').getBoundingClientRect().right <= 10"
        )
        assert_no_exception(page)
        assert _sideways(page) == {"page": 0, "main": 0}, key
        assert _bar_labels_fit(page) == [], key
        screenshot(page, f"phone-committee-{key}-{lang}")


@pytest.mark.browser
def test_a_committee_on_a_phone_has_a_bottom_bar_and_a_desktop_does_not(
    page: Any, server: Server
) -> None:
    page.set_viewport_size(PHONE)
    log_in_as(page, server, "committee", FLAGSHIP_NAME["ko"])
    bar = page.locator(_key("phone-bar"))
    labels = [text.strip() for text in bar.get_by_role("link").all_inner_texts()]
    assert [label.split("\n")[-1] for label in labels] == [
        _msg(f"nav.short.{key}", "ko") for key in ("home", "readings", "savings", "households")
    ]
    box = bar.bounding_box()
    assert box["y"] + box["height"] == pytest.approx(PHONE["height"], abs=1)  # at the foot
    bar.get_by_role("link", name=_msg("nav.short.savings", "ko")).click()
    page.wait_for_url(re.compile(r"/savings(\?.*)?$"))
    settle(page)
    assert_no_exception(page)
    assert not _menu_open(page)
    # The page's end is not hidden under the bar: the last element clears it.
    clear = page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            main.scrollTop = main.scrollHeight;
            const blocks = [...document.querySelectorAll(
                '[data-testid="stMainBlockContainer"] > div > [data-testid="stElementContainer"],'
                + '[data-testid="stMainBlockContainer"] > div > [data-testid="stVerticalBlock"]')];
            const bar = document.querySelector('.st-key-phone-bar').getBoundingClientRect();
            const last = Math.max(...blocks.map(b => b.getBoundingClientRect().bottom));
            return bar.top - last;
        }"""
    )
    assert clear >= 0, clear
    page.set_viewport_size({"width": 1400, "height": 900})
    settle(page)
    assert not bar.is_visible()  # a desktop has the sidebar
