"""The district tier's role (issue 27): a district officer is always tied to one district, and
everything it reads is scoped to that district in the library, on both stores; it never
reads a household's readings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from energy.accounts import applicants
from energy.accounts import users as accounts
from energy.core.access import CLI_ACTOR, Actor, can, require_village, village_scope
from energy.core.errors import AccessDenied, InvalidInput
from energy.organisations import formation
from energy.readings.reporting import villages_lacking_readings
from energy.savings import compute as savings
from energy.savings import performance
from energy.store import db
from energy.store.models.accounts import User
from energy.store.models.villages import District, Village
from energy.training.schedule import SessionFilter, sessions_in
from energy.villages import directory as villages
from tests.energy_cli import energy

MAPO = "11440"  # the demo's district officer works for Mapo-gu


def _officer(url: str, username: str = "district") -> Actor:
    with db.session_for(CLI_ACTOR, url=url) as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        return accounts.actor_for(user)


def _village_ids(url: str, district_code: str) -> set[int]:
    with db.session_for(CLI_ACTOR, url=url) as session:
        return set(
            session.scalars(select(Village.id).join(District).where(District.code == district_code))
        )


def test_the_demo_officer_sees_its_district_and_nothing_else(demo_store: str) -> None:
    url = demo_store
    officer = _officer(url)
    mapo = _village_ids(url, MAPO)
    assert mapo, "the demo has villages in Mapo-gu"
    assert officer.role == "district" and village_scope(officer) == mapo

    listed = villages.list_villages(officer, url=url)
    assert {v.id for v in listed} == mapo
    assert {v.district_code for v in listed} == {MAPO}
    everyone = villages.list_villages(CLI_ACTOR, url=url)
    elsewhere = next(v for v in everyone if v.district_code != MAPO)
    with pytest.raises(AccessDenied):
        villages.get_village(officer, elsewhere.code, url=url)
    assert villages.get_village(officer, listed[0].code, url=url).village.id in mapo

    organisations = formation.list_organisations(officer, url=url)
    assert all(o.village_id in mapo for o in organisations)
    assert len(organisations) < len(formation.list_organisations(CLI_ACTOR, url=url))

    with db.session_for(officer, url=url) as session:
        shown = sessions_in(session, officer, SessionFilter(include_cancelled=True))
    assert all({v.id for v in s.villages} & mapo for s in shown) if shown else True

    month = dt.date.today().replace(day=1)
    assert all(v.village_id in mapo for v in villages_lacking_readings(officer, month, url=url))


def test_the_officer_never_reads_a_household_or_the_citys_league(demo_store: str) -> None:
    url = demo_store
    officer = _officer(url)
    own = min(_village_ids(url, MAPO))
    assert not can(officer, "tracking.read") and not can(officer, "tracking.write")
    with pytest.raises(AccessDenied):
        require_village(officer, own, "tracking.read")
    with pytest.raises(AccessDenied):
        savings.compute_savings(
            officer, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 1), url=url
        )
    with pytest.raises(AccessDenied):
        performance.village_league(
            officer, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 1), url=url
        )


def test_a_district_officer_needs_its_district(fresh_store: str) -> None:
    url = fresh_store
    with pytest.raises(InvalidInput) as refused:
        accounts.add_user(
            CLI_ACTOR, username="gu.officer", password="a long enough password", role="district",
            url=url,
        )  # fmt: skip
    assert refused.value.key == "error.district_officer_needs_district"
    added = accounts.add_user(
        CLI_ACTOR, username="gu.officer", password="a long enough password", role="district",
        district="마포구", url=url,
    )  # fmt: skip
    assert (added.role, added.district_code) == ("district", MAPO)
    with pytest.raises(InvalidInput):  # its district is not cleared while it is an officer
        applicants.set_user_district(CLI_ACTOR, "gu.officer", None, url=url)
    accounts.add_user(
        CLI_ACTOR, username="kim", password="another long password", role="viewer", url=url
    )
    with pytest.raises(InvalidInput):  # nor is an account without one made an officer
        accounts.update_user(
            CLI_ACTOR, "kim", role="district", display_name="kim", village_code=None, url=url
        )
    changed = accounts.update_user(
        CLI_ACTOR, "kim", role="district", display_name="kim", village_code=None,
        district="Dongjak-gu", url=url,
    )  # fmt: skip
    assert changed.district_code == "11590"


def test_the_command_line_adds_an_officer_only_with_its_district(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'district.db'}"
    energy(url, "db", "upgrade")
    refused = energy(
        url, "user", "add", "gu.officer", "--role", "district", "--password-stdin",
        stdin="a long enough password\n",
    )  # fmt: skip
    assert refused.returncode != 0
    assert "needs the district it works for" in refused.stderr
    added = energy(
        url, "user", "add", "gu.officer", "--role", "district", "--district", "마포구",
        "--password-stdin", stdin="a long enough password\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "11440" in added.stdout
