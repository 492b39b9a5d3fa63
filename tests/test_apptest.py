"""Every page for every role through Streamlit's AppTest, and the main flows by widget key."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from streamlit import dataframe_util
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from energy.accounts import users as accounts
from energy.core.access import CLI_ACTOR, PAGE_CAPABILITY, ROLES, Actor, can_open_page
from energy.core.catalogue import MESSAGES
from energy.demo.load import DEMO_PASSWORD
from energy.store import db
from energy.store.models.accounts import User
from energy.villages import directory as villages
from ui.core import nav, state
from ui.core.nav import PAGES

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
ROLE_LOGINS = {
    "admin": "admin",
    "reviewer": "reviewer",
    "trainer": "trainer",
    "committee": "committee",
    "viewer": "viewer",
    "applicant": "applicant",
    "district": "district",
}
TIMEOUT = 60


def _actor(url: str, login: str) -> Actor:
    """The person ``login`` as a session holds them once logged in (read from the store: the
    login itself, an Argon2 verify of a seventh of a second, is tested in test_accounts.py, by
    the login form below and in the browser)."""
    with db.session_for(CLI_ACTOR, url=url) as session:
        user = session.scalar(select(User).where(User.username == login))
        assert user is not None and user.is_active, login
        return accounts.actor_for(user)


def _app_as(url: str, login: str | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if login is not None:
        actor = _actor(url, login)
        at.session_state[state.ACTOR] = actor
        at.session_state[state.LANG] = actor.language
    return at.run()


def _registered(at: AppTest) -> set[str]:
    return {
        Path(str(info["script_path"])).relative_to(ROOT).as_posix()
        for info in at._registered_pages.values()
        if info.get("script_path")
    }


def _submit(at: AppTest, label_key: str) -> AppTest:
    """Click the form button labelled with the Korean text of ``label_key``, and rerun."""
    label = MESSAGES[label_key]["ko"]
    button = next(b for b in at.button if b.label == label)
    return button.click().run()


def capture_downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], bytes]]:
    """What each download button drawn from now on hands over, by file name.

    AppTest keeps no file a download button registers (its media manager is gone once a run
    ends), so the manager's two ways in are wrapped: a file given as bytes is kept as is, and
    a file built when the button is pressed keeps its builder, which the test calls as the
    press would."""
    files: dict[str, Callable[[], bytes]] = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def kept(self: MediaFileManager, data: bytes | str, *args: Any, **kwargs: Any) -> str:
        name = kwargs.get("file_name")
        if kwargs.get("is_for_static_download") and name and isinstance(data, bytes):
            files[name] = lambda: data
        return add(self, data, *args, **kwargs)

    def deferred(
        self: MediaFileManager, build: Callable[[], Any], *args: Any, **kwargs: Any
    ) -> str:
        def pressed() -> bytes:
            out = build()
            return out.encode("utf-8") if isinstance(out, str) else bytes(out)

        if kwargs.get("file_name"):
            files[kwargs["file_name"]] = pressed
        return add_deferred(self, build, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", kept)
    monkeypatch.setattr(MediaFileManager, "add_deferred", deferred)
    return files


def _titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


# Who may open which page: energy.core.access's rules over ui.core.nav's pages, written out, so a change
# of the rules shows here as a change of this table.
PERMITTED: dict[str, set[str]] = {
    "admin": {
        "home", "villages", "village", "results", "districts", "townhall", "organisations",
        "organisation", "readiness", "lessons", "savings", "readings", "households", "calls",
        "review", "apply",
        "training", "attendance", "checkin_board", "training_progress", "training_admin",
        "factors", "users", "audit", "mail", "account",
    },
    "reviewer": {
        "home", "villages", "village", "results", "townhall", "organisations", "organisation",
        "lessons", "savings", "households", "review", "account",
    },
    "trainer": {
        "home", "villages", "village", "results", "townhall", "organisations", "organisation",
        "lessons", "savings", "households", "training", "attendance", "checkin_board",
        "training_progress", "account",
    },
    "committee": {
        "home", "village", "organisation", "savings", "readings", "households", "apply",
        "training", "checkin", "training_progress", "account",
    },
    "viewer": {"home", "townhall", "account"},
    "applicant": {"home", "apply", "account"},
    "district": {
        "home", "villages", "village", "organisations", "organisation", "advice", "training",
        "training_progress", "prescreen", "account",
    },
}  # fmt: skip


def _forbidden(role: str) -> list[str]:
    return [spec.key for spec in PAGES if spec.key not in PERMITTED[role]]


def test_the_page_access_matrix() -> None:
    """Every page for every role, as a pure function: the rules the page guard applies
    (``ui.core.auth.guard`` calls ``can_open_page`` with the page's own key first thing; see
    test_architecture) and the menu app.py builds (``ui.core.nav.pages_for``). The AppTests below
    run every permitted page for every role, and one forbidden page per role."""
    assert set(ROLE_LOGINS) == set(ROLES) == set(PERMITTED)
    assert {spec.key for spec in PAGES} <= set(PAGE_CAPABILITY)  # no page without a rule
    for role in ROLES:
        # A committee's village does not change which pages it may open.
        for village_id in (None, 1, 2):
            actor = Actor(username=role, role=role, village_id=village_id)
            opens = {spec.key for spec in PAGES if can_open_page(actor, spec.key)}
            assert opens == PERMITTED[role], role
            assert [spec.key for spec in nav.pages_for(actor)] == [
                spec.key for spec in PAGES if spec.key in PERMITTED[role]
            ], role
    assert not can_open_page(Actor(username="x", role="mayor"), "home")  # an unknown role


@pytest.mark.parametrize("role", list(ROLE_LOGINS))
def test_every_permitted_page_renders_and_no_other_is_offered(
    demo_store: str, role: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A table column Arrow cannot type (numbers mixed with a dash) is re-guessed by Streamlit
    # on every rerun and logged at INFO: each page's tables must convert cleanly.
    retyped: list[str] = []
    monkeypatch.setattr(
        dataframe_util._LOGGER, "info", lambda *args, **kw: retyped.append(str(kw.get("exc_info")))
    )
    at = _app_as(demo_store, ROLE_LOGINS[role])
    assert not at.exception
    actor = _actor(demo_store, ROLE_LOGINS[role])
    permitted = {spec.path for spec in PAGES if can_open_page(actor, spec.key)}
    assert permitted == {nav.page_path(key) for key in PERMITTED[role]}
    # Every page keeps its address (app.py: an old bookmark gets an answer in the user's
    # language, not Streamlit's "Page not found"); the menu lists only the permitted ones
    # (the browser tests read it), and the page's own guard refuses the others. The guard
    # refuses every page alike (test_the_page_access_matrix pins which): one forbidden page
    # per role is opened here, another in test_a_forbidden_page_run_directly_is_refused.
    assert _registered(at) == {spec.path for spec in PAGES}
    forbidden = _forbidden(role)
    if forbidden:
        refused_path = nav.page_path(forbidden[ROLES.index(role) % len(forbidden)])
        refused = _app_as(demo_store, ROLE_LOGINS[role]).switch_page(refused_path).run()
        assert not refused.exception
        assert [e.value for e in refused.error] == [MESSAGES["error.access_denied"]["ko"]]
        title_key = next(spec.title_key for spec in PAGES if spec.path == refused_path)
        assert MESSAGES[title_key]["ko"] not in _titles(refused)
        assert not refused.dataframe and not refused.table
    for spec in PAGES:
        if spec.path not in permitted:
            continue
        at.switch_page(spec.path).run()
        assert not at.exception, f"{role} on {spec.path}: {[e.message for e in at.exception]}"
        assert at.title, f"{role} on {spec.path}: no title"
        assert not [e.value for e in at.error], (
            f"{role} on {spec.path}: {[e.value for e in at.error]}"
        )
        assert not retyped, f"{role} on {spec.path}: {retyped}"
        assert not _raw_keys(at), f"{role} on {spec.path}: messages missing {_raw_keys(at)}"
        assert not _empty_tables(at), f"{role} on {spec.path}: {_empty_tables(at)}"


# A catalogue key shown as it is: what the translation helper returns for a key it lacks
# (a key built at run time, such as ``training.caption_<role>``, escapes the static check).
_KEY_SHAPE = re.compile(r"^([a-z][a-z0-9_]*)(\.[a-z0-9_]+)+$")
_NAMESPACES = {key.split(".")[0] for key in MESSAGES}


def _raw_keys(at: AppTest) -> list[str]:
    shown = [
        str(element.value)
        for kind in (at.title, at.header, at.subheader, at.caption, at.markdown, at.info)
        for element in kind
    ]
    return [
        text
        for text in shown
        if (found := _KEY_SHAPE.match(text.strip())) and found[1] in _NAMESPACES
    ]


def _empty_tables(at: AppTest) -> list[list[str]]:
    """The columns of each table drawn with no rows: Streamlit's grid then says "empty", in
    English whatever the page's language (ui.core.widgets.data_table says what is missing)."""
    return [list(d.value.columns) for d in at.dataframe if len(d.value) == 0]


