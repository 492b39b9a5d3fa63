"""Training in a real browser: a trainer records a session's attendance in one go; staff and a
committee look at the calendar, the progress table and the schedule tools (screenshots)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_browser import (  # the browser, server and page fixtures and their helpers
    Server,
    _heading,
    _key,
    _msg,
    assert_no_exception,
    browser,
    go_to,
    log_in_as,
    page,
    screenshot,
    server,
    settle,
)

__all__ = ["browser", "page", "server"]  # fixtures imported for pytest


@pytest.mark.browser
def test_a_trainer_records_a_sessions_attendance(page: Any, server: Server) -> None:
    log_in_as(page, server, "trainer", _heading("home", "ko"))
    go_to(page, "training", _msg("page.training", "ko"))
    main = page.locator('[data-testid="stMain"]')
    assert _msg("calendar.download_ics", "ko") in main.inner_text()
    screenshot(page, "trainer-training-week-ko")

    go_to(page, "attendance", _msg("page.attendance", "ko"))
    text = main.inner_text()
    assert _msg("attendance.upcoming", "ko") in text
    # Some sessions wait to be recorded (the demo leaves the past week's open).
    assert _msg("attendance.to_record", "ko", n=0).split("0")[0] in text
    screenshot(page, "trainer-attendance-before-ko")
    page.get_by_role("button", name=_msg("attendance.all_present", "ko")).click()
    settle(page)
    page.get_by_role("button", name=_msg("attendance.save", "ko")).click()
    settle(page)
    assert_no_exception(page)
    assert _msg("attendance.saved", "ko", n=12) in main.inner_text()
    screenshot(page, "trainer-attendance-saved-ko")


@pytest.mark.browser
def test_staff_see_the_cohort_progress_and_the_schedule_tools(page: Any, server: Server) -> None:
    log_in_as(page, server, "staff.en", _heading("home", "en"))
    go_to(page, "training_progress", _msg("page.training_progress", "en"))
    combo = page.locator(_key("progress.cohort") + " input")
    combo.click()
    page.get_by_role("option").nth(1).click()  # last year's cohort: finished, one village behind
    main = page.locator('[data-testid="stMain"]')
    # The page redrawn for that cohort offers its certificates (waited for by what it shows:
    # on a busy machine the choice is sent a moment after the list closes).
    main.get_by_text(_msg("progress.certificate", "en")).first.wait_for(state="visible")
    settle(page)
    assert_no_exception(page)
    screenshot(page, "staff-training-progress-en")

    go_to(page, "training", _msg("page.training", "en"))
    page.locator(_key("training.view")).get_by_role(
        "radio", name=_msg("calendar.view_month", "en")
    ).click()
    settle(page)
    assert_no_exception(page)
    screenshot(page, "staff-training-month-en")

    go_to(page, "training_admin", _msg("page.training_admin", "en"))
    page.get_by_role("button", name=_msg("generator.preview", "en")).click()
    settle(page)
    assert_no_exception(page)
    # This year's cohort is scheduled already (the demo): the preview says there is nothing to add.
    assert _msg("generator.nothing_to_do", "en", villages=8, already=56) in main.inner_text()
    screenshot(page, "staff-training-generate-en")
