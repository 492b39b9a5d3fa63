"""The annual call's rules: call setup, eligibility, caps, budget, review, decisions, grants."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from energy.accounts import applicants
from energy.accounts import users as accounts
from energy.call import applications, calls, grants, reviews
from energy.call.applications import ApplicationForm, NotEligible, OrganiserInput
from energy.call.calls import CallInfo, CallRules
from energy.core.access import CLI_ACTOR, Actor
from energy.core.errors import AccessDenied, InvalidInput
from energy.villages import directory as villages

TODAY = dt.date(2027, 3, 10)
PASSWORD = "a long enough password"


def _call(url: str, **overrides: object) -> CallInfo:
    params: dict[str, object] = {
        "year": 2027,
        "title": "2027 에너지자립마을 공모",
        "opens_on": dt.date(2027, 2, 15),
        "closes_on": dt.date(2027, 3, 31),
        "budget_krw": 50_000_000,
    }
    params.update(overrides)
    return calls.create_call(CLI_ACTOR, url=url, **params)  # type: ignore[arg-type]


def _form(**overrides: object) -> ApplicationForm:
    base = ApplicationForm(
        applicant_type="resident_group",
        group_name="상도 햇빛모임",
        village_name="상도 햇빛마을",
        district_code="11590",
        housing_type="detached",
        households_detached=32,
        organisers=tuple(
            OrganiserInput(name, f"010-0000-000{i}", True)
            for i, name in enumerate(["김하나", "이두리", "박세나"])
        ),
        strategy="saving",
        actions=("led", "eco_mileage"),
        target_saving_pct=10.0,
        budget={"training": 3_000_000, "equipment": 5_000_000},
        public_body_declared=True,
    )
    return dataclasses.replace(base, **overrides)  # type: ignore[arg-type]


def _user(
    url: str, name: str, role: str, district: str | None = None, village_code: str | None = None
) -> Actor:
    accounts.add_user(
        CLI_ACTOR, username=name, password=PASSWORD, role=role, village_code=village_code,
        url=url,
    )  # fmt: skip
    if district:
        applicants.set_user_district(CLI_ACTOR, name, district, url=url)
    actor = accounts.authenticate(name, PASSWORD, url=url).actor
    assert actor is not None
    return actor


# --- pure rules -------------------------------------------------------------------------------

RULES_CALL = CallInfo(
    1, 2027, "t", dt.date(2027, 2, 1), dt.date(2027, 3, 1), 50_000_000, CallRules()
)


def _fields(form: ApplicationForm, programme_year: int = 1) -> list[tuple[str, str]]:
    return [
        (f.field, f.key) for f in applications.check_eligibility(RULES_CALL, form, programme_year)
    ]


def test_a_complete_form_meets_every_rule() -> None:
    assert _fields(_form()) == []


def test_three_distinct_organisers_each_with_name_contact_and_residence() -> None:
    two = _form(organisers=_form().organisers[:2])
    assert _fields(two) == [("organisers", "call.err_organisers")]
    same = _form(
        organisers=(*_form().organisers[:2], OrganiserInput("김하나", "010-0000-0000", True))
    )
    assert ("organiser_3", "call.err_organiser_duplicate") in _fields(same)
    undeclared = _form(organisers=(*_form().organisers[:2], OrganiserInput("최넷", "010-1", False)))
    assert _fields(undeclared) == [
        ("organiser_3", "call.err_organiser_residence"),
        ("organisers", "call.err_organisers"),
    ]
    nameless = _form(organisers=(*_form().organisers, OrganiserInput("", "010-9", True)))
    assert _fields(nameless) == [("organiser_4", "call.err_organiser_name")]


def test_households_by_housing_type_count_in_proportion() -> None:
    assert _fields(_form(households_detached=29)) == [("households", "call.err_households")]
    assert (
        _fields(_form(housing_type="apartment", households_detached=0, households_apartment=50))
        == []
    )
    assert _fields(
        _form(housing_type="apartment", households_detached=0, households_apartment=49)
    ) == [("households", "call.err_households")]
    # 15/30 + 25/50 = 1: a mixed village meets the rule.
    assert (
        _fields(_form(housing_type="mixed", households_detached=15, households_apartment=25)) == []
    )


def test_applicant_types_the_call_does_not_accept_are_refused() -> None:
    narrow = dataclasses.replace(RULES_CALL, rules=CallRules(applicant_types=("resident_group",)))
    failures = applications.check_eligibility(narrow, _form(applicant_type="social_cooperative"))
    assert [(f.field, f.key) for f in failures] == [("applicant_type", "call.err_applicant_type")]


def test_the_budget_stays_within_the_cap_of_the_programme_year() -> None:
    over = _form(budget={"equipment": 10_000_001})
    assert _fields(over) == [("budget", "call.err_budget_over_cap")]
    assert _fields(over, programme_year=2) == []  # year 2's cap is 20M
    assert _fields(_form(budget={})) == [("budget", "call.err_budget_empty")]


def test_missing_fields_each_get_their_own_message() -> None:
    empty = ApplicationForm()
    fields = {f for f, _ in _fields(empty)}
    assert fields == {
        "group_name", "village_name", "district", "organisers", "households",
        "strategy", "actions", "target_saving_pct", "budget", "public_body",
    }  # fmt: skip
    assert ("actions", "call.err_action_other") in _fields(_form(actions=("other",)))


# --- calls ------------------------------------------------------------------------------------


def test_a_call_keeps_its_rules_and_two_calls_of_a_year_cannot_overlap(fresh_store: str) -> None:
    first = _call(fresh_store, rules=CallRules(caps=(8_000_000, 30_000_000, 30_000_000)))
    assert first.rules.caps == (8_000_000, 30_000_000, 30_000_000)
    with pytest.raises(InvalidInput) as caught:
        _call(
            fresh_store,
            title="가을 공모",
            opens_on=dt.date(2027, 3, 31),
            closes_on=dt.date(2027, 5, 1),
        )
    assert caught.value.key == "call.err_overlap"
    autumn = _call(
        fresh_store, title="가을 공모", opens_on=dt.date(2027, 9, 1), closes_on=dt.date(2027, 9, 30)
    )
    assert [c.title for c in calls.list_calls(CLI_ACTOR, url=fresh_store)] == [
        "가을 공모",
        first.title,
    ]
    # Once closed, a call's rules are kept as they were.
    with pytest.raises(InvalidInput) as caught:
        calls.update_call(
            CLI_ACTOR, first.id, title=first.title, opens_on=first.opens_on, closes_on=first.closes_on,
            budget_krw=first.budget_krw, rules=CallRules(), today=dt.date(2027, 4, 1), url=fresh_store,
        )  # fmt: skip
    assert caught.value.key == "call.err_closed_rules_kept"
    changed = calls.update_call(
        CLI_ACTOR, autumn.id, title=autumn.title, opens_on=autumn.opens_on, closes_on=autumn.closes_on,
        budget_krw=60_000_000, rules=CallRules(min_organisers=5), today=dt.date(2027, 4, 1), url=fresh_store,
    )  # fmt: skip
    assert (changed.budget_krw, changed.rules.min_organisers) == (60_000_000, 5)
    assert calls.get_call(CLI_ACTOR, first.id, url=fresh_store).rules.min_organisers == 3


def test_call_setup_refuses_bad_rules(fresh_store: str) -> None:
    for overrides, key in [
        ({"closes_on": dt.date(2027, 2, 1)}, "call.err_dates"),
        ({"rules": CallRules(caps=(10_000_000, 0, 30_000_000))}, "call.err_caps"),
        ({"rules": CallRules(rubric={"community": 0.0})}, "call.err_rubric"),
        ({"rules": CallRules(stages=())}, "call.err_stages"),
    ]:
        with pytest.raises(InvalidInput) as caught:
            _call(fresh_store, **overrides)
        assert caught.value.key == key


# --- applying ---------------------------------------------------------------------------------


def test_drafts_are_saved_resumed_and_submitted_only_while_open(fresh_store: str) -> None:
    call = _call(fresh_store)
    group = _user(fresh_store, "sangdo.group", "applicant")
    draft = applications.save_draft(
        group, call_id=call.id, form=_form(organisers=()), today=TODAY, url=fresh_store
    )
    assert draft.status == "draft" and draft.form.organisers == ()
    with pytest.raises(NotEligible) as caught:
        applications.submit_application(group, draft.id, today=TODAY, url=fresh_store)
    assert [(f.field, f.key) for f in caught.value.failures] == [
        ("organisers", "call.err_organisers")
    ]
    resumed = applications.save_draft(
        group, call_id=call.id, form=_form(), application_id=draft.id, today=TODAY, url=fresh_store
    )
    assert len(resumed.form.organisers) == 3
    with pytest.raises(InvalidInput) as closed:
        applications.submit_application(group, draft.id, today=dt.date(2027, 4, 1), url=fresh_store)
    assert closed.value.key == "call.err_not_open"
    submitted = applications.submit_application(group, draft.id, today=TODAY, url=fresh_store)
    assert submitted.status == "submitted" and submitted.submitted_at is not None
    with pytest.raises(InvalidInput) as locked:
        applications.save_draft(
            group,
            call_id=call.id,
            form=_form(),
            application_id=draft.id,
            today=TODAY,
            url=fresh_store,
        )
    assert locked.value.key == "call.err_not_draft"


def test_a_failed_first_submit_and_an_empty_save_store_nothing(fresh_store: str) -> None:
    """Issue 24: pressing submit on a new application that breaks a rule, or saving a form
    with nothing typed, leaves no blank draft behind; a complete one is created and
    submitted in one step."""
    call = _call(fresh_store)
    group = _user(fresh_store, "mangwon.group", "applicant")
    with pytest.raises(NotEligible) as caught:
        applications.save_draft(group, call_id=call.id, form=ApplicationForm(), today=TODAY,
                                submit=True, url=fresh_store)  # fmt: skip
    assert caught.value.failures
    with pytest.raises(InvalidInput) as empty:
        applications.save_draft(group, call_id=call.id, form=ApplicationForm(), today=TODAY,
                                url=fresh_store)  # fmt: skip
    assert empty.value.key == "call.err_empty_draft"
    assert applications.list_applications(group, url=fresh_store) == []
    done = applications.save_draft(group, call_id=call.id, form=_form(), today=TODAY,
                                   submit=True, url=fresh_store)  # fmt: skip
    assert done.status == "submitted" and done.submitted_at is not None
    assert [a.id for a in applications.list_applications(group, url=fresh_store)] == [done.id]


def test_an_applicant_sees_only_its_own_applications(fresh_store: str) -> None:
    call = _call(fresh_store)
    one = _user(fresh_store, "group.one", "applicant")
    two = _user(fresh_store, "group.two", "applicant")
    mine = applications.save_draft(one, call_id=call.id, form=_form(), today=TODAY, url=fresh_store)
    applications.save_draft(
        two, call_id=call.id, form=_form(village_name="다른 마을"), today=TODAY, url=fresh_store
    )
    assert [a.id for a in applications.list_applications(one, url=fresh_store)] == [mine.id]
    with pytest.raises(AccessDenied):
        applications.get_application(two, mine.id, url=fresh_store)
    assert len(applications.list_applications(CLI_ACTOR, call_id=call.id, url=fresh_store)) == 2
    # Staff enter a paper application on a group's behalf.
    paper = applications.save_draft(
        CLI_ACTOR, call_id=call.id, form=_form(), today=TODAY, url=fresh_store
    )
    assert paper.on_paper and paper.owner is None and paper.entered_by == "cli"


def test_self_registration_makes_an_applicant_and_nothing_more(fresh_store: str) -> None:
    made = applicants.register_applicant(
        username="mangwon.group", password=PASSWORD, display_name="망원 주민모임", url=fresh_store
    )
    actor = accounts.authenticate(made.username, PASSWORD, url=fresh_store).actor
    assert actor is not None and actor.role == "applicant"
    with pytest.raises(AccessDenied):
        villages.list_villages(actor, url=fresh_store)


# --- review, decisions and grants -------------------------------------------------------------


def _submitted(url: str, call: CallInfo, owner: Actor, **form: object) -> int:
    app = applications.save_draft(owner, call_id=call.id, form=_form(**form), today=TODAY, url=url)
    return applications.submit_application(owner, app.id, today=TODAY, url=url).id


def test_review_conflicts_scores_and_ranking(fresh_store: str) -> None:
    call = _call(fresh_store)
    group = _user(fresh_store, "group.one", "applicant")
    r1 = _user(fresh_store, "rev.one", "reviewer", district="동작구")
    r2 = _user(fresh_store, "rev.two", "reviewer", district="마포구")
    r3 = _user(fresh_store, "rev.three", "reviewer")
    first = _submitted(fresh_store, call, group)
    second = _submitted(fresh_store, call, group, village_name="흑석 마을")
    with pytest.raises(InvalidInput) as not_yet:
        reviews.advance_stage(CLI_ACTOR, first, url=fresh_store)
    assert not_yet.value.key == "call.err_not_in_review"
    for app_id in (first, second):
        assert reviews.start_review(CLI_ACTOR, app_id, url=fresh_store).stage == "written"
    assert reviews.assign_reviewers(CLI_ACTOR, call.id, url=fresh_store) == 4
    made = reviews.call_assignments(CLI_ACTOR, call.id, url=fresh_store)
    load = {
        name: sum(a.reviewer == name for a in made) for name in ("rev.one", "rev.two", "rev.three")
    }
    assert sorted(load.values()) == [1, 1, 2]  # balanced
    assert load["rev.one"] == 1  # lives in the applicants' district: chosen after equals
    # Staff edit: rev.one and rev.two review the first application.
    reviews.set_reviewers(CLI_ACTOR, first, [r1.user_id or 0, r2.user_id or 0], url=fresh_store)
    mine = {
        a.reviewer: a
        for a in reviews.call_assignments(CLI_ACTOR, call.id, url=fresh_store)
        if a.application_id == first
    }
    assert set(mine) == {"rev.one", "rev.two"}
    assert mine["rev.one"].same_district and not mine["rev.two"].same_district
    a1 = mine["rev.one"].id
    with pytest.raises(InvalidInput) as declare:
        reviews.application_for_review(r1, a1, url=fresh_store)
    assert declare.value.key == "call.err_declare_first"
    with pytest.raises(AccessDenied):
        reviews.declare_conflict(r3, a1, conflict=False, url=fresh_store)
    with pytest.raises(InvalidInput) as unanswered:  # no answer is not "no conflict"
        reviews.declare_conflict(r1, a1, conflict=None, url=fresh_store)
    assert unanswered.value.key == "call.err_answer_conflict"
    reviews.declare_conflict(r1, a1, conflict=False, url=fresh_store)
    assert reviews.application_for_review(r1, a1, url=fresh_store).id == first
    full = {
        "sustainability": (8, "좋음"),
        "publicness": (6, ""),
        "community": (9, ""),
        "feasibility": (7, ""),
    }
    with pytest.raises(InvalidInput) as partial:
        reviews.score_application(r1, a1, {"community": (9, "")}, url=fresh_store)
    assert partial.value.key == "call.err_score_every_criterion"
    with pytest.raises(InvalidInput) as empty:  # a criterion left empty is not a score
        reviews.score_application(r1, a1, {**full, "publicness": (None, "")}, url=fresh_store)
    assert empty.value.key == "call.err_score_every_criterion"
    still = [a for a in reviews.call_assignments(CLI_ACTOR, call.id, url=fresh_store) if a.id == a1]
    assert [a.submitted for a in still] == [False]  # the refused score stored nothing
    reviews.score_application(r1, a1, full, url=fresh_store)
    a2 = mine["rev.two"].id
    reviews.declare_conflict(r2, a2, conflict=False, url=fresh_store)
    reviews.score_application(r2, a2, {k: (4, "") for k in full}, url=fresh_store)
    results = reviews.stage_results(CLI_ACTOR, call.id, "written", url=fresh_store)
    row = results.set_index("application_id").loc[first]
    # rev.one: 8*.3 + 6*.25 + 9*.25 + 7*.2 = 7.55; rev.two: 4.
    assert (row["mean"], row["spread"], row["rank"], row["scored"]) == (5.78, 3.55, 1, 2)
    assert reviews.review_progress(CLI_ACTOR, call.id, url=fresh_store) == (2, 4)
    # A reviewer with a conflict never sees the application.
    other = next(
        a for a in reviews.my_assignments(r1, url=fresh_store) if a.application_id == second
    )
    reviews.declare_conflict(r1, other.id, conflict=True, note="신청인이 가족", url=fresh_store)
    with pytest.raises(AccessDenied):
        reviews.application_for_review(r1, other.id, url=fresh_store)
    assert not [a for a in reviews.my_assignments(r3, url=fresh_store)]  # taken off by staff
    assert reviews.advance_stage(CLI_ACTOR, first, url=fresh_store).stage == "eligibility"
    assert reviews.advance_stage(CLI_ACTOR, first, url=fresh_store).stage == "interview"
    with pytest.raises(InvalidInput) as last:
        reviews.advance_stage(CLI_ACTOR, first, url=fresh_store)
    assert last.value.key == "call.err_last_stage"


def test_selection_respects_cap_and_budget_and_creates_the_village_and_grant(
    fresh_store: str,
) -> None:
    call = _call(fresh_store, budget_krw=15_000_000)
    group = _user(fresh_store, "group.one", "applicant")
    ids = [_submitted(fresh_store, call, group, village_name=f"마을 {i}") for i in range(3)]
    with pytest.raises(InvalidInput) as early:
        grants.decide(CLI_ACTOR, ids[0], decision="selected", award_krw=5_000_000, url=fresh_store)
    assert early.value.key == "call.err_cannot_decide"
    for app_id in ids:
        reviews.start_review(CLI_ACTOR, app_id, url=fresh_store)
    with pytest.raises(InvalidInput) as cap:
        grants.decide(CLI_ACTOR, ids[0], decision="selected", award_krw=10_000_001, url=fresh_store)
    assert cap.value.key == "call.err_award_over_cap"
    chosen = grants.decide(
        CLI_ACTOR, ids[0], decision="selected", award_krw=10_000_000, url=fresh_store
    )
    assert chosen.status == "selected" and chosen.village_code is not None
    village = villages.get_village(CLI_ACTOR, chosen.village_code, url=fresh_store).village
    assert (village.name, village.cohort_year, village.programme_year, village.district_en) == (
        "마을 0", 2027, 1, "Dongjak-gu",
    )  # fmt: skip
    with pytest.raises(InvalidInput) as over:
        grants.decide(CLI_ACTOR, ids[1], decision="selected", award_krw=6_000_000, url=fresh_store)
    assert over.value.key == "call.err_budget_exceeded"
    grants.decide(CLI_ACTOR, ids[1], decision="wait_listed", url=fresh_store)
    grants.decide(CLI_ACTOR, ids[2], decision="rejected", note="계획 구체성 부족", url=fresh_store)
    state = grants.budget_state(CLI_ACTOR, call.id, url=fresh_store)
    assert (state.committed_krw, state.remaining_krw) == (10_000_000, 5_000_000)
    with pytest.raises(InvalidInput) as final:
        grants.decide(CLI_ACTOR, ids[0], decision="rejected", url=fresh_store)
    assert final.value.key == "call.err_cannot_decide"
    # The wait list moves up within what is left.
    grants.decide(CLI_ACTOR, ids[1], decision="selected", award_krw=5_000_000, url=fresh_store)
    assert grants.budget_state(CLI_ACTOR, call.id, url=fresh_store).remaining_krw == 0


def test_instalments_and_spending_reports(fresh_store: str) -> None:
    call = _call(fresh_store)
    group = _user(fresh_store, "group.one", "applicant")
    app_id = _submitted(fresh_store, call, group)
    reviews.start_review(CLI_ACTOR, app_id, url=fresh_store)
    chosen = grants.decide(
        CLI_ACTOR, app_id, decision="selected", award_krw=8_000_000, url=fresh_store
    )
    [grant] = grants.grants(CLI_ACTOR, call_id=call.id, url=fresh_store)
    assert (grant.award_krw, grant.paid_krw, grant.reported_krw) == (8_000_000, 0, None)
    assert (
        grants.pay_instalment(
            CLI_ACTOR, grant.grant_id, amount_krw=5_000_000, paid_on=TODAY, url=fresh_store
        )
        == 5_000_000
    )
    with pytest.raises(InvalidInput) as over:
        grants.pay_instalment(
            CLI_ACTOR, grant.grant_id, amount_krw=3_000_001, paid_on=TODAY, url=fresh_store
        )
    assert over.value.key == "call.err_paid_over_award"
    committee = _user(fresh_store, "new.committee", "committee", village_code=chosen.village_code)
    grants.file_spending_report(
        committee, grant.grant_id, {"training": 2_500_000, "equipment": 4_000_000}, url=fresh_store
    )
    [after] = grants.grants(committee, village_id=committee.village_id, url=fresh_store)
    assert (after.paid_krw, after.reported_krw, after.spending["training"]) == (
        5_000_000,
        6_500_000,
        2_500_000,
    )
    other = _user(fresh_store, "someone.else", "applicant")
    with pytest.raises(AccessDenied):
        grants.file_spending_report(other, grant.grant_id, {"training": 1}, url=fresh_store)
    totals = grants.totals_by_call(grants.grants(CLI_ACTOR, url=fresh_store))
    assert totals.to_dict("records") == [
        {
            "call_year": 2027,
            "award_krw": 8_000_000,
            "paid_krw": 5_000_000,
            "reported_krw": 6_500_000,
        }
    ]


def test_a_renewal_advances_the_village_and_its_gate_reads_no_data_where_there_is_none(
    fresh_store: str,
) -> None:
    villages.add_village(
        CLI_ACTOR, code="DJK-2026-01", name="상도 마을", district="동작구", cohort_year=2026,
        today=TODAY, url=fresh_store,
    )  # fmt: skip
    accounts.add_user(
        CLI_ACTOR, username="sangdo.committee", password=PASSWORD, role="committee",
        village_code="DJK-2026-01", url=fresh_store,
    )  # fmt: skip
    committee = accounts.authenticate("sangdo.committee", PASSWORD, url=fresh_store).actor
    assert committee is not None
    call = _call(fresh_store)
    with pytest.raises(InvalidInput) as own:
        applications.save_draft(
            committee, call_id=call.id, form=_form(), today=TODAY, url=fresh_store
        )
    assert own.value.key == "call.err_committee_renews_own"
    form = _form(renew_village_code="DJK-2026-01", budget={"equipment": 18_000_000})
    draft = applications.save_draft(
        committee, call_id=call.id, form=form, today=TODAY, url=fresh_store
    )
    assert (draft.programme_year, draft.form.village_name) == (2, "상도 마을")
    applications.submit_application(committee, draft.id, today=TODAY, url=fresh_store)
    record = grants.renewal_record(CLI_ACTOR, draft.id, url=fresh_store)
    assert (record.coverage, record.saving_pct, record.training_completion) == (None, None, None)
    assert record.spending_report_in is None and record.savings_pass is None
    reviews.start_review(CLI_ACTOR, draft.id, url=fresh_store)
    grants.decide(CLI_ACTOR, draft.id, decision="selected", award_krw=18_000_000, url=fresh_store)
    assert (
        villages.get_village(CLI_ACTOR, "DJK-2026-01", url=fresh_store).village.programme_year == 2
    )