# One account per role on a new store: enough to open every page (a committee needs a village,
# a district officer a district), and nothing else, so each page shows what it says when empty.
FRESH_ACCOUNTS = {
    "admin": {}, "reviewer": {}, "trainer": {}, "committee": {"village_code": "NEW-01"},
    "viewer": {}, "applicant": {}, "district": {"district": "마포구"},
}  # fmt: skip


def _problems_on_every_page(url: str, role: str) -> list[str]:
    """What goes wrong on the pages ``role`` may open: an exception, an error, an empty table."""
    problems: list[str] = []
    at = _app_as(url, f"new.{role}")
    for spec in PAGES:
        if spec.key not in PERMITTED[role]:
            continue
        at.switch_page(spec.path).run()
        where = f"{role} on {spec.path}"
        problems += [f"{where}: {e.message}" for e in at.exception]
        problems += [f"{where}: {e.value}" for e in at.error]
        problems += [f"{where}: empty table {c}" for c in _empty_tables(at)]
        problems += [f"{where}: message missing {k}" for k in _raw_keys(at)]
    return problems


# AppTest draws the same elements over either store: SQLite only, to keep the suite fast.
@pytest.mark.parametrize("fresh_store", ["sqlite"], indirect=True)
def test_every_page_of_a_new_store_says_what_is_missing(fresh_store: str) -> None:
    """Issue 24: on a new store, every page a role may open draws without an error and without
    an empty table: staff before the first village, then every role once there is one village
    (and one account per role, nothing else)."""
    assert set(FRESH_ACCOUNTS) == set(ROLES)

    def add_account(role: str) -> None:
        accounts.add_user(
            CLI_ACTOR, username=f"new.{role}", password="a long enough password", role=role,
            url=fresh_store, **FRESH_ACCOUNTS[role],
        )  # fmt: skip

    add_account("admin")
    problems = _problems_on_every_page(fresh_store, "admin")
    villages.add_village(
        CLI_ACTOR, code="NEW-01", name="새 마을", district="마포구", url=fresh_store
    )
    for role in ROLES:
        if role != "admin":
            add_account(role)
        problems += _problems_on_every_page(fresh_store, role)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", [spec for spec in PAGES], ids=lambda s: s.key)
