"""Logging in with the city account for real: a local OpenID Connect provider (PyPI's
``oidc-provider-mock``, on a loopback port in this process) and the app served by ``streamlit
run`` with an ``[auth]`` section pointing at it, driven in headless Chromium.

One provider and one server for the module. The secrets file is written to the test's own
folder and handed to Streamlit with ``--secrets.files`` (the repository's ``.streamlit/`` is
never touched). The provider's authorization page offers the people below as one-click
buttons, one per subject; what it vouches for is each one's claims.
"""

from __future__ import annotations

import importlib.util
import logging
import secrets
import shutil
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from energy.core.access import CLI_ACTOR
from energy.store import db
from energy.store.audit import AuditFilter, read_audit
from energy.store.models.accounts import User
from tests.conftest import require
from tests.live_server import LiveServer, start_app, stop_app
from tests.test_browser import (  # the browser fixture and the harness's helpers
    NAV_LINK,
    USERNAME,
    WAIT_MS,
    _h1_texts,
    _key,
    _msg,
    assert_no_exception,
    browser,
    expect_demo_banner,
    login_error_text,
    open_app,
    screenshot,
    settle,
    switch_language,
    wait_for_title,
)

__all__ = ["browser"]  # the fixture imported for pytest
pytestmark = [
    pytest.mark.browser,
    # The provider (a test tool) runs on Authlib's older interfaces, which say so.
    pytest.mark.filterwarnings("ignore::DeprecationWarning:authlib.*"),
]

SSO_BUTTON = _key("login.sso") + " button"
IDENTITY_COOKIE = "_streamlit_user"
# The provider's people: subject -> claims (the demo's accounts have addresses at example.org).
PEOPLE = {
    "city-admin": {"email": "admin@example.org", "email_verified": True, "name": "김서연"},
    "city-stranger": {"email": "stranger@example.org", "email_verified": True, "name": "Stranger"},
    "city-former": {"email": "former.staff@example.org", "email_verified": True},
}


@dataclass(frozen=True)
class CitySetup:
    provider: str  # the provider's address, also its issuer
    app: LiveServer
    store: str  # the app's store, for reading back what the logins wrote


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    require(
        importlib.util.find_spec("oidc_provider_mock") is not None,
        "oidc-provider-mock is not installed (pip install -r requirements-dev.txt)",
    )
    import authlib.deprecate  # noqa: F401  (its own "always show" rule first, then ours over it)

    with warnings.catch_warnings():  # the provider imports Authlib's older interfaces
        warnings.simplefilter("ignore", DeprecationWarning)
        import oidc_provider_mock

    users = [oidc_provider_mock.User(sub=sub, claims=dict(c)) for sub, c in PEOPLE.items()]
    werkzeug_log = logging.getLogger("werkzeug")
    level = werkzeug_log.level
    werkzeug_log.setLevel(logging.WARNING)  # not a line per request in the test's output
    try:
        with oidc_provider_mock.run_server_in_thread(user_claims=users) as running:
            yield f"http://localhost:{running.server_port}"
    finally:
        werkzeug_log.setLevel(level)


@pytest.fixture(scope="module")
def city(
    browser: Any, provider: str, tmp_path_factory: pytest.TempPathFactory, _templates: Any
) -> Iterator[CitySetup]:
    """The app over a copy of the run's small demo store, with the provider configured."""
    workdir = tmp_path_factory.mktemp("browser-oidc")
    store = workdir / "energy.db"
    shutil.copyfile(_templates.get("sqlite", "small"), store)
    secrets_file = workdir / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        # Streamlit puts the port it listens on in place of {port}.
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "energy-villages"\n'
        f'client_secret = "{secrets.token_hex(16)}"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )
    url = f"sqlite:///{store}"
    app = start_app(url, workdir / "streamlit.log", options=["--secrets.files", str(secrets_file)])
    try:
        yield CitySetup(provider, app, url)
    finally:
        stop_app(app)


