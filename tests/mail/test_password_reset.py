"""A forgotten password, in the library: the link goes only to an active account with an
address, in its language, and the answer is the same for every name (no enumeration); the
store keeps a digest, never the token; the link works once, for 30 minutes (an injectable
clock), under the usual password rules; a newer link ends the older; limits per client and
per name; every request and reset in the audit log without the token; the mail itself
arrives through a real SMTP server with the link, and its body is blanked once sent."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from sqlalchemy import select, text

from energy.accounts import password_reset as reset
from energy.accounts import users as accounts
from energy.audit.log import LogFilter, read_log
from energy.core.access import CLI_ACTOR
from energy.core.errors import InvalidInput
from energy.mail import background
from energy.store import db
from energy.store.models.accounts import PasswordReset
from energy.store.models.mail import MailMessage
from energy.villages import directory as villages
from tests.mail_server import MailServer, smtp_server

PASSWORD = "correct horse battery"
NEW_PASSWORD = "lantern orchard seventy"
LINK = re.compile(r"http://localhost:8501/\?reset=([A-Za-z0-9_-]+)")


@pytest.fixture
def people(fresh_store: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Kim (a committee, Korean, with an address), Lee (English, with an address), Park (no
    address) and Choi (disabled); mail on, but no sender runs: the tests read the outbox."""
    monkeypatch.setenv("ENERGY_SMTP_URL", "smtp://127.0.0.1:9")
    monkeypatch.setattr(background, "kick", lambda url: None)
    _committee(fresh_store)
    for name, lang, email in (("lee", "en", "lee@example.org"), ("park", "ko", None),
                              ("choi", "ko", "choi@example.org")):  # fmt: skip
        accounts.add_user(
            CLI_ACTOR, username=name, password=PASSWORD, role="reviewer", language=lang,
            email=email, url=fresh_store,
        )  # fmt: skip
    accounts.set_user_active(CLI_ACTOR, "choi", False, url=fresh_store)
    return fresh_store


def _committee(url: str) -> None:
    villages.add_village(
        CLI_ACTOR, code="DJK-2020-01", name="성대골", district="동작구", cohort_year=2020, url=url
    )
    accounts.add_user(
        CLI_ACTOR, username="kim", password=PASSWORD, role="committee", village_code="DJK-2020-01",
        display_name="김민지", language="ko", email="Kim@Example.org", url=url,
    )  # fmt: skip


def _outbox(url: str) -> list[MailMessage]:
    with db.session_for(CLI_ACTOR, url=url) as session:
        rows = list(session.scalars(select(MailMessage).order_by(MailMessage.id)))
        session.expunge_all()
        return rows


def _token(message: MailMessage) -> str:
    found = LINK.search(message.body_text)
    assert found is not None, message.body_text
    assert f'href="{found[0]}"' in message.body_html
    return found[1]


def test_a_link_goes_to_the_account_in_its_language_and_only_its_digest_is_kept(
    people: str,
) -> None:
    assert reset.request_password_reset("kim", client="10.0.0.1", url=people) == (
        reset.ResetRequest()
    )
    assert reset.request_password_reset(" LEE@example.ORG ", url=people) == reset.ResetRequest()
    ko, en = _outbox(people)
    assert (ko.kind, ko.to_address, ko.language) == ("password_reset", "kim@example.org", "ko")
    assert ko.subject == "[서울 에너지자립마을] 비밀번호 재설정 링크"
    assert "아이디 kim의 비밀번호" in ko.body_text and "30분" in ko.body_text
    assert (en.to_address, en.language, en.subject) == (
        "lee@example.org", "en", "[Seoul Energy Self-Reliant Villages] A link to reset your password"
    )  # fmt: skip
    assert "username lee" in en.body_text
    token = _token(ko)
    with db.session_for(CLI_ACTOR, url=people) as session:
        kept = session.scalars(select(PasswordReset.token_hash)).all()
        # the token is nowhere in the store but in the message waiting to be sent
        assert token not in str(session.execute(text("SELECT * FROM password_resets")).all())
        audit = str(session.execute(text("SELECT * FROM audit_log")).all())
    assert reset.token_digest(token) in kept and len(kept) == 2
    assert token not in audit
    assert reset.check_reset_link(token, url=people) == reset.ResetLink("kim", None)


