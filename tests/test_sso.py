"""Logging in with the city account: an identity provider's claims mapped to an account
(``energy.accounts.sso``), on both stores. The browser flow is in tests/test_browser_oidc.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from energy.accounts import sso
from energy.audit.log import in_words
from energy.core.access import CLI_ACTOR
from energy.core.catalogue import MESSAGES
from energy.core.errors import AlreadyExists
from energy.core.vocabulary import SSO_REFUSALS
from energy.store import db
from energy.store.audit import AuditFilter, AuditRecord, read_audit
from energy.store.models.accounts import User
from energy.store.models.villages import District, Village
from tests.energy_cli import energy
from tests.test_apptest import APP, TIMEOUT
from ui.core import state

ISSUER = "https://login.city.example"
# (username, role, e-mail, active): the people of a small office.
PEOPLE = (
    ("kim", "admin", "kim@city.example", True),
    ("lee", "reviewer", "lee@city.example", True),
    ("gone", "admin", "gone@city.example", False),
    ("sungdae", "committee", "sungdae@city.example", True),
    ("group", "applicant", "group@city.example", True),
)


@pytest.fixture
def office(fresh_store: str) -> str:
    """A fresh store holding ``PEOPLE`` (written directly: no password is used here)."""
    with db.session_for(CLI_ACTOR, write=True, url=fresh_store) as session:
        district = session.scalars(select(District)).first()
        assert district is not None
        village = Village(code="V-1", name="성대골", district_id=district.id, cohort_year=2012)
        session.add(village)
        session.flush()
        for username, role, email, active in PEOPLE:
            session.add(
                User(
                    username=username,
                    display_name=username,
                    role=role,
                    village_id=village.id if role == "committee" else None,
                    password_hash="-",  # never verified in these tests
                    email=email,
                    is_active=active,
                )
            )
    return fresh_store


def _claims(sub: str, email: str | None = None, verified: Any = True) -> dict[str, Any]:
    """What ``st.user`` holds after a login with the provider ``ISSUER``."""
    claims: dict[str, Any] = {"is_logged_in": True, "iss": ISSUER, "sub": sub, "aud": "energy"}
    if email is not None:
        claims |= {"email": email, "email_verified": verified}
    return claims


def _subject(url: str, username: str) -> str | None:
    with db.session_for(CLI_ACTOR, url=url) as session:
        return session.scalar(select(User.oidc_subject).where(User.username == username))


def _logins(url: str) -> list[AuditRecord]:
    records = read_audit(CLI_ACTOR, AuditFilter(), limit=100, url=url).records
    return sorted((r for r in records if r.action in ("login", "login_failed")), key=lambda r: r.id)


def test_a_verified_address_finds_the_account_and_links_it(office: str) -> None:
    result = sso.log_in_with_identity(_claims("k-1", "Kim@City.example"), url=office)
    assert result.ok and result.actor is not None
    assert (result.actor.username, result.actor.role) == ("kim", "admin")
    assert _subject(office, "kim") == f"{ISSUER}#k-1"
    (login,) = _logins(office)
    assert (login.action, login.entity_key, login.after) == ("login", "kim", {"method": "oidc"})
    sentences = {
        lang: in_words(CLI_ACTOR, [login], lang, url=office)[0].sentence for lang in ("ko", "en")
    }
    assert sentences == {
        "ko": "Kim이 서울시 계정으로 로그인했습니다.",
        "en": "Kim logged in with the city account.",
    }
    records = read_audit(CLI_ACTOR, AuditFilter(), limit=100, url=office).records
    (linked,) = [r for r in records if (r.entity, r.action) == ("users", "update")]
    (said,) = in_words(CLI_ACTOR, [linked], "en", url=office)
    assert said.sentence == "The account of kim was linked to a city account."


def test_a_linked_subject_is_used_whatever_the_address_says_later(office: str) -> None:
    assert sso.log_in_with_identity(_claims("k-1", "kim@city.example"), url=office).ok
    # The provider now gives another, unverified address: the subject alone still finds kim.
    later = sso.log_in_with_identity(_claims("k-1", "seoyeon@other.example", False), url=office)
    assert later.actor is not None and later.actor.username == "kim"
    # The same sub from another issuer is another identity.
    other = sso.log_in_with_identity(
        {**_claims("k-1"), "iss": "https://elsewhere.example"}, url=office
    )
    assert (other.ok, other.reason) == (False, "unknown")


@pytest.mark.parametrize("verified", [False, None, "false"], ids=["false", "missing", "text"])
def test_an_unverified_address_matches_nobody(office: str, verified: Any) -> None:
    claims = _claims("k-1", "kim@city.example", verified)
    if verified is None:
        del claims["email_verified"]
    result = sso.log_in_with_identity(claims, url=office)
    assert (result.ok, result.reason) == (False, "unknown")
    assert _subject(office, "kim") is None


def test_a_verified_true_written_as_text_counts(office: str) -> None:
    assert sso.log_in_with_identity(_claims("l-1", "lee@city.example", "true"), url=office).ok


def test_an_unknown_identity_is_refused_and_the_refusal_audited(office: str) -> None:
    result = sso.log_in_with_identity(_claims("x-9", "stranger@city.example"), url=office)
    assert (result.actor, result.reason, result.username) == (None, "unknown", None)
    (refused,) = _logins(office)
    assert (refused.action, refused.entity_key) == ("login_failed", "stranger@city.example")
    assert refused.after == {
        "method": "oidc",
        "reason": "unknown",
        "subject": f"{ISSUER}#x-9",
        "email": "stranger@city.example",
    }
    (said,) = in_words(CLI_ACTOR, [refused], "en", url=office)
    assert said.sentence == (
        "A login with the city account as 'stranger@city.example' was refused "
        "(no account is linked to it or has its verified address)."
    )
    with db.session_for(CLI_ACTOR, url=office) as session:
        assert session.scalar(select(User).where(User.email == "stranger@city.example")) is None


@pytest.mark.parametrize(
    ("username", "reason"),
    [("gone", "disabled"), ("sungdae", "password_only"), ("group", "password_only")],
)
def test_disabled_committee_and_applicant_accounts_are_refused(
    office: str, username: str, reason: str
) -> None:
    result = sso.log_in_with_identity(_claims("s-1", f"{username}@city.example"), url=office)
    assert (result.actor, result.reason, result.username) == (None, reason, username)
    assert _subject(office, username) is None  # a refused identity is never linked
    (refused,) = _logins(office)
    assert (refused.entity_key, refused.after and refused.after["reason"]) == (username, reason)


def test_a_linked_account_drops_out_once_disabled(office: str) -> None:
    assert sso.log_in_with_identity(_claims("k-1", "kim@city.example"), url=office).ok
    with db.session_for(CLI_ACTOR, write=True, url=office) as session:
        kim = session.scalar(select(User).where(User.username == "kim"))
        assert kim is not None
        kim.is_active = False
    result = sso.log_in_with_identity(_claims("k-1"), url=office)
    assert (result.ok, result.reason) == (False, "disabled")


def test_a_city_account_session_drops_out_once_its_role_may_not_use_it(office: str) -> None:
    """Re-read every minute (ui.core.session): disabled, or made a committee's account."""
    actor = sso.log_in_with_identity(_claims("l-1", "lee@city.example"), url=office).actor
    assert actor is not None and sso.refresh_actor(actor, url=office) == actor
    with db.session_for(CLI_ACTOR, write=True, url=office) as session:
        lee = session.scalar(select(User).where(User.username == "lee"))
        assert lee is not None
        lee.role, lee.village_id = "committee", session.scalar(select(Village.id))
    assert sso.refresh_actor(actor, url=office) is None