def test_a_page_run_directly_without_login_shows_only_the_login_form(demo_store: str, page) -> None:
    # What a deep link does on a fresh server: the page file runs without app.py.
    at = AppTest.from_file(str(ROOT / page.path), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.text_input(key="login.username") is not None
    assert _titles(at) == [MESSAGES["app.title"]["ko"]]
    assert not at.dataframe


@pytest.mark.parametrize("role", [role for role in ROLE_LOGINS if _forbidden(role)])
def test_a_forbidden_page_run_directly_is_refused(demo_store: str, role: str) -> None:
    # A deep link: the page file runs without app.py, the actor already logged in. The page
    # is another forbidden one than test_every_permitted_page_renders_... opens.
    forbidden = _forbidden(role)
    page = forbidden[-1 - ROLES.index(role) % len(forbidden)]
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=TIMEOUT)
    at.session_state[state.ACTOR] = _actor(demo_store, ROLE_LOGINS[role])
    at.run()
    assert [e.value for e in at.error] == [MESSAGES["error.access_denied"]["ko"]]
    assert not at.dataframe


def test_login_form_logs_in_and_logout_returns_to_it(demo_store: str) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.text_input(key="login.username").input("admin")
    at.text_input(key="login.password").input(DEMO_PASSWORD)
    _submit(at, "login.submit")
    assert _titles(at) == [MESSAGES["home.title"]["ko"]], [e.value for e in at.error]
    at.button(key="chrome.logout").click().run()
    assert at.text_input(key="login.username") is not None


