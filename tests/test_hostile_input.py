"""Hostile text everywhere the app takes text: village names, household labels, display names,
story quotes and the contents of a readings file. Stored exactly (or refused with a readable
reason), shown as text: never a tag, a link, an image, a heading or a colour.

The library is checked on both stores; the pages through AppTest (the markdown Streamlit is
given must be the escaped text); the browser test (``tests/test_browser_hostile.py``) checks
what a person finally sees.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select
from streamlit.testing.v1 import AppTest

from energy.accounts import users as accounts
from energy.core.access import CLI_ACTOR
from energy.core.errors import InvalidInput
from energy.core.i18n import translate
from energy.demo.load import DEMO_PASSWORD
from energy.readings.files import read_rows
from energy.readings.imports import ImportRejected, import_readings
from energy.store.models.accounts import User
from energy.store.models.readings import Reading
from energy.store.models.villages import Village
from energy.villages import directory as villages
from energy.villages import households, stories
from tests.test_apptest import APP, TIMEOUT
from ui.core import state
from ui.core.markup import MARKDOWN_MARKS, WORD_JOINER, html_text, md

FLAGSHIP = "DJK-2012-01"
# Each string is a way of smuggling something into a page or a query.
HOSTILE = {
    "img": "<img src=x onerror=alert(1)>",
    "script": "<script>alert('x')</script>",
    "markdown": "**굵게** _기울임_ [link](javascript:alert(1)) ![x](http://127.0.0.1:9/x.png)",
    "streamlit": ":red[빨강] :material/home: :smile: $x^2$ # 제목 <b>b</b>",
    "autolink": "www.example.com kim@example.com https://example.com/a?b=1",
    "sql": "'; DROP TABLE villages; --",
    "sql_quotes": 'Robert"); DELETE FROM users WHERE ("1"="1',
    "rtl": "\u202e마을 이름\u202c \u200fשלום\u200f",
    "entities": "a | b \\ c & &amp; &lt;tag&gt; `code`",
}
LONG = "가" * 10_000  # far past every limit
QUOTED = 20  # the import report quotes at least this much of a bad value


def _count(url: str, model: Any) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(model)).scalar_one())
    finally:
        engine.dispose()


def _add_village(code: str, name: str) -> None:
    villages.add_village(
        CLI_ACTOR, code=code, name=name, name_en=name, neighbourhood=name[:60], district="동작구"
    )


# --- the escaping helper --------------------------------------------------------------------


def _unescape(markdown: str) -> str:
    """What a reader sees of ``markdown`` made by md() (the word joiner is invisible)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(WORD_JOINER, "")


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_md_escapes_every_mark_that_could_open_markup(kind: str) -> None:
    value = HOSTILE[kind]
    escaped = md(value)
    assert _unescape(escaped) == value
    left = re.sub(r"\\[!-/:-@\[-`{-~]", "", escaped)  # what is not escaped
    assert not set(left) & set(MARKDOWN_MARKS)
    assert not re.match(r"\s*([-+=]|\d+[.)])", left)


@pytest.mark.parametrize("start", ["- 목록", "+ 목록", "1. 목록", "2) 목록", "=== 제목", "# 제목"])
def test_md_escapes_what_would_open_a_block_at_the_start(start: str) -> None:
    assert md(start).startswith(start[0] if start[0].isdigit() else "\\")
    assert _unescape(md(start)) == start
    assert md("MPO-2026-09") == "MPO-2026-09"  # mid-line hyphens and dots stay as typed


def test_md_keeps_text_on_one_line_and_html_text_keeps_an_html_block_whole() -> None:
    assert md("첫 줄\n\n# 둘째") == "첫 줄  \\# 둘째"
    assert html_text("<b>\n\n**x**</b>") == "&lt;b&gt;<br><br>&#42;&#42;x&#42;&#42;&lt;&#47;b&gt;"


# --- stored exactly, on both stores ---------------------------------------------------------


