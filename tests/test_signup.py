"""Self-service sign-up (issue 22, item 5): it tells nothing about who exists, refuses names
that imitate the city's staff or roles, is limited per client, and makes applicants only."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from energy.accounts import applicants, limits
from energy.accounts import users as accounts
from energy.core.access import CLI_ACTOR
from energy.core.errors import InvalidInput
from energy.store import db
from energy.store.models.accounts import User

PASSWORD = "a long enough password"


def _sign_up(url: str, name: str, display: str = "망원 주민모임", client: str | None = None):
    return applicants.register_applicant(
        username=name, password=PASSWORD, display_name=display, client=client, url=url
    )


def test_the_answer_is_the_same_whether_or_not_the_name_is_used(fresh_store: str) -> None:
    accounts.add_user(
        CLI_ACTOR, username="kim.minsu", password=PASSWORD, role="admin", url=fresh_store
    )
    taken = _sign_up(fresh_store, "kim.minsu", client="203.0.113.7")
    free = _sign_up(fresh_store, "park.jiwoo", client="203.0.113.7")
    again = _sign_up(fresh_store, "park.jiwoo", client="203.0.113.8")
    # Each gets its own sign-in name, the chosen one with four digits: nothing says which
    # chosen names someone else already uses.
    assert re.fullmatch(r"kim\.minsu-\d{4}", taken.username)
    assert re.fullmatch(r"park\.jiwoo-\d{4}", free.username)
    assert re.fullmatch(r"park\.jiwoo-\d{4}", again.username) and again.username != free.username
    assert {taken.role, free.role, again.role} == {"applicant"}
    # The staff account is untouched and the new accounts log in with their own names.
    assert accounts.authenticate("kim.minsu", PASSWORD, url=fresh_store).actor.role == "admin"
    assert accounts.authenticate(taken.username, PASSWORD, url=fresh_store).actor.role == (
        "applicant"
    )


@pytest.mark.parametrize(
    ("name", "display"),
    [
        ("seoul.admin", "망원 주민모임"),
        ("admin", "망원 주민모임"),
        ("cityadmin", "망원 주민모임"),
        ("mangwon", "서울시 에너지정책과"),
        ("mangwon", "City Energy Staff (admin)"),
        ("mangwon", "관리자"),
        ("mangwon", "심사위원 모임"),
        ("mangwon", "ＡＤＭＩＮ"),  # full-width letters read as the same word
        ("energy-reviewer", "망원 주민모임"),
    ],
)
def test_names_that_imitate_staff_or_roles_are_refused(
    fresh_store: str, name: str, display: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        _sign_up(fresh_store, name, display)
    assert caught.value.key == "error.signup_name_reserved"
    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        assert session.scalars(select(User.username)).all() == []


def test_an_existing_staff_members_display_name_is_refused(fresh_store: str) -> None:
    accounts.add_user(
        CLI_ACTOR,
        username="lee.jieun",
        password=PASSWORD,
        role="admin",
        display_name="이지은 (에너지팀)",
        url=fresh_store,
    )
    with pytest.raises(InvalidInput) as caught:
        _sign_up(fresh_store, "mangwon", "이지은(에너지팀)")
    assert (caught.value.key, caught.value.field) == ("error.signup_name_reserved", "display_name")


@pytest.mark.parametrize(
    "display", ["Grassroots Solar Club", "망원동 에너지 위원회", "Badminton & Sun", "성미산 마을"]
)
def test_ordinary_group_names_are_accepted(fresh_store: str, display: str) -> None:
    assert _sign_up(fresh_store, "our.group", display).display_name == display


def test_one_client_makes_a_few_accounts_an_hour(fresh_store: str, monkeypatch) -> None:
    monkeypatch.setenv("ENERGY_SIGNUPS_PER_CLIENT_HOUR", "3")
    made = [_sign_up(fresh_store, f"group{n}", client="203.0.113.9") for n in range(3)]
    with pytest.raises(InvalidInput) as caught:
        _sign_up(fresh_store, "group3", client="203.0.113.9")
    assert caught.value.key == "error.signup_limit"
    assert "3" in caught.value.message("en") and "3" in caught.value.message("ko")
    # Another client is not held back by that one.
    assert _sign_up(fresh_store, "group3", client="198.51.100.4").role == "applicant"
    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        names = set(session.scalars(select(User.username)))
    assert {m.username for m in made} < names and len(names) == 4


def test_a_sign_up_refused_for_its_password_or_name_does_not_count(
    fresh_store: str, monkeypatch
) -> None:
    monkeypatch.setenv("ENERGY_SIGNUPS_PER_CLIENT_HOUR", "1")
    with pytest.raises(InvalidInput):
        applicants.register_applicant(
            username="group", password="password123", display_name="모임", url=fresh_store
        )
    with pytest.raises(InvalidInput):
        _sign_up(fresh_store, "seoul.admin")
    assert _sign_up(fresh_store, "group").role == "applicant"


def test_a_chosen_name_too_long_for_the_digits_is_refused(fresh_store: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        _sign_up(fresh_store, "a" * 60)
    assert caught.value.key == "error.signup_name_long"
    assert len(_sign_up(fresh_store, "a" * 59).username) == 64


@pytest.mark.parametrize(
    ("forwarded", "direct", "proxies", "client"),
    [
        (None, "203.0.113.5", 0, "203.0.113.5"),  # no proxy: the connection's own address
        ("6.6.6.6", "203.0.113.5", 0, "203.0.113.5"),  # a header nobody trusts is ignored
        ("203.0.113.5", "10.0.0.2", 1, "203.0.113.5"),  # nginx added the browser's address
        ("6.6.6.6, 203.0.113.5", "10.0.0.2", 1, "203.0.113.5"),  # a forged entry on the left
        ("6.6.6.6, 203.0.113.5, 10.0.0.9", "10.0.0.2", 2, "203.0.113.5"),  # two proxies
        (None, "10.0.0.2", 1, None),  # came round the proxy: unknown, never the forged one
    ],
)
def test_the_client_is_read_from_the_entry_our_proxy_added(
    forwarded: str | None, direct: str, proxies: int, client: str | None
) -> None:
    assert limits.client_address(forwarded, direct, proxies) == client
