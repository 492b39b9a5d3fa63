"""Review of applications, stage by stage: assignments, conflicts of interest, scores.

Staff start the review (a submitted application enters the call's first stage), assign
reviewers (balanced automatically, editable) and move an application to the next stage.
A reviewer declares any conflict of interest before the application is shown; a reviewer
who lives in the applicant's district is flagged to staff and to the reviewer. Scores are
0..10 per rubric criterion with a comment; the weighted mean uses the call's weights.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from energy.call.applications import ApplicationInfo, info
from energy.call.calls import call_info, call_row
from energy.call.notices import notify_assignment
from energy.core.access import Actor, can, require
from energy.core.errors import AccessDenied, InvalidInput, NotFound
from energy.core.vocabulary import SCORE_MAX
from energy.store.db import session_for
from energy.store.models.accounts import User
from energy.store.models.base import utcnow
from energy.store.models.call import Application, ReviewAssignment, ReviewScore

DEFAULT_REVIEWERS_PER_APPLICATION = 2


@dataclass(frozen=True)
class AssignmentInfo:
    id: int
    application_id: int
    reference: str
    village_name: str
    stage: str
    reviewer: str
    reviewer_name: str
    conflict: bool | None  # None: not declared yet
    same_district: bool
    submitted: bool
    scores: dict[str, tuple[int, str]]  # criterion -> (score, comment)
    open: bool  # the application is still at this stage: the review can be (re)scored


def _assignment_info(a: ReviewAssignment, app: Application, reviewer: User) -> AssignmentInfo:
    return AssignmentInfo(
        id=a.id,
        application_id=app.id,
        reference=app.reference,
        village_name=app.village_name,
        stage=a.stage,
        reviewer=reviewer.username,
        reviewer_name=reviewer.display_name,
        conflict=a.conflict,
        same_district=reviewer.district_id is not None and reviewer.district_id == app.district_id,
        submitted=a.submitted_at is not None,
        scores={s.criterion: (s.score, s.comment or "") for s in a.scores},
        open=app.status == "in_review" and app.stage == a.stage,
    )


def _app(session: Session, application_id: int) -> Application:
    app = session.get(Application, application_id)
    if app is None:
        raise NotFound("call.err_unknown_application", ref=str(application_id))
    return app


# --- stages -----------------------------------------------------------------------------------


def start_review(actor: Actor, application_id: int, *, url: str | None = None) -> ApplicationInfo:
    """A submitted application enters the call's first review stage."""
    require(actor, "call.manage")
    with session_for(actor, write=True, url=url) as session:
        app = _app(session, application_id)
        if app.status != "submitted":
            raise InvalidInput("call.err_not_submitted", field="status")
        app.status = "in_review"
        app.stage = app.call.stages[0]
        session.flush()
        return info(app)


def advance_stage(actor: Actor, application_id: int, *, url: str | None = None) -> ApplicationInfo:
    """Move an application under review to the call's next stage (not past the last)."""
    require(actor, "call.manage")
    with session_for(actor, write=True, url=url) as session:
        app = _app(session, application_id)
        if app.status != "in_review" or app.stage is None:
            raise InvalidInput("call.err_not_in_review", field="status")
        stages = list(app.call.stages)
        position = stages.index(app.stage)
        if position + 1 >= len(stages):
            raise InvalidInput("call.err_last_stage", field="stage")
        app.stage = stages[position + 1]
        session.flush()
        return info(app)


# --- assignments ------------------------------------------------------------------------------


def reviewers(actor: Actor, *, url: str | None = None) -> list[tuple[int, str, str]]:
    """Active reviewer accounts: (id, username, display name)."""
    require(actor, "call.manage")
    with session_for(actor, url=url) as session:
        rows = session.scalars(
            select(User)
            .where(User.role == "reviewer", User.is_active.is_(True))
            .order_by(User.username)
        )
        return [(u.id, u.username, u.display_name) for u in rows]


def assign_reviewers(
    actor: Actor,
    call_id: int,
    *,
    per_application: int = DEFAULT_REVIEWERS_PER_APPLICATION,
    url: str | None = None,
) -> int:
    """Give every application under review enough reviewers at its current stage, least
    loaded reviewers first; among equals, one who does not live in the applicant's district.
    Each new assignment is mailed to its reviewer. Returns the number of assignments made."""
    require(actor, "call.manage")
    made = 0
    with session_for(actor, write=True, url=url) as session:
        pool = list(
            session.scalars(
                select(User)
                .where(User.role == "reviewer", User.is_active.is_(True))
                .order_by(User.id)
            )
        )
        if len(pool) < per_application:
            raise InvalidInput("call.err_too_few_reviewers", field="reviewers", n=per_application)
        existing = list(
            session.scalars(
                select(ReviewAssignment).join(Application).where(Application.call_id == call_id)
            )
        )
        load = Counter(a.reviewer_id for a in existing)
        apps = session.scalars(
            select(Application)
            .where(Application.call_id == call_id, Application.status == "in_review")
            .order_by(Application.reference)
        )
        for app in apps:
            have = {
                a.reviewer_id
                for a in existing
                if a.application_id == app.id and a.stage == app.stage
            }
            assert app.stage is not None
            candidates = sorted(
                (u for u in pool if u.id not in have),
                key=lambda u: (
                    load[u.id],
                    u.district_id is not None and u.district_id == app.district_id,
                    u.id,
                ),
            )
            for reviewer in candidates[: max(0, per_application - len(have))]:
                session.add(
                    ReviewAssignment(
                        application_id=app.id, reviewer_id=reviewer.id, stage=app.stage
                    )
                )
                notify_assignment(session, app, reviewer, app.stage)
                load[reviewer.id] += 1
                made += 1
        session.flush()
    return made


