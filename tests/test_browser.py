"""Layer 4: the real app, served by ``streamlit run``, driven by Playwright in Debian's Chromium.

One server (with a new copy of the demo store) serves the login, navigation, language and role
tests; the deep links into a freshly started server are in ``tests.test_browser_fresh_server``.
This module also holds the harness the other browser modules import: the browser, the app
server, and the helpers that talk to Streamlit.

Full-page screenshots go to ``tests/artifacts/<role>-<page>-<lang>.png`` for a person to look at.
Without Chromium at /usr/bin/chromium or the ``playwright`` package these tests skip on a
developer's machine; under ``CI=true`` they fail instead (see ``tests.conftest.require``).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse

import pytest

from energy.core.access import Actor, can_open_page
from energy.core.i18n import translate
from tests.conftest import require
from tests.live_server import LiveServer, start_app, stop_app
from ui.core.nav import PAGES as NAV_PAGES

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "energy-demo-2026"
WAIT_MS = 20_000  # any single wait in the browser
VIEWPORT = {"width": 1400, "height": 900}
MAX_SHOT_HEIGHT = 8_000

# The flagship demo village every committee test and the village page use.
FLAGSHIP_CODE = "DJK-2012-01"
FLAGSHIP_NAME = {"ko": "성대골 마을", "en": "Sungdaegol"}

# Page key (the file stem, which is also the URL path) -> catalogue key of its title.
PAGE_TITLE_KEYS = {spec.key: spec.title_key for spec in NAV_PAGES}
ALL_PAGES = tuple(PAGE_TITLE_KEYS)


def pages_of(role: str) -> tuple[str, ...]:
    """The pages a role may use, in menu order (the access rules decide, not this test)."""
    return tuple(
        p for p in ALL_PAGES if can_open_page(Actor(username=role, role=role, village_id=1), p)
    )


def paths_of(role: str) -> list[str]:
    return sorted("" if p == "home" else p for p in pages_of(role))


def _msg(key: str, lang: str, **params: Any) -> str:
    return translate(key, lang, **params)


def _heading(page_key: str, lang: str) -> str:
    """The h1 a staff member sees on ``page_key``."""
    if page_key == "home":
        return _msg("home.title", lang)
    if page_key == "village":
        return FLAGSHIP_NAME[lang]
    return _msg(PAGE_TITLE_KEYS[page_key], lang)


def _require_browser() -> None:
    require(CHROMIUM.exists(), f"Chromium not installed at {CHROMIUM}")
    require(
        importlib.util.find_spec("playwright") is not None,
        "the playwright package is not installed (pip install playwright)",
    )


# --- the server ---------------------------------------------------------------------------


# The servers these tests drive: ``tests.live_server`` starts and stops them.
Server = LiveServer


class HasUrl(Protocol):
    """What the browser helpers need of a server (an app server or the proxy before two)."""

    url: str


def _start_server(workdir: Path) -> Server:
    """``streamlit run app.py`` on a free port, over a store that does not exist yet."""
    store = workdir / "energy.db"
    assert not store.exists()
    return start_app(f"sqlite:///{store}", workdir / "streamlit.log")  # headless: config.toml


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _require_browser()
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        _without_motion(chromium)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


# Streamlit's CSS animations and transitions (the running indicator, skeletons, fades) keep
# Chromium drawing frames while a test waits: measured on tests/test_browser_phone.py, Chromium's
# processor time 19.4 -> 15.5 s and the module 46 -> 37 s without them. What the tests check and
# the screenshots show is the settled page, which is the same without them.
NO_MOTION = """
document.addEventListener("DOMContentLoaded", () => {
  const style = document.createElement("style");
  style.id = "energy-tests-no-motion";
  style.textContent = "*, *::before, *::after { animation: none !important; "
    + "transition: none !important; }";
  document.head.appendChild(style);
});
"""


def _without_motion(chromium: Any) -> None:
    """Every context ``chromium`` opens (whichever test opens it, with whatever options)
    starts each page and frame with CSS animations and transitions off."""
    open_context = chromium.new_context

    def new_context(*args: Any, **options: Any) -> Any:
        context = open_context(*args, **options)
        context.add_init_script(NO_MOTION)
        return context

    chromium.new_context = new_context


@pytest.fixture(scope="module")
def server(
    browser: Any, tmp_path_factory: pytest.TempPathFactory, _templates: Any
) -> Iterator[Server]:
    """One app server over a new copy of the run's demo store (built once by
    ``tests.conftest``, instead of by each module's server), shared by the module's tests.
    The deep-link test's server builds its store itself, as on a first start."""
    workdir = tmp_path_factory.mktemp("browser-app")
    store = workdir / "energy.db"
    shutil.copyfile(_templates.get("sqlite", "demo"), store)
    running = start_app(f"sqlite:///{store}", workdir / "streamlit.log")
    try:
        yield running
    finally:
        stop_app(running)


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    """A fresh browser context (so a fresh Streamlit session), Korean locale."""
    yield from _new_page(browser)


