"""What a person finally sees of hostile text: a village named like an HTML tag or like
markdown shows as those characters, nothing is executed, loaded or linked, no dialog opens."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from energy.core.access import CLI_ACTOR
from energy.demo.load import load_demo
from energy.store import db
from energy.villages import directory as villages
from tests.live_server import LiveServer, start_app, stop_app
from tests.test_browser import (  # the browser fixture and the helpers that drive the app
    _key,
    _nav_link,
    assert_no_exception,
    browser,
    logged_in,
    next_frames,
    screenshot,
    settle,
)
from tests.test_hostile_input import HOSTILE
from ui.core.markup import WORD_JOINER

__all__ = ["browser"]  # fixture imported for pytest
pytestmark = pytest.mark.browser

NAMES = {"HOSTILE-IMG": HOSTILE["img"], "HOSTILE-MD": HOSTILE["markdown"],
         "HOSTILE-ST": HOSTILE["streamlit"], "HOSTILE-RTL": HOSTILE["rtl"], "HOSTILE-URL": HOSTILE["autolink"]}  # fmt: skip


@pytest.fixture(scope="module")
def hostile_server(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    workdir = tmp_path_factory.mktemp("hostile-app")
    url = f"sqlite:///{workdir / 'energy.db'}"
    db.upgrade(url)
    load_demo(url=url)
    for code, name in NAMES.items():
        villages.add_village(CLI_ACTOR, code=code, name=name, district="동작구", url=url)
    db.dispose_engine(url)
    server = start_app(url, workdir / "streamlit.log")
    try:
        yield server
    finally:
        stop_app(server)


@pytest.fixture(scope="module")
def admin_page(browser: Any, hostile_server: LiveServer) -> Iterator[Any]:
    """One admin session for every name: each test opens its village from the same page."""
    with logged_in(browser, hostile_server, "admin") as page:
        page.dialogs = []
        page.on("dialog", lambda d, seen=page.dialogs: (seen.append(d.message), d.dismiss()))
        _nav_link(page, "village").click()
        page.wait_for_url(re.compile(r"/village(\?.*)?$"))
        settle(page)
        yield page


def _open_village(page: Any, code: str) -> None:
    combo = page.locator(_key("village.code") + " input")
    combo.click()
    combo.fill(code)
    page.get_by_role("option").filter(has_text=code).first.click()
    page.wait_for_url(re.compile(rf"code={code}"))
    settle(page)


@pytest.mark.parametrize("code", list(NAMES))
def test_a_hostile_village_name_is_shown_as_text(admin_page: Any, code: str) -> None:
    _open_village(admin_page, code)
    main = admin_page.locator('[data-testid="stMain"]')
    # What a reader sees and copies (md() puts an invisible word joiner into web addresses).
    titles = [t.strip().replace(WORD_JOINER, "") for t in main.locator("h1").all_inner_texts()]
    assert titles == [NAMES[code]], f"the title shows {titles!r}"
    # Nothing the name spells was made into an element.
    # (the app's own scripts, which close the menu on a phone, send a held form on Enter and
    # put Streamlit's English into the reader's words, are the only scripts allowed)
    ours = "#energy-menu-closer, #energy-held-form-enter, #energy-streamlit-words"
    hostile = f'img[src="x"], img[src*="127.0.0.1:9"], script:not({ours}), b'
    assert main.locator(hostile).count() == 0
    assert main.locator('a[href^="javascript"]').count() == 0
    heading_text = main.locator("h1 [data-heading-text]")
    assert heading_text.count() == 1
    assert heading_text.locator("*").count() == 0, heading_text.inner_html()  # text, no elements
    # Every image has loaded or failed, and the frames after it are drawn: an onerror
    # handler would have run by now.
    admin_page.wait_for_function("() => [...document.images].every((img) => img.complete)")
    next_frames(admin_page)
    assert admin_page.dialogs == [], f"a dialog opened: {admin_page.dialogs}"
    assert_no_exception(admin_page)
    screenshot(admin_page, f"hostile-village-{code.lower()}-ko")