def test_a_wrong_password_gets_the_generic_message(demo_store: str) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    for name in ("admin", "no-such-person"):
        at.text_input(key="login.username").input(name)
        at.text_input(key="login.password").input("wrong password")
        _submit(at, "login.submit")
        assert [e.value for e in at.error] == [MESSAGES["login.invalid"]["ko"]]


@pytest.mark.parametrize("demo_store", ["sqlite"], indirect=True)  # words, not the store
def test_every_staff_page_opens_in_english_with_its_english_title(demo_store: str) -> None:
    """Every page staff can open, drawn for a member of staff who reads English: its own
    English title, no error (the browser tour looks at a few; this reads all of them). Each
    page in a session of its own: AppTest words a choice left from the page before outside
    any run, in the default language."""
    actor = _actor(demo_store, "staff.en")
    assert actor.language == "en"
    for spec in PAGES:
        if not can_open_page(actor, spec.key) or spec.key in ("home", "village"):
            continue  # home is checked below; the village page is titled by the village
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.session_state[state.ACTOR] = actor
        at.session_state[state.LANG] = actor.language
        at.switch_page(spec.path).run()
        assert not at.exception, f"{spec.path}: {[e.message for e in at.exception]}"
        assert MESSAGES[spec.title_key]["en"] in _titles(at), (spec.path, _titles(at))
        assert not [e.value for e in at.error], (spec.path, [e.value for e in at.error])


def test_switching_language_translates_the_page_and_is_remembered(demo_store: str) -> None:
    at = _app_as(demo_store, "admin")
    assert _titles(at) == [MESSAGES["home.title"]["ko"]]
    at.button_group(key=state.LANG_CHOICE).set_value("en").run()
    assert _titles(at) == [MESSAGES["home.title"]["en"]]
    assert _actor(demo_store, "admin").language == "en"


def test_an_idle_session_expires(demo_store: str) -> None:
    at = _app_as(demo_store, "admin")
    at.session_state[state.LAST_SEEN] = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
    at.run()
    assert at.text_input(key="login.username") is not None
    assert [i.value for i in at.info] == [MESSAGES["login.expired"]["ko"]]


def test_a_committee_sees_its_own_village_whatever_the_link_says(demo_store: str) -> None:
    at = _app_as(demo_store, "committee")
    assert "성대골 마을" in _titles(at)
    other = next(
        v for v in villages.list_villages(CLI_ACTOR, url=demo_store) if v.code != "DJK-2012-01"
    )
    at.query_params["code"] = other.code
    at.switch_page("pages/village.py").run()
    assert not at.exception
    assert _titles(at) == ["성대골 마을"]
    assert not at.get("selectbox")  # no village picker for a committee


