"""The call's decisions, their rules on both stores: the renewal gate's measured record in
TOE across carriers, withdrawing, and deciding several applications at once."""

from __future__ import annotations

import datetime as dt

import pytest

from energy.calc import metrics
from energy.call import applications, grants, reviews
from energy.call.calls import CallRules
from energy.core.access import CLI_ACTOR
from energy.core.errors import AccessDenied, InvalidInput
from energy.savings.factors import factors_at
from energy.store.db import session_for
from energy.villages.directory import add_village
from energy.villages.households import add_household
from tests.test_call import TODAY, _call, _submitted, _user
from tests.test_savings import insert_readings

# --- the renewal gate -------------------------------------------------------------------------


def _renewal(url: str, *, min_saving: float) -> int:
    """A year-2 renewal of a village whose households log electricity and gas; the call's
    gate judges the 12 months before it opens (2026-02 to 2027-01)."""
    add_village(
        CLI_ACTOR, code="DJK-2025-01", name="상도 마을", district="동작구", cohort_year=2025,
        today=TODAY, url=url,
    )  # fmt: skip
    call = _call(url, rules=CallRules(renewal_min_saving_pct=min_saving, renewal_min_coverage=0.5))
    return _submitted(  # a paper application, entered by staff
        url, call, CLI_ACTOR, renew_village_code="DJK-2025-01", budget={"equipment": 15_000_000}
    )


def test_the_renewal_gate_judges_the_saving_of_every_carrier_in_toe(fresh_store: str) -> None:
    app_id = _renewal(fresh_store, min_saving=0.05)
    add_household(CLI_ACTOR, "DJK-2025-01", code="H-1", joined_on=dt.date(2023, 1, 1),
                  url=fresh_store)  # fmt: skip
    months = metrics.months_between(dt.date(2024, 2, 1), dt.date(2027, 1, 1))
    period = set(metrics.months_between(dt.date(2026, 2, 1), dt.date(2027, 1, 1)))
    # Electricity down 10% (alone it would pass a 5% rule); gas up 20%, more than offsets it.
    rows = [
        ("H-1", carrier, f"{m:%Y-%m}", value * (change if m in period else 1))
        for m in months
        for carrier, value, change in (("electricity", 300, 0.9), ("gas", 1000, 1.2))
    ]
    insert_readings(fresh_store, "DJK-2025-01", rows)
    record = grants.renewal_record(CLI_ACTOR, app_id, url=fresh_store)
    with session_for(CLI_ACTOR, url=fresh_store) as session:
        factors = factors_at(session, dt.date(2027, 1, 31))
    kwh, mj = factors.value("electricity.toe"), factors.value("gas.toe")
    assert kwh is not None and mj is not None
    baseline = 12 * (300 * kwh + 1000 * mj) / 1000  # TOE/MWh and TOE/GJ
    actual = 12 * (270 * kwh + 1200 * mj) / 1000
    assert (record.start, record.end) == (dt.date(2026, 2, 1), dt.date(2027, 1, 1))
    assert record.carriers == ("electricity", "gas")
    assert record.saving_pct == pytest.approx((baseline - actual) / baseline)
    assert record.saving_toe == pytest.approx(baseline - actual)
    assert 0 < record.saving_pct < 0.05  # below the rule, though electricity saved 10%
    assert record.coverage == 1.0  # 24 cells of 24 expected
    assert record.savings_pass is False


def test_the_renewal_gate_reads_no_data_without_readings_and_passes_a_good_record(
    fresh_store: str,
) -> None:
    app_id = _renewal(fresh_store, min_saving=0.05)
    empty = grants.renewal_record(CLI_ACTOR, app_id, url=fresh_store)
    assert (empty.saving_pct, empty.coverage, empty.carriers, empty.savings_pass) == (
        None, None, (), None,
    )  # fmt: skip
    add_household(CLI_ACTOR, "DJK-2025-01", code="H-1", joined_on=dt.date(2023, 1, 1),
                  url=fresh_store)  # fmt: skip
    months = metrics.months_between(dt.date(2024, 2, 1), dt.date(2027, 1, 1))
    period = set(metrics.months_between(dt.date(2026, 2, 1), dt.date(2027, 1, 1)))
    # Gas only, down 10%; water (no TOE) changes nothing.
    rows = [("H-1", "gas", f"{m:%Y-%m}", 900 if m in period else 1000) for m in months] + [
        ("H-1", "water", f"{m:%Y-%m}", 30 if m in period else 10) for m in months
    ]
    insert_readings(fresh_store, "DJK-2025-01", rows)
    record = grants.renewal_record(CLI_ACTOR, app_id, url=fresh_store)
    assert record.carriers == ("gas",)
    assert record.saving_pct == pytest.approx(0.1)
    assert (record.coverage, record.savings_pass) == (1.0, True)


# --- withdrawing ------------------------------------------------------------------------------


