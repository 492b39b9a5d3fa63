"""The audit log's screen through Streamlit's AppTest: sentences a page at a time with first,
previous, next and last; filters picked from lists, each change back to the first page; an
entry opening onto its values before and after; the download of what the filters match."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from energy.audit import log
from energy.audit.log import LogFilter
from energy.core.access import CLI_ACTOR
from energy.core.i18n import SEOUL, translate
from energy.villages import directory as villages
from tests.test_apptest import _app_as, capture_downloads

# The page on the embedded store only: what it draws does not depend on the store, and the
# library tests these screens call run on both stores (the suite stays within 10 minutes).

SQLITE_ONLY = pytest.mark.parametrize("demo_store", ["sqlite"], indirect=True)


VILLAGE = "DJK-2012-01"


def _ko(key: str, **params: object) -> str:
    return translate(key, "ko", **params)


def _sentences(at: AppTest) -> list[str]:
    """Each entry's sentence (its expander's label, after the time)."""
    return [e.label.split(" · ", 1)[1].replace("\\", "") for e in at.expander]


def _pages_line(at: AppTest) -> str:
    """The pager's "page N of M (X entries)", the same above and below the entries."""
    top, bottom = [m.value for m in at.markdown if m.value.endswith("건)")]
    assert top == bottom
    return str(top)


def _period() -> dict[str, dt.date]:
    """The page's first period: the last 30 days on Seoul's clock."""
    today = dt.datetime.now(SEOUL).date()
    return {"since": today - dt.timedelta(days=30), "until": today}