def test_village_names_are_stored_exactly(demo_store: str) -> None:
    for n, (kind, name) in enumerate(HOSTILE.items()):
        _add_village(f"HOSTILE-{n}", name)
        found = villages.get_village(CLI_ACTOR, f"HOSTILE-{n}").village
        assert (found.name, found.name_en) == (name, name), kind
    assert _count(demo_store, Village) > len(HOSTILE)  # the SQL fragment dropped nothing


def test_a_ten_thousand_character_name_is_refused_with_a_reason(demo_store: str) -> None:
    before = _count(demo_store, Village)
    with pytest.raises(InvalidInput) as refused:
        _add_village("HOSTILE-LONG", LONG)
    assert refused.value.key == "error.too_long"
    assert refused.value.field == "name"
    assert _count(demo_store, Village) == before


def test_display_names_are_stored_exactly(demo_store: str) -> None:
    for n, name in enumerate(HOSTILE.values()):
        accounts.add_user(
            CLI_ACTOR, username=f"hostile{n}", password="long-enough-pw-1", role="admin",
            display_name=name,
        )  # fmt: skip
    shown = {u.username: u.display_name for u in accounts.list_users(CLI_ACTOR)}
    assert [shown[f"hostile{n}"] for n in range(len(HOSTILE))] == list(HOSTILE.values())
    with pytest.raises(InvalidInput):
        accounts.add_user(
            CLI_ACTOR, username="hostilelong", password="long-enough-pw-1", role="admin",
            display_name=LONG,
        )  # fmt: skip
    assert _count(demo_store, User) == len(shown)


def test_story_quotes_are_stored_exactly(demo_store: str) -> None:
    for kind, text in HOSTILE.items():
        story = stories.add_story(
            CLI_ACTOR, village=FLAGSHIP, year=2025, quote_ko=text, attribution_ko=text,
            quote_en=text, attribution_en=text,
        )  # fmt: skip
        assert (story.quote("ko"), story.attribution("en")) == (text, text), kind
    with pytest.raises(InvalidInput):
        stories.add_story(
            CLI_ACTOR, village=FLAGSHIP, year=2025, quote_ko=LONG, attribution_ko="주민"
        )  # fmt: skip


@pytest.mark.parametrize("kind", ["img", "sql", "rtl"])
def test_a_household_label_outside_the_pattern_is_refused(demo_store: str, kind: str) -> None:
    with pytest.raises(InvalidInput):
        households.add_household(CLI_ACTOR, FLAGSHIP, code=HOSTILE[kind], housing_type="apartment")


def _hostile_file() -> bytes:
    lines = ["household,month,carrier,value,unit"]
    lines += [
        f'"{v.replace(chr(34), chr(34) * 2)}",2025-01,electricity,10,kWh' for v in HOSTILE.values()
    ]
    lines.append(f"H-001,{HOSTILE['markdown']},electricity,10,kWh")
    lines.append(f'H-001,2025-01,"{HOSTILE["img"]}",10,kWh')
    lines.append(f'H-001,2025-02,electricity,"{HOSTILE["sql"]}",kWh')
    lines.append(f'H-001,2025-03,electricity,10,"{HOSTILE["script"]}"')
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_hostile_file_contents_are_refused_and_reported_as_they_are(demo_store: str) -> None:
    before = _count(demo_store, Reading)
    with pytest.raises(ImportRejected) as rejected:
        import_readings(CLI_ACTOR, FLAGSHIP, read_rows(_hostile_file(), "hostile.csv"))
    assert _count(demo_store, Reading) == before
    reported = "\n".join(issue.message("ko") for issue in rejected.value.report.errors)
    for kind in ("img", "script", "sql", "markdown"):
        # The report quotes the start of a value (a line of the report stays readable).
        assert HOSTILE[kind][:QUOTED] in reported, f"the report does not quote the {kind} value"


# --- shown as text (AppTest: the markdown Streamlit receives) -------------------------------

