"""Advice before applying (issue 27): a group asks its district office for advice on its
draft; the district's officer reads the draft, comments on each section of the form and may
suggest a value for a field; the group replies, takes a suggestion with one click or leaves
it, and revises. The thread stays with the application, read-only once it is submitted.

Who may do what (every rule here, whatever the screens offer):

- *asking*: the application's owner (a resident group's account), or staff for a paper
  application, on a draft that names its district; one open request at a time. Asking is
  optional: nothing else in the call depends on it.
- *commenting and suggesting*: an officer of the application's district, on a draft whose
  request is open. Another district's officer is refused, whatever id it tries.
- *replying and accepting*: the owner, on its own draft.
- *reading*: the owner; an officer of the district, for its drafts that asked and anything
  submitted in its district; staff; a reviewer, for an application assigned to them once
  they declared no conflict. A committee, a trainer or the town hall reads none of it.

Nothing is written once the application has left the draft (submitted, decided, withdrawn).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from energy.call.applications import ApplicationInfo, info
from energy.call.calls import call_info
from energy.core.access import Actor, can, require, require_district
from energy.core.errors import AccessDenied, InvalidInput, NotFound
from energy.core.i18n import SEOUL
from energy.core.vocabulary import ADVICE_FIELDS, ADVICE_SECTIONS
from energy.mail.compose import compose, page_link, para, recipient_for
from energy.mail.outbox import enqueue
from energy.store.db import session_for
from energy.store.models.accounts import User
from energy.store.models.advice import AdviceEntry, AdviceRequest
from energy.store.models.base import utcnow
from energy.store.models.call import Application, ReviewAssignment

MAX_BODY = 2000  # characters of one message
MAX_NOTE = 1000  # characters of the group's question when it asks
# The longest value a suggestion may carry for a text field (as the application form allows).
TEXT_FIELD_LIMITS = {"group_name": 120, "village_name": 120, "actions_other": 200, "plan": 5000}
HOUSEHOLDS_MAX = 5000  # as the form's household fields
AMOUNT_MAX = 1_000_000_000  # a budget line, as the form's money fields

# The mail this sends: the officers of the district when a group asks, the group when its
# officer comments (one message a day per application, however many comments).
ASKED_KIND = "advice_asked"
GIVEN_KIND = "advice_given"
REPLIED_KIND = "advice_replied"


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


def _application(session: Session, application_id: int) -> Application:
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


def _is_owner(actor: Actor, app: Application) -> bool:
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
    if _is_owner(actor, app) or _is_staff(actor):
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


def _require_owner(actor: Actor, app: Application) -> None:
    require(actor, "call.apply")
    if not _is_owner(actor, app):
        raise AccessDenied()


def _open_request(session: Session, app: Application) -> AdviceRequest | None:
    return session.scalar(
        select(AdviceRequest)
        .where(AdviceRequest.application_id == app.id, AdviceRequest.closed_at.is_(None))
        .order_by(AdviceRequest.id.desc())
        .limit(1)
    )


def _require_draft(app: Application) -> None:
    if app.status != "draft":
        raise InvalidInput("advice.err_not_draft", field="status")


def _require_open(session: Session, app: Application) -> AdviceRequest:
    _require_draft(app)
    request = _open_request(session, app)
    if request is None:
        raise InvalidInput("advice.err_not_asked", field="advice")
    return request


# --- reading ---------------------------------------------------------------------------------


def _thread(session: Session, app: Application) -> AdviceThread:
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
        messages=tuple(_message(entry, name) for entry, name in rows),
    )


def _message(entry: AdviceEntry, author: str) -> AdviceMessage:
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
        app = _application(session, application_id)
        _require_reader(session, actor, app)
        return _thread(session, app)


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
        return {i: _thread(session, _application(session, i)) for i in sorted(having)}


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
        return [AdvisedApplication(info(a), _thread(session, a)) for a in session.scalars(query)]


def district_application(
    actor: Actor, application_id: int, *, url: str | None = None
) -> ApplicationInfo:
    """One application as its district's officer reads it (read-only)."""
    require(actor, "call.advise")
    with session_for(actor, url=url) as session:
        app = _application(session, application_id)
        if not _officer_sees(session, actor, app):
            raise AccessDenied()
        return info(app)


# --- writing ---------------------------------------------------------------------------------


def _clean_text(value: str, field: str, limit: int) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise InvalidInput("error.too_long", field=field, n=limit)
    return text


