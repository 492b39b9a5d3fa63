"""Forming an organisation: each legal form's founding checklist, with the law's rules built in.

Vocabulary (see DOMAIN.md, "Legal forms"):

- a *legal form* is ``cooperative`` (협동조합), ``social_cooperative`` (사회적협동조합),
  ``nonprofit`` (비영리민간단체) or ``social_enterprise`` (사회적기업);
- a *step* is one item of its form's checklist (``founders``, ``founding_meeting``, ...);
  a step is done on a date; it names its predecessors (``after``): it cannot be done before
  they are, nor dated before them;
- a *rule* is a legal condition tested when a step is marked done (founders >= 5, notice
  >= 7 days, ...); an unmet rule is reported as what is *missing*, with the numbers;
- a *phase* groups steps for the pipeline: preparing, founding meeting, approval,
  registration; an organisation whose every step is done is *founded*.

The checklists are data (:data:`energy.organisations.formation_rules.CHECKLISTS`): adding a form or a step is adding a row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from energy.core.access import Actor, require, require_village, village_scope
from energy.core.errors import InvalidInput, NotFound
from energy.core.vocabulary import LEGAL_FORMS
from energy.organisations.formation_rules import (
    CHECKLISTS,
    PHASES,
    RULES,
    Facts,
    Missing,
    Standing,
    StepNotReady,
    StepSpec,
    describe,
    spec_of,
    standing,
)
from energy.store.db import session_for
from energy.store.models.organisations import (
    FormationStep,
    Organisation,
    OrganisationMember,
    OrganisationYear,
)
from energy.store.models.villages import Village, VillageStatusChange

INTEGER_MAX = 2**31 - 1  # the store's INTEGER columns (PostgreSQL's int4; SQLite took more)
BIGINT_MAX = 2**63 - 1  # its BIGINT columns (amounts in won)


def check_count(value: int | None, field: str, limit: int = INTEGER_MAX) -> None:
    """A whole number a form stores: 0 or more and within its column (a number typed far too
    large is explained, not a database error on PostgreSQL)."""
    if value is None:
        return
    if value < 0:
        raise InvalidInput("error.formation_negative", field=field)
    if value > limit:
        raise InvalidInput("error.number_too_large", field=field, max=f"{limit:,}")


__all__ = ["CHECKLISTS", "PHASES", "Missing", "Standing", "StepNotReady", "describe"]

# --- the checklist as a person reads it --------------------------------------------------------


@dataclass(frozen=True)
class StepView:
    key: str
    phase: str
    # "done"; "ready" (may be done now); "waiting" (for an earlier step, nothing else);
    # "blocked" (a rule of its own is unmet, or a date is out of order)
    state: str
    due_on: dt.date | None
    done_on: dt.date | None
    responsible: str | None
    documents: str | None
    note: str | None
    meeting: bool
    notice_on: dt.date | None
    eligible: int | None
    attendees: int | None
    votes_for: int | None
    missing: tuple[Missing, ...]
    overdue: bool


@dataclass(frozen=True)
class OrganisationSummary:
    id: int
    name: str
    name_en: str | None
    legal_form: str
    village_id: int
    village_code: str
    village_name: str
    village_name_en: str | None
    started_on: dt.date
    activity_since: dt.date
    stage: str  # a phase, or "founded"
    next_step: str | None
    founded_on: dt.date | None  # the day the last step was done
    report_no: str | None
    corporate_registration_no: str | None
    business_registration_no: str | None
    share_price_krw: int | None

    def display_name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name

    def village_display(self, lang: str) -> str:
        return self.village_name_en if lang == "en" and self.village_name_en else self.village_name


@dataclass(frozen=True)
class Checklist:
    organisation: OrganisationSummary
    steps: tuple[StepView, ...]
    # The form's standing requirements (a social cooperative's public-benefit share), on
    # its latest yearly report.
    standing: tuple[Standing, ...] = ()

    def step(self, key: str) -> StepView:
        return next(s for s in self.steps if s.key == key)


def _facts(session: Session, org: Organisation) -> Facts:
    members = list(
        session.scalars(
            select(OrganisationMember).where(OrganisationMember.organisation_id == org.id)
        )
    )
    years = list(
        session.scalars(select(OrganisationYear).where(OrganisationYear.organisation_id == org.id))
    )
    return Facts(org, members, years, {s.step: s for s in org.steps})


def _missing(facts: Facts, spec: StepSpec, row: FormationStep, day: dt.date) -> list[Missing]:
    missing = [
        Missing("formation.missing_step", {"step": before})
        for before in spec.after
        if facts.steps[before].done_on is None
    ]
    for before in spec.after:
        earlier = facts.steps[before].done_on
        if earlier is not None and earlier > day:
            missing.append(
                Missing("formation.missing_order", {"step": before, "date": earlier.isoformat()})
            )
    for rule in spec.rules:
        found = RULES[rule](facts, row, day)
        if found is not None:
            missing.append(found)
    return missing


def _views(facts: Facts, today: dt.date) -> tuple[StepView, ...]:
    views = []
    for spec in CHECKLISTS[facts.organisation.legal_form]:
        row = facts.steps[spec.key]
        if row.done_on is not None:
            state, missing = "done", []
        else:
            missing = _missing(facts, spec, row, today)
            waiting = all(m.key == "formation.missing_step" for m in missing)
            state = "ready" if not missing else "waiting" if waiting else "blocked"
        views.append(
            StepView(
                key=spec.key,
                phase=spec.phase,
                state=state,
                due_on=row.due_on,
                done_on=row.done_on,
                responsible=row.responsible,
                documents=row.documents,
                note=row.note,
                meeting=spec.meeting,
                notice_on=row.notice_on,
                eligible=row.eligible,
                attendees=row.attendees,
                votes_for=row.votes_for,
                missing=tuple(missing),
                overdue=row.done_on is None and row.due_on is not None and row.due_on < today,
            )
        )
    return tuple(views)


def summarise(org: Organisation) -> OrganisationSummary:
    """An organisation's identity and where it stands (its steps must be loaded)."""
    done = {s.step: s.done_on for s in org.steps}
    pending = [spec for spec in CHECKLISTS[org.legal_form] if done.get(spec.key) is None]
    founded_on = None if pending else max(d for d in done.values() if d is not None)
    return OrganisationSummary(
        id=org.id,
        name=org.name,
        name_en=org.name_en,
        legal_form=org.legal_form,
        village_id=org.village_id,
        village_code=org.village.code,
        village_name=org.village.name,
        village_name_en=org.village.name_en,
        started_on=org.started_on,
        activity_since=org.activity_since,
        stage=pending[0].phase if pending else "founded",
        next_step=pending[0].key if pending else None,
        founded_on=founded_on,
        report_no=org.report_no,
        corporate_registration_no=org.corporate_registration_no,
        business_registration_no=org.business_registration_no,
        share_price_krw=org.share_price_krw,
    )


