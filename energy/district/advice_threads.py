"""Advice before applying, read (issue 27): a thread as the screens show it, who may read it
(the rules in :mod:`energy.district.advice`'s docstring), and the checks its writes share:
the application's owner, a draft, an open request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from energy.call.applications import ApplicationInfo, info
from energy.core.access import Actor, can, require, require_district
from energy.core.errors import AccessDenied, InvalidInput, NotFound
from energy.core.vocabulary import ADVICE_FIELDS
from energy.store.db import session_for
from energy.store.models.accounts import User
from energy.store.models.advice import AdviceEntry, AdviceRequest
from energy.store.models.call import Application, ReviewAssignment


@dataclass(frozen=True)
class Suggestion:
    """A value the officer suggests for one field of the form (``ADVICE_FIELDS``), as text:
    a number for a count, a percentage or an amount of won."""

    field: str
    value: str
    accepted_at: dt.datetime | None

    @property
    def section(self) -> str:
        return ADVICE_FIELDS[self.field]


@dataclass(frozen=True)
class AdviceMessage:
    id: int
    section: str
    author_role: str  # "district" or "applicant"
    author: str  # the account's display name
    body: str
    created_at: dt.datetime
    suggestion: Suggestion | None


@dataclass(frozen=True)
class AdviceAsk:
    """One request for advice: when and by whom, the group's question, when it was done."""

    id: int
    asked_at: dt.datetime
    asked_by: str
    note: str
    closed_at: dt.datetime | None
    closed_by: str | None


@dataclass(frozen=True)
class AdviceThread:
    """Everything an application's advice holds, oldest first."""

    application_id: int
    reference: str
    status: str
    district_id: int | None
    requests: tuple[AdviceAsk, ...]
    messages: tuple[AdviceMessage, ...]

    @property
    def asked(self) -> bool:
        return bool(self.requests)

    @property
    def open(self) -> bool:
        """A request is open and the application still a draft: the thread takes messages."""
        return (
            self.status == "draft" and bool(self.requests) and self.requests[-1].closed_at is None
        )

    @property
    def given(self) -> bool:
        """The district office has written something (the badge staff and reviewers see)."""
        return any(m.author_role == "district" for m in self.messages)

    @property
    def waiting(self) -> bool:
        """Open, and the office has not answered the group's latest word (or said anything)."""
        if not self.open:
            return False
        return not self.messages or self.messages[-1].author_role == "applicant"

    def in_section(self, section: str) -> list[AdviceMessage]:
        return [m for m in self.messages if m.section == section]

    def count(self, author_role: str) -> int:
        return sum(1 for m in self.messages if m.author_role == author_role)


@dataclass(frozen=True)
class AdvisedApplication:
    """An application of the officer's district with its advice: a draft that asked, or
    anything submitted."""

    application: ApplicationInfo
    thread: AdviceThread


# --- who may ---------------------------------------------------------------------------------


def advice_for_group(actor: Actor) -> bool:
    """Whether ``actor``'s own drafts may ask for advice: a group's account (not staff, who
    enter paper applications, and not a committee renewing its own village)."""
    return can(actor, "call.apply") and actor.role != "committee" and not can(actor, "call.manage")


def application_row(session: Session, application_id: int) -> Application:
    app = session.get(Application, application_id)
    if app is None:
        raise NotFound("call.err_unknown_application", ref=str(application_id))
    return app


def _asked(session: Session, application_id: int) -> bool:
    return (
        session.scalar(
            select(AdviceRequest.id).where(AdviceRequest.application_id == application_id).limit(1)
        )
        is not None
    )


def is_owner(actor: Actor, app: Application) -> bool:
    """The group's own account (a committee renewing reads no advice: none is asked there)."""
    return (
        actor.role != "committee"
        and can(actor, "call.apply")
        and app.owner_id is not None
        and app.owner_id == actor.user_id
    )


def _is_staff(actor: Actor) -> bool:
    return can(actor, "call.manage") and can(actor, "call.advice.read")


def _officer_sees(session: Session, actor: Actor, app: Application) -> bool:
    """An officer of ``app``'s district, for a draft that asked or anything submitted (the
    drafts that never asked are the group's own business)."""
    require(actor, "call.advise")
    require_district(actor, app.district_id)
    return app.submitted_at is not None or _asked(session, app.id)


def _reviewer_sees(session: Session, actor: Actor, app: Application) -> bool:
    """A reviewer assigned to ``app`` (at any stage) who declared no conflict."""
    return (
        session.scalar(
            select(ReviewAssignment.id)
            .where(
                ReviewAssignment.application_id == app.id,
                ReviewAssignment.reviewer_id == (actor.user_id or -1),
                ReviewAssignment.conflict.is_(False),
            )
            .limit(1)
        )
        is not None
    )


