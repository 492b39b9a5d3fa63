"""The organisations, organisation, readiness and lessons screens through AppTest, and their
main flows by widget key: start forming, record a step (refused with what is missing, then
accepted), add a member; a committee sees only its own village's organisations."""

from __future__ import annotations

import re

from energy.core.access import CLI_ACTOR
from energy.core.catalogue import MESSAGES
from energy.organisations import formation
from energy.organisations import registry as organisations
from energy.villages import households
from tests.test_apptest import _app_as, _submit, _titles
from ui.core.i18n import today as seoul_today


def _org(url: str, stage: str, form: str | None = None) -> formation.OrganisationSummary:
    found = organisations.pipeline(CLI_ACTOR, url=url).at(stage)
    return next(o for o in found if form is None or o.legal_form == form)


def _open_organisation(url: str, login: str, org_id: int):  # type: ignore[no-untyped-def]
    at = _app_as(url, login)
    at.query_params["id"] = str(org_id)
    return at.switch_page("pages/organisation.py").run()


def test_staff_start_forming_an_organisation(demo_store: str) -> None:
    at = _app_as(demo_store, "admin")
    at.switch_page("pages/organisations.py").run()
    assert _titles(at) == [MESSAGES["page.organisations"]["ko"]]
    at.selectbox(key="organisations.start.village").set_value("DJK-2017-01")
    at.selectbox(key="organisations.start.form").set_value("social_cooperative")
    at.text_input(key="organisations.start.name").input("흑석 에너지나눔 사회적협동조합")
    _submit(at, "organisations.start_submit")
    assert not at.exception, [e.message for e in at.exception]
    made = [
        o
        for o in formation.list_organisations(CLI_ACTOR, url=demo_store)
        if o.name == "흑석 에너지나눔 사회적협동조합"
    ]
    assert [(o.village_code, o.legal_form, o.stage) for o in made] == [
        ("DJK-2017-01", "social_cooperative", "preparing")
    ]


def test_starting_without_a_village_is_explained(demo_store: str) -> None:
    at = _app_as(demo_store, "admin")
    at.switch_page("pages/organisations.py").run()
    at.text_input(key="organisations.start.name").input("이름만 있는 조합")
    _submit(at, "organisations.start_submit")
    assert [e.value for e in at.error] == [MESSAGES["error.required_village"]["ko"]]


def test_a_step_whose_rule_is_unmet_is_refused_with_what_is_missing(demo_store: str) -> None:
    org = _org(demo_store, "preparing", "cooperative")  # three founders of the five needed
    at = _open_organisation(demo_store, "admin", org.id)
    assert not at.exception
    assert at.selectbox(key=f"org.{org.id}.step").value == "founders"
    at.checkbox(key=f"org.{org.id}.step.founders.done").check()
    _submit(at, "org.save_step")
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "발기인 3명 (최소 5명 필요)" in errors[0], errors
    assert formation.checklist(CLI_ACTOR, org.id, url=demo_store).step("founders").done_on is None


def test_switching_organisation_never_carries_over_another_ones_step(demo_store: str) -> None:
    founded = _org(demo_store, "founded", "social_cooperative")
    forming = _org(demo_store, "preparing", "cooperative")
    at = _open_organisation(demo_store, "admin", founded.id)
    assert at.checkbox(key=f"org.{founded.id}.step.founders.done").value is True
    at.selectbox(key="organisation.id").set_value(forming.id).run()
    assert not at.exception
    assert at.checkbox(key=f"org.{forming.id}.step.founders.done").value is False
    assert at.date_input(key=f"org.{forming.id}.step.founders.done_on").value == seoul_today()


def test_staff_record_the_founding_meeting(demo_store: str) -> None:
    org = _org(demo_store, "founding_meeting")
    at = _open_organisation(demo_store, "admin", org.id)
    assert at.selectbox(key=f"org.{org.id}.step").value == "founding_meeting"
    at.text_input(key=f"org.{org.id}.step.founding_meeting.who").input("설립준비위원장")
    at.checkbox(key=f"org.{org.id}.step.founding_meeting.done").check()
    _submit(at, "org.save_step")
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    step = formation.checklist(CLI_ACTOR, org.id, url=demo_store).step("founding_meeting")
    assert (step.state, step.done_on, step.responsible) == (
        "done",
        seoul_today(),  # the page dates by the city's clock
        "설립준비위원장",
    )


def test_staff_add_a_member_linked_to_a_household(demo_store: str) -> None:
    org = _org(demo_store, "approval", "cooperative")
    before = organisations.organisation_detail(CLI_ACTOR, org.id, url=demo_store)
    linked = set(before.members["household"].dropna())
    household = next(
        h.code
        for h in households.list_households(CLI_ACTOR, org.village_code, url=demo_store)
        if h.code not in linked
    )
    at = _open_organisation(demo_store, "admin", org.id)
    at.text_input(key=f"org.{org.id}.member.name").input("새 참여가구")
    at.selectbox(key=f"org.{org.id}.member.kind").set_value("household")
    at.text_input(key=f"org.{org.id}.member.household").input(household)
    at.number_input(key=f"org.{org.id}.member.pledged").set_value(3)
    _submit(at, "org.add_member_submit")
    assert not at.exception and not at.error, [e.value for e in at.error]
    after = organisations.organisation_detail(
        CLI_ACTOR, org.id, today=seoul_today(), url=demo_store
    )
    assert after.capital.members == before.capital.members + 1
    row = after.members.set_index("name").loc["새 참여가구"]
    assert (row["household"], row["shares_pledged"]) == (household, 3)


