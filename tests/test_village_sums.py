"""The kept monthly sums per village (energy.savings.village_sums): the same figures as the readings
give, on every path that changes data, and never a stale figure."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, func, insert, or_, select, text, update

from energy.calc import metrics
from energy.core.access import CLI_ACTOR
from energy.readings.files import read_rows
from energy.readings.imports import import_readings
from energy.savings import compute as savings
from energy.savings import household_years, village_sums
from energy.savings.compute import baseline_year_sums, eco_mileage_sums
from energy.savings.sql import RAW_SUMS, scope_households
from energy.store import cache, db
from energy.store.models.readings import Household, Reading, VillageSumsState
from energy.store.models.villages import Village
from energy.villages import directory as villages
from energy.villages import households

START, END = dt.date(2023, 1, 1), dt.date(2026, 10, 1)
# (The other groupings read the same rows; a year is summed by the database from its months.)
GROUPINGS = [(), ("village", "month"), ("village", "year")]


def _same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for key in a:
        assert a[key][2] == b[key][2], key
        assert a[key][0] == pytest.approx(b[key][0], rel=1e-9, abs=1e-6), key
        assert a[key][1] == pytest.approx(b[key][1], rel=1e-9, abs=1e-6), key


def _raw(method: str, session, village_ids, by: tuple[str, ...]) -> dict:
    """The method's sums straight from the readings; a year as the sum of its months."""
    if "year" not in by:
        return RAW_SUMS[method](session, village_ids, START, END, by)
    yearly: dict = {}
    monthly = RAW_SUMS[method](session, village_ids, START, END, ("village", "month"))
    for (carrier, village, month), (baseline, actual, cells) in monthly.items():
        b, a, c = yearly.get((carrier, village, month.year), (0.0, 0.0, 0))
        yearly[(carrier, village, month.year)] = (b + baseline, a + actual, c + cells)
    return yearly


def _expected_from_households(session, village_ids, start, end) -> dict[str, int]:
    households, on_record = scope_households(session, village_ids, start, end)
    return metrics.expected_cells(households, on_record, start, end)


def _agree(url: str, village_ids: list[int] | None = None) -> None:
    with db.session_for(CLI_ACTOR, url=url) as session:
        for start, end in ((START, END), (dt.date(2024, 3, 1), dt.date(2024, 3, 1))):
            assert village_sums.expected_cells(
                session, village_ids, start, end
            ) == _expected_from_households(session, village_ids, start, end)
        for by in GROUPINGS:
            for method, public in (
                ("eco-mileage", eco_mileage_sums),
                ("baseline-year", baseline_year_sums),
            ):
                kept = public(session, village_ids, START, END, by)
                raw = _raw(method, session, village_ids, by)
                _same(kept, raw)
        # Each household's electricity per calendar year (the town hall's typical household).
        for year in range(START.year, END.year + 1):
            raw_years = {
                int(h): (float(kwh), int(months))
                for h, kwh, months in session.execute(
                    select(Reading.household_id, func.sum(Reading.value), func.count())
                    .where(
                        Reading.carrier == "electricity",
                        Reading.month.between(dt.date(year, 1, 1), dt.date(year, 12, 1)),
                    )
                    .group_by(Reading.household_id)
                )
            }
            kept_years = household_years.household_year_electricity(session, year)
            assert kept_years.keys() == raw_years.keys(), year
            for household, (kwh, months) in raw_years.items():
                assert kept_years[household][1] == months, (year, household)
                assert kept_years[household][0] == pytest.approx(kwh, rel=1e-9), (year, household)
        _solar_agrees(session, village_ids)
        _taking_part_agrees(session, village_ids)
        _recorded_agrees(session, village_ids)


def _recorded_agrees(session, village_ids: list[int] | None) -> None:
    """Months with any reading per village (readiness) against the readings."""
    ids = village_ids or [int(v) for v in session.scalars(select(Village.id))]
    for start, end in ((dt.date(2025, 11, 1), dt.date(2026, 10, 1)),
                       (dt.date(2023, 4, 1), dt.date(2023, 4, 1)), (START, END)):  # fmt: skip
        distinct = (
            select(Reading.village_id, Reading.month)
            .where(Reading.village_id.in_(ids), Reading.month.between(start, end))
            .distinct()
            .subquery()
        )
        counted = dict(
            session.execute(
                select(distinct.c.village_id, func.count()).group_by(distinct.c.village_id)
            ).all()
        )
        assert village_sums.recorded_months(session, ids, start, end) == counted, (start, end)


def _taking_part_agrees(session, village_ids: list[int] | None) -> None:
    """Households taking part per village (league, town hall) against the households."""
    ids = village_ids or [int(v) for v in session.scalars(select(Village.id))]
    for start, end in ((START, END), (dt.date(2024, 3, 1), dt.date(2024, 3, 1)),
                       (dt.date(2019, 1, 1), dt.date(2021, 6, 1))):  # fmt: skip
        counted = dict(
            session.execute(
                select(Household.village_id, func.count())
                .where(
                    Household.village_id.in_(ids),
                    Household.joined_on <= metrics.last_day_of_month(end),
                    or_(Household.left_on.is_(None), Household.left_on >= start),
                )
                .group_by(Household.village_id)
            ).all()
        )
        assert village_sums.households_taking_part(session, ids, start, end) == counted