def set_reviewers(
    actor: Actor, application_id: int, reviewer_ids: list[int], *, url: str | None = None
) -> list[AssignmentInfo]:
    """Staff edit who reviews an application at its current stage (scored reviews stay);
    each reviewer newly assigned is told by mail."""
    require(actor, "call.manage")
    with session_for(actor, write=True, url=url) as session:
        app = _app(session, application_id)
        if app.status != "in_review" or app.stage is None:
            raise InvalidInput("call.err_not_in_review", field="status")
        current = {
            a.reviewer_id: a
            for a in session.scalars(
                select(ReviewAssignment).where(
                    ReviewAssignment.application_id == app.id, ReviewAssignment.stage == app.stage
                )
            )
        }
        wanted = set(reviewer_ids)
        for user_id in wanted - set(current):
            user = session.get(User, user_id)
            if user is None or user.role != "reviewer":
                raise InvalidInput("call.err_not_a_reviewer", field="reviewers")
            session.add(
                ReviewAssignment(application_id=app.id, reviewer_id=user_id, stage=app.stage)
            )
            notify_assignment(session, app, user, app.stage)
        for user_id, assignment in current.items():
            if user_id not in wanted:
                if assignment.submitted_at is not None:
                    raise InvalidInput("call.err_scored_assignment", field="reviewers")
                session.delete(assignment)
        session.flush()
        return _assignments(session, application_id=app.id)


def _assignments(
    session: Session,
    *,
    application_id: int | None = None,
    reviewer_id: int | None = None,
    call_id: int | None = None,
) -> list[AssignmentInfo]:
    query = (
        select(ReviewAssignment, Application, User)
        .join(Application, ReviewAssignment.application_id == Application.id)
        .join(User, ReviewAssignment.reviewer_id == User.id)
    )
    if application_id is not None:
        query = query.where(Application.id == application_id)
    if reviewer_id is not None:
        query = query.where(User.id == reviewer_id)
    if call_id is not None:
        query = query.where(Application.call_id == call_id)
    rows = session.execute(
        query.order_by(Application.reference, ReviewAssignment.stage, User.username)
    )
    return [_assignment_info(a, app, user) for a, app, user in rows]


def call_assignments(actor: Actor, call_id: int, *, url: str | None = None) -> list[AssignmentInfo]:
    require(actor, "call.manage")
    with session_for(actor, url=url) as session:
        return _assignments(session, call_id=call_id)


def my_assignments(actor: Actor, *, url: str | None = None) -> list[AssignmentInfo]:
    require(actor, "call.review")
    with session_for(actor, url=url) as session:
        return _assignments(session, reviewer_id=actor.user_id or -1)


def _own(session: Session, actor: Actor, assignment_id: int) -> ReviewAssignment:
    require(actor, "call.review")
    assignment = session.get(ReviewAssignment, assignment_id)
    if assignment is None or assignment.reviewer_id != actor.user_id:
        raise AccessDenied()
    return assignment


def declare_conflict(
    actor: Actor,
    assignment_id: int,
    *,
    conflict: bool | None,
    note: str = "",
    url: str | None = None,
) -> None:
    """The reviewer's declaration; with a conflict the application stays hidden from them.
    ``conflict`` None (the question left unanswered) is refused: the answer is an act."""
    if conflict is None:
        raise InvalidInput("call.err_answer_conflict", field="conflict")
    with session_for(actor, write=True, url=url) as session:
        assignment = _own(session, actor, assignment_id)
        if assignment.conflict is not None:
            raise InvalidInput("call.err_already_declared", field="conflict")
        if conflict and not note.strip():
            raise InvalidInput("call.err_conflict_note", field="conflict_note")
        assignment.conflict = conflict
        assignment.conflict_note = note.strip()[:2000] or None
        assignment.declared_at = utcnow()


def reviews_without_conflict(session: Session, actor: Actor, application_id: int) -> bool:
    """Whether ``actor`` is a reviewer assigned to the application (at any stage) who declared
    no conflict of interest: it reads what the application carries (its files, the district's
    pre-screen)."""
    if not can(actor, "call.review") or actor.user_id is None:
        return False
    return bool(
        session.scalar(
            select(
                exists().where(
                    ReviewAssignment.application_id == application_id,
                    ReviewAssignment.reviewer_id == actor.user_id,
                    ReviewAssignment.conflict.is_(False),
                )
            )
        )
    )


