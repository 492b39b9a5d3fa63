"""The outbox's foundation: people's addresses (checked, one account each, set from the
command line), and a message queued in the transaction of the change that causes it: kept
when the change commits, gone when it rolls back, queued once for a ``dedupe_key``."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from energy.accounts import users as accounts
from energy.core.access import CLI_ACTOR
from energy.core.errors import AlreadyExists, InvalidInput
from energy.mail.addresses import normalise_email
from energy.mail.outbox import Attachment, Outgoing, enqueue
from energy.store import db
from energy.store.models.accounts import User
from energy.store.models.mail import MailAttachment, MailMessage
from tests.energy_cli import energy

PASSWORD = "correct horse battery"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("  Kim.SY@Example.ORG ", "kim.sy@example.org"), ("", None), ("   ", None), (None, None)],
)
def test_an_address_is_stored_trimmed_and_in_lower_case(
    typed: str | None, stored: str | None
) -> None:
    assert normalise_email(typed) == stored


@pytest.mark.parametrize(
    "typed", ["kim", "kim@", "@example.org", "kim@example", "kim lee@example.org", "a@b@c.org",
              "kim@example..org", "<kim@example.org>"],
)  # fmt: skip
def test_a_malformed_address_is_refused_in_both_languages(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        normalise_email(typed)
    assert caught.value.field == "email"
    assert "hong@example.org" in caught.value.message("ko")
    assert "is not an e-mail address" in caught.value.message("en")


def test_an_address_belongs_to_one_account(fresh_store: str) -> None:
    accounts.add_user(
        CLI_ACTOR, username="kim", password=PASSWORD, role="admin", email="Kim@Example.org",
        url=fresh_store,
    )  # fmt: skip
    with pytest.raises(AlreadyExists):
        accounts.add_user(
            CLI_ACTOR, username="lee", password=PASSWORD, role="admin",
            email="kim@example.org ", url=fresh_store,
        )  # fmt: skip
    accounts.add_user(CLI_ACTOR, username="lee", password=PASSWORD, role="admin", url=fresh_store)
    with pytest.raises(AlreadyExists):
        accounts.set_email(CLI_ACTOR, "lee", "KIM@example.org", url=fresh_store)
    # Setting one's own address again is no clash; clearing it frees it for another.
    assert accounts.set_email(CLI_ACTOR, "kim", "kim@example.org", url=fresh_store).email == (
        "kim@example.org"
    )
    assert accounts.set_email(CLI_ACTOR, "kim", None, url=fresh_store).email is None
    assert accounts.set_email(CLI_ACTOR, "lee", "kim@example.org", url=fresh_store).email == (
        "kim@example.org"
    )


def test_the_command_line_sets_and_clears_an_address(small_store: str) -> None:
    added = energy(
        small_store, "user", "add", "park", "--role", "reviewer", "--email", "Park@Example.org",
        "--password-stdin", stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    changed = energy(small_store, "user", "email", "park", "park.j@example.org")
    assert (changed.returncode, changed.stdout.strip()) == (
        0,
        "park: mail goes to park.j@example.org",
    )
    listed = energy(small_store, "user", "list", "--json")
    assert '"email": "park.j@example.org"' in listed.stdout
    bad = energy(small_store, "user", "email", "park", "park at example")
    assert bad.returncode == 1 and "is not an e-mail address" in bad.stderr
    neither = energy(small_store, "user", "email", "park")
    assert neither.returncode == 1 and "--clear" in neither.stderr
    cleared = energy(small_store, "user", "email", "park", "--clear")
    assert (cleared.returncode, cleared.stdout.strip()) == (0, "park: no e-mail address")


def _message(**overrides: object) -> Outgoing:
    fields: dict[str, object] = {
        "kind": "reminder", "to_address": "kim@example.org", "language": "ko",
        "subject": "3월 사용량", "text": "입력해 주세요", "html": "<p>입력해 주세요</p>",
        "attachments": (Attachment("일정.ics", "text/calendar", b"BEGIN:VCALENDAR\r\n"),),
    }  # fmt: skip
    fields.update(overrides)
    return Outgoing(**fields)  # type: ignore[arg-type]


def _count(url: str) -> int:
    with db.session_for(CLI_ACTOR, url=url) as session:
        return session.scalar(select(func.count()).select_from(MailMessage)) or 0


def test_a_message_commits_with_its_change_and_rolls_back_with_it(fresh_store: str) -> None:
    accounts.add_user(CLI_ACTOR, username="kim", password=PASSWORD, role="admin", url=fresh_store)
    with db.session_for(CLI_ACTOR, write=True, url=fresh_store) as session:
        user = session.scalar(select(User).where(User.username == "kim"))
        assert user is not None
        user.display_name = "김 주무관"
        queued = enqueue(session, _message(user_id=user.id))
        assert queued is not None and queued.status == "queued" and queued.attempts == 0
    with (
        pytest.raises(RuntimeError),
        db.session_for(CLI_ACTOR, write=True, url=fresh_store) as session,
    ):
        user = session.scalar(select(User).where(User.username == "kim"))
        assert user is not None
        user.display_name = "바뀌지 않음"
        enqueue(session, _message(subject="보내지 말 것"))
        raise RuntimeError("the change fails after the message was queued")
    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        rows = session.scalars(select(MailMessage)).all()
        assert [(m.subject, m.user_id is not None) for m in rows] == [("3월 사용량", True)]
        attachment = session.scalars(select(MailAttachment)).one()
        assert (attachment.file_name, attachment.content) == ("일정.ics", b"BEGIN:VCALENDAR\r\n")
        name = session.scalar(select(User.display_name).where(User.username == "kim"))
    assert name == "김 주무관"


def test_a_message_with_a_dedupe_key_is_queued_once(fresh_store: str) -> None:
    for _ in range(2):
        with db.session_for(CLI_ACTOR, write=True, url=fresh_store) as session:
            enqueue(session, _message(dedupe_key="reminder:V1:2027-03"))
    with db.session_for(CLI_ACTOR, write=True, url=fresh_store) as session:
        assert enqueue(session, _message(dedupe_key="reminder:V1:2027-03")) is None
        assert enqueue(session, _message(dedupe_key="reminder:V1:2027-04")) is not None
    assert _count(fresh_store) == 2


def test_a_message_is_written_in_its_recipients_language_with_its_link() -> None:
    from energy.mail.compose import Recipient, compose, page_link, para

    for lang, greeting, brand in (("ko", "김 <주무관> 님", "[서울 에너지자립마을]"),
                                  ("en", "Dear 김 <주무관>", "[Seoul Energy")):  # fmt: skip
        message = compose(
            "digest",
            Recipient("kim@example.org", lang, 7, "김 <주무관>"),
            subject=para("mail.brand"),
            body=[para("error.email_taken")],
            link=("mail.brand", page_link("review", application="2027-05-007")),
        )
        assert message.subject.startswith(brand) and message.user_id == 7
        assert greeting in message.text and "<주무관>" not in message.html  # escaped
        assert "http://localhost:8501/review?application=2027-05-007" in message.text
        assert 'href="http://localhost:8501/review?application=2027-05-007"' in message.html
        assert "/account" in message.text  # a digest is optional: where to turn it off


def test_every_kind_of_mail_has_a_label_on_the_outbox_page() -> None:
    from energy.accounts import password_reset
    from energy.call import notices
    from energy.core.catalogue import MESSAGES
    from energy.district import advice
    from energy.mail import digest, reminders, training_notices

    kinds = [
        notices.ASSIGNMENT, notices.RECEIPT, notices.DECISION, notices.INSTALMENT,
        reminders.KIND, training_notices.KIND, training_notices.PARTICIPANT_KIND, digest.KIND,
        password_reset.RESET_KIND, advice.ASKED_KIND, advice.GIVEN_KIND,
    ]  # fmt: skip
    missing = [k for k in kinds if set(MESSAGES.get(f"mail.kind.{k}", {})) != {"ko", "en"}]
    assert missing == []
