"""Demo households, their generation and their monthly readings (deterministic and fast).

Vocabulary:

- *window*: the months a village has readings for: the last 48 complete months before
  ``today``, reaching back further for a recent cohort so that it has 24 months of bills
  from before it joined (the eco-mileage baseline needs the same month 1 and 2 years earlier).
  A paused or disbanded village has none from the month it stopped (until it resumed).
- *programme month*: months since a household joined; its saving grows with it (about 2–5%
  in programme year 1, 5–9% in year 2, 10–16% from year 3, kept after graduation), scaled by
  how keen the village and the household are, so some households use more.
- *showcase villages*: the flagship and the demo committees' villages: complete recent data.

Every village draws from its own PRNG seeded by its code, so the data set is the same every
time for the same ``today``. Rows go in by bulk inserts (COPY for readings on PostgreSQL),
never one ORM object per row: households and generation are counted in the demo's one audit
entry, and each village's readings carry one ``demo`` batch, as an import's do.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from energy.calc.metrics import add_months
from energy.core.vocabulary import FLOOR_AREA_BANDS
from energy.readings import writer as readings_store
from energy.store.models.readings import GenerationUnit, Household, ReadingBatch
from energy.store.models.villages import Village, VillageStatusChange

WINDOW_MONTHS = 48  # four years: every month of the last two has two years of history
PRE_JOIN_MONTHS = 24  # bills a recent village brings from before it joined
RECENT_COHORT_YEARS = 3  # cohorts this recent get PRE_JOIN_MONTHS before their start
CHUNK_ROWS = 10_000  # rows per executemany: bounded memory, few round trips
HOUSEHOLD_COLUMNS = ("code", "housing_type", "floor_area_band", "occupants", "joined_on", "left_on")
DEMO_CREATOR = "demo"

# Households per village by housing type (apartment estates recruit more).
HOUSEHOLDS_PER_VILLAGE = {"detached": (8, 16), "mixed": (10, 20), "apartment": (14, 25)}
SHOWCASE_HOUSEHOLDS = 24
LATE_JOINER_SHARE = 0.12  # join up to a year after the village started
LEAVER_SHARE = 0.05
BALCONY_SOLAR_SHARE = 0.25
ROOFTOP_SOLAR_SHARE = 0.03  # of detached households only
WATER_REPORTING_SHARE = 0.5
DISTRICT_HEAT_SHARE = 0.3  # estates on district heating report "heat", not gas
LIFE_EVENT_SHARE = 0.08  # a baby, a lodger, a child moving out: a step in use
MISSING_MONTH_SHARE = 0.02
PATCHY_VILLAGES = 2  # villages with many gaps, so the data-quality badges have work
PATCHY_MISSING_SHARE = 0.15
PATCHY_RUN_SHARE = 0.3  # households in a patchy village that also miss 3-6 months in a row
OUTLIER_SHARE = 1 / 12_000  # a value typed three times too large
SHOWCASE_CLEAN_MONTHS = 12  # no gaps or typos this recent in the showcase villages

AREA_WEIGHTS = {
    "apartment": (0.08, 0.25, 0.40, 0.22, 0.05),
    "detached": (0.12, 0.25, 0.30, 0.23, 0.10),
}
OCCUPANT_WEIGHTS = (0.15, 0.25, 0.25, 0.25, 0.10)  # 1..5 people
ELECTRICITY_AREA = dict(zip(FLOOR_AREA_BANDS, (0.85, 0.95, 1.0, 1.1, 1.25), strict=True))
HEATING_AREA = dict(zip(FLOOR_AREA_BANDS, (0.55, 0.8, 1.0, 1.25, 1.55), strict=True))
# Old detached houses leak heat; apartments share walls.
HEATING_HOUSING = {"detached": 1.15, "apartment": 0.85}

# Calendar-month shapes (index 0 = January), Seoul.
# Electricity: air conditioning in July-August, a smaller winter bump (heaters, mats).
ELECTRICITY_SHAPE = (1.08, 1.03, 0.96, 0.91, 0.90, 0.96, 1.14, 1.32, 1.06, 0.91, 0.93, 1.03)
# Space heating with city gas (MJ) for a 60-85 m² home; hot water and cooking come on top,
# a third more in winter (colder mains water).
HEATING_MJ = (4300, 3700, 2600, 1300, 350, 0, 0, 0, 0, 450, 1900, 3600)
HOT_WATER_SHAPE = tuple(1 + 0.35 * mj / HEATING_MJ[0] for mj in HEATING_MJ)
WATER_SHAPE = (0.95, 0.95, 0.97, 1.0, 1.02, 1.08, 1.1, 1.1, 1.05, 1.0, 0.97, 0.95)
# Solar yield (mean 1.0): bright spring, the monsoon in July, short days in December.
SOLAR_SHAPE = (0.80, 0.92, 1.12, 1.24, 1.30, 1.12, 0.88, 0.97, 1.05, 1.10, 0.82, 0.68)
BALCONY_KWH_PER_W = 31 / 325  # a 325 W panel gives about 31 kWh a month
ROOFTOP_KWH_PER_W = 288 / 3000  # a 3 kW rooftop gives about 288 kWh a month
# District heat delivered for a gas boiler's MJ: 3.6 MJ per kWh at 85% boiler efficiency.
HEAT_KWH_PER_GAS_MJ = 0.85 / 3.6

# Saving relative to a household's own pre-join use, at the middle of programme years 1-3.
SAVING_BANDS = ((0.02, 0.05), (0.05, 0.09), (0.10, 0.16))
NOISE_SD = {"electricity": 0.055, "gas": 0.07, "heat": 0.07, "water": 0.08, "solar": 0.08}


def months_between(first: dt.date, second: dt.date) -> int:
    """Whole months from ``first``'s month to ``second``'s month."""
    return (second.year - first.year) * 12 + second.month - first.month


@dataclass(frozen=True)
class Generation:
    kind: str
    units: int
    watts_per_unit: int
    installed_on: dt.date

    @property
    def kwh_per_month(self) -> float:
        per_w = BALCONY_KWH_PER_W if self.kind == "balcony_solar" else ROOFTOP_KWH_PER_W
        return self.units * self.watts_per_unit * per_w


@dataclass
class HouseholdPlan:
    """One demo household: what the store keeps, and the hidden habits its readings follow."""

    code: str
    housing_type: str
    floor_area_band: str
    occupants: int
    joined_on: dt.date
    left_on: dt.date | None
    heating: str  # "gas" or "heat" (district heating)
    reports_water: bool
    electricity_kwh: float  # a typical month before joining, before the seasonal shape
    heating_mj: float  # scale on HEATING_MJ
    hot_water_mj: float
    water_m3: float
    savings: tuple[float, float, float]  # at the middle of programme years 1, 2, 3
    life_event: tuple[dt.date, float] | None = None  # from this month, use times this
    generation: Generation | None = None
    solar_aspect: float = 1.0  # a balcony facing south-east or west
    id: int = 0


@dataclass(frozen=True)
class VillageTimeline:
    """A village's window, and the pauses inside it."""

    village_id: int
    code: str
    housing_type: str
    start: dt.date
    first_month: dt.date
    last_month: dt.date
    stops: tuple[tuple[dt.date, dt.date | None], ...]  # (stopped on, first month back)
    disbanded_on: dt.date | None

    def reports_in(self, month: dt.date) -> bool:
        """Whether the whole month lies outside every pause."""
        month_end = add_months(month, 1)
        return not any(
            month_end > stopped and (back is None or month < back) for stopped, back in self.stops
        )

    @property
    def months(self) -> list[dt.date]:
        count = months_between(self.first_month, self.last_month) + 1
        every = (add_months(self.first_month, i) for i in range(count))
        return [m for m in every if self.reports_in(m)]

    @property
    def stopped_on(self) -> dt.date | None:
        """The day it stopped for good (paused or disbanded, never resumed)."""
        return self.stops[-1][0] if self.stops and self.stops[-1][1] is None else None


