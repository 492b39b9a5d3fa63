"""What staff read of a call: the dashboard (funnel, districts, budget, review progress),
the exports of applications, scores and decisions (CSV and Excel, formula-safe), and the
decision letters in Korean and English."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from energy.call.applications import ApplicationInfo, list_applications, load
from energy.call.calls import CallInfo, calls_of_year, get_call
from energy.call.grants import BudgetState, budget_state
from energy.call.letters import DECIDED, letter_pdf, letter_text
from energy.call.reviews import review_progress
from energy.core.access import Actor, require
from energy.core.errors import InvalidInput
from energy.core.vocabulary import APPLICATION_STATUSES
from energy.documents import exports
from energy.store.db import session_for
from energy.store.models.accounts import User
from energy.store.models.call import Application, Call, ReviewAssignment, ReviewScore
from energy.store.models.villages import District
from energy.villages.districts import list_districts

# The funnel counts an application at every step it has passed.
FUNNEL_STEPS = ("draft", "submitted", "in_review", "decided", "selected")
_REACHED = {
    "draft": {
        "draft",
        "submitted",
        "in_review",
        "selected",
        "wait_listed",
        "rejected",
        "withdrawn",
    },
    "submitted": {"submitted", "in_review", "selected", "wait_listed", "rejected"},
    "in_review": {"in_review", "selected", "wait_listed", "rejected"},
    "decided": {"selected", "wait_listed", "rejected"},
    "selected": {"selected"},
}


@dataclass(frozen=True)
class CallDashboard:
    call: CallInfo
    by_status: dict[str, int]
    funnel: pd.DataFrame  # step, applications
    by_district: pd.DataFrame  # district_code, name_ko, name_en, applications, selected
    budget: BudgetState
    reviews_done: int
    reviews_assigned: int

    @property
    def received(self) -> int:
        """Applications submitted (drafts are not received)."""
        return sum(n for s, n in self.by_status.items() if s not in ("draft", "withdrawn"))


def call_dashboard(actor: Actor, call_id: int, *, url: str | None = None) -> CallDashboard:
    require(actor, "call.manage")
    call = get_call(actor, call_id, url=url)
    with session_for(actor, url=url) as session:
        rows = session.execute(
            select(Application.status, Application.district_id, func.count())
            .where(Application.call_id == call_id)
            .group_by(Application.status, Application.district_id)
        ).all()
        districts = list_districts(session)
    by_status = {s: sum(n for st, _, n in rows if st == s) for s in APPLICATION_STATUSES}
    funnel = pd.DataFrame(
        [(step, sum(by_status[s] for s in _REACHED[step])) for step in FUNNEL_STEPS],
        columns=["step", "applications"],
    )
    received = {s for s in APPLICATION_STATUSES if s not in ("draft", "withdrawn")}
    by_district = pd.DataFrame(
        [
            {
                "district_code": d.code,
                "name_ko": d.name_ko,
                "name_en": d.name_en,
                "applications": sum(n for st, did, n in rows if did == d.id and st in received),
                "selected": sum(n for st, did, n in rows if did == d.id and st == "selected"),
            }
            for d in districts
        ]
    )
    done, assigned = review_progress(actor, call_id, url=url)
    return CallDashboard(
        call=call,
        by_status=by_status,
        funnel=funnel,
        by_district=by_district,
        budget=budget_state(actor, call_id, url=url),
        reviews_done=done,
        reviews_assigned=assigned,
    )


# --- exports ----------------------------------------------------------------------------------


def applications_frame(apps: list[ApplicationInfo]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "reference": a.reference,
                "call_year": a.call_year,
                "status": a.status,
                "stage": a.stage or "",
                "applicant_type": a.form.applicant_type,
                "group_name": a.form.group_name,
                "village_name": a.form.village_name,
                "district": a.district_en or "",
                "programme_year": a.programme_year,
                "housing_type": a.form.housing_type,
                "households_detached": a.form.households_detached,
                "households_apartment": a.form.households_apartment,
                "organisers": len(a.form.organisers),
                "strategy": a.form.strategy or "",
                "actions": " ".join(a.form.actions),
                "target_saving_pct": a.form.target_saving_pct,
                "budget_krw": a.budget_total,
                "on_paper": a.on_paper,
                "submitted_at": a.submitted_at.isoformat() if a.submitted_at else "",
            }
            for a in apps
        ]
    )


def decisions_frame(apps: list[ApplicationInfo]) -> pd.DataFrame:
    decided = [a for a in apps if a.status in ("selected", "wait_listed", "rejected")]
    return pd.DataFrame(
        [
            {
                "reference": a.reference,
                "village_name": a.form.village_name,
                "decision": a.status,
                "award_krw": a.award_krw,
                "village_code": a.village_code or "",
                "decided_at": a.decided_at.isoformat() if a.decided_at else "",
                "note": a.decision_note or "",
            }
            for a in decided
        ],
        columns=[
            "reference",
            "village_name",
            "decision",
            "award_krw",
            "village_code",
            "decided_at",
            "note",
        ],
    ).astype({"award_krw": "Int64"})


def scores_frame(actor: Actor, call_id: int, *, url: str | None = None) -> pd.DataFrame:
    """One row per reviewer, application, stage and criterion (reviewers by account name)."""
    require(actor, "call.manage")
    with session_for(actor, url=url) as session:
        rows = session.execute(
            select(
                Application.reference,
                ReviewAssignment.stage,
                User.username,
                ReviewScore.criterion,
                ReviewScore.score,
                ReviewScore.comment,
            )
            .join(ReviewAssignment, ReviewScore.assignment_id == ReviewAssignment.id)
            .join(Application, ReviewAssignment.application_id == Application.id)
            .join(User, ReviewAssignment.reviewer_id == User.id)
            .where(Application.call_id == call_id)
            .order_by(
                Application.reference, ReviewAssignment.stage, User.username, ReviewScore.criterion
            )
        ).all()
    return pd.DataFrame(
        [tuple(r) for r in rows],
        columns=["reference", "stage", "reviewer", "criterion", "score", "comment"],
    )


def export_year(actor: Actor, year: int, fmt: str, *, url: str | None = None) -> bytes:
    """Every call of ``year``: CSV (applications with their decision) or Excel (sheets
    applications, scores, decisions). Cells that could run as formulas are neutralised."""
    require(actor, "call.manage")
    if fmt not in ("csv", "xlsx"):
        raise InvalidInput("call.err_format", field="format")
    apps: list[ApplicationInfo] = []
    scores: list[pd.DataFrame] = []
    for call in calls_of_year(actor, year, url=url):
        apps.extend(list_applications(actor, call_id=call.id, url=url))
        scores.append(scores_frame(actor, call.id, url=url))
    applications = applications_frame(apps)
    decisions = decisions_frame(apps)
    if fmt == "csv":
        merged = applications.merge(
            decisions.drop(columns=["village_name"]), on="reference", how="left"
        ) if not applications.empty else applications  # fmt: skip
        return exports.to_csv_bytes(merged)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for sheet, frame in (
            ("applications", applications),
            ("scores", pd.concat(scores, ignore_index=True)),
            ("decisions", decisions),
        ):
            exports.safe_frame(frame).to_excel(writer, index=False, sheet_name=sheet)
    return buffer.getvalue()


# --- decision letters -------------------------------------------------------------------------


def decision_letter(
    actor: Actor,
    application_id: int,
    lang: str,
    *,
    today: dt.date | None = None,
    escape: Callable[[str], str] | None = None,
    url: str | None = None,
) -> str:
    """The letter (Markdown) telling the applicant the decision, in ``lang``
    (:func:`energy.call.letters.letter_text`). Staff and the applicant itself may read it once
    decided.

    ``escape`` is applied to every value filled in (the names people typed, the call's title,
    the note): a page that renders the letter passes its markdown escape, so that a name shows
    as typed rather than as emphasis or a link; the downloaded file keeps the values as typed."""
    with session_for(actor, url=url) as session:
        app = load(session, actor, application_id)
        if app.status not in DECIDED:
            raise InvalidInput("call.err_not_decided", field="status")
        return letter_text(app, lang, today=today or dt.date.today(), escape=escape)


def call_history(
    session: Session, up_to: int, district_code: str | None
) -> list[tuple[int, int, int]]:
    """(year, applications received, villages selected) of every year up to ``up_to`` that
    has a call, oldest first, for the town hall (aggregates only). Received: every
    application but drafts and withdrawn ones; in ``district_code``'s district if given."""
    years = sorted(session.scalars(select(Call.year).where(Call.year <= up_to).distinct()))
    query = (
        select(Call.year, Application.status, func.count())
        .join(Call, Application.call_id == Call.id)
        .where(Call.year <= up_to)
        .group_by(Call.year, Application.status)
    )
    if district_code is not None:
        query = query.join(District, Application.district_id == District.id).where(
            District.code == district_code
        )
    counts: dict[int, dict[str, int]] = {year: {} for year in years}
    for year, status, n in session.execute(query).all():
        counts[int(year)][str(status)] = int(n)
    return [
        (
            year,
            sum(n for status, n in counts[year].items() if status not in ("draft", "withdrawn")),
            counts[year].get("selected", 0),
        )
        for year in years
    ]


def call_summary(actor: Actor, call: CallInfo, *, url: str | None = None) -> dict[str, object]:
    """One call in a line (the ``call list --json`` objects)."""
    board = call_dashboard(actor, call.id, url=url)
    return {
        "year": call.year,
        "title": call.title,
        "opens_on": call.opens_on.isoformat(),
        "closes_on": call.closes_on.isoformat(),
        "budget_krw": call.budget_krw,
        "caps_krw": list(call.rules.caps),
        "applications": board.received,
        "selected": board.by_status["selected"],
        "committed_krw": board.budget.committed_krw,
    }


def decision_letter_pdf(
    actor: Actor,
    application_id: int,
    lang: str,
    *,
    today: dt.date | None = None,
    url: str | None = None,
) -> bytes:
    """The same letter as a one-page A4 PDF (the Korean font embedded, as the handout does)."""
    return letter_pdf(decision_letter(actor, application_id, lang, today=today, url=url))
