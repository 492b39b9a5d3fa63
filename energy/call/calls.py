"""The annual call: one per year, with its own rules (caps, eligibility, stages, rubric).

A call's rules are kept in its own row, so a later call never changes what an earlier one
asked for; once a call has closed its rules can no longer be edited. Two calls of the same
year may not overlap in time (a year may have a spring call and an autumn one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.core.access import Actor, can, require
from energy.core.errors import AccessDenied, InvalidInput, NotFound
from energy.core.vocabulary import APPLICANT_TYPES, CRITERIA, STAGES
from energy.store.db import session_for
from energy.store.models.call import Call

DEFAULT_CAPS = (10_000_000, 20_000_000, 30_000_000)  # KRW, the 2021-2022 caps (DOMAIN.md)
DEFAULT_MIN_ORGANISERS = 3
DEFAULT_MIN_DETACHED = 30  # households, from 2021
DEFAULT_MIN_APARTMENT = 50
DEFAULT_RUBRIC: dict[str, float] = {
    "sustainability": 0.3,
    "publicness": 0.25,
    "community": 0.25,
    "feasibility": 0.2,
}
# The renewal gate's defaults: half the household-months measured, and no rise in use.
DEFAULT_RENEWAL_COVERAGE = 0.5
DEFAULT_RENEWAL_SAVING = 0.0


@dataclass(frozen=True)
class CallRules:
    """What a call asks; everything but the dates and the money is a rule of eligibility."""

    caps: tuple[int, int, int] = DEFAULT_CAPS
    min_organisers: int = DEFAULT_MIN_ORGANISERS
    min_households_detached: int = DEFAULT_MIN_DETACHED
    min_households_apartment: int = DEFAULT_MIN_APARTMENT
    applicant_types: tuple[str, ...] = APPLICANT_TYPES
    stages: tuple[str, ...] = STAGES
    rubric: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_RUBRIC))
    renewal_min_coverage: float = DEFAULT_RENEWAL_COVERAGE
    renewal_min_saving_pct: float = DEFAULT_RENEWAL_SAVING


@dataclass(frozen=True)
class CallInfo:
    id: int
    year: int
    title: str
    opens_on: dt.date
    closes_on: dt.date
    budget_krw: int
    rules: CallRules

    def is_open(self, today: dt.date) -> bool:
        return self.opens_on <= today <= self.closes_on

    def phase(self, today: dt.date) -> str:
        """``upcoming``, ``open`` or ``closed``."""
        if today < self.opens_on:
            return "upcoming"
        return "open" if today <= self.closes_on else "closed"

    def cap_for(self, programme_year: int) -> int:
        return self.rules.caps[programme_year - 1]

    @property
    def label(self) -> str:
        return f"{self.year} · {self.title}"


def call_info(call: Call) -> CallInfo:
    return CallInfo(
        id=call.id,
        year=call.year,
        title=call.title,
        opens_on=call.opens_on,
        closes_on=call.closes_on,
        budget_krw=call.budget_krw,
        rules=CallRules(
            caps=(call.cap_y1_krw, call.cap_y2_krw, call.cap_y3_krw),
            min_organisers=call.min_organisers,
            min_households_detached=call.min_households_detached,
            min_households_apartment=call.min_households_apartment,
            applicant_types=tuple(call.applicant_types),
            stages=tuple(call.stages),
            rubric={k: float(v) for k, v in call.rubric.items()},
            renewal_min_coverage=call.renewal_min_coverage,
            renewal_min_saving_pct=call.renewal_min_saving_pct,
        ),
    )


def require_call_reader(actor: Actor) -> None:
    """Staff, reviewers and applicants (and committees applying to renew) may read calls."""
    if not any(can(actor, c) for c in ("call.manage", "call.review", "call.apply")):
        raise AccessDenied()


def _validate(
    *,
    year: int,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    budget_krw: int,
    rules: CallRules,
) -> str:
    clean = title.strip()
    if not clean:
        raise InvalidInput("error.required", field="title")
    if len(clean) > 200:
        raise InvalidInput("error.too_long", field="title", n=200)
    if not 2012 <= year <= 2100:
        raise InvalidInput("call.err_year", field="year")
    if closes_on < opens_on:
        raise InvalidInput("call.err_dates", field="closes_on")
    if budget_krw <= 0:
        raise InvalidInput("call.err_budget", field="budget_krw")
    if len(rules.caps) != 3 or any(c <= 0 for c in rules.caps):
        raise InvalidInput("call.err_caps", field="caps")
    if rules.min_organisers < 1:
        raise InvalidInput("call.err_min_organisers", field="min_organisers")
    if rules.min_households_detached < 1 or rules.min_households_apartment < 1:
        raise InvalidInput("call.err_min_households", field="min_households")
    if not rules.applicant_types or set(rules.applicant_types) - set(APPLICANT_TYPES):
        raise InvalidInput("call.err_applicant_types", field="applicant_types")
    if not rules.stages or set(rules.stages) - set(STAGES):
        raise InvalidInput("call.err_stages", field="stages")
    if (
        not rules.rubric
        or set(rules.rubric) - set(CRITERIA)
        or any(w <= 0 for w in rules.rubric.values())
    ):
        raise InvalidInput("call.err_rubric", field="rubric")
    if not 0 <= rules.renewal_min_coverage <= 1:
        raise InvalidInput("call.err_renewal_coverage", field="renewal_min_coverage")
    return clean


def _check_overlap(
    session: Session, year: int, opens_on: dt.date, closes_on: dt.date, except_id: int | None
) -> None:
    others = session.scalars(select(Call).where(Call.year == year))
    for other in others:
        if other.id != except_id and opens_on <= other.closes_on and other.opens_on <= closes_on:
            raise InvalidInput(
                "call.err_overlap",
                field="opens_on",
                title=other.title,
                opens=other.opens_on.isoformat(),
                closes=other.closes_on.isoformat(),
            )


def _ordered(values: Sequence[str], vocabulary: Sequence[str]) -> list[str]:
    return [v for v in vocabulary if v in set(values)]


def create_call(
    actor: Actor,
    *,
    year: int,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    budget_krw: int,
    rules: CallRules | None = None,
    url: str | None = None,
) -> CallInfo:
    require(actor, "call.manage")
    rules = rules or CallRules()
    clean = _validate(
        year=year,
        title=title,
        opens_on=opens_on,
        closes_on=closes_on,
        budget_krw=budget_krw,
        rules=rules,
    )
    with session_for(actor, write=True, url=url) as session:
        _check_overlap(session, year, opens_on, closes_on, None)
        call = Call(year=year, title=clean, opens_on=opens_on, closes_on=closes_on)
        _apply(call, budget_krw, rules)
        session.add(call)
        session.flush()
        return call_info(call)


def _apply(call: Call, budget_krw: int, rules: CallRules) -> None:
    call.budget_krw = budget_krw
    call.cap_y1_krw, call.cap_y2_krw, call.cap_y3_krw = rules.caps
    call.min_organisers = rules.min_organisers
    call.min_households_detached = rules.min_households_detached
    call.min_households_apartment = rules.min_households_apartment
    call.applicant_types = _ordered(rules.applicant_types, APPLICANT_TYPES)
    call.stages = _ordered(rules.stages, STAGES)
    call.rubric = {c: float(rules.rubric[c]) for c in CRITERIA if c in rules.rubric}
    call.renewal_min_coverage = rules.renewal_min_coverage
    call.renewal_min_saving_pct = rules.renewal_min_saving_pct


def update_call(
    actor: Actor,
    call_id: int,
    *,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    budget_krw: int,
    rules: CallRules,
    today: dt.date | None = None,
    url: str | None = None,
) -> CallInfo:
    """Change a call that has not closed yet; a closed call keeps the rules it was run by."""
    require(actor, "call.manage")
    today = today or dt.date.today()
    with session_for(actor, write=True, url=url) as session:
        call = call_row(session, call_id)
        if call.closes_on < today:
            raise InvalidInput("call.err_closed_rules_kept", field="title")
        clean = _validate(
            year=call.year,
            title=title,
            opens_on=opens_on,
            closes_on=closes_on,
            budget_krw=budget_krw,
            rules=rules,
        )
        _check_overlap(session, call.year, opens_on, closes_on, call.id)
        call.title, call.opens_on, call.closes_on = clean, opens_on, closes_on
        _apply(call, budget_krw, rules)
        session.flush()
        return call_info(call)


def call_row(session: Session, call_id: int) -> Call:
    call = session.get(Call, call_id)
    if call is None:
        raise NotFound("call.err_unknown_call", call=str(call_id))
    return call


def get_call(actor: Actor, call_id: int, *, url: str | None = None) -> CallInfo:
    require_call_reader(actor)
    with session_for(actor, url=url) as session:
        return call_info(call_row(session, call_id))


def list_calls(actor: Actor, *, url: str | None = None) -> list[CallInfo]:
    """Every call, newest first."""
    require_call_reader(actor)
    with session_for(actor, url=url) as session:
        calls = session.scalars(select(Call).order_by(Call.year.desc(), Call.opens_on.desc()))
        return [call_info(c) for c in calls]


def calls_of_year(actor: Actor, year: int, *, url: str | None = None) -> list[CallInfo]:
    calls = [c for c in list_calls(actor, url=url) if c.year == year]
    if not calls:
        raise NotFound("call.err_no_call_in_year", year=year)
    return calls


def open_calls(
    actor: Actor, *, today: dt.date | None = None, url: str | None = None
) -> list[CallInfo]:
    today = today or dt.date.today()
    return [c for c in list_calls(actor, url=url) if c.is_open(today)]
