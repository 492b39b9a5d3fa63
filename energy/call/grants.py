"""Decisions and the money that follows: select, wait-list or reject; grants, instalments,
spending reports; the renewal gate's measured record.

A selection awards no more than the call's cap for the programme year, never commits more
than the call's budget, creates the village (year 1) or advances it (years 2 and 3), and
creates the grant. A selection is final; a wait-listed or rejected application may still be
selected later (the wait list moves up when money frees).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from energy.calc import conversions, metrics
from energy.call.applications import ApplicationInfo, info
from energy.call.calls import CallInfo, call_info
from energy.call.notices import notify_decision, notify_instalment, seoul_today
from energy.core.access import Actor, require, require_village
from energy.core.errors import InvalidInput, NotFound
from energy.core.vocabulary import BUDGET_LINES, DECISIONS
from energy.savings.compute import compute_savings
from energy.savings.factors import factors_for_period
from energy.store.db import session_for
from energy.store.models.base import utcnow
from energy.store.models.call import Application, Call, Grant, Instalment, SpendingLine
from energy.store.models.villages import District, Village, VillageStatusChange
from energy.training.completion import progress_in


def committed_krw(session: Session, call_id: int) -> int:
    """What the call's selections have awarded so far."""
    total = session.scalar(
        select(func.coalesce(func.sum(Grant.award_krw), 0)).where(Grant.call_id == call_id)
    )
    return int(total or 0)


@dataclass(frozen=True)
class BudgetState:
    budget_krw: int
    committed_krw: int

    @property
    def remaining_krw(self) -> int:
        return self.budget_krw - self.committed_krw


def budget_state(actor: Actor, call_id: int, *, url: str | None = None) -> BudgetState:
    require(actor, "call.manage")
    with session_for(actor, url=url) as session:
        call = session.get(Call, call_id)
        if call is None:
            raise NotFound("call.err_unknown_call", call=str(call_id))
        return BudgetState(call.budget_krw, committed_krw(session, call_id))


def _village_code(session: Session, district: District, year: int) -> str:
    prefix = re.sub(r"[^A-Z]", "", district.name_en.upper())[:3] or "VIL"
    serial = 1
    while session.scalar(
        select(func.count()).where(Village.code == f"{prefix}-{year}-{serial:02d}")
    ):
        serial += 1
    return f"{prefix}-{year}-{serial:02d}"


def _select(session: Session, actor: Actor, app: Application, call: Call, award: int) -> None:
    if app.programme_year == 1:
        if app.district is None:
            raise InvalidInput("call.err_required", field="district")
        village = Village(
            code=_village_code(session, app.district, call.year),
            name=app.village_name,
            district_id=app.district.id,
            housing_type=app.housing_type,
            cohort_year=call.year,
            programme_year=1,
            graduated=False,
            status="active",
        )
        session.add(village)
        session.flush()
        session.add(
            VillageStatusChange(
                village_id=village.id,
                status="active",
                effective_on=max(call.closes_on, dt.date(call.year, 1, 1)),
                reason_code="started",
                note=app.reference,
                recorded_by=actor.audit_name,
            )
        )
        app.village_id = village.id
    else:
        village_or_none = session.get(Village, app.village_id) if app.village_id else None
        if village_or_none is None:
            raise InvalidInput("call.err_renewal_without_village", field="renew_village_code")
        village = village_or_none
        village.programme_year = app.programme_year
    session.add(
        Grant(
            application_id=app.id,
            call_id=call.id,
            village_id=village.id,
            programme_year=app.programme_year,
            award_krw=award,
        )
    )


# An application may be decided while under review, and decided again once wait-listed or
# rejected (the wait list moves up when money frees); a selection is final.
DECIDABLE = ("in_review", "wait_listed", "rejected")


def default_award(call: CallInfo, programme_year: int, requested_krw: int) -> int:
    """What a selection awards unless staff say otherwise: the request, capped at the cap."""
    return max(0, min(requested_krw, call.cap_for(programme_year)))


def _lock_budget(session: Session, call_id: int) -> int:
    """What the call has left, with its row locked until the transaction ends, so that two
    decisions taken at once cannot both spend the same money (SQLite writers queue anyway)."""
    budget = session.scalar(select(Call.budget_krw).where(Call.id == call_id).with_for_update())
    if budget is None:
        raise NotFound("call.err_unknown_call", call=str(call_id))
    return int(budget) - committed_krw(session, call_id)