@dataclass
class DemoReadingsSummary:
    households: int = 0
    generation_units: int = 0
    batches: int = 0
    readings: Counter[str] = field(default_factory=Counter)  # per carrier


def _timeline(
    village: Village, history: Sequence[VillageStatusChange], today: dt.date
) -> VillageTimeline:
    last_month = add_months(today.replace(day=1), -1)
    first_month = add_months(last_month, 1 - WINDOW_MONTHS)
    start = next(
        (c.effective_on for c in history if c.reason_code == "started"),
        dt.date(village.cohort_year, 4, 1),
    )
    if village.cohort_year >= today.year - RECENT_COHORT_YEARS:
        first_month = min(first_month, add_months(start.replace(day=1), -PRE_JOIN_MONTHS))
    stops: list[tuple[dt.date, dt.date | None]] = []
    disbanded_on = None
    for change in history:
        if change.status == "disbanded":
            disbanded_on = change.effective_on
        if change.status in ("paused", "disbanded") and (not stops or stops[-1][1] is not None):
            stops.append((change.effective_on, None))
        elif change.status == "active" and stops and stops[-1][1] is None:
            # Back from the month it resumed in if that was the 1st, else from the next.
            back = change.effective_on
            stops[-1] = (stops[-1][0], add_months(back, 0 if back.day == 1 else 1))
    return VillageTimeline(
        village.id, village.code, village.housing_type, start, first_month, last_month,
        tuple(stops), disbanded_on,
    )  # fmt: skip


