"""The town hall's slide figures against a known data set, the privacy rules, and who may see.

The data set (presentation year 2025, "today" 2026-11-25):

- A-1 (Mapo-gu, cohort 2023): 6 households, 100 kWh a month in 2023-2024 and 90 in 2025;
  each has a 325 W balcony panel since June 2024, three of them log 30 kWh of solar a month.
- B-1 (Guro-gu, cohort 2024): 5 households, 200 kWh every month; paused in June 2025.
- C-1 (Jongno-gu, cohort 2025): 3 households, 150 kWh in 2023-2024 and 120 in 2025: a small
  village (under 5 households), counted in totals but never shown on its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from pptx import Presentation
from pypdf import PdfReader
from sqlalchemy import func, insert, or_, select, update

from energy.accounts import users as accounts
from energy.calc.metrics import add_months, last_day_of_month
from energy.core.access import CLI_ACTOR, Actor
from energy.core.errors import AccessDenied, InvalidInput
from energy.savings import household_years, village_sums
from energy.savings.compute import compute_savings
from energy.savings.factors import load_factors
from energy.store import cache, db
from energy.store.models.readings import Household, Reading
from energy.townhall import deck, presentation
from energy.townhall import figures as townhall
from energy.villages import directory as villages
from energy.villages import households, stories
from tests.conftest import built_once

TODAY = dt.date(2026, 11, 25)
YEAR = 2025
PASSWORD = "a long enough password"
SECRET_NAMES = ("Hidden Viewer Person", "Secret Committee Person")
SMALL_VILLAGE = ("씨 마을", "C Village")
VILLAGES = (
    # code, name, name_en, district, cohort, households, kWh a month before 2025, kWh in 2025
    ("A-1", "에이 마을", "A Village", "Mapo-gu", 2023, 6, 100.0, 90.0),
    ("B-1", "비 마을", "B Village", "Guro-gu", 2024, 5, 200.0, 200.0),
    ("C-1", *SMALL_VILLAGE, "Jongno-gu", 2025, 3, 150.0, 120.0),
)
FILTER = townhall.TownHallFilter(year=YEAR)
SLIDES: list[Callable[..., Any]] = [
    townhall.scope_info,
    townhall.glance,
    townhall.growth,
    townhall.energy_saved,
    townhall.savings_by_programme_year,
    townhall.renewables,
    townhall.district_map,
    townhall.annual_call,
    townhall.training,
    townhall.organisations,
    townhall.stories,
    townhall.villages_shown,
]


@pytest.fixture
def known(fresh_store: str, request: pytest.FixtureRequest) -> str:
    built_once(request, fresh_store, _add_known)
    return fresh_store


def _add_known(url: str) -> None:
    rows = []
    for code, name, name_en, district, cohort, size, before, during in VILLAGES:
        village = villages.add_village(
            CLI_ACTOR,
            code=code,
            name=name,
            name_en=name_en,
            district=district,
            cohort_year=cohort,
            started_on=dt.date(cohort, 1, 1),
            today=TODAY,
            url=url,
        )
        for n in range(1, size + 1):
            household = households.add_household(
                CLI_ACTOR, code, code=f"PRIV-{code[0]}{n}", joined_on=dt.date(cohort, 1, 1), url=url
            )
            for m in range(36):
                month = add_months(dt.date(2023, 1, 1), m)
                rows.append(
                    {
                        "household_id": household.id,
                        "village_id": village.id,
                        "month": month,
                        "carrier": "electricity",
                        "value": during if month.year == YEAR else before,
                    }
                )
            if code == "A-1":
                households.add_generation(
                    CLI_ACTOR,
                    code,
                    household.code,
                    kind="balcony_solar",
                    units=1,
                    watts_per_unit=325,
                    installed_on=dt.date(2024, 6, 1),
                    today=TODAY,
                    url=url,
                )
                if n <= 3:
                    rows.extend(
                        {
                            "household_id": household.id,
                            "village_id": village.id,
                            "month": dt.date(YEAR, m, 1),
                            "carrier": "solar",
                            "value": 30.0,
                        }
                        for m in range(1, 13)
                    )
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        session.execute(insert(Reading), rows)
    villages.change_status(
        CLI_ACTOR,
        "B-1",
        status="paused",
        reason_code="lack_of_time",
        effective_on=dt.date(YEAR, 6, 1),
        today=TODAY,
        url=url,
    )
    for code, quote in (("A-1", "골목이 함께 아꼈습니다."), ("C-1", "우리 셋이 해냈어요.")):
        stories.add_story(
            CLI_ACTOR,
            village=code,
            year=YEAR,
            quote_ko=quote,
            attribution_ko=f"{code} 주민모임",
            today=TODAY,
            url=url,
        )
    accounts.add_user(
        CLI_ACTOR,
        username="town.hall",
        password=PASSWORD,
        role="viewer",
        display_name=SECRET_NAMES[0],
        url=url,
    )
    accounts.add_user(
        CLI_ACTOR,
        username="a.committee",
        password=PASSWORD,
        role="committee",
        village_code="A-1",
        display_name=SECRET_NAMES[1],
        url=url,
    )


def _actor(url: str, username: str) -> Actor:
    actor = accounts.authenticate(username, PASSWORD, url=url).actor
    assert actor is not None
    return actor


def _call(slide: Callable[..., Any], actor: Actor, url: str, **filters: Any) -> Any:
    return slide(actor, townhall.TownHallFilter(year=YEAR, **filters), today=TODAY, url=url)


# --- the figures ------------------------------------------------------------------------------


def test_the_programme_at_a_glance(known: str) -> None:
    slide = _call(townhall.glance, CLI_ACTOR, known)
    assert (slide.scope.start, slide.scope.end) == (dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 1))
    assert (slide.villages_selected, slide.villages_active, slide.districts) == (3, 2, 2)
    assert slide.households == 6 + 5 + 3
    assert slide.organisations is None  # not recorded yet: no number


def test_growth_by_year_without_a_milestone_not_reached(known: str) -> None:
    slide = _call(townhall.growth, CLI_ACTOR, known)
    frame = slide.by_year.set_index("year")
    assert list(frame.index) == list(range(2012, YEAR + 1))
    assert list(frame.loc[2023:, "new_villages"]) == [1, 1, 1]
    assert list(frame.loc[2022:, "villages"]) == [0, 1, 2, 3]
    assert slide.milestone_year is None


def test_energy_saved_with_the_typical_household(known: str) -> None:
    slide = _call(townhall.energy_saved, CLI_ACTOR, known)
    electricity = slide.electricity
    assert electricity is not None
    # A: 6 x 12 x 10 kWh, B: nothing, C: 3 x 12 x 30 kWh.
    assert electricity.saving == pytest.approx(720 + 1080)
    assert electricity.baseline == pytest.approx(7200 + 12000 + 5400)
    assert (electricity.cells, electricity.expected_cells) == (168, 168)
    factors = load_factors(CLI_ACTOR, dt.date(YEAR, 12, 31), url=known)
    assert slide.report is not None
    assert slide.report.saving_toe == pytest.approx(1.8 * factors.value("electricity.toe"))
    assert slide.report.saving_tco2 == pytest.approx(1.8 * factors.value("electricity.co2"))
    same = compute_savings(
        CLI_ACTOR, start=dt.date(YEAR, 1, 1), end=dt.date(YEAR, 12, 1), url=known
    )
    assert slide.report.saving_krw == same.saving_krw
    # Yearly electricity per household: 1080 (x6), 1440 (x3), 2400 (x5): the median is 1440.
    assert (slide.typical_household_kwh, slide.typical_households) == (1440.0, 14)
    assert (slide.typical_start, slide.typical_end) == (dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 1))
    assert slide.households_equivalent == pytest.approx(1800 / 1440)


def test_a_year_so_far_measures_against_the_last_whole_year(known: str) -> None:
    # Mid-2025: the period is January to June; the typical household is 2024's.
    slide = townhall.energy_saved(CLI_ACTOR, FILTER, today=dt.date(YEAR, 7, 20), url=known)
    assert (slide.scope.start, slide.scope.end) == (dt.date(YEAR, 1, 1), dt.date(YEAR, 6, 1))
    assert (slide.typical_start, slide.typical_end) == (
        dt.date(YEAR - 1, 1, 1),
        dt.date(YEAR - 1, 12, 1),
    )
    # 2024 per household: 1200 (x6), 2400 (x5), 1800 (x3): the median is 1800.
    assert (slide.typical_household_kwh, slide.typical_households) == (1800.0, 14)


def test_the_typical_household_with_a_stale_village_and_after_its_rebuild(known: str) -> None:
    # C's households use 12 kWh more in January: C's village is stale until rebuilt.
    with db.session_for(CLI_ACTOR, write=True, url=known) as session:
        c_village = villages.get_village(CLI_ACTOR, "C-1", url=known).village.id
        session.execute(
            update(Reading)
            .where(Reading.village_id == c_village, Reading.month == dt.date(YEAR, 1, 1))
            .values(value=Reading.value + 12)
        )
    cache.clear()
    with db.session_for(CLI_ACTOR, url=known) as session:  # from the yearly totals
        assert household_years.year_electricity_median(session, YEAR) == (1452.0, 14)
    stale = _call(townhall.energy_saved, CLI_ACTOR, known)
    assert (stale.typical_household_kwh, stale.typical_households) == (1452.0, 14)
    village_sums.rebuild_stale(CLI_ACTOR, url=known)  # C, and B after its status change
    cache.clear()
    with db.session_for(CLI_ACTOR, url=known) as session:
        assert household_years.year_electricity_median(session, YEAR) == (1452.0, 14)
    fresh = _call(townhall.energy_saved, CLI_ACTOR, known)
    assert (fresh.typical_household_kwh, fresh.typical_households) == (1452.0, 14)


def _from_readings(url: str, start: dt.date, end: dt.date, *members: Any) -> float:
    """The electricity of the period's readings of the households taking part in it."""
    with db.session_for(CLI_ACTOR, url=url) as session:
        total = session.scalar(
            select(func.sum(Reading.value))
            .join(Household, Household.id == Reading.household_id)
            .where(
                Reading.carrier == "electricity",
                Reading.month.between(start, end),
                Household.joined_on <= last_day_of_month(end),
                or_(Household.left_on.is_(None), Household.left_on >= start),
                *members,
            )
        )
    return float(total)