MARKDOWN_ELEMENTS = ("title", "header", "subheader", "caption", "markdown", "info", "error",
                     "success", "warning")  # fmt: skip


def _markdown_bodies(at: AppTest) -> list[str]:
    bodies = [str(e.value) for kind in MARKDOWN_ELEMENTS for e in getattr(at, kind)]
    bodies += [str(e.value) for kind in MARKDOWN_ELEMENTS for e in getattr(at.sidebar, kind)]
    return bodies


def _assert_shown_as_text(at: AppTest, value: str) -> None:
    assert not at.exception, [e.message for e in at.exception]
    bodies = _markdown_bodies(at)
    assert any(md(value) in body for body in bodies), f"{value!r} not shown: {bodies}"
    if md(value) != value:
        raw = [body for body in bodies if value in body.replace(md(value), "")]
        assert not raw, f"{value!r} reached markdown unescaped: {raw}"


def _admin_app(url: str) -> AppTest:
    actor = accounts.authenticate("admin", DEMO_PASSWORD, url=url).actor
    assert actor is not None
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state[state.ACTOR] = actor
    return at


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_village_page_shows_a_hostile_name_as_text(demo_store: str, kind: str) -> None:
    _add_village("HOSTILE-V", HOSTILE[kind])
    at = _admin_app(demo_store).run()
    at.switch_page("pages/village.py")
    at.query_params["code"] = "HOSTILE-V"
    at.run()
    _assert_shown_as_text(at, HOSTILE[kind])
    expected_title = translate("village.title", "ko", name=md(HOSTILE[kind]))
    assert [t.value for t in at.title] == [expected_title]


def test_the_sidebar_and_account_page_show_a_hostile_display_name_as_text(demo_store: str) -> None:
    name = HOSTILE["markdown"] + " " + HOSTILE["img"]
    accounts.add_user(
        CLI_ACTOR, username="hostile", password="long-enough-pw-1", role="admin", display_name=name
    )
    actor = accounts.authenticate("hostile", "long-enough-pw-1", url=demo_store).actor
    assert actor is not None
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state[state.ACTOR] = actor
    at.run()
    at.switch_page("pages/account.py").run()
    _assert_shown_as_text(at, name)
    assert any(md(name) in c.value for c in at.sidebar.caption)


def test_an_error_quoting_user_input_shows_it_as_text(demo_store: str) -> None:
    """Errors carry the offending value; show_error escapes it like any other text."""

    def script() -> None:
        from energy.core.errors import AlreadyExists
        from ui.core.widgets import show_error

        show_error(AlreadyExists("error.village_code_taken", field="code", code="<b>**X**</b>"))

    at = AppTest.from_function(script, default_timeout=TIMEOUT).run()
    _assert_shown_as_text(at, "<b>**X**</b>")


def test_the_import_report_shows_hostile_file_contents_as_text(demo_store: str) -> None:
    def script(content: bytes) -> None:
        from energy.core.access import CLI_ACTOR
        from energy.readings.files import read_rows
        from energy.readings.imports import check_readings
        from ui.readings.import_report import show_issues

        show_issues(check_readings(CLI_ACTOR, "DJK-2012-01", read_rows(content, "x.csv")))

    at = AppTest.from_function(script, args=(_hostile_file(),), default_timeout=TIMEOUT).run()
    assert not at.exception, [e.message for e in at.exception]
    cells = [str(v) for table in at.table for v in table.value.to_numpy().ravel()]  # markdown cells
    shown = "\n".join(cells)
    for kind in ("img", "script", "sql", "markdown"):
        quoted = HOSTILE[kind][:QUOTED]
        assert md(quoted) in shown, f"the {kind} value is not in the report table"
        unescaped = shown.replace(md(quoted), "")
        assert quoted not in unescaped, f"the {kind} value reached a table cell unescaped"


