"""Who could form an organisation next: a readiness score from measured facts.

Vocabulary: a *fact* is one measured thing about a village (its savings record, households
taking part, months recorded, funding history, training, grants, organisers). Each fact a
village has data for earns *points* up to its weight; the *score* is the points earned out
of the points possible over the facts measured (0-100), and the facts measured are shown
beside it: a fact with no data is "no data", never a guess, and weighs nothing.

The fact list (:data:`FACTS`) is open: a capability that starts recording something (the
training register, the call's grants and organisers) replaces its pending entry with a
measure, and every score and page picks it up.

Villages considered: active, in programme year 2 or 3, or graduated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select

from energy.calc import metrics
from energy.core.access import Actor, require
from energy.organisations import readiness_facts as readiness_links
from energy.organisations.readiness_facts import FactValue, VillageRow
from energy.savings import village_sums
from energy.savings.performance import village_league
from energy.store.db import session_for
from energy.store.models.organisations import Organisation
from energy.store.models.villages import District, Village, VillageStatusChange

# A village that cuts its combined energy use by this much over a year earns every point of
# the savings fact: about what the city reported for villages in their third year (-15% of
# electricity), held a little lower because the combined figure includes gas and heat.
FULL_SAVING_PCT = 0.10
# Households taking part for every point: the smallest group the 2021 call accepts (30 in
# detached housing).
FULL_HOUSEHOLDS = 30
PROGRAMME_YEARS = 3  # the three funded years
PAUSE_FACTOR = 0.5  # a village that paused or stopped keeps half its funding-history points


Measure = Callable[[Actor, list[VillageRow], dt.date, str | None], dict[int, FactValue]]


@dataclass(frozen=True)
class Fact:
    key: str
    weight: float  # the points a village with the best record earns
    source_key: str  # where the fact comes from (a catalogue key)
    measure: Measure | None  # None: not recorded in this system yet


def _last_twelve_months(today: dt.date) -> tuple[dt.date, dt.date]:
    end = metrics.add_months(metrics.first_of_month(today), -1)
    return metrics.add_months(end, -11), end


def _clamp(share: float) -> float:
    return max(0.0, min(1.0, share))


def _savings(
    actor: Actor, villages: list[VillageRow], today: dt.date, url: str | None
) -> dict[int, FactValue]:
    start, end = _last_twelve_months(today)
    league = village_league(actor, start=start, end=end, url=url)
    # One dict, not a frame lookup per village (hundreds of villages at city scale).
    pcts = dict(zip(league["village_id"].tolist(), league["combined_pct"].tolist(), strict=True))
    found = {}
    for v in villages:
        pct = pcts.get(v.id)
        if pct is None or pd.isna(pct):
            found[v.id] = FactValue(None, "readiness.no_data")
            continue
        found[v.id] = FactValue(
            float(pct),
            "readiness.detail_savings",
            {"pct": f"{pct:.1%}", "start": f"{start:%Y-%m}", "end": f"{end:%Y-%m}"},
            round(FACTS_BY_KEY["savings"].weight * _clamp(float(pct) / FULL_SAVING_PCT), 1),
        )
    return found


def _households(
    actor: Actor, villages: list[VillageRow], today: dt.date, url: str | None
) -> dict[int, FactValue]:
    start, end = _last_twelve_months(today)
    league = village_league(actor, start=start, end=end, url=url)
    counts = dict(zip(league["village_id"].tolist(), league["households"].tolist(), strict=True))
    weight = FACTS_BY_KEY["households"].weight
    found = {}
    for v in villages:
        n = int(counts.get(v.id, 0))
        found[v.id] = FactValue(
            float(n),
            "readiness.detail_households",
            {"n": n, "full": FULL_HOUSEHOLDS},
            round(weight * _clamp(n / FULL_HOUSEHOLDS), 1),
        )
    return found


def _recording(
    actor: Actor, villages: list[VillageRow], today: dt.date, url: str | None
) -> dict[int, FactValue]:
    start, end = _last_twelve_months(today)
    with session_for(actor, url=url) as session:
        months = village_sums.recorded_months(session, [v.id for v in villages], start, end)
    weight = FACTS_BY_KEY["recording"].weight
    return {
        v.id: FactValue(
            float(months.get(v.id, 0)),
            "readiness.detail_recording",
            {"n": months.get(v.id, 0)},
            round(weight * months.get(v.id, 0) / 12, 1),
        )
        for v in villages
    }


def _funding_history(
    actor: Actor, villages: list[VillageRow], today: dt.date, url: str | None
) -> dict[int, FactValue]:
    """Funded years completed (from the village's stage) and whether it ever stopped."""
    with session_for(actor, url=url) as session:
        stops = dict(
            session.execute(
                select(VillageStatusChange.village_id, func.count())
                .where(
                    VillageStatusChange.village_id.in_([v.id for v in villages]),
                    VillageStatusChange.status.in_(("paused", "disbanded")),
                )
                .group_by(VillageStatusChange.village_id)
            ).all()
        )
    weight = FACTS_BY_KEY["funding_history"].weight
    found = {}
    for v in villages:
        years = PROGRAMME_YEARS if v.stage == "graduated" else int(v.stage) - 1
        paused = stops.get(v.id, 0)
        share = years / PROGRAMME_YEARS * (PAUSE_FACTOR if paused else 1.0)
        found[v.id] = FactValue(
            float(years),
            "readiness.detail_funding",
            {"years": years, "stops": paused},
            round(weight * share, 1),
        )
    return found


def _linked(
    measure: Callable[[Actor, list[VillageRow], dt.date, str | None, float], dict[int, FactValue]],
    weight: float,
) -> Measure:
    return lambda actor, villages, today, url: measure(actor, villages, today, url, weight)


FACTS: list[Fact] = [
    Fact("savings", 30, "readiness.source_savings", _savings),
    Fact("households", 20, "readiness.source_households", _households),
    Fact("recording", 15, "readiness.source_recording", _recording),
    Fact("funding_history", 15, "readiness.source_funding", _funding_history),
    # Recorded by the training register and the call (energy.organisations.readiness_facts).
    Fact("training", 20, "readiness.source_training", _linked(readiness_links.training, 20)),
    Fact("grants", 10, "readiness.source_grants", _linked(readiness_links.grants, 10)),
    Fact("organisers", 10, "readiness.source_organisers", _linked(readiness_links.organisers, 10)),
]
FACTS_BY_KEY = {fact.key: fact for fact in FACTS}


@dataclass(frozen=True)
class Readiness:
    villages: pd.DataFrame  # one row per village: identity, score, facts measured, organisations
    facts: pd.DataFrame  # one row per village and fact: value, detail, points, weight, source

    def facts_of(self, village_id: int) -> pd.DataFrame:
        return self.facts[self.facts["village_id"] == village_id]


def _candidates(actor: Actor, url: str | None) -> tuple[list[VillageRow], dict[int, int]]:
    with session_for(actor, url=url) as session:
        rows = session.execute(
            select(
                Village.id, Village.code, Village.name, Village.name_en, District.name_ko,
                District.name_en, Village.cohort_year, Village.programme_year, Village.graduated,
            )
            .join(District)
            .where(
                Village.status == "active",
                (Village.programme_year >= 2) | Village.graduated.is_(True),
            )
            .order_by(Village.code)
        ).all()  # fmt: skip
        organisations = dict(
            session.execute(
                select(Organisation.village_id, func.count()).group_by(Organisation.village_id)
            ).all()
        )
    villages = [
        VillageRow(i, c, n, ne, dko, den, cohort, "graduated" if grad else str(year))
        for i, c, n, ne, dko, den, cohort, year, grad in rows
    ]
    return villages, organisations


def readiness(actor: Actor, *, today: dt.date | None = None, url: str | None = None) -> Readiness:
    """Every candidate village's score, highest first, and the facts behind each score."""
    require(actor, "readiness.read")
    today = today or dt.date.today()
    villages, organisations = _candidates(actor, url)
    measured = {
        fact.key: (fact.measure(actor, villages, today, url) if fact.measure else {})
        for fact in FACTS
    }
    fact_rows, village_rows = [], []
    for v in villages:
        earned = possible = 0.0
        counted = 0
        for fact in FACTS:
            value = measured[fact.key].get(v.id, FactValue(None, "readiness.no_data"))
            if value.points is not None:
                earned, possible, counted = (
                    earned + value.points,
                    possible + fact.weight,
                    counted + 1,
                )
            fact_rows.append(
                {
                    "village_id": v.id, "fact": fact.key, "value": value.value,
                    "detail_key": value.detail_key, "params": value.params,
                    "points": value.points, "weight": fact.weight, "source_key": fact.source_key,
                }
            )  # fmt: skip
        village_rows.append(
            {
                "village_id": v.id, "code": v.code, "name": v.name, "name_en": v.name_en,
                "district_ko": v.district_ko, "district_en": v.district_en,
                "cohort": v.cohort_year, "stage": v.stage,
                "score": round(100 * earned / possible) if possible else None,
                "points": round(earned, 1), "possible": possible,
                "facts_measured": counted, "facts_total": len(FACTS),
                "organisations": organisations.get(v.id, 0),
            }
        )  # fmt: skip
    frame = pd.DataFrame(
        village_rows,
        columns=[
            "village_id", "code", "name", "name_en", "district_ko", "district_en", "cohort",
            "stage", "score", "points", "possible", "facts_measured", "facts_total",
            "organisations",
        ],
    )  # fmt: skip
    frame = frame.sort_values(["score", "code"], ascending=[False, True], na_position="last")
    return Readiness(
        frame.reset_index(drop=True),
        pd.DataFrame(
            fact_rows,
            columns=[
                "village_id",
                "fact",
                "value",
                "detail_key",
                "params",
                "points",
                "weight",
                "source_key",
            ],
        ),
    )
