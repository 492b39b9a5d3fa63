"""Following the villages (issue 27): a district's home, village by village, and the
districts side by side.

For each village of a district: what is due or late (:mod:`energy.district.due`: readings,
spending reports, instalment conditions, training, follow-ups), its readings coverage over
the same months, its saving and its latest contact in the officer's log. For the district:
its villages, the active ones, the readings coverage and the combined TOE saving pooled over
them (the last 12 complete months, eco-mileage; village-level sums only,
:func:`energy.savings.performance.district_village_savings`), the items late and due, and
the contacts of the last :data:`~energy.district.visits.RECENT_DAYS` days.

Who reads it: a district officer its own district (``district.home``; another district is
refused with ``AccessDenied``), staff every district and the comparison
(``district.compare``). Nobody reads a household's readings here: counts and sums only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.calc.metrics import add_months, first_of_month
from energy.core.access import Actor, require, require_district_home, village_scope
from energy.core.errors import NotFound
from energy.core.i18n import SEOUL
from energy.district import due
from energy.district.due import DUE, LATE, Item, Reporting
from energy.district.visits import VillageContacts, contacts_in, seoul_today
from energy.savings.performance import district_village_savings
from energy.store import cache
from energy.store.db import session_for
from energy.store.models.villages import Village
from energy.villages.districts import DistrictInfo, list_districts

SAVING_MONTHS = 12  # the saving shown: the last twelve complete months


@dataclass(frozen=True)
class VillageFollowing:
    """One village of a district as its officer follows it: its card."""

    village_id: int
    district_id: int
    code: str
    name: str
    name_en: str | None
    status: str
    stage: str  # "1", "2", "3" or "graduated"
    cohort_year: int
    items: tuple[Item, ...]  # late first, then due
    reporting: Reporting
    saving_pct: float | None  # combined TOE saving, last 12 complete months
    contacts: VillageContacts

    @property
    def late(self) -> int:
        return sum(i.state == LATE for i in self.items)

    @property
    def due(self) -> int:
        return sum(i.state == DUE for i in self.items)

    def display_name(self, lang: str) -> str:
        return self.name if lang == "ko" else self.name_en or self.name


@dataclass(frozen=True)
class DistrictHome:
    """A district's villages (those needing attention first) and its figures."""

    district_id: int
    code: str
    name_ko: str
    name_en: str
    today: dt.date
    villages: tuple[VillageFollowing, ...]
    saving_pct: float | None  # pooled over the villages
    months: tuple[dt.date, dt.date]  # the readings window (first and last month)
    saving_months: tuple[dt.date, dt.date]

    def name(self, lang: str) -> str:
        return self.name_ko if lang == "ko" else self.name_en

    @property
    def active(self) -> int:
        return sum(v.status == "active" for v in self.villages)

    @property
    def late(self) -> int:
        return sum(v.late for v in self.villages)

    @property
    def due(self) -> int:
        return sum(v.due for v in self.villages)

    @property
    def villages_late(self) -> int:
        return sum(v.late > 0 for v in self.villages)

    @property
    def readings_coverage(self) -> float | None:
        asked = sum(v.reporting.asked for v in self.villages)
        reported = sum(v.reporting.reported for v in self.villages)
        return reported / asked if asked else None

    @property
    def recent_contacts(self) -> int:
        return sum(v.contacts.recent for v in self.villages)


def _now(today: dt.date | None) -> dt.datetime:
    if today is None:
        return dt.datetime.now(dt.UTC)
    return dt.datetime.combine(today, dt.time(), tzinfo=SEOUL).astimezone(dt.UTC)


def _saving_months(today: dt.date) -> tuple[dt.date, dt.date]:
    end = add_months(first_of_month(today), -1)
    return add_months(end, -(SAVING_MONTHS - 1)), end


def followings_in(
    session: Session, villages: list[Village], ids: list[int] | None, today: dt.date
) -> list[VillageFollowing]:
    """Every village's card: each kind of item read once for all of them."""
    followed = [v for v in villages if v.status != "disbanded"]
    reporting = due.reporting_of(session, ids, today)
    grants: dict[int, list[due.GrantState]] = defaultdict(list)
    for g in due.grants_of(session, ids):
        grants[g.village_id].append(g)
    training = due.training_items_of(session, followed, _now(today))
    contacts = contacts_in(session, [v.id for v in villages], today)
    out = []
    for v in villages:
        items: list[Item] = []
        if v.status != "disbanded":
            mine = reporting.get(v.id)
            items += due.readings_items(mine, today)
            items += due.spending_items(grants.get(v.id, []), today)
            items += due.instalment_items(grants.get(v.id, []), mine)
            items += training.get(v.id, [])
            items += due.follow_up_items(contacts.get(v.id), today)
        out.append(
            VillageFollowing(
                village_id=v.id,
                district_id=v.district_id,
                code=v.code,
                name=v.name,
                name_en=v.name_en,
                status=v.status,
                stage="graduated" if v.graduated else str(v.programme_year),
                cohort_year=v.cohort_year,
                items=due.ordered(items),
                reporting=reporting.get(v.id, Reporting()),
                saving_pct=None,
                contacts=contacts.get(v.id, VillageContacts()),
            )
        )
    return out