def ask_for_advice(
    actor: Actor, application_id: int, *, note: str = "", url: str | None = None
) -> AdviceThread:
    """The group (or staff, for a paper application) asks its district for advice on a
    draft; the district's officers are told by mail."""
    require(actor, "call.apply")
    question = _clean_text(note, "advice_note", MAX_NOTE)
    with session_for(actor, write=True, url=url) as session:
        app = _application(session, application_id)
        if not (_is_owner(actor, app) or (can(actor, "call.manage") and app.owner_id is None)):
            raise AccessDenied()
        _require_draft(app)
        if app.district_id is None:
            raise InvalidInput("advice.err_no_district", field="district")
        if _open_request(session, app) is not None:
            raise InvalidInput("advice.err_already_asked", field="advice")
        session.add(
            AdviceRequest(application_id=app.id, asked_by=actor.audit_name, note=question or None)
        )
        session.flush()
        _notify_officers(session, app, question)
        return _thread(session, app)


def close_advice(actor: Actor, application_id: int, *, url: str | None = None) -> AdviceThread:
    """The advice is done: said by the group or by its district's officer. The thread stays;
    the group may ask again later."""
    with session_for(actor, write=True, url=url) as session:
        app = _application(session, application_id)
        if not _is_owner(actor, app):
            require(actor, "call.advise")
            require_district(actor, app.district_id)
        request = _require_open(session, app)
        request.closed_at = utcnow()
        request.closed_by = actor.audit_name
        session.flush()
        return _thread(session, app)


def clean_suggestion(field: str, value: str) -> str:
    """The suggested ``value`` for ``field`` as it is stored, or :class:`InvalidInput`."""
    if field not in ADVICE_FIELDS:
        raise InvalidInput("advice.err_field", field="suggested_field")
    text = (value or "").strip()
    if not text:
        raise InvalidInput("advice.err_value_empty", field="suggested_value")
    if field in TEXT_FIELD_LIMITS:
        return _clean_text(text, "suggested_value", TEXT_FIELD_LIMITS[field])
    plain = text.replace(",", "").replace(" ", "").removesuffix("%").removesuffix("원")
    try:
        number = float(plain)
    except ValueError:
        raise InvalidInput("advice.err_value_number", field="suggested_value") from None
    if field == "target_saving_pct":
        if not 0 < number <= 100:
            raise InvalidInput("call.err_target_range", field="suggested_value")
        return f"{number:g}"
    ceiling = AMOUNT_MAX if field.startswith("budget.") else HOUSEHOLDS_MAX
    if number != int(number) or not 0 <= number <= ceiling:
        raise InvalidInput("advice.err_value_range", field="suggested_value", max=f"{ceiling:,}")
    return str(int(number))


def _clean_body(section: str, body: str) -> str:
    if section not in ADVICE_SECTIONS:
        raise InvalidInput("advice.err_section", field="section")
    text = _clean_text(body, "advice_body", MAX_BODY)
    if not text:
        raise InvalidInput("advice.err_body_empty", field="advice_body")
    return text


def _write(session: Session, actor: Actor, app: Application, entry: AdviceEntry) -> AdviceMessage:
    """Add ``entry`` (by ``actor``) to ``app``'s open thread."""
    if actor.user_id is None:  # the command line writes no advice
        raise AccessDenied()
    _require_open(session, app)
    entry.application_id, entry.author_id = app.id, actor.user_id
    session.add(entry)
    session.flush()
    return _message(entry, actor.display_name or actor.username)


def advise(
    actor: Actor,
    application_id: int,
    *,
    section: str,
    body: str,
    suggested_field: str | None = None,
    suggested_value: str | None = None,
    url: str | None = None,
) -> AdviceMessage:
    """The district's officer comments on one section of a draft that asked, and may suggest
    a value for one of its fields. The group hears of it by mail (once a day at most)."""
    require(actor, "call.advise")
    text = _clean_body(section, body)
    value = None
    if suggested_field:
        value = clean_suggestion(suggested_field, suggested_value or "")
        if ADVICE_FIELDS[suggested_field] != section:
            raise InvalidInput("advice.err_field_section", field="suggested_field")
    with session_for(actor, write=True, url=url) as session:
        app = _application(session, application_id)
        require_district(actor, app.district_id)
        written = _write(
            session,
            actor,
            app,
            AdviceEntry(
                section=section,
                author_role="district",
                body=text,
                suggested_field=suggested_field or None,
                suggested_value=value,
            ),
        )
        _notify_group(session, app)
        return written


def reply_to_advice(
    actor: Actor, application_id: int, *, section: str, body: str, url: str | None = None
) -> AdviceMessage:
    """The group answers in one section of its own draft's thread (while it is open); the
    district's officers are told by mail (once a day, however many replies)."""
    text = _clean_body(section, body)
    with session_for(actor, write=True, url=url) as session:
        app = _application(session, application_id)
        _require_owner(actor, app)
        entry = AdviceEntry(section=section, author_role="applicant", body=text)
        written = _write(session, actor, app, entry)
        _notify_officers_of_reply(session, app)
        return written


