"""The law of forming an organisation, as data: each legal form's checklist and its rules.

See :mod:`energy.organisations.formation` for the vocabulary. A rule reads the organisation's facts on the
day a step is (to be) done and returns what is missing, or ``None`` when it is met.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from energy.core.errors import InvalidInput
from energy.core.i18n import translate
from energy.core.vocabulary import LEGAL_FORMS
from energy.store.models.organisations import (
    FormationStep,
    Organisation,
    OrganisationMember,
    OrganisationYear,
)

# --- the law, as numbers (Framework Act on Cooperatives; Assistance for Non-Profit
# Non-Governmental Organizations Act; Social Enterprise Promotion Act) ---------------------
# Each number's source, and what it was checked against: docs/legal-forms.md (a test keeps
# the page and these constants in step).
MIN_FOUNDERS = 5  # a cooperative needs at least five founding members
MIN_NOTICE_DAYS = 7  # the founding general meeting is announced at least 7 days ahead
# A founding meeting decides with a majority of members present and 2/3 of those present.
QUORUM_NUMERATOR, QUORUM_DENOMINATOR = 1, 2  # attendance must be MORE than half
VOTE_NUMERATOR, VOTE_DENOMINATOR = 2, 3  # votes for must be AT LEAST two thirds
MIN_NONPROFIT_MEMBERS = 100  # regular members for registering a non-profit civil organisation
MIN_ACTIVITY_YEARS = 1  # years of public-interest activity before registering
MIN_BUSINESS_MONTHS = 6  # business activity before a social enterprise is certified
MIN_PAID_WORKERS = 1  # a social enterprise employs paid workers
# Social Enterprise Promotion Act (사회적기업 육성법) art. 8(1)5 and its Enforcement Decree:
# revenue from business activity at least half the labour costs (over the six months before
# the application; the yearly report's figures stand in for them here).
MIN_REVENUE_TO_LABOUR_PCT = 50
# Framework Act on Cooperatives (협동조합 기본법) art. 93: a social cooperative's main,
# public-benefit business is at least 40% of its whole business (its Enforcement Decree
# measures it by business expenditure, or by the people served or employed; the cooperative
# reports the share it computed). DOMAIN.md, "Legal forms": "≥40% public-benefit business".
MIN_PUBLIC_BENEFIT_PCT = 40

PHASES = ("preparing", "founding_meeting", "approval", "registration", "founded")


@dataclass(frozen=True)
class StepSpec:
    key: str
    phase: str
    after: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    meeting: bool = False  # the step records notice, eligible, attendees, votes for


_COOPERATIVE_START = (
    StepSpec("founders", "preparing", rules=("min_founders",)),
    StepSpec("bylaws", "preparing", after=("founders",)),
    StepSpec(
        "founding_meeting",
        "founding_meeting",
        after=("bylaws",),
        rules=("meeting_notice", "meeting_quorum", "meeting_vote"),
        meeting=True,
    ),
)
_COOPERATIVE_END = (
    StepSpec("court_registration", "registration", after=("capital_paid",)),
    StepSpec("business_registration", "registration", after=("court_registration",)),
)

CHECKLISTS: dict[str, tuple[StepSpec, ...]] = {
    "cooperative": (
        *_COOPERATIVE_START,
        StepSpec("city_report", "approval", after=("founding_meeting",)),
        StepSpec("capital_paid", "registration", after=("city_report",)),
        *_COOPERATIVE_END,
    ),
    "social_cooperative": (
        *_COOPERATIVE_START,
        StepSpec("ministry_authorisation", "approval", after=("founding_meeting",)),
        StepSpec("capital_paid", "registration", after=("ministry_authorisation",)),
        *_COOPERATIVE_END,
    ),
    "nonprofit": (
        StepSpec("bylaws", "preparing"),
        StepSpec("members", "preparing", after=("bylaws",), rules=("min_members",)),
        StepSpec("activity_record", "preparing", after=("bylaws",), rules=("activity_year",)),
        StepSpec(
            "registration",
            "approval",
            after=("members", "activity_record"),
            rules=("min_members", "activity_year"),
        ),
        StepSpec("business_registration", "registration", after=("registration",)),
    ),
    # Certification by the Minister of Employment and Labor (Social Enterprise Promotion Act
    # art. 7), on the requirements of art. 8(1): 1 an organisational form the Decree names
    # (legal_entity); 2 paid workers producing and selling goods or services (paid_workers);
    # 3 a social purpose as its main aim (social_purpose); 4 decision-making in which
    # stakeholders such as service users and workers take part (stakeholder_governance);
    # 5 revenue from business activity of at least half the labour costs (revenue_labour);
    # 6 articles of association with the contents of art. 9 (articles); 7 a commercial
    # company or partnership spends at least 2/3 of each year's distributable profit on the
    # social purpose, which its articles must say (articles). Migration 0009 added steps.
    "social_enterprise": (
        StepSpec("legal_entity", "preparing"),
        StepSpec("articles", "preparing", after=("legal_entity",)),
        StepSpec("social_purpose", "preparing", after=("legal_entity",)),
        StepSpec("stakeholder_governance", "preparing", after=("articles",)),
        StepSpec("business_registration", "registration", after=("legal_entity",)),
        StepSpec(
            "paid_workers", "registration", after=("business_registration",), rules=("workers",)
        ),
        StepSpec(
            "certification",
            "approval",
            after=("paid_workers", "social_purpose", "stakeholder_governance"),
            rules=("workers", "business_months", "revenue_labour"),
        ),
    ),
}
# Requirements an organisation of the form must keep meeting once it works (not a step):
# each is tested on its latest yearly report.
STANDING: dict[str, tuple[str, ...]] = {"social_cooperative": ("public_benefit",)}
assert set(CHECKLISTS) == set(LEGAL_FORMS)


def spec_of(legal_form: str, step: str) -> StepSpec:
    for spec in CHECKLISTS[legal_form]:
        if spec.key == step:
            return spec
    raise InvalidInput("error.formation_unknown_step", field="step", step=step)


# --- rules -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Missing:
    """Something a step still lacks: a catalogue key and its numbers."""

    key: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Facts:
    """What the rules read about one organisation, on the day a step is (to be) done."""

    organisation: Organisation
    members: list[OrganisationMember]
    years: list[OrganisationYear]
    steps: dict[str, FormationStep]


def _active_members(facts: Facts, day: dt.date, *, founders: bool = False) -> int:
    return sum(
        1
        for m in facts.members
        if m.joined_on <= day
        and (m.left_on is None or m.left_on > day)
        and (m.is_founder or not founders)
    )


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _rule_min_founders(facts: Facts, step: FormationStep, day: dt.date) -> Missing | None:
    have = _active_members(facts, day, founders=True)
    if have >= MIN_FOUNDERS:
        return None
    return Missing("formation.missing_founders", {"have": have, "need": MIN_FOUNDERS})


def _rule_meeting_notice(facts: Facts, step: FormationStep, day: dt.date) -> Missing | None:
    if step.notice_on is None:
        return Missing("formation.missing_notice_date")
    days = (day - step.notice_on).days
    if days >= MIN_NOTICE_DAYS:
        return None
    return Missing("formation.missing_notice_days", {"have": days, "need": MIN_NOTICE_DAYS})


def _eligible(facts: Facts, step: FormationStep, day: dt.date) -> int:
    if step.eligible is not None:
        return step.eligible
    return _active_members(facts, day, founders=True)


def _rule_meeting_quorum(facts: Facts, step: FormationStep, day: dt.date) -> Missing | None:
    eligible = _eligible(facts, step, day)
    if step.attendees is None:
        return Missing("formation.missing_attendance")
    if step.attendees * QUORUM_DENOMINATOR > eligible * QUORUM_NUMERATOR:
        return None
    need = eligible * QUORUM_NUMERATOR // QUORUM_DENOMINATOR + 1
    return Missing(
        "formation.missing_quorum", {"have": step.attendees, "need": need, "eligible": eligible}
    )


def _rule_meeting_vote(facts: Facts, step: FormationStep, day: dt.date) -> Missing | None:
    attendees = step.attendees or 0
    if step.votes_for is None or step.attendees is None:
        return Missing("formation.missing_votes")
    if step.votes_for * VOTE_DENOMINATOR >= attendees * VOTE_NUMERATOR and attendees > 0:
        return None
    need = -(-attendees * VOTE_NUMERATOR // VOTE_DENOMINATOR)  # ceiling
    return Missing(
        "formation.missing_vote", {"have": step.votes_for, "need": need, "attendees": attendees}
    )


def _rule_min_members(facts: Facts, step: FormationStep, day: dt.date) -> Missing | None:
    have = _active_members(facts, day)
    if have >= MIN_NONPROFIT_MEMBERS:
        return None
    return Missing("formation.missing_members", {"have": have, "need": MIN_NONPROFIT_MEMBERS})


def _rule_activity_year(facts: Facts, step: FormationStep, day: dt.date) -> Missing | None:
    since = facts.organisation.activity_since
    ready = add_months(since, 12 * MIN_ACTIVITY_YEARS)
    if day >= ready:
        return None
    return Missing(
        "formation.missing_activity",
        {"since": since.isoformat(), "ready": ready.isoformat(), "years": MIN_ACTIVITY_YEARS},
    )


def _rule_workers(facts: Facts, step: FormationStep, day: dt.date) -> Missing | None:
    reported = [y for y in facts.years if y.year <= day.year]
    latest = max(reported, key=lambda y: y.year, default=None)
    have = 0 if latest is None else latest.jobs_full_time + latest.jobs_part_time
    if have >= MIN_PAID_WORKERS:
        return None
    return Missing("formation.missing_workers", {"have": have, "need": MIN_PAID_WORKERS})


def _rule_business_months(facts: Facts, step: FormationStep, day: dt.date) -> Missing | None:
    registered = facts.steps.get("business_registration")
    if registered is None or registered.done_on is None:
        return Missing("formation.missing_business_start", {"months": MIN_BUSINESS_MONTHS})
    ready = add_months(registered.done_on, MIN_BUSINESS_MONTHS)
    if day >= ready:
        return None
    return Missing(
        "formation.missing_business_months",
        {"ready": ready.isoformat(), "months": MIN_BUSINESS_MONTHS},
    )


def _latest(facts: Facts, day: dt.date, field_name: str) -> OrganisationYear | None:
    """The latest yearly report up to ``day``'s year that gives ``field_name``."""
    reported = [y for y in facts.years if y.year <= day.year and getattr(y, field_name) is not None]
    return max(reported, key=lambda y: y.year, default=None)