def _record_decision(
    session: Session, actor: Actor, app: Application, decision: str, award: int | None, note: str
) -> None:
    if decision == "selected":
        assert award is not None
        _select(session, actor, app, app.call, award)
    app.award_krw = award if decision == "selected" else None
    app.status = decision
    app.decided_at = utcnow()
    app.decided_by = actor.audit_name
    app.decision_note = note.strip()[:2000] or None


def decide(
    actor: Actor,
    application_id: int,
    *,
    decision: str,
    award_krw: int | None = None,
    note: str = "",
    today: dt.date | None = None,
    url: str | None = None,
) -> ApplicationInfo:
    """Select (with an award), wait-list or reject an application under review. The owner's
    account is told by mail, the decision letter (dated ``today``, Seoul's by default)
    attached."""
    require(actor, "call.manage")
    if decision not in DECISIONS:
        raise InvalidInput("call.err_unknown_decision", field="decision")
    with session_for(actor, write=True, url=url) as session:
        app = session.get(Application, application_id)
        if app is None:
            raise NotFound("call.err_unknown_application", ref=str(application_id))
        if app.status not in DECIDABLE:
            raise InvalidInput("call.err_cannot_decide", field="decision")
        if decision == "selected":
            cap = call_info(app.call).cap_for(app.programme_year)
            if award_krw is None or award_krw <= 0:
                raise InvalidInput("call.err_award_required", field="award_krw")
            if award_krw > cap:
                raise InvalidInput("call.err_award_over_cap", field="award_krw", cap=f"{cap:,}")
            remaining = _lock_budget(session, app.call_id)
            if award_krw > remaining:
                raise InvalidInput(
                    "call.err_budget_exceeded", field="award_krw", remaining=f"{remaining:,}"
                )
        _record_decision(session, actor, app, decision, award_krw, note)
        session.flush()
        notify_decision(session, app, today=today or seoul_today())
        return info(app)


def decide_many(
    actor: Actor,
    application_ids: list[int],
    *,
    decision: str,
    note: str = "",
    today: dt.date | None = None,
    url: str | None = None,
) -> list[ApplicationInfo]:
    """One decision for several applications of one call: all of them or none.

    A selection awards each application its request capped at its programme year's cap
    (:func:`default_award`); the awards together may not over-commit the call's budget, or
    nothing is decided. Each application's change is audited on its own, and each owner is
    told by mail as :func:`decide` does.
    """
    require(actor, "call.manage")
    if decision not in DECISIONS:
        raise InvalidInput("call.err_unknown_decision", field="decision")
    ids = list(dict.fromkeys(application_ids))
    if not ids:
        raise InvalidInput("call.err_batch_empty", field="applications")
    with session_for(actor, write=True, url=url) as session:
        apps = []
        for application_id in ids:
            app = session.get(Application, application_id)
            if app is None:
                raise NotFound("call.err_unknown_application", ref=str(application_id))
            if app.status not in DECIDABLE:
                raise InvalidInput("call.err_batch_cannot_decide", field="applications",
                                   ref=app.reference)  # fmt: skip
            apps.append(app)
        if len({app.call_id for app in apps}) > 1:
            raise InvalidInput("call.err_batch_one_call", field="applications")
        call = call_info(apps[0].call)
        awards: dict[int, int | None] = dict.fromkeys(ids)
        if decision == "selected":
            for app in apps:
                requested = sum(int(v) for v in (app.budget or {}).values())
                awards[app.id] = default_award(call, app.programme_year, requested)
                if not awards[app.id]:
                    raise InvalidInput("call.err_batch_no_request", field="applications",
                                       ref=app.reference)  # fmt: skip
            total = sum(a or 0 for a in awards.values())
            remaining = _lock_budget(session, call.id)
            if total > remaining:
                raise InvalidInput(
                    "call.err_batch_over_budget", field="applications", n=len(apps),
                    total=f"{total:,}", remaining=f"{remaining:,}",
                )  # fmt: skip
        for app in apps:
            _record_decision(session, actor, app, decision, awards[app.id], note)
        session.flush()
        for app in apps:
            notify_decision(session, app, today=today or seoul_today())
        return [info(app) for app in apps]


# --- grants -----------------------------------------------------------------------------------


