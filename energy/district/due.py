"""What is due or late in a village (issue 27), each kind of item read for many villages at
once: one grouped query per kind (two per month for readings), never one per village.

An item is **late** (overdue: someone must act) or **due** (coming, or waiting on someone):

- ``readings``: the months of the last :data:`REPORTING_MONTHS` complete months in which a
  household taking part has no reading of any carrier (:mod:`energy.readings.reporting`:
  counts only, never which household). Last month is *due* (committees enter it now); an
  earlier month is *late*.
- ``spending``: a grant whose programme year (its call's year) has ended without a spending
  report is *late*; this year's report is *due* in the last :data:`SPENDING_DUE_DAYS` days
  of the year.
- ``instalment``: the conditions a grant's money comes with (the decision letter and the
  instalment mail: paid in instalments as the work goes ahead, spent on the application's
  budget lines, a spending report at the year's end). A spending report with a line the
  application did not plan, or more than it planned on a line, is *late*. A grant with money
  still to pay waits for the village's record to be in order: no readings month late, no
  earlier grant's spending report missing, its spending on its budget lines. While one is
  unmet the next instalment is *late* (held, naming what it waits for); once all are met it
  is *due* (staff may pay). This is what the district home checks and shows: paying stays
  staff's decision (:func:`energy.call.grants.pay_instalment` refuses nothing for it).
- ``training``: from the training register (:mod:`energy.training.completion`), for villages
  not yet graduated: attendance below the rule's threshold and past sessions with nothing
  recorded are *late*, and so is a village past its first year whose first-year core modules
  are not all done; sessions still to come are *due*.
- ``follow_up``: a follow-up promised in the visit log (:mod:`energy.district.visits`) and
  still open: *late* once its day has passed, *due* until then.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.orm import Session

from energy.calc.metrics import add_months, first_of_month
from energy.core.i18n import format_date, format_krw, format_month, format_percent, translate
from energy.district.visits import VillageContacts
from energy.savings.village_reported import reported_households
from energy.savings.village_sums import households_taking_part_monthly
from energy.store.models.call import Application, Call, Grant, Instalment, SpendingLine
from energy.store.models.villages import Village
from energy.training.attendance import rules_in
from energy.training.completion import progress_in

LATE, DUE = "late", "due"
STATES = (LATE, DUE)  # the order a card lists them in
KINDS = ("readings", "spending", "instalment", "training", "follow_up")
REPORTING_MONTHS = 6  # the eco-mileage's round: half a year of monthly readings
SPENDING_DUE_DAYS = 92  # this year's spending report shows as due from 1 October


@dataclass(frozen=True)
class Item:
    """One thing due or late in a village, with what its words need."""

    kind: str  # one of KINDS
    state: str  # LATE or DUE
    key: str  # the message (``district.item.*``)
    n: int = 0
    of: int = 0
    done: int = 0
    year: int | None = None
    on: dt.date | None = None  # a day (a follow-up, the visit it came from: ``since``)
    since: dt.date | None = None
    months: tuple[dt.date, ...] = ()
    amount_krw: int | None = None
    share: float | None = None  # a rate (attendance)
    limit: float | None = None  # the rule it is held against
    words: tuple[str, ...] = ()  # message keys listed in the sentence (conditions, lines)

    def text(self, lang: str) -> str:
        """The item as one sentence in ``lang`` (a count of one in its ``_one`` words)."""
        one = f"{self.key}_one"
        key = one if self.n == 1 and translate(one, lang) != one else self.key
        return translate(
            key,
            lang,
            n=self.n,
            of=self.of,
            done=self.done,
            year=self.year if self.year is not None else "",
            on=format_date(self.on, lang),
            since=format_date(self.since, lang),
            months=months_text(self.months, lang),
            amount=format_krw(self.amount_krw, lang),
            share=format_percent(self.share, lang, 0),
            limit=format_percent(self.limit, lang, 0),
            words=", ".join(_within(translate(w, lang), lang) for w in self.words),
        )


def _within(word: str, lang: str) -> str:
    """A word inside an English sentence starts in lower case ("Equipment" → "equipment")."""
    return word[:1].lower() + word[1:] if lang == "en" else word


_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def months_text(months: tuple[dt.date, ...], lang: str) -> str:
    """Months short enough for a phone's line: "2026년 6·8·10월", "Jun, Aug, Oct 2026" within
    one year; each with its year otherwise."""
    if len({m.year for m in months}) != 1:
        return ", ".join(format_month(m, lang) for m in months)
    year = months[0].year
    if lang == "ko":
        return f"{year}년 " + "·".join(str(m.month) for m in months) + "월"
    return ", ".join(_EN_MONTHS[m.month - 1] for m in months) + f" {year}"


def _among(column: Any, ids: Collection[int] | None) -> ColumnElement[bool]:
    return column.in_(sorted(ids)) if ids is not None else true()


# --- readings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reporting:
    """A village's readings over the window: households asked and households that reported,
    summed over the months (for coverage), and the months short."""

    asked: int = 0
    reported: int = 0
    late_months: tuple[dt.date, ...] = ()
    late_missing: int = 0  # the most households missing in one of the late months
    last_month: tuple[int, int] | None = None  # (missing, households) when last month is short

    @property
    def coverage(self) -> float | None:
        return self.reported / self.asked if self.asked else None


def window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The complete months the readings are followed over: the last REPORTING_MONTHS."""
    last = add_months(first_of_month(today), -1)
    return add_months(last, -(REPORTING_MONTHS - 1)), last