@pytest.fixture
def page(browser: Any, city: CitySetup) -> Iterator[Any]:
    """A fresh browser context (no cookie: a stranger's browser), Korean locale."""
    context = browser.new_context(locale="ko-KR", viewport={"width": 1400, "height": 900})
    context.set_default_timeout(WAIT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def log_in_with_city_account(page: Any, city: CitySetup, subject: str) -> None:
    """From the login screen on ``page`` to the provider, authorize ``subject`` there, and
    back to the app (whatever it then shows)."""
    page.locator(SSO_BUTTON).click()
    page.locator(f'button[name="sub"][value="{subject}"]').click()  # the provider's page
    page.wait_for_url(city.app.url + "/")
    page.locator("h1").first.wait_for(state="visible")
    settle(page)


def has_identity_cookie(page: Any) -> bool:
    return any(c["name"] == IDENTITY_COOKIE for c in page.context.cookies())


def wait_for_identity_cookie_gone(page: Any) -> None:
    """A refused identity is let go of in the background (a request the page sends)."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while has_identity_cookie(page):
        assert time.monotonic() < deadline, "the identity cookie was not deleted"
        page.wait_for_timeout(100)


def subject_of(city: CitySetup, username: str) -> str | None:
    with db.session_for(CLI_ACTOR, url=city.store) as session:
        return session.scalar(select(User.oidc_subject).where(User.username == username))


def refusal_text(page: Any) -> str:
    """The refusal on the login screen, as read (the address's invisible joiner taken out)."""
    return login_error_text(page).replace("\u2060", "")


def test_oidc_staff_member_logs_in_stays_across_a_reload_and_logs_out_of_both(
    page: Any, city: CitySetup
) -> None:
    open_app(page, city.app)
    assert page.locator(SSO_BUTTON).inner_text().strip().endswith(_msg("login.sso.button", "ko"))
    assert page.locator(USERNAME).is_visible()  # the password form stays, for committees
    screenshot(page, "anonymous-login-sso-ko")
    switch_language(page, "English")
    page.locator(SSO_BUTTON).filter(has_text=_msg("login.sso.button", "en")).wait_for()
    settle(page)
    screenshot(page, "anonymous-login-sso-en")

    log_in_with_city_account(page, city, "city-admin")
    wait_for_title(page, _msg("home.title", "ko"))  # the staff home, in the account's language
    assert_no_exception(page)
    assert page.locator(NAV_LINK).count() > 0
    expect_demo_banner(page)
    assert subject_of(city, "admin") == f"{city.provider}#city-admin"  # linked on first use
    assert has_identity_cookie(page)

    # A reload is a new Streamlit session: the identity cookie logs it in again.
    page.reload(wait_until="domcontentloaded")
    wait_for_title(page, _msg("home.title", "ko"))
    assert page.locator(NAV_LINK).count() > 0

    # Logging out ends the app's session and the identity, and passes through the provider's
    # end-session page (it offers one), then comes back to the login screen.
    page.locator(_key("chrome.logout") + " button").click()
    page.wait_for_url(f"{city.provider}/oauth2/end_session**")
    assert "id_token_hint=" in page.url
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(city.app.url + "/")
    page.locator(USERNAME).wait_for(state="visible")
    settle(page)
    assert not has_identity_cookie(page)
    page.reload(wait_until="domcontentloaded")
    page.locator(USERNAME).wait_for(state="visible")
    settle(page)
    assert page.locator(NAV_LINK).count() == 0
    assert _msg("home.title", "ko") not in _h1_texts(page)


def test_oidc_unknown_and_disabled_identities_are_refused(page: Any, city: CitySetup) -> None:
    """Each refusal is said on the login screen, and the identity is let go of so that the
    person can try another account from there. (A committee's or an applicant's account is
    refused too: tests/test_sso.py.)"""
    refusals = (
        ("city-stranger", _msg("login.sso.unknown", "ko", account="stranger@example.org")),
        ("city-former", _msg("login.sso.disabled", "ko")),
    )
    open_app(page, city.app)
    for subject, message in refusals:
        log_in_with_city_account(page, city, subject)
        assert message in refusal_text(page), subject
        assert page.locator(USERNAME).is_visible()
        assert page.locator(NAV_LINK).count() == 0, "a refused identity gets no menu"
        assert_no_exception(page)
        wait_for_identity_cookie_gone(page)  # so the person can try another account
        if subject == "city-stranger":
            screenshot(page, "anonymous-login-sso-refused-ko")
            switch_language(page, "English")
            english = _msg("login.sso.unknown", "en", account="stranger@example.org")
            page.get_by_text("No account in this app").wait_for()
            settle(page)
            assert english in refusal_text(page)
            screenshot(page, "anonymous-login-sso-refused-en")
            switch_language(page, "한국어")
            page.locator(SSO_BUTTON).filter(has_text=_msg("login.sso.button", "ko")).wait_for()
            settle(page)
    assert subject_of(city, "former.staff") is None
    refused = [
        (r.entity_key, (r.after or {}).get("reason"))
        for r in read_audit(CLI_ACTOR, AuditFilter(), limit=50, url=city.store).records
        if r.action == "login_failed" and (r.after or {}).get("method") == "oidc"
    ]
    assert sorted(refused) == [
        ("former.staff", "disabled"),
        ("stranger@example.org", "unknown"),
    ]