def load_organisation(session: Session, actor: Actor, organisation_id: int) -> Organisation:
    org = session.scalar(
        select(Organisation)
        .where(Organisation.id == organisation_id)
        .options(selectinload(Organisation.steps))
    )
    if org is None:
        raise NotFound("error.unknown_organisation", id=organisation_id)
    require_village(actor, org.village_id, "organisation.read")
    return org


# --- starting and recording ---------------------------------------------------------------------


def clean_text(value: str | None, field_name: str, limit: int) -> str | None:
    text = (value or "").strip()
    if len(text) > limit:
        raise InvalidInput("error.too_long", field=field_name, n=limit)
    return text or None


def start_formation(
    actor: Actor,
    *,
    village: str,
    legal_form: str,
    name: str,
    name_en: str | None = None,
    started_on: dt.date,
    activity_since: dt.date | None = None,
    share_price_krw: int | None = None,
    today: dt.date | None = None,
    url: str | None = None,
) -> Checklist:
    """A village starts forming an organisation of ``legal_form``: its checklist, all to do.

    Public-interest activity counts from the village's own start unless ``activity_since``
    says otherwise (the village's funded years are the organisation's track record).
    """
    require(actor, "organisation.write")
    today = today or dt.date.today()
    if legal_form not in LEGAL_FORMS:
        raise InvalidInput("error.unknown_legal_form", field="legal_form", value=legal_form)
    clean_name = clean_text(name, "organisation_name", 120)
    if clean_name is None:
        raise InvalidInput("error.required", field="organisation_name")
    if started_on > today:
        raise InvalidInput("error.date_in_future", field="started_on")
    if share_price_krw is not None and share_price_krw <= 0:
        raise InvalidInput("error.organisation_share_price", field="share_price_krw")
    check_count(share_price_krw, "share_price_krw")
    with session_for(actor, write=True, url=url) as session:
        found = session.scalar(select(Village).where(Village.code == village.strip()))
        if found is None:
            raise NotFound("error.unknown_village", code=village)
        if activity_since is None:
            activity_since = session.scalar(
                select(VillageStatusChange.effective_on)
                .where(
                    VillageStatusChange.village_id == found.id,
                    VillageStatusChange.reason_code == "started",
                )
                .order_by(VillageStatusChange.effective_on)
                .limit(1)
            ) or dt.date(found.cohort_year, 1, 1)
        org = Organisation(
            village_id=found.id,
            name=clean_name,
            name_en=clean_text(name_en, "name_en", 120),
            legal_form=legal_form,
            started_on=started_on,
            activity_since=activity_since,
            share_price_krw=share_price_krw,
        )
        org.steps = [FormationStep(step=spec.key) for spec in CHECKLISTS[legal_form]]
        session.add(org)
        session.flush()
        organisation_id = org.id
    return checklist(actor, organisation_id, today=today, url=url)


def checklist(
    actor: Actor, organisation_id: int, *, today: dt.date | None = None, url: str | None = None
) -> Checklist:
    """The organisation's checklist: each step done, ready or blocked (with what is missing)."""
    today = today or dt.date.today()
    with session_for(actor, url=url) as session:
        org = load_organisation(session, actor, organisation_id)
        facts = _facts(session, org)
        return Checklist(summarise(org), _views(facts, today), standing(facts, today))


