"""The annual call in a real browser: a resident group registers and applies, two reviewers
declare and score, staff select, and the new village appears in the directory."""

from __future__ import annotations

import re
from contextlib import closing
from typing import Any

import pytest

from tests.test_browser import (  # the browser, server and page fixtures and their helpers
    Server,
    _heading,
    _key,
    _msg,
    _new_page,
    assert_no_exception,
    browser,
    go_to,
    log_in_as,
    open_app,
    page,
    screenshot,
    server,
    settle,
    wait_for_title,
)

__all__ = ["browser", "page", "server"]  # fixtures imported for pytest
pytestmark = pytest.mark.browser

GROUP = "mangwon.sunshine"
GROUP_NAME = "망원 햇빛두레"
VILLAGE = "망원 두레마을"
PASSWORD = "a long enough password"
APPLICANT = "망원동 햇빛모임"  # the demo's applicant account
MAIN = '[data-testid="stMain"]'


def _field(page: Any, suffix: str) -> Any:
    """The widget of the application form whose key ends with ``suffix``."""
    return page.locator(
        f'[data-testid="stMain"] [class*="st-key-apply-f-"][class*="-{suffix}"]'
    ).first


def _choose(page: Any, suffix: str, text: str) -> None:
    # The field typed in before is sent (and the draft saved) when it is left: let that run
    # end first, so the list opened next is not redrawn under the click.
    page.keyboard.press("Tab")
    settle(page)
    box = _field(page, suffix).locator("input")
    box.click()
    box.fill(text)
    page.get_by_role("option").filter(has_text=text).first.click()


def _type(page: Any, suffix: str, text: str) -> None:
    """Type ``text`` into the form's field and leave it, as a person does, then let the run
    that takes it (and saves the draft) end: a field typed into while the run of the field
    before was redrawing the form once lost its text on a busy machine (CI, session 21)."""
    _field(page, suffix).locator("input").fill(text)
    page.keyboard.press("Tab")
    settle(page)


LONG_WAIT_MS = 90_000  # the machine may be shared: wait for the outcome, not for a time


def _expect(page: Any, text: str) -> None:
    """Wait until an alert (or a heading) shows ``text``; fail with what is shown instead."""
    found = page.locator('[data-testid="stAlert"], h1').filter(has_text=text).first
    try:
        found.wait_for(state="visible", timeout=LONG_WAIT_MS)
    except Exception as exc:
        raise AssertionError(f"{text!r} not shown; alerts: {_alerts(page)!r}") from exc
    settle(page)


def _alerts(page: Any) -> str:
    return " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())


def _click_button(page: Any, label: str) -> None:
    """Click once the last typed value has left its field (a click that only blurs a field
    is lost on a busy machine)."""
    page.keyboard.press("Tab")
    settle(page)
    page.get_by_role("button", name=label, exact=True).first.click()
    settle(page)


def _apply(page: Any, server: Server) -> str:
    """The group signs up and applies; its sign-in name (the chosen one with four digits,
    shown once on its home)."""
    open_app(page, server)
    page.locator(_key("signup.open") + " label").click()
    page.locator(_key("signup.username") + " input").wait_for()
    settle(page)
    page.locator(_key("signup.username") + " input").fill(GROUP)
    page.locator(_key("signup.display") + " input").fill(GROUP_NAME)
    page.locator(_key("signup.password") + " input").fill(PASSWORD)
    page.locator(_key("signup.again") + " input").fill(PASSWORD)
    _click_button(page, _msg("signup.submit", "ko"))
    _expect(page, _msg("home.applicant_title", "ko", name=GROUP_NAME))
    shown = page.locator('[data-testid="stAlert"]').filter(has_text=GROUP).first.inner_text()
    found = re.search(re.escape(GROUP) + r"-\d{4}", shown)
    assert found is not None, shown
    screenshot(page, "call-signed-up-ko")
    page.get_by_role("link", name=_msg("page.apply", "ko")).first.click()
    wait_for_title(page, _msg("page.apply", "ko"))
    _type(page, "group_name", GROUP_NAME)
    _type(page, "village_name", VILLAGE)
    _choose(page, "district", "마포구")
    _type(page, "households_detached", "36")
    people = [("김하나", "010-2222-0001"), ("이두리", "010-2222-0002"), ("박세나", "010-2222-0003")]
    for i, (name, contact) in enumerate(people):
        _type(page, f"org{i}-name", name)
        _type(page, f"org{i}-contact", contact)
        _field(page, f"org{i}-lives").locator("label").click()
        settle(page)
    _field(page, "declared").locator("label").click()  # no organiser acts for a public body
    _field(page, "strategy").get_by_text(_msg("strategy.saving", "ko"), exact=True).click()
    _choose(page, "actions", _msg("action.balcony_solar", "ko"))
    _type(page, "target", "10")
    _type(page, "budget-training", "3000000")
    _type(page, "budget-equipment", "6000000")
    screenshot(page, "call-apply-form-ko")
    _click_button(page, _msg("apply.submit", "ko"))
    assert_no_exception(page)
    _expect(page, "제출했습니다")
    screenshot(page, "call-apply-submitted-ko")
    return found.group()


