"""Delivery for real, through a local SMTP server (``tests.mail_server``): the message as it
arrives (headers, both parts, attachments byte for byte, the link), the app's background
sender, an outage (the change still succeeds, the messages wait with their failed attempts,
``mail send`` delivers each once when the server is back), two senders at once, the back-off
and giving up, STARTTLS/TLS with a login, and ``ENERGY_SMTP_URL`` itself."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from energy.accounts import users as accounts
from energy.core.access import CLI_ACTOR
from energy.core.config import get_settings, parse_smtp_url
from energy.mail import background, delivery
from energy.mail.compose import Recipient, compose, page_link, para
from energy.mail.outbox import Attachment, enqueue
from energy.store import db
from energy.store.models.accounts import User
from energy.store.models.base import utcnow
from energy.store.models.mail import MailAttempt, MailMessage
from tests.energy_cli import energy
from tests.mail_server import MailServer, make_certificate, smtp_server

PASSWORD = "correct horse battery"
# Every byte value, and a Korean file name: what arrives must be the same bytes.
BINARY = bytes(range(256)) * 3
ICS = "BEGIN:VCALENDAR\r\nSUMMARY:태양광 교육\r\nEND:VCALENDAR\r\n".encode()


@pytest.fixture
def mail_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[MailServer]:
    """A local SMTP server that ENERGY_SMTP_URL names."""
    with smtp_server() as server:
        monkeypatch.setenv("ENERGY_SMTP_URL", server.url)
        yield server


def _person(url: str, username: str = "kim", language: str = "ko") -> int:
    accounts.add_user(
        CLI_ACTOR, username=username, password=PASSWORD, role="reviewer",
        display_name="김민수 (심사위원)", language=language, email=f"{username}@example.org",
        url=url,
    )  # fmt: skip
    with db.session_for(CLI_ACTOR, url=url) as session:
        return int(session.scalar(select(User.id).where(User.username == username)) or 0)


def _queue(url: str, user_id: int, *, count: int = 1, language: str = "ko") -> None:
    """A change that queues ``count`` messages for the person, committed."""
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        for n in range(count):
            enqueue(
                session,
                compose(
                    "digest",
                    Recipient("kim@example.org", language, user_id, "김민수 (심사위원)"),
                    subject=para("mail.brand"),
                    body=[para("error.email_taken")],
                    link=("mail.brand", page_link("review", application=f"2027-05-{n:03}")),
                    attachments=(
                        Attachment("결정 통지서.pdf", "application/pdf", BINARY),
                        Attachment("일정.ics", "text/calendar", ICS),
                    ),
                ),
            )


def _rows(url: str) -> list[MailMessage]:
    with db.session_for(CLI_ACTOR, url=url) as session:
        rows = list(session.scalars(select(MailMessage).order_by(MailMessage.id)))
        session.expunge_all()  # kept as read (the read's rollback would expire them)
        return rows


def _attempts(url: str) -> list[tuple[int, bool, str]]:
    with db.session_for(CLI_ACTOR, url=url) as session:
        found = session.execute(
            select(MailAttempt.message_id, MailAttempt.ok, MailAttempt.reply).order_by(
                MailAttempt.id
            )
        )
        return [(m, ok, reply) for m, ok, reply in found]


def test_a_message_arrives_with_its_headers_both_parts_and_attachments(
    fresh_store: str, mail_server: MailServer
) -> None:
    kim = _person(fresh_store)
    _queue(fresh_store, kim)
    assert background.wait_for_idle()  # the change's commit started the sender
    (message,) = mail_server.wait_for(1)
    (envelope,) = mail_server.received
    assert (envelope.mail_from, envelope.rcpt_tos) == ("no-reply@localhost", ("kim@example.org",))
    # UTF-8 names and subject, decoded as a mail program shows them.
    assert message["From"] == "서울 에너지자립마을 <no-reply@localhost>"
    assert message["To"] == '"김민수 (심사위원)" <kim@example.org>'
    assert message["Subject"] == "[서울 에너지자립마을] 서울 에너지자립마을"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Content-Language"] == "ko"
    (row,) = _rows(fresh_store)
    assert message["Message-ID"].startswith(f"<energy-outbox-{row.id}.")
    assert message["Date"].datetime == row.created_at.replace(microsecond=0)
    assert b"=?utf-8?" in envelope.raw and envelope.raw.isascii()  # 7-bit on the wire
    # Both parts, alternatives of each other, then the attachments.
    assert message.get_content_type() == "multipart/mixed"
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert plain is not None and html is not None
    # (lines end in CRLF on the wire, as SMTP has them)
    assert plain.get_content().replace("\r\n", "\n") == row.body_text
    assert html.get_content().replace("\r\n", "\n").rstrip("\n") == row.body_html
    link = "http://localhost:8501/review?application=2027-05-000"
    assert link in plain.get_content() and f'href="{link}"' in html.get_content()
    attached = [(a.get_filename(), a.get_content_type(), a.get_payload(decode=True))
                for a in message.iter_attachments()]  # fmt: skip
    assert attached == [
        ("결정 통지서.pdf", "application/pdf", BINARY),
        ("일정.ics", "text/calendar", ICS),
    ]
    ics = list(message.iter_attachments())[1]
    assert ics.get_content_charset() == "utf-8" and "태양광 교육" in ics.get_content()
    # The outbox: sent, once, with the server's answer.
    assert (row.status, row.attempts, row.leased_until) == ("sent", 1, None)
    assert row.sent_at is not None
    assert _attempts(fresh_store) == [(row.id, True, "250 2.0.0 Message accepted for delivery")]


def test_with_the_server_down_the_change_succeeds_and_each_message_goes_once_when_it_is_back(
    fresh_store: str, mail_server: MailServer
) -> None:
    kim = _person(fresh_store)
    mail_server.stop()
    _queue(fresh_store, kim, count=2)  # the change commits whatever the mail server does
    assert background.wait_for_idle()
    rows = _rows(fresh_store)
    assert [(r.status, r.attempts) for r in rows] == [("queued", 1), ("queued", 1)]
    tried = _attempts(fresh_store)
    assert [(m, ok) for m, ok, _ in tried] == [(rows[0].id, False), (rows[1].id, False)]
    assert all(f"could not connect to localhost:{mail_server.port}" in r for _, _, r in tried)
    # Waiting out the first back-off (a minute): cron's `mail send` has nothing due yet.
    assert energy(fresh_store, "mail", "send").stdout.strip() == "sent 0, failed 0, waiting 2"
    listed = json.loads(energy(fresh_store, "mail", "list", "--json").stdout)
    assert [(m["status"], m["attempts"]) for m in listed] == [("queued", 1), ("queued", 1)]
    assert listed[0]["last_reply"].startswith("could not connect")
    assert {"id", "to", "subject", "status", "attempts", "kind", "created_at"} <= set(listed[0])

    mail_server.start()  # the same port: the setting stays right
    sent = energy(fresh_store, "mail", "send", "--now")
    assert (sent.returncode, sent.stdout.strip()) == (0, "sent 2, failed 0, waiting 0")
    again = energy(fresh_store, "mail", "send", "--now")
    assert again.stdout.strip() == "sent 0, failed 0, waiting 0"
    assert len(mail_server.messages) == 2
    assert sorted(m["Message-ID"] for m in mail_server.messages) == sorted(
        {m["Message-ID"] for m in mail_server.messages}
    )
    assert [(r.status, r.attempts) for r in _rows(fresh_store)] == [("sent", 2), ("sent", 2)]
    shown = energy(fresh_store, "mail", "list").stdout
    assert "sent" in shown and "kim@example.org" in shown


@pytest.mark.slow  # a second or two: twelve messages through three senders
def test_two_senders_at_once_deliver_each_message_once(
    fresh_store: str, mail_server: MailServer
) -> None:
    kim = _person(fresh_store)
    mail_server.stop()  # the change's own sender finds the server down: all 12 wait
    _queue(fresh_store, kim, count=12)
    assert background.wait_for_idle()
    mail_server.start()
    assert delivery.make_due_now(url=fresh_store) == 12  # as if their back-off had passed
    start = threading.Barrier(3)
    reports: list[delivery.DeliveryReport] = []

    def sender() -> None:
        start.wait()
        reports.append(delivery.deliver_due(url=fresh_store))

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    start.wait()
    # ...and cron's `mail send` in the middle of them.
    cron = energy(fresh_store, "mail", "send")
    for thread in threads:
        thread.join()
    assert cron.returncode == 0
    received = [m["Message-ID"] for m in mail_server.messages]
    assert len(received) == 12 and len(set(received)) == 12
    assert sum(r.sent for r in reports) + int(cron.stdout.split()[1].rstrip(",")) == 12
    assert {(r.status, r.attempts) for r in _rows(fresh_store)} == {("sent", 2)}
    assert sum(ok for _, ok, _ in _attempts(fresh_store)) == 12


def test_a_failure_waits_1_5_15_60_240_minutes_then_the_message_is_failed(
    fresh_store: str, mail_server: MailServer
) -> None:
    kim = _person(fresh_store)
    mail_server.stop()
    _queue_quietly(fresh_store, kim)
    now = utcnow()

    def at(when: dt.datetime) -> delivery.DeliveryReport:
        return delivery.deliver_due(url=fresh_store, clock=lambda: when)

    for wait in (1, 5, 15, 60, 240):
        report = at(now)
        assert (report.sent, report.failed, report.given_up) == (0, 1, 0)
        (row,) = _rows(fresh_store)
        assert row.next_attempt_at == now + dt.timedelta(minutes=wait)
        # Not due a second before its time; due at it.
        assert at(now + dt.timedelta(minutes=wait, seconds=-1)).failed == 0
        now += dt.timedelta(minutes=wait)
    last = at(now)
    assert (last.failed, last.given_up, last.waiting) == (1, 1, 0)
    (row,) = _rows(fresh_store)
    assert (row.status, row.attempts) == ("failed", 6)
    assert len(_attempts(fresh_store)) == 6
    # Staff give it one more try once the server is back.
    mail_server.start()
    assert energy(fresh_store, "mail", "send", "--retry-failed").stdout.strip() == (
        "sent 1, failed 0, waiting 0"
    )
    assert [(r.status, r.attempts) for r in _rows(fresh_store)] == [("sent", 7)]


def _queue_quietly(url: str, user_id: int) -> None:
    """Queue a message without the change's own sender trying it (the test drives it)."""
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        enqueue(
            session,
            compose("digest", Recipient("kim@example.org", "en", user_id, "Kim"),
                    subject=para("mail.brand"), body=[para("error.email_taken")]),
        )  # fmt: skip
        session.info.pop("energy.mail.queued")


