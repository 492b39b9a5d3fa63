"""The call's decisions, their rules on both stores: the renewal gate's measured record in
TOE across carriers, withdrawing, and deciding several applications at once."""

from __future__ import annotations

import datetime as dt

import pytest

from energy import applications, grants, metrics, reviews
from energy.access import CLI_ACTOR
from energy.calls import CallRules
from energy.db import session_for
from energy.errors import AccessDenied, InvalidInput
from energy.factors import factors_at
from energy.households import add_household
from energy.villages import add_village
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