def _total(url: str, start: dt.date, end: dt.date, *members: Any) -> float | None:
    with db.session_for(CLI_ACTOR, url=url) as session:
        ids = [v.id for v in villages.list_villages(CLI_ACTOR, url=url)]
        return household_years.electricity_total(session, ids, start, end, members)


def _totals_agree(url: str, start: dt.date, end: dt.date) -> None:
    only_a = Household.code.like("PRIV-A%")
    assert _total(url, start, end) == pytest.approx(_from_readings(url, start, end))
    assert _total(url, start, end, only_a) == pytest.approx(_from_readings(url, start, end, only_a))


@pytest.mark.parametrize(
    "start, end",
    [
        (dt.date(YEAR, 1, 1), dt.date(YEAR, 6, 1)),  # kept yearly totals less July-December
        (dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 1)),  # the kept totals as they are
        (dt.date(YEAR - 1, 3, 1), dt.date(YEAR, 2, 1)),  # across two years: the readings
    ],
)
def test_electricity_of_a_period_agrees_with_the_readings(
    known: str, start: dt.date, end: dt.date
) -> None:
    # C-1's households joined in 2025 and B-1's in 2024, all with readings since 2023: only
    # the months of those taking part in the period count.
    village_sums.rebuild_stale(CLI_ACTOR, url=known)  # every village fresh: the kept rows
    _totals_agree(known, start, end)
    # A changed reading makes every village stale: from the readings, and still the same.
    with db.session_for(CLI_ACTOR, write=True, url=known) as session:
        session.execute(
            update(Reading)
            .where(Reading.month == dt.date(YEAR, 4, 1), Reading.carrier == "electricity")
            .values(value=Reading.value + 5)
        )
    _totals_agree(known, start, end)
    # A household that left before the year (its readings stay): stale, then rebuilt.
    households.update_household(
        CLI_ACTOR, "A-1", "PRIV-A1", housing_type="apartment", floor_area_band=None,
        occupants=None, joined_on=dt.date(2023, 1, 1), left_on=dt.date(YEAR - 1, 12, 31), url=known,
    )  # fmt: skip
    _totals_agree(known, start, end)
    village_sums.rebuild_stale(CLI_ACTOR, url=known)
    _totals_agree(known, start, end)