def test_a_refused_recipient_fails_at_once_and_a_temporary_refusal_is_retried(
    fresh_store: str, mail_server: MailServer
) -> None:
    kim = _person(fresh_store)
    mail_server.refuse("kim@example.org", "550 5.1.1 No such mailbox here")
    _queue_quietly(fresh_store, kim)
    report = delivery.deliver_due(url=fresh_store)
    assert (report.failed, report.given_up) == (1, 1)
    assert _attempts(fresh_store)[-1][1:] == (
        False,
        "kim@example.org: 550 5.1.1 No such mailbox here",
    )
    # A message that cannot be written (a malformed address) fails at once, no server asked.
    with db.session_for(CLI_ACTOR, write=True, url=fresh_store) as session:
        enqueue(session, compose("digest", Recipient("<kim>@example.org", "ko"),
                                 subject=para("mail.brand"), body=[]))  # fmt: skip
        session.info.pop("energy.mail.queued")
    report = delivery.deliver_due(url=fresh_store)
    assert (report.failed, report.given_up) == (1, 1)
    assert _attempts(fresh_store)[-1][2].startswith("the message could not be written")
    mail_server.refuse("kim@example.org", "451 4.3.0 Try again later")
    _queue_quietly(fresh_store, kim)
    report = delivery.deliver_due(url=fresh_store)
    assert (report.failed, report.given_up, report.waiting) == (1, 0, 1)
    assert [r.status for r in _rows(fresh_store)] == ["failed", "failed", "queued"]


