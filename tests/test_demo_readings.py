"""The demo data set's households and monthly readings: complete, seasonal, saving, stable."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from energy.calc.metrics import add_months
from energy.core.access import CLI_ACTOR
from energy.core.vocabulary import FLOOR_AREA_BANDS
from energy.demo import load as demo
from energy.store import db
from energy.store.models.accounts import User
from energy.store.models.readings import GenerationUnit, Household, Reading, ReadingBatch
from energy.store.models.system import AppSetting
from energy.store.models.villages import Village, VillageStatusChange
from tests.conftest import TEMPLATE_TODAY

FIXED_TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def fixed_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A SQLite store loaded for a fixed ``today`` (the quality figures below were read off it)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo-readings') / 'fixed.db'}"
    db.upgrade(url)
    demo.load_demo(url=url, today=FIXED_TODAY)
    yield url
    db.dispose_engine(url)


def _loaded_on(session: Session) -> dt.date:
    setting = session.get(AppSetting, "demo_data")
    assert setting is not None
    return dt.date.fromisoformat(setting.value)


def _last_month(today: dt.date) -> dt.date:
    return add_months(today.replace(day=1), -1)


def _starts(session: Session) -> dict[int, dt.date]:
    return dict(
        session.execute(
            select(VillageStatusChange.village_id, VillageStatusChange.effective_on).where(
                VillageStatusChange.reason_code == "started"
            )
        ).all()
    )


def _monthly_means(session: Session, carrier: str) -> dict[int, float]:
    """Mean value per calendar month (1-12) of one carrier over the whole store."""
    sums: dict[int, float] = defaultdict(float)
    counts: dict[int, int] = defaultdict(int)
    rows = session.execute(
        select(Reading.month, func.sum(Reading.value), func.count())
        .where(Reading.carrier == carrier)
        .group_by(Reading.month)
    )
    for month, total, count in rows:
        sums[month.month] += total
        counts[month.month] += count
    return {m: sums[m] / counts[m] for m in sums}


def test_every_active_village_has_households_and_the_latest_month(demo_store: str) -> None:
    with db.session_for(CLI_ACTOR, url=demo_store) as session:
        last_month = _last_month(_loaded_on(session))
        latest_change = dict(
            session.execute(
                select(
                    VillageStatusChange.village_id, func.max(VillageStatusChange.effective_on)
                ).group_by(VillageStatusChange.village_id)
            ).all()
        )
        # An active village that came back during the latest month has not reported it yet.
        active = {
            code: village_id
            for village_id, code in session.execute(
                select(Village.id, Village.code).where(Village.status == "active")
            )
            if latest_change[village_id] < last_month
        }
        households = dict(
            session.execute(
                select(Household.village_id, func.count()).group_by(Household.village_id)
            ).all()
        )
        committees = set(session.scalars(select(User.village_id).where(User.role == "committee")))
        reporting = dict(
            session.execute(
                select(Reading.village_id, func.count(func.distinct(Reading.household_id)))
                .where(Reading.month == last_month)
                .group_by(Reading.village_id)
            ).all()
        )
    assert len(active) > 150
    assert not [code for code, v in active.items() if households.get(v, 0) < 8]
    assert not [code for code, v in active.items() if not reporting.get(v)]
    # The committees' screens look alive: (nearly) every household reported.
    assert active["DJK-2012-01"] in committees  # the flagship, 성대골
    for village_id in committees:
        assert reporting[village_id] >= households[village_id] - 2, village_id


def test_one_reading_per_household_carrier_and_month_each_in_its_village_batch(
    demo_store: str,
) -> None:
    with db.session_for(CLI_ACTOR, url=demo_store) as session:
        total = session.scalar(select(func.count()).select_from(Reading))
        distinct = session.scalar(
            select(func.count()).select_from(
                select(Reading.household_id, Reading.carrier, Reading.month).distinct().subquery()
            )
        )
        batches = session.execute(
            select(
                ReadingBatch.village_id,
                ReadingBatch.source,
                ReadingBatch.created_by,
                ReadingBatch.rows_in,
                ReadingBatch.added,
            )
        ).all()
        per_batch_village = dict(
            session.execute(
                select(ReadingBatch.village_id, func.count(Reading.id))
                .join(Reading, Reading.batch_id == ReadingBatch.id)
                .where(Reading.village_id == ReadingBatch.village_id)
                .group_by(ReadingBatch.village_id)
            ).all()
        )
        households_elsewhere = session.scalar(
            select(func.count())
            .select_from(Reading)
            .join(Household, Household.id == Reading.household_id)
            .where(Household.village_id != Reading.village_id)
        )
    assert total and total > 100_000
    assert distinct == total
    assert len({b.village_id for b in batches}) == len(batches), "one demo batch per village"
    assert {(b.source, b.created_by) for b in batches} == {("demo", "demo")}
    assert sum(b.rows_in for b in batches) == sum(b.added for b in batches) == total
    assert {b.village_id: b.rows_in for b in batches} == per_batch_village
    assert households_elsewhere == 0


def test_households_look_like_the_programme(demo_store: str) -> None:
    with db.session_for(CLI_ACTOR, url=demo_store) as session:
        today = _loaded_on(session)
        starts = _starts(session)
        housing = dict(session.execute(select(Village.id, Village.housing_type)).all())
        homes = session.execute(
            select(
                Household.village_id,
                Household.code,
                Household.housing_type,
                Household.floor_area_band,
                Household.occupants,
                Household.joined_on,
                Household.left_on,
            )
        ).all()
        generation = session.execute(
            select(
                GenerationUnit.kind,
                GenerationUnit.units,
                GenerationUnit.watts_per_unit,
                GenerationUnit.installed_on,
                Household.joined_on,
            ).join(Household)
        ).all()
    per_village: dict[int, int] = defaultdict(int)
    for home in homes:
        per_village[home.village_id] += 1
        assert re.fullmatch(r"H-\d{3}", home.code), home.code
        assert home.floor_area_band in FLOOR_AREA_BANDS
        assert home.occupants is not None and 1 <= home.occupants <= 5
        start = starts[home.village_id]
        assert start <= home.joined_on <= start + dt.timedelta(days=366)
        assert home.left_on is None or home.joined_on < home.left_on <= today
        if housing[home.village_id] != "mixed":
            assert home.housing_type == housing[home.village_id]
    assert min(per_village.values()) >= 8 and max(per_village.values()) <= 25
    assert {h.housing_type for h in homes} == {"apartment", "detached"}
    assert 0.01 < sum(h.left_on is not None for h in homes) / len(homes) < 0.1
    assert 0.03 < sum(h.joined_on != starts[h.village_id] for h in homes) / len(homes) < 0.25
    kinds = {(g.kind, g.units, g.watts_per_unit) for g in generation}
    assert kinds <= {
        ("balcony_solar", 1, 325),
        ("balcony_solar", 2, 325),
        ("balcony_solar", 1, 300),
        ("balcony_solar", 2, 300),
        ("rooftop_solar", 10, 300),
    }
    assert 0.18 < len(generation) / len(homes) < 0.32
    assert all(g.joined_on <= g.installed_on < today for g in generation)


def test_seasons_show_in_every_carrier(demo_store: str) -> None:
    with db.session_for(CLI_ACTOR, url=demo_store) as session:
        gas = _monthly_means(session, "gas")
        heat = _monthly_means(session, "heat")
        electricity = _monthly_means(session, "electricity")
        solar = _monthly_means(session, "solar")
        water = _monthly_means(session, "water")
    winter, summer, spring = (12, 1, 2), (7, 8), (4, 5)

    def mean(by_month: dict[int, float], months: tuple[int, ...]) -> float:
        return sum(by_month[m] for m in months) / len(months)

    assert mean(gas, winter) > 4 * mean(gas, summer)
    assert 3_500 < gas[1] < 6_000 and 450 < mean(gas, summer) < 950  # MJ
    assert mean(heat, winter) > 4 * mean(heat, summer)
    assert mean(electricity, summer) > 1.15 * mean(electricity, spring)
    assert 220 < mean(electricity, tuple(range(1, 13))) < 400  # kWh
    assert mean(solar, spring) > 1.3 * mean(solar, winter)
    assert 8 < mean(water, tuple(range(1, 13))) < 20  # m3


def test_balcony_panels_give_about_31_kwh_a_month_per_325_w(demo_store: str) -> None:
    with db.session_for(CLI_ACTOR, url=demo_store) as session:
        rows = session.execute(
            select(
                func.sum(Reading.value),
                func.sum(GenerationUnit.units * GenerationUnit.watts_per_unit),
            )
            .join(GenerationUnit, GenerationUnit.household_id == Reading.household_id)
            .where(Reading.carrier == "solar", GenerationUnit.kind == "balcony_solar")
        ).one()
        before_install = session.scalar(
            select(func.count())
            .select_from(Reading)
            .join(GenerationUnit, GenerationUnit.household_id == Reading.household_id)
            .where(Reading.carrier == "solar", Reading.month <= GenerationUnit.installed_on)
        )
        without_generation = session.scalar(
            select(func.count())
            .select_from(Reading)
            .where(
                Reading.carrier == "solar",
                Reading.household_id.not_in(select(GenerationUnit.household_id)),
            )
        )
    generated, watts = rows
    assert 28 < generated / watts * 325 < 34
    assert before_install == 0 and without_generation == 0


def _pairs_before_and_after(session: Session, today: dt.date) -> dict[str, tuple[float, float]]:
    """Per active village whose latest 12 months all lie in its programme year 3 or later
    (counted from its start), and whose pre-join year is stored: electricity in the year
    before it started and in the latest 12 months, over the same households and months."""
    last_month = _last_month(today)
    starts = _starts(session)
    villages = {
        v.id: v.code
        for v in session.scalars(select(Village).where(Village.status == "active"))
        if starts[v.id] <= add_months(last_month, -35)
    }
    values: dict[tuple[int, int, dt.date], float] = {}
    for village_id, household_id, month, value in session.execute(
        select(Reading.village_id, Reading.household_id, Reading.month, Reading.value).where(
            Reading.carrier == "electricity", Reading.village_id.in_(villages)
        )
    ):
        values[(village_id, household_id, month)] = value
    totals: dict[str, tuple[float, float]] = {}
    for (village_id, household_id, month), after in values.items():
        if month <= add_months(last_month, -12):
            continue
        start = starts[village_id].replace(day=1)
        before_month = month.replace(year=start.year - (month.month >= start.month))
        if not add_months(start, -12) <= before_month < start:
            continue
        before = values.get((village_id, household_id, before_month))
        if before is not None:
            b, a = totals.get(villages[village_id], (0.0, 0.0))
            totals[villages[village_id]] = (b + before, a + after)
    return totals


def test_villages_in_year_three_use_less_than_before_they_joined(demo_store: str) -> None:
    with db.session_for(CLI_ACTOR, url=demo_store) as session:
        totals = _pairs_before_and_after(session, _loaded_on(session))
    assert len(totals) >= 5, "recent cohorts keep their pre-join year of bills"
    ratios = {code: after / before for code, (before, after) in totals.items()}
    assert max(ratios.values()) < 1.0, ratios
    overall = sum(a for _, a in totals.values()) / sum(b for b, _ in totals.values())
    assert 0.8 < overall < 0.95


def test_recent_cohorts_have_two_years_of_bills_before_they_started(
    fixed_demo: str,
) -> None:
    url = fixed_demo
    with db.session_for(CLI_ACTOR, url=url) as session:
        starts = _starts(session)
        first = dict(
            session.execute(
                select(Reading.village_id, func.min(Reading.month)).group_by(Reading.village_id)
            ).all()
        )
        cohorts = dict(session.execute(select(Village.id, Village.cohort_year)).all())
    recent = [v for v in first if cohorts[v] >= FIXED_TODAY.year - 3]
    assert len(recent) > 30
    for village_id in recent:
        assert first[village_id] <= add_months(starts[village_id], -24)
    window_start = add_months(_last_month(FIXED_TODAY), -47)
    assert min(first.values()) <= window_start
    assert all(month <= window_start for v, month in first.items() if cohorts[v] <= 2018)


def test_paused_and_disbanded_villages_stop_reporting_and_a_return_leaves_a_gap(
    fixed_demo: str,
) -> None:
    url = fixed_demo
    with db.session_for(CLI_ACTOR, url=url) as session:
        changes = session.execute(
            select(VillageStatusChange.village_id, VillageStatusChange.effective_on)
            .where(VillageStatusChange.reason_code != "started")
            .order_by(VillageStatusChange.effective_on)
        ).all()
        months: dict[int, set[dt.date]] = defaultdict(set)
        for village_id, month in session.execute(
            select(Reading.village_id, Reading.month).distinct()
        ):
            months[village_id].add(month)
    stories: dict[int, list[dt.date]] = defaultdict(list)
    for village_id, effective_on in changes:
        stories[village_id].append(effective_on)
    gaps = 0
    for village_id, story in stories.items():
        stopped, back = story[0], story[1] if len(story) > 1 else dt.date.max
        inside = [m for m in months[village_id] if add_months(m, 1) > stopped and m < back]
        assert not inside, (village_id, inside)
        if back < FIXED_TODAY and months[village_id] and min(months[village_id]) < stopped:
            gaps += 1
            assert any(m >= back.replace(day=1) for m in months[village_id])
    assert gaps >= 1, "the demo should show a village that paused and came back"


def test_data_quality_has_something_to_show(fixed_demo: str) -> None:
    url = fixed_demo
    with db.session_for(CLI_ACTOR, url=url) as session:
        village_months = dict(
            session.execute(
                select(Reading.village_id, func.count(func.distinct(Reading.month))).group_by(
                    Reading.village_id
                )
            ).all()
        )
        electricity = session.execute(
            select(Reading.village_id, Reading.household_id, Reading.value).where(
                Reading.carrier == "electricity"
            )
        ).all()
        left = {
            h
            for (h,) in session.execute(select(Household.id).where(Household.left_on.is_not(None)))
        }
    by_household: dict[int, list[float]] = defaultdict(list)
    reported: dict[int, set[int]] = defaultdict(set)
    for village_id, household_id, value in electricity:
        by_household[household_id].append(value)
        reported[village_id].add(household_id)
    coverage = {}
    for village_id, households in reported.items():
        stayed = households - left
        cells = sum(len(by_household[h]) for h in stayed)
        coverage[village_id] = cells / (len(stayed) * village_months[village_id])
    overall = sum(coverage.values()) / len(coverage)
    assert 0.95 < overall < 0.995, "about 2% of household-months missing"
    assert sum(c < 0.9 for c in coverage.values()) >= 2, "a couple of patchy villages"
    typos = 0
    for values in by_household.values():
        median = sorted(values)[len(values) // 2]
        typos += sum(v > 2.4 * median for v in values)
    assert 1 <= typos <= 40, "a handful of values typed three times too large"


def _fingerprint(url: str) -> list[tuple[object, ...]]:
    with db.session_for(CLI_ACTOR, url=url) as session:
        readings = session.execute(
            select(
                Village.code,
                Reading.carrier,
                func.count(),
                func.sum(Reading.value),
                func.min(Reading.month),
                func.max(Reading.month),
            )
            .join(Village, Village.id == Reading.village_id)
            .group_by(Village.code, Reading.carrier)
            .order_by(Village.code, Reading.carrier)
        ).all()
        homes = session.execute(
            select(
                Village.code,
                Household.code,
                Household.floor_area_band,
                Household.occupants,
                Household.joined_on,
                Household.left_on,
            )
            .join(Village, Village.id == Household.village_id)
            .order_by(Village.code, Household.code)
        ).all()
        generation = session.execute(
            select(
                Household.code,
                GenerationUnit.kind,
                GenerationUnit.units,
                GenerationUnit.installed_on,
            )
            .join(Household)
            .order_by(Household.village_id, Household.code)
        ).all()
    return [tuple(r) for r in [*readings, *homes, *generation]]


@pytest.mark.parametrize("demo_store", ["sqlite"], indirect=True)
@pytest.mark.slow
def test_a_new_embedded_store_gets_the_demo_and_the_same_today_gives_the_same_readings(
    demo_store: str, empty_database: str
) -> None:
    """The app's start on an empty embedded store loads the demo data; loaded for the day the
    run's demo template was built for, the demo is the template: villages, households,
    generation and every village's readings."""
    state = demo.ensure_store_with_demo(empty_database, today=TEMPLATE_TODAY)
    assert state.created and state.embedded
    assert demo.is_demo_store(url=empty_database)
    assert _fingerprint(empty_database) == _fingerprint(demo_store)
