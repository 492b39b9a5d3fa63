"""The links in the call's mail open the item they name: the review page picks the assigned
application of ``?application=<reference>``, the applicant's page opens its letter."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from energy.call import grants, reviews
from energy.core.access import CLI_ACTOR, Actor
from tests.mail.test_call_mail import _person, _reference, _submitted
from tests.test_call import _call
from ui.core import state

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _opened(actor: Actor, page: str, reference: str) -> AppTest:
    """``page`` as a link from a message opens it: a new session with the query in the address."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[state.ACTOR] = actor
    at.session_state[state.LANG] = "ko"
    at.query_params["application"] = reference
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_a_link_from_a_message_opens_the_application_it_names(fresh_store: str) -> None:
    url = fresh_store
    call = _call(url)
    group = _person(url, "group.one", "applicant")
    reviewer = _person(url, "rev.one", "reviewer")
    ids = [_submitted(url, group, call.id, village_name=n) for n in ("가", "나", "다")]
    for app_id in ids:
        reviews.start_review(CLI_ACTOR, app_id, url=url)
        reviews.set_reviewers(CLI_ACTOR, app_id, [reviewer.user_id or 0], url=url)
    refs = [_reference(url, i) for i in ids]

    review = _opened(reviewer, "review", refs[1])
    picked = review.selectbox(key="review.pick")
    assert picked.value is not None and picked.format_func(picked.value).startswith(refs[1])
    assert review.query_params["application"] == refs[1]  # a reload stays on it

    grants.decide(CLI_ACTOR, ids[2], decision="rejected", url=url)
    grants.decide(CLI_ACTOR, ids[0], decision="wait_listed", url=url)
    apply = _opened(group, "apply", refs[2])
    opened = {e.label: e.proto.expanded for e in apply.expander}
    letters = (f"{refs[0]} · 예비 선정", f"{refs[2]} · 미선정")
    assert [opened.get(label) for label in letters] == [False, True]
