"""The screens of mail, through AppTest: the outbox page says plainly when mail is off and
how many wait, and "send now" delivers through a real SMTP server; the login screen's
"forgot your password?" (whom to ask when mail is off; the same answer for any name when on)
and the new-password form a mailed link opens."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from energy.accounts import users as accounts
from energy.core.access import CLI_ACTOR
from energy.core.catalogue import MESSAGES
from energy.mail import background
from energy.mail.compose import Recipient, compose, para
from energy.mail.outbox import enqueue
from energy.store import db
from energy.store.models.accounts import User
from tests.mail_server import MailServer, smtp_server
from ui.core import state

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PASSWORD = "correct horse battery"
NEW_PASSWORD = "lantern orchard seventy"


def _ko(key: str, **params: object) -> str:
    text = MESSAGES[key]["ko"]
    return text.format(**params) if params else text


@pytest.fixture
def staff(fresh_store: str) -> str:
    """An admin (kim) and a reviewer (lee, with an address), and one message queued."""
    accounts.add_user(CLI_ACTOR, username="kim", password=PASSWORD, role="admin",
                      email="kim@example.org", url=fresh_store)  # fmt: skip
    accounts.add_user(CLI_ACTOR, username="lee", password=PASSWORD, role="reviewer",
                      email="lee@example.org", url=fresh_store)  # fmt: skip
    with db.session_for(CLI_ACTOR, write=True, url=fresh_store) as session:
        enqueue(
            session,
            compose("digest", Recipient("lee@example.org", "ko", None, "이"),
                    subject=para("mail.brand"), body=[para("error.email_taken")]),
        )  # fmt: skip
    return fresh_store


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    with smtp_server() as server:
        yield server


def _as_admin(url: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    with db.session_for(CLI_ACTOR, url=url) as session:
        user = session.scalar(select(User).where(User.username == "kim"))
        assert user is not None
        at.session_state[state.ACTOR] = accounts.actor_for(user)
    return at


def test_the_outbox_says_mail_is_off_then_sends_now_when_it_is_on(
    staff: str, mail_server: MailServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _as_admin(staff).run()
    at.switch_page("pages/mail.py").run()
    assert not at.exception
    assert [w.value for w in at.warning] == [_ko("mail.off", n=1)]
    assert not [b for b in at.button if b.key == "mail.send_now"]  # nothing to press
    assert at.dataframe[0].value.iloc[0][_ko("mail.col.to")] == "lee@example.org"

    monkeypatch.setenv("ENERGY_SMTP_URL", mail_server.url)
    at.run()
    assert not at.warning
    assert at.info[0].value.startswith("메일 서버 localhost:")
    at.button(key="mail.send_now").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [_ko("mail.report", sent=1, failed=0, waiting=0)]
    assert len(mail_server.wait_for(1)) == 1
    shown = at.dataframe[0].value.iloc[0]
    assert shown[_ko("mail.col.status")].endswith(_ko("mail.status.sent"))
    assert shown[_ko("mail.col.reply")] == "250 2.0.0 Message accepted for delivery"


def test_forgot_password_asks_the_department_when_mail_is_off_and_mails_a_link_when_on(
    staff: str, mail_server: MailServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.toggle(key="reset.open").set_value(True).run()
    assert [i.value for i in at.info] == [_ko("reset.mail_off")]

    monkeypatch.setenv("ENERGY_SMTP_URL", mail_server.url)
    at.run()
    for typed in ("LEE@example.org", "nobody-here"):  # the same answer for anyone
        at.text_input(key="reset.who").input(typed)
        next(b for b in at.button if b.label == _ko("reset.ask_submit")).click().run()
        assert [s.value for s in at.success] == [_ko("reset.asked")], typed
    assert background.wait_for_idle()
    # (the digest queued before goes too, now that mail is on)
    (message,) = [m for m in mail_server.wait_for(2) if "비밀번호" in m["Subject"]]
    assert message["To"] == "lee <lee@example.org>"
    plain = message.get_body(("plain",))
    assert plain is not None
    found = re.search(r"/\?reset=([A-Za-z0-9_-]+)", plain.get_content())
    assert found is not None

    opened = AppTest.from_file(APP, default_timeout=60)
    opened.query_params["reset"] = found[1]
    opened.run()
    assert [h.value for h in opened.subheader] == [_ko("reset.new_title")]
    assert not [t for t in opened.text_input if t.key == "login.password"]
    opened.text_input(key="reset.password").input(NEW_PASSWORD)
    opened.text_input(key="reset.repeat").input(NEW_PASSWORD + "!")
    next(b for b in opened.button if b.label == _ko("reset.new_submit")).click().run()
    assert [e.value for e in opened.error] == [_ko("reset.mismatch")]
    opened.text_input(key="reset.repeat").input(NEW_PASSWORD)
    next(b for b in opened.button if b.label == _ko("reset.new_submit")).click().run()
    assert not opened.exception
    assert [s.value for s in opened.success] == [_ko("reset.done")]
    assert opened.text_input(key="login.username").value == "lee"
    assert accounts.authenticate("lee", NEW_PASSWORD, url=staff).ok

    again = AppTest.from_file(APP, default_timeout=60)
    again.query_params["reset"] = found[1]
    again.run()
    assert [e.value for e in again.error] == [_ko("error.reset_link_used")]
    again.button(key="reset.again").click().run()
    assert again.text_input(key="reset.who") is not None  # the request form, open
