"""Advice before applying, told by mail (issue 27): the district's officers when a group asks
or replies, the group when its officer comments; each message in the recipient's language,
queued in the change's own transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.core.i18n import SEOUL
from energy.mail.compose import compose, page_link, para, recipient_for
from energy.mail.outbox import enqueue
from energy.store.models.accounts import User
from energy.store.models.call import Application

# The mail this sends: the officers of the district when a group asks or replies, the group
# when its officer comments (one message a day per application, however many comments).
ASKED_KIND = "advice_asked"
GIVEN_KIND = "advice_given"
REPLIED_KIND = "advice_replied"


def _officers(session: Session, app: Application) -> list[User]:
    """The officers of ``app``'s district, who read and answer its advice."""
    return list(
        session.scalars(
            select(User)
            .where(User.role == "district", User.district_id == app.district_id)
            .order_by(User.id)
        )
    )


def notify_officers_of_reply(session: Session, app: Application) -> None:
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


def notify_officers(session: Session, app: Application, question: str) -> None:
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


def notify_group(session: Session, app: Application) -> None:
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
