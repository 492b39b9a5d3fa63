"""Pre-screening by the district office and the astroturf checks (issue 27), on both stores:
only the officer of an application's district pre-screens it, from submission until a
decision, revising it with each version in the audit log; staff read it beside the
eligibility checks with a flag wherever an organiser may act for a public body (declared, or
found among the officials' accounts); a reviewer reads it once it declared no conflict; a
committee, an applicant or the town-hall viewer never reads one."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from energy.accounts import users as accounts
from energy.audit.log import in_words
from energy.call import applications, grants, reviews
from energy.call.applications import ApplicationInfo, OrganiserInput, check_eligibility
from energy.call.checks import eligibility_checks
from energy.core.access import CLI_ACTOR, Actor
from energy.core.errors import AccessDenied, InvalidInput, NotFound
from energy.district import prescreen as prescreens
from energy.district.prescreen import PrescreenInput
from energy.district.public_body import (
    contact_key,
    email_key,
    name_key,
    phone_key,
    public_body_flags,
    public_domain,
)
from energy.store import db
from energy.store.audit import AuditFilter, read_audit
from energy.store.models.accounts import User
from energy.store.models.system import AuditEntry
from tests.test_call import RULES_CALL, TODAY, _call, _form, _submitted, _user

MAPO = "11440"
CONCERNS = PrescreenInput("some", "all", "concerns", "세 분 중 두 분만 만났습니다.")
FINE = PrescreenInput("all", "all", "no_concerns", "")


def _demo(url: str, username: str) -> Actor:
    with db.session_for(CLI_ACTOR, url=url) as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        return accounts.actor_for(user)


def _mapo(url: str) -> dict[str, ApplicationInfo]:
    """The demo's Mapo-gu applications of the open call, by village name."""
    every = applications.list_applications(CLI_ACTOR, url=url)
    year = max(a.call_year for a in every)
    return {
        a.form.village_name: a
        for a in every
        if a.district_code == MAPO and a.call_year == year and a.status != "draft"
    }


def _entries(url: str) -> int:
    with db.session_for(CLI_ACTOR, url=url) as session:
        return int(
            session.scalar(select(func.count()).where(AuditEntry.entity == "call_prescreens")) or 0
        )


# --- the officer --------------------------------------------------------------------------------


def test_the_officer_prescreens_a_submitted_application_and_revises_it(small_store: str) -> None:
    url = small_store
    officer = _demo(url, "district")
    mapo = _mapo(url)
    sungsan, yeonnam = mapo["성산동 햇빛마을"], mapo["연남동 햇빛마을"]
    queue = prescreens.district_queue(officer, url=url)
    assert {i.application.district_code for i in queue} == {MAPO}
    assert all(i.application.status != "draft" for i in queue)  # the applicant's draft is not
    by_id = {i.application.id: i for i in queue}
    assert by_id[sungsan.id].open and by_id[sungsan.id].prescreen is None
    demo = by_id[yeonnam.id].prescreen  # the demo's pre-screened example
    assert demo is not None and (demo.verdict, demo.recorded_by) == ("no_concerns", "district")
    # Those still to pre-screen first, then the pre-screened; no decided one without one.
    order = [(not i.open, i.prescreen is not None) for i in queue]
    assert order == sorted(order) and queue[0].application.id == sungsan.id
    assert all(i.open or i.prescreen for i in queue)

    before = _entries(url)
    first = prescreens.record_prescreen(officer, sungsan.id, CONCERNS, url=url)
    assert (first.met_in_person, first.lives_in_area, first.verdict) == ("some", "all", "concerns")
    assert first.recorded_by_name == "정하린 (마포구청 에너지팀)"
    assert (first.district_ko, first.district_en) == ("마포구", "Mapo-gu")
    again = prescreens.record_prescreen(officer, sungsan.id, CONCERNS, url=url)
    assert again == first and _entries(url) == before + 1  # the same answers: nothing written
    revised = dataclasses.replace(CONCERNS, met_in_person="all", note="다시 만나 확인했습니다.")
    prescreens.record_prescreen(officer, sungsan.id, revised, url=url)
    assert _entries(url) == before + 2

    # Every version is kept (the audit log), newest first; staff read the current one.
    history = prescreens.prescreen_history(officer, sungsan.id, url=url)
    assert [(v.met_in_person, v.note) for v in history] == [
        ("all", "다시 만나 확인했습니다."),
        ("some", "세 분 중 두 분만 만났습니다."),
    ]
    assert {v.by for v in history} == {"정하린 (마포구청 에너지팀)"}
    assert prescreens.prescreen_history(CLI_ACTOR, sungsan.id, url=url) == history
    current = prescreens.get_prescreen(CLI_ACTOR, sungsan.id, url=url)
    assert current is not None and current.met_in_person == "all"
    assert prescreens.prescreens_for(CLI_ACTOR, [sungsan.id, yeonnam.id], url=url).keys() == {
        sungsan.id,
        yeonnam.id,
    }

    # The log says it as people would, in both languages.
    [created] = read_audit(
        CLI_ACTOR, AuditFilter(entity="call_prescreens", action="create", who="district"), url=url
    ).records
    said = {
        lang: in_words(CLI_ACTOR, [created], lang, url=url)[0].sentence for lang in ("ko", "en")
    }
    assert said == {
        "ko": f"정하린 (마포구청 에너지팀)이 신청서 {sungsan.reference}을 사전 검토했습니다(우려 있음).",
        "en": f"정하린 (마포구청 에너지팀) pre-screened application {sungsan.reference} (concerns).",
    }