def test_one_district(known: str) -> None:
    slide = _call(townhall.energy_saved, CLI_ACTOR, known, district="마포구")
    assert slide.scope.district_en == "Mapo-gu"
    assert slide.electricity is not None and slide.electricity.saving == pytest.approx(720)
    assert _call(townhall.glance, CLI_ACTOR, known, district="Mapo-gu").villages_selected == 1


def test_savings_by_programme_year(known: str) -> None:
    slide = _call(townhall.savings_by_programme_year, CLI_ACTOR, known)
    stages = {s.stage: s for s in slide.stages}
    assert list(stages) == ["1", "2", "3", "graduated"]
    # Year 1 is C-1 alone: 3 households, so nothing is shown for it.
    one = stages["1"]
    assert (one.villages, one.households, one.shown, one.electricity_pct) == (1, 3, False, None)
    two, three = stages["2"], stages["3"]
    assert (two.villages, two.households, two.electricity_cells) == (1, 5, 60)
    assert two.electricity_pct == pytest.approx(0.0)
    assert (three.villages, three.households, three.electricity_cells) == (1, 6, 72)
    assert three.electricity_pct == pytest.approx(0.10)
    assert three.combined_pct == pytest.approx(0.10)
    assert stages["graduated"].villages == 0


def test_renewable_capacity_and_generation(known: str) -> None:
    slide = _call(townhall.renewables, CLI_ACTOR, known)
    assert (slide.shown, slide.households_with_generation) == (True, 6)
    assert slide.capacity_kw == pytest.approx(6 * 325 / 1000)
    estimated = 3 * 12 * 325 * 0.096  # three households without a meter, every month
    assert slide.estimated_kwh == pytest.approx(estimated)
    assert slide.generation_kwh == pytest.approx(3 * 12 * 30 + estimated)
    assert slide.consumption_kwh == pytest.approx(6 * 1080 + 5 * 2400 + 3 * 1440)
    assert list(slide.monthly["metered_kwh"]) == [90.0] * 12
    assert slide.self_reliance == pytest.approx(slide.generation_kwh / slide.consumption_kwh)


