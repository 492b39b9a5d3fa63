"""Readiness: scores built from measured facts, every fact visible, "no data" never guessed."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from energy.core.access import CLI_ACTOR
from energy.core.errors import AccessDenied
from energy.organisations import readiness
from energy.readings import imports as readings
from energy.readings.files import read_rows
from energy.villages import directory as villages
from energy.villages import households

TODAY = dt.date(2026, 11, 25)


def _add(url: str, code: str, cohort: int, stage: int, graduated: bool = False) -> None:
    villages.add_village(
        CLI_ACTOR, code=code, name=code, district="Mapo-gu", cohort_year=cohort,
        programme_year=stage, started_on=dt.date(cohort, 4, 1), today=TODAY, url=url,
    )  # fmt: skip
    if graduated:
        villages.set_programme_stage(CLI_ACTOR, code, programme_year=stage, graduated=True, url=url)


def _readings(url: str, code: str) -> None:
    """One household: 100 kWh a month up to October 2025, then 90 (a 10% saving)."""
    households.add_household(CLI_ACTOR, code, code="H-001", joined_on=dt.date(2022, 1, 1), url=url)
    lines = ["household,month,carrier,value,unit"]
    month = dt.date(2023, 1, 1)
    while month <= dt.date(2026, 10, 1):
        value = 100 if month <= dt.date(2025, 10, 1) else 90
        lines.append(f"H-001,{month:%Y-%m},electricity,{value},kWh")
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    readings.import_readings(
        CLI_ACTOR, code, read_rows("\n".join(lines).encode()), today=TODAY, url=url
    )


@pytest.fixture
def known(fresh_store: str) -> str:
    _add(fresh_store, "A-1", 2020, 3, graduated=True)  # saves 10%, one household
    _readings(fresh_store, "A-1")
    _add(fresh_store, "B-1", 2025, 2)  # year 2, no readings, paused once and came back
    villages.change_status(
        CLI_ACTOR, "B-1", status="paused", reason_code="lack_of_time",
        effective_on=dt.date(2025, 9, 1), today=TODAY, url=fresh_store,
    )  # fmt: skip
    villages.change_status(
        CLI_ACTOR, "B-1", status="active", reason_code="resumed",
        effective_on=dt.date(2026, 2, 1), today=TODAY, url=fresh_store,
    )  # fmt: skip
    _add(fresh_store, "C-1", 2026, 1)  # year 1: not a candidate yet
    _add(fresh_store, "D-1", 2019, 3, graduated=True)
    villages.change_status(
        CLI_ACTOR, "D-1", status="disbanded", reason_code="merged",
        effective_on=dt.date(2024, 1, 1), today=TODAY, url=fresh_store,
    )  # fmt: skip
    return fresh_store


def test_scores_come_from_the_facts_measured(known: str) -> None:
    result = readiness.readiness(CLI_ACTOR, today=TODAY, url=known)
    assert list(result.villages["code"]) == ["A-1", "B-1"]  # year 1 and disbanded left out
    a = result.villages.set_index("code").loc["A-1"]
    facts = result.facts_of(int(a["village_id"])).set_index("fact")
    assert facts.loc["savings", "value"] == pytest.approx(0.10)
    assert facts.loc["savings", "points"] == 30  # 10% earns every point
    assert facts.loc["households", "points"] == pytest.approx(round(20 / 30, 1))
    assert facts.loc["recording", "params"] == {"n": 12}
    assert facts.loc["recording", "points"] == 15
    assert facts.loc["funding_history", "params"] == {"years": 3, "stops": 0}
    assert facts.loc["funding_history", "points"] == 15
    earned = 30 + round(20 / 30, 1) + 15 + 15
    assert (a["points"], a["possible"]) == (pytest.approx(earned), 80)
    assert a["score"] == round(100 * earned / 80)
    assert (a["facts_measured"], a["facts_total"]) == (4, 7)


def test_training_grants_and_organisers_without_records_read_no_data(known: str) -> None:
    result = readiness.readiness(CLI_ACTOR, today=TODAY, url=known)
    for fact in ("training", "grants", "organisers"):
        rows = result.facts[result.facts["fact"] == fact]
        assert len(rows) == 2
        assert set(rows["detail_key"]) == {"readiness.no_data"}
        assert all(math.isnan(p) for p in rows["points"])
        assert rows["value"].isna().all()


def test_a_village_without_readings_has_no_savings_figure_and_a_pause_halves_its_history(
    known: str,
) -> None:
    result = readiness.readiness(CLI_ACTOR, today=TODAY, url=known)
    b = result.villages.set_index("code").loc["B-1"]
    facts = result.facts_of(int(b["village_id"])).set_index("fact")
    assert facts.loc["savings", "detail_key"] == "readiness.no_data"
    assert math.isnan(facts.loc["savings", "points"])
    assert facts.loc["households", "points"] == 0
    assert facts.loc["recording", "points"] == 0
    assert facts.loc["funding_history", "params"] == {"years": 1, "stops": 1}
    assert facts.loc["funding_history", "points"] == 2.5  # 1 of 3 years, halved by the pause
    assert (b["possible"], b["score"], b["facts_measured"]) == (50, 5, 3)  # 2.5 of 50


def test_readiness_is_for_staff_only(demo_store: str) -> None:
    from energy.accounts import users as accounts
    from energy.demo.load import DEMO_PASSWORD

    for name in ("reviewer", "committee", "viewer"):
        actor = accounts.authenticate(name, DEMO_PASSWORD, url=demo_store).actor
        assert actor is not None
        with pytest.raises(AccessDenied):
            readiness.readiness(actor, url=demo_store)


def test_training_grants_and_organisers_are_measured_where_recorded(demo_store: str) -> None:
    """The demo's calls, grants and training give some candidates each of these facts."""
    result = readiness.readiness(CLI_ACTOR, today=TODAY, url=demo_store)
    weights = {"training": 20, "grants": 10, "organisers": 10}
    details = {
        "training": "readiness.detail_training",
        "grants": "readiness.detail_grants",
        "organisers": "readiness.detail_organisers",
    }
    for fact, weight in weights.items():
        rows = result.facts[result.facts["fact"] == fact]
        measured = rows[rows["detail_key"] == details[fact]]
        assert len(measured) > 0, fact
        assert measured["points"].between(0, weight).all(), fact
        assert set(rows["detail_key"]) <= {details[fact], "readiness.no_data"}