def _store(server: Server) -> str:
    """The server's store (the harness builds it next to the server's log)."""
    return f"sqlite:///{server.log.parent / 'energy.db'}"


def _reference(server: Server, signin: str) -> str:
    from energy.accounts import users as accounts
    from energy.call import applications

    actor = accounts.authenticate(signin, PASSWORD, url=_store(server)).actor
    assert actor is not None
    mine = applications.list_applications(actor, url=_store(server))
    # One application submitted. (Once in a few runs on a loaded machine a second, autosaved
    # draft was left beside it: the session's note of the draft its new application became
    # was not read by the run of the submit; see the session 16 note.)
    [submitted] = [a for a in mine if a.status == "submitted"]
    return submitted.reference


def test_a_group_applies_two_reviewers_score_staff_select_and_the_village_is_listed(
    browser: Any, server: Server
) -> None:
    pages = [_new_page(browser) for _ in range(4)]
    group, staff, first, second = (next(p) for p in pages)
    try:
        _warm_up(group, server)
        signin = _apply(group, server)
        reference = _reference(server, signin)

        log_in_as(staff, server, "admin", _heading("home", "ko"))
        go_to(staff, "calls", _msg("page.calls", "ko"))
        staff.get_by_role("tab", name=_msg("calls.tab_applications", "ko")).click()
        _choose_application(staff, reference)
        _click_button(staff, _msg("calls.start_review", "ko"))
        _expect(staff, _msg("calls.review_started", "ko", ref=reference))
        staff.get_by_role("tab", name=_msg("calls.tab_review", "ko")).click()
        _click_button(staff, _msg("calls.assign_auto", "ko"))
        _expect(staff, _msg("calls.assigned", "ko"))

        for reviewer, login, score in ((first, "reviewer", "8"), (second, "reviewer2", "6")):
            log_in_as(reviewer, server, login, _heading("home", "ko"))
            go_to(reviewer, "review", _msg("page.review", "ko"))
            box = reviewer.locator(_key("review.pick") + " input")
            box.click()
            box.fill(reference)
            reviewer.get_by_role("option").filter(has_text=reference).first.click()
            settle(reviewer)
            reviewer.get_by_text(_msg("review.declare_none", "ko"), exact=True).click()
            _click_button(reviewer, _msg("review.declare", "ko"))
            screenshot(reviewer, f"call-declared-{login}-ko")
            _expect(reviewer, _msg("review.declared", "ko"))
            for comment in reviewer.locator('[class*="st-key-review-"][class*="-c-"] input').all():
                comment.fill("주민 조직이 탄탄함")
            scores = reviewer.locator('[class*="st-key-review-"][class*="-s-"] input')
            assert scores.count() == 4
            assert [s.input_value() for s in scores.all()] == [""] * 4  # nothing given for them
            for box in scores.all():
                box.fill(score)
                box.press("Tab")
            settle(reviewer)
            assert [s.input_value() for s in scores.all()] == [score] * 4
            screenshot(reviewer, f"call-review-{login}-ko")
            _click_button(reviewer, _msg("review.submit", "ko"))
            settle(reviewer)
            assert_no_exception(reviewer)
            _expect(reviewer, _msg("review.saved", "ko", ref=reference))

        go_to(staff, "home", _heading("home", "ko"))
        go_to(staff, "calls", _msg("page.calls", "ko"))
        staff.get_by_role("tab", name=_msg("calls.tab_review", "ko")).click()
        settle(staff)
        screenshot(staff, "call-staff-review-ko")
        ranking = _ranking(server, reference)
        assert (ranking["scored"], ranking["mean"], ranking["spread"]) == (2, 7.0, 2.0)
        staff.get_by_role("tab", name=_msg("calls.tab_applications", "ko")).click()
        _choose_application(staff, reference)
        decision = staff.locator('[class*="st-key-calls-app-"][class*="-decision"]')
        decision.get_by_text(_msg("decision.selected", "ko"), exact=True).click()
        _click_button(staff, _msg("calls.decide", "ko"))
        _expect(
            staff,
            _msg("calls.decided", "ko", ref=reference, decision=_msg("decision.selected", "ko")),
        )
        screenshot(staff, "call-staff-decided-ko")
        staff.get_by_role("tab", name=_msg("calls.tab_dashboard", "ko")).click()
        settle(staff)
        screenshot(staff, "call-staff-dashboard-ko")

        go_to(staff, "villages", _heading("villages", "ko"))
        staff.locator(_key("villages.search") + " input").fill(VILLAGE)
        staff.locator(_key("villages.search") + " input").press("Enter")
        settle(staff)
        assert "마을 1곳" in staff.locator('[data-testid="stMain"]').inner_text()
        screenshot(staff, "call-directory-ko")
    finally:
        for generator in pages:
            generator.close()