def test_the_district_map(known: str) -> None:
    slide = _call(townhall.district_map, CLI_ACTOR, known, district="Jongno-gu")
    frame = slide.districts.set_index("name_en")
    assert len(frame) == 25
    assert (frame.loc["Mapo-gu", "villages"], frame.loc["Jongno-gu", "villages"]) == (1, 1)
    assert frame.loc["Guro-gu", "villages"] == 0  # B-1 was paused by the year's end
    assert list(frame.index[frame["selected"]]) == ["Jongno-gu"]


def test_capabilities_not_built_yet_show_no_number(known: str) -> None:
    for slide in (townhall.annual_call, townhall.training, townhall.organisations):
        assert _call(slide, CLI_ACTOR, known).figures is None
    views = presentation.build_slides(CLI_ACTOR, FILTER, "en", today=TODAY, url=known)
    by_key = {view.key: view for view in views}
    for key, message in (
        ("call", "Applications and selection are not recorded in this system yet."),
        ("training", "Training is not recorded in this system yet."),
        ("organisations", "Organisations and jobs are not recorded in this system yet."),
    ):
        assert (by_key[key].message, by_key[key].numbers) == (message, ())
    glance = by_key["glance"].numbers[3]
    assert (glance.value, glance.missing) == ("No data yet", True)


def test_a_year_outside_the_programme_is_refused(known: str) -> None:
    for year in (2011, 2027):
        with pytest.raises(InvalidInput) as caught:
            townhall.glance(CLI_ACTOR, townhall.TownHallFilter(year=year), today=TODAY, url=known)
        assert caught.value.key == "error.townhall_year"


# --- privacy ------------------------------------------------------------------------------


