"""Data quality: missing months, stale data and far-out values, with the fix in plain words.

Badges: **red** when a household has sent nothing for 90 days or more, or misses three or
more months of a carrier it reports; **amber** for any other missing month or a value far
outside its own history (beyond median + 3 × IQR); **green** otherwise. A village is red
when a fifth or more of its households are red, amber when any household is not green.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from energy.calc.metrics import add_months, first_of_month
from energy.core.access import Actor, require_village
from energy.core.i18n import translate
from energy.store import cache
from energy.store.db import session_for
from energy.store.models.readings import Reading
from energy.villages.households import HouseholdInfo, list_households, village_by_code

STALE_DAYS = 90  # no reading for this long: the household has gone quiet
RED_MISSING_MONTHS = 3  # this many missing months of one carrier in the window is red
WINDOW_MONTHS = 12  # how far back the checks look
HISTORY_MONTHS = 36  # the history an outlier is judged against
IQR_FACTOR = 3.0
MIN_HISTORY = 6
RED_SHARE = 0.2  # a village is red when this share of its households is red
BADGES = ("green", "amber", "red")


@dataclass(frozen=True)
class Finding:
    household: str
    kind: str  # "missing", "stale", "outlier"
    key: str
    params: dict[str, Any]

    def message(self, lang: str) -> str:
        params = dict(self.params)
        if "carrier" in params:
            params["carrier"] = translate(f"carrier.{params['carrier']}", lang)
        if "month" in params and isinstance(params["month"], dt.date):
            month: dt.date = params["month"]
            params["month"] = (
                f"{month.year}년 {month.month}월" if lang == "ko" else f"{month:%b %Y}"
            )
        return translate(self.key, lang, **params)


@dataclass(frozen=True)
class HouseholdQuality:
    household: str
    badge: str
    findings: tuple[Finding, ...]
    last_month: dt.date | None


@dataclass(frozen=True)
class VillageQuality:
    village: str
    badge: str
    window: tuple[dt.date, dt.date]
    households: tuple[HouseholdQuality, ...] = field(default_factory=tuple)

    @property
    def counts(self) -> dict[str, int]:
        return {b: sum(h.badge == b for h in self.households) for b in BADGES}


def _limit(values: list[float]) -> float | None:
    if len(values) < MIN_HISTORY:
        return None
    q1, _, q3 = statistics.quantiles(values, n=4)
    return statistics.median(values) + IQR_FACTOR * (q3 - q1) if q3 > q1 else None


def assess_household(
    household: HouseholdInfo,
    readings: Iterable[tuple[str, dt.date, float]],
    *,
    as_of: dt.date,
) -> HouseholdQuality:
    """The checks for one household from its (carrier, month, value) readings (pure)."""
    by_carrier: dict[str, dict[dt.date, float]] = {}
    for carrier, month, value in readings:
        by_carrier.setdefault(carrier, {})[month] = value
    last_complete = add_months(first_of_month(as_of), -1)
    window = [add_months(last_complete, -n) for n in range(WINDOW_MONTHS - 1, -1, -1)]
    findings: list[Finding] = []
    red = False
    latest = max((m for months in by_carrier.values() for m in months), default=None)
    if household.left_on is None or household.left_on >= as_of:
        quiet_since = add_months(latest, 1) if latest else household.joined_on
        if (as_of - quiet_since).days >= STALE_DAYS:
            red = True
            findings.append(
                Finding(
                    household.code,
                    "stale",
                    "quality.stale",
                    {"household": household.code, "days": (as_of - quiet_since).days},
                )
            )
    for carrier in sorted(by_carrier):
        if carrier == "solar":
            continue  # generation is judged in the renewables view, not as a gap in use
        months = by_carrier[carrier]
        missing = [m for m in window if household.active_in(m) and m not in months]
        if len(missing) >= RED_MISSING_MONTHS:
            red = True
        for month in missing:
            findings.append(
                Finding(
                    household.code,
                    "missing",
                    "quality.missing",
                    {"household": household.code, "carrier": carrier, "month": month},
                )
            )
        history = [v for m, v in months.items() if m >= add_months(last_complete, -HISTORY_MONTHS)]
        limit = _limit(history)
        if limit is None:
            continue
        for month in window:
            typed = months.get(month)
            if typed is not None and typed > limit:
                findings.append(
                    Finding(
                        household.code,
                        "outlier",
                        "quality.outlier",
                        {
                            "household": household.code,
                            "carrier": carrier,
                            "month": month,
                            "value": round(typed, 1),
                            "limit": round(limit, 1),
                        },
                    )
                )
    badge = "red" if red else ("amber" if findings else "green")
    return HouseholdQuality(household.code, badge, tuple(findings), latest)


def village_quality(
    actor: Actor, village_code: str, *, as_of: dt.date | None = None, url: str | None = None
) -> VillageQuality:
    as_of = as_of or dt.date.today()
    # Checked first; then memoised until the data changes (the committee home shows it on
    # every rerun).
    return cache.village_memo(
        actor,
        village_code,
        "tracking.read",
        ("village_quality", as_of),
        lambda: _village_quality(actor, village_code, as_of, url),
        url=url,
    )


def _village_quality(
    actor: Actor, village_code: str, as_of: dt.date, url: str | None
) -> VillageQuality:
    members = [
        h
        for h in list_households(actor, village_code, url=url)
        if h.left_on is None or h.left_on >= add_months(first_of_month(as_of), -WINDOW_MONTHS)
    ]
    since = add_months(first_of_month(as_of), -HISTORY_MONTHS - 1)
    per_household: dict[int, list[tuple[str, dt.date, float]]] = {h.id: [] for h in members}
    with session_for(actor, url=url) as session:
        village = village_by_code(session, village_code)
        require_village(actor, village.id, "tracking.read")
        rows = session.connection().execute(  # Core: no ORM row loading for 20,000 rows
            select(Reading.household_id, Reading.carrier, Reading.month, Reading.value).where(
                Reading.village_id == village.id, Reading.month >= since
            )
        )
        for household_id, carrier, month, value in rows:
            if household_id in per_household:
                per_household[household_id].append((carrier, month, value))
    assessed = tuple(assess_household(h, per_household[h.id], as_of=as_of) for h in members)
    reds = sum(h.badge == "red" for h in assessed)
    if assessed and reds / len(assessed) >= RED_SHARE:
        badge = "red"
    elif any(h.badge != "green" for h in assessed):
        badge = "amber"
    else:
        badge = "green"
    last_complete = add_months(first_of_month(as_of), -1)
    window = (add_months(last_complete, -(WINDOW_MONTHS - 1)), last_complete)
    return VillageQuality(village_code, badge, window, assessed)