def _random_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date | None:
    if last < first:
        return None
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _around_one(rng: random.Random, sd: float, low: float, high: float) -> float:
    return max(low, min(high, rng.gauss(1.0, sd)))


def _plan_household(
    rng: random.Random,
    index: int,
    timeline: VillageTimeline,
    district_heat: bool,
    keenness: float,
    today: dt.date,
) -> HouseholdPlan:
    housing = timeline.housing_type
    if housing == "mixed":
        housing = "apartment" if rng.random() < 0.55 else "detached"
    band = rng.choices(FLOOR_AREA_BANDS, AREA_WEIGHTS[housing])[0]
    occupants = rng.choices(range(1, 6), OCCUPANT_WEIGHTS)[0]
    if band == "<40":
        occupants = min(occupants, 2)
    window_end = add_months(timeline.last_month, 1) - dt.timedelta(days=1)
    joined_on = timeline.start
    # H-001 stays from the start: every village keeps one steady household.
    if index > 1 and rng.random() < LATE_JOINER_SHARE:
        later = timeline.start + dt.timedelta(days=rng.randint(20, 365))
        joined_on = max(timeline.start, min(later, today - dt.timedelta(days=7)))
    left_on = None
    if index > 1 and rng.random() < LEAVER_SHARE:
        earliest = max(joined_on + dt.timedelta(days=120), timeline.first_month)
        left_on = _random_day(rng, earliest, today - dt.timedelta(days=15))
    keen = max(-0.5, min(2.2, rng.gauss(1.0, 0.45))) * keenness
    plan = HouseholdPlan(
        code=f"H-{index:03d}",
        housing_type=housing,
        floor_area_band=band,
        occupants=occupants,
        joined_on=joined_on,
        left_on=left_on,
        heating="heat" if district_heat and housing == "apartment" else "gas",
        reports_water=rng.random() < WATER_REPORTING_SHARE,
        savings=(
            rng.uniform(*SAVING_BANDS[0]) * keen,
            rng.uniform(*SAVING_BANDS[1]) * keen,
            rng.uniform(*SAVING_BANDS[2]) * keen,
        ),
        electricity_kwh=(150 + 60 * occupants)
        * ELECTRICITY_AREA[band]
        * _around_one(rng, 0.15, 0.6, 1.6),
        heating_mj=HEATING_AREA[band] * HEATING_HOUSING[housing] * _around_one(rng, 0.15, 0.6, 1.6),
        hot_water_mj=(250 + 150 * occupants) * _around_one(rng, 0.12, 0.7, 1.4),
        water_m3=(4 + 3.2 * occupants) * _around_one(rng, 0.15, 0.6, 1.5),
    )
    if rng.random() < LIFE_EVENT_SHARE:
        when = _random_day(rng, timeline.first_month, window_end)
        factor = rng.uniform(1.08, 1.25) if rng.random() < 0.6 else rng.uniform(0.80, 0.92)
        plan.life_event = (when.replace(day=1), factor) if when else None
    roll = rng.random()
    if housing == "detached" and roll < ROOFTOP_SOLAR_SHARE:
        kind = "rooftop_solar"
    elif roll < BALCONY_SOLAR_SHARE:
        kind = "balcony_solar"
    else:
        return plan
    last_install = min(
        window_end - dt.timedelta(days=45),
        timeline.stopped_on or window_end,
        left_on or window_end,
    )
    installed_on = _random_day(rng, max(joined_on, timeline.first_month), last_install)
    if installed_on is not None:
        if kind == "rooftop_solar":
            plan.generation = Generation(kind, 10, 300, installed_on)
        else:
            units = 1 if rng.random() < 0.75 else 2
            watts = 325 if rng.random() < 0.6 else 300
            plan.generation = Generation(kind, units, watts, installed_on)
        plan.solar_aspect = _around_one(rng, 0.1, 0.75, 1.15)
    return plan


