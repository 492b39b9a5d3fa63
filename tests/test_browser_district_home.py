"""Following the villages in the browser (issue 27): the Mapo-gu officer, on a phone, sees its
villages with what is late first, logs a visit from a village's card; staff open the districts
page, compare the districts and open Mapo-gu as its officer sees it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.test_browser import (  # the browser, server and page fixtures and their helpers
    Server,
    _key,
    _msg,
    assert_no_exception,
    browser,
    go_to,
    log_in_as,
    logged_in,
    page,
    screenshot,
    server,
    settle,
    wait_for_title,
)

__all__ = ["browser", "page", "server"]  # fixtures imported for pytest
PHONE = {"width": 390, "height": 844}
NOTE = "위원장과 통화했습니다. 다음 주에 사용량 입력을 함께 보기로 했습니다."


def _sideways(tab: Any) -> int:
    """How far the page reaches past the screen's width (0: not at all)."""
    width: int = tab.evaluate(
        "() => Math.max(document.documentElement.scrollWidth,"
        " document.querySelector('[data-testid=\"stMain\"]').scrollWidth) - window.innerWidth"
    )
    return width


@pytest.mark.browser
def test_district_home_on_a_phone_then_staff_compare_the_districts(
    page: Any, browser: Any, server: Server
) -> None:
    page.set_viewport_size(PHONE)
    log_in_as(page, server, "district", _msg("home.district_title", "ko"))
    cards = page.locator('[class*="st-key-district-card-"]')
    assert cards.count() >= 8
    first = cards.first
    # The first card is a village with something late, its late items named first.
    assert _msg("district.badge.late", "ko", n="").strip() in first.inner_text()
    lines = [line for line in first.inner_text().splitlines() if line.startswith("●")]
    assert lines, first.inner_text()  # what is late, a line each
    assert _sideways(page) <= 0
    # A card fits the phone: no wider than the screen.
    box = first.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    screenshot(page, "phone-district-home-ko")

    # Log a call from the card of a village with no contact yet.
    quiet = (
        page.locator('[class*="st-key-district-card-"]')
        .filter(has_text=_msg("district.no_contact", "ko"))
        .first
    )
    name = quiet.locator("strong").first.inner_text().strip()
    code = re.search(r"st-key-district-card-(\S+)", quiet.get_attribute("class") or "")
    assert code is not None
    quiet.get_by_role("button", name=_msg("district.log_visit", "ko")).click()
    dialog = page.get_by_role("dialog")
    dialog.wait_for(state="visible")
    settle(page)
    dialog.get_by_role("radio", name=_msg("district.kind.call", "ko")).or_(
        dialog.get_by_role("button", name=_msg("district.kind.call", "ko"))
    ).first.click()
    dialog.locator(_key("district.visit.note") + " textarea").fill(NOTE)
    screenshot(page, "phone-district-log-visit-ko")
    dialog.get_by_role("button", name=_msg("district.visit.save", "ko")).click()
    dialog.wait_for(state="detached")
    settle(page)
    assert_no_exception(page)
    success = page.locator('[data-testid="stAlert"]').filter(has_text=name)
    assert success.count() == 1, page.locator('[data-testid="stAlert"]').all_inner_texts()
    # The card now shows the call, and the log lists it first.
    card = page.locator('[class*="st-key-district-card-"]').filter(has_text=name).first
    assert NOTE[:20] in card.inner_text()
    entry = page.locator('[class*="st-key-district-visit-"]').first
    assert NOTE in entry.inner_text() and _msg("district.kind.call", "ko") in entry.inner_text()
    screenshot(page, "phone-district-home-after-ko")

    # Staff (reading English) compare the districts, then open Mapo-gu.
    with logged_in(browser, server, "staff.en", _msg("home.title", "en")) as staff:
        go_to(staff, "districts", _msg("page.districts", "en"))
        table = staff.locator('[data-testid="stDataFrame"]')
        table.wait_for(state="visible")
        staff.locator('[data-testid="stVegaLiteChart"]').first.wait_for(state="visible")
        screenshot(staff, "admin-districts-compare-en")
        staff.get_by_role("tab", name=_msg("districts.tab_one", "en")).click()
        settle(staff)
        chooser = staff.locator(_key("districts.district") + " input")
        chooser.click()
        chooser.fill("Mapo")
        staff.get_by_role("option").filter(has_text="Mapo-gu").first.click()
        staff.wait_for_url(re.compile(r"district=11440"))
        settle(staff)
        assert_no_exception(staff)
        mapo = staff.locator(_key(f"district-card-{code[1]}"))
        mapo.wait_for(state="visible")
        assert NOTE[:20] in mapo.inner_text()  # the officer's call, read by staff
        assert mapo.get_by_role("button").count() == 0  # staff write nothing here
        screenshot(staff, "admin-districts-mapo-en")
    wait_for_title(page, _msg("home.district_title", "ko"))