def test_a_small_village_is_never_shown_on_its_own(known: str) -> None:
    told = _call(townhall.stories, CLI_ACTOR, known)
    assert [(s.village_name, s.households) for s in told.stories] == [("에이 마을", 6)]
    assert told.withheld == 1
    assert [v.code for v in _call(townhall.villages_shown, CLI_ACTOR, known)] == ["A-1", "B-1"]
    # Its district holds nothing else: no energy figure is shown for it at all.
    jongno = {"district": "Jongno-gu"}
    assert _call(townhall.energy_saved, CLI_ACTOR, known, **jongno).report is None
    assert _call(townhall.renewables, CLI_ACTOR, known, **jongno).generation_kwh is None
    stages = _call(townhall.savings_by_programme_year, CLI_ACTOR, known, **jongno).stages
    assert [s.electricity_pct for s in stages] == [None] * 4
    assert _call(townhall.stories, CLI_ACTOR, known, **jongno).stories == ()
    with pytest.raises(InvalidInput) as caught:
        townhall.village_sheet(CLI_ACTOR, "C-1", year=YEAR, today=TODAY, url=known)
    assert caught.value.key == "error.townhall_small_village"
    assert (
        townhall.village_sheet(CLI_ACTOR, "A-1", year=YEAR, today=TODAY, url=known).households == 6
    )


def _strings(value: Any) -> Iterator[str]:
    """Every text inside a slide's data: fields, frames (cells and columns), collections."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _strings(getattr(value, item.name))
    elif isinstance(value, pd.DataFrame):
        yield from (str(c) for c in value.columns)
        yield from (str(v) for v in value.to_numpy().ravel())
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    else:
        yield str(value)


def _no_personal_data(texts: list[str], *, small_village: bool = True) -> None:
    joined = "\n".join(texts)
    # pypdf reads a CID font back with NULs and spaces between the glyphs.
    flat = "".join(joined.replace("\x00", "").split())
    assert "PRIV-" not in joined and "PRIV-" not in flat
    for name in SECRET_NAMES:
        assert name not in joined and "".join(name.split()) not in flat
    if small_village:
        for name in SMALL_VILLAGE:
            assert "".join(name.split()) not in flat


def test_slide_data_holds_no_household_code_or_person(known: str) -> None:
    texts = [text for slide in SLIDES for text in _strings(_call(slide, CLI_ACTOR, known))]
    assert "에이 마을" in texts  # the walk does reach the villages' own words
    _no_personal_data(texts)


def _charts_read_not_drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents' charts are read instead of drawn: every word a picture would show (its
    data, titles and labels: the whole specification) is kept for the check, and a blank
    picture of the size asked for takes its place (drawing is tests/test_deck.py's; it was
    nearly all of this test's 14 s)."""
    from PIL import Image

    from energy.documents.chart_pictures import CHART_SCALE
    from energy.townhall import handout

    words: list[str] = []

    def read(chart: Any, *, width: int = 1200, height: int = 420) -> bytes:
        words.append(json.dumps(chart.to_dict(), ensure_ascii=False, default=str))
        out = io.BytesIO()
        Image.new("RGB", (int(width * CHART_SCALE), int(height * CHART_SCALE)), "white").save(
            out, format="PNG"
        )
        return out.getvalue()

    monkeypatch.setattr(deck, "chart_png", read)
    monkeypatch.setattr(handout, "chart_png", read)
    return words