def application_for_review(
    actor: Actor, assignment_id: int, *, url: str | None = None
) -> ApplicationInfo:
    """The application behind an assignment, once the reviewer declared no conflict."""
    with session_for(actor, url=url) as session:
        assignment = _own(session, actor, assignment_id)
        if assignment.conflict is None:
            raise InvalidInput("call.err_declare_first", field="conflict")
        if assignment.conflict:
            raise AccessDenied()
        return info(_app(session, assignment.application_id))


def score_application(
    actor: Actor,
    assignment_id: int,
    scores: dict[str, tuple[int | None, str]],
    *,
    url: str | None = None,
) -> AssignmentInfo:
    """Record the reviewer's score (0..10) and comment for every criterion of the rubric.
    A criterion left without a score (None) is refused: nothing is scored by default."""
    if any(score is None for score, _ in scores.values()):
        raise InvalidInput("call.err_score_every_criterion", field="scores")
    with session_for(actor, write=True, url=url) as session:
        assignment = _own(session, actor, assignment_id)
        if assignment.conflict is not False:
            raise InvalidInput("call.err_declare_first", field="conflict")
        app = _app(session, assignment.application_id)
        if app.status != "in_review" or app.stage != assignment.stage:
            raise InvalidInput("call.err_stage_closed", field="stage")
        rubric = call_info(app.call).rules.rubric
        if set(scores) != set(rubric):
            raise InvalidInput("call.err_score_every_criterion", field="scores")
        for score, _comment in scores.values():
            if score is None or not 0 <= int(score) <= SCORE_MAX:
                raise InvalidInput("call.err_score_range", field="scores", max=SCORE_MAX)
        assignment.scores.clear()
        session.flush()
        for criterion, (score, comment) in scores.items():
            assert score is not None
            assignment.scores.append(
                ReviewScore(
                    criterion=criterion, score=int(score), comment=comment.strip()[:2000] or None
                )
            )
        assignment.submitted_at = utcnow()
        session.flush()
        reviewer = session.get(User, assignment.reviewer_id)
        assert reviewer is not None
        return _assignment_info(assignment, app, reviewer)


# --- results ----------------------------------------------------------------------------------


def weighted(scores: dict[str, int], rubric: dict[str, float]) -> float:
    """A reviewer's weighted score on the 0..10 scale."""
    total = sum(rubric.values())
    return sum(scores[c] * w for c, w in rubric.items()) / total


def stage_results(
    actor: Actor, call_id: int, stage: str, *, url: str | None = None
) -> pd.DataFrame:
    """One row per application reviewed at ``stage``: each reviewer's weighted score, the
    mean, the spread (highest minus lowest, to spot disagreement), reviews done and rank."""
    require(actor, "call.manage")
    with session_for(actor, url=url) as session:
        rubric = call_info(call_row(session, call_id)).rules.rubric
        rows = session.execute(
            select(ReviewAssignment, Application, User)
            .join(Application, ReviewAssignment.application_id == Application.id)
            .join(User, ReviewAssignment.reviewer_id == User.id)
            .where(Application.call_id == call_id, ReviewAssignment.stage == stage)
            .order_by(Application.reference, User.username)
        ).all()
        records: dict[int, dict[str, object]] = {}
        for assignment, app, user in rows:
            record = records.setdefault(
                app.id,
                {"application_id": app.id, "reference": app.reference, "village_name": app.village_name,
                 "status": app.status, "assigned": 0, "scored": 0, "per_reviewer": {}},
            )  # fmt: skip
            record["assigned"] = int(str(record["assigned"])) + 1
            if assignment.submitted_at is not None and assignment.scores:
                per = {s.criterion: s.score for s in assignment.scores}
                record["scored"] = int(str(record["scored"])) + 1
                per_reviewer = record["per_reviewer"]
                assert isinstance(per_reviewer, dict)
                per_reviewer[user.username] = round(weighted(per, rubric), 2)
    out = []
    for record in records.values():
        per_reviewer = record.pop("per_reviewer")
        assert isinstance(per_reviewer, dict)
        values = list(per_reviewer.values())
        record["scores"] = ", ".join(f"{k} {v:.1f}" for k, v in per_reviewer.items())
        record["mean"] = round(sum(values) / len(values), 2) if values else None
        record["spread"] = round(max(values) - min(values), 2) if len(values) > 1 else None
        out.append(record)
    frame = pd.DataFrame(
        out,
        columns=[
            "application_id",
            "reference",
            "village_name",
            "status",
            "assigned",
            "scored",
            "scores",
            "mean",
            "spread",
        ],
    )
    frame["rank"] = frame["mean"].rank(ascending=False, method="min").astype("Int64")
    return frame.sort_values(["rank", "reference"], na_position="last").reset_index(drop=True)


def review_progress(actor: Actor, call_id: int, *, url: str | None = None) -> tuple[int, int]:
    """(assignments scored, assignments made) in the call."""
    done = call_assignments(actor, call_id, url=url)
    return sum(1 for a in done if a.submitted), len(done)