def _saving(plan: HouseholdPlan, month: dt.date) -> float:
    """Share of pre-join use saved in ``month``: a ramp through the middle of each
    programme year, then held (a graduated village keeps the level it reached)."""
    k = months_between(plan.joined_on, month)
    s1, s2, s3 = plan.savings
    if k < 0:
        return 0.0
    if k < 5.5:
        return s1 * k / 5.5
    if k < 17.5:
        return s1 + (s2 - s1) * (k - 5.5) / 12
    if k < 29.5:
        return s2 + (s3 - s2) * (k - 17.5) / 12
    return s3


class Weather:
    """City-wide month-to-month weather, the same for every household (a hot August shows
    in every village). Drawn per year from its own seed, so a year never changes."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._years: dict[int, list[tuple[float, float, float]]] = {}

    def factors(self, month: dt.date) -> tuple[float, float, float]:
        """(electricity, space heating, sunshine) multipliers for ``month``."""
        if month.year not in self._years:
            rng = random.Random(f"weather-{self.seed}-{month.year}")
            year = []
            for i in range(12):
                cooling, heating, sun = rng.gauss(1, 0.05), rng.gauss(1, 0.06), rng.gauss(1, 0.06)
                # Summer heat drives air conditioning; a cold winter a little electric heating.
                electric = (
                    cooling if 5 <= i <= 8 else 1 + (heating - 1) * 0.3 if i in (0, 1, 11) else 1
                )
                year.append((electric, heating, sun))
            self._years[month.year] = year
        return self._years[month.year][month.month - 1]


def _household_readings(
    rng: random.Random,
    plan: HouseholdPlan,
    months: Sequence[dt.date],
    weather: Weather,
    *,
    missing_share: float,
    missing_run: bool,
    clean_from: dt.date | None,
    keep_month: dt.date | None,
) -> Iterator[tuple[dt.date, str, float]]:
    """(month, carrier, value) for each month the household reported."""
    gauss, uniform = rng.gauss, rng.random
    left_month = plan.left_on.replace(day=1) if plan.left_on else None
    generation = plan.generation
    solar_from = add_months(generation.installed_on, 1) if generation else dt.date.max
    gaps: set[dt.date] = set()
    if missing_run and len(months) > 12:
        first = rng.randrange(len(months) - 6)
        gaps.update(months[first : first + rng.randint(3, 6)])
    for month in months:
        if left_month is not None and month >= left_month:
            break
        clean = clean_from is not None and month >= clean_from
        if month != keep_month and not clean and (month in gaps or uniform() < missing_share):
            continue
        i = month.month - 1
        electric, heating, sun = weather.factors(month)
        use = 1.0 - _saving(plan, month)
        if plan.life_event is not None and month >= plan.life_event[0]:
            use *= plan.life_event[1]
        warmth = (plan.heating_mj * HEATING_MJ[i] * heating + plan.hot_water_mj * HOT_WATER_SHAPE[i]) * use  # fmt: skip
        values = [
            ("electricity", plan.electricity_kwh * ELECTRICITY_SHAPE[i] * electric * use),
            ("heat", warmth * HEAT_KWH_PER_GAS_MJ) if plan.heating == "heat" else ("gas", warmth),
        ]
        if plan.reports_water:  # taps save half what switches do
            values.append(("water", plan.water_m3 * WATER_SHAPE[i] * (1 + use) / 2))
        for carrier, value in values:
            value *= gauss(1.0, NOISE_SD[carrier])
            if not clean and uniform() < OUTLIER_SHARE:
                value *= 3
            yield month, carrier, float(round(max(value, 1.0)))
        if generation is not None and month >= solar_from:
            kwh = generation.kwh_per_month * SOLAR_SHAPE[i] * plan.solar_aspect * sun
            yield month, "solar", round(max(kwh * gauss(1.0, NOISE_SD["solar"]), 0.0), 1)


def _insert_chunks(session: Session, entity: Any, rows: Sequence[dict[str, Any]]) -> None:
    conn = session.connection()
    for start in range(0, len(rows), CHUNK_ROWS):
        conn.execute(insert(entity), rows[start : start + CHUNK_ROWS])


def write_readings(session: Session, rows: list[tuple[int, int, dt.date, str, float, int]]) -> None:
    """Bulk-write readings of *new* households (whole histories) by the store driver's fastest
    path, in the session's transaction. The rows carry every earlier month of their household,
    so the generator writes the history columns itself and the insert triggers step aside
    (:func:`energy.readings.writer.history_by_writer`): 6.8 s instead of 23 s for the demo on
    PostgreSQL."""
    conn = session.connection()
    known = {(h, c, m): x for h, _, m, c, x, _ in rows}
    bind = readings_store.month_binder(conn)
    months = {m: bind(m) for m in {row[2] for row in rows}}
    with readings_store.history_by_writer(conn, {v for _, v, *_ in rows}):
        readings_store.insert_rows(
            conn,
            (
                (
                    h,
                    v,
                    months[m],
                    c,
                    x,
                    b,
                    known.get((h, c, add_months(m, -12))),
                    known.get((h, c, add_months(m, -24))),
                )
                for h, v, m, c, x, b in rows
            ),
        )


def _load_timelines(session: Session, today: dt.date) -> list[VillageTimeline]:
    """Every village with something to show in its window, by code."""
    history: dict[int, list[VillageStatusChange]] = {}
    for change in session.scalars(
        select(VillageStatusChange).order_by(
            VillageStatusChange.village_id, VillageStatusChange.effective_on, VillageStatusChange.id
        )
    ):
        history.setdefault(change.village_id, []).append(change)
    villages = session.scalars(select(Village).order_by(Village.code))
    timelines = [_timeline(v, history.get(v.id, []), today) for v in villages]
    # A village disbanded before its window has no households to show.
    return [t for t in timelines if t.disbanded_on is None or t.disbanded_on >= t.first_month]


def _plan_village(
    timeline: VillageTimeline, *, seed: int, showcase: bool, today: dt.date
) -> list[HouseholdPlan]:
    rng = random.Random(f"demo-{seed}-{timeline.code}")
    low, high = HOUSEHOLDS_PER_VILLAGE[timeline.housing_type]
    count = SHOWCASE_HOUSEHOLDS if showcase else rng.randint(low, high)
    district_heat = timeline.housing_type != "detached" and rng.random() < DISTRICT_HEAT_SHARE
    keenness = 1.05 if showcase else _around_one(rng, 0.2, 0.5, 1.5)
    return [
        _plan_household(rng, i, timeline, district_heat, keenness, today)
        for i in range(1, count + 1)
    ]


def _insert_households(session: Session, plans: dict[int, list[HouseholdPlan]]) -> int:
    """Write households and their generation; set each plan's id. Returns generation units."""
    rows = [
        {"village_id": village_id, **{c: getattr(p, c) for c in HOUSEHOLD_COLUMNS}}
        for village_id, village_plans in plans.items()
        for p in village_plans
    ]
    _insert_chunks(session, Household, rows)
    ids = {
        (village_id, code): household_id
        for household_id, village_id, code in session.execute(
            select(Household.id, Household.village_id, Household.code)
        )
    }
    generation: list[dict[str, Any]] = []
    for village_id, village_plans in plans.items():
        for plan in village_plans:
            plan.id = ids[(village_id, plan.code)]
            if plan.generation is not None:
                generation.append({"household_id": plan.id, **asdict(plan.generation)})
    _insert_chunks(session, GenerationUnit, generation)
    return len(generation)