def test_an_address_linked_to_another_identity_is_not_taken_over(office: str) -> None:
    assert sso.log_in_with_identity(_claims("k-1", "kim@city.example"), url=office).ok
    # Another person at the provider now has kim's address (verified): refused, never kim.
    result = sso.log_in_with_identity(_claims("k-2", "kim@city.example"), url=office)
    assert (result.ok, result.reason, result.username) == (False, "other_identity", "kim")
    assert _subject(office, "kim") == f"{ISSUER}#k-1"


def test_an_identity_without_a_subject_is_refused(office: str) -> None:
    claims = _claims("k-1", "kim@city.example")
    del claims["sub"]
    assert sso.log_in_with_identity(claims, url=office).reason == "no_subject"


def test_the_subject_names_its_issuer_and_fits_its_column() -> None:
    assert sso.identity_subject({"iss": "https://idp.example/", "sub": "a"}) == (
        "https://idp.example#a"
    )
    assert sso.identity_subject({"sub": "a"}) == "a"
    assert sso.identity_subject({"iss": ISSUER, "sub": " "}) is None
    long = sso.identity_subject({"iss": ISSUER, "sub": "x" * 300})
    assert long is not None and long.startswith("sha256:") and len(long) <= sso.MAX_SUBJECT


def test_staff_link_and_unlink_an_account_by_subject(office: str) -> None:
    """For a provider that verifies no address: ``user sso NAME SUBJECT``, then ``--clear``."""
    linked = energy(office, "user", "sso", "lee", f"{ISSUER}#l-7")
    assert linked.returncode == 0, linked.stderr
    assert linked.stdout.strip() == f"lee: linked to the city account {ISSUER}#l-7"
    result = sso.log_in_with_identity(_claims("l-7"), url=office)
    assert result.actor is not None and result.actor.username == "lee"
    with pytest.raises(AlreadyExists):
        sso.link_identity(CLI_ACTOR, "kim", f"{ISSUER}#l-7", url=office)
    assert energy(office, "user", "sso", "lee", "--clear").returncode == 0
    assert _subject(office, "lee") is None
    refused = energy(office, "user", "sso", "lee")
    assert refused.returncode != 0
    assert "--clear" in refused.stderr