def _ranking(server: Server, reference: str) -> dict[str, Any]:
    """The written-review row staff see for ``reference`` (read from the server's store)."""
    from energy.call import calls, reviews
    from energy.core.access import CLI_ACTOR

    url = _store(server)
    call = next(
        c for c in calls.list_calls(CLI_ACTOR, url=url) if reference.startswith(str(c.year))
    )
    frame = reviews.stage_results(CLI_ACTOR, call.id, "written", url=url)
    row: dict[str, Any] = frame.set_index("reference").loc[reference].to_dict()
    return row


def _warm_up(page: Any, server: Server) -> None:
    """The first visit builds the demo store (a few seconds more on a busy machine)."""
    for _ in range(3):
        try:
            open_app(page, server)
            return
        except AssertionError:
            continue
        except Exception as exc:  # playwright's TimeoutError
            if "Timeout" not in type(exc).__name__:
                raise
    raise AssertionError("the app never showed a page:\n" + server.log_tail())


def _choose_application(page: Any, reference: str) -> None:
    box = page.locator(_key("calls.app") + " input")
    box.click()
    box.fill(reference)
    page.get_by_role("option").filter(has_text=reference).first.click()
    settle(page)


def _in_english(page: Any) -> None:
    page.locator(_key("lang.choice")).get_by_role("radio", name="English").click()
    settle(page)
    wait_for_title(page, _msg("page.apply", "en"))


