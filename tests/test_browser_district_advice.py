"""Advice before applying in a real browser (issue 27): the demo group asks its district for
advice on its draft; the district's officer comments on the plan and suggests a saving target
(also on a phone's width); the group sees it under that section of its form, takes it with one
click, replies and submits; staff read the advice history (in Korean, then in English)."""

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
    choose,
    go_to,
    log_in_as,
    screenshot,
    server,
    settle,
    switch_language,
    wait_for_title,
)
from tests.test_browser_call import _choose_application, _click_button, _expect, _store
from tests.test_browser_phone import _sideways

__all__ = ["browser", "server"]  # fixtures imported for pytest
pytestmark = pytest.mark.browser

GROUP = "망원동 햇빛모임"  # the demo's applicant account, with a draft in Mapo-gu
OFFICER = "정하린 (마포구청 에너지팀)"
PHONE = {"width": 390, "height": 844}


def _draft(server: Server) -> tuple[int, str]:
    """The demo group's draft: its id and reference (read from the server's store)."""
    from energy.call import applications
    from energy.core.access import CLI_ACTOR

    (draft,) = [
        a
        for a in applications.list_applications(CLI_ACTOR, url=_store(server))
        if a.status == "draft" and a.form.group_name == GROUP
    ]
    return draft.id, draft.reference


def _suggestion_id(server: Server, application_id: int) -> int:
    from energy.core.access import CLI_ACTOR
    from energy.district import advice

    thread = advice.advice_thread(CLI_ACTOR, application_id, url=_store(server))
    return next(m.id for m in thread.messages if m.suggestion is not None)


def _open_expander(page: Any, title: str) -> None:
    page.locator('[data-testid="stExpander"] summary').filter(has_text=title).first.click()
    settle(page)


def test_district_advice_asked_given_taken_submitted_and_read_by_staff(
    browser: Any, server: Server
) -> None:
    app_id, reference = _draft(server)
    pages = [_new_page(browser) for _ in range(3)]
    group, officer, staff = (next(p) for p in pages)
    try:
        # 1. The group asks its district, from its draft on the apply page.
        log_in_as(group, server, "applicant", _msg("home.applicant_title", "ko", name=GROUP))
        go_to(group, "apply", _msg("page.apply", "ko"))
        _open_expander(group, _msg("advice.ask_title", "ko", district="마포구"))
        group.locator(_key(f"advice.ask.{app_id}.note") + " textarea").fill(
            "목표 절감률과 예산이 적당한지 봐 주세요."
        )
        _click_button(group, _msg("advice.ask", "ko"))
        _expect(group, _msg("advice.asked", "ko", district="마포구"))
        screenshot(group, "district-advice-asked-ko")

        # 2. The officer finds it waiting, comments on the plan and suggests a target.
        log_in_as(officer, server, "district", _msg("home.district_title", "ko"))
        go_to(officer, "advice", _msg("page.advice", "ko"))
        assert officer.url.endswith(f"?application={reference}")  # the one waiting, picked
        plan = f"advice.o.{app_id}.plan"
        officer.locator(_key(plan)).locator("summary").filter(
            has_text=_msg("advice.write", "ko")
        ).click()
        settle(officer)
        officer.locator(_key(f"{plan}.body") + " textarea").fill(
            "태양광 미니발전소 보급을 더하면 목표를 조금 더 높일 수 있겠습니다."
        )
        choose(officer, f"{plan}.field", _msg("apply.target_saving_pct", "ko"))
        officer.locator(_key(f"{plan}.value") + " textarea").fill("12.5")
        officer.locator(_key(plan)).get_by_role("button", name=_msg("advice.send", "ko")).click()
        settle(officer)
        _expect(officer, _msg("advice.sent", "ko"))
        assert_no_exception(officer)
        screenshot(officer, "district-advice-officer-ko")
        officer.set_viewport_size(PHONE)  # an officer visiting the village, on a phone
        settle(officer)
        assert _sideways(officer)["page"] <= 0
        officer.locator(_key(plan)).scroll_into_view_if_needed()
        screenshot(officer, "district-advice-officer-phone-ko")

        # 3. The group sees it under the plan, takes it with one click, replies and submits.
        go_to(group, "apply", _msg("page.apply", "ko"))
        beside = group.locator(_key(f"advice.beside.{app_id}.plan"))
        beside.wait_for(state="visible")
        assert OFFICER in beside.inner_text()
        screenshot(group, "district-advice-beside-ko")
        suggestion = _suggestion_id(server, app_id)
        beside.locator(_key(f"advice.beside.{app_id}.plan.accept.{suggestion}") + " button").click()
        _expect(group, _msg("advice.accepted", "ko"))
        target = group.locator(
            '[data-testid="stMain"] [class*="st-key-apply-f-"][class*="-target"] input'
        )
        assert re.fullmatch(r"12\.50?", target.input_value()), target.input_value()
        group.locator(_key(f"advice.beside.{app_id}.plan.reply") + " input").fill(
            "좋은 제안 고맙습니다. 목표를 12.5%로 고쳤습니다."
        )
        group.keyboard.press("Tab")  # the reply is sent when its field is left
        settle(group)
        group.locator(_key(f"advice.beside.{app_id}.plan.send") + " button").click()
        settle(group)
        _expect(group, _msg("advice.replied", "ko"))
        screenshot(group, "district-advice-replied-ko")
        _click_button(group, _msg("apply.submit", "ko"))
        assert_no_exception(group)
        _expect(group, _msg("apply.submitted", "ko", ref=reference))

        # 4. Staff see that advice was given and read the whole history.
        log_in_as(staff, server, "admin", _heading("home", "ko"))
        go_to(staff, "calls", _msg("page.calls", "ko"))
        staff.get_by_role("tab", name=_msg("calls.tab_applications", "ko")).click()
        _choose_application(staff, reference)
        history = _msg("advice.given_line", "ko", district=1, group=1)
        _open_expander(staff, history)
        shown = staff.locator('[data-testid="stExpander"]').filter(has_text=history).first
        assert "태양광 미니발전소" in shown.inner_text() and "12.5%" in shown.inner_text()
        screenshot(staff, "district-advice-staff-ko")
        switch_language(staff, "English")
        wait_for_title(staff, _msg("page.calls", "en"))
        staff.get_by_role("tab", name=_msg("calls.tab_applications", "en")).click()
        settle(staff)
        english = _msg("advice.given_line", "en", district=1, group=1)
        _open_expander(staff, english)
        assert_no_exception(staff)
        screenshot(staff, "district-advice-staff-en")
    finally:
        for generator in pages:
            with closing(generator):
                pass
