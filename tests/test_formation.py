"""Forming an organisation: each legal form's checklist, its order, thresholds and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from energy.core.access import CLI_ACTOR
from energy.core.errors import InvalidInput
from energy.organisations import formation
from energy.organisations import registry as organisations
from energy.organisations.formation import StepNotReady
from energy.organisations.registry import MemberInput
from energy.villages import directory as villages

TODAY = dt.date(2026, 11, 25)
D = dt.date


def _village(url: str, code: str = "DJK-2020-01", cohort: int = 2020) -> None:
    villages.add_village(
        CLI_ACTOR,
        code=code,
        name="상도 햇빛마을",
        district="동작구",
        cohort_year=cohort,
        started_on=D(cohort, 4, 1),
        today=TODAY,
        url=url,
    )


def _start(url: str, form: str, code: str = "DJK-2020-01") -> int:
    made = formation.start_formation(
        CLI_ACTOR,
        village=code,
        legal_form=form,
        name="상도 에너지협동조합",
        started_on=D(2025, 1, 10),
        share_price_krw=10_000,
        today=TODAY,
        url=url,
    )
    return made.organisation.id


def _members(url: str, org: int, n: int, *, founders: bool, joined: dt.date) -> None:
    organisations.add_members(
        CLI_ACTOR,
        org,
        [
            MemberInput(f"회원{i}", "resident", joined, is_founder=founders, shares_pledged=2)
            for i in range(n)
        ],
        today=TODAY,
        url=url,
    )


def _done(url: str, org: int, step: str, day: dt.date, **kwargs: object) -> formation.Checklist:
    return formation.record_step(CLI_ACTOR, org, step, done_on=day, today=TODAY, url=url, **kwargs)  # type: ignore[arg-type]


def _missing(caught: pytest.ExceptionInfo[StepNotReady]) -> list[tuple[str, dict[str, object]]]:
    return [(m.key, m.params) for m in caught.value.missing]


@pytest.fixture
def coop(fresh_store: str) -> tuple[str, int]:
    _village(fresh_store)
    return fresh_store, _start(fresh_store, "cooperative")


def test_each_form_has_its_own_checklist(fresh_store: str) -> None:
    _village(fresh_store)
    steps = {
        form: [s.key for s in formation.checklist(CLI_ACTOR, _start(fresh_store, form)).steps]
        for form in ("cooperative", "social_cooperative", "nonprofit", "social_enterprise")
    }
    assert steps["cooperative"] == [
        "founders", "bylaws", "founding_meeting", "city_report", "capital_paid",
        "court_registration", "business_registration",
    ]  # fmt: skip
    assert steps["social_cooperative"] == [
        "founders", "bylaws", "founding_meeting", "ministry_authorisation", "capital_paid",
        "court_registration", "business_registration",
    ]  # fmt: skip
    assert steps["nonprofit"] == [
        "bylaws", "members", "activity_record", "registration", "business_registration",
    ]  # fmt: skip
    # The Social Enterprise Promotion Act's certification requirements (art. 8(1)).
    assert steps["social_enterprise"] == [
        "legal_entity", "articles", "social_purpose", "stakeholder_governance",
        "business_registration", "paid_workers", "certification",
    ]  # fmt: skip


def test_a_cooperative_needs_five_founders(coop: tuple[str, int]) -> None:
    url, org = coop
    _members(url, org, 4, founders=True, joined=D(2025, 2, 1))
    _members(url, org, 3, founders=False, joined=D(2025, 2, 1))  # members, not founders
    view = formation.checklist(CLI_ACTOR, org, today=TODAY, url=url).step("founders")
    assert view.state == "blocked"
    assert [(m.key, m.params) for m in view.missing] == [
        ("formation.missing_founders", {"have": 4, "need": 5})
    ]
    with pytest.raises(StepNotReady) as caught:
        _done(url, org, "founders", D(2025, 3, 1))
    assert _missing(caught) == [("formation.missing_founders", {"have": 4, "need": 5})]
    assert "4 founders (5 needed)" in caught.value.message("en")
    assert "발기인 4명" in caught.value.message("ko")
    _members(url, org, 1, founders=True, joined=D(2025, 2, 20))
    # Counted on the day the step is done: the fifth founder joined on 20 February.
    with pytest.raises(StepNotReady):
        _done(url, org, "founders", D(2025, 2, 19))
    assert _done(url, org, "founders", D(2025, 2, 20)).step("founders").state == "done"


def test_a_step_cannot_be_done_before_the_step_the_law_puts_first(coop: tuple[str, int]) -> None:
    url, org = coop
    with pytest.raises(StepNotReady) as caught:
        _done(url, org, "bylaws", D(2025, 3, 1))
    assert _missing(caught) == [("formation.missing_step", {"step": "founders"})]
    assert "First: Founders (at least 5)" in caught.value.message("en")
    _members(url, org, 5, founders=True, joined=D(2025, 2, 1))
    _done(url, org, "founders", D(2025, 3, 1))
    with pytest.raises(StepNotReady) as caught:
        _done(url, org, "bylaws", D(2025, 2, 28))  # dated before its predecessor
    assert _missing(caught) == [
        ("formation.missing_order", {"step": "founders", "date": "2025-03-01"})
    ]
    checklist = _done(url, org, "bylaws", D(2025, 3, 1))  # the same day is fine
    assert [s.state for s in checklist.steps[:2]] == ["done", "done"]
    # The meeting's order is met; what it lacks now is its own facts.
    assert [m.key for m in checklist.step("founding_meeting").missing] == [
        "formation.missing_notice_date",
        "formation.missing_attendance",
        "formation.missing_votes",
    ]
    assert checklist.step("city_report").missing == (
        formation.Missing("formation.missing_step", {"step": "founding_meeting"}),
    )
    assert checklist.step("city_report").state == "waiting"  # for the meeting, nothing else
    assert checklist.step("founding_meeting").state == "blocked"  # its own facts are missing
    # Undoing founders while bylaws is done, or dating founders after bylaws, is refused.
    with pytest.raises(InvalidInput) as undo:
        formation.undo_step(CLI_ACTOR, org, "founders", today=TODAY, url=url)
    assert undo.value.key == "error.formation_later_done"
    with pytest.raises(InvalidInput) as later:
        _done(url, org, "founders", D(2025, 3, 2))
    assert (later.value.key, later.value.params) == (
        "error.formation_after_later",
        {"date": "2025-03-01"},
    )


def _ready_for_meeting(url: str, org: int) -> None:
    _members(url, org, 10, founders=True, joined=D(2025, 2, 1))
    _done(url, org, "founders", D(2025, 3, 1))
    _done(url, org, "bylaws", D(2025, 3, 10))


@pytest.mark.parametrize(
    ("notice", "attendees", "votes", "missing"),
    [
        (D(2025, 4, 4), 6, 4, [("formation.missing_notice_days", {"have": 6, "need": 7})]),
        (None, 6, 4, [("formation.missing_notice_date", {})]),
        (
            D(2025, 4, 3),
            5,
            4,
            [("formation.missing_quorum", {"have": 5, "need": 6, "eligible": 10})],
        ),
        (
            D(2025, 4, 3),
            6,
            3,
            [("formation.missing_vote", {"have": 3, "need": 4, "attendees": 6})],
        ),
        (D(2025, 4, 3), 6, 4, []),  # 7 days' notice, 6 of 10 present, 4 of 6 in favour
    ],
)
def test_the_founding_meeting_rules(
    coop: tuple[str, int],
    notice: dt.date | None,
    attendees: int,
    votes: int,
    missing: list[tuple[str, dict[str, object]]],
) -> None:
    url, org = coop
    _ready_for_meeting(url, org)
    meeting = {"notice_on": notice, "eligible": 10, "attendees": attendees, "votes_for": votes}
    if missing:
        with pytest.raises(StepNotReady) as caught:
            _done(url, org, "founding_meeting", D(2025, 4, 10), **meeting)
        assert _missing(caught) == missing
    else:
        view = _done(url, org, "founding_meeting", D(2025, 4, 10), **meeting).step(
            "founding_meeting"
        )
        assert (view.state, view.notice_on, view.attendees, view.votes_for) == (
            "done",
            notice,
            6,
            4,
        )


def test_meeting_figures_that_cannot_be_are_refused(coop: tuple[str, int]) -> None:
    url, org = coop
    for kwargs, key in (
        ({"attendees": 5, "votes_for": 6}, "error.formation_votes_over_attendees"),
        ({"eligible": 5, "attendees": 6}, "error.formation_attendees_over_eligible"),
        ({"attendees": -1}, "error.formation_negative"),
        ({"done_on": D(2026, 12, 1)}, "error.date_in_future"),
    ):
        with pytest.raises(InvalidInput) as caught:
            formation.record_step(
                CLI_ACTOR, org, "founding_meeting", today=TODAY, url=url, **kwargs
            )  # type: ignore[arg-type]
        assert caught.value.key == key


def test_a_cooperative_reports_to_the_city_and_is_founded_at_business_registration(
    coop: tuple[str, int],
) -> None:
    url, org = coop
    _ready_for_meeting(url, org)
    meeting = {"notice_on": D(2025, 4, 1), "eligible": 10, "attendees": 8, "votes_for": 8}
    _done(url, org, "founding_meeting", D(2025, 4, 10), **meeting)
    assert formation.checklist(CLI_ACTOR, org, today=TODAY, url=url).organisation.stage == (
        "approval"
    )
    formation.record_step(
        CLI_ACTOR,
        org,
        "city_report",
        due_on=D(2025, 5, 1),
        responsible="사무국장",
        documents="설립신고서, 정관, 창립총회 의사록",
        today=TODAY,
        url=url,
    )
    view = formation.checklist(CLI_ACTOR, org, today=TODAY, url=url).step("city_report")
    assert (view.state, view.overdue, view.responsible) == ("ready", True, "사무국장")
    assert view.documents == "설립신고서, 정관, 창립총회 의사록"
    for step, day in (
        ("city_report", D(2025, 5, 2)),
        ("capital_paid", D(2025, 5, 20)),
        ("court_registration", D(2025, 6, 3)),
        ("business_registration", D(2025, 6, 17)),
    ):
        checklist = _done(url, org, step, day)
    summary = checklist.organisation
    assert (summary.stage, summary.next_step, summary.founded_on) == (
        "founded",
        None,
        D(2025, 6, 17),
    )
    # What was noted stays with the step when it is later marked done.
    assert checklist.step("city_report").responsible == "사무국장"


def test_a_social_cooperative_needs_the_ministry_not_the_city(fresh_store: str) -> None:
    _village(fresh_store)
    org = _start(fresh_store, "social_cooperative")
    steps = formation.checklist(CLI_ACTOR, org, today=TODAY, url=fresh_store)
    assert "city_report" not in [s.key for s in steps.steps]
    assert steps.step("capital_paid").missing == (
        formation.Missing("formation.missing_step", {"step": "ministry_authorisation"}),
    )
    with pytest.raises(InvalidInput) as caught:
        _done(fresh_store, org, "city_report", D(2025, 5, 1))
    assert caught.value.key == "error.formation_unknown_step"


def test_a_nonprofit_needs_100_members_and_a_year_of_activity(fresh_store: str) -> None:
    _village(fresh_store, cohort=2025)  # the village started on 1 April 2025
    org = _start(fresh_store, "nonprofit")
    _done(fresh_store, org, "bylaws", D(2025, 3, 1))
    _members(fresh_store, org, 99, founders=False, joined=D(2025, 5, 1))
    with pytest.raises(StepNotReady) as caught:
        _done(fresh_store, org, "members", D(2025, 6, 1))
    assert _missing(caught) == [("formation.missing_members", {"have": 99, "need": 100})]
    _members(fresh_store, org, 1, founders=False, joined=D(2025, 6, 1))
    _done(fresh_store, org, "members", D(2025, 6, 1))
    with pytest.raises(StepNotReady) as caught:
        _done(fresh_store, org, "activity_record", D(2026, 3, 31))
    assert _missing(caught) == [
        (
            "formation.missing_activity",
            {"since": "2025-04-01", "ready": "2026-04-01", "years": 1},
        )
    ]
    _done(fresh_store, org, "activity_record", D(2026, 4, 1))
    registered = _done(fresh_store, org, "registration", D(2026, 5, 1))
    assert registered.organisation.stage == "registration"


def test_a_social_enterprise_needs_paid_workers_and_six_months_of_business(
    fresh_store: str,
) -> None:
    _village(fresh_store)
    org = _start(fresh_store, "social_enterprise")
    _done(fresh_store, org, "legal_entity", D(2025, 1, 20))
    _done(fresh_store, org, "business_registration", D(2025, 2, 10))
    with pytest.raises(StepNotReady) as caught:
        _done(fresh_store, org, "paid_workers", D(2025, 3, 1))
    assert _missing(caught) == [("formation.missing_workers", {"have": 0, "need": 1})]
    organisations.record_year(
        CLI_ACTOR, org, 2025, figures={"jobs_part_time": 2, "revenue_krw": 30_000_000},
        labour_costs_krw=40_000_000, today=TODAY, url=fresh_store,
    )  # fmt: skip
    _done(fresh_store, org, "paid_workers", D(2025, 3, 1))
    for step in ("articles", "social_purpose", "stakeholder_governance"):
        _done(fresh_store, org, step, D(2025, 3, 5))
    with pytest.raises(StepNotReady) as caught:
        _done(fresh_store, org, "certification", D(2025, 8, 9))
    assert _missing(caught) == [
        ("formation.missing_business_months", {"ready": "2025-08-10", "months": 6})
    ]
    assert _done(fresh_store, org, "certification", D(2025, 8, 10)).organisation.stage == (
        "founded"
    )


def test_social_enterprise_certification_waits_for_purpose_stakeholders_and_articles(
    fresh_store: str,
) -> None:
    _village(fresh_store)
    org = _start(fresh_store, "social_enterprise")
    _done(fresh_store, org, "legal_entity", D(2025, 1, 20))
    # The stakeholder decision-making structure is written into the articles first.
    with pytest.raises(StepNotReady) as caught:
        _done(fresh_store, org, "stakeholder_governance", D(2025, 2, 1))
    assert _missing(caught) == [("formation.missing_step", {"step": "articles"})]
    _done(fresh_store, org, "business_registration", D(2025, 1, 25))
    organisations.record_year(
        CLI_ACTOR, org, 2025, figures={"jobs_full_time": 1, "revenue_krw": 20_000_000},
        labour_costs_krw=30_000_000, today=TODAY, url=fresh_store,
    )  # fmt: skip
    _done(fresh_store, org, "paid_workers", D(2025, 2, 1))
    with pytest.raises(StepNotReady) as caught:
        _done(fresh_store, org, "certification", D(2025, 9, 1))
    assert _missing(caught) == [
        ("formation.missing_step", {"step": "social_purpose"}),
        ("formation.missing_step", {"step": "stakeholder_governance"}),
    ]


@pytest.mark.parametrize(
    ("revenue", "labour", "missing"),
    [
        (0, None, [("formation.missing_labour_costs", {"need": 50})]),
        (
            14_999_999,
            30_000_000,
            [("formation.missing_revenue_labour", {"pct": 49, "need": 50, "year": 2025})],
        ),
        (15_000_000, 30_000_000, []),  # exactly half the labour costs is enough
    ],
)
def test_social_enterprise_revenue_is_at_least_half_the_labour_costs(
    fresh_store: str, revenue: int, labour: int | None, missing: list[object]
) -> None:
    _village(fresh_store)
    org = _start(fresh_store, "social_enterprise")
    for step, day in (("legal_entity", D(2025, 1, 2)), ("business_registration", D(2025, 1, 3))):
        _done(fresh_store, org, step, day)
    organisations.record_year(
        CLI_ACTOR, org, 2025, figures={"jobs_full_time": 2, "revenue_krw": revenue},
        labour_costs_krw=labour, today=TODAY, url=fresh_store,
    )  # fmt: skip
    for step in ("paid_workers", "articles", "social_purpose", "stakeholder_governance"):
        _done(fresh_store, org, step, D(2025, 2, 1))
    if missing:
        with pytest.raises(StepNotReady) as caught:
            _done(fresh_store, org, "certification", D(2025, 9, 1))
        assert _missing(caught) == missing
    else:
        done = _done(fresh_store, org, "certification", D(2025, 9, 1))
        assert done.organisation.founded_on == D(2025, 9, 1)


def test_a_social_cooperative_keeps_40_percent_public_benefit_business(fresh_store: str) -> None:
    _village(fresh_store)
    org = _start(fresh_store, "social_cooperative")

    def standing() -> list[tuple[str, str, dict[str, object]]]:
        found = formation.checklist(CLI_ACTOR, org, today=TODAY, url=fresh_store).standing
        return [(s.state, s.detail.key, s.detail.params) for s in found]

    assert standing() == [("no_data", "formation.missing_public_benefit_report", {"need": 40})]
    for year, pct in ((2024, 55.0), (2025, 32.0)):
        organisations.record_year(
            CLI_ACTOR, org, year, figures={}, public_benefit_pct=pct, today=TODAY,
            url=fresh_store,
        )  # fmt: skip
    # The latest report counts: 32% is below the 40% the law asks for.
    assert standing() == [
        ("unmet", "formation.missing_public_benefit", {"pct": "32", "need": 40, "year": 2025})
    ]
    only = formation.checklist(CLI_ACTOR, org, today=TODAY, url=fresh_store).standing[0]
    assert formation.describe(only.detail, "ko") == "공익사업 비중 32% (최소 40% 필요, 2025년)"
    organisations.record_year(
        CLI_ACTOR, org, 2025, figures={}, public_benefit_pct=40.0, today=TODAY, url=fresh_store
    )
    assert [s[0] for s in standing()] == ["met"]
    # A general cooperative has no such requirement.
    coop = _start(fresh_store, "cooperative")
    assert formation.checklist(CLI_ACTOR, coop, today=TODAY, url=fresh_store).standing == ()
    with pytest.raises(InvalidInput) as caught:
        organisations.record_year(
            CLI_ACTOR, org, 2025, figures={}, public_benefit_pct=100.5, today=TODAY,
            url=fresh_store,
        )  # fmt: skip
    assert caught.value.key == "error.organisation_public_benefit_pct"


def test_activity_counts_from_the_village_start_unless_given(fresh_store: str) -> None:
    _village(fresh_store, cohort=2021)
    org = _start(fresh_store, "nonprofit")
    summary = formation.checklist(CLI_ACTOR, org, today=TODAY, url=fresh_store).organisation
    assert summary.activity_since == D(2021, 4, 1)