def _grant(session: Session, grant_id: int) -> Grant:
    grant = session.get(Grant, grant_id)
    if grant is None:
        raise NotFound("call.err_unknown_grant", grant=str(grant_id))
    return grant


def pay_instalment(
    actor: Actor,
    grant_id: int,
    *,
    amount_krw: int,
    paid_on: dt.date,
    note: str = "",
    url: str | None = None,
) -> int:
    """Record a payment; the grant's instalments never add up to more than its award.
    The application's owner and the village's committee accounts are told by mail.
    Returns what has been paid in all."""
    require(actor, "call.manage")
    if amount_krw <= 0:
        raise InvalidInput("call.err_amount_positive", field="amount_krw")
    with session_for(actor, write=True, url=url) as session:
        grant = _grant(session, grant_id)
        earlier = list(grant.instalments)
        paid = sum(i.amount_krw for i in earlier)
        if paid + amount_krw > grant.award_krw:
            raise InvalidInput(
                "call.err_paid_over_award", field="amount_krw", left=f"{grant.award_krw - paid:,}"
            )
        instalment = Instalment(
            grant_id=grant.id, paid_on=paid_on, amount_krw=amount_krw, note=note.strip() or None
        )
        session.add(instalment)
        session.flush()
        notify_instalment(
            session,
            grant,
            instalment,
            number=len(earlier) + 1,
            paid_krw=paid + amount_krw,
        )
        return paid + amount_krw


def file_spending_report(
    actor: Actor, grant_id: int, lines: dict[str, int], *, url: str | None = None
) -> None:
    """The village's spending by budget line (staff may enter it from a paper report).
    Filing again replaces the earlier report."""
    if set(lines) - set(BUDGET_LINES) or any(v < 0 for v in lines.values()):
        raise InvalidInput("call.err_budget_line", field="spending")
    with session_for(actor, write=True, url=url) as session:
        grant = _grant(session, grant_id)
        require_village(actor, grant.village_id, "grant.report")
        if sum(lines.values()) > grant.award_krw:
            raise InvalidInput("call.err_spent_over_award", field="spending")
        for old in list(grant.spending):
            session.delete(old)
        session.flush()
        for line in BUDGET_LINES:
            if lines.get(line):
                session.add(
                    SpendingLine(
                        grant_id=grant.id,
                        line=line,
                        amount_krw=int(lines[line]),
                        filed_by=actor.audit_name,
                    )
                )


@dataclass(frozen=True)
class GrantRow:
    grant_id: int
    call_year: int
    village_code: str
    village_name: str
    programme_year: int
    award_krw: int
    paid_krw: int
    reported_krw: int | None  # None: no spending report filed
    spending: dict[str, int]
    budget: dict[str, int]


def grants(
    actor: Actor,
    *,
    call_id: int | None = None,
    village_id: int | None = None,
    url: str | None = None,
) -> list[GrantRow]:
    """Awarded vs paid vs reported, per grant. Staff see all; a committee its village's."""
    if village_id is not None:
        require_village(actor, village_id, "grant.report")
    else:
        require(actor, "call.manage")
    query = (
        select(Grant)
        .join(Call)
        .options(  # every grant's village, call, payments and report in a few queries
            joinedload(Grant.village),
            joinedload(Grant.call),
            selectinload(Grant.instalments),
            selectinload(Grant.spending),
        )
        .order_by(Call.year.desc(), Grant.id)
    )
    if call_id is not None:
        query = query.where(Grant.call_id == call_id)
    if village_id is not None:
        query = query.where(Grant.village_id == village_id)
    with session_for(actor, url=url) as session:
        found = list(session.scalars(query).unique())
        budgets = dict(
            session.execute(
                select(Application.id, Application.budget).where(
                    Application.id.in_([g.application_id for g in found])
                )
            ).all()
        )
        out = []
        for g in found:
            spending = {s.line: s.amount_krw for s in g.spending}
            out.append(
                GrantRow(
                    grant_id=g.id,
                    call_year=g.call.year,
                    village_code=g.village.code,
                    village_name=g.village.name,
                    programme_year=g.programme_year,
                    award_krw=g.award_krw,
                    paid_krw=sum(i.amount_krw for i in g.instalments),
                    reported_krw=sum(spending.values()) if spending else None,
                    spending=spending,
                    budget=dict(budgets.get(g.application_id) or {}),
                )
            )
        return out


