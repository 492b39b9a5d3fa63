"""Streamlit's own English in the reader's words (ui.core.streamlit_words), in a real browser.

One flow, as staff would meet Streamlit's parts on a Korean page: a table's hover toolbar, its
tooltip and a column's menu, a long village picker typed into with a name that matches
nothing, a date picker opened, a file of the wrong type chosen; then the same in English.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.test_browser import (  # the browser, server and page fixtures and their helpers
    ARTIFACTS,
    _heading,
    _key,
    _msg,
    assert_no_exception,
    browser,
    go_to,
    log_in_as,
    next_frames,
    page,
    screenshot,
    server,
    settle,
    switch_language,
    wait_for_title,
)
from ui.core.streamlit_words import ENGLISH, HIDDEN

__all__ = ["browser", "page", "server"]  # fixtures imported for pytest
pytestmark = pytest.mark.browser

# Every text and every attribute a reader or a screen reader gets, on what is shown.
SHOWN_WORDS = """() => {
  const out = [];
  const shown = (e) => e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (p && !p.closest("script, style") && shown(p) && n.data.trim()) out.push(n.data.trim());
  }
  for (const name of ["aria-label", "title", "placeholder", "aria-valuetext",
                      "aria-roledescription"]) {
    for (const e of document.querySelectorAll("[" + name + "]")) {
      if (shown(e)) out.push(e.getAttribute(name));
    }
  }
  return out;
}"""


def _english(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{\w+\}", template)
    return re.compile("^" + ".+".join(map(re.escape, parts)) + "(: .*)?$")


STREAMLIT_ENGLISH = [_english(english) for english in ENGLISH]


def _streamlit_english(page: Any) -> list[str]:
    """Streamlit's known English strings the page shows (or gives a screen reader)."""
    said = page.evaluate(SHOWN_WORDS)
    return sorted(
        {s for s in said if any(p.match(s) for p in STREAMLIT_ENGLISH)} | (set(said) & set(HIDDEN))
    )


def _shot(page: Any, name: str) -> None:
    """What the screen shows now: a tooltip or a menu closes when the full-page screenshot
    (tests.test_browser.screenshot) resizes the window."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _column_menu(page: Any, grid: Any) -> Any:
    """Open the first column's menu: its button shows at the header's right end on hover."""
    box = grid.bounding_box()
    menu = page.locator('[data-testid="stDataFrameColumnMenu"]')
    for dx in range(60, 200, 8):
        page.mouse.move(box["x"] + dx, box["y"] + 18)
        next_frames(page, 2)
        page.mouse.click(box["x"] + dx, box["y"] + 18)
        next_frames(page, 3)
        if menu.count():
            return menu
    raise AssertionError("no column menu opened on the table's first header")


def test_streamlit_speaks_the_readers_language(page: Any, server: Any) -> None:
    log_in_as(page, server, "admin", _heading("home", "ko"))
    go_to(page, "households", _heading("households", "ko"))

    # The table's toolbar on hover, and its tooltip.
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.hover()
    toolbar = grid.locator('[data-testid="stElementToolbarButton"] button')
    labels = [b.get_attribute("aria-label") for b in toolbar.all()]
    assert _msg("streamlit.download_csv", "ko") in labels, labels
    assert _msg("streamlit.search", "ko") in labels, labels
    toolbar.nth(labels.index(_msg("streamlit.download_csv", "ko"))).hover()
    tooltip = page.locator('[data-testid="stTooltipContent"]')
    tooltip.get_by_text(_msg("streamlit.download_csv", "ko")).wait_for(state="visible")
    _shot(page, "streamlit-words-table-tooltip-ko")

    # A column's menu.
    menu = _column_menu(page, grid)
    for key in ("streamlit.sort_ascending", "streamlit.hide_column", "streamlit.pin_column"):
        assert _msg(key, "ko") in menu.inner_text()
    assert _streamlit_english(page) == []
    _shot(page, "streamlit-words-column-menu-ko")
    page.keyboard.press("Escape")

    # A long picker that keeps typing, given a name no village has.
    picker = page.locator(_key("households.village") + " input")
    picker.click()
    picker.fill("zzzz")
    no_results = page.get_by_text(_msg("streamlit.no_results", "ko"))
    no_results.wait_for(state="visible")
    assert _streamlit_english(page) == []
    screenshot(page, "streamlit-words-no-results-ko")
    page.keyboard.press("Escape")
    settle(page)

    # The date picker of the form that adds a household, opened.
    date_input = page.locator('[data-testid="stDateInput"]').first
    date_input.scroll_into_view_if_needed()
    date_input.locator('[data-testid="stDateInputCalendarButton"]').click()
    calendar = page.locator('[data-testid="stDateInputCalendar"]')
    calendar.get_by_label(_msg("streamlit.previous_month", "ko")).wait_for(state="visible")
    assert _streamlit_english(page) == []
    screenshot(page, "streamlit-words-calendar-ko")
    page.keyboard.press("Escape")

    # A chart as a screen reader hears it: its parts, axes and legend named in Korean.
    go_to(page, "savings", _heading("savings", "ko"))
    chart = page.locator('[data-testid="stVegaLiteChart"] svg').first
    chart.wait_for(state="visible")
    roles = chart.evaluate(
        """svg => [...svg.querySelectorAll("[aria-roledescription]")].map(e =>
            [e.getAttribute("aria-roledescription"), e.getAttribute("aria-label") || ""])"""
    )
    kinds = {role for role, _ in roles}
    assert {"축", "범례", "선", "점"} <= kinds, kinds
    assert not [role for role in kinds if re.search("[A-Za-z]", role)], kinds
    described = [label for role, label in roles if role in ("축", "범례")]
    assert all(label.startswith(("가로축", "세로축", "범례")) for label in described), described
    assert _streamlit_english(page) == []

    # A file of the wrong type, refused by the chooser itself.
    go_to(page, "readings", _heading("readings", "ko"))
    page.get_by_role("tab", name=_msg("readings.tab_file", "ko")).click()
    chooser = page.locator('[data-testid="stFileUploader"]')
    chooser.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"not a reading"}]
    )
    refused = _msg("streamlit.wrong_type", "ko", type="text/plain")
    chooser.get_by_text(refused).wait_for(state="attached")
    assert chooser.get_by_label(_msg("streamlit.remove", "ko", name="notes.txt")).count() == 1
    assert _streamlit_english(page) == []
    assert_no_exception(page)
    chooser.locator('[data-testid="stFileChipIconError"]').hover()  # its message, as a tooltip
    _shot(page, "streamlit-words-wrong-file-ko")

    # In English the same parts speak English (the words already put in Korean turn back).
    switch_language(page, "English")
    wait_for_title(page, _heading("readings", "en"))
    chooser.get_by_text("text/plain files are not allowed.").wait_for(state="attached")
    assert chooser.get_by_label("Remove notes.txt").count() == 1
    go_to(page, "households", _heading("households", "en"))
    grid.hover()
    labels = [b.get_attribute("aria-label") for b in toolbar.all()]
    assert "Download as CSV" in labels, labels
    picker.click()
    picker.fill("zzzz")
    page.get_by_text("No results").wait_for(state="visible")
    assert _msg("streamlit.no_results", "ko") not in page.evaluate(SHOWN_WORDS)
    screenshot(page, "streamlit-words-no-results-en")
    page.keyboard.press("Escape")
    assert_no_exception(page)
