"""Savings in a real browser (issue 23): a committee reads its weather-normalised savings
(the expected-for-this-weather line, each household's model, the bands), staff read the
factors and KEPCO's tiers, and the town hall's energy slide heads with every carrier."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_browser import (  # the browser, server and page fixtures and their helpers
    ARTIFACTS,
    FLAGSHIP_NAME,
    Server,
    _heading,
    _key,
    _msg,
    assert_no_exception,
    browser,
    go_to,
    log_in_as,
    page,
    screenshot,
    server,
    settle,
)

__all__ = ["browser", "page", "server"]  # fixtures imported for pytest
pytestmark = pytest.mark.browser
MAIN = '[data-testid="stMain"]'


def test_a_committee_reads_its_weather_normalised_savings(page: Any, server: Server) -> None:
    log_in_as(page, server, "committee", FLAGSHIP_NAME["ko"])
    go_to(page, "savings", _heading("savings", "ko"))
    page.locator(_key("savings.method")).get_by_text(_msg("savings.method.weather", "ko")).click()
    band = _msg("savings.weather.band", "ko").split("{")[0]
    page.locator(MAIN).get_by_text(band).first.wait_for(state="visible", timeout=60_000)
    settle(page)
    assert_no_exception(page)
    main = page.locator(MAIN).inner_text()
    assert _msg("savings.weather.demo_temperatures", "ko")[:20] in main
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 1
    screenshot(page, "savings-weather-ko")
    page.get_by_role("tab", name=_msg("savings.tab_households", "ko")).click()
    settle(page)
    assert _msg("savings.weather.model", "ko") in page.locator(MAIN).inner_text()
    screenshot(page, "savings-weather-households-ko")


def test_staff_read_the_factors_and_the_tiers(page: Any, server: Server) -> None:
    log_in_as(page, server, "admin", _heading("home", "ko"))
    go_to(page, "factors", _heading("factors", "ko"))
    settle(page)
    assert_no_exception(page)
    main = page.locator(MAIN).inner_text()  # (the tables themselves are drawn on a canvas)
    assert _msg("factors.tiers_of", "ko", carrier="전기", date="2025년 7월 1일") in main
    page.get_by_text(_msg("factors.tiers_of", "ko", carrier="전기", date="2025년 7월 1일")).click()
    settle(page)
    screenshot(page, "factors-ko")


def test_korean_words_are_never_broken_on_a_phone(page: Any, server: Server) -> None:
    """Issue 24: on a 390 px phone Korean breaks between words only (no "에코마/일리지"):
    the committee's home, text and sidebar alike, keeps each word whole."""
    page.set_viewport_size({"width": 390, "height": 844})
    log_in_as(page, server, "committee", FLAGSHIP_NAME["ko"])
    settle(page)
    for area in (MAIN, '[data-testid="stSidebar"]'):
        rule = page.locator(area).evaluate("element => getComputedStyle(element).wordBreak")
        assert rule == "keep-all", area
    title = page.locator("h1").first
    assert title.evaluate("element => getComputedStyle(element).wordBreak") == "keep-all"
    # (screenshot() widens the page to the desktop's width: this one stays a phone's)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "committee-home-phone-ko.png"), full_page=True)
