"""Members linked to the organisers named on their village's call applications: the choices,
the rule that an organiser belongs to the organisation's own village, the register."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import select

from energy.core.access import CLI_ACTOR, Actor
from energy.core.errors import AccessDenied, InvalidInput
from energy.core.i18n import translate
from energy.demo.call import _new_call
from energy.organisations import formation
from energy.organisations import organisers as organisation_organisers
from energy.organisations import registry as organisations
from energy.organisations.registry import MemberInput
from energy.store.db import session_for
from energy.store.models.call import Application, Organiser
from energy.store.models.organisations import Organisation, OrganisationMember
from energy.store.models.villages import Village
from energy.villages import directory as villages

TODAY = dt.date(2026, 11, 25)
D = dt.date


def _application(
    url: str, code: str, year: int, names: list[str], *, status: str = "selected"
) -> list[int]:
    """An application of the village ``code`` to the call of ``year``; its organisers' ids."""
    with session_for(CLI_ACTOR, write=True, url=url) as session:
        village = session.scalar(select(Village).where(Village.code == code))
        assert village is not None
        call = _new_call(year, D(year, 2, 1), D(year, 3, 15))
        session.add(call)
        session.flush()
        app = Application(
            call_id=call.id, reference=f"{year}-{code}", entered_by="test", status=status,
            village_id=village.id, village_name=village.name,
        )  # fmt: skip
        app.organisers.extend(
            Organiser(position=i + 1, name=name, contact="010-0000-0000", lives_in_district=True)
            for i, name in enumerate(names)
        )
        session.add(app)
        session.flush()
        return [o.id for o in app.organisers]


@pytest.fixture
def two_villages(fresh_store: str) -> tuple[str, int, list[int], list[int]]:
    """An organisation in 성산동 (organisers from two calls) and a neighbour's organisers."""
    for code, name in (("MPO-2023-01", "성산동 마을"), ("MPO-2023-02", "망원동 마을")):
        villages.add_village(
            CLI_ACTOR, code=code, name=name, district="Mapo-gu", cohort_year=2023, today=TODAY,
            url=fresh_store,
        )  # fmt: skip
    own = _application(fresh_store, "MPO-2023-01", 2023, ["김하늘", "이바다", "박노을"])
    own += _application(fresh_store, "MPO-2023-01", 2024, ["김하늘", "최솔"])
    other = _application(fresh_store, "MPO-2023-02", 2023, ["정나래", "한별", "오름"])
    made = formation.start_formation(
        CLI_ACTOR, village="MPO-2023-01", legal_form="cooperative", name="성산 햇빛협동조합",
        started_on=D(2025, 1, 1), today=TODAY, url=fresh_store,
    )  # fmt: skip
    return fresh_store, made.organisation.id, own, other


def test_the_choices_are_the_village_organisers_newest_call_first(
    two_villages: tuple[str, int, list[int], list[int]],
) -> None:
    url, org, own, _ = two_villages
    _application(url, "MPO-2023-01", 2025, ["초안만"], status="draft")  # may still change
    choices = organisation_organisers.organiser_choices(CLI_ACTOR, org, url=url)
    assert [(c.name, c.call_year, c.member) for c in choices] == [
        ("김하늘", 2024, None), ("최솔", 2024, None),
        ("김하늘", 2023, None), ("이바다", 2023, None), ("박노을", 2023, None),
    ]  # fmt: skip
    assert {c.id for c in choices} == set(own)


