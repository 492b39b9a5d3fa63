"""The mail the annual call sends, queued in the transaction of the change that causes it.

- ``assignment``: a reviewer newly assigned to an application at a stage. The reference, the
  call and the stage only: the review page shows the village once the reviewer has declared
  no conflict of interest, and so does the message.
- ``receipt``: the account that owns an application, when it is submitted.
- ``decision``: the owner, when the application is selected, wait-listed or rejected, with
  the decision letter attached as a PDF in the owner's language.
- ``instalment``: when a grant is paid, the application's owner and the village's committee
  accounts (those who see the grant on their applications page).

None of these kinds can be turned off (``OPTIONAL_MAIL_KINDS``); a person without an
address, or disabled, gets none (:func:`energy.mail.compose.recipient_for`). A paper
application (no owner account) is answered on paper. Each function takes the rows the
change holds and the session it writes with (:func:`energy.mail.outbox.enqueue`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.call.letters import letter_pdf, letter_text
from energy.core.i18n import SEOUL, format_date, format_datetime, format_krw, translate
from energy.mail.compose import Recipient, compose, page_link, para, recipient_for
from energy.mail.outbox import Attachment, enqueue
from energy.store.models.accounts import User
from energy.store.models.call import Application, Grant, Instalment

ASSIGNMENT = "assignment"
RECEIPT = "receipt"
DECISION = "decision"
INSTALMENT = "instalment"


def seoul_today() -> dt.date:
    """Today on the city's clock: the date a letter carries."""
    return dt.datetime.now(SEOUL).date()


def _application_link(app: Application) -> str:
    """The applicant's page with this application opened (pages/apply.py reads the query)."""
    return page_link("apply", application=app.reference)


def _owner(session: Session, app: Application, kind: str) -> Recipient | None:
    owner = session.get(User, app.owner_id) if app.owner_id is not None else None
    return recipient_for(owner, kind)


def notify_assignment(session: Session, app: Application, reviewer: User, stage: str) -> None:
    """Tell ``reviewer`` that ``app`` waits for their review at ``stage``."""
    to = recipient_for(reviewer, ASSIGNMENT)
    if to is None:
        return
    stage_name = translate(f"stage_name.{stage}", to.language)
    enqueue(
        session,
        compose(
            ASSIGNMENT,
            to,
            subject=para("mail_call.assignment_subject", reference=app.reference),
            body=[
                para(
                    "mail_call.assignment_body",
                    reference=app.reference,
                    call=app.call.title,
                    stage=stage_name,
                ),
                para("mail_call.assignment_conflict"),
            ],
            link=("mail_call.assignment_link", page_link("review", application=app.reference)),
        ),
    )


def notify_receipt(session: Session, app: Application) -> None:
    """Tell the owner of ``app`` (just submitted) that it arrived and what comes next."""
    to = _owner(session, app, RECEIPT)
    if to is None:
        return
    enqueue(
        session,
        compose(
            RECEIPT,
            to,
            subject=para("mail_call.receipt_subject", reference=app.reference),
            body=[
                para(
                    "mail_call.receipt_body",
                    group=app.group_name or app.village_name,
                    call=app.call.title,
                    when=format_datetime(app.submitted_at, to.language),
                    reference=app.reference,
                ),
                para("mail_call.receipt_next"),
            ],
            link=("mail_call.open_application", _application_link(app)),
        ),
    )


def notify_decision(session: Session, app: Application, *, today: dt.date) -> None:
    """Tell the owner of ``app`` (just decided) the decision, the letter attached."""
    to = _owner(session, app, DECISION)
    if to is None:
        return
    lang = to.language
    facts = {
        "reference": app.reference,
        "village": app.village_name or app.group_name,
        "call": app.call.title,
        "award": format_krw(app.award_krw, lang),
    }
    body = [para(f"mail_call.decision_{app.status}", **facts)]
    if app.status == "selected":
        body.append(para("mail_call.decision_instalments"))
    body.append(para("mail_call.decision_letter"))
    letter = letter_pdf(letter_text(app, lang, today=today))
    enqueue(
        session,
        compose(
            DECISION,
            to,
            subject=para(
                "mail_call.decision_subject",
                reference=app.reference,
                decision=translate(f"app_status.{app.status}", lang),
            ),
            body=body,
            link=("mail_call.read_letter", _application_link(app)),
            attachments=[
                Attachment(f"letter-{app.reference}-{lang}.pdf", "application/pdf", letter)
            ],
        ),
    )


def instalment_recipients(session: Session, grant: Grant) -> list[Recipient]:
    """Who hears of a grant's payments: the owner of the application that won it, and the
    committee accounts of its village (each person once)."""
    app = session.get(Application, grant.application_id)
    people: dict[int, User] = {}
    if app is not None and app.owner_id is not None:
        owner = session.get(User, app.owner_id)
        if owner is not None:
            people[owner.id] = owner
    committee = session.scalars(
        select(User)
        .where(User.role == "committee", User.village_id == grant.village_id)
        .order_by(User.id)
    )
    for user in committee:
        people.setdefault(user.id, user)
    found = (recipient_for(user, INSTALMENT) for user in people.values())
    return [to for to in found if to is not None]


def notify_instalment(
    session: Session, grant: Grant, instalment: Instalment, *, number: int, paid_krw: int
) -> None:
    """Tell the village's people that ``instalment`` (the grant's ``number``-th) was paid:
    how much, how much of the award is paid (``paid_krw`` with it) and left, and what the
    money comes with."""
    recipients = instalment_recipients(session, grant)
    if not recipients:
        return
    app = session.get(Application, grant.application_id)
    village = grant.village.name
    for to in recipients:
        lang = to.language
        body = [
            para(
                "mail_call.instalment_body",
                n=number,
                village=village,
                call=grant.call.title,
                amount=format_krw(instalment.amount_krw, lang),
                date=format_date(instalment.paid_on, lang),
            ),
            para(
                "mail_call.instalment_total",
                award=format_krw(grant.award_krw, lang),
                paid=format_krw(paid_krw, lang),
                left=format_krw(grant.award_krw - paid_krw, lang),
            ),
        ]
        if instalment.note:
            body.append(para("mail_call.instalment_note", note=instalment.note))
        body.append(para("mail_call.instalment_conditions"))
        link = _application_link(app) if app is not None else page_link("apply")
        enqueue(
            session,
            compose(
                INSTALMENT,
                to,
                subject=para("mail_call.instalment_subject", village=village, n=number),
                body=body,
                link=("mail_call.open_grants", link),
            ),
        )