def _new_page(browser: Any, timeout_ms: int = WAIT_MS) -> Iterator[Any]:
    """A fresh browser context (a fresh Streamlit session), Korean, closed after."""
    context = browser.new_context(locale="ko-KR", viewport=VIEWPORT)
    context.set_default_timeout(timeout_ms)
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()


@contextmanager
def logged_in(
    browser: Any,
    server: HasUrl,
    login: str,
    home_title: str | None = None,
    *,
    timeout_ms: int = WAIT_MS,
) -> Iterator[Any]:
    """A fresh Korean session logged in as ``login`` (a demo account), on its home page
    (``home_title``; by default the staff home's)."""
    with closing(_new_page(browser, timeout_ms)) as tabs:  # closing it closes the context
        tab = next(tabs)
        log_in_as(tab, server, login, home_title or _msg("home.title", "ko"))
        yield tab


# --- talking to Streamlit -----------------------------------------------------------------


def _key(key: str) -> str:
    """CSS selector of the element container of the widget with Streamlit key ``key``.

    Streamlit writes the key as class ``st-key-<key>`` with characters that are not valid in
    a class name replaced by ``-`` (``login.username`` -> ``st-key-login-username``).
    """
    return ".st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key)


USERNAME = _key("login.username") + " input"
PASSWORD_INPUT = _key("login.password") + " input"
SUBMIT = '[data-testid="stFormSubmitButton"] button'
# The menu: Streamlit's sidebar list of the role's pages (app.py's st.navigation), or the
# guard's page links when a page runs without app.py (a deep link into a fresh server). Either
# counts; before logging in, neither may appear.
NAV_LINK = '[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"], a[data-testid="stSidebarNavLink"]'

_SETTLED_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.dataset.testConnectionState !== 'CONNECTED') return false;
    // Busy until the run is over: running, but also a rerun asked for (a click, a typed
    // value) and not yet started, and the first run of a page just opened.
    const state = app.dataset.testScriptState;
    if (state !== 'notRunning' && state !== 'compilationError') return false;
    if (document.querySelector('[data-stale="true"]')) return false;
    const status = document.querySelector('[data-testid="stStatusWidget"]');
    return !(status && status.offsetParent !== null && /running/i.test(status.innerText));
}"""


# How long the app must stay idle to count as settled. Much shorter (0.15 s) missed a choice's
# rerun on a busy machine: a selectbox's option is sent only after the list closes.
QUIET_S = 0.4


def settle(page: Any) -> None:
    """Wait until the script run has finished and the page holds no stale elements.

    The app says when it is busy: a run in progress, a rerun asked for and not yet started
    (Streamlit marks it as soon as the input is sent), the first run of a page. The idle
    state must still hold for a few frames (``QUIET_S``), so that the mark of an input the
    browser has only just taken in, or the hand-over of ``st.rerun()``, is not missed.
    """
    deadline = time.monotonic() + WAIT_MS / 1000
    quiet_since: float | None = None
    while True:
        if page.evaluate(_SETTLED_JS):
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= QUIET_S:
                return
        else:
            quiet_since = None
        if time.monotonic() > deadline:
            raise AssertionError(f"the app did not settle within {WAIT_MS} ms on {page.url}")
        page.wait_for_timeout(50)


def choose_files(page: Any, uploader: Any, files: list[dict[str, Any]]) -> None:
    """Choose ``files`` in the file uploader ``uploader`` (a locator holding one) and wait
    until every file has reached the server and the rerun that hands it to the script has
    finished. Each file is shown as a chip, with a spinner while it is being sent; a button
    pressed before that would run the script without the file."""
    uploader.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files)
    for file in files:
        uploader.locator('[data-testid="stFileChipName"]').filter(
            has_text=file["name"]
        ).first.wait_for(state="visible")
    uploader.locator('[data-testid="stFileChipIconSpinner"]').first.wait_for(state="detached")
    settle(page)


def next_frames(page: Any, count: int = 2) -> None:
    """Wait until the browser has drawn ``count`` more frames, so what the last input or
    resize queued (a component's state update, a chart's re-layout) has been rendered. The
    browser says when; no fixed time is waited."""
    page.evaluate(
        """(count) => new Promise((done) => {
            const step = (left) => left ? requestAnimationFrame(() => step(left - 1)) : done();
            step(count);
        })""",
        count,
    )


def wait_for_title(page: Any, title: str) -> None:
    page.locator("h1").filter(has_text=re.compile("^" + re.escape(title) + "$")).first.wait_for(
        state="visible"
    )
    settle(page)
    assert title in _h1_texts(page), f"expected the title {title!r}, got {_h1_texts(page)}"


def _h1_texts(page: Any) -> list[str]:
    return [text.strip() for text in page.locator("h1").all_inner_texts()]


def assert_no_exception(page: Any) -> None:
    errors = page.locator('[data-testid="stException"]')
    assert errors.count() == 0, "uncaught exception on the page:\n" + "\n---\n".join(
        errors.all_inner_texts()
    )


def nav_labels(page: Any) -> list[str]:
    return [
        link.locator('[data-testid="stMarkdownContainer"]').first.inner_text().strip()
        for link in page.locator(NAV_LINK).all()
    ]


def nav_paths(page: Any) -> list[str]:
    hrefs = [link.get_attribute("href") or "" for link in page.locator(NAV_LINK).all()]
    return [urlparse(href).path.strip("/") for href in hrefs]


def _nav_link(page: Any, page_key: str) -> Any:
    if page_key == "home":
        return page.locator(NAV_LINK).filter(has_text=_msg("page.home", _lang(page))).first
    return page.locator(
        f'[data-testid="stSidebar"] a[href="{page_key}"], [data-testid="stSidebar"] a[href$="/{page_key}"]'
    ).first


def _lang(page: Any) -> str:
    """The UI language, read off the sidebar's language switch."""
    chosen = page.locator(_key("lang.choice") + ' button[aria-checked="true"]').inner_text()
    return "en" if chosen.strip() == "English" else "ko"


