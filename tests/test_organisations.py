"""An organisation's register, all organisations side by side, and the pipeline by stage."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from energy.core.access import CLI_ACTOR, Actor
from energy.core.errors import AccessDenied, InvalidInput, NotFound
from energy.organisations import formation
from energy.organisations import registry as organisations
from energy.organisations.formation_rules import PHASES
from energy.organisations.registry import MemberInput
from energy.villages import directory as villages
from energy.villages import households

TODAY = dt.date(2026, 11, 25)
D = dt.date


@pytest.fixture
def org(fresh_store: str) -> tuple[str, int]:
    villages.add_village(
        CLI_ACTOR, code="MPO-2020-01", name="성산동 마을", district="Mapo-gu", cohort_year=2020,
        today=TODAY, url=fresh_store,
    )  # fmt: skip
    for code in ("H-001", "H-002"):
        households.add_household(
            CLI_ACTOR, "MPO-2020-01", code=code, joined_on=D(2020, 5, 1), url=fresh_store
        )
    made = formation.start_formation(
        CLI_ACTOR, village="MPO-2020-01", legal_form="cooperative", name="성산 햇빛협동조합",
        name_en="Seongsan Solar Co-op", started_on=D(2025, 1, 1), share_price_krw=50_000,
        today=TODAY, url=fresh_store,
    )  # fmt: skip
    return fresh_store, made.organisation.id


def _detail(url: str, org_id: int) -> organisations.OrganisationDetail:
    return organisations.organisation_detail(CLI_ACTOR, org_id, today=TODAY, url=url)


def test_members_link_households_and_capital_is_shares_times_price(org: tuple[str, int]) -> None:
    url, org_id = org
    organisations.add_members(
        CLI_ACTOR,
        org_id,
        [
            MemberInput("김하늘", "organiser", D(2025, 1, 5), is_founder=True, board_role="chair",
                        shares_pledged=10, shares_paid=10),
            MemberInput("H-001 가구", "household", D(2025, 2, 1), household="H-001",
                        shares_pledged=4, shares_paid=1),
            MemberInput("이바다", "resident", D(2025, 2, 1), board_role="auditor",
                        shares_pledged=2),
        ],
        today=TODAY,
        url=url,
    )  # fmt: skip
    detail = _detail(url, org_id)
    capital = detail.capital
    assert (capital.members, capital.founders) == (3, 1)
    assert (capital.shares_pledged, capital.shares_paid) == (16, 11)
    assert (capital.pledged_krw, capital.paid_krw) == (800_000, 550_000)
    assert detail.members.set_index("name").loc["H-001 가구", "household"] == "H-001"
    assert list(detail.board["board_role"]) == ["chair", "auditor"]
    member_id = int(detail.members.set_index("name").loc["이바다", "id"])
    organisations.update_member(
        CLI_ACTOR, member_id, shares_pledged=2, shares_paid=0, board_role="auditor",
        left_on=D(2026, 6, 30), today=TODAY, url=url,
    )  # fmt: skip
    after = _detail(url, org_id)
    assert (after.capital.members, after.capital.shares_pledged) == (2, 14)
    assert list(after.board["board_role"]) == ["chair"]  # a member who left leaves the board


@pytest.mark.parametrize(
    ("member", "error"),
    [
        (MemberInput("가", "household", D(2025, 1, 1), household="H-999"), NotFound),
        (MemberInput("가", "resident", D(2025, 1, 1), shares_pledged=1, shares_paid=2), InvalidInput),
        (MemberInput("가", "alien", D(2025, 1, 1)), InvalidInput),
        (MemberInput(" ", "resident", D(2025, 1, 1)), InvalidInput),
        (MemberInput("가", "resident", D(2027, 1, 1)), InvalidInput),
    ],
)  # fmt: skip
def test_a_bad_member_is_refused_and_nothing_is_added(
    org: tuple[str, int], member: MemberInput, error: type[Exception]
) -> None:
    url, org_id = org
    good = MemberInput("좋은 회원", "resident", D(2025, 1, 1))
    with pytest.raises(error):
        organisations.add_members(CLI_ACTOR, org_id, [good, member], today=TODAY, url=url)
    assert _detail(url, org_id).members.empty


def test_assets_years_and_registration(org: tuple[str, int]) -> None:
    url, org_id = org
    organisations.add_asset(
        CLI_ACTOR, org_id, name="성산 도서관 옥상", capacity_kw=30.0, yearly_kwh=34_560,
        commissioned_on=D(2026, 5, 1), today=TODAY, url=url,
    )  # fmt: skip
    with pytest.raises(InvalidInput):
        organisations.add_asset(CLI_ACTOR, org_id, name="x", capacity_kw=0, url=url)
    organisations.record_year(
        CLI_ACTOR, org_id, 2025, figures={"checkups": 40, "revenue_krw": 1_000_000},
        today=TODAY, url=url,
    )  # fmt: skip
    organisations.record_year(  # a second report of the same year replaces the first
        CLI_ACTOR, org_id, 2025, figures={"checkups": 45, "jobs_part_time": 2},
        today=TODAY, url=url,
    )  # fmt: skip
    with pytest.raises(InvalidInput):
        organisations.record_year(CLI_ACTOR, org_id, 2027, figures={}, today=TODAY, url=url)
    organisations.set_registration(
        CLI_ACTOR, org_id, report_no="마포-2025-07", corporate_registration_no="110111-1234567",
        business_registration_no="105-82-12345", share_price_krw=50_000, url=url,
    )  # fmt: skip
    detail = _detail(url, org_id)
    assert detail.assets[["capacity_kw", "yearly_kwh"]].values.tolist() == [[30.0, 34_560.0]]
    year = detail.years.set_index("year").loc[2025]
    assert (year["checkups"], year["revenue_krw"], year["jobs_part_time"]) == (45, 0, 2)
    assert detail.organisation.business_registration_no == "105-82-12345"
    row = organisations.compare_organisations(CLI_ACTOR, today=TODAY, url=url).iloc[0]
    assert (row["solar_kw"], row["solar_kwh_year"], row["report_year"]) == (30.0, 34_560.0, 2025)
    assert (row["checkups"], row["stage"], row["next_step"]) == (45, "preparing", "founders")


def test_the_demo_has_organisations_at_every_stage(demo_store: str) -> None:
    found = organisations.pipeline(CLI_ACTOR, url=demo_store)
    by_stage = found.counts.groupby("stage")["organisations"].sum()
    assert set(by_stage.index) == set(PHASES)
    assert (by_stage > 0).all(), by_stage
    assert len(found.organisations) == int(by_stage.sum())
    assert {o.legal_form for o in found.at("founded")} >= {"cooperative", "social_cooperative"}
    side = organisations.compare_organisations(CLI_ACTOR, url=demo_store).set_index("name")
    dobong = side.loc["도봉 시민햇빛발전 사회적협동조합"]
    assert (dobong["members"], dobong["solar_kw"]) == (1_700, 75.0)
    assert side.loc["성대골 사회적협동조합", "household_members"] > 0


def _login(url: str, name: str) -> Actor:
    from energy.accounts import users as accounts
    from energy.demo.load import DEMO_PASSWORD

    actor = accounts.authenticate(name, DEMO_PASSWORD, url=url).actor
    assert actor is not None
    return actor


def test_committees_read_their_own_village_only_and_never_write(demo_store: str) -> None:
    mine, theirs = _login(demo_store, "committee"), _login(demo_store, "committee2")
    own = formation.list_organisations(mine, url=demo_store)
    assert own and {o.village_code for o in own} == {"DJK-2012-01"}
    assert organisations.organisation_detail(mine, own[0].id, url=demo_store).capital.members > 0
    with pytest.raises(AccessDenied):
        formation.checklist(theirs, own[0].id, url=demo_store)
    with pytest.raises(AccessDenied):
        formation.record_step(mine, own[0].id, "bylaws", note="x", url=demo_store)
    with pytest.raises(AccessDenied):
        organisations.add_member(
            mine, own[0].id, MemberInput("가", "resident", D(2025, 1, 1)), url=demo_store
        )
    with pytest.raises(AccessDenied):
        formation.list_organisations(_login(demo_store, "viewer"), url=demo_store)


def test_the_town_hall_counts_organisations_founded_their_members_and_jobs(
    fresh_store: str,
) -> None:
    from energy.townhall import figures as townhall

    villages.add_village(
        CLI_ACTOR, code="GRO-2020-01", name="구로 마을", district="Guro-gu", cohort_year=2020,
        today=TODAY, url=fresh_store,
    )  # fmt: skip

    def figures(year: int) -> townhall.OrganisationFigures | None:
        slide = townhall.organisations(
            CLI_ACTOR, townhall.TownHallFilter(year=year), today=TODAY, url=fresh_store
        )
        return slide.figures

    assert figures(2025) is None  # nothing recorded yet: no number at all
    org_id = formation.start_formation(
        CLI_ACTOR, village="GRO-2020-01", legal_form="social_enterprise", name="구로 에너지",
        started_on=D(2025, 1, 1), today=TODAY, url=fresh_store,
    ).organisation.id  # fmt: skip
    organisations.add_members(
        CLI_ACTOR, org_id, [MemberInput(f"회원{i}", "resident", D(2025, 1, 2)) for i in range(3)],
        today=TODAY, url=fresh_store,
    )  # fmt: skip
    organisations.record_year(
        CLI_ACTOR, org_id, 2025,
        figures={"jobs_full_time": 1, "jobs_part_time": 2, "revenue_krw": 60_000_000},
        labour_costs_krw=90_000_000, today=TODAY, url=fresh_store,
    )  # fmt: skip
    for step, day in (
        ("legal_entity", D(2025, 1, 20)), ("articles", D(2025, 1, 25)),
        ("social_purpose", D(2025, 1, 25)), ("stakeholder_governance", D(2025, 1, 30)),
        ("business_registration", D(2025, 2, 10)), ("paid_workers", D(2025, 3, 1)),
        ("certification", D(2025, 8, 10)),
    ):  # fmt: skip
        formation.record_step(CLI_ACTOR, org_id, step, done_on=day, today=TODAY, url=fresh_store)
    found = figures(2025)
    assert found is not None
    assert (found.founded, found.members, found.jobs) == (1, 3, 3)
    assert found.by_form == {
        "cooperative": 0, "social_cooperative": 0, "nonprofit": 0, "social_enterprise": 1,
    }  # fmt: skip
    assert found.each == (("구로 에너지", None, "social_enterprise", 3),)
    before = figures(2024)
    assert before is not None and (before.founded, before.members, before.jobs) == (0, 0, 0)
    assert before.each == ()


def test_the_town_hall_names_each_organisation_founded_with_its_members(demo_store: str) -> None:
    """The organisations slide's bars: each organisation founded by the period's end and its
    members then, counted from the member rows one by one; the slide draws them in both
    languages (English names where given)."""
    from energy.store.db import session_for
    from energy.store.models.organisations import OrganisationMember
    from energy.townhall import figures as townhall
    from energy.townhall.presentation import organisations_view

    year = townhall.default_year()
    slide = townhall.organisations(CLI_ACTOR, townhall.TownHallFilter(year=year), url=demo_store)
    found = slide.figures
    assert found is not None and len(found.each) == found.founded > 1
    last_day = D(year, 12, 31)
    with session_for(CLI_ACTOR, url=demo_store) as session:
        rows = session.execute(
            select(
                OrganisationMember.organisation_id,
                OrganisationMember.joined_on,
                OrganisationMember.left_on,
            )
        ).all()
    listed = {o.name: o.id for o in formation.list_organisations(CLI_ACTOR, url=demo_store)}
    for name, _, _, members in found.each:
        by_hand = sum(
            1
            for org, joined, left in rows
            if org == listed[name] and joined <= last_day and (left is None or left > last_day)
        )
        assert members == by_hand, name
    assert sum(n for *_, n in found.each) == found.members
    assert [n for *_, n in found.each] == sorted((n for *_, n in found.each), reverse=True)
    for lang in ("ko", "en"):
        assert organisations_view(slide, lang).chart is not None


def test_the_side_by_side_export_is_formula_safe(org: tuple[str, int]) -> None:
    from energy.documents import exports

    url, _ = org
    formation.start_formation(
        CLI_ACTOR, village="MPO-2020-01", legal_form="nonprofit", name='=HYPERLINK("x")',
        started_on=D(2025, 1, 1), today=TODAY, url=url,
    )  # fmt: skip
    frame = organisations.compare_organisations(CLI_ACTOR, today=TODAY, url=url)
    text = exports.to_csv_bytes(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_a_number_too_large_for_its_column_is_explained_and_nothing_saved(
    org: tuple[str, int],
) -> None:
    """Counts are INTEGER columns (PostgreSQL's int4) and amounts BIGINT: a number typed far
    too large is refused with a message, on both stores (PostgreSQL raised a DataError)."""
    url, org_id = org
    too_many = formation.INTEGER_MAX + 1
    attempts = [
        lambda: organisations.record_year(CLI_ACTOR, org_id, 2025, figures={"checkups": too_many},
                                          today=TODAY, url=url),
        lambda: organisations.set_registration(
            CLI_ACTOR, org_id, report_no=None, corporate_registration_no=None,
            business_registration_no=None, share_price_krw=5_000_000_000, url=url),
        lambda: organisations.add_members(
            CLI_ACTOR, org_id, [MemberInput("김하늘", "resident", D(2025, 1, 5),
                                            shares_pledged=3_000_000_000)], today=TODAY, url=url),
        lambda: organisations.record_year(
            CLI_ACTOR, org_id, 2025, figures={"revenue_krw": formation.BIGINT_MAX + 1},
            today=TODAY, url=url),
    ]  # fmt: skip
    for attempt in attempts:
        with pytest.raises(InvalidInput) as caught:
            attempt()
        assert caught.value.key == "error.number_too_large"
    detail = _detail(url, org_id)
    assert detail.years.empty and detail.members.empty
    assert detail.organisation.share_price_krw == 50_000
    # A won amount may pass the INTEGER limit: revenue is BIGINT.
    organisations.record_year(
        CLI_ACTOR, org_id, 2025, figures={"revenue_krw": 3_000_000_000}, today=TODAY, url=url
    )
    assert _detail(url, org_id).years.set_index("year").loc[2025]["revenue_krw"] == 3_000_000_000


def test_the_organisations_slide_draws_the_eight_largest_and_tells_of_the_rest() -> None:
    """Ten organisations: the eight with most members are drawn (English names where given,
    else the Korean one), and the speaker notes say two more are in the totals only."""
    from energy.townhall.pending import OrganisationFigures, OrganisationsSlide
    from energy.townhall.presentation import SHOWN_ORGANISATIONS, organisations_view
    from energy.townhall.scope import ScopeInfo

    each = tuple(
        (f"조합{n}", f"Co-op {n}" if n % 2 else None, "cooperative", 100 - n) for n in range(10)
    )
    figures = OrganisationFigures(10, {"cooperative": 10}, sum(m for *_, m in each), 3, each)
    scope = ScopeInfo(2025, D(2025, 1, 1), D(2025, 12, 1), None, None, None, 5, 100, 5)
    view = organisations_view(OrganisationsSlide(scope, figures), "en")
    assert view.chart is not None
    [rows] = view.chart.to_dict()["datasets"].values()
    assert [r["label"] for r in rows] == ["조합0", "Co-op 1", "조합2", "Co-op 3", "조합4",
                                          "Co-op 5", "조합6", "Co-op 7"]  # fmt: skip
    assert len(rows) == SHOWN_ORGANISATIONS
    assert "2 more are not among the bars" in view.notes