def _require_reader(session: Session, actor: Actor, app: Application) -> None:
    if is_owner(actor, app) or _is_staff(actor):
        return
    if can(actor, "call.advise"):
        seen = _officer_sees(session, actor, app)
    else:
        seen = (
            can(actor, "call.advice.read")
            and can(actor, "call.review")
            and _reviewer_sees(session, actor, app)
        )
    if not seen:
        raise AccessDenied()


def require_owner(actor: Actor, app: Application) -> None:
    require(actor, "call.apply")
    if not is_owner(actor, app):
        raise AccessDenied()


def open_request(session: Session, app: Application) -> AdviceRequest | None:
    return session.scalar(
        select(AdviceRequest)
        .where(AdviceRequest.application_id == app.id, AdviceRequest.closed_at.is_(None))
        .order_by(AdviceRequest.id.desc())
        .limit(1)
    )


def require_draft(app: Application) -> None:
    if app.status != "draft":
        raise InvalidInput("advice.err_not_draft", field="status")


def require_open(session: Session, app: Application) -> AdviceRequest:
    require_draft(app)
    request = open_request(session, app)
    if request is None:
        raise InvalidInput("advice.err_not_asked", field="advice")
    return request


# --- reading ---------------------------------------------------------------------------------


def thread_of(session: Session, app: Application) -> AdviceThread:
    requests = session.scalars(
        select(AdviceRequest)
        .where(AdviceRequest.application_id == app.id)
        .order_by(AdviceRequest.asked_at, AdviceRequest.id)
    )
    rows = session.execute(
        select(AdviceEntry, User.display_name)
        .join(User, AdviceEntry.author_id == User.id)
        .where(AdviceEntry.application_id == app.id)
        .order_by(AdviceEntry.created_at, AdviceEntry.id)
    )
    return AdviceThread(
        application_id=app.id,
        reference=app.reference,
        status=app.status,
        district_id=app.district_id,
        requests=tuple(
            AdviceAsk(r.id, r.asked_at, r.asked_by, r.note or "", r.closed_at, r.closed_by)
            for r in requests
        ),
        messages=tuple(message_of(entry, name) for entry, name in rows),
    )


def message_of(entry: AdviceEntry, author: str) -> AdviceMessage:
    suggestion = None
    if entry.suggested_field is not None and entry.suggested_value is not None:
        suggestion = Suggestion(entry.suggested_field, entry.suggested_value, entry.accepted_at)
    return AdviceMessage(
        id=entry.id,
        section=entry.section,
        author_role=entry.author_role,
        author=author,
        body=entry.body,
        created_at=entry.created_at,
        suggestion=suggestion,
    )


def advice_thread(actor: Actor, application_id: int, *, url: str | None = None) -> AdviceThread:
    """The advice of one application, for whoever may read it (see the module's rules)."""
    with session_for(actor, url=url) as session:
        app = application_row(session, application_id)
        _require_reader(session, actor, app)
        return thread_of(session, app)


def advice_threads(
    actor: Actor, application_ids: Iterable[int], *, url: str | None = None
) -> dict[int, AdviceThread]:
    """Staff: the advice of several applications at once (a call's table), those that have
    any (asked or written); the others are left out."""
    if not _is_staff(actor):
        raise AccessDenied()
    ids = sorted(set(application_ids))
    with session_for(actor, url=url) as session:
        having = set(
            session.scalars(
                select(AdviceRequest.application_id).where(AdviceRequest.application_id.in_(ids))
            )
        ) | set(
            session.scalars(
                select(AdviceEntry.application_id).where(AdviceEntry.application_id.in_(ids))
            )
        )
        return {i: thread_of(session, application_row(session, i)) for i in sorted(having)}


def district_applications(actor: Actor, *, url: str | None = None) -> list[AdvisedApplication]:
    """A district officer's applications: its district's drafts that asked for advice and
    everything submitted in its district, newest call first."""
    require(actor, "call.advise")
    if actor.district_id is None:
        raise AccessDenied()
    asked = select(AdviceRequest.application_id)
    query = (
        select(Application)
        .where(
            Application.district_id == actor.district_id,
            or_(Application.submitted_at.is_not(None), Application.id.in_(asked)),
        )
        .order_by(Application.call_id.desc(), Application.reference)
    )
    with session_for(actor, url=url) as session:
        return [AdvisedApplication(info(a), thread_of(session, a)) for a in session.scalars(query)]


def district_application(
    actor: Actor, application_id: int, *, url: str | None = None
) -> ApplicationInfo:
    """One application as its district's officer reads it (read-only)."""
    require(actor, "call.advise")
    with session_for(actor, url=url) as session:
        app = application_row(session, application_id)
        if not _officer_sees(session, actor, app):
            raise AccessDenied()
        return info(app)


# --- writing ---------------------------------------------------------------------------------