def _later_steps(legal_form: str, step: str) -> list[str]:
    """The steps that come (directly or not) after ``step``."""
    later: list[str] = []
    for spec in CHECKLISTS[legal_form]:
        if step in spec.after or any(s in spec.after for s in later):
            later.append(spec.key)
    return later


def record_step(
    actor: Actor,
    organisation_id: int,
    step: str,
    *,
    done_on: dt.date | None = None,
    due_on: dt.date | None = None,
    responsible: str | None = None,
    documents: str | None = None,
    note: str | None = None,
    notice_on: dt.date | None = None,
    eligible: int | None = None,
    attendees: int | None = None,
    votes_for: int | None = None,
    today: dt.date | None = None,
    url: str | None = None,
) -> Checklist:
    """Record a step: its due date, who is responsible, the documents, the meeting's figures
    and (when given) the day it was done. A value left ``None`` keeps what is stored (an
    empty text clears it). A step is refused as done while a step the law puts before it is
    not done or is dated after it, or a rule is unmet (:class:`StepNotReady` lists what is
    missing); nor may it be dated after a later step that is already done."""
    today = today or dt.date.today()
    for value, name in ((eligible, "eligible"), (attendees, "attendees"), (votes_for, "votes_for")):
        check_count(value, name)
    if attendees is not None and votes_for is not None and votes_for > attendees:
        raise InvalidInput("error.formation_votes_over_attendees", field="votes_for")
    if eligible is not None and attendees is not None and attendees > eligible:
        raise InvalidInput("error.formation_attendees_over_eligible", field="attendees")
    for day, name in ((done_on, "done_on"), (notice_on, "notice_on")):
        if day is not None and day > today:
            raise InvalidInput("error.date_in_future", field=name)
    with session_for(actor, write=True, url=url) as session:
        org = load_organisation(session, actor, organisation_id)
        require_village(actor, org.village_id, "organisation.write")
        spec = spec_of(org.legal_form, step)
        row = next(s for s in org.steps if s.step == step)
        if due_on is not None:
            row.due_on = due_on
        if responsible is not None:
            row.responsible = clean_text(responsible, "responsible", 120)
        if documents is not None:
            row.documents = clean_text(documents, "documents", 2000)
        if note is not None:
            row.note = clean_text(note, "note", 2000)
        if spec.meeting:
            row.notice_on = notice_on if notice_on is not None else row.notice_on
            row.eligible = eligible if eligible is not None else row.eligible
            row.attendees = attendees if attendees is not None else row.attendees
            row.votes_for = votes_for if votes_for is not None else row.votes_for
        if row.attendees is not None and (row.votes_for or 0) > row.attendees:
            raise InvalidInput("error.formation_votes_over_attendees", field="votes_for")
        if row.eligible is not None and (row.attendees or 0) > row.eligible:
            raise InvalidInput("error.formation_attendees_over_eligible", field="attendees")
        facts = _facts(session, org)
        later = _later_done(org, step)
        if done_on is not None:
            missing = _missing(facts, spec, row, done_on)
            if missing:
                raise StepNotReady(missing)
            following = [d for d in later if d < done_on]
            if following:
                raise InvalidInput(
                    "error.formation_after_later", field="done_on", date=min(following).isoformat()
                )
            row.done_on = done_on
    return checklist(actor, organisation_id, today=today, url=url)


def _later_done(org: Organisation, step: str) -> list[dt.date]:
    later = _later_steps(org.legal_form, step)
    return [s.done_on for s in org.steps if s.step in later and s.done_on is not None]


def undo_step(
    actor: Actor,
    organisation_id: int,
    step: str,
    *,
    today: dt.date | None = None,
    url: str | None = None,
) -> Checklist:
    """Mark a done step as not done (a mistake corrected), unless a later step is done."""
    with session_for(actor, write=True, url=url) as session:
        org = load_organisation(session, actor, organisation_id)
        require_village(actor, org.village_id, "organisation.write")
        spec_of(org.legal_form, step)
        if _later_done(org, step):
            raise InvalidInput("error.formation_later_done", field="done_on")
        next(s for s in org.steps if s.step == step).done_on = None
    return checklist(actor, organisation_id, today=today, url=url)


def list_organisations(actor: Actor, *, url: str | None = None) -> list[OrganisationSummary]:
    """The organisations ``actor`` may see (a committee: its own village's; a district
    officer: its district's villages'), by village."""
    query = select(Organisation).options(
        selectinload(Organisation.steps), selectinload(Organisation.village)
    )
    scope = village_scope(actor)
    if scope is not None:
        require(actor, "organisation.read")
        query = query.where(Organisation.village_id.in_(scope))
    else:
        require(actor, "organisation.list")
    with session_for(actor, url=url) as session:
        rows = session.scalars(query)
        found = [summarise(org) for org in rows]
    return sorted(found, key=lambda o: (o.village_code, o.started_on, o.id))
