"""Lessons from villages that stop: counts by cohort, year and reason, and survival."""

from __future__ import annotations

import datetime as dt

import pytest

from energy.core.access import CLI_ACTOR
from energy.core.errors import AccessDenied
from energy.villages import directory as villages
from energy.villages import lessons

TODAY = dt.date(2026, 11, 25)
D = dt.date


def _village(url: str, code: str, cohort: int) -> None:
    villages.add_village(
        CLI_ACTOR, code=code, name=code, district="Jongno-gu", cohort_year=cohort,
        started_on=D(cohort, 4, 1), today=TODAY, url=url,
    )  # fmt: skip


def _change(url: str, code: str, status: str, reason: str, day: dt.date) -> None:
    villages.change_status(
        CLI_ACTOR, code, status=status, reason_code=reason, effective_on=day,
        note="메모" if reason == "other" else None, today=TODAY, url=url,
    )  # fmt: skip


@pytest.fixture
def known(fresh_store: str) -> str:
    """Cohort 2020: A (disbanded 2022-04-01, conflict), B (paused 2021, back 2022, paused
    2024 lack of time), C (never stopped). Cohort 2024: D (disbanded 2025-10-01, merged),
    E (never stopped)."""
    for code, cohort in (("A-1", 2020), ("B-1", 2020), ("C-1", 2020), ("D-1", 2024), ("E-1", 2024)):
        _village(fresh_store, code, cohort)
    _change(fresh_store, "A-1", "disbanded", "internal_conflict", D(2022, 4, 1))
    _change(fresh_store, "B-1", "paused", "organisers_moved", D(2021, 6, 1))
    _change(fresh_store, "B-1", "active", "resumed", D(2022, 3, 1))
    _change(fresh_store, "B-1", "paused", "lack_of_time", D(2024, 9, 1))
    _change(fresh_store, "D-1", "disbanded", "merged", D(2025, 10, 1))
    return fresh_store


def test_the_totals(known: str) -> None:
    found = lessons.lessons(CLI_ACTOR, today=TODAY, url=known)
    assert (found.villages, found.ever_paused, found.ever_disbanded, found.came_back) == (
        5, 1, 2, 1,
    )  # fmt: skip
    assert (found.paused_now, found.disbanded_now) == (1, 2)
    assert len(found.events) == 5


def test_by_year_cohort_and_reason(known: str) -> None:
    found = lessons.lessons(CLI_ACTOR, today=TODAY, url=known)
    by_year = found.by_year.set_index(["year", "kind"])["events"]
    assert by_year[(2021, "paused")] == 1
    assert (by_year[(2022, "disbanded")], by_year[(2022, "came_back")]) == (1, 1)
    assert by_year[(2024, "paused")] == 1
    assert by_year[(2025, "disbanded")] == 1
    assert by_year.sum() == 5
    assert by_year.index.get_level_values("year").min() == 2020  # the first cohort, zeros kept
    by_cohort = found.by_cohort.set_index("cohort")
    assert by_cohort.loc[2020].to_dict() == {
        "villages": 3, "paused": 1, "disbanded": 1, "came_back": 1,
    }  # fmt: skip
    assert by_cohort.loc[2024].to_dict() == {
        "villages": 2, "paused": 0, "disbanded": 1, "came_back": 0,
    }  # fmt: skip
    by_reason = found.by_reason.set_index(["reason", "kind"])["events"]
    assert by_reason[("internal_conflict", "disbanded")] == 1
    assert by_reason[("merged", "disbanded")] == 1
    assert by_reason[("organisers_moved", "paused")] == 1
    assert by_reason[("lack_of_time", "paused")] == 1
    assert by_reason.sum() == 4  # coming back is not a reason to stop
    assert set(found.by_reason["reason"]) == set(lessons.STOP_REASONS)


def test_how_long_villages_last(known: str) -> None:
    found = lessons.lessons(CLI_ACTOR, today=TODAY, url=known)
    survival = found.survival.set_index(["cohort", "years"])
    # Cohort 2020 started on 1 April 2020; A disbanded two years on the day: gone at year 2.
    assert survival.loc[(2020, 1), "share"] == 1.0
    assert survival.loc[(2020, 2), "share"] == pytest.approx(2 / 3)
    assert survival.loc[(2020, 3), ["observed", "lasting"]].tolist() == [3, 2]
    assert survival.loc[(2020, 6), "share"] == pytest.approx(2 / 3)
    assert (2020, 7) not in survival.index  # April 2027 is still to come
    assert survival.loc[(2024, 1), ["observed", "lasting"]].tolist() == [2, 2]
    assert survival.loc[(2024, 2), "observed"] == 2 and survival.loc[(2024, 2), "lasting"] == 1
    assert sorted(found.lifetimes["years_lasted"]) == [1.5, 2.0]
    assert found.median_years_to_disband == 1.75


def test_lessons_are_for_staff_and_experts(demo_store: str) -> None:
    from energy.accounts import users as accounts
    from energy.demo.load import DEMO_PASSWORD

    for name, allowed in (("reviewer", True), ("committee", False), ("viewer", False)):
        actor = accounts.authenticate(name, DEMO_PASSWORD, url=demo_store).actor
        assert actor is not None
        if allowed:
            assert lessons.lessons(actor, url=demo_store).villages > 0
        else:
            with pytest.raises(AccessDenied):
                lessons.lessons(actor, url=demo_store)


def test_the_demo_has_a_village_stopped_for_every_reason(demo_store: str) -> None:
    found = lessons.lessons(CLI_ACTOR, url=demo_store)
    stopped = found.by_reason.groupby("reason")["events"].sum()
    assert (stopped > 0).all(), stopped[stopped == 0]
    assert found.came_back >= 1