def test_another_districts_officer_is_refused_whatever_id_it_tries(small_store: str) -> None:
    url = small_store
    accounts.add_user(
        CLI_ACTOR, username="gu.dongjak", password="a long enough password", role="district",
        district="11590", url=url,
    )  # fmt: skip
    dongjak = _demo(url, "gu.dongjak")
    mapo = _mapo(url)
    assert all(i.application.district_code == "11590"
               for i in prescreens.district_queue(dongjak, url=url))  # fmt: skip
    for app in mapo.values():
        with pytest.raises(AccessDenied):
            prescreens.record_prescreen(dongjak, app.id, FINE, url=url)
        with pytest.raises(AccessDenied):
            prescreens.screening_item(dongjak, app.id, url=url)
        with pytest.raises(AccessDenied):
            prescreens.get_prescreen(dongjak, app.id, url=url)
        with pytest.raises(AccessDenied):
            prescreens.prescreen_history(dongjak, app.id, url=url)
    with pytest.raises(NotFound):
        prescreens.record_prescreen(dongjak, 999_999, FINE, url=url)
    # Staff read pre-screens; they do not write them.
    with pytest.raises(AccessDenied):
        prescreens.record_prescreen(CLI_ACTOR, mapo["성산동 햇빛마을"].id, FINE, url=url)
    assert prescreens.get_prescreen(CLI_ACTOR, mapo["성산동 햇빛마을"].id, url=url) is None


def test_a_draft_is_not_prescreened_nor_a_decided_application(small_store: str) -> None:
    url = small_store
    officer = _demo(url, "district")
    [draft] = [
        a for a in applications.list_applications(_demo(url, "applicant"), url=url)
        if a.status == "draft"
    ]  # fmt: skip
    assert draft.district_code == MAPO
    with pytest.raises(AccessDenied):
        prescreens.screening_item(officer, draft.id, url=url)
    with pytest.raises(AccessDenied):
        prescreens.record_prescreen(officer, draft.id, FINE, url=url)

    yeonnam = _mapo(url)["연남동 햇빛마을"]
    reviews.start_review(CLI_ACTOR, yeonnam.id, url=url)
    prescreens.record_prescreen(officer, yeonnam.id, CONCERNS, url=url)  # in review: still open
    grants.decide(CLI_ACTOR, yeonnam.id, decision="wait_listed", url=url)
    with pytest.raises(InvalidInput) as refused:
        prescreens.record_prescreen(officer, yeonnam.id, FINE, url=url)
    assert refused.value.key == "prescreen.err_decided"
    item = prescreens.screening_item(officer, yeonnam.id, url=url)
    assert not item.open and item.prescreen is not None and item.prescreen.verdict == "concerns"


