"""Migration 0009 up and down on both stores: members' organiser link, the yearly
public-benefit share and labour costs, the social enterprise's added steps; and no trigger
lost to SQLite's table rebuilds (batch mode recreates the two tables it alters)."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import inspect, select, text

from energy.core.access import CLI_ACTOR
from energy.organisations import formation
from energy.organisations.formation_rules import CHECKLISTS
from energy.store import db
from energy.store.db import session_for
from energy.store.models.organisations import FormationStep, OrganisationMember, OrganisationYear
from energy.villages import directory as villages
from tests.migrations import kept_as_of

TODAY = dt.date(2026, 11, 25)
CERTIFIED = dt.date(2025, 8, 10)
ADDED_STEPS = {"articles", "social_purpose", "stakeholder_governance"}


def _triggers(url: str) -> set[str]:
    with db.get_engine(url).connect() as conn:
        if conn.dialect.name == "sqlite":
            query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        else:
            query = (
                "SELECT tgrelid::regclass || '.' || tgname FROM pg_trigger WHERE NOT tgisinternal"
            )
        return set(conn.execute(text(query)).scalars())


def _columns(url: str, table: str) -> set[str]:
    db.dispose_engine(url)  # forget reflected state of the rebuilt tables
    return {c["name"] for c in inspect(db.get_engine(url)).get_columns(table)}


def _steps(url: str) -> dict[tuple[int, str], dt.date | None]:
    with db.get_engine(url).connect() as conn:
        rows = conn.execute(text("SELECT organisation_id, step, done_on FROM formation_steps"))
        return {
            (r[0], r[1]): (dt.date.fromisoformat(r[2]) if isinstance(r[2], str) else r[2])
            for r in rows
        }


def _enterprises(url: str) -> tuple[int, int]:
    """A certified social enterprise (every step done) and one that has just begun."""
    villages.add_village(
        CLI_ACTOR, code="DJK-2020-01", name="상도 마을", district="동작구", cohort_year=2020,
        today=TODAY, url=url,
    )  # fmt: skip
    ids = []
    for name in ("인증 받은 기업", "준비 중인 기업"):
        made = formation.start_formation(
            CLI_ACTOR, village="DJK-2020-01", legal_form="social_enterprise", name=name,
            started_on=dt.date(2024, 1, 1), today=TODAY, url=url,
        )  # fmt: skip
        ids.append(made.organisation.id)
    with session_for(CLI_ACTOR, write=True, url=url) as session:
        for step in session.scalars(select(FormationStep)):
            if step.organisation_id == ids[0]:
                step.done_on = CERTIFIED
            elif step.step == "legal_entity":
                step.done_on = dt.date(2025, 1, 2)
        session.add(
            OrganisationMember(
                organisation_id=ids[0], name="회원", kind="resident", joined_on=CERTIFIED
            )
        )
        session.add(OrganisationYear(organisation_id=ids[0], year=2025, labour_costs_krw=1))
    return ids[0], ids[1]


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0009_up_and_down_keeps_data_and_triggers(
    empty_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = empty_database
    db.upgrade(url, "0008")
    before = _triggers(url)
    assert before, "0004 and 0008 create triggers"
    db.upgrade(url, "0009")
    assert db.current_revision(url) == "0009"
    assert _triggers(url) == before
    assert "organiser_id" in _columns(url, "organisation_members")
    assert {"public_benefit_pct", "labour_costs_krw"} <= _columns(url, "organisation_years")
    foreign = [
        fk
        for fk in inspect(db.get_engine(url)).get_foreign_keys("organisation_members")
        if fk["constrained_columns"] == ["organiser_id"]
    ]
    assert [
        (fk["name"], fk["referred_table"], fk["options"].get("ondelete")) for fk in foreign
    ] == [("fk_organisation_members_organiser_id_call_organisers", "call_organisers", "SET NULL")]
    kept_as_of(monkeypatch, "0009")  # today's writes, as a store at 0009 keeps them
    certified, begun = _enterprises(url)
    monkeypatch.undo()
    db.dispose_engine(url)

    command.downgrade(db.alembic_config(url), "0008")
    assert _triggers(url) == before
    assert "organiser_id" not in _columns(url, "organisation_members")
    assert "public_benefit_pct" not in _columns(url, "organisation_years")
    steps = _steps(url)
    assert {s for (_, s) in steps} == {s.key for s in CHECKLISTS["social_enterprise"]} - ADDED_STEPS
    with db.get_engine(url).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM organisation_members")).scalar() == 1

    # Upgrading a store that holds social enterprises adds their new steps: done with the
    # certification where they are certified, to do where they are not.
    db.upgrade(url)
    assert _triggers(url) == before
    steps = _steps(url)
    assert {s: steps[(certified, s)] for s in ADDED_STEPS} == dict.fromkeys(ADDED_STEPS, CERTIFIED)
    assert {s: steps[(begun, s)] for s in ADDED_STEPS} == dict.fromkeys(ADDED_STEPS)
    summary = formation.checklist(CLI_ACTOR, certified, today=TODAY, url=url).organisation
    assert (summary.stage, summary.founded_on) == ("founded", CERTIFIED)
    assert formation.checklist(CLI_ACTOR, begun, today=TODAY, url=url).step("articles").state == (
        "ready"
    )
    command.check(db.alembic_config(url))


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0010_drops_the_unused_batch_index_and_nothing_else(empty_database: str) -> None:
    url = empty_database

    def reading_indexes() -> set[str]:
        names = {i["name"] for i in inspect(db.get_engine(url)).get_indexes("readings")}
        db.dispose_engine(url)
        return {n for n in names if n}

    db.upgrade(url, "0009")
    before, triggers = reading_indexes(), _triggers(url)
    assert "ix_readings_batch_id" in before
    db.upgrade(url, "0010")
    assert db.current_revision(url) == "0010"
    assert reading_indexes() == before - {"ix_readings_batch_id"}
    assert _triggers(url) == triggers
    command.downgrade(db.alembic_config(url), "0009")
    assert reading_indexes() == before