def test_a_committee_home_shows_the_month_and_links_to_the_record(demo_store: str) -> None:
    """The home is this month's four figures under one line about the village; the full record
    (facts, status history) is on the village page, one link away; a paused village is told."""
    at = _app_as(demo_store, "committee")
    assert any("DJK-2012-01" in c.value for c in at.caption), [c.value for c in at.caption]
    assert len(at.metric) == 4 and not at.dataframe and not at.info
    links = [p.proto.page.rsplit("/", 1)[-1] for p in at.main.get("page_link")]
    # First the phone's bottom bar (shown on a phone only), then the home's own links.
    assert links[:4] == ["", "readings", "savings", "households"]
    assert links[4:] == ["readings", "savings", "village"]
    villages.change_status(
        CLI_ACTOR, "DJK-2012-01", status="paused", reason_code="lack_of_time",
        effective_on=dt.date.today(), url=demo_store,
    )  # fmt: skip
    at.run()
    paused = MESSAGES["status.paused"]["ko"]
    assert [i.value for i in at.info] == [
        MESSAGES["committee.not_active"]["ko"].format(status=paused)
    ]


def test_staff_add_a_committee_account(demo_store: str) -> None:
    at = _app_as(demo_store, "admin")
    at.switch_page("pages/users.py").run()
    at.text_input(key="users.add.username").input("mapo.committee")
    at.text_input(key="users.add.display").input("망원 위원회")
    at.selectbox(key="users.add.role").set_value("committee")
    at.selectbox(key="users.add.village").set_value("DJK-2012-01")
    at.text_input(key="users.add.password").input("a long enough password")
    _submit(at, "users.add_submit")
    assert not at.exception, [e.message for e in at.exception]
    actor = accounts.authenticate("mapo.committee", "a long enough password", url=demo_store).actor
    assert actor is not None and actor.role == "committee" and actor.village_id is not None


def test_the_audit_log_shows_the_latest_writes(demo_store: str) -> None:
    villages.change_status(
        CLI_ACTOR, "DJK-2012-01", status="paused", reason_code="lack_of_time", effective_on=dt.date.today(),
        url=demo_store,
    )  # fmt: skip
    at = _app_as(demo_store, "admin")
    at.switch_page("pages/audit.py").run()
    assert not at.exception
    newest = at.expander[0].label.split(" · ", 1)[1]
    assert newest == "명령줄 도구가 성대골 마을의 상태를 바꿨습니다(활동 중 → 활동 중단)."


@pytest.mark.parametrize("empty_database", ["postgresql"], indirect=True)
def test_a_server_store_behind_its_migrations_stops_the_app_with_the_command(
    empty_database: str,
) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert [e.value for e in at.error] == [MESSAGES["store.behind_title"]["ko"]]
    assert [c.value for c in at.code] == ["python -m energy db upgrade"]
    assert not at.text_input


def test_an_empty_store_tells_staff_what_to_do_next(fresh_store: str) -> None:
    accounts.add_user(
        CLI_ACTOR,
        username="first.admin",
        password="a long enough password",
        role="admin",
        url=fresh_store,
    )
    actor = accounts.authenticate("first.admin", "a long enough password", url=fresh_store).actor
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state[state.ACTOR] = actor
    at.run()
    assert not at.exception
    assert [i.value for i in at.info] == [MESSAGES["home.empty_admin"]["ko"]]
    at.switch_page("pages/village.py").run()
    assert [i.value for i in at.info] == [MESSAGES["village.none_yet"]["ko"]]


def test_household_dates_reach_back_to_the_programme_start(demo_store: str) -> None:
    """Streamlit's date inputs stop ten years back; households joined from 2012 on."""
    at = _app_as(demo_store, "committee")
    at.switch_page("pages/households.py").run()
    assert not at.exception
    floors = {d.label: d.min for d in at.date_input}  # joined, left, generation installed
    assert len(floors) >= 3 and set(floors.values()) == {dt.date(2012, 1, 1)}, floors