def screenshot(page: Any, name: str) -> Path:
    """A full-page screenshot: Streamlit scrolls inside ``stMain``, so grow the viewport."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    height = page.evaluate(
        """() => Math.max(
            window.innerHeight,
            ...[...document.querySelectorAll(
                '[data-testid="stMain"], [data-testid="stSidebarContent"]'
            )].map(e => e.scrollHeight))"""
    )
    viewport = page.viewport_size or VIEWPORT  # a phone's shot stays a phone's width
    page.set_viewport_size({"width": viewport["width"], "height": min(height, MAX_SHOT_HEIGHT)})
    try:
        next_frames(page)  # the charts re-lay themselves out for the new size
        if not page.evaluate(_SETTLED_JS):  # a resize reruns nothing: callers have settled
            settle(page)
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(viewport)
    assert path.stat().st_size > 10_000, f"suspiciously small screenshot {path}"
    return path


def open_app(page: Any, server: HasUrl, path: str = "/") -> None:
    page.goto(server.url + path, wait_until="domcontentloaded")
    page.locator("h1").first.wait_for(state="visible")
    settle(page)


def log_in(page: Any, server: HasUrl, username: str, password: str = PASSWORD) -> None:
    """Open the app, fill the login form and submit it (does not wait for the outcome)."""
    open_app(page, server)
    page.locator(USERNAME).fill(username)
    page.locator(PASSWORD_INPUT).fill(password)
    page.locator(SUBMIT).click()


def log_in_as(page: Any, server: HasUrl, username: str, home_title: str) -> None:
    log_in(page, server, username)
    wait_for_title(page, home_title)
    assert_no_exception(page)
    expect_demo_banner(page)


def expect_demo_banner(page: Any) -> None:
    alerts = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
    assert _msg("chrome.demo_banner", _lang(page)) in alerts, (
        f"no demo-data banner on a fresh demo store; alerts: {alerts!r}"
    )


def go_to(page: Any, page_key: str, title: str) -> None:
    _nav_link(page, page_key).click()
    page.wait_for_url(re.compile(rf"/{'' if page_key == 'home' else page_key}(\?.*)?$"))
    if page_key == "village":
        choose_flagship(page)
    wait_for_title(page, title)
    assert_no_exception(page)


def choose(page: Any, key: str, option: str, typed: str | None = None) -> None:
    """Choose ``option`` in the select box ``key`` by typing (``typed``, or the option
    itself) and clicking it in the list, as people do. Typing opens the list whatever a
    click did to it (a click while the page is redrawn can close it again)."""
    box = page.locator(_key(key) + " input")
    box.click()
    box.fill(typed if typed is not None else option)
    page.get_by_role("option").filter(has_text=option).first.click()
    settle(page)


def choose_flagship(page: Any) -> None:
    """On the village page, pick the flagship village in the village chooser."""
    combo = page.locator(_key("village.code") + " input")
    combo.wait_for(state="visible")
    settle(page)
    if FLAGSHIP_CODE not in (combo.input_value() or ""):
        combo.click()
        combo.fill(FLAGSHIP_CODE)
        page.get_by_role("option").filter(has_text=FLAGSHIP_CODE).first.click()
    page.wait_for_url(re.compile(rf"code={FLAGSHIP_CODE}"))
    settle(page)


def switch_language(page: Any, label: str) -> None:
    page.locator(_key("lang.choice")).get_by_role("radio", name=label).click()


def login_error_text(page: Any) -> str:
    page.locator('[data-testid="stAlert"]').first.wait_for(state="visible")
    settle(page)
    return " ".join(t.strip() for t in page.locator('[data-testid="stAlert"]').all_inner_texts())


# --- the tests ----------------------------------------------------------------------------


ENGLISH_SHOTS = {"home", "villages", "savings", "townhall", "calls", "factors", "audit", "users"}


def test_admin_visits_every_page_in_korean_then_english(page: Any, server: Server) -> None:
    # Every page but a committee's own check-in (staff mark people on the trainer's board)
    # and a district officer's advice and pre-screen (staff read both with the application,
    # on the call's page).
    staff_pages = pages_of("admin")
    assert set(ALL_PAGES) - set(staff_pages) == {"checkin", "advice", "prescreen"}
    log_in_as(page, server, "admin", _heading("home", "ko"))
    assert _lang(page) == "ko"
    assert nav_labels(page) == [_msg(PAGE_TITLE_KEYS[p], "ko") for p in staff_pages]

    for lang in ("ko", "en"):
        # Every page in Korean; in English the pages a reviewer of the wording opens first
        # (every page twice was a tenth of the suite; test_apptest opens every page in English).
        shown = [p for p in staff_pages[1:] if lang == "ko" or p in ENGLISH_SHOTS]
        for page_key in (*shown, "home"):
            go_to(page, page_key, _heading(page_key, lang))
            assert _lang(page) == lang
            screenshot(page, f"admin-{page_key}-{lang}")
        if lang == "ko":
            # Back on home: switch to English in the sidebar; the same page redraws in English.
            switch_language(page, "English")
            wait_for_title(page, _heading("home", "en"))
            assert_no_exception(page)
            assert nav_labels(page) == [_msg(PAGE_TITLE_KEYS[p], "en") for p in staff_pages]
            expect_demo_banner(page)
            sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
            assert _msg("chrome.logout", "en") in sidebar
            assert _msg("chrome.logout", "ko") not in sidebar


def test_committee_sees_only_its_village(page: Any, server: Server) -> None:
    log_in_as(page, server, "committee", FLAGSHIP_NAME["ko"])
    labels = nav_labels(page)
    assert labels == [_msg(PAGE_TITLE_KEYS[p], "ko") for p in pages_of("committee")]
    for forbidden in ("users", "audit", "villages"):
        assert _msg(PAGE_TITLE_KEYS[forbidden], "ko") not in labels
    assert sorted(nav_paths(page)) == paths_of("committee")
    assert _msg("home.title", "ko") not in _h1_texts(page)  # no programme overview
    screenshot(page, "committee-home-ko")
    # Every card's value fits its card: none is cut off with an ellipsis (the text's own
    # width against the width of the box that clips it).
    overflow = page.locator('[data-testid="stMetricValue"]').evaluate_all(
        "els => els.filter(e => { const box = e.querySelector('.stMarkdownEllipsis');"
        " const text = box && box.querySelector('p');"
        " return text && text.getBoundingClientRect().width > box.clientWidth + 0.5; })"
        ".map(e => e.innerText)"
    )
    assert overflow == []

    # Its village page shows its own village, with no chooser of other villages.
    _nav_link(page, "village").click()
    page.wait_for_url(re.compile(r"/village(\?.*)?$"))
    wait_for_title(page, FLAGSHIP_NAME["ko"])
    assert_no_exception(page)
    assert page.locator(_key("village.code")).count() == 0
    assert FLAGSHIP_CODE in page.locator('[data-testid="stMain"]').inner_text()
    screenshot(page, "committee-village-ko")


def test_viewer_sees_only_the_aggregate_pages(page: Any, server: Server) -> None:
    log_in_as(page, server, "viewer", _heading("home", "ko"))
    assert nav_labels(page) == [_msg(PAGE_TITLE_KEYS[p], "ko") for p in pages_of("viewer")]
    assert sorted(nav_paths(page)) == paths_of("viewer") == ["", "account", "townhall"]
    screenshot(page, "viewer-home-ko")
    go_to(page, "account", _heading("account", "ko"))
    screenshot(page, "viewer-account-ko")


def test_wrong_password_and_unknown_user_get_the_same_message(page: Any, server: Server) -> None:
    expected = _msg("login.invalid", "ko")
    assert expected == "아이디 또는 비밀번호가 올바르지 않습니다."
    messages = []
    for username, password in (("reviewer", "not-the-password"), ("nobody.here", PASSWORD)):
        log_in(page, server, username, password)
        messages.append(login_error_text(page))
        assert page.locator(USERNAME).is_visible(), "the login form must stay on screen"
        assert page.locator(NAV_LINK).count() == 0, "no navigation before logging in"
        assert_no_exception(page)
    assert all(expected in message for message in messages), messages
    assert messages[0] == messages[1], f"the two failures read differently: {messages}"
    screenshot(page, "anonymous-login-error-ko")


def test_logout_returns_to_the_login_form(page: Any, server: Server) -> None:
    log_in_as(page, server, "trainer", _heading("home", "ko"))
    assert sorted(nav_paths(page)) == paths_of("trainer")
    page.locator(_key("chrome.logout") + " button").click()
    page.locator(USERNAME).wait_for(state="visible")
    settle(page)
    assert_no_exception(page)
    assert page.locator(NAV_LINK).count() == 0
    assert _msg("home.title", "ko") not in _h1_texts(page)
    assert page.locator(USERNAME).input_value() == ""
    assert page.locator(PASSWORD_INPUT).input_value() == ""
    screenshot(page, "anonymous-login-ko")


def test_an_idle_session_leaves_the_screen_without_a_click(
    browser: Any, tmp_path_factory: pytest.TempPathFactory, _templates: Any
) -> None:
    """With an idle time of 9 seconds, a viewer's figures are replaced by the login within
    the idle time and one check (a quarter of it), though nobody touches the page."""
    workdir = tmp_path_factory.mktemp("browser-idle")
    store = workdir / "energy.db"
    shutil.copyfile(_templates.get("sqlite", "demo"), store)
    idle = start_app(
        f"sqlite:///{store}", workdir / "streamlit.log", env={"ENERGY_SESSION_IDLE_MINUTES": "0.15"}
    )
    try:
        for tab in _new_page(browser):
            log_in_as(tab, idle, "viewer", _heading("home", "ko"))
            assert tab.locator(NAV_LINK).count() > 0
            # No click, no key: the page notices on its own.
            tab.locator(USERNAME).wait_for(state="visible", timeout=60_000)
            settle(tab)
            assert_no_exception(tab)
            assert tab.locator(NAV_LINK).count() == 0
            assert _heading("home", "ko") not in _h1_texts(tab)
            alerts = " ".join(tab.locator('[data-testid="stAlert"]').all_inner_texts())
            assert _msg("login.expired", "ko") in alerts
            screenshot(tab, "anonymous-idle-expired-ko")
    finally:
        stop_app(idle)


def _log_in_at(tab: Any, server: HasUrl, path: str, login: str) -> None:
    """Open ``path`` logged out (a new session), then log in on the form it shows."""
    open_app(tab, server, path)
    assert tab.locator('[role="dialog"]').count() == 0, tab.locator(
        '[role="dialog"]'
    ).all_inner_texts()
    tab.locator(USERNAME).fill(login)
    tab.locator(PASSWORD_INPUT).fill(PASSWORD)
    tab.locator(SUBMIT).click()


def test_a_bookmarked_page_opens_the_login_then_the_page(browser: Any, server: Server) -> None:
    """A committee's bookmark of 사용량 입력 on a running server: the login at that address (not
    Streamlit's English "Page not found" over it), then the page itself; a page the role may
    not use is refused in the user's language."""
    with logged_in(browser, server, "committee", FLAGSHIP_NAME["ko"]):
        pass  # a session has run app.py's navigation: not the fresh-server trap below
    for tab in _new_page(browser):
        _log_in_at(tab, server, "/readings", "committee")
        wait_for_title(tab, _msg("page.readings", "ko"))
        assert urlparse(tab.url).path == "/readings"
        assert_no_exception(tab)
        _log_in_at(tab, server, "/users", "committee")
        tab.get_by_text(_msg("error.access_denied", "ko")).wait_for(state="visible")
        settle(tab)
        assert _msg("page.users", "ko") not in _h1_texts(tab)
        assert tab.locator('[data-testid="stDataFrame"]').count() == 0
        screenshot(tab, "committee-deeplink-users-ko")
