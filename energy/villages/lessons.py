"""Learning from villages that stop: how many paused, disbanded or came back, by cohort, year
and reason, and how long villages last.

Built on the villages' dated status history (``VillageStatusChange``, with the reason codes
of ``energy.core.vocabulary.STATUS_REASONS``). Vocabulary:

- an *event* is one change after a village started: ``paused``, ``disbanded`` or
  ``came_back`` (back to active, reason "resumed" or other);
- a village *lasts* until it disbands; *survival* at year k of a cohort is the share of its
  villages observed for k years (started at least k years before today) that had not
  disbanded k years after they started.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select

from energy.core.access import Actor, require
from energy.core.vocabulary import STATUS_REASONS
from energy.store.db import session_for
from energy.store.models.villages import District, Village, VillageStatusChange

KINDS = ("paused", "disbanded", "came_back")
STOP_REASONS = tuple(r for r in STATUS_REASONS if r not in ("started", "resumed"))
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Lessons:
    villages: int
    ever_paused: int
    ever_disbanded: int
    came_back: int
    paused_now: int
    disbanded_now: int
    events: (
        pd.DataFrame
    )  # code, name, name_en, district, cohort, year, kind, reason, effective_on, note
    by_year: pd.DataFrame  # year, kind, events (every year from the first cohort, zeros kept)
    by_cohort: pd.DataFrame  # cohort, villages, paused, disbanded, came_back (villages each)
    by_reason: pd.DataFrame  # reason, kind, events (paused and disbanded)
    survival: pd.DataFrame  # cohort, years, observed, lasting, share
    lifetimes: pd.DataFrame  # code, cohort, years_lasted (disbanded villages)

    @property
    def median_years_to_disband(self) -> float | None:
        if self.lifetimes.empty:
            return None
        return float(self.lifetimes["years_lasted"].median())


def _kind(status: str) -> str:
    return "came_back" if status == "active" else status


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _survival(starts: dict[int, dt.date], ends: dict[int, dt.date], cohorts: dict[int, int],
              today: dt.date) -> pd.DataFrame:  # fmt: skip
    rows = []
    for cohort in sorted(set(cohorts.values())):
        members = [v for v, c in cohorts.items() if c == cohort and v in starts]
        for years in range(0, today.year - cohort + 1):
            observed = [v for v in members if _add_years(starts[v], years) <= today]
            if not observed:
                break
            lasting = sum(
                1 for v in observed if v not in ends or ends[v] > _add_years(starts[v], years)
            )
            rows.append(
                {
                    "cohort": cohort,
                    "years": years,
                    "observed": len(observed),
                    "lasting": lasting,
                    "share": lasting / len(observed),
                }
            )
    return pd.DataFrame(rows, columns=["cohort", "years", "observed", "lasting", "share"])


def lessons(actor: Actor, *, today: dt.date | None = None, url: str | None = None) -> Lessons:
    """The statistics of stopping and coming back (staff and experts: no personal data)."""
    require(actor, "lessons.read")
    today = today or dt.date.today()
    with session_for(actor, url=url) as session:
        villages = session.execute(
            select(
                Village.id, Village.code, Village.name, Village.name_en, Village.cohort_year,
                Village.status, District.name_ko, District.name_en,
            ).join(District)
        ).all()  # fmt: skip
        changes = session.execute(
            select(
                VillageStatusChange.village_id, VillageStatusChange.status,
                VillageStatusChange.reason_code, VillageStatusChange.effective_on,
                VillageStatusChange.note,
            ).order_by(VillageStatusChange.effective_on, VillageStatusChange.id)
        ).all()  # fmt: skip
    info = {v[0]: v for v in villages}
    cohorts = {v[0]: int(v[4]) for v in villages}
    starts: dict[int, dt.date] = {}
    ends: dict[int, dt.date] = {}
    event_rows = []
    for village_id, status, reason, effective_on, note in changes:
        if reason == "started":
            starts.setdefault(village_id, effective_on)
            continue
        if status == "disbanded":
            ends.setdefault(village_id, effective_on)
        _, code, name, name_en, cohort, _, dko, den = info[village_id]
        event_rows.append(
            {
                "village_id": village_id, "code": code, "name": name, "name_en": name_en,
                "district_ko": dko, "district_en": den, "cohort": cohort,
                "year": effective_on.year, "kind": _kind(status), "reason": reason,
                "effective_on": effective_on, "note": note,
            }
        )  # fmt: skip
    events = pd.DataFrame(
        event_rows,
        columns=[
            "village_id", "code", "name", "name_en", "district_ko", "district_en", "cohort",
            "year", "kind", "reason", "effective_on", "note",
        ],
    )  # fmt: skip
    first_year = min(cohorts.values(), default=today.year)
    by_year = pd.DataFrame(
        [
            {
                "year": year,
                "kind": kind,
                "events": int(((events["year"] == year) & (events["kind"] == kind)).sum()),
            }
            for year in range(first_year, today.year + 1)
            for kind in KINDS
        ],
        columns=["year", "kind", "events"],
    )
    cohort_rows = []
    for cohort in sorted(set(cohorts.values())):
        ids = {v for v, c in cohorts.items() if c == cohort}
        mine = events[events["village_id"].isin(ids)]
        cohort_rows.append(
            {
                "cohort": cohort,
                "villages": len(ids),
                **{k: int(mine.loc[mine["kind"] == k, "village_id"].nunique()) for k in KINDS},
            }
        )
    by_cohort = pd.DataFrame(cohort_rows, columns=["cohort", "villages", *KINDS])
    by_reason = pd.DataFrame(
        [
            {
                "reason": reason,
                "kind": kind,
                "events": int(((events["reason"] == reason) & (events["kind"] == kind)).sum()),
            }
            for reason in STOP_REASONS
            for kind in ("paused", "disbanded")
        ],
        columns=["reason", "kind", "events"],
    )
    lifetimes = pd.DataFrame(
        [
            {
                "code": info[v][1],
                "cohort": cohorts[v],
                "years_lasted": round((end - starts[v]).days / DAYS_PER_YEAR, 1),
            }
            for v, end in ends.items()
            if v in starts
        ],
        columns=["code", "cohort", "years_lasted"],
    )
    return Lessons(
        villages=len(villages),
        ever_paused=int(events.loc[events["kind"] == "paused", "village_id"].nunique()),
        ever_disbanded=len(ends),
        came_back=int(events.loc[events["kind"] == "came_back", "village_id"].nunique()),
        paused_now=sum(1 for v in villages if v[5] == "paused"),
        disbanded_now=sum(1 for v in villages if v[5] == "disbanded"),
        events=events,
        by_year=by_year,
        by_cohort=by_cohort,
        by_reason=by_reason,
        survival=_survival(starts, ends, cohorts, today),
        lifetimes=lifetimes,
    )