def test_only_staff_the_officer_and_a_reviewer_without_conflict_read_a_prescreen(
    small_store: str,
) -> None:
    url = small_store
    yeonnam = _mapo(url)["연남동 햇빛마을"]
    for login in ("committee", "applicant", "viewer", "trainer", "reviewer2"):
        with pytest.raises(AccessDenied):
            prescreens.get_prescreen(_demo(url, login), yeonnam.id, url=url)
        with pytest.raises(AccessDenied):
            prescreens.prescreens_for(_demo(url, login), [yeonnam.id], url=url)
        with pytest.raises(AccessDenied):
            prescreens.district_queue(_demo(url, login), url=url)
    # A reviewer, once assigned and once it declared no conflict; the history stays staff's.
    reviewer = _demo(url, "reviewer")
    reviews.start_review(CLI_ACTOR, yeonnam.id, url=url)
    reviews.set_reviewers(CLI_ACTOR, yeonnam.id, [reviewer.user_id or 0], url=url)
    with pytest.raises(AccessDenied):
        prescreens.get_prescreen(reviewer, yeonnam.id, url=url)
    [assignment] = [
        a for a in reviews.my_assignments(reviewer, url=url) if a.application_id == yeonnam.id
    ]
    reviews.declare_conflict(reviewer, assignment.id, conflict=False, url=url)
    shown = prescreens.get_prescreen(reviewer, yeonnam.id, url=url)
    assert shown is not None and shown.verdict == "no_concerns"
    with pytest.raises(AccessDenied):
        prescreens.prescreen_history(reviewer, yeonnam.id, url=url)


def test_the_answers_are_from_the_vocabulary_and_a_concern_says_why(small_store: str) -> None:
    url = small_store
    officer = _demo(url, "district")
    app_id = _mapo(url)["성산동 햇빛마을"].id
    for bad, field in (
        (dataclasses.replace(FINE, met_in_person="maybe"), "met_in_person"),
        (dataclasses.replace(FINE, lives_in_area=None), "lives_in_area"),
        (dataclasses.replace(FINE, verdict="fine"), "verdict"),
        (dataclasses.replace(CONCERNS, note="  "), "note"),
        (dataclasses.replace(FINE, verdict="could_not_verify"), "note"),
        (dataclasses.replace(FINE, note="가" * 2001), "note"),
    ):
        with pytest.raises(InvalidInput) as refused:
            prescreens.record_prescreen(officer, app_id, bad, url=url)
        assert refused.value.field == field
    assert prescreens.get_prescreen(CLI_ACTOR, app_id, url=url) is None


# --- the astroturf checks -----------------------------------------------------------------------


def test_contacts_and_names_are_compared_as_people_write_them() -> None:
    assert email_key(" 정하린 <Harin.Jung@Mapo.GO.kr> ") == "harin.jung@mapo.go.kr"
    assert email_key("mailto:A@B.kr") == "a@b.kr"
    assert email_key("010-1234-5678") is None
    for written in ("010-1234-5678", "010 1234 5678", "+82 10-1234-5678", "+82 (0)10 1234 5678",
                    "0082-10-1234-5678", "01012345678"):  # fmt: skip
        assert phone_key(written) == "01012345678", written
    assert phone_key("02-123-4567") == "021234567"
    assert phone_key("내선 123") is None and phone_key("a@b.kr") is None
    assert (
        contact_key("A@B.kr") == "mail:a@b.kr" and contact_key("010 1234 5678") == "tel:01012345678"
    )
    assert contact_key("카톡으로 연락") is None
    assert name_key("정하린 (마포구청 에너지팀)") == name_key(" 정 하린 ") == "정하린"
    assert name_key("Kim Ha-Rin") == name_key("kim harin")
    assert public_domain("gu.kim@mapo.go.kr") == "mapo.go.kr"
    assert public_domain("kim@seoul.go.kr") == "seoul.go.kr"
    assert public_domain("kim@naver.com") is None and public_domain("kim@go.kr.example") is None


def test_staff_see_declared_and_detected_links_to_a_public_body(small_store: str) -> None:
    url = small_store
    mapo = _mapo(url)
    sungsan, yeonnam = mapo["성산동 햇빛마을"], mapo["연남동 햇빛마을"]
    everyone = [a.id for a in applications.list_applications(CLI_ACTOR, url=url)]
    flags = public_body_flags(CLI_ACTOR, everyone, url=url)
    # The demo: a colleague of the officer organises 성산동 (reached at the officer's address,
    # typed in capitals); 연남동's group named its own link. No other application is flagged.
    assert [(f.kind, f.position, f.detail, f.official_role, f.official_district("ko"))
            for f in flags[sungsan.id]] == [
        ("official_contact", 3, "정하린 (마포구청 에너지팀)", "district", "마포구")
    ]  # fmt: skip
    assert [(f.kind, f.detail) for f in flags[yeonnam.id]] == [
        ("declared", "이수아 님이 연남동 주민센터에서 무급 자원봉사 상담가로 일합니다.")
    ]
    assert {i for i, found in flags.items() if found} == {sungsan.id, yeonnam.id}
    for login in ("district", "reviewer", "applicant"):
        with pytest.raises(AccessDenied):
            public_body_flags(_demo(url, login), [sungsan.id], url=url)