def test_a_member_linked_to_an_organiser_takes_the_name_and_is_marked(
    two_villages: tuple[str, int, list[int], list[int]],
) -> None:
    url, org, own, _ = two_villages
    organisations.add_members(
        CLI_ACTOR, org,
        [
            MemberInput("", "organiser", D(2025, 1, 5), organiser_id=own[1], is_founder=True),
            MemberInput("김하늘 (대표)", "organiser", D(2025, 1, 5), organiser_id=own[3],
                        is_founder=True),
            MemberInput("주민 한 분", "resident", D(2025, 2, 1)),
        ],
        today=TODAY, url=url,
    )  # fmt: skip
    detail = organisations.organisation_detail(CLI_ACTOR, org, today=TODAY, url=url)
    register = detail.members.set_index("name")
    assert register.loc["이바다", ["organiser", "organiser_year"]].tolist() == ["이바다", 2023]
    assert register.loc["김하늘 (대표)", ["organiser", "organiser_year"]].tolist() == [
        "김하늘",
        2024,
    ]
    assert pd.isna(register.loc["주민 한 분", "organiser"])
    assert (detail.capital.founders, detail.capital.founders_organisers) == (2, 2)
    marked = {
        (c.name, c.call_year): c.member
        for c in organisation_organisers.organiser_choices(CLI_ACTOR, org, url=url)
    }
    assert marked[("이바다", 2023)] == "이바다"
    assert marked[("김하늘", 2024)] == "김하늘 (대표)"
    assert marked[("김하늘", 2023)] is None
    # The same organiser cannot be a second current member.
    with pytest.raises(InvalidInput) as caught:
        organisations.add_member(
            CLI_ACTOR, org, MemberInput("", "organiser", D(2025, 3, 1), organiser_id=own[1]),
            today=TODAY, url=url,
        )  # fmt: skip
    assert caught.value.key == "error.organisation_organiser_member"
    with pytest.raises(InvalidInput) as caught:
        organisations.add_members(
            CLI_ACTOR, org,
            [MemberInput("", "organiser", D(2025, 3, 1), organiser_id=own[4])] * 2,
            today=TODAY, url=url,
        )  # fmt: skip
    assert caught.value.key == "error.organisation_organiser_twice"


def test_an_organiser_of_another_village_cannot_be_linked(
    two_villages: tuple[str, int, list[int], list[int]],
) -> None:
    url, org, _, other = two_villages
    with pytest.raises(InvalidInput) as caught:
        organisations.add_member(
            CLI_ACTOR, org, MemberInput("정나래", "organiser", D(2025, 1, 5), organiser_id=other[0]),
            today=TODAY, url=url,
        )  # fmt: skip
    assert (caught.value.key, caught.value.field) == (
        "error.organisation_organiser_other_village",
        "organiser",
    )
    assert caught.value.message("ko").startswith("정나래 님은 다른 마을 신청서의 활동가입니다.")
    assert caught.value.message("en").startswith("정나래 is an organiser of another village's")
    with pytest.raises(InvalidInput) as caught:
        organisations.add_member(
            CLI_ACTOR, org, MemberInput("없음", "organiser", D(2025, 1, 5), organiser_id=999_999),
            today=TODAY, url=url,
        )  # fmt: skip
    assert caught.value.key == "error.organisation_unknown_organiser"
    # Nothing was written: the register is still empty.
    assert organisations.organisation_detail(CLI_ACTOR, org, url=url).members.empty
    assert translate("error.organisation_organiser_other_village", "en", name="x")


def test_only_writers_of_the_village_see_the_choices(
    two_villages: tuple[str, int, list[int], list[int]],
) -> None:
    url, org, _, _ = two_villages
    for actor in (
        Actor("rev", "reviewer"),  # reads organisations, writes none
        Actor("cmt", "committee", village_id=1),
    ):
        with pytest.raises(AccessDenied):
            organisation_organisers.organiser_choices(actor, org, url=url)


def test_removing_an_application_organiser_unlinks_the_member(
    two_villages: tuple[str, int, list[int], list[int]],
) -> None:
    url, org, own, _ = two_villages
    organisations.add_member(
        CLI_ACTOR, org, MemberInput("", "organiser", D(2025, 1, 5), organiser_id=own[0]),
        today=TODAY, url=url,
    )  # fmt: skip
    with session_for(CLI_ACTOR, write=True, url=url) as session:
        organiser = session.get(Organiser, own[0])
        session.delete(organiser)
    register = organisations.organisation_detail(CLI_ACTOR, org, url=url).members
    assert register["name"].tolist() == ["김하늘"]
    assert register["organiser"].isna().all()


def test_the_demo_links_founders_to_their_own_village_organisers(demo_store: str) -> None:
    with session_for(CLI_ACTOR, url=demo_store) as session:
        links = session.execute(
            select(Organisation.village_id, Application.village_id, OrganisationMember.is_founder)
            .join(OrganisationMember, OrganisationMember.organisation_id == Organisation.id)
            .join(Organiser, Organiser.id == OrganisationMember.organiser_id)
            .join(Application, Application.id == Organiser.application_id)
        ).all()
    assert len(links) >= 3
    assert all(own == applied and founder for own, applied, founder in links)