def test_a_committee_sees_only_its_own_village_organisations(demo_store: str) -> None:
    dobong = _org(demo_store, "founded", "social_cooperative")
    at = _open_organisation(demo_store, "committee", dobong.id)  # a link to another village's
    assert not at.exception
    options = at.selectbox(key="organisation.id").options
    own = [o for o in formation.list_organisations(CLI_ACTOR, url=demo_store)
           if o.village_code == "DJK-2012-01"]  # fmt: skip
    assert len(options) == len(own) == 3
    assert all("성대골" in option for option in options)
    assert not at.get("form")  # reads, never writes


def test_readiness_shows_the_facts_and_no_data(demo_store: str) -> None:
    at = _app_as(demo_store, "admin")
    at.switch_page("pages/readiness.py").run()
    assert not at.exception
    facts = at.dataframe[-1].value  # the facts behind the first village's score
    values = list(facts[MESSAGES["readiness.points"]["ko"]])
    assert len(values) == 7
    # Each fact shows its points out of its weight, or "no data" (never a guessed number).
    no_data = MESSAGES["readiness.no_data"]["ko"]
    assert all(v == no_data or re.fullmatch(r"\d+(\.\d)? / \d+", v) for v in values), values
    assert any(v != no_data for v in values[4:])  # training, grants or organisers measured


def test_lessons_draw_their_charts(demo_store: str) -> None:
    at = _app_as(demo_store, "reviewer")
    at.switch_page("pages/lessons.py").run()
    assert not at.exception
    assert _titles(at) == [MESSAGES["page.lessons"]["ko"]]
    assert len(at.get("vega_lite_chart")) == 3  # by year, by reason, survival
    assert len(at.metric) == 5


def test_staff_pick_a_call_organiser_as_a_member(demo_store: str) -> None:
    """The picker lists the village's organisers with their call year, marks those already
    members, fills in the name, and the register shows the link."""
    from energy.organisations import organisers as organisation_organisers

    org, choices = next(
        (o, c)
        for o in formation.list_organisations(CLI_ACTOR, url=demo_store)
        if (c := organisation_organisers.organiser_choices(CLI_ACTOR, o.id, url=demo_store))
        and any(x.member for x in c)
        and any(x.member is None for x in c)
    )
    free = next(c for c in choices if c.member is None)
    taken = next(c for c in choices if c.member)
    at = _open_organisation(demo_store, "admin", org.id)
    picker = at.selectbox(key=f"org.{org.id}.member.organiser")
    assert picker.options[0] == MESSAGES["org.organiser_none"]["ko"]
    assert f"{free.name} · {free.call_year}년 공모 ({free.reference})" in picker.options
    assert f"{taken.name} · {taken.call_year}년 공모 — 이미 회원: {taken.member}" in picker.options
    picker.set_value(free.id).run()
    assert not at.exception
    assert at.text_input(key=f"org.{org.id}.member.name").value == free.name
    assert at.selectbox(key=f"org.{org.id}.member.kind").value == "organiser"
    at.checkbox(key=f"org.{org.id}.member.founder").check()
    _submit(at, "org.add_member_submit")
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.selectbox(key=f"org.{org.id}.member.organiser").value is None  # ready for the next
    after = organisations.organisation_detail(CLI_ACTOR, org.id, url=demo_store).members
    linked = after[after["organiser"].notna() & (after["name"] == free.name)]
    assert linked["organiser_year"].tolist() == [free.call_year]
    shown = [c for df in at.dataframe for c in df.value.columns]
    assert MESSAGES["org.organiser"]["ko"] in shown
    # Picking an organiser who is already a member is refused with the reason.
    at.selectbox(key=f"org.{org.id}.member.organiser").set_value(taken.id).run()
    _submit(at, "org.add_member_submit")
    assert [e.value for e in at.error] == [
        MESSAGES["error.organisation_organiser_member"]["ko"].format(
            name=taken.name, member=taken.member
        )
    ]


def test_a_social_cooperative_shows_its_public_benefit_share(demo_store: str) -> None:
    org = _org(demo_store, "founded", "social_cooperative")
    organisations.record_year(
        CLI_ACTOR, org.id, seoul_today().year - 1, figures={"revenue_krw": 1},
        public_benefit_pct=32, url=demo_store,
    )  # fmt: skip
    at = _open_organisation(demo_store, "admin", org.id)
    assert not at.exception
    texts = [m.value for m in at.markdown]
    year = seoul_today().year - 1
    assert any(f"공익사업 비중 32% (최소 40% 필요, {year}년)" in t for t in texts), texts
