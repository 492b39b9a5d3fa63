"""Applications to a call: drafts saved and resumed, submission while the call is open,
and the eligibility rules of the call, each failure a message key tied to its field.

Who may see what: an applicant (and a committee applying to renew) sees only its own
applications; staff see all and may enter a paper application on a group's behalf;
a reviewer sees an application only through an assignment (see :mod:`energy.call.reviews`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from energy.call.calls import CallInfo, call_info
from energy.call.notices import notify_receipt
from energy.core.access import Actor, can, require
from energy.core.errors import AccessDenied, InvalidInput, NotFound
from energy.core.vocabulary import ACTIONS, APPLICANT_TYPES, BUDGET_LINES, HOUSING_TYPES, STRATEGIES
from energy.store.db import session_for
from energy.store.models.base import utcnow
from energy.store.models.call import Application, Call, Organiser
from energy.store.models.villages import District, Village

MAX_ORGANISERS = 12
EDITABLE = ("draft",)
# Until a decision, the group may take its application back (staff may do it at its request).
WITHDRAWABLE = ("draft", "submitted", "in_review")


@dataclass(frozen=True)
class OrganiserInput:
    name: str = ""
    contact: str = ""
    lives_in_district: bool = False


@dataclass(frozen=True)
class ApplicationForm:
    """What an applicant fills in. A draft may be incomplete; submission checks the rules."""

    applicant_type: str = "resident_group"
    group_name: str = ""
    village_name: str = ""
    district_code: str | None = None
    housing_type: str = "detached"
    households_detached: int = 0
    households_apartment: int = 0
    organisers: tuple[OrganiserInput, ...] = ()
    strategy: str | None = None
    actions: tuple[str, ...] = ()
    actions_other: str = ""
    target_saving_pct: float | None = None
    plan: str = ""
    budget: dict[str, int] = field(default_factory=dict)
    renew_village_code: str | None = None  # a committee applying for year 2 or 3
    # None of the organisers acts for a public body (required to submit), or the link named.
    public_body_declared: bool = False
    public_body_link: str = ""


@dataclass(frozen=True)
class RuleFailure:
    """One broken rule: the form field it belongs to and the message that explains it."""

    field: str
    key: str
    params: dict[str, object] = dataclasses.field(default_factory=dict)


class NotEligible(InvalidInput):
    """Submission refused: ``failures`` lists every broken rule, each tied to its field."""

    key = "call.err_not_eligible"

    def __init__(self, failures: list[RuleFailure]) -> None:
        super().__init__(None, field=failures[0].field if failures else None, n=len(failures))
        self.failures = failures


@dataclass(frozen=True)
class ApplicationInfo:
    id: int
    reference: str
    call_id: int
    call_year: int
    owner: str | None
    entered_by: str
    on_paper: bool
    status: str
    stage: str | None
    programme_year: int
    village_code: str | None
    district_code: str | None
    district_ko: str | None
    district_en: str | None
    form: ApplicationForm
    submitted_at: dt.datetime | None
    award_krw: int | None
    decided_at: dt.datetime | None
    decision_note: str | None

    @property
    def budget_total(self) -> int:
        return sum(self.form.budget.values())

    def title(self) -> str:
        """The reference and the village, or the group while the village has no name yet."""
        return f"{self.reference} · {self.form.village_name or self.form.group_name or '—'}"

    def district_name(self, lang: str) -> str:
        return (self.district_ko if lang == "ko" else self.district_en) or "—"


def _text(value: str | None, name: str, limit: int) -> str:
    clean = (value or "").strip()
    if len(clean) > limit:
        raise InvalidInput("error.too_long", field=name, n=limit)
    return clean


# --- the rules ------------------------------------------------------------------------------


def households_enough(call: CallInfo, detached: int, apartment: int) -> bool:
    """Detached and apartment households count in proportion to their own minimum, so a
    mixed village with 15 detached and 25 apartment households meets 30/50."""
    rules = call.rules
    share = detached / rules.min_households_detached + apartment / rules.min_households_apartment
    return share >= 1


def check_eligibility(
    call: CallInfo, form: ApplicationForm, programme_year: int = 1
) -> list[RuleFailure]:
    """Every rule of ``call`` that ``form`` breaks (empty: eligible)."""
    rules = call.rules
    failures: list[RuleFailure] = []

    def fail(field_name: str, key: str, **params: object) -> None:
        failures.append(RuleFailure(field_name, key, params))

    if form.applicant_type not in rules.applicant_types:
        fail("applicant_type", "call.err_applicant_type")
    if not form.group_name.strip():
        fail("group_name", "call.err_required")
    if not form.village_name.strip():
        fail("village_name", "call.err_required")
    if not form.district_code:
        fail("district", "call.err_required")
    if form.housing_type not in HOUSING_TYPES:
        fail("housing_type", "call.err_required")
    complete: set[tuple[str, str]] = set()
    for i, organiser in enumerate(form.organisers):
        name, contact = organiser.name.strip(), organiser.contact.strip()
        if not (name or contact or organiser.lives_in_district):
            continue  # an empty row of the form
        slot = f"organiser_{i + 1}"
        if not name:
            fail(slot, "call.err_organiser_name", n=i + 1)
        if not contact:
            fail(slot, "call.err_organiser_contact", n=i + 1)
        if not organiser.lives_in_district:
            fail(slot, "call.err_organiser_residence", n=i + 1)
        if name and contact and organiser.lives_in_district:
            person = (" ".join(name.split()).casefold(), "".join(contact.split()).casefold())
            if person in complete or any(p[1] == person[1] for p in complete):
                fail(slot, "call.err_organiser_duplicate", n=i + 1)
            else:
                complete.add(person)
    if len(complete) < rules.min_organisers:
        fail("organisers", "call.err_organisers", min=rules.min_organisers, n=len(complete))
    if not households_enough(call, form.households_detached, form.households_apartment):
        fail(
            "households",
            "call.err_households",
            detached=rules.min_households_detached,
            apartment=rules.min_households_apartment,
        )
    if form.strategy not in STRATEGIES:
        fail("strategy", "call.err_required")
    if not form.actions:
        fail("actions", "call.err_actions")
    elif "other" in form.actions and not form.actions_other.strip():
        fail("actions", "call.err_action_other")
    if form.target_saving_pct is None:
        fail("target_saving_pct", "call.err_required")
    elif not 0 < form.target_saving_pct <= 100:
        fail("target_saving_pct", "call.err_target_range")
    total = sum(form.budget.values())
    cap = call.cap_for(programme_year)
    if total <= 0:
        fail("budget", "call.err_budget_empty")
    elif total > cap:
        fail("budget", "call.err_budget_over_cap", total=f"{total:,}", cap=f"{cap:,}")
    if not form.public_body_declared:  # the case study's warning against astroturf groups
        fail("public_body", "prescreen.err_declaration")
    return failures


def _clean_form(form: ApplicationForm) -> ApplicationForm:
    """Types and sizes only (a draft may break the call's rules, never the store's)."""
    if form.applicant_type not in APPLICANT_TYPES:
        raise InvalidInput("call.err_applicant_type", field="applicant_type")
    if form.housing_type not in HOUSING_TYPES:
        raise InvalidInput(
            "error.unknown_housing_type", field="housing_type", value=form.housing_type
        )
    if form.strategy is not None and form.strategy not in STRATEGIES:
        raise InvalidInput("call.err_required", field="strategy")
    if set(form.actions) - set(ACTIONS):
        raise InvalidInput("call.err_actions", field="actions")
    if set(form.budget) - set(BUDGET_LINES):
        raise InvalidInput("call.err_budget_line", field="budget")
    if any(v < 0 for v in form.budget.values()):
        raise InvalidInput("call.err_budget_negative", field="budget")
    if form.households_detached < 0 or form.households_apartment < 0:
        raise InvalidInput("call.err_households_negative", field="households")
    if len(form.organisers) > MAX_ORGANISERS:
        raise InvalidInput("call.err_too_many_organisers", field="organisers", n=MAX_ORGANISERS)
    organisers = tuple(
        OrganiserInput(
            _text(o.name, f"organiser_{i + 1}", 80),
            _text(o.contact, f"organiser_{i + 1}", 120),
            bool(o.lives_in_district),
        )
        for i, o in enumerate(form.organisers)
        if o.name.strip() or o.contact.strip() or o.lives_in_district
    )
    return ApplicationForm(
        applicant_type=form.applicant_type,
        group_name=_text(form.group_name, "group_name", 120),
        village_name=_text(form.village_name, "village_name", 120),
        district_code=form.district_code or None,
        housing_type=form.housing_type,
        households_detached=int(form.households_detached),
        households_apartment=int(form.households_apartment),
        organisers=organisers,
        strategy=form.strategy,
        actions=tuple(a for a in ACTIONS if a in form.actions),
        actions_other=_text(form.actions_other, "actions", 200),
        target_saving_pct=form.target_saving_pct,
        plan=_text(form.plan, "plan", 5000),
        budget={line: int(form.budget[line]) for line in BUDGET_LINES if form.budget.get(line)},
        renew_village_code=(form.renew_village_code or "").strip() or None,
        public_body_declared=bool(form.public_body_declared),
        public_body_link=_text(form.public_body_link, "public_body", 300),
    )


# --- reading --------------------------------------------------------------------------------


def info(app: Application) -> ApplicationInfo:
    form = ApplicationForm(
        applicant_type=app.applicant_type,
        group_name=app.group_name,
        village_name=app.village_name,
        district_code=app.district.code if app.district else None,
        housing_type=app.housing_type,
        households_detached=app.households_detached,
        households_apartment=app.households_apartment,
        organisers=tuple(
            OrganiserInput(o.name, o.contact, o.lives_in_district) for o in app.organisers
        ),
        strategy=app.strategy,
        actions=tuple(app.actions or ()),
        actions_other=app.actions_other or "",
        target_saving_pct=app.target_saving_pct,
        plan=app.plan or "",
        budget={k: int(v) for k, v in (app.budget or {}).items()},
        renew_village_code=app.village.code if app.village and app.programme_year > 1 else None,
        public_body_declared=app.public_body_declared,
        public_body_link=app.public_body_link or "",
    )
    return ApplicationInfo(
        id=app.id,
        reference=app.reference,
        call_id=app.call_id,
        call_year=app.call.year,
        owner=None if app.owner_id is None else str(app.owner_id),
        entered_by=app.entered_by,
        on_paper=app.on_paper,
        status=app.status,
        stage=app.stage,
        programme_year=app.programme_year,
        village_code=app.village.code if app.village else None,
        district_code=app.district.code if app.district else None,
        district_ko=app.district.name_ko if app.district else None,
        district_en=app.district.name_en if app.district else None,
        form=form,
        submitted_at=app.submitted_at,
        award_krw=app.award_krw,
        decided_at=app.decided_at,
        decision_note=app.decision_note,
    )


def may_see(actor: Actor, app: Application) -> bool:
    """Staff see every application; an applicant or committee sees its own."""
    if can(actor, "call.manage"):
        return True
    return can(actor, "call.apply") and app.owner_id is not None and app.owner_id == actor.user_id


def load(session: Session, actor: Actor, application_id: int) -> Application:
    app = session.get(Application, application_id)
    if app is None:
        raise NotFound("call.err_unknown_application", ref=str(application_id))
    if not may_see(actor, app):
        raise AccessDenied()
    return app


def get_application(
    actor: Actor, application_id: int, *, url: str | None = None
) -> ApplicationInfo:
    with session_for(actor, url=url) as session:
        return info(load(session, actor, application_id))


def list_applications(
    actor: Actor, *, call_id: int | None = None, url: str | None = None
) -> list[ApplicationInfo]:
    """Staff: every application (of ``call_id``); applicants and committees: their own."""
    if not (can(actor, "call.manage") or can(actor, "call.apply")):
        raise AccessDenied()
    query = select(Application).order_by(Application.reference)
    if call_id is not None:
        query = query.where(Application.call_id == call_id)
    if not can(actor, "call.manage"):
        query = query.where(Application.owner_id == (actor.user_id or -1))
    with session_for(actor, url=url) as session:
        return [info(a) for a in session.scalars(query)]


class _Stage(Protocol):
    @property
    def graduated(self) -> bool: ...
    @property
    def programme_year(self) -> int: ...


def renewal_closed(village: _Stage) -> bool:
    """A village funded for its three years (or graduated) cannot apply to renew: the rule
    for a stored village and for the summary a page already holds."""
    return bool(village.graduated or village.programme_year >= 3)


# --- writing --------------------------------------------------------------------------------


def _open_call(session: Session, call_id: int, today: dt.date) -> Call:
    call = session.get(Call, call_id)
    if call is None:
        raise NotFound("call.err_unknown_call", call=str(call_id))
    if not call.opens_on <= today <= call.closes_on:
        raise InvalidInput(
            "call.err_not_open",
            field="call",
            opens=call.opens_on.isoformat(),
            closes=call.closes_on.isoformat(),
        )
    return call


def _renewal(session: Session, actor: Actor, code: str | None) -> tuple[Village | None, int]:
    """The village renewing and the programme year applied for (1 for a new village)."""
    if code is None:
        if actor.role == "committee":
            raise InvalidInput("call.err_committee_renews_own", field="renew_village_code")
        return None, 1
    village = session.scalar(select(Village).where(Village.code == code))
    if village is None:
        raise InvalidInput("error.unknown_village", field="renew_village_code", code=code)
    if not can(actor, "call.manage") and actor.village_id != village.id:
        raise InvalidInput("call.err_committee_renews_own", field="renew_village_code")
    if renewal_closed(village):
        raise InvalidInput("call.err_renewal_after_year3", field="renew_village_code")
    return village, village.programme_year + 1


def _next_reference(session: Session, call: Call) -> str:
    count = session.scalar(
        select(func.count()).select_from(Application).where(Application.call_id == call.id)
    )
    serial = int(count or 0) + 1
    while session.scalar(
        select(func.count()).where(
            Application.reference == f"{call.year}-{call.id:02d}-{serial:03d}"
        )
    ):
        serial += 1
    return f"{call.year}-{call.id:02d}-{serial:03d}"


def _fill(
    session: Session, app: Application, form: ApplicationForm, village: Village | None
) -> None:
    district_id = None
    if village is not None:
        district_id = village.district_id
    elif form.district_code:
        district = session.scalar(select(District).where(District.code == form.district_code))
        if district is None:
            raise InvalidInput("error.unknown_district", field="district", name=form.district_code)
        district_id = district.id
    app.applicant_type = form.applicant_type
    app.group_name = form.group_name
    app.village_name = village.name if village is not None else form.village_name
    app.district_id = district_id
    app.housing_type = form.housing_type
    app.households_detached = form.households_detached
    app.households_apartment = form.households_apartment
    app.strategy = form.strategy
    app.actions = list(form.actions)
    app.actions_other = form.actions_other or None
    app.target_saving_pct = form.target_saving_pct
    app.plan = form.plan or None
    app.budget = dict(form.budget)
    app.village_id = village.id if village is not None else None
    app.public_body_declared = form.public_body_declared
    app.public_body_link = form.public_body_link or None
    app.organisers.clear()
    session.flush()
    for i, o in enumerate(form.organisers):
        app.organisers.append(
            Organiser(
                position=i + 1,
                name=o.name,
                contact=o.contact,
                lives_in_district=o.lives_in_district,
            )
        )


def save_draft(
    actor: Actor,
    *,
    call_id: int,
    form: ApplicationForm,
    application_id: int | None = None,
    today: dt.date | None = None,
    submit: bool = False,
    url: str | None = None,
) -> ApplicationInfo:
    """Create or update a draft, while the call is open. Staff create paper applications
    (no owner account); an applicant's or committee's draft belongs to its account.

    A new draft with nothing typed in it is refused (no blank record). With ``submit`` the
    draft is submitted in the same transaction: when it breaks a rule (:class:`NotEligible`)
    nothing is stored, so a failed first submit never leaves a record behind."""
    require(actor, "call.apply")
    today = today or dt.date.today()
    clean = _clean_form(form)
    if application_id is None and not submit and _blank(clean):
        raise InvalidInput("call.err_empty_draft", field="group_name")
    with session_for(actor, write=True, url=url) as session:
        if application_id is None:
            call = _open_call(session, call_id, today)
            staff = can(actor, "call.manage")
            app = Application(
                call_id=call.id,
                reference=_next_reference(session, call),
                owner_id=None if staff else actor.user_id,
                entered_by=actor.audit_name,
                on_paper=staff,
                status="draft",
                actions=[],
                budget={},
            )
            session.add(app)
        else:
            app = load(session, actor, application_id)
            _open_call(session, app.call_id, today)
            if app.status not in EDITABLE:
                raise InvalidInput("call.err_not_draft", field="status")
        village, programme_year = _renewal(session, actor, clean.renew_village_code)
        app.programme_year = programme_year
        _fill(session, app, clean, village)
        session.flush()
        session.refresh(app)
        if submit:
            if app.status != "draft":
                raise InvalidInput("call.err_not_draft", field="status")
            failures = check_eligibility(call_info(app.call), info(app).form, app.programme_year)
            if failures:
                raise NotEligible(failures)  # the transaction rolls back: nothing is stored
            app.status = "submitted"
            app.submitted_at = utcnow()
            session.flush()
            notify_receipt(session, app)
        return info(app)


def draft_changed(stored: ApplicationForm, typed: ApplicationForm) -> bool:
    """Whether ``typed`` says something ``stored`` does not, once both are cleaned as a save
    cleans them (an autosave writes only then). Nothing typed is never a change to save."""
    try:
        after = _clean_form(typed)
    except InvalidInput:
        return True  # the save will say what is wrong
    return after != _clean_form(stored) and not _blank(after)


def _blank(form: ApplicationForm) -> bool:
    """Nothing typed: no name, no organiser, no plan, no households, no budget."""
    return not (
        form.group_name.strip()
        or form.village_name.strip()
        or form.organisers
        or form.plan.strip()
        or form.actions
        or form.actions_other.strip()
        or form.households_detached
        or form.households_apartment
        or any(form.budget.values())
        or form.renew_village_code
        or form.public_body_link.strip()
    )


def submit_application(
    actor: Actor, application_id: int, *, today: dt.date | None = None, url: str | None = None
) -> ApplicationInfo:
    """Submit a draft while its call is open; :class:`NotEligible` lists each broken rule.
    The owner's account gets a receipt by mail."""
    require(actor, "call.apply")
    today = today or dt.date.today()
    with session_for(actor, write=True, url=url) as session:
        app = load(session, actor, application_id)
        call = _open_call(session, app.call_id, today)
        if app.status != "draft":
            raise InvalidInput("call.err_not_draft", field="status")
        failures = check_eligibility(call_info(call), info(app).form, app.programme_year)
        if failures:
            raise NotEligible(failures)
        app.status = "submitted"
        app.submitted_at = utcnow()
        session.flush()
        notify_receipt(session, app)
        return info(app)


def withdraw_application(
    actor: Actor, application_id: int, *, url: str | None = None
) -> ApplicationInfo:
    """Withdraw an application before its decision: its owner, or staff (final)."""
    require(actor, "call.apply")
    with session_for(actor, write=True, url=url) as session:
        app = load(session, actor, application_id)
        if app.status not in WITHDRAWABLE:
            raise InvalidInput("call.err_already_decided", field="status")
        app.status = "withdrawn"
        session.flush()
        return info(app)
