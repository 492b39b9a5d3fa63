"""The aggregate memo never serves figures older than the last write."""

from __future__ import annotations

import datetime as dt

from energy import cache, households, readings, savings, villages
from energy.access import CLI_ACTOR
from energy.readings_file import read_rows

TODAY = dt.date(2026, 11, 25)


def _rows(value: float) -> bytes:
    lines = ["household,month,carrier,value,unit"]
    for year in (2023, 2024):
        lines += [f"H-001,{year}-{m:02d},electricity,100,kWh" for m in range(1, 13)]
    lines += [f"H-001,2025-{m:02d},electricity,{value},kWh" for m in range(1, 13)]
    return "\n".join(lines).encode()


def test_a_saved_batch_makes_the_next_call_recompute(fresh_store: str) -> None:
    villages.add_village(
        CLI_ACTOR,
        code="V-1",
        name="마을",
        district="Mapo-gu",
        cohort_year=2022,
        today=TODAY,
        url=fresh_store,
    )
    households.add_household(
        CLI_ACTOR, "V-1", code="H-001", joined_on=dt.date(2022, 1, 1), url=fresh_store
    )
    readings.import_readings(CLI_ACTOR, "V-1", read_rows(_rows(90)), today=TODAY, url=fresh_store)
    period = {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 1), "url": fresh_store}
    first = savings.compute_savings(CLI_ACTOR, **period)
    assert savings.compute_savings(CLI_ACTOR, **period) is first  # served from the memo
    before = cache.data_version(fresh_store)
    readings.import_readings(
        CLI_ACTOR, "V-1", read_rows(_rows(80)), accept_conflicts=True, today=TODAY, url=fresh_store
    )
    assert cache.data_version(fresh_store) > before
    second = savings.compute_savings(CLI_ACTOR, **period)
    assert first.carrier("electricity").saving_pct == 0.10
    assert second.carrier("electricity").saving_pct == 0.20


def test_logins_do_not_invalidate(fresh_store: str) -> None:
    from energy import accounts

    accounts.add_user(
        CLI_ACTOR,
        username="kim.staff",
        password="a long enough password",
        role="admin",
        url=fresh_store,
    )
    version = cache.data_version(fresh_store)
    accounts.authenticate("kim.staff", "a long enough password", url=fresh_store)
    assert cache.data_version(fresh_store) == version
