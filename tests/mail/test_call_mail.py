"""The annual call's mail, on both stores: each change queues exactly its messages, to the
people who may read them, in each one's language, with the link that opens the item (and the
decision letter attached); a change that rolls back queues nothing; a person without an
address, or disabled, gets nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from energy.accounts import users as accounts
from energy.call import applications, grants, reviews
from energy.call.applications import NotEligible
from energy.core.access import CLI_ACTOR, Actor
from energy.core.errors import InvalidInput
from energy.store import db
from energy.store.models.accounts import User
from tests.mail.queued import queued
from tests.test_call import TODAY, _call, _form

PASSWORD = "a long enough password"
LINK = "http://localhost:8501"  # no ENERGY_PUBLIC_URL in the tests


def _person(
    url: str, name: str, role: str, *, lang: str = "ko", email: str | None = None,
    village_code: str | None = None,
) -> Actor:  # fmt: skip
    accounts.add_user(
        CLI_ACTOR, username=name, password=PASSWORD, role=role, language=lang, email=email,
        village_code=village_code, url=url,
    )  # fmt: skip
    actor = accounts.authenticate(name, PASSWORD, url=url).actor
    assert actor is not None
    return actor


def _submitted(url: str, owner: Actor, call_id: int, **form: object) -> int:
    draft = applications.save_draft(owner, call_id=call_id, form=_form(**form), today=TODAY,
                                    url=url)  # fmt: skip
    return applications.submit_application(owner, draft.id, today=TODAY, url=url).id


def _reference(url: str, app_id: int) -> str:
    return applications.get_application(CLI_ACTOR, app_id, url=url).reference


def _flat(text: str) -> str:
    """PDF text as pypdf reads it back from the CID font, without NULs and spaces."""
    return "".join(text.replace("\x00", "").split())


def test_an_applicant_gets_a_receipt_in_its_language_and_a_refused_submit_sends_none(
    fresh_store: str,
) -> None:
    url = fresh_store
    call = _call(url)
    group = _person(url, "group.en", "applicant", lang="en", email="Group@Example.org")
    silent = _person(url, "group.silent", "applicant")  # no address
    app_id = _submitted(url, group, call.id, group_name="Sangdo <Sun> Club")
    ref = _reference(url, app_id)
    # Created and submitted at once (the apply page's first submit): a receipt too.
    at_once = applications.save_draft(group, call_id=call.id, form=_form(village_name="흑석"),
                                      today=TODAY, submit=True, url=url)  # fmt: skip
    [first, second] = queued(url)
    assert (first.kind, first.to, first.language) == ("receipt", "group@example.org", "en")
    assert first.subject == f"[Seoul Energy Self-Reliant Villages] Application {ref} received"
    assert "We received Sangdo <Sun> Club's application to 2027 에너지자립마을 공모" in first.text
    assert "What happens next" in first.text and "Dear group.en," in first.text
    assert f"Open my application: {LINK}/apply?application={ref}" in first.text
    assert "Sangdo &lt;Sun&gt; Club" in first.html and "<Sun>" not in first.html
    assert f"application={at_once.reference}" in second.text
    # A submit that breaks a rule stores nothing, and queues nothing; nor does a group with
    # no address, nor a paper application (it has no account to write to).
    with pytest.raises(NotEligible):
        applications.save_draft(group, call_id=call.id, form=_form(organisers=()),
                                today=TODAY, submit=True, url=url)  # fmt: skip
    _submitted(url, silent, call.id)
    _submitted(url, CLI_ACTOR, call.id, village_name="종이 신청")
    assert len(queued(url)) == 2


def test_only_newly_assigned_reviewers_are_told_each_in_their_language(fresh_store: str) -> None:
    url = fresh_store
    call = _call(url)
    group = _person(url, "group.one", "applicant")
    ko = _person(url, "rev.ko", "reviewer", email="rev.ko@example.org")
    en = _person(url, "rev.en", "reviewer", lang="en", email="rev.en@example.org")
    mute = _person(url, "rev.none", "reviewer")  # no address
    gone = _person(url, "rev.gone", "reviewer", email="rev.gone@example.org")
    accounts.set_user_active(CLI_ACTOR, "rev.gone", False, url=url)
    first = _submitted(url, group, call.id, village_name="상도 햇빛마을")
    second = _submitted(url, group, call.id, village_name="흑석 마을")
    for app_id in (first, second):
        reviews.start_review(CLI_ACTOR, app_id, url=url)
    ids = {a.username: a.user_id or 0 for a in (ko, en, mute, gone)}
    reviews.set_reviewers(CLI_ACTOR, first, [ids["rev.ko"], ids["rev.en"]], url=url)
    ref = _reference(url, first)
    [to_ko, to_en] = queued(url)
    assert (to_ko.kind, to_ko.to, to_ko.language) == ("assignment", "rev.ko@example.org", "ko")
    assert to_ko.subject == f"[서울 에너지자립마을] 심사 배정: 신청서 {ref}"
    assert f"2027 에너지자립마을 공모 신청서 {ref}의 서류 심사에 심사위원으로 배정되셨습니다." in (
        to_ko.text
    )
    assert f"심사 화면 열기: {LINK}/review?application={ref}" in to_ko.text
    assert (to_en.to, to_en.language) == ("rev.en@example.org", "en")
    assert "assigned to you for the Written review stage" in to_en.text
    assert f'href="{LINK}/review?application={ref}"' in to_en.html
    for message in (to_ko, to_en):  # the village shows once no conflict is declared
        assert "햇빛마을" not in message.text and "group.one" not in message.text
    # Kept reviewers hear nothing again; a reviewer with no address or disabled, nothing.
    reviews.set_reviewers(CLI_ACTOR, first, list(ids.values()), url=url)
    assert len(queued(url)) == 2
    # The automatic assignment tells only the reviewers it adds (to the second application:
    # the three active ones, the one without an address silently).
    assert reviews.assign_reviewers(CLI_ACTOR, call.id, per_application=3, url=url) == 3
    assert [(m.to, m.language, _reference(url, second) in m.subject) for m in queued(url)[2:]] == [
        ("rev.ko@example.org", "ko", True), ("rev.en@example.org", "en", True),
    ]  # fmt: skip


def test_a_change_that_rolls_back_queues_nothing(fresh_store: str) -> None:
    url = fresh_store
    call = _call(url)
    group = _person(url, "group.one", "applicant")
    scorer = _person(url, "rev.one", "reviewer")
    late = _person(url, "rev.two", "reviewer", email="rev.two@example.org")
    app_id = _submitted(url, group, call.id)
    reviews.start_review(CLI_ACTOR, app_id, url=url)
    reviews.set_reviewers(CLI_ACTOR, app_id, [scorer.user_id or 0], url=url)
    [assignment] = reviews.my_assignments(scorer, url=url)
    reviews.declare_conflict(scorer, assignment.id, conflict=False, url=url)
    rubric = ("sustainability", "publicness", "community", "feasibility")
    reviews.score_application(scorer, assignment.id, {c: (7, "") for c in rubric}, url=url)
    # Adding rev.two queues a message; dropping the scored review then refuses the change.
    with pytest.raises(InvalidInput) as refused:
        reviews.set_reviewers(CLI_ACTOR, app_id, [late.user_id or 0], url=url)
    assert refused.value.key == "call.err_scored_assignment"
    assert queued(url) == []


@pytest.mark.slow  # two letters as PDF, the Korean font embedded in each
def test_a_decision_carries_its_letter_in_the_owners_language(fresh_store: str) -> None:
    url = fresh_store
    call = _call(url, budget_krw=30_000_000)
    ko = _person(url, "group.ko", "applicant", email="ko@example.org")
    en = _person(url, "group.en", "applicant", lang="en", email="en@example.org")
    chosen = _submitted(url, ko, call.id, group_name="상도 햇빛모임")
    waiting = _submitted(url, en, call.id, group_name="Heukseok Sun Club", village_name="흑석")
    paper = _submitted(url, CLI_ACTOR, call.id, village_name="종이 신청")
    for app_id in (chosen, waiting, paper):
        reviews.start_review(CLI_ACTOR, app_id, url=url)
    receipts = len(queued(url))
    day = dt.date(2027, 5, 20)
    picked = grants.decide(CLI_ACTOR, chosen, decision="selected", award_krw=8_000_000,
                           note="계획 보완 필요", today=day, url=url)  # fmt: skip
    grants.decide_many(CLI_ACTOR, [waiting, paper], decision="wait_listed", today=day, url=url)
    [to_ko, to_en] = queued(url)[receipts:]  # the paper application is answered on paper

    assert (to_ko.kind, to_ko.to, to_ko.language) == ("decision", "ko@example.org", "ko")
    assert to_ko.subject == f"[서울 에너지자립마을] 신청서 {picked.reference} 심사 결과: 선정"
    assert "지원 금액은 8,000,000원입니다." in to_ko.text and "나누어 지급" in to_ko.text
    assert f"통지서 보기: {LINK}/apply?application={picked.reference}" in to_ko.text
    [(name, media_type, pdf)] = to_ko.attachments
    assert (name, media_type) == (f"letter-{picked.reference}-ko.pdf", "application/pdf")
    letter = _flat("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    for expected in (f"접수 번호 {picked.reference}", "상도 햇빛모임 귀하", "선정되었음을",
                     "8,000,000원", f"마을 코드는 {picked.village_code}입니다", "나누어 지급",
                     "지출 보고서", "심사 의견: 계획 보완 필요",
                     "다산콜센터 120", "2027년 5월 20일"):  # fmt: skip
        assert _flat(expected) in letter, expected

    waiting_ref = _reference(url, waiting)
    assert (to_en.to, to_en.language) == ("en@example.org", "en")
    assert to_en.subject.endswith(f"Decision on application {waiting_ref}: Wait-listed")
    assert "has been wait-listed" in to_en.text and "instalments" not in to_en.text
    [(name, _, pdf)] = to_en.attachments
    assert name == f"letter-{waiting_ref}-en.pdf"
    letter = _flat("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    for expected in ("Dear Heukseok Sun Club", "wait-listed", f"Reference {waiting_ref}",
                     "Dasan call centre, 120", "20 May 2027"):  # fmt: skip
        assert _flat(expected) in letter, expected
    assert _flat("KRW") not in letter  # no award, and no conditions of one


def test_an_instalment_goes_to_the_owner_and_the_villages_committee(fresh_store: str) -> None:
    url = fresh_store
    call = _call(url)
    group = _person(url, "group.one", "applicant")  # no address yet: no decision mail
    app_id = _submitted(url, group, call.id)
    reviews.start_review(CLI_ACTOR, app_id, url=url)
    code = grants.decide(CLI_ACTOR, app_id, decision="selected", award_krw=8_000_000,
                         url=url).village_code  # fmt: skip
    assert code is not None and queued(url) == []
    accounts.set_email(CLI_ACTOR, "group.one", "group@example.org", url=url)
    _person(url, "committee.en", "committee", lang="en", email="c.en@example.org",
            village_code=code)  # fmt: skip
    _person(url, "committee.off", "committee", email="c.off@example.org", village_code=code)
    accounts.set_user_active(CLI_ACTOR, "committee.off", False, url=url)
    [grant] = grants.grants(CLI_ACTOR, call_id=call.id, url=url)
    grants.pay_instalment(CLI_ACTOR, grant.grant_id, amount_krw=5_000_000,
                          paid_on=dt.date(2027, 6, 1), url=url)  # fmt: skip
    grants.pay_instalment(CLI_ACTOR, grant.grant_id, amount_krw=3_000_000,
                          paid_on=dt.date(2027, 9, 1), note="잔금", url=url)  # fmt: skip
    with pytest.raises(InvalidInput):  # over the award: refused, nothing queued
        grants.pay_instalment(CLI_ACTOR, grant.grant_id, amount_krw=1, paid_on=TODAY, url=url)
    sent = queued(url)
    assert [(m.kind, m.to, m.language) for m in sent] == [
        ("instalment", "group@example.org", "ko"), ("instalment", "c.en@example.org", "en"),
        ("instalment", "group@example.org", "ko"), ("instalment", "c.en@example.org", "en"),
    ]  # fmt: skip
    first_ko, first_en, second_ko, second_en = sent
    assert first_ko.subject == "[서울 에너지자립마을] 상도 햇빛마을 지원금 1차 지급"
    assert "1차 분 5,000,000원을 2027년 6월 1일에 지급했습니다." in first_ko.text
    assert (
        "지원 금액 8,000,000원 가운데 지금까지 5,000,000원을 지급했고, 남은 금액은 3,000,000원입니다."
        in (first_ko.text)
    )
    ref = _reference(url, app_id)
    assert f"{LINK}/apply?application={ref}" in first_en.text
    assert "Instalment 1 of 상도 햇빛마을's grant from 2027 에너지자립마을 공모, KRW 5,000,000" in (
        first_en.text
    )
    assert second_en.subject.endswith("상도 햇빛마을: grant instalment 2 paid")
    assert "Paid so far: KRW 8,000,000 of the KRW 8,000,000 awarded; KRW 0 left." in (
        second_en.text
    )
    assert "지급 메모: 잔금" in second_ko.text and "spending report" in second_en.text


def test_loading_the_demo_queues_no_mail(small_store: str) -> None:
    """The demo writes its rows directly (its people have addresses at example.org): a demo
    store starts with an empty outbox."""
    assert queued(small_store) == []
    with db.session_for(CLI_ACTOR, url=small_store) as session:
        email = session.scalar(select(User.email).where(User.username == "applicant"))
    assert email == "applicant@example.org"
