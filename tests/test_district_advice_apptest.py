"""Advice before applying through the pages (AppTest): the group asks on its apply page, the
district's officer comments on a section and suggests a value on the advice page, the group
sees it under that section of its form, takes it with one click (the field shows it) and
replies; staff see the advice on the call's page. People's words stay text throughout."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from energy.accounts import users as accounts
from energy.call import applications
from energy.core.access import CLI_ACTOR, Actor
from energy.core.i18n import translate
from energy.district import advice
from energy.store import db
from energy.store.models.accounts import User
from tests.test_call_pages import APP, TIMEOUT, ko
from tests.test_hostile_pages import HOSTILE, live_markup

# The pages on the embedded store only: what they draw does not depend on the store, and the
# library they call is tested on both (tests/test_district_advice.py).
SQLITE_ONLY = pytest.mark.parametrize("small_store", ["sqlite"], indirect=True)


def _actor(url: str, username: str) -> Actor:
    with db.session_for(CLI_ACTOR, url=url) as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        return accounts.actor_for(user)


def _page(actor: Actor, path: str, lang: str = "ko", at: AppTest | None = None) -> AppTest:
    from ui.core import state

    at = at or AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state[state.ACTOR] = actor
    at.session_state[state.LANG] = lang
    at.run()
    at.switch_page(path).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _submit(at: AppTest, form: str) -> None:
    """Press the submit button of the (held) form ``form``."""
    at.button(key=f"{form}.submit").click().run()


@SQLITE_ONLY
def test_the_group_asks_the_officer_suggests_the_group_takes_it_and_staff_read_it(
    small_store: str,
) -> None:
    url = small_store
    group, officer = _actor(url, "applicant"), _actor(url, "district")
    (draft,) = [a for a in applications.list_applications(group, url=url) if a.status == "draft"]
    prefix = f"apply.f.app:{draft.id}"

    # 1. On its apply page the group asks (optional: nothing of it shows under the form yet).
    at = _page(group, "pages/apply.py")
    assert at.selectbox(key="apply.pick").value == f"app:{draft.id}"
    assert [e.label for e in at.expander if "마포구" in e.label] == [
        ko("advice.ask_title", district="마포구")
    ]
    assert not [c for c in at.chat_message]
    at.text_area(key=f"advice.ask.{draft.id}.note").input("목표 절감률이 적당한가요?")
    at.button(key=f"advice.ask.{draft.id}.go").click().run()
    _ok(at)
    assert [s.value for s in at.success] == [ko("advice.asked", district="마포구")]
    assert [i.value for i in at.info if "마포구" in i.value]  # what was asked, and where to look

    # 2. The officer finds it waiting, comments on the plan and suggests a saving target.
    page = _page(officer, "pages/advice.py")
    assert page.selectbox(key="advice.pick").value == draft.id
    key = f"advice.o.{draft.id}.plan"
    page.text_area(key=f"{key}.body").input(HOSTILE + "\n목표를 조금 높여 보세요.")
    page.selectbox(key=f"{key}.field").set_value("target_saving_pct")
    page.text_area(key=f"{key}.value").input("12.5")
    _submit(page, f"{key}.form")
    _ok(page)
    assert [s.value for s in page.success] == [ko("advice.sent")]
    assert live_markup(page) == []
    (said,) = advice.advice_thread(officer, draft.id, url=url).messages
    assert said.suggestion is not None and said.suggestion.value == "12.5"

    # 3. The group sees it under the plan, takes it with one click: the field shows it.
    at.run()
    _ok(at)
    assert live_markup(at) == []
    (message,) = at.chat_message
    assert (
        ko("advice.author_district", name="정하린 (마포구청 에너지팀)") in message.caption[0].value
    )
    at.button(key=f"advice.beside.{draft.id}.plan.accept.{said.id}").click().run()
    _ok(at)
    assert [s.value for s in at.success] == [ko("advice.accepted")]
    assert at.number_input(key=f"{prefix}.target").value == 12.5
    assert applications.get_application(group, draft.id, url=url).form.target_saving_pct == 12.5
    # ... and replies in the same place.
    at.text_input(key=f"advice.beside.{draft.id}.plan.reply").input("반영했습니다!")
    at.button(key=f"advice.beside.{draft.id}.plan.send").click().run()
    _ok(at)
    assert [m.author_role for m in advice.advice_thread(group, draft.id, url=url).messages] == [
        "district", "applicant",
    ]  # fmt: skip
    assert len(at.chat_message) == 2

    # 4. Submitted, the thread is kept read-only; staff see that advice was given.
    applications.submit_application(group, draft.id, url=url)
    staff = _page(_actor(url, "admin"), "pages/calls.py")
    table = next(d.value for d in staff.dataframe if ko("advice.column") in d.value.columns)
    assert ko("advice.badge", district=1, group=1) in list(table[ko("advice.column")])
    staff.selectbox(key="calls.app").set_value(draft.id).run()
    _ok(staff)
    assert ko("advice.given_line", district=1, group=1) in [e.label for e in staff.expander]
    assert live_markup(staff) == []
    # The officer reads it too, read-only (in English here, as a mail's link opens it).
    english = AppTest.from_file(APP, default_timeout=TIMEOUT)
    english.query_params["application"] = draft.reference
    english = _page(officer, "pages/advice.py", lang="en", at=english)
    assert english.selectbox(key="advice.pick").value == draft.id
    status = translate("app_status.submitted", "en")
    assert translate("advice.read_only", "en", status=status) in [c.value for c in english.caption]
    assert not [f for f in english.text_area if str(f.key).startswith(f"advice.o.{draft.id}")]