def _pooled(league: pd.DataFrame) -> float | None:
    baseline, actual = float(league["baseline_toe"].sum()), float(league["actual_toe"].sum())
    return (baseline - actual) / baseline if baseline > 0 else None


def _home(
    district: DistrictInfo,
    followings: list[VillageFollowing],
    league: pd.DataFrame,
    today: dt.date,
) -> DistrictHome:
    pcts = {
        int(vid): (None if pd.isna(pct) else float(pct))
        for vid, pct in zip(league["village_id"], league["combined_pct"], strict=True)
    }
    cards = [replace(v, saving_pct=pcts.get(v.village_id)) for v in followings]
    # Those with the most late, then the most due, first; disbanded villages last.
    cards.sort(key=lambda v: (v.status == "disbanded", -v.late, -v.due, v.code))
    return DistrictHome(
        district_id=district.id,
        code=district.code,
        name_ko=district.name_ko,
        name_en=district.name_en,
        today=today,
        villages=tuple(cards),
        saving_pct=_pooled(league) if not league.empty else None,
        months=due.window(today),
        saving_months=_saving_months(today),
    )


def follow_district(
    actor: Actor, district_id: int, *, today: dt.date | None = None, url: str | None = None
) -> DistrictHome:
    """The home of one district: its officer's own, or any one for staff."""
    require_district_home(actor, district_id)
    today = today or seoul_today()
    scope = village_scope(actor)
    home: DistrictHome = cache.memo(
        ("follow_district", district_id, scope, today),
        lambda: _follow_district(actor, district_id, scope, today, url),
        url=url,
    )
    return home


def _follow_district(
    actor: Actor, district_id: int, scope: frozenset[int] | None, today: dt.date, url: str | None
) -> DistrictHome:
    start, end = _saving_months(today)
    with session_for(actor, url=url) as session:
        district = next((d for d in list_districts(session) if d.id == district_id), None)
        if district is None:
            raise NotFound("error.unknown_district", name=str(district_id))
        query = select(Village).where(Village.district_id == district_id)
        if scope is not None:  # an officer: its district as its account knows it
            query = query.where(Village.id.in_(sorted(scope)))
        villages = list(session.scalars(query.order_by(Village.code)))
        followings = followings_in(session, villages, [v.id for v in villages], today)
    league = district_village_savings(actor, district_id=district_id, start=start, end=end, url=url)
    return _home(district, followings, league, today)


def follow_districts(
    actor: Actor, *, today: dt.date | None = None, url: str | None = None
) -> list[DistrictHome]:
    """Every district's home, in official code order (staff: for the comparison and to
    open any one of them). Each kind of item is read once for the whole city."""
    require(actor, "district.compare")
    today = today or seoul_today()
    homes: list[DistrictHome] = cache.memo(
        ("follow_districts", today), lambda: _follow_districts(actor, today, url), url=url
    )
    return list(homes)


def _follow_districts(actor: Actor, today: dt.date, url: str | None) -> list[DistrictHome]:
    start, end = _saving_months(today)
    with session_for(actor, url=url) as session:
        districts = list_districts(session)
        villages = list(session.scalars(select(Village).order_by(Village.code)))
        followings = followings_in(session, villages, None, today)
    league = district_village_savings(actor, district_id=None, start=start, end=end, url=url)
    by_district: dict[int, list[VillageFollowing]] = defaultdict(list)
    for f in followings:
        by_district[f.district_id].append(f)
    return [
        _home(
            d,
            by_district.get(d.id, []),
            league[league["village_id"].isin([f.village_id for f in by_district.get(d.id, [])])],
            today,
        )
        for d in districts
    ]


COMPARE_COLUMNS = [
    "district_id",
    "code",
    "name_ko",
    "name_en",
    "villages",
    "active",
    "readings_coverage",
    "late",
    "due",
    "villages_late",
    "saving_pct",
    "recent_contacts",
]


def compare_frame(homes: list[DistrictHome]) -> pd.DataFrame:
    """The districts side by side, one row each (pure)."""
    return pd.DataFrame(
        [
            (
                h.district_id,
                h.code,
                h.name_ko,
                h.name_en,
                len(h.villages),
                h.active,
                h.readings_coverage,
                h.late,
                h.due,
                h.villages_late,
                h.saving_pct,
                h.recent_contacts,
            )
            for h in homes
        ],
        columns=COMPARE_COLUMNS,
    )