def _log_page(at: AppTest) -> AppTest:
    at.switch_page("pages/audit.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@SQLITE_ONLY
def test_staff_page_through_the_log_a_page_of_sentences_at_a_time(demo_store: str) -> None:
    at = _log_page(_app_as(demo_store, "admin"))
    found = log.read_log(CLI_ACTOR, LogFilter(**_period()), lang="ko", url=demo_store)  # fmt: skip
    pages = found.pages
    assert pages > 3 and len(at.expander) == log.PAGE_SIZE
    assert _sentences(at) == [e.sentence for e in found.entries]
    total = f"{found.total:,}"
    assert _pages_line(at) == _ko("audit.pages", page=1, pages=f"{pages:,}", n=total)
    assert not at.number_input  # no number box: buttons
    assert (
        at.button(key="audit.first.top").disabled and at.button(key="audit.previous.top").disabled
    )

    at.button(key="audit.next.top").click().run()
    assert _pages_line(at) == _ko("audit.pages", page=2, pages=f"{pages:,}", n=total)
    second = log.read_log(CLI_ACTOR, LogFilter(**_period()), page=2, lang="ko",
                          url=demo_store)  # fmt: skip
    assert _sentences(at) == [e.sentence for e in second.entries]
    at.button(key="audit.last.bottom").click().run()
    assert _pages_line(at) == _ko("audit.pages", page=pages, pages=f"{pages:,}", n=total)
    assert at.button(key="audit.next.top").disabled and at.button(key="audit.last.top").disabled
    assert len(at.expander) == found.total - (pages - 1) * log.PAGE_SIZE
    at.button(key="audit.previous.top").click().run()
    assert _pages_line(at).startswith(_ko("audit.pages", page=pages - 1, pages=pages, n=0)[:6])
    at.button(key="audit.first.bottom").click().run()
    assert _pages_line(at) == _ko("audit.pages", page=1, pages=f"{pages:,}", n=total)


@SQLITE_ONLY
def test_a_filter_picked_from_a_list_goes_back_to_the_first_page(demo_store: str) -> None:
    at = _log_page(_app_as(demo_store, "admin"))
    at.button(key="audit.next.top").click().run()
    at.button(key="audit.next.top").click().run()
    assert at.session_state["audit.page"] == 3
    sungdaegol = villages.get_village(CLI_ACTOR, VILLAGE, url=demo_store).village.id
    picker = at.selectbox(key="audit.village")
    assert "성대골 마을 (DJK-2012-01)" in picker.options  # picked by name, not typed
    picker.set_value(sungdaegol).run()
    assert not at.exception
    assert at.session_state["audit.page"] == 1
    chosen = LogFilter(village_id=sungdaegol, **_period())  # fmt: skip
    expected = log.read_log(CLI_ACTOR, chosen, lang="ko", url=demo_store)
    assert _sentences(at) == [e.sentence for e in expected.entries]
    assert all("성대골 마을" in e.village for e in expected.entries)
    # A kind of thing, in words: the village's training list and attendance.
    at.selectbox(key="audit.kind").set_value("training_attendance").run()
    kinds = {e.kind for e in log.read_log(
        CLI_ACTOR, LogFilter(village_id=sungdaegol, kind="training_attendance",
                             since=chosen.since, until=chosen.until), lang="ko", url=demo_store,
    ).entries}  # fmt: skip
    assert kinds == {_ko("audit.kind.training_attendance")}
    assert len(at.expander) > 0
    assert (
        _ko("audit.kind.training_attendance")
        in at.selectbox(key="audit.kind").format_func("training_attendance")
        or at.selectbox(key="audit.kind").value == "training_attendance"
    )
    # Clearing the filters shows the whole period again.
    at.button(key="audit.reset").click().run()
    assert at.selectbox(key="audit.village").value is None
    assert at.session_state["audit.page"] == 1


@SQLITE_ONLY
def test_a_person_and_an_action_narrow_the_log(demo_store: str) -> None:
    villages.change_status(
        CLI_ACTOR, VILLAGE, status="paused", reason_code="lack_of_time",
        effective_on=dt.date.today(), url=demo_store,
    )  # fmt: skip
    at = _log_page(_app_as(demo_store, "admin"))
    people = at.selectbox(key="audit.person")
    assert {"명령줄 도구 (cli)", "김서연 (에너지정책과) (admin)"} <= set(people.options)
    people.set_value("cli").run()
    at.selectbox(key="audit.action").set_value("update").run()
    assert not at.exception
    assert _sentences(at) == ["명령줄 도구가 성대골 마을의 상태를 바꿨습니다(활동 중 → 활동 중단)."]
    entry = at.expander[0]
    (table,) = entry.table
    assert table.value.values.tolist() == [["상태", "활동 중", "활동 중단"]]
    assert list(table.value.columns) == [_ko("audit.col.field"), _ko("audit.col.was"),
                                         _ko("audit.col.now")]  # fmt: skip


@SQLITE_ONLY
def test_nothing_matching_says_so(demo_store: str) -> None:
    at = _log_page(_app_as(demo_store, "admin"))
    at.selectbox(key="audit.kind").set_value("readings").run()
    assert [i.value for i in at.info] == [_ko("audit.none")]
    assert not at.expander


@SQLITE_ONLY
def test_the_download_holds_what_the_filters_match_with_sentences(
    demo_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = capture_downloads(monkeypatch)
    at = _log_page(_app_as(demo_store, "admin"))
    at.selectbox(key="audit.kind").set_value("reviews").run()
    (name,) = [n for n in files if n.startswith("audit-")]
    frame = pd.read_csv(io.BytesIO(files[name]()), encoding="utf-8-sig")
    chosen = LogFilter(kind="reviews", **_period())  # fmt: skip
    found = log.read_log(CLI_ACTOR, chosen, lang="ko", url=demo_store)
    assert len(frame) == found.total > log.PAGE_SIZE  # every page, not the one shown
    assert list(frame[_ko("audit.col.sentence")][:3]) == [e.sentence for e in found.entries[:3]]
    assert set(frame[_ko("audit.col.kind")]) == {_ko("audit.kind.reviews")}


@SQLITE_ONLY
def test_english_staff_read_the_log_in_english(demo_store: str) -> None:
    at = _log_page(_app_as(demo_store, "staff.en"))
    found = log.read_log(CLI_ACTOR, LogFilter(**_period()), lang="en", url=demo_store)
    assert _sentences(at) == [e.sentence for e in found.entries]
    lines = [m.value for m in at.markdown if m.value.endswith("entries)")]
    assert lines == [translate("audit.pages", "en", page=1, pages=f"{found.pages:,}",
                               n=f"{found.total:,}")] * 2  # fmt: skip
    assert at.selectbox(key="audit.village").options[0] == "All villages"