def _rule_revenue_labour(facts: Facts, step: FormationStep, day: dt.date) -> Missing | None:
    year = _latest(facts, day, "labour_costs_krw")
    if year is None or year.labour_costs_krw is None:
        return Missing("formation.missing_labour_costs", {"need": MIN_REVENUE_TO_LABOUR_PCT})
    costs = year.labour_costs_krw
    if year.revenue_krw * 100 >= costs * MIN_REVENUE_TO_LABOUR_PCT:
        return None
    return Missing(
        "formation.missing_revenue_labour",
        {
            "pct": year.revenue_krw * 100 // costs,
            "need": MIN_REVENUE_TO_LABOUR_PCT,
            "year": year.year,
        },
    )


@dataclass(frozen=True)
class Standing:
    """A standing requirement: ``state`` is "met", "unmet" or "no_data"; ``detail`` says it
    with its numbers (what is missing when it is not met)."""

    key: str
    state: str
    detail: Missing


def _standing_public_benefit(facts: Facts, day: dt.date) -> Standing:
    year = _latest(facts, day, "public_benefit_pct")
    if year is None or year.public_benefit_pct is None:
        return Standing(
            "public_benefit",
            "no_data",
            Missing("formation.missing_public_benefit_report", {"need": MIN_PUBLIC_BENEFIT_PCT}),
        )
    pct = year.public_benefit_pct
    params: dict[str, object] = {
        "pct": f"{pct:.0f}" if pct == int(pct) else f"{pct:.1f}",
        "need": MIN_PUBLIC_BENEFIT_PCT,
        "year": year.year,
    }
    if pct >= MIN_PUBLIC_BENEFIT_PCT:
        return Standing("public_benefit", "met", Missing("formation.public_benefit_met", params))
    return Standing("public_benefit", "unmet", Missing("formation.missing_public_benefit", params))


