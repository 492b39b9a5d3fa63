"""The audit log in a real browser, in Korean: staff read sentences (never a table name or
JSON), open one onto its values before and after, page with the buttons, pick a village from
the list (back to the first page); the same log on a 390x844 phone (screenshots)."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from tests.test_browser import (  # the browser, server and page fixtures and their helpers
    ARTIFACTS,
    PASSWORD_INPUT,
    SUBMIT,
    USERNAME,
    WAIT_MS,
    Server,
    _heading,
    _key,
    _msg,
    assert_no_exception,
    browser,
    go_to,
    log_in_as,
    open_app,
    page,
    screenshot,
    server,
    settle,
    wait_for_title,
)

__all__ = ["browser", "page", "server"]  # fixtures imported for pytest

MAIN = '[data-testid="stMain"]'
ENTRY = f'{MAIN} [data-testid="stExpander"]'
PHONE = {"width": 390, "height": 844}
# What the log shows people never holds: a table's name, raw JSON, a lone "?".
RAW = re.compile(r"\b[a-z]+_[a-z_]+\b|\{\"|\"\}|\s\?\s")


def _pages_lines(page: Any) -> list[str]:
    texts = page.locator(f'{MAIN} [data-testid="stMarkdownContainer"]').all_inner_texts()
    return [t.strip() for t in texts if re.search(r"\d+쪽 중 \d+쪽 \(기록 [\d,]+건\)$", t.strip())]


def _pages_line(page: Any) -> str:
    """The "page N of M" line, once it reads the same above and below the entries. On a busy
    machine the browser can still hold the last run's line below for a moment after the run
    (a page of fewer entries puts it higher up), so the two are waited for, not read once."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while True:
        lines = _pages_lines(page)
        if len(lines) == 2 and lines[0] == lines[1]:
            return lines[0]
        assert time.monotonic() < deadline, lines  # above and below the entries
        page.wait_for_timeout(50)


def _sentences(page: Any) -> list[str]:
    """Each entry's sentence (its summary's last line: after the arrow icon, "HH:MM · ")."""
    summaries = page.locator(f"{ENTRY} summary").all_inner_texts()
    return [s.strip().splitlines()[-1].split(" · ", 1)[1] for s in summaries]


def _headers(table: Any) -> list[str]:
    return [h.strip() for h in table.locator("th").all_inner_texts() if h.strip()]


def _pick(page: Any, key: str, option: str) -> None:
    """Choose ``option`` in the select box ``key`` by typing part of it, as people do."""
    box = page.locator(_key(key) + " input")
    box.click()
    box.fill(option[:2])
    page.get_by_role("option", name=option, exact=True).click()
    settle(page)
    assert_no_exception(page)


def _filters_drawn(page: Any) -> None:
    """The filter boxes have come (Streamlit draws a select box once its code has loaded)."""
    for key in ("audit.person", "audit.village", "audit.kind", "audit.action"):
        page.locator(_key(key) + " input").wait_for(state="visible")
    settle(page)


def _open(page: Any, text: str) -> Any:
    """Open the first entry whose sentence holds ``text``; its table of values."""
    entry = page.locator(ENTRY).filter(has_text=text).first
    entry.locator("summary").click()
    table = entry.locator('[data-testid="stTable"]')
    table.wait_for(state="visible")
    return table


@pytest.mark.browser
def test_audit_staff_read_page_and_filter_the_log_on_a_desktop(page: Any, server: Server) -> None:
    log_in_as(page, server, "admin", _heading("home", "ko"))
    go_to(page, "audit", _msg("page.audit", "ko"))
    _filters_drawn(page)
    first_page = _pages_line(page)
    assert " 중 1쪽 " in first_page
    sentences = _sentences(page)
    assert len(sentences) == 50
    assert all(s.endswith(".") for s in sentences), sentences[:3]
    shown = "\n".join(sentences)
    assert not RAW.search(shown), RAW.search(shown)
    assert page.locator(f'{MAIN} [data-testid="stNumberInput"]').count() == 0
    screenshot(page, "audit-desktop-ko")

    table = _open(page, "시연 데이터를 넣었습니다")  # an event: its values, no "before"
    assert not RAW.search(table.inner_text()), table.inner_text()
    assert _headers(table) == [_msg("audit.col.field", "ko"), _msg("audit.col.value", "ko")]
    screenshot(page, "audit-desktop-entry-open-ko")

    page.locator(_key("audit.next.top") + " button").click()
    settle(page)
    assert " 중 2쪽 " in _pages_line(page)
    assert _sentences(page) != sentences
    page.locator(_key("audit.last.bottom") + " button").click()
    settle(page)
    pages = re.search(r"(\d[\d,]*)쪽 중 (\d[\d,]*)쪽", _pages_line(page))
    assert pages is not None and pages[1] == pages[2]  # the last page

    _pick(page, "audit.village", "성대골 마을 (DJK-2012-01)")
    assert " 중 1쪽 " in _pages_line(page)  # a filter changed: back to the first page
    picked = _sentences(page)
    assert picked and all("성대골" in s or "H-" in s or "주민위원회" in s for s in picked), picked
    screenshot(page, "audit-desktop-village-ko")

    _pick(page, "audit.village", _msg("audit.filter.every_village", "ko"))
    _pick(page, "audit.action", _msg("audit.action.update", "ko"))
    assert " 중 1쪽 " in _pages_line(page)
    changed = _sentences(page)
    assert len(changed) == 50 and not any("추가했습니다" in s for s in changed), changed[:5]
    table = _open(page, "수정했습니다: ")
    assert _headers(table) == [_msg("audit.col.field", "ko"), _msg("audit.col.was", "ko"),
                               _msg("audit.col.now", "ko")]  # fmt: skip
    screenshot(page, "audit-desktop-changes-ko")


@pytest.mark.browser
def test_audit_the_log_on_a_phone(browser: Any, server: Server) -> None:
    context = browser.new_context(locale="ko-KR", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(WAIT_MS)
    tab = context.new_page()
    try:
        # (The very first session of a fresh server runs a deep-linked page without app.py,
        # so without the app's typography: the root is opened first, as any visit would.)
        open_app(tab, server, "/")
        open_app(tab, server, "/audit")  # a bookmark: the login, then the page
        tab.locator(USERNAME).fill("admin")
        tab.locator(PASSWORD_INPUT).fill("energy-demo-2026")
        tab.locator(SUBMIT).click()
        wait_for_title(tab, _msg("page.audit", "ko"))
        _filters_drawn(tab)
        assert_no_exception(tab)
        assert " 중 1쪽 " in _pages_line(tab)
        summary = tab.locator(f'{ENTRY} summary [data-testid="stMarkdownContainer"] p').first
        assert summary.evaluate("e => getComputedStyle(e).wordBreak") == "keep-all"
        width = tab.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], width  # no sideways scrolling
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "audit-phone-ko.png"))
        _open(tab, "시연 데이터를 넣었습니다")
        settle(tab)
        width = tab.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], width
        tab.locator(ENTRY).filter(has_text="시연 데이터를").first.scroll_into_view_if_needed()
        tab.screenshot(path=str(ARTIFACTS / "audit-phone-entry-open-ko.png"))
        tab.locator(_key("audit.next.bottom") + " button").scroll_into_view_if_needed()
        tab.screenshot(path=str(ARTIFACTS / "audit-phone-pager-ko.png"))
    finally:
        context.close()