@pytest.mark.slow
# The documents' words are the slides' figures, read on both stores by the tests above; what
# this checks is the making of six documents, the same on either (SQLite only).
@pytest.mark.parametrize("fresh_store", ["sqlite"], indirect=True)
def test_deck_and_handout_hold_no_personal_data(
    known: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pictured = _charts_read_not_drawn(monkeypatch)
    for lang in ("ko", "en"):
        pptx = deck.deck_pptx(CLI_ACTOR, FILTER, lang=lang, today=TODAY, url=known)
        texts = []
        for slide in Presentation(io.BytesIO(pptx)).slides:
            texts += [s.text_frame.text for s in slide.shapes if s.has_text_frame]
            texts.append(slide.notes_slide.notes_text_frame.text)
        assert any("에이 마을" in t or "A Village" in t for t in texts)
        _no_personal_data(texts)
        pdf = deck.handout_pdf(CLI_ACTOR, FILTER, lang=lang, today=TODAY, url=known)
        _no_personal_data([page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages])
        sheet = deck.village_summary_pdf(
            CLI_ACTOR, "A-1", year=YEAR, lang=lang, today=TODAY, url=known
        )
        _no_personal_data([page.extract_text() for page in PdfReader(io.BytesIO(sheet)).pages])
    assert len(pictured) > 10 and any("마포구" in words for words in pictured)  # the map
    _no_personal_data(pictured)


# --- access -------------------------------------------------------------------------------


@pytest.mark.parametrize("slide", SLIDES, ids=lambda f: f.__name__)
def test_a_viewer_sees_every_slide_and_a_committee_none(
    known: str, slide: Callable[..., Any]
) -> None:
    assert _call(slide, _actor(known, "town.hall"), known) is not None
    with pytest.raises(AccessDenied):
        _call(slide, _actor(known, "a.committee"), known)


def test_a_viewer_gets_no_village_page_and_writes_no_story(known: str) -> None:
    viewer = _actor(known, "town.hall")
    with pytest.raises(AccessDenied):  # a village's page reads its own tracking data
        townhall.village_sheet(viewer, "A-1", year=YEAR, today=TODAY, url=known)
    with pytest.raises(AccessDenied):
        stories.add_story(
            viewer,
            village="A-1",
            year=YEAR,
            quote_ko="말",
            attribution_ko="모임",
            today=TODAY,
            url=known,
        )


def test_staff_edit_and_remove_a_story(known: str) -> None:
    (first, *_) = stories.list_stories(CLI_ACTOR, url=known)
    changed = stories.update_story(
        CLI_ACTOR,
        first.id,
        year=2024,
        quote_ko="  새 말  ",
        attribution_ko="에이 주민모임",
        quote_en="New words",
        position=3,
        today=TODAY,
        url=known,
    )
    assert (changed.year, changed.quote_ko, changed.quote(lang="en"), changed.position) == (
        2024,
        "새 말",
        "New words",
        3,
    )
    with pytest.raises(InvalidInput) as caught:
        stories.update_story(
            CLI_ACTOR,
            first.id,
            year=2030,
            quote_ko="말",
            attribution_ko="모임",
            today=TODAY,
            url=known,
        )
    assert caught.value.key == "error.story_year"
    stories.delete_story(CLI_ACTOR, first.id, url=known)
    assert first.id not in {s.id for s in stories.list_stories(CLI_ACTOR, url=known)}


def test_staff_add_a_story_on_the_town_hall_screen(known: str) -> None:
    from streamlit.testing.v1 import AppTest

    from energy.core.catalogue import MESSAGES
    from energy.store.audit import list_audit
    from ui.core import state

    accounts.add_user(CLI_ACTOR, username="staff.one", password=PASSWORD, role="admin", url=known)
    app = Path(__file__).resolve().parent.parent / "app.py"
    at = AppTest.from_file(str(app), default_timeout=60)
    at.session_state[state.ACTOR] = _actor(known, "staff.one")
    at.run()
    at.switch_page("pages/townhall.py").run()
    assert not at.exception
    at.selectbox(key="townhall.story.add.village").set_value("B-1")
    at.number_input(key="townhall.story.add.year").set_value(2025)
    at.text_area(key="townhall.story.add.quote_ko").input("쉬는 동안에도 모임은 이어졌습니다.")
    at.text_input(key="townhall.story.add.attribution_ko").input("비 마을 주민모임")
    add = MESSAGES["townhall.story_add"]["ko"]
    next(b for b in at.button if b.label == add).click().run()
    assert not at.exception, [e.message for e in at.exception]
    added = [s for s in stories.list_stories(CLI_ACTOR, url=known) if s.village_code == "B-1"]
    assert [(s.year, s.quote_ko, s.attribution_ko) for s in added] == [
        (2025, "쉬는 동안에도 모임은 이어졌습니다.", "비 마을 주민모임")
    ]
    audited = list_audit(CLI_ACTOR, entity="townhall_stories", who="staff.one", url=known)
    assert [r.action for r in audited.records] == ["create"]
