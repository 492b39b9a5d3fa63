"""The call's remaining screens through AppTest: where a reviewer lives (set on the users
page, flagged on the review page), withdrawing an application (applicant and staff, each
after a confirmation), deciding several applications at once, the decision letters an
applicant reads, a committee's spending report, and paying a grant in instalments."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from energy.accounts import users as accounts
from energy.call import applications, grants, reviews
from energy.call.reports import decision_letter
from energy.core.access import CLI_ACTOR
from energy.core.i18n import SEOUL
from energy.store import audit
from tests.test_apptest import capture_downloads
from tests.test_call import _call, _submitted, _user
from tests.test_call_pages import _as, _click, ko
from ui.core.markup import md


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


def test_an_applicant_reads_and_downloads_the_letter_of_each_decision(
    fresh_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Selected, wait-listed and rejected: each letter is on the page and in its download,
    naming the reference and the decision (and the award, the village code, the note)."""
    url = fresh_store
    call = _call(url)
    group = _user(url, "group.one", "applicant")
    group_name = "상도 *햇빛* 모임_1"  # marks that markdown would read as emphasis
    ids = {
        decision: _submitted(url, call, group, village_name=name, group_name=group_name)
        for decision, name in (("selected", "가람"), ("wait_listed", "나래"), ("rejected", "다솜"))
    }
    for app_id in ids.values():
        reviews.start_review(CLI_ACTOR, app_id, url=url)
    grants.decide(CLI_ACTOR, ids["selected"], decision="selected", award_krw=8_000_000, url=url)
    grants.decide(CLI_ACTOR, ids["wait_listed"], decision="wait_listed", url=url)
    grants.decide(CLI_ACTOR, ids["rejected"], decision="rejected", note="예산 계획 부족", url=url)
    files = capture_downloads(monkeypatch)

    at = _as(group)
    at.switch_page("pages/apply.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert ko("apply.letters") in [h.value for h in at.subheader]
    today = dt.datetime.now(SEOUL).date()
    words = {
        "selected": ["**선정**되었음을", "**8,000,000원**"],
        "wait_listed": ["**예비 선정**되었습니다"],
        "rejected": ["**선정되지 않았습니다**", "심사 의견: 예산 계획 부족"],
    }
    for decision, app_id in ids.items():
        app = applications.get_application(group, app_id, url=url)
        label = f"{app.reference} · {ko(f'app_status.{decision}')}"
        [expander] = [e for e in at.expander if e.label == label]
        button = at.get("download_button")
        assert [b for b in button if b.proto.id.endswith(f"apply.letter.{app_id}")], decision
        letter = files[f"letter-{app.reference}-ko.md"]().decode("utf-8")
        assert letter == decision_letter(group, app_id, "ko", today=today, url=url)
        assert f"접수 번호 {app.reference}" in letter
        assert all(word in letter for word in words[decision]), (decision, letter)
        assert f"{group_name} 귀하" in letter  # the file holds the name as typed
        if decision == "selected":
            assert f"마을 코드는 {app.village_code}입니다" in letter
        # On the page the name is text: its marks are escaped, never emphasis.
        [shown] = [m.value for m in expander.markdown if app.reference in m.value]
        assert f"{md(group_name)} 귀하" in shown and f"{group_name} 귀하" not in shown


def _selected_grant(url: str, award_krw: int = 8_000_000) -> tuple[int, str]:
    """A call with one selected application (asking 3M for training and 5M for equipment):
    its grant's id and its new village's code."""
    call = _call(url)
    group = _user(url, "group.one", "applicant")
    app_id = _submitted(url, call, group)
    reviews.start_review(CLI_ACTOR, app_id, url=url)
    chosen = grants.decide(CLI_ACTOR, app_id, decision="selected", award_krw=award_krw, url=url)
    [grant] = grants.grants(CLI_ACTOR, url=url)
    assert chosen.village_code is not None
    return grant.grant_id, chosen.village_code


def _grants_table(at: AppTest) -> list[dict[str, object]]:
    table = next(d.value for d in at.dataframe if ko("grants.reported") in d.value.columns)
    columns = [ko("grants.awarded"), ko("grants.paid"), ko("grants.reported")]
    return [
        {c: (None if pd.isna(v) else int(v)) for c, v in row.items()}
        for row in table[columns].to_dict("records")
    ]


def _audited(url: str, entity: str) -> int:
    return audit.list_audit(CLI_ACTOR, entity=entity, url=url).total


def test_a_committee_sees_its_grant_and_files_its_spending_report(fresh_store: str) -> None:
    url = fresh_store
    grant_id, code = _selected_grant(url)
    grants.pay_instalment(
        CLI_ACTOR, grant_id, amount_krw=5_000_000, paid_on=dt.date(2027, 4, 1), url=url
    )
    committee = _user(url, "c.new", "committee", village_code=code)

    at = _as(committee)
    at.switch_page("pages/apply.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert ko("grants.title_committee") in [h.value for h in at.subheader]
    paid = {ko("grants.awarded"): 8_000_000, ko("grants.paid"): 5_000_000}
    assert _grants_table(at) == [{**paid, ko("grants.reported"): None}]
    assert [e.label for e in at.expander] == [ko("grants.report_for", year=2027, n=1)]
    prefix = f"grants.c.{grant_id}"
    assert at.number_input(key=f"{prefix}.training").help == ko(
        "grants.planned", amount="3,000,000원"
    )

    # The report by budget line is stored and shown against the grant.
    at.number_input(key=f"{prefix}.training").set_value(2_500_000)
    at.number_input(key=f"{prefix}.equipment").set_value(4_000_000)
    _click(at, "grants.file_report")
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [s.value for s in at.success] == [ko("grants.report_filed")]
    [row] = grants.grants(committee, village_id=committee.village_id, url=url)
    assert row.spending == {"training": 2_500_000, "equipment": 4_000_000}
    assert _grants_table(at) == [{**paid, ko("grants.reported"): 6_500_000}]
    assert at.number_input(key=f"{prefix}.training").value == 2_500_000

    # Spending more than the grant is refused, and the report stays as it was.
    audited = _audited(url, "call_spending_lines")
    at.number_input(key=f"{prefix}.equipment").set_value(6_000_000)
    _click(at, "grants.file_report")
    assert not at.exception
    assert [e.value for e in at.error] == [ko("call.err_spent_over_award")]
    [row] = grants.grants(committee, village_id=committee.village_id, url=url)
    assert row.spending == {"training": 2_500_000, "equipment": 4_000_000}
    assert _audited(url, "call_spending_lines") == audited


def test_staff_pay_a_grant_in_instalments_and_an_overpayment_is_refused(
    fresh_store: str,
) -> None:
    url = fresh_store
    grant_id, _code = _selected_grant(url)
    staff = _user(url, "staff", "admin")
    at = _as(staff)
    at.switch_page("pages/calls.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="calls.grants.pick").value == grant_id

    def left(amount: str) -> bool:
        return ko("grants.left", left=amount) in [c.value for c in at.caption]

    def offered(paid: int) -> int:
        """The amount field's value (a ui.core.money field, keyed by what the grant was paid)."""
        return int(at.session_state[f"calls.grants.amount.{grant_id}.{paid}"]["value"])

    def pay(paid: int, amount: int) -> None:
        at.session_state[f"calls.grants.amount.{grant_id}.{paid}"] = {"value": amount}

    # What is left to pay is shown, and offered as the amount.
    assert left("8,000,000원") and offered(0) == 8_000_000
    pay(0, 5_000_000)
    _click(at, "grants.pay")
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert ko("grants.paid_done", amount="5,000,000원", village="상도 햇빛마을") in [
        s.value for s in at.success
    ]
    assert [r.paid_krw for r in grants.grants(CLI_ACTOR, url=url)] == [5_000_000]
    assert _grants_table(at)[0][ko("grants.paid")] == 5_000_000
    assert left("3,000,000원") and offered(5_000_000) == 3_000_000

    # A won more than is left is refused in Korean, naming what is left; nothing is stored.
    audited = _audited(url, "call_instalments")
    pay(5_000_000, 3_000_001)
    _click(at, "grants.pay")
    assert not at.exception
    assert [e.value for e in at.error] == [ko("call.err_paid_over_award", left="3,000,000")]
    assert [r.paid_krw for r in grants.grants(CLI_ACTOR, url=url)] == [5_000_000]
    assert _audited(url, "call_instalments") == audited

    # The rest is paid; nothing is left.
    pay(5_000_000, 3_000_000)
    _click(at, "grants.pay")
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [r.paid_krw for r in grants.grants(CLI_ACTOR, url=url)] == [8_000_000]
    assert _audited(url, "call_instalments") == audited + 1
    assert left("0원") and offered(8_000_000) == 0