@pytest.mark.parametrize("tls", ["starttls", "ssl"])
def test_starttls_or_tls_with_a_login_for_real(
    fresh_store: str, tls: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    certificate = make_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))  # the sender trusts it
    login = ("kim@city.example", "p@ss/word:1")  # needs percent-encoding in the URL
    with smtp_server(tls=tls, login=login, certificate=certificate) as server:
        assert "kim%40city.example:p%40ss%2Fword%3A1@localhost" in server.url
        monkeypatch.setenv("ENERGY_SMTP_URL", server.url)
        settings = get_settings().smtp
        assert settings is not None and (settings.username, settings.password) == login
        kim = _person(fresh_store)
        _queue_quietly(fresh_store, kim)
        assert delivery.deliver_due(url=fresh_store).sent == 1
        assert len(server.messages) == 1
        # A wrong password: the attempt records the server's refusal, and is tried again.
        monkeypatch.setenv("ENERGY_SMTP_URL", server.url.replace("%3A1@", "%3A2@"))
        _queue_quietly(fresh_store, kim)
        refused = delivery.deliver_due(url=fresh_store)
        assert (refused.failed, refused.given_up, refused.waiting) == (1, 0, 1)
        assert "535" in _attempts(fresh_store)[-1][2]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://127.0.0.1:2525", ("127.0.0.1", 2525, "plain", None, None)),
        ("smtp://mail.internal", ("mail.internal", 25, "plain", None, None)),
        ("smtp+starttls://energy:s3cret@smtp.seoul.example:587",
         ("smtp.seoul.example", 587, "starttls", "energy", "s3cret")),
        ("smtp+starttls://kim%40seoul.go.kr:a%2Fb%40c%25@smtp.seoul.example",
         ("smtp.seoul.example", 587, "starttls", "kim@seoul.go.kr", "a/b@c%")),
        ("SMTPS://relay:pw@[::1]", ("::1", 465, "ssl", "relay", "pw")),
    ],
)  # fmt: skip
def test_the_smtp_url_gives_host_port_security_and_login(url: str, expected: tuple) -> None:
    s = parse_smtp_url(url)
    assert (s.host, s.port, s.security, s.username, s.password) == expected
    assert "s3cret" not in repr(s) and "s3cret" not in s.describe()


