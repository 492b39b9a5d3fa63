"""The call's remaining screens through AppTest: where a reviewer lives (set on the users
page, flagged on the review page), withdrawing an application (applicant and staff, each
after a confirmation), and deciding several applications at once."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from energy import accounts, applications, grants, reviews
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


def test_the_group_and_staff_withdraw_an_application_after_confirming(fresh_store: str) -> None:
    call = _call(fresh_store)
    staff = _user(fresh_store, "staff", "admin")
    group = _user(fresh_store, "group.one", "applicant")
    other = _user(fresh_store, "group.two", "applicant")
    mine, decided = (_submitted(fresh_store, call, group, village_name=n) for n in ("가", "나"))
    theirs = _submitted(fresh_store, call, other, village_name="다")
    for app_id in (decided, theirs):
        reviews.start_review(CLI_ACTOR, app_id, url=fresh_store)
    grants.decide(CLI_ACTOR, decided, decision="rejected", url=fresh_store)

    at = _as(group)
    at.switch_page("pages/apply.py").run()
    # Only its own application still open can be withdrawn; the button waits for the tick.
    assert [b.key for b in at.button if str(b.key).startswith("apply.withdraw.")] == [
        f"apply.withdraw.{mine}.go"
    ]
    assert at.button(key=f"apply.withdraw.{mine}.go").disabled
    at.checkbox(key=f"apply.withdraw.{mine}.sure").check().run()
    at.button(key=f"apply.withdraw.{mine}.go").click().run()
    assert not at.exception and not at.error
    reference = applications.get_application(group, mine, url=fresh_store).reference
    assert [s.value for s in at.success] == [ko("apply.withdrawn", ref=reference)]
    assert applications.get_application(group, mine, url=fresh_store).status == "withdrawn"
    assert not [b for b in at.button if str(b.key).startswith("apply.withdraw.")]

    desk = _as(staff)
    desk.switch_page("pages/calls.py").run()
    desk.selectbox(key="calls.app").set_value(theirs).run()
    desk.checkbox(key=f"calls.app.{theirs}.withdraw.sure").check().run()
    desk.button(key=f"calls.app.{theirs}.withdraw.go").click().run()
    assert not desk.exception and not desk.error
    assert applications.get_application(CLI_ACTOR, theirs, url=fresh_store).status == "withdrawn"
    desk.selectbox(key="calls.app").set_value(decided).run()
    assert f"calls.app.{decided}.withdraw.go" not in [b.key for b in desk.button]


def test_the_renewal_gate_on_the_decision_screen_names_the_carriers_in_toe(
    demo_store: str,
) -> None:
    renewal = next(
        a
        for a in applications.list_applications(CLI_ACTOR, url=demo_store)
        if a.programme_year > 1 and a.status != "draft"
    )
    record = grants.renewal_record(CLI_ACTOR, renewal.id, url=demo_store)
    staff = _as(CLI_ACTOR)
    staff.switch_page("pages/calls.py").run()
    staff.selectbox(key="calls.pick").set_value(renewal.call_id).run()
    staff.selectbox(key="calls.app").set_value(renewal.id).run()
    assert not staff.exception, [e.message for e in staff.exception]
    [line] = [m.value for m in staff.markdown if "TOE" in m.value]
    carriers = " · ".join(ko(f"carrier.{c}") for c in record.carriers) or ko("calls.no_data")
    assert f"TOE 환산, {carriers};" in line


def test_staff_decide_several_applications_at_once_within_the_budget(fresh_store: str) -> None:
    url = fresh_store
    call = _call(url, budget_krw=20_000_000)
    staff = _user(url, "staff", "admin")
    group = _user(url, "group.one", "applicant")
    a, b, c = (_submitted(url, call, group, village_name=n) for n in "ABC")  # 8M each
    for app_id in (a, b, c):
        reviews.start_review(CLI_ACTOR, app_id, url=url)

    at = _as(staff)
    at.switch_page("pages/calls.py").run()
    at.multiselect(key="calls.bulk.apps").set_value([a, b, c])
    at.radio(key="calls.bulk.decision").set_value("selected").run()
    assert ko("calls.bulk_awards", total="24,000,000원", remaining="20,000,000원") in [
        cap.value for cap in at.caption
    ]
    assert at.button(key="calls.bulk.go").disabled  # not before the confirmation
    at.checkbox(key="calls.bulk.sure").check().run()
    at.button(key="calls.bulk.go").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        ko("call.err_batch_over_budget", n=3, total="24,000,000", remaining="20,000,000")
    ]
    assert {x.status for x in applications.list_applications(CLI_ACTOR, url=url)} == {"in_review"}

    at.multiselect(key="calls.bulk.apps").set_value([a, b]).run()
    at.button(key="calls.bulk.go").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert ko("calls.bulk_decided", n=2, decision=ko("decision.selected")) in [
        s.value for s in at.success
    ]
    found = {
        x.id: (x.status, x.award_krw) for x in applications.list_applications(CLI_ACTOR, url=url)
    }
    assert found == {a: ("selected", 8_000_000), b: ("selected", 8_000_000), c: ("in_review", None)}
    assert grants.budget_state(CLI_ACTOR, call.id, url=url).remaining_krw == 4_000_000