def _solar_agrees(session, village_ids: list[int] | None) -> None:
    """The town hall's metered solar (kept yearly rows, stale villages from their readings)
    against the readings, for a whole year, a few months and a span across three years."""
    ids = village_ids or [int(v) for v in session.scalars(select(Village.id))]
    for start, end in (
        (dt.date(2024, 1, 1), dt.date(2024, 12, 1)),
        (dt.date(2025, 3, 1), dt.date(2025, 5, 1)),
        (dt.date(2023, 7, 1), dt.date(2025, 2, 1)),
    ):
        # Households that joined by the period's end (a condition on Household, as the slide's).
        members = (Household.village_id.in_(ids), Household.joined_on <= end)
        readings = session.execute(
            select(Reading.household_id, Reading.month, Reading.value)
            .join(Household, Household.id == Reading.household_id)
            .where(
                Reading.village_id.in_(ids),
                Reading.carrier == "solar",
                Reading.month.between(start, end),
                *members,
            )
        ).all()
        # (The whole demo meters solar in every one of these periods.)
        assert readings or village_ids is not None, (start, end)
        by_month: dict[dt.date, float] = {}
        for _, month, value in readings:
            by_month[month] = by_month.get(month, 0.0) + value
        asked = [*sorted({h for h, _, _ in readings})[::2], -1]  # some, and one unknown
        got = household_years.solar(session, ids, members, start, end, asked)
        assert got.by_month.keys() == by_month.keys()
        for month, kwh in by_month.items():
            assert got.by_month[month] == pytest.approx(kwh, rel=1e-9), month
        assert got.households == {h for h, _, _ in readings}
        assert got.metered == {(h, m) for h, m, _ in readings if h in set(asked)}


def _fresh(url: str) -> dict[int, bool]:
    with db.session_for(CLI_ACTOR, url=url) as session:
        fresh = dict(
            session.execute(select(VillageSumsState.village_id, VillageSumsState.fresh)).all()
        )
        ids = session.scalars(select(Village.id)).all()
    return {v: bool(fresh.get(v, False)) for v in ids}


def _village_id(url: str, code: str) -> int:
    return villages.get_village(CLI_ACTOR, code, url=url).village.id


def test_the_demo_leaves_every_village_fresh_and_the_figures_agree(demo_store: str) -> None:
    assert all(_fresh(demo_store).values())
    _agree(demo_store)
    some = sorted(_fresh(demo_store))[:3]
    _agree(demo_store, some)


@pytest.mark.slow
def test_any_change_to_a_village_marks_it_stale_and_figures_stay_right(demo_store: str) -> None:
    url = demo_store
    flagship = _village_id(url, "DJK-2012-01")
    # The stale village beside two fresh ones: figures mixing both kinds (every village is
    # compared once, in the test above).
    near = [flagship, *sorted(v for v in _fresh(url) if v != flagship)[:2]]
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        household = session.scalars(
            select(Household).where(Household.village_id == flagship).order_by(Household.id)
        ).first()
        assert household is not None
        reading = session.scalars(
            select(Reading).where(Reading.household_id == household.id).order_by(Reading.month)
        ).all()[-1]
        # A writer that bypasses the import: the trigger must notice.
        session.execute(update(Reading).where(Reading.id == reading.id).values(value=0.0))
    assert _fresh(url)[flagship] is False
    assert sum(not f for f in _fresh(url).values()) == 1
    _agree(url, near)  # the stale village is computed from its readings
    assert village_sums.rebuild_stale(CLI_ACTOR, url=url) == 1
    assert all(_fresh(url).values())
    _agree(url, near)
    # A household that leaves, a status change and a new cohort year each mark it stale.
    for change in ("household", "status", "cohort"):
        if change == "household":
            households.update_household(
                CLI_ACTOR, "DJK-2012-01", household.code, housing_type=household.housing_type,
                floor_area_band=household.floor_area_band, occupants=household.occupants,
                joined_on=household.joined_on, left_on=dt.date(2024, 6, 30), url=url,
            )  # fmt: skip
        elif change == "status":
            villages.change_status(
                CLI_ACTOR, "DJK-2012-01", status="paused", reason_code="lack_of_time",
                effective_on=dt.date(2026, 11, 1), url=url,
            )  # fmt: skip
        else:
            with db.session_for(CLI_ACTOR, write=True, url=url) as session:
                session.execute(
                    update(Village).where(Village.id == flagship).values(cohort_year=2013)
                )
        assert _fresh(url)[flagship] is False, change
        _agree(url, near)
        village_sums.rebuild_stale(CLI_ACTOR, url=url)


