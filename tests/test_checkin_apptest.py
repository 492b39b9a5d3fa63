"""Self check-in through Streamlit's AppTest: the trainer's board (open, the code of the
minute, arrivals, a correction) and a participant's phone page (from the QR code's link, by
typing the code, a new name, a wrong code, after the session).

The pages read the time through ``ui.core.clock``; each test sets it, so nothing waits.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from energy.core.access import CLI_ACTOR
from energy.core.i18n import translate
from energy.store import audit
from energy.training import checkin, checkin_board
from energy.training.checkin_codes import CHECKIN_PATH, shown_code
from tests.test_apptest import APP, TIMEOUT, _actor, _app_as
from tests.test_checkin import AT, END, FLAGSHIP, START, _add_session, _key, _mark, _people
from ui.core import clock, state
from ui.core.markup import html_text, md
from ui.core.nav import page_path

# The page on the embedded store only: what it draws does not depend on the store, and the
# library tests these screens call run on both stores (the suite stays within 10 minutes).

SQLITE_ONLY = pytest.mark.parametrize("small_store", ["sqlite"], indirect=True)


def _ko(key: str, **params: object) -> str:
    return translate(key, "ko", **params)


@pytest.fixture
def at_time(monkeypatch: pytest.MonkeyPatch) -> dict[str, dt.datetime]:
    """The pages' clock, set to ``AT`` (five minutes into the session); change ``["now"]``."""
    now = {"now": AT}
    monkeypatch.setattr(clock, "now", lambda: now["now"])
    return now


def _texts(at: AppTest) -> str:
    return "\n".join(
        [m.value for m in at.markdown] + [c.value for c in at.caption]
        + [a.value for a in (*at.info, *at.warning, *at.success, *at.error)]
    )  # fmt: skip


def _confirmations(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if 'role="status"' in m.value]


def _opened(url: str) -> tuple[int, str]:
    """A session whose trainer opened self check-in, and its code at ``AT``."""
    sid = _add_session(url)
    checkin_board.open_check_in(_actor(url, "trainer"), sid, now=START, url=url)
    return sid, shown_code(_key(url, sid), sid, AT).code


def _page(url: str, login: str, path: str, **params: str) -> AppTest:
    at = _app_as(url, login)
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(path).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@SQLITE_ONLY
def test_the_trainer_opens_check_in_and_sees_arrivals_and_corrects_one(
    small_store: str, at_time: dict[str, dt.datetime]
) -> None:
    url = small_store
    sid = _add_session(url)
    at = _page(url, "trainer", "pages/checkin_board.py")
    assert at.selectbox(key="checkin_board.session").value == sid
    assert _ko("checkin_board.not_opened") in _texts(at)
    assert not [m for m in at.markdown if "font-size:clamp" in m.value]

    at.button(key=f"checkin_board.open.{sid}").click().run()
    assert not at.exception, [e.message for e in at.exception]
    code = shown_code(_key(url, sid), sid, AT)
    shown = [m.value for m in at.markdown if "font-size:clamp" in m.value]
    assert len(shown) == 1 and code.spaced in shown[0]
    assert len(at.get("image")) == 1  # the QR code
    assert [toast.value for toast in at.toast] == [_ko("checkin_board.opened")]
    assert at.query_params["session"] == str(sid)

    # A participant checks in on a phone; the board's next redraw lists them.
    person = _people(url, FLAGSHIP)[0]
    committee = _actor(url, "committee")
    checkin.check_in(
        committee, code.code, participant_id=person.id, session_id=sid, now=AT, url=url
    )
    at.run()
    assert _ko("checkin_board.self_at", time="19:05") in _texts(at)
    assert at.metric[0].value == f"1 / {len(_people(url, FLAGSHIP))}"

    at.button(key=f"checkin_board.absent.{sid}.{person.id}").click().run()
    assert not at.exception, [e.message for e in at.exception]
    mark = _mark(url, sid, person.id)
    assert mark is not None and (mark.status, mark.source) == ("absent", "recorded")
    assert [toast.value for toast in at.toast] == [
        _ko("checkin_board.corrected", name=person.name, status=_ko("attendance.absent"))
    ]
    assert at.metric[0].value.startswith("0 / ")

    # After the session: no code, the reason said, and no button to open it again.
    at_time["now"] = END + dt.timedelta(minutes=1)
    at.run()
    assert not [m for m in at.markdown if "font-size:clamp" in m.value]
    assert _ko("checkin_board.ended", time="21:00") in _texts(at)
    assert not [b for b in at.button if b.key and b.key.startswith("checkin_board.close")]


