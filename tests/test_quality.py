"""Data quality: missing months, stale households, outliers, and the badges."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from energy.calc.metrics import add_months
from energy.core.access import CLI_ACTOR
from energy.readings.quality import assess_household, village_quality
from energy.store import db
from energy.store.models.readings import Reading
from energy.villages import directory as villages
from energy.villages import households
from energy.villages.households import HouseholdInfo

AS_OF = dt.date(2026, 11, 25)  # the last complete month is October 2026
LAST = dt.date(2026, 10, 1)


def _household(
    code: str = "H-007", joined: dt.date = dt.date(2020, 1, 1), left: dt.date | None = None
) -> HouseholdInfo:
    return HouseholdInfo(1, 1, code, "apartment", None, None, joined, left, ())


def _series(
    months: int, carrier: str = "electricity", value: float = 300.0, skip: tuple[dt.date, ...] = ()
) -> list:
    return [
        (carrier, add_months(LAST, -n), value + n % 3)
        for n in range(months)
        if add_months(LAST, -n) not in skip
    ]


def test_a_complete_household_is_green() -> None:
    result = assess_household(_household(), _series(24), as_of=AS_OF)
    assert (result.badge, result.findings, result.last_month) == ("green", (), LAST)


def test_one_missing_month_is_amber_and_says_which() -> None:
    march = dt.date(2026, 3, 1)
    result = assess_household(_household(), _series(24, skip=(march,)), as_of=AS_OF)
    assert result.badge == "amber"
    (finding,) = result.findings
    assert finding.kind == "missing"
    assert finding.message("en") == "Mar 2026 Electricity missing for H-007."
    assert finding.message("ko") == "H-007 가구의 2026년 3월 전기 기록이 없습니다."


def test_three_missing_months_of_a_carrier_is_red() -> None:
    gaps = (dt.date(2026, 2, 1), dt.date(2026, 5, 1), dt.date(2026, 8, 1))
    assert assess_household(_household(), _series(24, skip=gaps), as_of=AS_OF).badge == "red"


def test_a_household_quiet_for_90_days_is_red() -> None:
    # The latest reading is for July 2026: nothing since 1 August, 116 days before 25 November.
    readings = [r for r in _series(24) if r[1] <= dt.date(2026, 7, 1)]
    result = assess_household(_household(), readings, as_of=AS_OF)
    assert result.badge == "red"
    assert result.findings[0].kind == "stale"
    assert result.findings[0].params["days"] == (AS_OF - dt.date(2026, 8, 1)).days


def test_months_before_joining_or_after_leaving_are_not_expected() -> None:
    joined = dt.date(2026, 6, 15)
    readings = [r for r in _series(5)]  # June-October 2026
    assert assess_household(_household(joined=joined), readings, as_of=AS_OF).badge == "green"
    left = dt.date(2026, 4, 30)
    old = [r for r in _series(24) if r[1] <= dt.date(2026, 4, 1)]
    assert assess_household(_household(left=left), old, as_of=AS_OF).badge == "green"


def test_a_far_out_value_is_an_outlier() -> None:
    readings = [r for r in _series(24) if r[1] != LAST] + [("electricity", LAST, 3100.0)]
    result = assess_household(_household(), readings, as_of=AS_OF)
    assert result.badge == "amber"
    (finding,) = result.findings
    assert (finding.kind, finding.params["value"]) == ("outlier", 3100.0)


def test_generation_gaps_are_not_consumption_gaps() -> None:
    readings = _series(24) + _series(3, carrier="solar", value=31.0)
    assert assess_household(_household(), readings, as_of=AS_OF).badge == "green"


def test_village_badges_from_the_store(fresh_store: str) -> None:
    villages.add_village(
        CLI_ACTOR,
        code="V-1",
        name="마을",
        district="Mapo-gu",
        cohort_year=2020,
        today=AS_OF,
        url=fresh_store,
    )
    ids = {}
    for code in ("H-001", "H-002", "H-003"):
        ids[code] = households.add_household(
            CLI_ACTOR, "V-1", code=code, joined_on=dt.date(2020, 4, 1), url=fresh_store
        ).id
    rows = []
    for code, household_id in ids.items():
        for n in range(24):
            month = add_months(LAST, -n)
            if code == "H-002" and n == 3:
                continue  # one gap: amber
            if code == "H-003" and n < 4:
                continue  # quiet since July: red
            rows.append(
                {
                    "household_id": household_id,
                    "village_id": 1,
                    "month": month,
                    "carrier": "electricity",
                    "value": 300.0 + n % 4,
                }
            )
    with db.session_for(CLI_ACTOR, write=True, url=fresh_store) as session:
        village_id = villages.get_village(CLI_ACTOR, "V-1", url=fresh_store).village.id
        session.execute(insert(Reading), [r | {"village_id": village_id} for r in rows])
    quality = village_quality(CLI_ACTOR, "V-1", as_of=AS_OF, url=fresh_store)
    assert {h.household: h.badge for h in quality.households} == {
        "H-001": "green",
        "H-002": "amber",
        "H-003": "red",
    }
    assert quality.badge == "red"  # one household in three is red
    assert quality.counts == {"green": 1, "amber": 1, "red": 1}
    assert quality.window == (dt.date(2025, 11, 1), LAST)


@pytest.mark.parametrize("as_of", [AS_OF])
def test_an_empty_village_is_green(fresh_store: str, as_of: dt.date) -> None:
    villages.add_village(
        CLI_ACTOR, code="V-9", name="빈마을", district="Mapo-gu", today=as_of, url=fresh_store
    )
    quality = village_quality(CLI_ACTOR, "V-9", as_of=as_of, url=fresh_store)
    assert (quality.badge, quality.households) == ("green", ())