def test_a_draft_saves_itself_and_a_language_switch_keeps_every_choice(
    browser: Any, server: Server
) -> None:
    """Issue 24: the applicant's choices (a district, a housing type, a strategy) and typed
    text survive a switch to English, shown in English; the draft is saved as it is typed and
    is there again after logging out and back in."""
    from energy.core.access import CLI_ACTOR
    from energy.core.i18n import format_krw_words
    from energy.villages.districts import district_list

    mapo = next(d for d in district_list(CLI_ACTOR, url=_store(server)) if d.name("ko") == "마포구")
    with closing(_new_page(browser)) as tabs:
        page = next(tabs)
        log_in_as(page, server, "applicant", _msg("home.applicant_title", "ko", name=APPLICANT))
        page.get_by_role("link", name=_msg("page.apply", "ko")).first.click()
        wait_for_title(page, _msg("page.apply", "ko"))
        pick = page.locator(_key("apply.pick") + " input")
        if not pick.input_value().startswith(_msg("apply.new_in", "ko", call="")[:3]):
            pick.click()
            page.get_by_role("option").filter(
                has_text=_msg("apply.new_in", "ko", call="")[:3]
            ).first.click()
            settle(page)
        _field(page, "group_name").locator("input").fill("언어 바꾸기 모임")
        page.keyboard.press("Tab")
        settle(page)
        _choose(page, "district", "마포구")
        _choose(page, "housing", _msg("housing.detached", "ko"))
        _field(page, "strategy").get_by_text(_msg("strategy.saving", "ko"), exact=True).click()
        settle(page)
        _field(page, "plan").locator("textarea").fill("베란다 태양광 20가구")
        page.keyboard.press("Tab")
        settle(page)
        # Money: separators appear while typing, the amount is echoed in Korean units, and
        # "1억 5천만" typed in words is read as such.
        training = _field(page, "budget-training")
        training.locator("input").press_sequentially("7500000", delay=30)
        assert training.locator("input").input_value() == "7,500,000"
        assert training.locator(".echo").inner_text() == format_krw_words(7_500_000, "ko")
        assert format_krw_words(7_500_000, "ko") == "750만 원"
        equipment = _field(page, "budget-equipment")
        equipment.locator("input").fill("1억 5천만")
        page.keyboard.press("Tab")
        settle(page)
        assert equipment.locator("input").input_value() == "150,000,000"
        assert equipment.locator(".echo").inner_text() == "1억 5,000만 원"
        assert "자동 저장" in page.locator(MAIN).inner_text()
        screenshot(page, "call-apply-autosaved-ko")
        # Saved as a draft, under a reference the caption names (the picker keeps its label).
        caption = page.get_by_text(re.compile("자동 저장")).first.inner_text()
        saved = re.search(r"\d{4}-\d{2}-\d{3}", caption)
        assert saved is not None
        reference = saved.group()

        _in_english(page)
        assert_no_exception(page)
        assert _field(page, "district").locator("input").input_value() == mapo.name("en")
        housing = _field(page, "housing").locator("input").input_value()
        assert housing == _msg("housing.detached", "en"), housing
        saving = _field(page, "strategy").get_by_role("radio", name=_msg("strategy.saving", "en"))
        assert saving.is_checked()
        assert _field(page, "group_name").locator("input").input_value() == "언어 바꾸기 모임"
        assert _field(page, "plan").locator("textarea").input_value() == "베란다 태양광 20가구"
        training = _field(page, "budget-training")
        assert training.locator(".echo").inner_text() == "KRW 7.5 million"
        assert format_krw_words(7_500_000, "en") == "KRW 7.5 million"
        main = page.locator(MAIN).inner_text()
        assert "마포구" not in main and _msg("housing.detached", "ko") not in main, main
        screenshot(page, "call-apply-switched-en")

    with closing(_new_page(browser)) as tabs:  # logged out: a new session finds the draft kept
        page = next(tabs)
        log_in_as(page, server, "applicant", _msg("home.applicant_title", "en", name=APPLICANT))
        page.get_by_role("link", name=_msg("page.apply", "en")).first.click()
        wait_for_title(page, _msg("page.apply", "en"))
        pick = page.locator(_key("apply.pick") + " input")
        pick.click()
        page.get_by_role("option").filter(has_text=reference).first.click()
        settle(page)
        assert _field(page, "plan").locator("textarea").input_value() == "베란다 태양광 20가구"
        assert _field(page, "district").locator("input").input_value() == mapo.name("en")
        amounts = [_field(page, f"budget-{line}").locator("input").input_value()
                   for line in ("training", "equipment")]  # fmt: skip
        assert amounts == ["7,500,000", "150,000,000"], amounts
