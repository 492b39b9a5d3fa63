"""Organisations in a real browser: staff see the pipeline, open an organisation whose founding
step the law does not allow yet, are told what is missing, then read readiness and lessons."""

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
pytestmark = pytest.mark.browser
MAIN = '[data-testid="stMain"]'


def _store_url(server: Server) -> str:
    return f"sqlite:///{server.log.parent / 'energy.db'}"


def test_staff_follow_the_pipeline_and_are_told_what_a_step_lacks(
    page: Any, server: Server
) -> None:
    from energy.core.access import CLI_ACTOR
    from energy.organisations import registry as organisations

    log_in_as(page, server, "admin", _heading("home", "ko"))  # the app builds its store
    forming = next(
        o
        for o in organisations.pipeline(CLI_ACTOR, url=_store_url(server)).at("preparing")
        if o.legal_form == "cooperative"
    )
    go_to(page, "organisations", _heading("organisations", "ko"))
    # The board's cards are drawn after its headings: wait for the forming group's card (a
    # loaded machine once read the page between the two).
    page.locator(MAIN).get_by_text(forming.name).first.wait_for(state="visible")
    settle(page)
    main = page.locator(MAIN).inner_text()
    for stage in ("preparing", "founding_meeting", "approval", "registration", "founded"):
        assert _msg(f"phase.{stage}", "ko") in main
    assert forming.name in main
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 1
    screenshot(page, "organisations-pipeline-ko")

    go_to(page, "organisation", _heading("organisation", "ko"))
    chooser = page.locator(_key("organisation.id") + " input")
    chooser.click()
    chooser.fill(forming.name)
    page.get_by_role("option").filter(has_text=forming.name).first.click()
    settle(page)
    page.locator("h2").filter(has_text=forming.name).first.wait_for(state="visible")
    missing = _msg("formation.missing_founders", "ko", have=3, need=5)
    assert missing in page.locator(MAIN).inner_text()  # shown on the checklist already
    done = page.locator(_key(f"org.{forming.id}.step.founders.done"))
    done.locator("label").click()
    assert done.get_by_role("checkbox").is_checked()
    page.locator('[data-testid="stFormSubmitButton"] button').filter(
        has_text=_msg("org.save_step", "ko")
    ).click()
    page.locator('[data-testid="stAlert"]').filter(has_text=missing).first.wait_for()
    settle(page)
    assert_no_exception(page)
    alerts = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
    assert _msg("error.formation_step_not_ready", "ko") in alerts
    screenshot(page, "organisation-step-refused-ko")

    go_to(page, "readiness", _heading("readiness", "ko"))
    main = page.locator(MAIN).inner_text()  # the tables are drawn on a canvas: no text
    assert _msg("readiness.how", "ko") in main
    # the weights (in the how-to), the villages, the facts behind the first one
    assert page.locator('[data-testid="stDataFrame"]').count() == 3
    screenshot(page, "readiness-ko")
    go_to(page, "lessons", _heading("lessons", "ko"))
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 1
    screenshot(page, "lessons-ko")