@pytest.mark.parametrize(
    "url",
    ["http://mail.example", "smtp://", "smtp://host:port", "smtps://kim:s3cret@host/inbox",
     "smtp+starttls://:s3cret@host", "mail.example:25"],
)  # fmt: skip
def test_a_malformed_smtp_url_is_a_clear_error_without_its_password(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENERGY_SMTP_URL", url)
    with pytest.raises(ValueError, match=r"^ENERGY_SMTP_URL must be smtp://") as caught:
        get_settings()
    assert "s3cret" not in str(caught.value)


def test_mail_is_off_without_a_url_and_the_sender_address_has_a_default(
    monkeypatch: pytest.MonkeyPatch, fresh_store: str
) -> None:
    settings = get_settings()
    assert (settings.smtp, settings.mail_from) == (None, "no-reply@localhost")
    monkeypatch.setenv("ENERGY_MAIL_FROM", "서울시 에너지 <energy@seoul.example>")
    assert get_settings().mail_from == "서울시 에너지 <energy@seoul.example>"
    monkeypatch.setenv("ENERGY_MAIL_FROM", "energy at seoul")
    with pytest.raises(ValueError, match=r"^ENERGY_MAIL_FROM must be an address"):
        get_settings()
    monkeypatch.delenv("ENERGY_MAIL_FROM")
    refused = energy(fresh_store, "mail", "send")
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "error: Mail is off (ENERGY_SMTP_URL is not set); messages waiting in the outbox: 0."
    )
    assert energy(fresh_store, "mail", "list").stdout.strip() == "the outbox is empty"