def test_an_officials_name_or_a_public_mail_domain_is_flagged_and_nothing_is_refused(
    fresh_store: str,
) -> None:
    url = fresh_store
    accounts.add_user(
        CLI_ACTOR, username="gu.dongjak", password="a long enough password", role="district",
        display_name="박세나 (동작구청)", district="11590", email="Sena.Park@Dongjak.go.kr",
        url=url,
    )  # fmt: skip
    accounts.add_user(
        CLI_ACTOR, username="gone.officer", password="a long enough password", role="district",
        display_name="김하나", district="11590", url=url,
    )  # fmt: skip
    accounts.set_user_active(CLI_ACTOR, "gone.officer", False, url=url)
    call = _call(url)
    group = _user(url, "sangdo.group", "applicant")
    people = (
        OrganiserInput("김하나", "010-0000-0001", True),  # a former officer's name: not flagged
        OrganiserInput("이두리", "+82 10-0000-0002", True),
        OrganiserInput("박 세나", "010-0000-0003", True),  # the officer's name, another contact
        OrganiserInput("최넷", "choi@seoul.go.kr", True),  # a city address
    )
    app_id = _submitted(url, call, group, organisers=people, public_body_link="")
    flags = public_body_flags(CLI_ACTOR, [app_id], url=url)[app_id]
    assert [(f.kind, f.position, f.detail) for f in flags] == [
        ("official_name", 3, "박세나 (동작구청)"),
        ("public_domain", 4, "seoul.go.kr"),
    ]
    # The same name in another district is someone else; the officer's address is certain.
    elsewhere = _submitted(url, call, group, district_code=MAPO, organisers=people[:3])
    assert public_body_flags(CLI_ACTOR, [elsewhere], url=url)[elsewhere] == []
    reached = _submitted(url, call, group, village_name="흑석 마을", organisers=(
        *people[:2], OrganiserInput("박삼", "mailto:sena.park@DONGJAK.go.kr", True),
    ))  # fmt: skip
    [(kind, detail)] = [(f.kind, f.detail) for f in public_body_flags(CLI_ACTOR, [reached], url=url)[reached]]  # fmt: skip
    assert (kind, detail) == ("official_contact", "박세나 (동작구청)")
    # Flagged applications are submitted like any other: staff decide.
    assert {applications.get_application(CLI_ACTOR, i, url=url).status
            for i in (app_id, elsewhere, reached)} == {"submitted"}  # fmt: skip


def test_the_declaration_is_required_to_submit_and_a_named_link_is_allowed() -> None:
    undeclared = _form(public_body_declared=False)
    assert [(f.field, f.key) for f in check_eligibility(RULES_CALL, undeclared)] == [
        ("public_body", "prescreen.err_declaration")
    ]
    linked = _form(public_body_link="이두리 님이 동 주민센터 통장입니다.")
    assert check_eligibility(RULES_CALL, linked) == []


def test_staff_read_each_rule_as_a_check_met_or_not(fresh_store: str) -> None:
    url = fresh_store
    call = _call(url)
    draft = applications.save_draft(
        CLI_ACTOR, call_id=call.id, form=_form(households_detached=10, public_body_declared=False),
        today=TODAY, url=url,
    )  # fmt: skip
    checks = {c.name: c for c in eligibility_checks(call, draft)}
    assert list(checks) == [
        "applicant_type", "details", "organisers", "households", "plan", "budget", "public_body",
    ]  # fmt: skip
    assert {n for n, c in checks.items() if not c.passed} == {"households", "public_body"}
    assert [f.key for f in checks["households"].failures] == ["call.err_households"]
    assert checks["organisers"].params == {"n": 3} and checks["budget"].params == {
        "cap": call.cap_for(1)
    }
