"""Accounts: hashing, login with slow-down and lock-out, no enumeration, managing users."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher, extract_parameters
from sqlalchemy import select

from energy.accounts import users as accounts
from energy.core.access import CLI_ACTOR, Actor
from energy.core.errors import AccessDenied, AlreadyExists, InvalidInput
from energy.demo.load import DEMO_PASSWORD
from energy.store import db
from energy.store.models.accounts import LoginThrottle, User
from energy.store.models.base import utcnow
from energy.store.models.system import AuditEntry

PASSWORD = "correct horse battery"


def _add(url: str, name: str = "kim", role: str = "admin", **kw) -> accounts.UserInfo:
    return accounts.add_user(CLI_ACTOR, username=name, password=PASSWORD, role=role, url=url, **kw)


def test_passwords_are_stored_as_argon2id(fresh_store: str) -> None:
    _add(fresh_store)
    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        stored = session.scalar(select(User.password_hash).where(User.username == "kim"))
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored


def test_login_succeeds_with_the_right_password(fresh_store: str) -> None:
    _add(fresh_store, "Kim.Seoyeon", display_name="김서연", language="en")
    result = accounts.authenticate("  kim.seoyeon ", PASSWORD, url=fresh_store)
    assert result.ok and result.actor is not None
    assert (result.actor.username, result.actor.role, result.actor.language) == (
        "kim.seoyeon",
        "admin",
        "en",
    )


def test_wrong_password_and_unknown_name_get_the_same_answer(fresh_store: str) -> None:
    _add(fresh_store)
    wrong = accounts.authenticate("kim", "not the password", url=fresh_store, sleep=lambda s: None)
    unknown = accounts.authenticate(
        "nobody", "not the password", url=fresh_store, sleep=lambda s: None
    )
    assert (wrong.ok, wrong.reason) == (unknown.ok, unknown.reason) == (False, "invalid")


class _CountingHasher:
    """The module's hasher, noting the hash each ``verify`` checks the password against."""

    def __init__(self, inner: PasswordHasher) -> None:
        self.inner = inner
        self.verified: list[str] = []

    def verify(self, stored: str, password: str) -> bool:
        self.verified.append(stored)
        return self.inner.verify(stored, password)

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