def test_an_import_rebuilds_its_village(demo_store: str) -> None:
    url = demo_store
    code = "DJK-2012-01"
    village_id = _village_id(url, code)
    households.add_household(
        CLI_ACTOR, code, code="NEW-001", joined_on=dt.date(2023, 1, 1), url=url
    )
    assert _fresh(url)[village_id] is False
    rows = "household,month,carrier,value,unit\n" + "".join(
        f"NEW-001,{y}-{m:02d},electricity,{300 + 2030 - y + m},kWh\n"
        for y in (2023, 2024, 2025)
        for m in range(1, 13)
    )
    import_readings(CLI_ACTOR, code, read_rows(rows.encode(), "r.csv"), url=url)
    assert _fresh(url)[village_id] is True
    _agree(url, [village_id, *sorted(v for v in _fresh(url) if v != village_id)[:2]])


def test_a_new_village_without_sums_is_computed_from_its_readings(fresh_store: str) -> None:
    url = fresh_store
    villages.add_village(CLI_ACTOR, code="V-1", name="마을", district="Mapo-gu", cohort_year=2022, url=url)  # fmt: skip
    household = households.add_household(
        CLI_ACTOR, "V-1", code="H-001", joined_on=dt.date(2021, 1, 1), url=url
    )
    village_id = _village_id(url, "V-1")
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        session.execute(
            insert(Reading),
            [{"household_id": household.id, "village_id": village_id, "month": dt.date(y, 5, 1),
              "carrier": "electricity", "value": v} for y, v in ((2022, 100.0), (2023, 90.0), (2024, 80.0))],
        )  # fmt: skip
        session.execute(
            insert(Reading),
            [{"household_id": household.id, "village_id": village_id, "month": month,
              "carrier": "solar", "value": 30.0}
             for month in (dt.date(2023, 8, 1), dt.date(2024, 5, 1), dt.date(2025, 4, 1))],
        )  # fmt: skip
    assert _fresh(url) == {village_id: False}
    _agree(url)
    with db.session_for(CLI_ACTOR, url=url) as session:
        sums = eco_mileage_sums(session, None, START, END)
    assert sums[("electricity",)] == (95.0, 80.0, 1)


def test_a_rebuild_widens_the_sqlite_page_cache_only_while_it_runs(
    demo_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rebuild walks a village's readings with a large page cache on SQLite (a third
    of its time went to the kernel re-reading pages) and hands the pooled connection back
    with the default; PostgreSQL is left alone."""
    url = demo_store
    sizes: list[int] = []
    real = household_years.rebuild

    def during(session, chunk) -> None:  # type: ignore[no-untyped-def]
        sizes.append(int(session.execute(text("PRAGMA cache_size")).scalar_one()))
        real(session, chunk)

    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        sqlite = session.get_bind().dialect.name == "sqlite"
        if not sqlite:  # nothing to widen: the rebuild's figures are still checked below
            village_sums.rebuild(session, [_village_id(url, "DJK-2012-01")])
    if not sqlite:
        _agree(url, [_village_id(url, "DJK-2012-01")])
        return
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        before = int(session.execute(text("PRAGMA cache_size")).scalar_one())
        monkeypatch.setattr(household_years, "rebuild", during)
        village_sums.rebuild(session, [_village_id(url, "DJK-2012-01")])
        after = int(session.execute(text("PRAGMA cache_size")).scalar_one())
    assert sizes == [-db.SCAN_CACHE_KIB]
    assert after == before != -db.SCAN_CACHE_KIB

    # A rebuild that fails half-way hands the connection back with the default too.
    def fail(session, chunk) -> None:  # type: ignore[no-untyped-def]
        sizes.append(int(session.execute(text("PRAGMA cache_size")).scalar_one()))
        raise RuntimeError("interrupted")

    monkeypatch.setattr(household_years, "rebuild", fail)
    with (
        pytest.raises(RuntimeError, match="interrupted"),
        db.session_for(CLI_ACTOR, write=True, url=url) as session,
    ):
        try:
            village_sums.rebuild(session, [_village_id(url, "DJK-2012-01")])
        finally:
            after = int(session.execute(text("PRAGMA cache_size")).scalar_one())
    assert sizes[-1] == -db.SCAN_CACHE_KIB and after == before
    _agree(url, [_village_id(url, "DJK-2012-01")])  # the failed rebuild was rolled back


@pytest.mark.parametrize("village", [None, "DJK-2012-01"], ids=["programme", "village"])
def test_a_savings_figure_asks_which_villages_are_fresh_once(
    demo_store: str, village: str | None
) -> None:
    """Its sums and its expected cells share one answer (the read session keeps it)."""
    url = demo_store
    cache.clear()
    engine = db.get_engine(url)
    asked: list[str] = []

    def seen(_conn, _cursor, statement: str, *_args) -> None:  # type: ignore[no-untyped-def]
        if "village_sums_state" in statement:
            asked.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        report = savings.compute_savings(
            CLI_ACTOR, village=village, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 1),
            url=url,
        )  # fmt: skip
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert report.carrier("electricity").cells > 0
    assert len(asked) == 1, asked
