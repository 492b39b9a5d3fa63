"""Switching the language keeps what a person has put in a form they have not sent (issue 24):
the choices and the text stay, shown in the new language, and sending the form afterwards
stores them. Forms with choices are held forms (ui.core.forms); the reviewer's application
picker and score form have no Korean left in English. Enter in a held form's field sends it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.test_browser import (  # the browser, server and page fixtures and their helpers
    Server,
    _heading,
    _key,
    _msg,
    assert_no_exception,
    browser,
    choose,
    go_to,
    log_in_as,
    logged_in,
    page,
    screenshot,
    server,
    settle,
    switch_language,
)

__all__ = ["browser", "page", "server"]  # fixtures imported for pytest
DECLARE_FIRST = "2027-05-002"
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _shown(page: Any, key: str) -> str:
    """What a select box shows as chosen."""
    return str(page.locator(_key(key) + " input").input_value())


def _switch(page: Any, label: str) -> None:
    switch_language(page, label)
    chosen = page.locator(_key("lang.choice") + ' button[aria-checked="true"]')
    chosen.filter(has_text=label).wait_for(state="visible")
    settle(page)
    assert_no_exception(page)


@pytest.mark.browser
def test_a_form_filled_in_korean_keeps_its_choices_and_text_in_english_and_back(
    page: Any, server: Server, browser: Any
) -> None:
    log_in_as(page, server, "admin", _heading("home", "ko"))

    # The users page's add form: text, and three choices shown as words.
    go_to(page, "users", _msg("page.users", "ko"))
    page.locator(_key("users.add.username") + " input").fill("minji.kim")
    page.locator(_key("users.add.display") + " input").fill("김민지")
    choose(page, "users.add.role", _msg("role.committee", "ko"))
    choose(page, "users.add.village", "DJK-2012-01")
    choose(page, "users.add.language", _msg("language.en", "ko"), typed="영어")
    choose(page, "users.add.district", "동작구", typed="동작")
    page.locator(_key("users.add.password") + " input").fill("a-long-password-2026")
    page.locator(_key("users.add.email") + " input").fill("minji@example.org")
    _switch(page, "English")
    page.get_by_role("tab", name=_msg("users.add_title", "en")).wait_for(state="visible")
    assert _shown(page, "users.add.role") == _msg("role.committee", "en")
    assert _shown(page, "users.add.language") == _msg("language.en", "en")
    assert _shown(page, "users.add.district") == "Dongjak-gu"
    assert _shown(page, "users.add.village") == "DJK-2012-01"
    assert page.locator(_key("users.add.username") + " input").input_value() == "minji.kim"
    assert page.locator(_key("users.add.display") + " input").input_value() == "김민지"
    assert page.locator(_key("users.add.email") + " input").input_value() == "minji@example.org"
    form_text = page.locator(_key("form.users.add")).inner_text()
    assert not HANGUL.search(form_text), form_text  # labels and choices all in English
    screenshot(page, "language-form-users-en")
    _switch(page, "한국어")
    assert _shown(page, "users.add.role") == _msg("role.committee", "ko")
    assert _shown(page, "users.add.language") == _msg("language.en", "ko")
    assert _shown(page, "users.add.district") == "동작구"
    # Enter sends the form, as on any web form, but not an Enter that only ends a Hangul
    # syllable being composed (an input method sends that one as keyCode 229).
    email = page.locator(_key("users.add.email") + " input")
    email.dispatch_event(
        "keydown", {"key": "Enter", "keyCode": 229, "isComposing": True, "bubbles": True}
    )
    settle(page)
    assert page.locator(_key("users.add.username") + " input").input_value() == "minji.kim"
    assert page.locator('[data-testid="stAlert"]').filter(has_text="minji.kim").count() == 0
    email.press("Enter")
    settle(page)
    assert_no_exception(page)
    page.locator('[data-testid="stAlert"]').filter(has_text="minji.kim").wait_for()
    # Emptied once added (and only then).
    assert page.locator(_key("users.add.username") + " input").input_value() == ""
    assert _shown(page, "users.add.district") != "동작구"

    # A training form: the venues of the training administration.
    go_to(page, "training_admin", _msg("page.training_admin", "ko"))
    page.get_by_role("tab", name=_msg("training_admin.tab_venues", "ko")).click()
    page.locator(_key("venues.form.name") + " input").fill("마포 에너지 카페")
    choose(page, "venues.form.district", "마포구", typed="마포")
    page.locator(_key("venues.form.address") + " input").fill("마포구 성미산로 1")
    _switch(page, "English")
    page.get_by_role("tab", name=_msg("training_admin.tab_venues", "en")).click()
    assert _shown(page, "venues.form.district") == "Mapo-gu"
    assert page.locator(_key("venues.form.name") + " input").input_value() == "마포 에너지 카페"
    assert page.locator(_key("venues.form.address") + " input").input_value() == "마포구 성미산로 1"
    screenshot(page, "language-form-venues-en")
    page.get_by_role("button", name=_msg("action.save", "en"), exact=True).click()
    settle(page)
    assert_no_exception(page)
    page.get_by_text(_msg("venues.saved", "en", name="마포 에너지 카페")).first.wait_for()

    # The reviewer: the application picker and the conflict and score forms, in English.
    with logged_in(browser, server, "reviewer", _heading("home", "ko")) as reviewer:
        _review_in_both_languages(reviewer)


def _review_in_both_languages(page: Any) -> None:
    go_to(page, "review", _msg("page.review", "ko"))
    # The demo's second application for this reviewer waits for the conflict question.
    choose(page, "review.pick", DECLARE_FIRST)
    settle(page)
    picker = _shown(page, "review.pick")
    assert HANGUL.search(picker), picker  # its stage, in Korean
    declare = page.locator('[class*="st-key-form-review-"][class*="-declare"]')
    declare.get_by_text(_msg("review.declare_none", "ko"), exact=True).click()
    declare.locator("input[type=text]").fill("관련 없음")
    _switch(page, "English")
    assert not HANGUL.search(_shown(page, "review.pick")), _shown(page, "review.pick")
    checked = declare.locator("label:has(input:checked)")
    assert checked.inner_text().strip() == _msg("review.declare_none", "en")
    assert declare.locator("input[type=text]").input_value() == "관련 없음"
    _switch(page, "한국어")
    assert checked.inner_text().strip() == _msg("review.declare_none", "ko")
    page.get_by_role("button", name=_msg("review.declare", "ko"), exact=True).click()
    settle(page)
    assert_no_exception(page)
    form = page.locator('[class*="st-key-form-review-"][class*="-score"]')
    form.wait_for(state="visible")
    scores = form.locator('[class*="-s-"] input')
    comments = form.locator('[class*="-c-"] input')
    for box in scores.all():
        box.fill("7")
        box.press("Tab")
    for box in comments.all():
        box.fill("주민 조직이 탄탄함")
    _switch(page, "English")
    picker = _shown(page, "review.pick")
    assert not HANGUL.search(picker), picker
    assert [s.input_value() for s in scores.all()] == ["7"] * scores.count()
    assert [c.input_value() for c in comments.all()] == ["주민 조직이 탄탄함"] * comments.count()
    text = form.inner_text()  # labels and help: the comments typed are in the fields
    assert not HANGUL.search(text), text
    screenshot(page, "language-form-review-en")
    _switch(page, "한국어")
    assert [s.input_value() for s in scores.all()] == ["7"] * scores.count()