def test_an_unknown_name_costs_one_verify_of_a_hash_as_costly_as_a_real_one(
    fresh_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The time of an unknown name is evened out with a wrong password's: one Argon2 verify
    each, of hashes made with the same parameters (time, memory, lanes)."""
    _add(fresh_store)
    hasher = _CountingHasher(accounts._hasher)
    monkeypatch.setattr(accounts, "_hasher", hasher)
    for name in ("kim", "nobody"):
        result = accounts.authenticate(
            name, "not the password", url=fresh_store, sleep=lambda s: None
        )
        assert result.reason == "invalid"
    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        stored = session.scalar(select(User.password_hash).where(User.username == "kim"))
    assert stored is not None
    assert hasher.verified == [stored, accounts._dummy_hash()]
    assert extract_parameters(accounts._dummy_hash()) == extract_parameters(stored)


def test_the_dummy_hash_is_made_on_first_use_whatever_the_name(fresh_store: str) -> None:
    """Not at import (tests/test_cli_imports.py), and not only for an unknown name: the first
    login in a process makes it before the name is looked up, so a known name pays it too."""
    _add(fresh_store)
    accounts._dummy_hash.cache_clear()
    assert accounts.authenticate("kim", PASSWORD, url=fresh_store).ok
    assert accounts._dummy_hash.cache_info().currsize == 1
    made = accounts._dummy_hash()
    unknown = accounts.authenticate("nobody", PASSWORD, url=fresh_store, sleep=lambda s: None)
    assert unknown.reason == "invalid"
    assert accounts._dummy_hash() is made  # made once, then kept


def test_failures_are_slowed_then_lock_out_the_client_for_known_and_unknown_names(
    fresh_store: str, monkeypatch
) -> None:
    monkeypatch.setenv("ENERGY_LOGIN_SLOWDOWN_AFTER", "2")
    monkeypatch.setenv("ENERGY_LOGIN_LOCK_AFTER", "4")
    monkeypatch.setenv("ENERGY_LOGIN_LOCK_MINUTES", "15")
    _add(fresh_store)
    for name, client in (("kim", "203.0.113.1"), ("ghost", "203.0.113.2")):
        waits: list[float] = []
        reasons = [
            accounts.authenticate(
                name, "bad password", client=client, url=fresh_store, sleep=waits.append
            ).reason
            for _ in range(4)
        ]
        assert reasons == ["invalid", "invalid", "invalid", "locked"], name
        assert waits == [1.0, 2.0], name  # the 2nd and 3rd failures wait, growing
        # While locked, that client is refused even the right password, with the same answer
        # for both names.
        result = accounts.authenticate(name, PASSWORD, client=client, url=fresh_store)
        assert (result.ok, result.reason, result.locked_minutes) == (False, "locked", 15)


def test_nobody_can_lock_another_person_out(fresh_store: str, monkeypatch) -> None:
    """Failures lock out the client that makes them: the person, from their own browser, logs
    in with the right password at once, however often a stranger fails with their name."""
    monkeypatch.setenv("ENERGY_LOGIN_LOCK_AFTER", "6")
    _add(fresh_store)
    for _ in range(3):  # three rounds of six tries: locked out from the sixth failure on
        for _ in range(6):
            accounts.authenticate(
                "kim", "guess", client="198.51.100.66", url=fresh_store, sleep=lambda s: None
            )
        stranger = accounts.authenticate("kim", PASSWORD, client="198.51.100.66", url=fresh_store)
        assert stranger.reason == "locked"
        waits: list[float] = []
        owner = accounts.authenticate(
            "kim", PASSWORD, client="192.0.2.10", url=fresh_store, sleep=waits.append
        )
        assert owner.ok and waits == []  # never refused, never slowed
    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        lockouts = session.execute(
            select(AuditEntry.entity_key, AuditEntry.after)
            .where(AuditEntry.action == "lockout")
            .order_by(AuditEntry.id)
        ).all()
    # Staff see each lock-out in the audit log: whose name, which client (a tag, not the
    # address), what was locked and for how long.
    assert [(key, (after or {}).get("scope")) for key, after in lockouts] == [
        ("kim", "name_from_client")
    ]
    tags = {(after or {})["client"] for _, after in lockouts}
    assert len(tags) == 1 and "198.51.100.66" not in str(tags)


def test_a_client_failing_across_many_names_is_locked_out_of_all(
    fresh_store: str, monkeypatch
) -> None:
    monkeypatch.setenv("ENERGY_LOGIN_CLIENT_LOCK_AFTER", "5")
    _add(fresh_store)
    spray = "203.0.113.50"
    reasons = [
        accounts.authenticate(
            f"user{n}", "Summer2026!", client=spray, url=fresh_store, sleep=lambda s: None
        ).reason
        for n in range(5)
    ]
    assert reasons == ["invalid"] * 4 + ["locked"]
    assert accounts.authenticate("kim", PASSWORD, client=spray, url=fresh_store).reason == "locked"
    assert accounts.authenticate("kim", PASSWORD, client="192.0.2.10", url=fresh_store).ok
    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        scopes = session.scalars(
            select(AuditEntry.after).where(AuditEntry.action == "lockout")
        ).all()
    assert [s["scope"] for s in scopes if s] == ["client"]


def test_a_name_failed_from_many_places_slows_down_progressively(
    fresh_store: str, monkeypatch
) -> None:
    """A name's failures from anywhere make each further failure wait longer (up to a
    ceiling), without locking it."""
    monkeypatch.setenv("ENERGY_LOGIN_SLOWDOWN_AFTER", "2")
    _add(fresh_store)
    waits: list[float] = []
    for n in range(8):
        result = accounts.authenticate(
            "kim", "guess", client=f"203.0.113.{n}", url=fresh_store, sleep=waits.append
        )
        assert result.reason == "invalid"
    assert waits == [1.0, 2.0, 3.0, 4.0, 4.0, 4.0, 4.0]
    assert accounts.authenticate("kim", PASSWORD, client="203.0.113.99", url=fresh_store).ok


def test_failures_are_forgotten_after_a_quiet_while(fresh_store: str, monkeypatch) -> None:
    monkeypatch.setenv("ENERGY_LOGIN_LOCK_AFTER", "3")
    monkeypatch.setenv("ENERGY_LOGIN_LOCK_MINUTES", "15")
    _add(fresh_store)
    for _ in range(2):
        accounts.authenticate("kim", "guess", url=fresh_store, sleep=lambda s: None)
    with db.session_for(CLI_ACTOR, write=True, url=fresh_store) as session:
        for row in session.scalars(select(LoginThrottle)):
            row.last_failure_at = utcnow() - dt.timedelta(minutes=16)
    # Two more failures would lock out had the first two been remembered.
    for _ in range(2):
        result = accounts.authenticate("kim", "guess", url=fresh_store, sleep=lambda s: None)
        assert result.reason == "invalid"


def test_a_password_reset_by_staff_ends_every_lock_on_the_name(
    fresh_store: str, monkeypatch
) -> None:
    monkeypatch.setenv("ENERGY_LOGIN_LOCK_AFTER", "2")
    _add(fresh_store)
    for _ in range(2):
        accounts.authenticate("kim", "guess", url=fresh_store, sleep=lambda s: None)
    assert accounts.authenticate("kim", PASSWORD, url=fresh_store).reason == "locked"
    accounts.reset_password(CLI_ACTOR, "kim", "a brand new password", url=fresh_store)
    assert accounts.authenticate("kim", "a brand new password", url=fresh_store).ok


@pytest.mark.parametrize(
    "password",
    ["aaaaaaaaaa", "password123", "qwertyuiop", "1234567890", DEMO_PASSWORD, "kim.seoyeon1"],
)
def test_common_and_guessable_passwords_are_refused(fresh_store: str, password: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        accounts.add_user(
            CLI_ACTOR, username="kim.seoyeon", password=password, role="admin", url=fresh_store
        )
    assert (caught.value.key, caught.value.field) == ("error.password_common", "password")
    _add(fresh_store, "kim.seoyeon")
    with pytest.raises(InvalidInput) as caught:
        accounts.reset_password(CLI_ACTOR, "kim.seoyeon", password, url=fresh_store)
    assert caught.value.key == "error.password_common"
    assert accounts.authenticate("kim.seoyeon", PASSWORD, url=fresh_store).ok  # unchanged


def test_a_disabled_account_cannot_log_in_and_drops_out_of_its_session(fresh_store: str) -> None:
    _add(fresh_store)
    actor = accounts.authenticate("kim", PASSWORD, url=fresh_store).actor
    assert actor is not None
    _add(fresh_store, "lee")
    accounts.set_user_active(CLI_ACTOR, "kim", False, url=fresh_store)
    assert (
        accounts.authenticate("kim", PASSWORD, url=fresh_store, sleep=lambda s: None).reason
        == "invalid"
    )
    assert accounts.refresh_actor(actor, url=fresh_store) is None


def test_user_rules(fresh_store: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        accounts.add_user(CLI_ACTOR, username="x", password=PASSWORD, role="admin", url=fresh_store)
    assert caught.value.field == "username"
    with pytest.raises(InvalidInput) as caught:
        accounts.add_user(
            CLI_ACTOR, username="short", password="2short", role="admin", url=fresh_store
        )
    assert caught.value.field == "password"
    with pytest.raises(InvalidInput):
        accounts.add_user(
            CLI_ACTOR, username="boss", password=PASSWORD, role="mayor", url=fresh_store
        )
    with pytest.raises(InvalidInput) as caught:
        accounts.add_user(
            CLI_ACTOR, username="sdg", password=PASSWORD, role="committee", url=fresh_store
        )
    assert caught.value.key == "error.committee_needs_village"
    _add(fresh_store)
    with pytest.raises(AlreadyExists):
        _add(fresh_store, "KIM")


def test_only_staff_manage_users(demo_store: str) -> None:
    committee = accounts.authenticate("committee", DEMO_PASSWORD, url=demo_store).actor
    assert committee is not None
    with pytest.raises(AccessDenied):
        accounts.list_users(committee, url=demo_store)
    with pytest.raises(AccessDenied):
        accounts.add_user(
            committee, username="mine", password=PASSWORD, role="admin", url=demo_store
        )


def test_staff_cannot_lock_themselves_out(demo_store: str) -> None:
    admin = accounts.authenticate("admin", DEMO_PASSWORD, url=demo_store).actor
    assert admin is not None
    with pytest.raises(InvalidInput):
        accounts.set_user_active(admin, "admin", False, url=demo_store)
    with pytest.raises(InvalidInput):
        accounts.update_user(
            admin, "admin", role="viewer", display_name="x", village_code=None, url=demo_store
        )


def test_the_language_choice_is_remembered(demo_store: str) -> None:
    actor = accounts.authenticate("admin", DEMO_PASSWORD, url=demo_store).actor
    assert actor is not None and actor.language == "ko"
    accounts.set_language(actor, "en", url=demo_store)
    again = accounts.authenticate("admin", DEMO_PASSWORD, url=demo_store).actor
    assert again is not None and again.language == "en"


def test_changing_ones_own_password_needs_the_current_one(demo_store: str) -> None:
    actor = accounts.authenticate("viewer", DEMO_PASSWORD, url=demo_store).actor
    assert actor is not None
    with pytest.raises(InvalidInput) as caught:
        accounts.change_own_password(actor, "wrong", "a brand new password", url=demo_store)
    assert caught.value.field == "current"
    accounts.change_own_password(actor, DEMO_PASSWORD, "a brand new password", url=demo_store)
    assert accounts.authenticate("viewer", "a brand new password", url=demo_store).ok


def test_password_hashes_never_reach_the_audit_log(fresh_store: str) -> None:
    _add(fresh_store)
    accounts.reset_password(CLI_ACTOR, "kim", "another long password", url=fresh_store)
    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        entries = [
            (e.action, e.before or {}, e.after or {})
            for e in session.scalars(select(AuditEntry).where(AuditEntry.entity == "users"))
        ]
    assert {action for action, _, _ in entries} >= {"create", "update"}
    for _, before, after in entries:
        for values in (before, after):
            assert "$argon2" not in str(values)
            if "password_hash" in values:
                assert values["password_hash"] == "[redacted]"


def test_logins_are_audited(fresh_store: str) -> None:
    _add(fresh_store)
    accounts.authenticate("kim", PASSWORD, url=fresh_store)
    accounts.authenticate("kim", "bad password", url=fresh_store, sleep=lambda s: None)
    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        actions = [a for a in session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))]
    assert actions[-2:] == ["login", "login_failed"]


def test_actor_for_cli_is_an_admin() -> None:
    assert CLI_ACTOR.role == "admin" and isinstance(CLI_ACTOR, Actor)