def reporting_of(
    session: Session, ids: Collection[int] | None, today: dt.date
) -> dict[int, Reporting]:
    """Each active village's readings over the window, as :mod:`energy.readings.reporting`
    counts a month: the households taking part and those of them with a reading of the
    month, both from the rows kept with the village sums (a few per village and month; a
    village whose sums are stale is counted from its households and readings)."""
    start, last = window(today)
    months = [start]
    while months[-1] < last:
        months.append(add_months(months[-1], 1))
    villages = [
        int(v)
        for v in session.scalars(
            select(Village.id).where(Village.status == "active", _among(Village.id, ids))
        )
    ]
    asked = households_taking_part_monthly(session, villages, start, last)
    active = sorted({vid for vid, _ in asked})
    reported = reported_households(session, villages, start, last)
    out: dict[int, Reporting] = {}
    for vid in active:
        counts = [(m, asked.get((vid, m), 0), reported.get((vid, m), 0)) for m in months]
        out[vid] = Reporting(
            asked=sum(a for _, a, _ in counts),
            reported=sum(r for _, _, r in counts),
            late_months=tuple(m for m, a, r in counts if r < a and m < last),
            late_missing=max((a - r for m, a, r in counts if m < last), default=0),
            last_month=next(((a - r, a) for m, a, r in counts if m == last and r < a), None),
        )
    return out


def readings_items(reporting: Reporting | None, today: dt.date) -> list[Item]:
    if reporting is None:
        return []
    found = []
    if reporting.late_months:
        found.append(
            Item(
                "readings",
                LATE,
                "district.item.readings_late",
                n=len(reporting.late_months),
                of=reporting.late_missing,
                months=reporting.late_months,
            )
        )
    if reporting.last_month is not None:
        missing, households = reporting.last_month
        found.append(
            Item(
                "readings",
                DUE,
                "district.item.readings_due",
                n=missing,
                of=households,
                months=(window(today)[1],),
            )
        )
    return found


# --- grants: spending reports and instalment conditions ------------------------------------


@dataclass(frozen=True)
class GrantState:
    village_id: int
    year: int  # the call's, which is the programme year's calendar year
    programme_year: int
    award_krw: int
    paid_krw: int
    reported: bool
    off_budget: tuple[str, ...]  # budget lines spent beyond the application's plan


def grants_of(session: Session, ids: Collection[int] | None) -> list[GrantState]:
    """Every grant of the villages, with what is paid and reported (three grouped queries)."""
    grants = session.execute(
        select(
            Grant.id,
            Grant.village_id,
            Call.year,
            Grant.programme_year,
            Grant.award_krw,
            Application.budget,
        )
        .join(Call, Call.id == Grant.call_id)
        .join(Application, Application.id == Grant.application_id)
        .where(_among(Grant.village_id, ids))
        .order_by(Grant.village_id, Call.year, Grant.id)
    ).all()
    paid = dict(
        session.execute(
            select(Instalment.grant_id, func.sum(Instalment.amount_krw))
            .join(Grant, Grant.id == Instalment.grant_id)
            .where(_among(Grant.village_id, ids))
            .group_by(Instalment.grant_id)
        ).all()
    )
    spent: dict[int, dict[str, int]] = defaultdict(dict)
    for grant_id, line, amount in session.execute(
        select(SpendingLine.grant_id, SpendingLine.line, SpendingLine.amount_krw)
        .join(Grant, Grant.id == SpendingLine.grant_id)
        .where(_among(Grant.village_id, ids))
    ):
        spent[grant_id][line] = int(amount)
    out = []
    for grant_id, village_id, year, programme_year, award, budget in grants:
        planned = {line: int(v) for line, v in (budget or {}).items()}
        lines = spent.get(grant_id, {})
        off = tuple(sorted(line for line, v in lines.items() if v > planned.get(line, 0)))
        out.append(
            GrantState(
                village_id,
                int(year),
                int(programme_year),
                int(award),
                int(paid.get(grant_id) or 0),
                bool(lines),
                off,
            )
        )
    return out