def test_a_slide_shows_hostile_words_as_text() -> None:
    def script(words: str) -> None:
        from energy.townhall.presentation import BigNumber, SlideView
        from ui.townhall.presentation import draw_slide

        draw_slide(
            SlideView(
                key="story", title=words, subtitle=words, quote=words, attribution=words,
                numbers=(BigNumber(words, "1", words), BigNumber(words, words, missing=True)),
                message=words, footnote=words,
            )
        )  # fmt: skip

    words = HOSTILE["img"] + " " + HOSTILE["markdown"] + " " + HOSTILE["streamlit"]
    at = AppTest.from_function(script, args=(words,), default_timeout=TIMEOUT).run()
    assert not at.exception, [e.message for e in at.exception]
    bodies = _markdown_bodies(at)
    html_blocks = [b for b in bodies if b.startswith("<p style=")]
    markdown = [b for b in bodies if not b.startswith("<p style=")]
    assert len(html_blocks) == 2  # the quote block and the missing figure
    assert all(html_text(words) in b and words not in b for b in html_blocks)
    assert [b for b in markdown if md(words) in b], bodies
    assert not [b for b in markdown if words in b.replace(md(words), "")]
    assert [m.label for m in at.metric] == [md(words)]


def test_dataclass_fields_of_the_slide_are_the_ones_drawn() -> None:
    """If a text field is added to SlideView, the slide test above must learn about it."""
    from energy.townhall.presentation import SlideView

    texts = {f.name for f in dataclasses.fields(SlideView) if f.type in ("str", str)}
    assert texts == {"key", "title", "subtitle", "quote", "attribution", "message", "footnote",
                     "notes"}  # fmt: skip


def test_an_application_shows_the_applicants_words_as_text() -> None:
    """Issue 22, item 3: staff and reviewers read an application through this summary; the
    group's and village's names and the plan are the applicant's words. A beacon image, a
    fake sign-in link or a heading in them must arrive as text (staff browsers once fetched
    the image when they opened the application)."""

    def script(group: str, village: str, plan: str) -> None:
        from energy.call.applications import ApplicationForm
        from ui.call.form import application_summary

        form = ApplicationForm(
            applicant_type="resident_group", group_name=group, village_name=village,
            district_code="11590", housing_type="detached", households_detached=32,
            strategy="saving", actions=("led",), target_saving_pct=10.0, plan=plan,
            budget={"training": 3_000_000},
        )  # fmt: skip
        application_summary(form, district="동작구")

    group = HOSTILE["markdown"]
    village = HOSTILE["img"] + " " + HOSTILE["streamlit"]
    plan_lines = [
        "# 세션이 만료되었습니다",
        "[다시 로그인](http://attacker.example/login) ![b](http://attacker.example/beacon.png)",
        "- 목록 아님 <script>alert(1)</script>",
    ]
    at = AppTest.from_function(
        script, args=(group, village, "\n".join(plan_lines)), default_timeout=TIMEOUT
    ).run()
    for value in (group, village, *plan_lines):
        _assert_shown_as_text(at, value)
    bodies = "\n".join(_markdown_bodies(at))
    assert "](http" not in bodies.replace("\\](http", "")  # no live link or image


def test_training_progress_shows_a_hostile_village_name_as_text() -> None:
    def script(name: str) -> None:
        from energy.core.access import CLI_ACTOR
        from energy.training.completion import VillageProgress
        from ui.training.progress import certificate_button, cohort_overview

        progress = VillageProgress(
            village_id=1, code="H-1", name=name, name_en=name, cohort_year=2026, modules=(),
            attendance_rate=0.2, unrecorded=0, upcoming=0, below_threshold=True,
        )  # fmt: skip
        cohort_overview([progress])
        certificate_button(CLI_ACTOR, progress)

    name = HOSTILE["markdown"] + " " + HOSTILE["img"]
    at = AppTest.from_function(script, args=(name,), default_timeout=TIMEOUT).run()
    _assert_shown_as_text(at, name)
    assert len([w for w in at.warning if md(name) in w.value]) == 1  # below the threshold
