"""City-scale data: any number of households and years of readings, generated quickly.

``python -m energy demo --households N --years Y`` builds the demo's villages and users, then
this module adds ``N`` households and ``Y`` years of monthly readings. Villages are filled in
turn to ``VILLAGE_HOUSEHOLDS`` each (the flagship first, then the others in a fixed shuffled
order, so the filled ones span the cohorts), opening more villages when needed up to Seoul's
~426 neighbourhoods; only beyond 426 full villages do villages grow. So a village is the same
size in a small store and a city-sized one, and a bigger store has more villages and more
history, not bigger villages (which is what the page benchmarks compare). Values are drawn with numpy in whole blocks of
households (seasonal shapes, a saving that grows with the programme year, noise) and written
with the store's bulk path (COPY on PostgreSQL), one transaction per block, so ten million
readings take minutes and bounded memory.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from energy.calc.metrics import add_months, first_of_month
from energy.demo.load import DEMO_ACTOR
from energy.demo.readings import ELECTRICITY_SHAPE, HEATING_MJ, WATER_SHAPE, write_readings
from energy.savings import village_sums
from energy.store.db import get_engine, record_action, session_for
from energy.store.models.readings import Household, ReadingBatch
from energy.store.models.villages import District, Village, VillageStatusChange

VILLAGE_HOUSEHOLDS = 280  # a full village: 426 of them hold ~120,000 households
MAX_VILLAGES = 426  # Seoul's administrative neighbourhoods (2022)
BLOCK_HOUSEHOLDS = 4_000  # households generated and written per transaction
GAS_SHARE, HEAT_SHARE, WATER_SHARE, SOLAR_SHARE = 0.7, 0.2, 0.5, 0.1
SAVING_BY_YEAR = (0.0, 0.035, 0.07, 0.13)  # before joining, year 1, 2, 3 and after
Progress = Callable[[int, int], None]


@dataclass
class ScaleSummary:
    villages: int = 0
    households: int = 0
    readings: int = 0
    per_carrier: dict[str, int] = field(default_factory=dict)


def _open_villages(session: Session, wanted: int, today: dt.date) -> list[tuple[int, int, str]]:
    """(village id, cohort year, housing type) of active villages, opening more if needed."""
    villages = [
        (v.id, v.cohort_year, v.housing_type)
        for v in session.scalars(
            select(Village).where(Village.status == "active").order_by(Village.id)
        )
    ]
    districts = list(session.scalars(select(District.id).order_by(District.code)))
    serial = 0
    rng = np.random.default_rng(426)
    while len(villages) < min(wanted, MAX_VILLAGES):
        serial += 1
        cohort = int(rng.integers(2012, today.year + 1))
        village = Village(
            code=f"SCALE-{serial:04d}",
            name=f"확장 마을 {serial}",
            name_en=f"Scale village {serial}",
            district_id=districts[serial % len(districts)],
            housing_type=("apartment", "detached", "mixed")[serial % 3],
            cohort_year=cohort,
            programme_year=min(today.year - cohort + 1, 3),
            graduated=today.year - cohort + 1 > 3,
            status="active",
        )
        session.add(village)
        session.flush()
        session.add(
            VillageStatusChange(
                village_id=village.id, status="active", effective_on=dt.date(cohort, 4, 1),
                reason_code="started", recorded_by="demo",
            )
        )  # fmt: skip
        villages.append((village.id, cohort, village.housing_type))
    return villages


def add_scale_readings(
    *,
    households: int,
    years: int,
    today: dt.date | None = None,
    seed: int = 2012,
    url: str | None = None,
    progress: Progress | None = None,
) -> ScaleSummary:
    """Add ``households`` households with ``years`` years of monthly readings to the store."""
    today = today or dt.date.today()
    last = add_months(first_of_month(today), -1)
    months = [add_months(last, -n) for n in range(years * 12 - 1, -1, -1)]
    month_index = np.array([m.month - 1 for m in months])
    summary = ScaleSummary()
    with session_for(DEMO_ACTOR, write=True, url=url) as session:
        per_village = max(VILLAGE_HOUSEHOLDS, math.ceil(households / MAX_VILLAGES))
        wanted = math.ceil(households / per_village)
        opened = _open_villages(session, wanted, today)
        rest = opened[1:]
        random.Random(seed).shuffle(rest)
        villages = [opened[0], *rest][:wanted]
        summary.villages = len(villages)
        batch_ids: dict[int, int] = {}
        for village_id, _, _ in villages:
            batch = ReadingBatch(village_id=village_id, source="demo", created_by="demo",
                                 filename="scale")  # fmt: skip
            session.add(batch)
            session.flush()
            batch_ids[village_id] = batch.id
    rng = np.random.default_rng(seed)
    shape_e = np.array(ELECTRICITY_SHAPE)[month_index]
    heating = np.array(HEATING_MJ, dtype=float)[month_index]
    shape_w = np.array(WATER_SHAPE)[month_index]
    month_years = np.array([m.year for m in months])
    done = 0
    while done < households:
        block = min(BLOCK_HOUSEHOLDS, households - done)
        owners = [villages[(done + i) // per_village] for i in range(block)]
        with session_for(DEMO_ACTOR, write=True, url=url) as session:
            rows: list[dict[str, Any]] = [
                {
                    "village_id": village_id,
                    "code": f"S-{done + i + 1:06d}",
                    "housing_type": housing if housing != "mixed" else "apartment",
                    "joined_on": dt.date(cohort, 4, 1),
                }
                for i, (village_id, cohort, housing) in enumerate(owners)
            ]
            session.execute(insert(Household), rows)
            by_code = dict(
                session.execute(
                    select(Household.code, Household.id).where(
                        Household.code.in_([r["code"] for r in rows])
                    )
                ).all()
            )
            ids = np.array([by_code[r["code"]] for r in rows])
            vids = np.array([o[0] for o in owners])
            cohorts = np.array([o[1] for o in owners])
            # Programme year of each household in each month: 0 before joining, then 1, 2, 3+.
            year_in = np.clip(month_years[None, :] - cohorts[:, None] + 1, 0, 3)
            saving = np.array(SAVING_BY_YEAR)[year_in] * rng.uniform(0.6, 1.4, (block, 1))

            def noise(shape: tuple[int, int] = (block, len(months))) -> np.ndarray:
                return rng.normal(1.0, 0.06, shape)

            base_e = rng.uniform(220, 420, (block, 1))
            carriers = {
                "electricity": (base_e * shape_e * (1 - saving) * noise(), np.ones(block, bool)),
                "gas": (
                    (rng.uniform(0.7, 1.3, (block, 1)) * (heating + 600)) * (1 - saving) * noise(),
                    rng.random(block) < GAS_SHARE,
                ),
                "heat": (
                    rng.uniform(0.7, 1.3, (block, 1))
                    * (heating + 600)
                    * 0.236
                    * (1 - saving)
                    * noise(),
                    rng.random(block) < HEAT_SHARE,
                ),
                "water": (
                    rng.uniform(8, 18, (block, 1)) * shape_w * noise(),
                    rng.random(block) < WATER_SHARE,
                ),
                "solar": (
                    np.full((block, len(months)), 31.0) * noise(),
                    rng.random(block) < SOLAR_SHARE,
                ),
            }
            carriers["heat"] = (carriers["heat"][0], carriers["heat"][1] & ~carriers["gas"][1])
            written: list[tuple[int, int, dt.date, str, float, int]] = []
            for carrier, (values, who) in carriers.items():
                rows_of = np.nonzero(who)[0]
                for h in rows_of:
                    hid, vid = int(ids[h]), int(vids[h])
                    batch_id = batch_ids[vid]
                    written.extend(
                        (hid, vid, month, carrier, round(float(v), 1), batch_id)
                        for month, v in zip(months, values[h], strict=True)
                    )
                summary.per_carrier[carrier] = summary.per_carrier.get(carrier, 0) + len(
                    rows_of
                ) * len(months)
            write_readings(session, written)
            summary.readings += len(written)
        done += block
        summary.households = done
        if progress:
            progress(done, households)
    with session_for(DEMO_ACTOR, write=True, url=url) as session:
        village_sums.rebuild(session, None)
        record_action(session, "demo_loaded", "store", "scale",
                      {"households": households, "years": years, "readings": summary.readings})  # fmt: skip
        postgresql = session.get_bind().dialect.name == "postgresql"
    if postgresql:
        # What autovacuum would do in its own time, done now (VACUUM runs outside a
        # transaction): planner statistics for the tables just filled (without them the town
        # hall's joins are planned for a few thousand households), and the visibility map,
        # without which an index-only scan still visits the table for every row it returns
        # (readiness's recorded months at 10M: 0.18 s -> 0.10 s).
        engine = get_engine(url).execution_options(isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("VACUUM ANALYZE"))
    return summary