@SQLITE_ONLY
def test_a_trainer_without_a_session_today_is_told_so(
    small_store: str, at_time: dict[str, dt.datetime]
) -> None:
    at = _page(small_store, "trainer", "pages/checkin_board.py")
    assert [i.value for i in at.info] == [_ko("checkin_board.none_today")]


@SQLITE_ONLY
def test_a_participant_checks_in_from_the_qr_codes_link(
    small_store: str, at_time: dict[str, dt.datetime]
) -> None:
    url = small_store
    sid, code = _opened(url)
    at = _page(url, "committee", "pages/checkin.py", session=str(sid), code=code)
    assert at.text_input(key="checkin.code").value == code  # filled in from the link
    person = _people(url, FLAGSHIP)[2]
    at.selectbox(key="checkin.who").set_value(person.id).run()
    at.button(key="checkin.submit").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    (done,) = _confirmations(at)
    assert html_text(_ko("checkin.done_title")) in done
    assert html_text(_ko("checkin.done_body", name=person.name, time="19:05")) in done
    mark = _mark(url, sid, person.id)
    assert mark is not None and (mark.status, mark.source, mark.checked_in_at) == (
        "present",
        "self",
        AT,
    )

    # Someone else on the same phone: the list now marks the first person as checked in.
    at.button(key="checkin.another").click().run()
    options = at.selectbox(key="checkin.who").options
    assert _ko("checkin.already_here", name=person.name) in options
    at.selectbox(key="checkin.who").set_value(person.id).run()
    at.button(key="checkin.submit").click().run()
    (done,) = _confirmations(at)
    assert html_text(_ko("checkin.already_body", name=person.name, time="19:05")) in done


@SQLITE_ONLY
def test_a_typed_code_a_wrong_code_and_a_name_not_on_the_list(
    small_store: str, at_time: dict[str, dt.datetime]
) -> None:
    url = small_store
    _, code = _opened(url)
    at = _page(url, "committee", "pages/checkin.py")  # from the menu: no link
    assert at.text_input(key="checkin.code").value == ""
    at.text_input(key="checkin.code").input(f"{(int(code) + 1) % 10**6:06d}")
    at.toggle(key="checkin.not_listed").set_value(True).run()
    at.text_input(key="checkin.new_name").input("새 주민")
    at.button(key="checkin.submit").click().run()
    wrong = _ko("field.checkin_code") + ": " + _ko("error.checkin_wrong_code")
    assert [e.value for e in at.error] == [wrong]
    at.text_input(key="checkin.code").input(f"{code[:3]} {code[3:]}")
    at.button(key="checkin.submit").click().run()
    assert not at.error, [e.value for e in at.error]
    (done,) = _confirmations(at)
    assert html_text(_ko("checkin.done_body", name="새 주민", time="19:05")) in done
    assert "새 주민" in [p.name for p in _people(url, FLAGSHIP)]


@SQLITE_ONLY
def test_after_the_session_the_link_says_check_in_is_closed(
    small_store: str, at_time: dict[str, dt.datetime]
) -> None:
    url = small_store
    sid = _add_session(url)
    checkin_board.open_check_in(_actor(url, "trainer"), sid, now=START, url=url)
    code = shown_code(_key(url, sid), sid, END - dt.timedelta(seconds=30)).code
    at_time["now"] = END + dt.timedelta(minutes=1)
    at = _page(url, "committee", "pages/checkin.py", session=str(sid), code=code)
    assert [w.value for w in at.warning][-1] == _ko("error.checkin_ended", time="21:00")
    assert not [b for b in at.button if b.key == "checkin.submit"]


def test_the_qr_codes_link_names_the_check_in_page() -> None:
    assert Path(page_path("checkin")).stem == CHECKIN_PATH


@SQLITE_ONLY
def test_a_committee_with_no_session_today_is_told_so(
    small_store: str, at_time: dict[str, dt.datetime]
) -> None:
    at = _page(small_store, "committee", "pages/checkin.py")
    assert [i.value for i in at.info] == [_ko("checkin.none_today")]


