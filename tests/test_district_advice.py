"""Advice before applying (issue 27): a group asks its district for advice on a draft; the
district's officer comments on each section and suggests a change; the group takes it with one
click, replies and submits; the thread stays, read-only. Who may ask, comment, reply, accept
and read is decided in the library, on both stores."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import select

from energy.accounts import users as accounts
from energy.audit.log import in_words
from energy.call import applications, grants, reviews
from energy.core.access import CLI_ACTOR, Actor
from energy.core.errors import AccessDenied, InvalidInput
from energy.core.i18n import SEOUL
from energy.district import advice
from energy.store import audit, db
from energy.store.audit import AuditFilter
from energy.store.models.accounts import User
from energy.store.models.call import Application
from energy.store.models.mail import MailMessage
from energy.store.models.villages import District

PASSWORD = "a long enough password"


def _actor(url: str, username: str) -> Actor:
    with db.session_for(CLI_ACTOR, url=url) as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        return accounts.actor_for(user)


def _new_user(url: str, username: str, role: str, district: str | None = None) -> Actor:
    accounts.add_user(
        CLI_ACTOR, username=username, password=PASSWORD, role=role, district=district, url=url
    )
    return _actor(url, username)


@contextmanager
def _refused(key: str) -> Iterator[None]:
    """The block raises :class:`InvalidInput` with the message ``key``."""
    with pytest.raises(InvalidInput) as refused:
        yield
    assert refused.value.key == key


def _today() -> dt.date:
    return dt.datetime.now(SEOUL).date()


def _draft(url: str) -> applications.ApplicationInfo:
    """The demo group's draft (in Mapo-gu, the demo officer's district)."""
    group = _actor(url, "applicant")
    (draft,) = [a for a in applications.list_applications(group, url=url) if a.status == "draft"]
    assert draft.district_code == "11440"
    return draft


def _asked(url: str) -> tuple[Actor, Actor, applications.ApplicationInfo]:
    """The demo group, its district's officer, and the group's draft on which it asked."""
    group, officer, draft = _actor(url, "applicant"), _actor(url, "district"), _draft(url)
    advice.ask_for_advice(group, draft.id, url=url)
    return group, officer, draft


def _mail(url: str, kind: str) -> list[tuple[str, str]]:
    """(subject, text) of each message of ``kind`` in the outbox."""
    with db.session_for(CLI_ACTOR, url=url) as session:
        found = session.execute(
            select(MailMessage.subject, MailMessage.body_text).where(MailMessage.kind == kind)
        )
        return [(subject, text) for subject, text in found]


def test_a_group_asks_the_officer_advises_the_group_takes_it_replies_and_submits(
    small_store: str,
) -> None:
    url = small_store
    group, officer = _actor(url, "applicant"), _actor(url, "district")
    draft = _draft(url)
    before = {a.application.id for a in advice.district_applications(officer, url=url)}
    assert draft.id not in before  # a draft that never asked is the group's own business
    with pytest.raises(AccessDenied):
        advice.district_application(officer, draft.id, url=url)

    asked = advice.ask_for_advice(group, draft.id, note="예산이 적당한지 봐 주세요", url=url)
    assert asked.open and asked.waiting and not asked.given
    assert [r.note for r in asked.requests] == ["예산이 적당한지 봐 주세요"]
    ((subject, text),) = _mail(url, advice.ASKED_KIND)
    assert subject.endswith(f"{draft.reference}에 조언을 요청했습니다")
    assert f"/advice?application={draft.reference}" in text

    listed = {a.application.id: a for a in advice.district_applications(officer, url=url)}
    assert listed[draft.id].thread.waiting
    assert advice.district_application(officer, draft.id, url=url).reference == draft.reference

    advice.advise(officer, draft.id, section="basics", body="가구 수를 확인해 주세요.", url=url)
    suggested = advice.advise(
        officer, draft.id, section="plan", body="목표를 조금 더 높여 보세요.",
        suggested_field="target_saving_pct", suggested_value="12.5%", url=url,
    )  # fmt: skip
    less = draft.form.budget.get("training", 2_000_000) // 2  # within the cap still
    budget = advice.advise(
        officer, draft.id, section="budget", body="교육비를 줄이면 좋겠습니다.",
        suggested_field="budget.training", suggested_value=f"{less:,}", url=url,
    )  # fmt: skip
    assert suggested.suggestion is not None and suggested.suggestion.value == "12.5"
    assert budget.suggestion is not None and budget.suggestion.value == str(less)
    # One mail to the group for the day, however many comments.
    ((_, text),) = _mail(url, advice.GIVEN_KIND)
    assert f"/apply?application={draft.reference}" in text

    thread = advice.advice_thread(group, draft.id, url=url)
    assert thread.given and not thread.waiting
    assert [m.section for m in thread.messages] == ["basics", "plan", "budget"]
    assert thread.in_section("plan")[0].author == "정하린 (마포구청 에너지팀)"

    taken = advice.accept_suggestion(group, suggested.id, today=_today(), url=url)
    assert taken.form.target_saving_pct == 12.5
    taken = advice.accept_suggestion(group, budget.id, today=_today(), url=url)
    assert taken.form.budget["training"] == less
    with _refused("advice.err_already_accepted"):
        advice.accept_suggestion(group, budget.id, today=_today(), url=url)
    reply = advice.reply_to_advice(
        group, draft.id, section="budget", body="반영했습니다. 고맙습니다!", url=url
    )
    assert reply.author_role == "applicant"
    # The officer hears of the reply by mail, once a day however many replies.
    advice.reply_to_advice(group, draft.id, section="plan", body="목표를 올렸습니다.", url=url)
    ((subject, text),) = _mail(url, advice.REPLIED_KIND)
    assert subject.endswith(f"신청서 {draft.reference}의 조언에 답했습니다")
    assert f"/advice?application={draft.reference}" in text
    assert advice.advice_thread(officer, draft.id, url=url).waiting  # the group spoke last

    applications.submit_application(group, draft.id, today=_today(), url=url)
    kept = advice.advice_thread(group, draft.id, url=url)
    assert kept.status == "submitted" and not kept.open and len(kept.messages) == 5
    assert kept.messages[1].suggestion is not None and kept.messages[1].suggestion.accepted_at
    for write in (
        lambda: advice.advise(officer, draft.id, section="plan", body="더", url=url),
        lambda: advice.reply_to_advice(group, draft.id, section="plan", body="더", url=url),
        lambda: advice.ask_for_advice(group, draft.id, url=url),
    ):
        with _refused("advice.err_not_draft"):
            write()
    # Staff read it and see it in the call's table.
    staff = _actor(url, "admin")
    assert advice.advice_thread(staff, draft.id, url=url).given
    assert set(advice.advice_threads(staff, [draft.id], url=url)) == {draft.id}

    # Every step is in the audit log, in words.
    found = audit.read_audit(CLI_ACTOR, AuditFilter(), url=url).records
    said = {(r.entity, r.action) for r in found}
    assert {("application_advice_requests", "create"), ("application_advice", "create"),
            ("application_advice", "update")} <= said  # fmt: skip
    asked_entry = next(r for r in found if r.entity == "application_advice_requests")
    (words,) = in_words(CLI_ACTOR, [asked_entry], "ko", url=url)
    assert words.sentence == (
        f"망원동 햇빛모임이 신청서 {draft.reference}에 대해 자치구에 조언을 요청했습니다."
    )
    first = [r for r in found if r.entity == "application_advice" and r.action == "create"][-1]
    assert first.actor == "district"
    assert [in_words(CLI_ACTOR, [first], lang, url=url)[0].sentence for lang in ("ko", "en")] == [
        f"정하린 (마포구청 에너지팀)이 신청서 {draft.reference}의 '모임과 마을'에 조언 글을 남겼습니다.",
        f"정하린 (마포구청 에너지팀) wrote on 'group and village' of application {draft.reference} "
        "(advice before applying).",
    ]


def test_another_districts_officer_sees_and_writes_nothing_whatever_id_it_tries(
    small_store: str,
) -> None:
    url = small_store
    group, officer, draft = _asked(url)
    other = _new_user(url, "gu.dongjak", "district", district="동작구")
    assert other.district_id != officer.district_id
    with pytest.raises(AccessDenied):
        advice.advise(other, draft.id, section="plan", body="참견", url=url)
    with pytest.raises(AccessDenied):
        advice.close_advice(other, draft.id, url=url)
    with db.session_for(CLI_ACTOR, url=url) as session:
        everything = list(session.execute(select(Application.id, Application.district_id)))
        dongjak = session.scalar(select(District.id).where(District.name_ko == "동작구"))
    for application_id, district_id in everything:  # guessing every id there is
        if district_id == dongjak:
            continue
        for read in (advice.advice_thread, advice.district_application):
            with pytest.raises(AccessDenied):
                read(other, application_id, url=url)
    assert all(
        a.application.district_code == "11590" for a in advice.district_applications(other, url=url)
    )
    assert draft.id not in {a.application.id for a in advice.district_applications(other, url=url)}
    # The group's own officer comments; no one else's words are in the thread.
    advice.advise(officer, draft.id, section="plan", body="좋습니다.", url=url)
    assert [m.author_role for m in advice.advice_thread(group, draft.id, url=url).messages] == [
        "district"
    ]


def test_only_the_group_asks_replies_and_takes_a_suggestion(small_store: str) -> None:
    url = small_store
    group, officer = _actor(url, "applicant"), _actor(url, "district")
    draft = _draft(url)
    stranger = _new_user(url, "another.group", "applicant")
    staff = _actor(url, "admin")
    with pytest.raises(AccessDenied):
        advice.ask_for_advice(stranger, draft.id, url=url)
    with pytest.raises(AccessDenied):  # staff ask only for a paper application
        advice.ask_for_advice(staff, draft.id, url=url)
    with pytest.raises(AccessDenied):  # the officer waits to be asked
        advice.ask_for_advice(officer, draft.id, url=url)
    with _refused("advice.err_not_asked"):
        advice.advise(officer, draft.id, section="plan", body="먼저", url=url)

    advice.ask_for_advice(group, draft.id, url=url)
    with _refused("advice.err_already_asked"):
        advice.ask_for_advice(group, draft.id, url=url)
    offered = advice.advise(
        officer, draft.id, section="basics", body="모임 이름을 짧게",
        suggested_field="group_name", suggested_value="망원 햇빛", url=url,
    )  # fmt: skip
    for someone in (stranger, staff, officer):
        with pytest.raises(AccessDenied):
            advice.reply_to_advice(someone, draft.id, section="basics", body="제가", url=url)
        with pytest.raises(AccessDenied):
            advice.accept_suggestion(someone, offered.id, today=_today(), url=url)
    with pytest.raises(AccessDenied):
        advice.advice_thread(stranger, draft.id, url=url)
    # A suggestion is taken only while the call is open, like any edit of the draft.
    with _refused("call.err_not_open"):
        advice.accept_suggestion(group, offered.id, today=dt.date(2099, 1, 1), url=url)
    assert advice.accept_suggestion(group, offered.id, url=url).form.group_name == "망원 햇빛"

    # The group (or its officer) says the advice is done; it may ask again later.
    closed = advice.close_advice(group, draft.id, url=url)
    assert not closed.open and closed.requests[-1].closed_by == "applicant"
    with _refused("advice.err_not_asked"):
        advice.reply_to_advice(group, draft.id, section="plan", body="또", url=url)
    again = advice.ask_for_advice(group, draft.id, note="다시 봐 주세요", url=url)
    assert again.open and len(again.requests) == 2
    assert advice.close_advice(officer, draft.id, url=url).requests[-1].closed_by == "district"


def test_a_suggestion_must_fit_its_field_and_section(small_store: str) -> None:
    url = small_store
    group, officer, draft = _asked(url)

    def suggest(section: str, field: str, value: str) -> None:
        advice.advise(officer, draft.id, section=section, body="제안", suggested_field=field,
                      suggested_value=value, url=url)  # fmt: skip

    for section, field, value, key in (
        ("plan", "budget.rent", "100", "advice.err_field_section"),
        ("organisers", "organiser_1", "김", "advice.err_field"),
        ("budget", "budget.rent", "많이", "advice.err_value_number"),
        ("budget", "budget.rent", "-5", "advice.err_value_range"),
        ("basics", "households_detached", "30.5", "advice.err_value_range"),
        ("plan", "target_saving_pct", "120", "call.err_target_range"),
        ("plan", "plan", "  ", "advice.err_value_empty"),
        ("basics", "group_name", "가" * 121, "error.too_long"),
    ):
        with _refused(key):
            suggest(section, field, value)
    for section, body in (("plan", " "), ("purse", "x"), ("plan", "x" * 2001)):
        with pytest.raises(InvalidInput):
            advice.advise(officer, draft.id, section=section, body=body, url=url)
    assert advice.advice_thread(group, draft.id, url=url).messages == ()


def test_committees_trainers_the_town_hall_and_unassigned_reviewers_read_none_of_it(
    small_store: str,
) -> None:
    url = small_store
    group, officer, draft = _asked(url)
    advice.advise(officer, draft.id, section="plan", body="좋아요", url=url)
    for login in ("committee", "trainer", "viewer", "reviewer", "reviewer2"):
        someone = _actor(url, login)
        with pytest.raises(AccessDenied):
            advice.advice_thread(someone, draft.id, url=url)
        with pytest.raises(AccessDenied):
            advice.district_applications(someone, url=url)
        with pytest.raises(AccessDenied):
            advice.advice_threads(someone, [draft.id], url=url)
    # A reviewer reads it once assigned, and only after declaring no conflict.
    applications.submit_application(group, draft.id, today=_today(), url=url)
    staff = _actor(url, "admin")
    reviews.start_review(staff, draft.id, url=url)
    reviewer = _actor(url, "reviewer")
    reviews.set_reviewers(staff, draft.id, [reviewer.user_id or 0], url=url)
    (assignment,) = [
        a for a in reviews.my_assignments(reviewer, url=url) if a.application_id == draft.id
    ]
    with pytest.raises(AccessDenied):
        advice.advice_thread(reviewer, draft.id, url=url)
    reviews.declare_conflict(reviewer, assignment.id, conflict=False, url=url)
    assert advice.advice_thread(reviewer, draft.id, url=url).given
    with pytest.raises(AccessDenied):  # another reviewer, not assigned
        advice.advice_thread(_actor(url, "reviewer2"), draft.id, url=url)
    # Nothing is written after the decision; the thread is still read.
    grants.decide(staff, draft.id, decision="wait_listed", url=url)
    for write in (
        lambda: advice.advise(officer, draft.id, section="plan", body="늦게", url=url),
        lambda: advice.reply_to_advice(group, draft.id, section="plan", body="늦게", url=url),
        lambda: advice.close_advice(officer, draft.id, url=url),
    ):
        with _refused("advice.err_not_draft"):
            write()
    assert advice.advice_thread(officer, draft.id, url=url).status == "wait_listed"


def test_a_group_that_never_asks_loses_nothing(small_store: str) -> None:
    url = small_store
    group = _actor(url, "applicant")
    draft = _draft(url)
    thread = advice.advice_thread(group, draft.id, url=url)
    assert not thread.asked and not thread.given and thread.messages == ()
    assert applications.submit_application(group, draft.id, today=_today(), url=url).status == (
        "submitted"
    )
    # Submitted, it is the district's to read (for pre-screening), with no advice in it.
    officer = _actor(url, "district")
    assert draft.id in {a.application.id for a in advice.district_applications(officer, url=url)}
    assert not advice.advice_thread(officer, draft.id, url=url).asked
    assert advice.advice_threads(_actor(url, "admin"), [draft.id], url=url) == {}


def test_a_paper_application_is_asked_for_by_staff(small_store: str) -> None:
    url = small_store
    staff = _actor(url, "admin")
    group_draft = _draft(url)
    paper = applications.save_draft(
        staff, call_id=group_draft.call_id, today=_today(), url=url,
        form=dataclasses.replace(group_draft.form, group_name="종이 신청 모임"),
    )  # fmt: skip
    assert advice.advice_for_group(staff) is False  # staff's apply page offers no asking
    asked = advice.ask_for_advice(staff, paper.id, url=url)
    assert asked.open
    assert asked.requests[0].asked_by == "admin"
    advice.advise(_actor(url, "district"), paper.id, section="basics", body="확인", url=url)
    assert _mail(url, advice.GIVEN_KIND) == []  # no account to write to: answered on paper