def test_only_the_owner_or_staff_withdraw_and_only_before_a_decision(fresh_store: str) -> None:
    call = _call(fresh_store)
    group = _user(fresh_store, "group.one", "applicant")
    other = _user(fresh_store, "group.two", "applicant")
    reviewer = _user(fresh_store, "rev.one", "reviewer")
    first, second, third = (
        _submitted(fresh_store, call, group, village_name=n) for n in ("가", "나", "다")
    )
    for intruder in (other, reviewer):
        with pytest.raises(AccessDenied):
            applications.withdraw_application(intruder, first, url=fresh_store)
    assert applications.withdraw_application(group, first, url=fresh_store).status == "withdrawn"
    reviews.start_review(CLI_ACTOR, second, url=fresh_store)
    assert applications.withdraw_application(CLI_ACTOR, second, url=fresh_store).status == (
        "withdrawn"
    )
    reviews.start_review(CLI_ACTOR, third, url=fresh_store)
    grants.decide(CLI_ACTOR, third, decision="wait_listed", url=fresh_store)
    for app_id in (first, third):
        with pytest.raises(InvalidInput) as late:
            applications.withdraw_application(group, app_id, url=fresh_store)
        assert late.value.key == "call.err_already_decided"


# --- several applications at once ---------------------------------------------------------------


def test_a_selection_awards_the_request_capped_at_the_cap() -> None:
    from tests.test_call import RULES_CALL  # caps 10/20/30 million KRW

    assert grants.default_award(RULES_CALL, 1, 8_000_000) == 8_000_000
    assert grants.default_award(RULES_CALL, 1, 12_000_000) == 10_000_000
    assert grants.default_award(RULES_CALL, 2, 12_000_000) == 12_000_000
    assert grants.default_award(RULES_CALL, 1, 0) == 0


def _status(url: str, *app_ids: int) -> list[tuple[str, int | None]]:
    found = [applications.get_application(CLI_ACTOR, i, url=url) for i in app_ids]
    return [(a.status, a.award_krw) for a in found]


def test_one_decision_for_several_applications_all_or_none(fresh_store: str) -> None:
    url = fresh_store
    call = _call(url, budget_krw=20_000_000)
    group = _user(url, "group.one", "applicant")
    eight = {"training": 3_000_000, "equipment": 5_000_000}
    a, b, c = (_submitted(url, call, group, village_name=n, budget=eight) for n in "ABC")
    d = _submitted(url, call, group, village_name="D", budget={"equipment": 10_000_000})
    for app_id in (a, b, c, d):
        reviews.start_review(CLI_ACTOR, app_id, url=url)

    # 3 × 8M = 24M over a 20M budget: refused as a whole, nothing changes.
    with pytest.raises(InvalidInput) as over:
        grants.decide_many(CLI_ACTOR, [a, b, c], decision="selected", url=url)
    assert (over.value.key, over.value.params) == (
        "call.err_batch_over_budget",
        {"n": 3, "total": "24,000,000", "remaining": "20,000,000"},
    )
    assert _status(url, a, b, c) == [("in_review", None)] * 3
    assert grants.grants(CLI_ACTOR, call_id=call.id, url=url) == []

    # Wait-list two; each application's change is audited on its own.
    decided = grants.decide_many(CLI_ACTOR, [b, c], decision="wait_listed", note="예산", url=url)
    assert [(x.status, x.decision_note) for x in decided] == [("wait_listed", "예산")] * 2
    from energy.store import audit

    changed = audit.list_audit(CLI_ACTOR, entity="call_applications", action="update", url=url)
    refs = {x.reference for x in decided}
    assert sorted(
        r.entity_key for r in changed.records if r.after and r.after.get("status") == "wait_listed"
    ) == sorted(refs)

    # Select A and D, each awarded its request (8M and 10M): 18M of 20M; villages follow.
    chosen = grants.decide_many(CLI_ACTOR, [a, d], decision="selected", url=url)
    assert [(x.status, x.award_krw) for x in chosen] == [
        ("selected", 8_000_000), ("selected", 10_000_000),
    ]  # fmt: skip
    assert all(x.village_code for x in chosen)
    assert grants.budget_state(CLI_ACTOR, call.id, url=url).remaining_krw == 2_000_000

    # One final application in the batch refuses the whole batch, naming it.
    with pytest.raises(InvalidInput) as final:
        grants.decide_many(CLI_ACTOR, [b, a], decision="rejected", url=url)
    assert final.value.key == "call.err_batch_cannot_decide"
    reference_a = applications.get_application(CLI_ACTOR, a, url=url).reference
    assert final.value.params == {"ref": reference_a}
    assert _status(url, b) == [("wait_listed", None)]
    # The wait list moves up only within what is left.
    with pytest.raises(InvalidInput) as left:
        grants.decide_many(CLI_ACTOR, [b], decision="selected", url=url)
    assert left.value.params["remaining"] == "2,000,000"
    with pytest.raises(InvalidInput) as empty:
        grants.decide_many(CLI_ACTOR, [], decision="rejected", url=url)
    assert empty.value.key == "call.err_batch_empty"
    with pytest.raises(AccessDenied):
        grants.decide_many(group, [b, c], decision="rejected", url=url)
    assert [x.status for x in grants.decide_many(CLI_ACTOR, [b, c], decision="rejected", url=url)
            ] == ["rejected", "rejected"]  # fmt: skip
