"""The aggregate memo never serves figures older than the last write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from energy.core.access import CLI_ACTOR
from energy.readings import imports as readings
from energy.readings.files import read_rows
from energy.savings import compute as savings
from energy.store import cache
from energy.villages import directory as villages
from energy.villages import households

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
    from energy.accounts import users as accounts

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


def _village(url: str, code: str = "V-1") -> None:
    villages.add_village(
        CLI_ACTOR, code=code, name="마을", district="Mapo-gu", cohort_year=2022, today=TODAY,
        url=url,
    )  # fmt: skip


def _count_version_reads(monkeypatch: Any) -> list[int]:
    """A list that grows by one for each time the data version is read from the store."""
    reads: list[int] = []
    real = cache.data_version

    def counted(url: str | None = None) -> int:
        reads.append(1)
        return real(url)

    monkeypatch.setattr(cache, "data_version", counted)
    return reads


def test_a_pinned_page_run_reads_the_data_version_once(fresh_store: str, monkeypatch) -> None:
    _village(fresh_store)
    reads = _count_version_reads(monkeypatch)
    with cache.pinned():
        for _ in range(3):
            villages.get_village(CLI_ACTOR, "V-1", url=fresh_store)
            villages.programme_overview(CLI_ACTOR, url=fresh_store)
    assert len(reads) == 1
    reads.clear()
    villages.get_village(CLI_ACTOR, "V-1", url=fresh_store)  # outside a pin: read every call
    villages.get_village(CLI_ACTOR, "V-1", url=fresh_store)
    assert len(reads) == 2


def test_a_write_during_a_pinned_run_is_seen_by_the_rest_of_that_run(fresh_store: str) -> None:
    _village(fresh_store)
    with cache.pinned():
        before = villages.get_village(CLI_ACTOR, "V-1", url=fresh_store)
        assert before.village.status == "active"
        villages.change_status(
            CLI_ACTOR, "V-1", status="paused", reason_code="lack_of_time",
            effective_on=TODAY, today=TODAY, url=fresh_store,
        )  # fmt: skip
        after = villages.get_village(CLI_ACTOR, "V-1", url=fresh_store)
    assert after.village.status == "paused"
    assert [h.status for h in after.history][-1] == "paused"


def test_a_memoised_village_is_still_checked_against_who_asks(fresh_store: str) -> None:
    import pytest

    from energy.core.access import Actor
    from energy.core.errors import AccessDenied
    from energy.readings import month_grid

    _village(fresh_store, "V-1")
    _village(fresh_store, "V-2")
    own = villages.get_village(CLI_ACTOR, "V-1", url=fresh_store).village.id
    other = villages.get_village(CLI_ACTOR, "V-2", url=fresh_store).village.id
    committee = Actor(username="c", role="committee", village_id=own)
    month = dt.date(2025, 1, 1)
    # The staff's calls have put both villages and both grids in the memo.
    month_grid.month_grid(CLI_ACTOR, "V-2", month, url=fresh_store)
    assert villages.get_village(committee, "V-1", url=fresh_store).village.id == own
    with pytest.raises(AccessDenied):
        villages.get_village(committee, "V-2", url=fresh_store)
    with pytest.raises(AccessDenied):
        villages.get_village_by_id(committee, other, url=fresh_store)
    with pytest.raises(AccessDenied):
        month_grid.month_grid(committee, "V-2", month, url=fresh_store)
    assert month_grid.month_grid(committee, "V-1", month, url=fresh_store).village_code == "V-1"


def test_one_village_figures_are_memoised_and_checked_per_caller(fresh_store: str) -> None:
    import pytest

    from energy.core.access import Actor
    from energy.core.errors import AccessDenied, NotFound
    from energy.savings import renewables

    url = fresh_store
    _village(url, "V-1")
    _village(url, "V-2")
    households.add_household(CLI_ACTOR, "V-2", code="H-001", joined_on=dt.date(2022, 1, 1), url=url)
    readings.import_readings(CLI_ACTOR, "V-2", read_rows(_rows(90)), today=TODAY, url=url)
    own = villages.get_village(CLI_ACTOR, "V-1", url=url).village.id
    committee = Actor(username="c", role="committee", village_id=own)
    span = {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 1), "url": url}
    # Staff fill the memo for V-2; V-1's committee still may not read it.
    rounds = savings.eco_mileage_rounds(CLI_ACTOR, "V-2", 2025, url=url)
    assert savings.eco_mileage_rounds(CLI_ACTOR, "V-2", 2025, url=url) is rounds
    assert [h.code for h in households.list_households(CLI_ACTOR, "V-2", url=url)] == ["H-001"]
    generation = renewables.village_generation(CLI_ACTOR, "V-2", **span)
    for call in (
        lambda: savings.eco_mileage_rounds(committee, "V-2", 2025, url=url),
        lambda: households.list_households(committee, "V-2", url=url),
        lambda: renewables.village_generation(committee, "V-2", **span),
    ):
        with pytest.raises(AccessDenied):
            call()
    with pytest.raises(NotFound):
        households.list_households(CLI_ACTOR, "NO-SUCH", url=url)
    assert households.list_households(committee, "V-1", url=url) == []
    # A write: the next call recomputes.
    households.add_household(CLI_ACTOR, "V-2", code="H-002", joined_on=dt.date(2022, 1, 1), url=url)
    codes = [h.code for h in households.list_households(CLI_ACTOR, "V-2", url=url)]
    assert codes == ["H-001", "H-002"]
    assert renewables.village_generation(CLI_ACTOR, "V-2", **span) is not generation


def test_page_runs_share_a_version_briefly_and_own_writes_show_at_once(
    fresh_store: str, monkeypatch
) -> None:
    """Page runs less than SHARED_VERSION_SECONDS apart read the data version once; a write
    by another process (a replica) shows after that window, one by this process at once."""
    import sqlalchemy as sa

    from energy.store.db import get_engine
    from energy.store.models.base import utcnow
    from energy.store.models.system import AuditEntry

    _village(fresh_store)
    reads = _count_version_reads(monkeypatch)
    clock = [1000.0]
    monkeypatch.setattr(cache.time, "monotonic", lambda: clock[0])

    def page_run() -> str:
        with cache.pinned():
            return villages.get_village(CLI_ACTOR, "V-1", url=fresh_store).village.status

    assert page_run() == "active"
    first = len(reads)
    # Another server process records a write: not through this process's sessions.
    with get_engine(fresh_store).begin() as conn:
        conn.execute(
            sa.insert(AuditEntry).values(
                at=utcnow(), actor="replica-2", action="update", entity="villages",
                entity_key="V-1", before=None, after=None,
            )
        )  # fmt: skip
    clock[0] += cache.SHARED_VERSION_SECONDS / 2
    page_run()
    assert len(reads) == first, "within the window: the version read by the last run"
    clock[0] += cache.SHARED_VERSION_SECONDS
    page_run()
    assert len(reads) == first + 1, "after it: read again (the other process's write shows)"

    villages.change_status(
        CLI_ACTOR, "V-1", status="paused", reason_code="lack_of_time",
        effective_on=TODAY, today=TODAY, url=fresh_store,
    )  # fmt: skip
    assert page_run() == "paused", "this process's own write shows at once"
