"""A forgotten password in a real browser, with real mail: on the login page a committee asks
for a link by its address; the app's sender thread hands the mail to a local SMTP server
(``tests.mail_server``); the link in it opens the new-password form; the new password logs
in. Then staff see that message sent on the outbox page. Screenshots of the request form,
the new-password form (Korean) and the outbox (Korean and English) go to tests/artifacts/."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.live_server import LiveServer, start_app, stop_app
from tests.mail_server import MailServer, smtp_server
from tests.test_browser import (  # the browser fixture and the helpers that talk to Streamlit
    FLAGSHIP_NAME,
    PASSWORD_INPUT,
    SUBMIT,
    USERNAME,
    _key,
    _msg,
    assert_no_exception,
    browser,
    go_to,
    logged_in,
    open_app,
    screenshot,
    settle,
    switch_language,
    wait_for_title,
)

__all__ = ["browser"]  # a fixture imported for pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PUBLIC_URL = "https://energy.seoul.example"  # what the mail's links start with
NEW_PASSWORD = "lantern orchard seventy"


@pytest.fixture(scope="module")
def mail_server() -> Iterator[MailServer]:
    with smtp_server() as server:
        yield server


@pytest.fixture(scope="module")
def server(
    browser: Any,
    mail_server: MailServer,
    tmp_path_factory: pytest.TempPathFactory,
    _templates: Any,
) -> Iterator[LiveServer]:
    """The app over a copy of the demo store, its mail going to ``mail_server``."""
    workdir = tmp_path_factory.mktemp("browser-reset")
    store = workdir / "energy.db"
    shutil.copyfile(_templates.get("sqlite", "demo"), store)
    env = {"ENERGY_SMTP_URL": mail_server.url, "ENERGY_PUBLIC_URL": PUBLIC_URL}
    running = start_app(f"sqlite:///{store}", workdir / "streamlit.log", env=env)
    try:
        yield running
    finally:
        stop_app(running)


def _alert(page: Any, text: str) -> None:
    page.locator('[data-testid="stAlert"]').filter(has_text=text).first.wait_for(state="visible")
    settle(page)


def test_a_forgotten_password_is_reset_with_the_mailed_link(
    browser: Any, server: LiveServer, mail_server: MailServer
) -> None:
    context = browser.new_context(locale="ko-KR", viewport={"width": 1400, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        open_app(page, server)
        page.locator(_key("reset.open") + " label").click()
        page.locator(_key("reset.who") + " input").fill("Committee@Example.org")
        page.get_by_role("button", name=_msg("reset.ask_submit", "ko")).click()
        _alert(page, _msg("reset.asked", "ko")[:20])
        assert_no_exception(page)
        screenshot(page, "login-forgot-password-ko")

        (message,) = mail_server.wait_for(1, timeout_s=30)
        assert message["To"] == "성대골 주민위원회 <committee@example.org>"
        assert message["Subject"] == "[서울 에너지자립마을] 비밀번호 재설정 링크"
        plain = message.get_body(("plain",))
        assert plain is not None
        found = re.search(r"(https://\S+/\?reset=[A-Za-z0-9_-]+)", plain.get_content())
        assert found is not None and found[1].startswith(PUBLIC_URL + "/?reset=")
        link = urlsplit(found[1])
        page.goto(f"{server.url}{link.path}?{link.query}", wait_until="domcontentloaded")
        page.get_by_text(_msg("reset.new_title", "ko"), exact=True).wait_for(state="visible")
        settle(page)
        assert "committee" in page.locator('[data-testid="stForm"]').first.inner_text()
        screenshot(page, "login-new-password-ko")
        page.locator(_key("reset.password") + " input").fill(NEW_PASSWORD)
        page.locator(_key("reset.repeat") + " input").fill(NEW_PASSWORD)
        page.get_by_role("button", name=_msg("reset.new_submit", "ko")).click()
        _alert(page, _msg("reset.done", "ko"))
        assert page.locator(USERNAME).input_value() == "committee"  # filled in for the person
        assert "reset=" not in page.url
        page.locator(PASSWORD_INPUT).fill(NEW_PASSWORD)
        page.locator(SUBMIT).click()
        wait_for_title(page, FLAGSHIP_NAME["ko"])
        assert_no_exception(page)
    finally:
        context.close()

    # Staff see the message sent, with the server's answer, on the outbox page.
    with logged_in(browser, server, "admin") as tab:
        go_to(tab, "mail", _msg("page.mail", "ko"))
        tab.locator('[data-testid="stDataFrame"]').wait_for(state="visible")
        sent = tab.locator('[data-testid="stMetric"]').filter(
            has_text=_msg("mail.count.sent", "ko")
        )
        assert sent.locator('[data-testid="stMetricValue"]').inner_text().strip() == "1"
        screenshot(tab, "admin-mail-sent-ko")
        switch_language(tab, "English")
        wait_for_title(tab, _msg("page.mail", "en"))
        screenshot(tab, "admin-mail-sent-en")