def _public(url: str, lang: str = "ko", **params: str) -> AppTest:
    """The check-in page on a phone with no login, opened with ``params`` in its address."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state[state.LANG] = lang
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("pages/checkin.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _refusals(url: str, session_id: int) -> int:
    """Wrong codes counted against phones for this session (the audit's entries)."""
    records = audit.list_audit(CLI_ACTOR, who="self_checkin", url=url).records
    return sum(r.action == "checkin_refused" and r.entity_key == str(session_id) for r in records)


def _everything(at: AppTest) -> str:
    return _texts(at) + "\n".join(
        [s.label for s in at.selectbox] + [str(o) for s in at.selectbox for o in s.options]
    )


@SQLITE_ONLY
def test_a_phone_with_no_login_checks_in_from_the_qr_codes_link(
    small_store: str, at_time: dict[str, dt.datetime]
) -> None:
    url = small_store
    sid, code = _opened(url)
    trainer = _actor(url, "trainer")
    at = _public(url, session=str(sid), code=code)
    people = _people(url, FLAGSHIP)
    shown = _everything(at)
    # The session's title, time and place; the village to choose; nobody's name.
    assert md("19:00–21:00 · 성대골 마을카페") in shown
    assert not [p.name for p in people if p.name in shown]
    assert not at.sidebar.button  # no menu, no logout: nobody is logged in
    village = at.selectbox(key="checkin.public.village")
    assert village.value is not None  # the one village invited, chosen already
    assert at.text_input(key="checkin.public.code").value == code
    person = people[1]
    at.text_input(key="checkin.public.name").input(f" {person.name} ")
    at.button(key="checkin.public.submit").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    (done,) = _confirmations(at)
    assert html_text(_ko("checkin.received_title")) in done and person.name in done
    mark = _mark(url, sid, person.id)
    assert mark is not None and (mark.status, mark.source) == ("present", "self")

    # Someone else on the same phone, not on the list: the same words; the board has it.
    at.button(key="checkin.public.another").click().run()
    at.text_input(key="checkin.public.name").input("처음 온 주민")
    at.button(key="checkin.public.submit").click().run()
    (done,) = _confirmations(at)
    assert html_text(_ko("checkin.received_title")) in done and "처음 온 주민" in done
    board = checkin_board.check_in_board(trainer, sid, now=AT, url=url)
    assert [w.name for w in board.unmatched] == ["처음 온 주민"]


@SQLITE_ONLY
def test_the_public_page_in_english_and_its_refusals(
    small_store: str, at_time: dict[str, dt.datetime]
) -> None:
    url = small_store
    sid, code = _opened(url)
    at = _public(url, "en", session=str(sid), code=code)
    assert at.button(key="checkin.public.submit").label == translate("checkin.submit", "en")
    at.button(key="checkin.public.submit").click().run()  # no name typed
    assert [e.value for e in at.error] == [
        translate("field.person", "en") + ": " + translate("error.self_checkin_name", "en")
    ]
    # A made-up code in the link: no session shown, no form.
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    at = _public(url, session=str(sid), code=wrong)
    assert _ko("error.self_checkin_link") in [e.value.split(": ")[-1] for e in at.error]
    assert not [b for b in at.button if b.key == "checkin.public.submit"]
    assert "성대골 마을카페" not in _texts(at)
    # Drawn again with the same link (a language switch, five times over): still refused, and
    # counted once, so the phone is not locked out (five wrong codes would).
    for lang in ("en", "ko") * 3:
        at.session_state[state.LANG] = lang
        at.run()
        assert translate("error.self_checkin_link", lang) in [
            e.value.split(": ")[-1] for e in at.error
        ]
    assert _refusals(url, sid) == 1
    at = _public(url, session=str(sid), code=code)  # the right link on the same phone
    assert [b for b in at.button if b.key == "checkin.public.submit"]
    # Without the link's session and code, the page is the login screen.
    at = _public(url)
    assert at.text_input(key="login.username") is not None
    assert not [b for b in at.button if b.key == "checkin.public.submit"]


@SQLITE_ONLY
def test_a_deep_link_on_a_fresh_server_opens_the_public_page_and_no_other(
    small_store: str, at_time: dict[str, dt.datetime]
) -> None:
    # ARCHITECTURE's trap: a fresh server runs a deep-linked page file without app.py.
    url = small_store
    sid, code = _opened(url)
    for page, public in (("checkin", True), ("attendance", False), ("checkin_board", False)):
        at = AppTest.from_file(
            str(Path(APP).parent / "pages" / f"{page}.py"), default_timeout=TIMEOUT
        )
        at.query_params["session"], at.query_params["code"] = str(sid), code
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        submits = [b for b in at.button if b.key == "checkin.public.submit"]
        logins = [t for t in at.text_input if t.key == "login.username"]
        assert (len(submits), len(logins)) == ((1, 0) if public else (0, 1)), page