# --- the session in the app (Streamlit's AppTest; the browser test drives the real flow) -----

AUTH_SECRETS = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a test secret of enough length",
    "client_id": "energy",
    "client_secret": "not a secret",
    "server_metadata_url": f"{ISSUER}/.well-known/openid-configuration",
}


@pytest.mark.parametrize("small_store", ["sqlite"], indirect=True)
def test_an_idle_city_account_session_expires_and_does_not_log_itself_in_again(
    small_store: str,
) -> None:
    """A new session logs in from the identity cookie (``st.user``); once idle too long it
    ends, lets go of the identity (the login screen has the browser delete the cookie) and
    stays logged out on the next run, though ``st.user`` still holds the identity."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets = {"auth": AUTH_SECRETS}
    at.user = _claims("a-1", "admin@example.org")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title] == [MESSAGES["home.title"]["ko"]]
    assert _subject(small_store, "admin") == f"{ISSUER}#a-1"

    at.session_state[state.LAST_SEEN] = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
    at.run()
    assert [i.value for i in at.info] == [MESSAGES["login.expired"]["ko"]]
    assert at.button(key="login.sso").label == MESSAGES["login.sso.button"]["ko"]
    scripts = [h.proto.body for h in at.get("html") if "auth/logout" in h.proto.body]
    assert len(scripts) == 1 and "redirect: 'manual'" in scripts[0]

    at.run()  # the identity is still in st.user: this session no longer reads it
    assert at.text_input(key="login.username") is not None
    assert MESSAGES["home.title"]["ko"] not in [t.value for t in at.title]
    assert not [h for h in at.get("html") if "auth/logout" in h.proto.body]  # sent once


@pytest.mark.parametrize("small_store", ["sqlite"], indirect=True)
def test_without_a_provider_the_login_screen_has_no_city_account_button(
    small_store: str,
) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.user = _claims("a-1", "admin@example.org")  # an identity, but no [auth] configured
    at.run()
    assert at.text_input(key="login.username") is not None
    assert not [b for b in at.button if b.key == "login.sso"]
    assert _subject(small_store, "admin") is None


def test_every_refusal_is_said_to_the_person_and_in_the_log() -> None:
    for reason in SSO_REFUSALS:
        for key in (f"login.sso.{reason}", f"audit.sso_refused.{reason}"):
            assert set(MESSAGES[key]) == {"ko", "en"}, key