STANDING_RULES: dict[str, Callable[[Facts, dt.date], Standing]] = {
    "public_benefit": _standing_public_benefit,
}


def standing(facts: Facts, day: dt.date) -> tuple[Standing, ...]:
    """The standing requirements of the organisation's form, as they stand on ``day``."""
    return tuple(
        STANDING_RULES[k](facts, day) for k in STANDING.get(facts.organisation.legal_form, ())
    )


def describe(missing: Missing, lang: str) -> str:
    """What is missing, in ``lang`` (a step named in it is given by its name)."""
    params = dict(missing.params)
    if "step" in params:
        params["step"] = translate(f"formation.step.{params['step']}", lang)
    return translate(missing.key, lang, **params)


class StepNotReady(InvalidInput):
    """A step cannot be marked done: what the law still asks for is in ``missing``."""

    key = "error.formation_step_not_ready"

    def __init__(self, missing: list[Missing]) -> None:
        super().__init__("error.formation_step_not_ready", field="done_on")
        self.missing = tuple(missing)

    def message(self, lang: str = "en") -> str:
        details = " · ".join(describe(m, lang) for m in self.missing)
        return f"{translate(self.key, lang)} {details}"


RULES: dict[str, Callable[[Facts, FormationStep, dt.date], Missing | None]] = {
    "min_founders": _rule_min_founders,
    "meeting_notice": _rule_meeting_notice,
    "meeting_quorum": _rule_meeting_quorum,
    "meeting_vote": _rule_meeting_vote,
    "min_members": _rule_min_members,
    "activity_year": _rule_activity_year,
    "workers": _rule_workers,
    "business_months": _rule_business_months,
    "revenue_labour": _rule_revenue_labour,
}