@pytest.mark.parametrize(
    "typed",
    ["nobody", "nobody@example.org", "park", "choi", "!!", "a" * 300],
    ids=["unknown-name", "unknown-address", "no-address", "disabled", "malformed", "too-long"],
)
def test_every_other_name_gets_the_same_answer_the_same_work_and_no_mail(
    people: str, typed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[str] = []
    real = reset._message
    monkeypatch.setattr(reset, "_message", lambda *a: written.append(a[0].address) or real(*a))
    assert reset.request_password_reset(typed, url=people) == reset.ResetRequest()
    assert reset.request_password_reset("kim", url=people) == reset.ResetRequest()
    assert len(written) == 2  # a message written either way...
    assert [m.to_address for m in _outbox(people)] == ["kim@example.org"]  # ...one queued
    found = read_log(CLI_ACTOR, LogFilter(action="reset_requested"), lang="en", url=people)
    sentences = [e.sentence for e in found.entries]
    assert sentences[0].startswith("A password reset link for 'kim' was asked for and mailed")
    assert sentences[1].startswith(f"A password reset link for '{typed[:64].lower()}'")
    assert "but not sent" in sentences[1]


def test_a_link_works_once_and_sets_a_password_under_the_rules(people: str) -> None:
    reset.request_password_reset("kim", client="10.0.0.1", url=people)
    token = _token(_outbox(people)[0])
    with pytest.raises(InvalidInput) as weak:
        reset.complete_password_reset(token, "password123", url=people)
    assert weak.value.key == "error.password_common"
    assert reset.check_reset_link(token, url=people).ok  # a refused password keeps the link
    assert reset.complete_password_reset(token, NEW_PASSWORD, client="10.0.0.1", url=people) == (
        "kim"
    )
    assert accounts.authenticate("kim", NEW_PASSWORD, url=people).ok
    assert not accounts.authenticate("kim", PASSWORD, url=people, sleep=lambda _: None).ok
    assert reset.check_reset_link(token, url=people).problem == "used"
    with pytest.raises(InvalidInput) as again:
        reset.complete_password_reset(token, "another fine passphrase", url=people)
    assert again.value.key == "error.reset_link_used"
    assert "already" in again.value.message("en")
    found = read_log(CLI_ACTOR, LogFilter(person="kim"), lang="ko", url=people)
    said = [e.sentence for e in found.entries]
    assert any("메일로 받은 링크로 비밀번호를 새로 정했습니다" in s for s in said), said
    assert any("자기 비밀번호를 바꿨습니다" in s for s in said), said


def test_a_link_expires_after_30_minutes_and_a_newer_one_replaces_it(people: str) -> None:
    asked = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
    reset.request_password_reset("kim", url=people, now=asked)
    first = _token(_outbox(people)[0])
    almost = asked + dt.timedelta(minutes=30) - dt.timedelta(seconds=1)
    assert reset.check_reset_link(first, url=people, now=almost).ok
    at_30 = asked + dt.timedelta(minutes=30)
    assert reset.check_reset_link(first, url=people, now=at_30).problem == "expired"
    with pytest.raises(InvalidInput, match="expired"):
        reset.complete_password_reset(first, NEW_PASSWORD, url=people, now=at_30)
    reset.request_password_reset("kim@example.org", url=people, now=asked)
    second = _token(_outbox(people)[1])
    assert reset.check_reset_link(first, url=people, now=asked).problem == "replaced"
    assert reset.check_reset_link(second, url=people, now=asked).ok
    for unknown in ("", "x", "A" * 43, "../../etc", second[:-1]):
        assert reset.check_reset_link(unknown, url=people).problem == "unknown"


def test_one_client_and_one_name_are_limited(people: str) -> None:
    for n in range(reset.RESETS_PER_NAME_HOUR + 1):
        assert reset.request_password_reset("kim", client=f"10.0.0.{n}", url=people) == (
            reset.ResetRequest()
        )
    # The name's limit: the fourth link is not sent, and the answer does not say so.
    assert len(_outbox(people)) == reset.RESETS_PER_NAME_HOUR
    for n in range(reset.RESETS_PER_CLIENT_HOUR):
        reset.request_password_reset(f"someone{n}", client="10.9.9.9", url=people)
    limited = reset.request_password_reset("lee", client="10.9.9.9", url=people)
    assert 0 < limited.wait_minutes <= 60
    assert len(_outbox(people)) == reset.RESETS_PER_NAME_HOUR  # lee got nothing from there
    assert reset.request_password_reset("lee", client="10.0.0.77", url=people) == (
        reset.ResetRequest()
    )


def test_without_a_mail_server_the_request_says_to_ask_the_department(
    fresh_store: str,
) -> None:
    with pytest.raises(InvalidInput) as off:
        reset.request_password_reset("kim", url=fresh_store)
    assert off.value.key == "error.reset_mail_off"
    assert "에너지정책과" in off.value.message("ko")


@pytest.fixture
def mail_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[MailServer]:
    with smtp_server() as server:
        monkeypatch.setenv("ENERGY_SMTP_URL", server.url)
        yield server


def test_the_link_arrives_by_mail_and_the_outbox_keeps_no_working_link(
    fresh_store: str, mail_server: MailServer
) -> None:
    _committee(fresh_store)
    reset.request_password_reset("kim", url=fresh_store)
    assert background.wait_for_idle()
    (message,) = mail_server.wait_for(1)
    assert message["To"] == "김민지 <kim@example.org>"
    plain = message.get_body(("plain",))
    assert plain is not None
    token = LINK.search(plain.get_content())
    assert token is not None
    (row,) = _outbox(fresh_store)
    assert row.status == "sent" and token[1] not in row.body_text + row.body_html
    assert reset.complete_password_reset(token[1], NEW_PASSWORD, url=fresh_store) == "kim"