def accept_suggestion(
    actor: Actor, advice_id: int, *, today: dt.date | None = None, url: str | None = None
) -> ApplicationInfo:
    """The group takes the officer's suggested value into its draft, in one step (audited as
    a change of the application), while the draft can still be edited (the call open)."""
    today = today or dt.datetime.now(SEOUL).date()
    with session_for(actor, write=True, url=url) as session:
        entry = session.get(AdviceEntry, advice_id)
        if entry is None:
            raise NotFound("advice.err_unknown", id=str(advice_id))
        app = _application(session, entry.application_id)
        _require_owner(actor, app)
        _require_draft(app)
        call = call_info(app.call)
        if not call.is_open(today):
            raise InvalidInput(
                "call.err_not_open",
                field="call",
                opens=call.opens_on.isoformat(),
                closes=call.closes_on.isoformat(),
            )
        if entry.suggested_field is None or entry.suggested_value is None:
            raise InvalidInput("advice.err_no_suggestion", field="advice")
        if entry.accepted_at is not None:
            raise InvalidInput("advice.err_already_accepted", field="advice")
        _take(
            app,
            entry.suggested_field,
            clean_suggestion(entry.suggested_field, entry.suggested_value),
        )
        entry.accepted_at = utcnow()
        session.flush()
        session.refresh(app)
        return info(app)


def _take(app: Application, field: str, value: str) -> None:
    """Write the suggested ``value`` (cleaned) into the draft's ``field``."""
    if field.startswith("budget."):
        line = field.removeprefix("budget.")
        budget = {k: int(v) for k, v in (app.budget or {}).items() if k != line}
        if int(value):
            budget[line] = int(value)
        app.budget = budget  # a new dict: the JSON column sees the change
    elif field == "target_saving_pct":
        app.target_saving_pct = float(value)
    elif field in ("households_detached", "households_apartment"):
        setattr(app, field, int(value))
    elif field == "village_name" and app.village_id is not None:
        raise InvalidInput("advice.err_renewal_name", field="village_name")
    elif field in ("plan", "actions_other"):
        setattr(app, field, value or None)
    else:
        setattr(app, field, value)


# --- mail ------------------------------------------------------------------------------------


def _officers(session: Session, app: Application) -> list[User]:
    """The officers of ``app``'s district, who read and answer its advice."""
    return list(
        session.scalars(
            select(User)
            .where(User.role == "district", User.district_id == app.district_id)
            .order_by(User.id)
        )
    )


def _notify_officers_of_reply(session: Session, app: Application) -> None:
    """Tell the district's officers that the group answered on ``app`` (once a day)."""
    group = app.group_name or app.village_name or app.reference
    day = dt.datetime.now(SEOUL).date().isoformat()
    for officer in _officers(session, app):
        to = recipient_for(officer, REPLIED_KIND)
        if to is None:
            continue
        enqueue(
            session,
            compose(
                REPLIED_KIND,
                to,
                subject=para("advice.mail_replied_subject", group=group, reference=app.reference),
                body=[para("advice.mail_replied_body", group=group, reference=app.reference)],
                link=("advice.mail_open_draft", page_link("advice", application=app.reference)),
                dedupe_key=f"{REPLIED_KIND}:{app.id}:{officer.id}:{day}",
            ),
        )


def _notify_officers(session: Session, app: Application, question: str) -> None:
    """Tell the district's officers that a group asks for advice on ``app``."""
    group = app.group_name or app.village_name or app.reference
    for officer in _officers(session, app):
        to = recipient_for(officer, ASKED_KIND)
        if to is None:
            continue
        body = [para("advice.mail_asked_body", group=group, reference=app.reference)]
        if question:
            body.append(para("advice.mail_asked_note", note=question))
        enqueue(
            session,
            compose(
                ASKED_KIND,
                to,
                subject=para("advice.mail_asked_subject", group=group, reference=app.reference),
                body=body,
                link=("advice.mail_open_draft", page_link("advice", application=app.reference)),
            ),
        )


def _notify_group(session: Session, app: Application) -> None:
    """Tell the group its district commented on ``app`` (once a day, however many comments)."""
    owner = session.get(User, app.owner_id) if app.owner_id is not None else None
    to = recipient_for(owner, GIVEN_KIND)
    if to is None:
        return
    day = dt.datetime.now(SEOUL).date().isoformat()
    enqueue(
        session,
        compose(
            GIVEN_KIND,
            to,
            subject=para("advice.mail_given_subject", reference=app.reference),
            body=[para("advice.mail_given_body", reference=app.reference)],
            link=("advice.mail_open_application", page_link("apply", application=app.reference)),
            dedupe_key=f"{GIVEN_KIND}:{app.id}:{day}",
        ),
    )