def add_demo_readings(
    session: Session, *, today: dt.date, seed: int, showcase: Collection[str] = ()
) -> DemoReadingsSummary:
    """Add households, generation and readings to the villages in the session's store
    (villages and their status history must be flushed already)."""
    timelines = _load_timelines(session, today)
    plans = {
        t.village_id: _plan_village(t, seed=seed, showcase=t.code in showcase, today=today)
        for t in timelines
    }
    summary = DemoReadingsSummary(households=sum(len(p) for p in plans.values()))
    summary.generation_units = _insert_households(session, plans)

    steady = [t.code for t in timelines if t.code not in showcase and not t.stops]
    picker = random.Random(f"demo-{seed}-patchy")
    patchy = set(picker.sample(steady, min(PATCHY_VILLAGES, len(steady))))
    weather = Weather(seed)
    per_village: dict[int, list[tuple[int, dt.date, str, float]]] = {}
    for timeline in timelines:
        rng = random.Random(f"demo-{seed}-{timeline.code}-readings")
        months = timeline.months
        is_patchy = timeline.code in patchy
        clean_from = None
        if timeline.code in showcase:
            clean_from = add_months(timeline.last_month, 1 - SHOWCASE_CLEAN_MONTHS)
        rows = per_village[timeline.village_id] = []
        for plan in plans[timeline.village_id]:
            readings = _household_readings(
                rng,
                plan,
                months,
                weather,
                missing_share=PATCHY_MISSING_SHARE if is_patchy else MISSING_MONTH_SHARE,
                missing_run=is_patchy and rng.random() < PATCHY_RUN_SHARE,
                clean_from=clean_from,
                # One household always reports the latest month: an active village is never blank.
                keep_month=timeline.last_month if plan.code == "H-001" else None,
            )
            rows.extend((plan.id, month, carrier, value) for month, carrier, value in readings)

    batches = [
        {"village_id": village_id, "source": "demo", "rows_in": len(rows), "added": len(rows)}
        for village_id, rows in per_village.items()
        if rows
    ]
    _insert_chunks(session, ReadingBatch, [{**b, "created_by": DEMO_CREATOR} for b in batches])
    batch_ids = dict(
        session.execute(
            select(ReadingBatch.village_id, ReadingBatch.id).where(ReadingBatch.source == "demo")
        ).all()
    )
    summary.batches = len(batch_ids)
    all_rows = [
        (household_id, village_id, month, carrier, value, batch_ids[village_id])
        for village_id, rows in per_village.items()
        for household_id, month, carrier, value in rows
    ]
    summary.readings.update(row[3] for row in all_rows)
    write_readings(session, all_rows)
    return summary
