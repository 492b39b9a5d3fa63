"""People's mail settings: the optional kinds of mail a person turns off (checked, audited,
obeyed by every message of that kind), their address and language on the account page, and
the address staff set on the users page."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from energy.accounts import users as accounts
from energy.audit.log import in_words
from energy.core.access import CLI_ACTOR
from energy.core.catalogue import MESSAGES
from energy.core.errors import InvalidInput
from energy.core.vocabulary import OPTIONAL_MAIL_KINDS
from energy.mail.compose import recipient_for
from energy.store import audit, db
from energy.store.models.accounts import User
from tests.test_call import _user
from tests.test_call_pages import _as, _click, ko
from ui.core import state


def _recipients(url: str, username: str) -> dict[str, bool]:
    """Whether each kind of mail reaches ``username`` now."""
    with db.session_for(CLI_ACTOR, url=url) as session:
        user = session.scalar(select(User).where(User.username == username))
        kinds = (*OPTIONAL_MAIL_KINDS, "decision")
        return {kind: recipient_for(user, kind) is not None for kind in kinds}


def test_a_person_turns_optional_mail_off_and_on_again(fresh_store: str) -> None:
    url = fresh_store
    person = _user(url, "kim", "viewer")
    accounts.set_own_email(person, "Kim@Example.org", url=url)
    assert accounts.set_mail_muted(person, ["digest", "training_session"], url=url).mail_muted == (
        "training_session", "digest",
    )  # fmt: skip
    assert accounts.own_account(person, url=url).email == "kim@example.org"
    assert _recipients(url, "kim") == {
        "readings_reminder": True, "training_session": False, "digest": False, "decision": True,
    }  # fmt: skip
    # What must reach the person cannot be turned off; nothing unknown is stored.
    for kinds in (["decision"], ["digest", "nonsense"]):
        with pytest.raises(InvalidInput) as refused:
            accounts.set_mail_muted(person, kinds, url=url)
        assert refused.value.key == "error.mail_kind" and refused.value.field == "mail_muted"
    assert accounts.set_mail_muted(person, [], url=url).mail_muted == ()
    assert all(_recipients(url, "kim").values())
    records = audit.list_audit(CLI_ACTOR, who="kim", entity="users", url=url).records
    muting = [r for r in records if r.after and "mail_muted" in r.after]
    assert [r.after["mail_muted"] for r in muting if r.after] == [
        None, ["training_session", "digest"],
    ]  # fmt: skip
    [turned_on, turned_off] = in_words(CLI_ACTOR, muting, "en", url=url)
    both = "Training sessions scheduled, moved or cancelled, A daily digest of what waits for you (staff)"
    assert [(c.field, c.before, c.after) for c in turned_off.changes] == [
        ("Notices turned off", "–", both)
    ]
    assert [(c.before, c.after) for c in turned_on.changes] == [(both, "–")]
    # Every kind a person may turn off is named on the account page in both languages.
    assert all(MESSAGES[f"mail_kind.{k}"]["ko"] for k in OPTIONAL_MAIL_KINDS)


def test_a_person_sets_address_notices_and_language_on_the_account_page(
    fresh_store: str,
) -> None:
    url = fresh_store
    person = _user(url, "rev.one", "reviewer")
    at = _as(person)
    at.switch_page("pages/account.py").run()
    assert ko("account.mail_title") in [h.value for h in at.subheader]
    assert at.text_input(key="account.email").value == ""
    assert all(at.checkbox(key=f"account.mail.{k}").value for k in OPTIONAL_MAIL_KINDS)

    at.text_input(key="account.email").input("rev at example")
    _click(at, "account.mail_save")
    assert [e.value for e in at.error] == [
        f"{ko('field.email')}: {ko('error.email_format', address='rev at example')}"
    ]
    assert accounts.own_account(person, url=url).email is None

    at.text_input(key="account.email").input(" Rev.One@Example.org ")
    at.checkbox(key="account.mail.digest").uncheck()
    _click(at, "account.mail_save")
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [s.value for s in at.success] == [ko("account.mail_saved")]
    mine = accounts.own_account(person, url=url)
    assert (mine.email, mine.mail_muted) == ("rev.one@example.org", ("digest",))
    assert at.checkbox(key="account.mail.digest").value is False

    at.button_group(key="account.language").set_value("en").run()
    assert at.session_state[state.LANG] == "en"
    assert accounts.own_account(person, url=url).language == "en"
    assert MESSAGES["account.mail_title"]["en"] in [h.value for h in at.subheader]


def test_staff_give_and_change_a_persons_address_on_the_users_page(fresh_store: str) -> None:
    url = fresh_store
    at = _as(_user(url, "staff", "admin"))
    at.switch_page("pages/users.py").run()
    at.text_input(key="users.add.username").input("rev.two")
    at.text_input(key="users.add.password").input("a long enough password")
    at.selectbox(key="users.add.role").set_value("reviewer")
    at.text_input(key="users.add.email").input("Rev.Two@Example.org")
    _click(at, "users.add_submit")
    assert not at.exception and not at.error, [e.value for e in at.error]
    emails = {u.username: u.email for u in accounts.list_users(CLI_ACTOR, url=url)}
    assert emails == {"staff": None, "rev.two": "rev.two@example.org"}
    assert "rev.two@example.org" in at.dataframe[0].value[ko("field.email")].tolist()

    at.selectbox(key="users.edit.user").set_value("rev.two").run()
    assert at.text_input(key="users.edit.email.rev.two").value == "rev.two@example.org"
    at.text_input(key="users.edit.email.rev.two").input("r2@example.org")
    _click(at, "action.save")
    assert not at.error, [e.value for e in at.error]
    at.text_input(key="users.edit.email.rev.two").input("")
    _click(at, "action.save")
    emails = {u.username: u.email for u in accounts.list_users(CLI_ACTOR, url=url)}
    assert emails["rev.two"] is None
    # An address another account has is refused, next to its field.
    at.selectbox(key="users.edit.user").set_value("staff").run()
    accounts.set_email(CLI_ACTOR, "rev.two", "taken@example.org", url=url)
    at.text_input(key="users.edit.email.staff").input("taken@example.org")
    _click(at, "action.save")
    assert [e.value for e in at.error] == [f"{ko('field.email')}: {ko('error.email_taken')}"]
