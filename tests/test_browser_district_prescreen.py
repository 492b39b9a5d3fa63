"""Pre-screening in a real browser (issue 27): the Mapo-gu officer, on a 390 px phone, opens
pre-screening from the menu and pre-screens the demo's submitted 성산동 application; staff
then read the pre-screen beside the application's eligibility checks, with the flag of an
organiser reached at the officer's own address, in Korean and in English."""

from __future__ import annotations

import re
from contextlib import closing
from typing import Any

import pytest

from tests.test_browser import (  # the browser, server and page fixtures and their helpers
    Server,
    _key,
    _msg,
    _new_page,
    assert_no_exception,
    browser,
    go_to,
    log_in,
    log_in_as,
    page,
    screenshot,
    server,
    settle,
    switch_language,
    wait_for_title,
)
from tests.test_browser_phone import OPEN_MENU, SIDEBAR, _sideways

__all__ = ["browser", "page", "server"]  # fixtures imported for pytest
pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
VILLAGE = "성산동 햇빛마을"  # the demo's Mapo-gu application still to pre-screen
NOTE = "3월 2일 성산2동 주민센터에서 세 분을 만났습니다. 정하린 님은 마포구청 직원입니다."
MAIN = '[data-testid="stMain"]'
LONG_WAIT_MS = 90_000  # the machine may be shared: wait for the outcome, not for a time


def _in_form(page: Any, suffix: str) -> Any:
    """The pre-screen form's widget whose key ends with ``suffix``."""
    return page.locator(f'{MAIN} [class*="st-key-prescreen-"][class*="-{suffix}"]').first


def _expect(page: Any, text: str) -> None:
    page.locator('[data-testid="stAlert"]').filter(has_text=text).first.wait_for(
        state="visible", timeout=LONG_WAIT_MS
    )
    settle(page)


def _main_text(page: Any) -> str:
    return str(page.locator(MAIN).inner_text())


def _officer_prescreens(page: Any, server: Server) -> None:
    page.set_viewport_size(PHONE)
    log_in(page, server, "district")
    page.locator("h1").first.wait_for(state="visible", timeout=LONG_WAIT_MS)
    settle(page)
    assert_no_exception(page)
    page.locator(OPEN_MENU).click()
    page.locator(f'{SIDEBAR} a[href$="/prescreen"]').first.click()
    page.wait_for_url(re.compile(r"/prescreen(\?.*)?$"))
    wait_for_title(page, _msg("prescreen.page", "ko"))
    assert_no_exception(page)
    shown = _main_text(page)
    assert VILLAGE in shown and "정 하린" in shown  # the organisers, to meet them
    screenshot(page, "district-prescreen-phone-ko")

    _in_form(page, "met").get_by_text(_msg("prescreen.met.all", "ko"), exact=True).click()
    _in_form(page, "lives").get_by_text(_msg("prescreen.lives.all", "ko"), exact=True).click()
    verdict = _in_form(page, "verdict")
    verdict.get_by_text(_msg("prescreen.verdict.concerns", "ko"), exact=True).click()
    _in_form(page, "note").locator("textarea").fill(NOTE)
    page.keyboard.press("Tab")
    settle(page)
    assert _sideways(page) == {"page": 0, "main": 0}  # nothing wider than the phone
    screenshot(page, "district-prescreen-phone-filled-ko")
    page.get_by_role("button", name=_msg("prescreen.save", "ko")).click()
    _expect(page, "사전 검토를 저장했습니다")
    assert_no_exception(page)
    assert _msg("prescreen.verdict.concerns", "ko") in _main_text(page)
    screenshot(page, "district-prescreen-phone-saved-ko")


def _staff_reads(staff: Any, server: Server, lang: str) -> None:
    staff.get_by_role("tab", name=_msg("calls.tab_applications", lang)).click()
    settle(staff)
    box = staff.locator(_key("calls.app") + " input")
    box.click()
    box.fill(VILLAGE)
    staff.get_by_role("option").filter(has_text=VILLAGE).first.click()
    settle(staff)
    staff.locator(_key("prescreen-flags")).wait_for(state="visible")
    assert_no_exception(staff)
    shown = _main_text(staff)
    for key in ("prescreen.checks_title", "prescreen.check.public_body",
                "prescreen.verdict.concerns"):  # fmt: skip
        assert _msg(key, lang) in shown, key
    assert _msg("prescreen.flagged", lang, n=1) in shown
    assert "정하린 (마포구청 에너지팀)" in shown and NOTE in shown
    district = "마포구" if lang == "ko" else "Mapo-gu"
    assert _msg("prescreen.district_title", lang, district=district) in shown
    staff.locator(_key("prescreen-flags")).scroll_into_view_if_needed()
    screenshot(staff, f"district-prescreen-staff-{lang}")


def test_district_prescreen_on_a_phone_then_staff_read_it_beside_the_checks(
    page: Any, browser: Any, server: Server
) -> None:
    _officer_prescreens(page, server)
    with closing(_new_page(browser)) as tabs:
        staff = next(tabs)
        log_in_as(staff, server, "admin", _msg("home.title", "ko"))
        go_to(staff, "calls", _msg("page.calls", "ko"))
        _staff_reads(staff, server, "ko")
        switch_language(staff, "English")
        wait_for_title(staff, _msg("page.calls", "en"))
        _staff_reads(staff, server, "en")
