"""The town hall in a real browser: the viewer presents every slide, one at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.test_browser import (  # the browser, server and page fixtures and their helpers
    FLAGSHIP_NAME,
    Server,
    _h1_texts,
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

MAIN = '[data-testid="stMain"]'
__all__ = ["browser", "page", "server"]  # fixtures imported for pytest
pytestmark = pytest.mark.browser


def _slide_title(page: Any) -> str:
    return page.locator(_key("townhall-slide") + " h2").first.inner_text().strip()


def test_viewer_presents_the_townhall_slide_by_slide(page: Any, server: Server) -> None:
    from energy.townhall.figures import default_year
    from ui.core.i18n import today

    year = default_year(today())
    log_in_as(page, server, "viewer", _heading("home", "ko"))
    go_to(page, "townhall", _heading("townhall", "ko"))
    page.locator(_key("townhall.present") + " label").click()
    page.locator('[data-testid="stSidebar"]').wait_for(state="hidden")
    settle(page)
    assert _msg("page.townhall", "ko") not in _h1_texts(page)  # the slide has the room
    # Only the slide: no demo banner, no filters above it (issue 24).
    assert page.locator(".st-key-demo-banner").first.is_hidden()
    assert page.locator(_key("townhall.year")).count() == 0
    titles: list[str] = []
    next_button = page.locator(_key("townhall.next") + " button")
    while True:
        assert_no_exception(page)
        titles.append(_slide_title(page))
        screenshot(page, f"townhall-{len(titles)}-ko")
        if next_button.is_disabled():
            break
        next_button.click()
        page.wait_for_function(
            "([selector, before]) => { const h = document.querySelector(selector);"
            " return h && h.innerText.trim() !== before; }",
            arg=[_key("townhall-slide") + " h2", titles[-1]],
        )
        settle(page)
    assert titles[:10] == [
        _msg("townhall.cover_title", "ko"),
        _msg("townhall.glance_title", "ko"),
        _msg("townhall.growth_title", "ko"),
        _msg("townhall.energy_title", "ko", year=year),
        _msg("townhall.programme_year_title", "ko"),
        _msg("townhall.renewables_title", "ko"),
        _msg("townhall.map_title", "ko"),
        _msg("townhall.call_title", "ko", year=year),
        _msg("townhall.training_title", "ko"),
        _msg("townhall.organisations_title", "ko"),
    ]
    assert titles[10:12] == [
        _msg("townhall.story_title", "ko", village=FLAGSHIP_NAME["ko"]),
        _msg("townhall.story_title", "ko", village="도봉 햇빛마을"),
    ]
    assert len(titles) == 13, titles  # ten slides and the demo's three stories
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert _msg("townhall.position", "ko", n=13, total=13) in main
    # The presenter ends the show: the setup screen is back with the year chosen before.
    page.locator(_key("townhall.stop") + " button").click()
    page.locator(_key("townhall.year")).wait_for(state="visible")
    settle(page)
    assert_no_exception(page)
    chosen = page.locator(_key("townhall.year")).first
    assert str(year) in (chosen.text_content() or "") + (
        chosen.locator("input").first.input_value()
    )
    screenshot(page, "townhall-after-presenting-ko")
    assert page.locator(".st-key-demo-banner").first.is_visible()


def test_staff_make_the_handout_with_a_progress_bar_and_download_it(
    page: Any, server: Server
) -> None:
    """Issue 24: an export is made when asked, with a progress bar over its slides, then
    offered for download (the file is the handout: a PDF)."""
    log_in_as(page, server, "admin", _heading("home", "ko"))
    go_to(page, "townhall", _heading("townhall", "ko"))
    page.get_by_role("button", name=_msg("townhall.build_pdf", "ko")).click()
    download = page.get_by_role("button", name=_msg("townhall.download_pdf", "ko"))
    download.wait_for(state="visible", timeout=90_000)
    settle(page)
    assert _msg("townhall.built_at", "ko", time="")[:5] in page.locator(MAIN).inner_text()
    with page.expect_download() as caught:
        download.click()
    path = caught.value.path()
    assert path is not None and Path(path).read_bytes()[:5] == b"%PDF-"
    screenshot(page, "townhall-handout-made-ko")
