"""Attachments through the pages (AppTest): the applicant uploads several files at once on the
apply page (a renamed program among them is refused with its reason, the others attached),
removes one, and after submitting sees them kept as sent; the assigned reviewer and staff see
the list and download each file as it was uploaded; in English as in Korean."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from energy.call import applications, attachments, calls, reviews
from energy.core.access import CLI_ACTOR, Actor
from energy.core.i18n import SEOUL, format_size, translate
from tests import attachment_files as files
from tests.test_apptest import capture_downloads
from tests.test_call import _form, _user
from tests.test_call_pages import APP, TIMEOUT, ko

# The page on the embedded store only: what it draws does not depend on the store, and the
# library tests these screens call run on both stores (the suite stays within 10 minutes).

SQLITE_ONLY = pytest.mark.parametrize("fresh_store", ["sqlite"], indirect=True)


def _as(actor: Actor, lang: str = "ko") -> AppTest:
    from ui.core import state

    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state[state.ACTOR] = actor
    at.session_state[state.LANG] = lang
    return at.run()


def _open_call(url: str) -> int:
    today = dt.datetime.now(SEOUL).date()
    return calls.create_call(
        CLI_ACTOR, year=today.year, title="올해 공모", opens_on=today - dt.timedelta(days=3),
        closes_on=today + dt.timedelta(days=30), budget_krw=100_000_000, url=url,
    ).id  # fmt: skip


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def _captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


@SQLITE_ONLY
def test_an_applicant_uploads_removes_and_submits_and_the_reviewer_downloads(
    fresh_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = fresh_store
    call_id = _open_call(url)
    group = _user(url, "group.one", "applicant")
    reviewer = _user(url, "rev.one", "reviewer")
    staff = _user(url, "staff", "admin")
    today = dt.datetime.now(SEOUL).date()
    draft = applications.save_draft(group, call_id=call_id, form=_form(), today=today, url=url)
    key = f"apply.files.{draft.id}"

    at = _as(group)
    at.switch_page("pages/apply.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert ko("attach.none") in _captions(at)
    plan, photo = files.pdf(pages=2), files.picture("JPEG")
    uploader = at.get("file_uploader")[0]
    assert uploader.key == f"{key}.files.0"  # a new field after each attach
    assert {".pdf", ".jpg", ".jpeg", ".png", ".webp", ".heic", ".xlsx"} <= set(
        uploader.allowed_type
    )
    uploader.set_value(
        [
            ("사업계획서.pdf", plan, "application/pdf"),
            ("setup.pdf", files.PROGRAM, "application/pdf"),  # a program, renamed
            ("empty.jpg", b"", "image/jpeg"),
        ]
    )
    at.button(key=f"{key}.add.submit").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert [s.value for s in at.success] == [ko("attach.added", names="사업계획서.pdf")]
    [refused] = [e.value for e in at.error]
    assert refused.startswith(ko("attach.not_added"))
    assert "'setup.pdf' 파일은 받을 수 없는 형식입니다." in refused
    assert "'empty.jpg' 파일은 비어 있습니다." in refused

    # A photo next, chosen as such (the browser test sees the uploader emptied in between).
    at.segmented_control(key=f"{key}.kind").set_value("photo")
    at.get("file_uploader")[0].set_value(("지붕.jpg", photo, "image/jpeg"))
    at.button(key=f"{key}.add.submit").click().run()
    listed = attachments.list_attachments(group, draft.id, url=url)
    assert [(a.kind, a.file_name) for a in listed] == [("plan", "사업계획서.pdf"), ("photo", "지붕.jpg")]  # fmt: skip
    assert ko("attach.summary", n=2, total=format_size(len(plan) + len(photo))) in _captions(at)
    assert len(at.get("image")) == 1  # the photo's preview (a PDF has an icon)

    # One removed, with a word of what happened; then the application is sent.
    at.button(key=f"{key}.remove.{listed[1].id}").click().run()
    assert [s.value for s in at.success] == [ko("attach.removed", name="지붕.jpg")]
    assert [a.file_name for a in attachments.list_attachments(group, draft.id, url=url)] == [
        "사업계획서.pdf"
    ]
    applications.submit_application(group, draft.id, today=today, url=url)
    at.run()
    assert at.get("file_uploader") == []  # nothing more can be attached
    # What was sent stays readable: under the list of the group's applications.
    [sent] = [e for e in at.expander if e.label == ko("apply.files_of", ref=draft.reference)]
    assert [b.key for b in sent.get("download_button")] == [f"{key}.download.{listed[0].id}"]
    assert not [b for b in at.button if str(b.key).startswith(f"{key}.remove.")]

    # The assigned reviewer, once they declared no conflict, downloads the plan as uploaded.
    reviews.start_review(CLI_ACTOR, draft.id, url=url)
    reviews.set_reviewers(CLI_ACTOR, draft.id, [reviewer.user_id or 0], url=url)
    [assignment] = reviews.my_assignments(reviewer, url=url)
    reviews.declare_conflict(reviewer, assignment.id, conflict=False, url=url)
    downloads = capture_downloads(monkeypatch)
    review = _as(reviewer)
    review.switch_page("pages/review.py").run()
    assert not review.exception, [e.message for e in review.exception]
    assert ko("attach.title") in _markdown(review)
    assert "사업계획서\\.pdf" in _markdown(review) or "사업계획서.pdf" in _markdown(review)
    assert downloads["사업계획서.pdf"]() == plan

    # Staff see the same files on the call's page, in English too.
    downloads.clear()
    desk = _as(staff, "en")
    desk.switch_page("pages/calls.py").run()
    assert not desk.exception, [e.message for e in desk.exception]
    assert translate("attach.title", "en") in _markdown(desk)
    assert downloads["사업계획서.pdf"]() == plan


@SQLITE_ONLY
def test_before_the_first_save_the_page_says_how_to_attach(fresh_store: str) -> None:
    _open_call(fresh_store)
    group = _user(fresh_store, "group.one", "applicant")
    at = _as(group, "en")
    at.switch_page("pages/apply.py").run()
    assert not at.exception
    assert translate("attach.save_first", "en") in _captions(at)
    assert at.get("file_uploader") == []
