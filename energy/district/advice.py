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

This module holds the writes; what the screens read is in :mod:`energy.district.advice_threads`
and the mail in :mod:`energy.district.advice_mail`, both named here as well, so that the
capability has one way in.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from energy.call.applications import ApplicationInfo, info
from energy.call.calls import call_info
from energy.core.access import Actor, can, require, require_district
from energy.core.errors import AccessDenied, InvalidInput, NotFound
from energy.core.i18n import SEOUL
from energy.core.vocabulary import ADVICE_FIELDS, ADVICE_SECTIONS
from energy.district.advice_mail import (
    ASKED_KIND,
    GIVEN_KIND,
    REPLIED_KIND,
    notify_group,
    notify_officers,
    notify_officers_of_reply,
)
from energy.district.advice_threads import (
    AdviceAsk,
    AdviceMessage,
    AdviceThread,
    AdvisedApplication,
    Suggestion,
    advice_for_group,
    advice_thread,
    advice_threads,
    application_row,
    district_application,
    district_applications,
    is_owner,
    message_of,
    open_request,
    require_draft,
    require_open,
    require_owner,
    thread_of,
)
from energy.store.db import session_for
from energy.store.models.advice import AdviceEntry, AdviceRequest
from energy.store.models.base import utcnow
from energy.store.models.call import Application

# The capability's one way in: its writes, and what its screens read and the mail it sends.
__all__ = [
    "ASKED_KIND",
    "GIVEN_KIND",
    "REPLIED_KIND",
    "AdviceAsk",
    "AdviceMessage",
    "AdviceThread",
    "AdvisedApplication",
    "Suggestion",
    "accept_suggestion",
    "advice_for_group",
    "advice_thread",
    "advice_threads",
    "advise",
    "ask_for_advice",
    "clean_suggestion",
    "close_advice",
    "district_application",
    "district_applications",
    "reply_to_advice",
]

MAX_BODY = 2000  # characters of one message
MAX_NOTE = 1000  # characters of the group's question when it asks
# The longest value a suggestion may carry for a text field (as the application form allows).
TEXT_FIELD_LIMITS = {"group_name": 120, "village_name": 120, "actions_other": 200, "plan": 5000}
HOUSEHOLDS_MAX = 5000  # as the form's household fields
AMOUNT_MAX = 1_000_000_000  # a budget line, as the form's money fields


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
        app = application_row(session, application_id)
        if not (is_owner(actor, app) or (can(actor, "call.manage") and app.owner_id is None)):
            raise AccessDenied()
        require_draft(app)
        if app.district_id is None:
            raise InvalidInput("advice.err_no_district", field="district")
        if open_request(session, app) is not None:
            raise InvalidInput("advice.err_already_asked", field="advice")
        session.add(
            AdviceRequest(application_id=app.id, asked_by=actor.audit_name, note=question or None)
        )
        session.flush()
        notify_officers(session, app, question)
        return thread_of(session, app)


def close_advice(actor: Actor, application_id: int, *, url: str | None = None) -> AdviceThread:
    """The advice is done: said by the group or by its district's officer. The thread stays;
    the group may ask again later."""
    with session_for(actor, write=True, url=url) as session:
        app = application_row(session, application_id)
        if not is_owner(actor, app):
            require(actor, "call.advise")
            require_district(actor, app.district_id)
        request = require_open(session, app)
        request.closed_at = utcnow()
        request.closed_by = actor.audit_name
        session.flush()
        return thread_of(session, app)


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
    require_open(session, app)
    entry.application_id, entry.author_id = app.id, actor.user_id
    session.add(entry)
    session.flush()
    return message_of(entry, actor.display_name or actor.username)


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
        app = application_row(session, application_id)
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
        notify_group(session, app)
        return written


def reply_to_advice(
    actor: Actor, application_id: int, *, section: str, body: str, url: str | None = None
) -> AdviceMessage:
    """The group answers in one section of its own draft's thread (while it is open); the
    district's officers are told by mail (once a day, however many replies)."""
    text = _clean_body(section, body)
    with session_for(actor, write=True, url=url) as session:
        app = application_row(session, application_id)
        require_owner(actor, app)
        entry = AdviceEntry(section=section, author_role="applicant", body=text)
        written = _write(session, actor, app, entry)
        notify_officers_of_reply(session, app)
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
        app = application_row(session, entry.application_id)
        require_owner(actor, app)
        require_draft(app)
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
