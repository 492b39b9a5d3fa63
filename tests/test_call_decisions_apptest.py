"""The call's remaining screens through AppTest: where a reviewer lives (set on the users
page, flagged on the review page), withdrawing an application (applicant and staff, each
after a confirmation), and deciding several applications at once."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from energy import accounts, reviews
from energy.access import CLI_ACTOR
from tests.test_call import _call, _submitted, _user
from tests.test_call_pages import _as, _click, ko


def _warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def test_a_district_set_on_the_users_page_flags_the_review_in_that_district(
    fresh_store: str,
) -> None:
    call = _call(fresh_store)
    staff = _user(fresh_store, "staff", "admin")
    group = _user(fresh_store, "group.one", "applicant")
    reviewer = _user(fresh_store, "rev.one", "reviewer")
    app_id = _submitted(fresh_store, call, group)  # in 동작구 (11590)
    reviews.start_review(CLI_ACTOR, app_id, url=fresh_store)
    reviews.set_reviewers(CLI_ACTOR, app_id, [reviewer.user_id or 0], url=fresh_store)

    review = _as(reviewer)
    review.switch_page("pages/review.py").run()
    assert ko("review.same_district_note") not in _warnings(review)

    users = _as(staff)
    users.switch_page("pages/users.py").run()
    users.selectbox(key="users.edit.user").set_value("rev.one").run()
    users.selectbox(key="users.edit.district.rev.one").set_value("11590")
    _click(users, "action.save")
    assert not users.exception and not users.error, [e.value for e in users.error]
    assert [u.district_code for u in accounts.list_users(CLI_ACTOR, url=fresh_store)
            if u.username == "rev.one"] == ["11590"]  # fmt: skip

    review.run()
    assert ko("review.same_district_note") in _warnings(review)
    [assignment] = reviews.call_assignments(CLI_ACTOR, call.id, url=fresh_store)
    assert assignment.same_district

    # A new account can be given its district too; "not recorded" clears it.
    users.text_input(key="users.add.username").input("rev.two")
    users.text_input(key="users.add.password").input("a long enough password")
    users.selectbox(key="users.add.role").set_value("reviewer")
    users.selectbox(key="users.add.district").set_value("11440")
    _click(users, "users.add_submit")
    users.selectbox(key="users.edit.user").set_value("rev.one").run()
    users.selectbox(key="users.edit.district.rev.one").set_value("")
    _click(users, "action.save")
    lives = {u.username: u.district_code for u in accounts.list_users(CLI_ACTOR, url=fresh_store)}
    assert (lives["rev.two"], lives["rev.one"]) == ("11440", None)
    review.run()
    assert ko("review.same_district_note") not in _warnings(review)