def grants_frame(rows: list[GrantRow]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "call_year": r.call_year,
                "village_code": r.village_code,
                "village_name": r.village_name,
                "programme_year": r.programme_year,
                "award_krw": r.award_krw,
                "paid_krw": r.paid_krw,
                "reported_krw": r.reported_krw,
            }
            for r in rows
        ],
        columns=[
            "call_year", "village_code", "village_name", "programme_year",
            "award_krw", "paid_krw", "reported_krw",
        ],
    )  # fmt: skip


def totals_by_call(rows: list[GrantRow]) -> pd.DataFrame:
    frame = grants_frame(rows)
    frame["reported_krw"] = frame["reported_krw"].fillna(0)
    out = frame.groupby("call_year", as_index=False)[
        ["award_krw", "paid_krw", "reported_krw"]
    ].sum()
    return out.astype({"reported_krw": "int64"}).sort_values("call_year", ascending=False)


# --- the renewal gate -------------------------------------------------------------------------


@dataclass(frozen=True)
class RenewalRecord:
    """The measured record a renewal is decided with; ``None`` reads "no data".

    The saving is the village's energy across the carriers its households log (electricity,
    gas, district heat), each converted to TOE with the one factor set the savings engine
    prices the period with; water has no TOE and stays out. ``coverage`` is over the same
    carriers: cells counted / cells expected.
    """

    village_code: str
    start: dt.date
    end: dt.date
    coverage: float | None
    saving_pct: float | None
    # Share of the first-year core modules done (energy.training.completion); None: the
    # training register holds no session of this village.
    training_completion: float | None
    spending_report_in: bool | None  # None: no earlier grant in the store
    min_coverage: float
    min_saving_pct: float
    carriers: tuple[str, ...] = ()  # the carriers with counted cells in the saving
    saving_toe: float | None = None

    @property
    def savings_pass(self) -> bool | None:
        if self.coverage is None or self.saving_pct is None:
            return None
        return self.coverage >= self.min_coverage and self.saving_pct >= self.min_saving_pct


def renewal_record(actor: Actor, application_id: int, *, url: str | None = None) -> RenewalRecord:
    """The village's energy saving in TOE and its coverage over the 12 months before the call
    opened (eco-mileage method), its first-year training (core modules done), and whether
    last year's spending report is in."""
    require(actor, "call.manage")
    with session_for(actor, url=url) as session:
        app = session.get(Application, application_id)
        if app is None:
            raise NotFound("call.err_unknown_application", ref=str(application_id))
        if app.village is None or app.programme_year < 2:
            raise InvalidInput("call.err_not_a_renewal", field="programme_year")
        call: CallInfo = call_info(app.call)
        code, village_id = app.village.code, app.village.id
        earlier = session.scalars(
            select(Grant)
            .where(Grant.village_id == village_id, Grant.call_id != call.id)
            .order_by(Grant.created_at.desc())
        ).first()
        report_in = None if earlier is None else bool(earlier.spending)
        progress = progress_in(session, [app.village], utcnow())[0]
        trained = any(m.sessions for m in progress.modules)
        training = progress.done / len(progress.modules) if trained else None
        end = metrics.add_months(metrics.first_of_month(call.opens_on), -1)
        start = metrics.add_months(end, -11)
        # The factor set compute_savings prices the same period with (valid at its end).
        factors = factors_for_period(session, end)
    report = compute_savings(actor, village=code, start=start, end=end, url=url)
    energy = [c for c in report.carriers if c.carrier in conversions.TOE_FACTORS]
    counted = [c for c in energy if c.cells and c.baseline is not None and c.actual is not None]
    expected = sum(c.expected_cells for c in energy)
    return RenewalRecord(
        village_code=code,
        start=start,
        end=end,
        coverage=sum(c.cells for c in counted) / expected if counted and expected else None,
        saving_pct=conversions.combined_toe_pct(
            {c.carrier: (c.baseline or 0.0, c.actual or 0.0) for c in counted}, factors
        ),
        training_completion=training,
        spending_report_in=report_in,
        min_coverage=call.rules.renewal_min_coverage,
        min_saving_pct=call.rules.renewal_min_saving_pct,
        carriers=tuple(c.carrier for c in counted),
        saving_toe=report.saving_toe,
    )