def spending_items(grants: Iterable[GrantState], today: dt.date) -> list[Item]:
    found = []
    year_end = dt.date(today.year, 12, 31)
    for g in grants:
        if g.reported:
            continue
        if g.year < today.year:
            found.append(
                Item(
                    "spending", LATE, "district.item.spending_late", year=g.year, n=g.programme_year
                )
            )
        elif g.year == today.year and (year_end - today).days < SPENDING_DUE_DAYS:
            found.append(
                Item(
                    "spending",
                    DUE,
                    "district.item.spending_due",
                    year=g.year,
                    n=g.programme_year,
                    on=year_end,
                )
            )
    return found


def instalment_items(grants: list[GrantState], reporting: Reporting | None) -> list[Item]:
    found = []
    for g in grants:
        if g.off_budget:
            found.append(
                Item(
                    "instalment",
                    LATE,
                    "district.item.off_budget",
                    year=g.year,
                    words=tuple(f"budget_line.{line}" for line in g.off_budget),
                )
            )
    for g in grants:
        left = g.award_krw - g.paid_krw
        if left <= 0:
            continue
        unmet = []
        if reporting is not None and reporting.late_months:
            unmet.append("readings")
        if any(e.year < g.year and not e.reported for e in grants):
            unmet.append("earlier_report")
        if g.off_budget:
            unmet.append("budget_lines")
        if unmet:
            found.append(
                Item(
                    "instalment",
                    LATE,
                    "district.item.instalment_held",
                    year=g.year,
                    amount_krw=left,
                    words=tuple(f"district.condition.{c}" for c in unmet),
                )
            )
        else:
            found.append(
                Item(
                    "instalment",
                    DUE,
                    "district.item.instalment_ready",
                    year=g.year,
                    amount_krw=left,
                )
            )
    return found


# --- training --------------------------------------------------------------------------------


def training_items_of(
    session: Session, villages: list[Village], now: dt.datetime
) -> dict[int, list[Item]]:
    """Each village's training items (the register's progress, a few queries for all)."""
    taught = [v for v in villages if not v.graduated and v.status != "disbanded"]
    if not taught:
        return {}
    rules = rules_in(session)
    stage = {v.id: v.programme_year for v in taught}
    found: dict[int, list[Item]] = {}
    for p in progress_in(session, taught, now, rules):
        if not any(m.sessions for m in p.modules):
            continue  # the register holds no session of this village
        items = []
        if p.below_threshold:
            items.append(
                Item(
                    "training",
                    LATE,
                    "district.item.training_low",
                    share=p.attendance_rate,
                    limit=rules.attendance_threshold,
                )
            )
        if p.unrecorded:
            items.append(
                Item("training", LATE, "district.item.training_unrecorded", n=p.unrecorded)
            )
        if stage[p.village_id] > rules.programme_year and p.done < len(p.modules):
            items.append(
                Item(
                    "training",
                    LATE,
                    "district.item.training_incomplete",
                    n=p.done,
                    of=len(p.modules),
                )
            )
        if p.upcoming:
            items.append(
                Item(
                    "training",
                    DUE,
                    "district.item.training_upcoming",
                    n=p.upcoming,
                    of=len(p.modules),
                    done=p.done,
                )
            )
        found[p.village_id] = items
    return found


# --- the visit log's follow-ups --------------------------------------------------------------


def follow_up_items(contacts: VillageContacts | None, today: dt.date) -> list[Item]:
    if contacts is None:
        return []
    return [
        Item(
            "follow_up",
            LATE if on < today else DUE,
            "district.item.follow_up_late" if on < today else "district.item.follow_up_due",
            on=on,
            since=since,
        )
        for on, since in contacts.open_follow_ups
    ]


def ordered(items: Iterable[Item]) -> tuple[Item, ...]:
    """Late first, then due; within each, in the order of KINDS."""
    return tuple(sorted(items, key=lambda i: (STATES.index(i.state), KINDS.index(i.kind))))
