"""The call's dashboard, exports (formula-safe), letters, town-hall figures, CLI and demo."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from energy.accounts import users as accounts
from energy.call import applications, calls, grants, reviews
from energy.call import reports as call_reports
from energy.cli import main
from energy.core.access import CLI_ACTOR
from energy.core.errors import InvalidInput
from energy.core.vocabulary import APPLICATION_STATUSES
from energy.demo.load import DEMO_PASSWORD
from tests.test_call import TODAY, _call, _form, _submitted, _user


def _decided_call(url: str) -> tuple[int, list[int]]:
    call = _call(url)
    group = _user(url, "group.one", "applicant")
    ids = [
        _submitted(url, call, group),
        _submitted(url, call, group, group_name='=HYPERLINK("http://x")', district_code="11440"),
        _submitted(url, call, group, village_name="+흑석 마을"),
    ]
    for app_id in ids:
        reviews.start_review(CLI_ACTOR, app_id, url=url)
    grants.decide(CLI_ACTOR, ids[0], decision="selected", award_krw=8_000_000, url=url)
    grants.decide(CLI_ACTOR, ids[1], decision="rejected", note="@계획 보완 필요", url=url)
    applications.save_draft(group, call_id=call.id, form=_form(), today=TODAY, url=url)
    return call.id, ids


def test_the_dashboard_counts_every_step_and_all_25_districts(fresh_store: str) -> None:
    call_id, _ = _decided_call(fresh_store)
    board = call_reports.call_dashboard(CLI_ACTOR, call_id, url=fresh_store)
    assert board.by_status == {
        "draft": 1, "submitted": 0, "in_review": 1, "selected": 1,
        "wait_listed": 0, "rejected": 1, "withdrawn": 0,
    }  # fmt: skip
    assert set(board.by_status) == set(APPLICATION_STATUSES)
    assert dict(zip(board.funnel["step"], board.funnel["applications"], strict=True)) == {
        "draft": 4, "submitted": 3, "in_review": 3, "decided": 2, "selected": 1,
    }  # fmt: skip
    assert board.received == 3
    frame = board.by_district.set_index("name_en")
    assert len(frame) == 25
    assert (frame.loc["Dongjak-gu", "applications"], frame.loc["Dongjak-gu", "selected"]) == (2, 1)
    assert frame.loc["Mapo-gu", "applications"] == 1
    assert frame.loc["Jongno-gu", "applications"] == 0
    assert (board.budget.committed_krw, board.budget.remaining_krw) == (8_000_000, 42_000_000)


def test_exports_neutralise_formulas_in_csv_and_excel(fresh_store: str) -> None:
    _decided_call(fresh_store)
    text = call_reports.export_year(CLI_ACTOR, 2027, "csv", url=fresh_store).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+흑석 마을" in text and "'@계획 보완 필요" in text
    assert ",=HYPERLINK" not in text and ",+흑석" not in text
    book = openpyxl.load_workbook(
        io.BytesIO(call_reports.export_year(CLI_ACTOR, 2027, "xlsx", url=fresh_store))
    )
    assert book.sheetnames == ["applications", "scores", "decisions"]
    cells = [c.value for row in book["applications"].iter_rows() for c in row]
    assert '\'=HYPERLINK("http://x")' in cells
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "@")) for v in cells)
    decisions = list(book["decisions"].iter_rows(values_only=True))
    assert decisions[0][:4] == ("reference", "village_name", "decision", "award_krw")
    assert sorted(r[2] for r in decisions[1:]) == ["rejected", "selected"]
    with pytest.raises(InvalidInput):
        call_reports.export_year(CLI_ACTOR, 2027, "pdf", url=fresh_store)


def test_decision_letters_in_korean_and_english(fresh_store: str) -> None:
    _, ids = _decided_call(fresh_store)
    ko = call_reports.decision_letter(CLI_ACTOR, ids[0], "ko", today=TODAY, url=fresh_store)
    en = call_reports.decision_letter(CLI_ACTOR, ids[0], "en", today=TODAY, url=fresh_store)
    assert "선정" in ko and "8,000,000원" in ko and "동작구" in ko and "2027년 3월 10일" in ko
    assert "**selected**" in en and "KRW 8,000,000" in en and "Dongjak-gu" in en
    rejected = call_reports.decision_letter(CLI_ACTOR, ids[1], "en", today=TODAY, url=fresh_store)
    assert "not been selected" in rejected and "@계획 보완 필요" in rejected
    with pytest.raises(InvalidInput) as undecided:
        call_reports.decision_letter(CLI_ACTOR, ids[2], "ko", url=fresh_store)
    assert undecided.value.key == "call.err_not_decided"


def test_the_town_hall_counts_applications_and_selections_of_its_year(fresh_store: str) -> None:
    _decided_call(fresh_store)
    from energy.store.db import session_for
    from energy.townhall.pending import _call_figures
    from energy.townhall.scope import Scope, ScopeInfo

    def figures(year: int, district: str | None) -> object:
        info = ScopeInfo(
            year, dt.date(year, 1, 1), dt.date(year, 12, 1), district, None, None, 0, 0, 0
        )
        with session_for(CLI_ACTOR, url=fresh_store) as session:
            return _call_figures(session, Scope(info, (), {}))

    found = figures(2027, None)
    assert (found.applications, found.selected) == (3, 1)  # type: ignore[attr-defined]
    assert found.history == ((2027, 3, 1),)  # type: ignore[attr-defined]
    mapo = figures(2027, "11440")
    assert (mapo.applications, mapo.selected) == (1, 0)  # type: ignore[attr-defined]
    assert figures(2026, None) is None  # no call that year: the slide says "not recorded"


def test_cli_lists_and_exports_calls(fresh_store: str, tmp_path: Path, capsys) -> None:
    _decided_call(fresh_store)
    assert main(["call", "list", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert (listed["year"], listed["applications"], listed["selected"]) == (2027, 3, 1)
    assert listed["committed_krw"] == 8_000_000
    out = tmp_path / "call.xlsx"
    assert main(["call", "export", "2027", "--format", "xlsx", "--out", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames == ["applications", "scores", "decisions"]
    csv_out = tmp_path / "call.csv"
    assert main(["call", "export", "2027", "--format", "csv", "--out", str(csv_out)]) == 0
    assert csv_out.read_text(encoding="utf-8-sig").startswith("reference,call_year,status")
    capsys.readouterr()
    assert main(["call", "export", "2019", "--format", "csv", "--out", str(csv_out)]) == 1
    assert capsys.readouterr().err == "error: There is no call in 2019.\n"


def test_the_demo_has_past_calls_grants_and_an_applicant(demo_store: str) -> None:
    found = calls.list_calls(CLI_ACTOR, url=demo_store)
    today = dt.date.today()
    assert [c.phase(today) for c in found][:1] == ["open"]
    assert sum(c.phase(today) == "closed" for c in found) == 4
    rows = grants.grants(CLI_ACTOR, url=demo_store)
    assert rows and all(r.paid_krw <= r.award_krw for r in rows)
    for call in found:
        state = grants.budget_state(CLI_ACTOR, call.id, url=demo_store)
        assert 0 <= state.committed_krw <= state.budget_krw
    applicant = accounts.authenticate("applicant", DEMO_PASSWORD, url=demo_store).actor
    assert applicant is not None and applicant.role == "applicant"
    [draft] = applications.list_applications(applicant, url=demo_store)
    assert draft.status == "draft"
    reviewer = accounts.authenticate("reviewer", DEMO_PASSWORD, url=demo_store).actor
    assert reviewer is not None and len(reviews.my_assignments(reviewer, url=demo_store)) >= 2


def test_a_decision_letter_as_pdf(fresh_store: str) -> None:
    _, ids = _decided_call(fresh_store)
    pdf = call_reports.decision_letter_pdf(CLI_ACTOR, ids[0], "ko", today=TODAY, url=fresh_store)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5_000


def test_the_town_hall_shows_each_years_call_as_counted_by_hand(demo_store: str) -> None:
    """The call slide's bars, year by year, against a count of the applications one by one;
    and the slide draws them once there are two years (one year: its two numbers)."""
    from energy.store.db import session_for
    from energy.store.models.call import Application, Call
    from energy.store.models.villages import District
    from energy.townhall import figures as townhall
    from energy.townhall.pending import CallFigures, CallSlide
    from energy.townhall.presentation import call_view
    from energy.townhall.scope import TownHallFilter

    with session_for(CLI_ACTOR, url=demo_store) as session:
        rows = session.execute(
            select(Call.year, Application.status, District.code)
            .join(Call, Application.call_id == Call.id)
            .outerjoin(District, Application.district_id == District.id)
        ).all()
        years = sorted(set(session.scalars(select(Call.year))))
    for district in (None, "11590"):  # Seoul, then Dongjak-gu
        by_hand = []
        for year in years[:-1]:
            mine = [s for y, s, d in rows if y == year and district in (None, d)]
            received = sum(1 for s in mine if s not in ("draft", "withdrawn"))
            by_hand.append((year, received, mine.count("selected")))
        slide = townhall.annual_call(
            CLI_ACTOR, TownHallFilter(year=years[-2], district=district), url=demo_store
        )
        assert slide.figures is not None
        assert slide.figures.history == tuple(by_hand), district
        assert (slide.figures.applications, slide.figures.selected) == by_hand[-1][1:]
    assert any(selected for _, _, selected in by_hand)  # the demo selects villages
    view = call_view(slide, "en")
    assert view.chart is not None and str(years[0]) in view.notes
    one_year = CallFigures(5, 2, ((years[0], 5, 2),))
    assert call_view(CallSlide(slide.scope, one_year), "en").chart is None
