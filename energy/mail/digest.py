"""Staff's daily digest of what waits for them (``python -m energy digest [--date DAY]``).

What waits for staff on a day, each with a count and its most urgent items first:

- ``applications``: applications submitted and not yet taken into review (oldest first);
- ``unassigned``: applications in review with no reviewer for their current stage;
- ``reviews``: reviews at an application's current stage not scored yet (a reviewer who
  declared a conflict of interest is not waited for);
- ``grants_to_pay``: grants whose instalments do not yet add up to the award (oldest call first);
- ``reports_missing``: grants of a call of an earlier year with no spending report;
- ``readings``: active villages lacking readings for the previous month
  (:mod:`energy.readings.reporting`, the reminder's notion; most households missing first);
- ``attendance``: training sessions of the last :data:`ATTENDANCE_DAYS` days with no
  attendance recorded.

Each active staff account (role ``admin``) with an address that has not turned ``digest`` off
gets one message a day in its own language, once (the outbox's ``dedupe_key``: person and
day); nothing is sent when nothing waits. Staff may see everything named here; an item is
named by its reference or code and the village's name, no more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from energy.calc.metrics import add_months, first_of_month
from energy.core.access import Actor, require
from energy.core.i18n import SEOUL, format_date, format_krw, format_month, translate
from energy.core.vocabulary import LANGUAGES
from energy.mail.compose import Paragraph, Recipient, compose, page_link, para, recipient_for
from energy.mail.outbox import Outgoing, enqueue
from energy.readings.reporting import VillageReporting, reporting_in
from energy.store.db import session_for
from energy.store.models.accounts import User
from energy.store.models.call import Application, Call, Grant, ReviewAssignment
from energy.store.models.training import Attendance, TrainingSession

KIND = "digest"
ITEMS_SHOWN = 5  # the most urgent items named in a section; the rest are counted
ATTENDANCE_DAYS = 30  # a session this recent with no attendance recorded still waits
# The sections in the order the message gives them, and the page each links to.
SECTIONS: dict[str, str] = {
    "applications": "calls",
    "unassigned": "calls",
    "reviews": "calls",
    "grants_to_pay": "calls",
    "reports_missing": "calls",
    "readings": "villages",
    "attendance": "attendance",
}


@dataclass(frozen=True)
class Label:
    """An item as the message names it, in each language."""

    ko: str
    en: str

    @classmethod
    def same(cls, text: str) -> Label:
        return cls(text, text)

    def text(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en


@dataclass(frozen=True)
class Waiting:
    """One section of the digest: how many, and the most urgent few."""

    kind: str
    count: int
    items: tuple[Label, ...]  # at most ITEMS_SHOWN, the most urgent first

    @property
    def page(self) -> str:
        return SECTIONS[self.kind]


@dataclass(frozen=True)
class StaffWorkload:
    """What waits for staff on ``day`` (only the sections with something in them)."""

    day: dt.date
    sections: tuple[Waiting, ...] = field(default_factory=tuple)

    @property
    def month(self) -> dt.date:
        """The month whose readings are asked for: the one before ``day``'s."""
        return add_months(first_of_month(self.day), -1)

    @property
    def total(self) -> int:
        return sum(s.count for s in self.sections)

    def counts(self) -> dict[str, int]:
        return {s.kind: s.count for s in self.sections}


def _left(code: str, left: int) -> Label:
    ko, en = (translate("digest.left", lang, code=code, amount=format_krw(left, lang))
              for lang in LANGUAGES)  # fmt: skip
    return Label(ko, en)


def _missing(v: VillageReporting) -> Label:
    ko, en = (translate("digest.missing_households", lang, name=v.display_name(lang),
                        missing=v.missing, households=v.households)
              for lang in LANGUAGES)  # fmt: skip
    return Label(ko, en)


def _section(kind: str, labels: Sequence[Label]) -> Waiting:
    return Waiting(kind, len(labels), tuple(labels[:ITEMS_SHOWN]))


def _named(reference: str, name: str) -> Label:
    return Label.same(f"{reference} ({name})" if name else reference)


def _applications(session: Session) -> tuple[Waiting, Waiting, Waiting]:
    submitted = session.execute(
        select(Application.reference, Application.village_name)
        .where(Application.status == "submitted")
        .order_by(Application.submitted_at, Application.reference)
    )
    in_review = list(
        session.scalars(
            select(Application)
            .where(Application.status == "in_review")
            .order_by(Application.submitted_at, Application.reference)
        )
    )
    assigned = set(
        session.execute(
            select(ReviewAssignment.application_id, ReviewAssignment.stage).where(
                ReviewAssignment.application_id.in_([a.id for a in in_review])
            )
        ).all()
    )
    unassigned = [
        _named(a.reference, a.village_name) for a in in_review if (a.id, a.stage) not in assigned
    ]
    open_reviews = session.execute(
        select(Application.reference, User.display_name)
        .select_from(ReviewAssignment)
        .join(Application, ReviewAssignment.application_id == Application.id)
        .join(User, ReviewAssignment.reviewer_id == User.id)
        .where(
            Application.status == "in_review",
            ReviewAssignment.stage == Application.stage,
            ReviewAssignment.submitted_at.is_(None),
            ReviewAssignment.conflict.is_not(True),
        )
        .order_by(Application.submitted_at, Application.reference, User.display_name)
    )
    return (
        _section("applications", [_named(ref, name) for ref, name in submitted]),
        _section("unassigned", unassigned),
        _section("reviews", [Label.same(f"{ref} · {who}") for ref, who in open_reviews]),
    )


def _grants(session: Session, day: dt.date) -> tuple[Waiting, Waiting]:
    found = session.scalars(
        select(Grant)
        .join(Call)
        .options(
            joinedload(Grant.village),
            joinedload(Grant.call),
            selectinload(Grant.instalments),
            selectinload(Grant.spending),
        )
        .order_by(Call.year, Grant.id)
    ).unique()
    to_pay: list[tuple[int, int, Label]] = []
    unreported: list[Label] = []
    for grant in found:
        left = grant.award_krw - sum(i.amount_krw for i in grant.instalments)
        if left > 0:
            to_pay.append((grant.call.year, -left, _left(grant.village.code, left)))
        if grant.call.year < day.year and not grant.spending:
            unreported.append(Label.same(f"{grant.village.code} ({grant.call.year})"))
    to_pay.sort(key=lambda row: row[:2])
    return (
        _section("grants_to_pay", [label for _, _, label in to_pay]),
        _section("reports_missing", unreported),
    )


def _readings(session: Session, month: dt.date) -> Waiting:
    lacking = [v for v in reporting_in(session, month) if v.lacks_readings]
    lacking.sort(key=lambda v: (-v.missing, v.code))
    return _section("readings", [_missing(v) for v in lacking])


def _attendance(session: Session, day: dt.date) -> Waiting:
    midnight = dt.datetime.combine(day, dt.time(), tzinfo=SEOUL).astimezone(dt.UTC)
    recorded = select(Attendance.id).where(Attendance.session_id == TrainingSession.id).exists()
    rows = session.scalars(
        select(TrainingSession)
        .where(
            TrainingSession.status == "scheduled",
            TrainingSession.ends_at < midnight,
            TrainingSession.ends_at >= midnight - dt.timedelta(days=ATTENDANCE_DAYS),
            ~recorded,
        )
        .order_by(TrainingSession.starts_at, TrainingSession.id)
    )
    labels = []
    for s in rows:
        codes = ", ".join(sorted(sv.village.code for sv in s.villages))
        start = s.starts_at.astimezone(SEOUL).date()
        labels.append(
            Label(
                f"{s.module.title_ko} · {codes} · {format_date(start, 'ko')}",
                f"{s.module.title_en} · {codes} · {format_date(start, 'en')}",
            )
        )
    return _section("attendance", labels)


def workload_in(session: Session, day: dt.date) -> StaffWorkload:
    """What waits for staff on ``day``, read in ``session``."""
    sections = [
        *_applications(session),
        *_grants(session, day),
        _readings(session, StaffWorkload(day).month),
        _attendance(session, day),
    ]
    return StaffWorkload(day, tuple(s for s in sections if s.count))


def staff_workload(actor: Actor, day: dt.date, *, url: str | None = None) -> StaffWorkload:
    """What waits for staff on ``day`` (staff only: it names every village's business)."""
    require(actor, "user.manage")
    with session_for(actor, url=url) as session:
        return workload_in(session, day)


def _paragraphs(workload: StaffWorkload, lang: str) -> list[Paragraph]:
    body = [para("digest.intro")]
    sections = workload.sections
    for n, section in enumerate(sections):
        names = [label.text(lang) for label in section.items]
        if section.count > len(section.items):
            names.append(translate("digest.more", lang, n=section.count - len(section.items)))
        body.append(
            para(
                f"digest.{section.kind}",
                n=section.count,
                items=", ".join(names),
                month=format_month(workload.month, lang),
                days=ATTENDANCE_DAYS,
            )
        )
        if n + 1 == len(sections) or sections[n + 1].page != section.page:
            body.append(para("digest.open", link=page_link(section.page)))  # once per page
    return body


def digest_message(workload: StaffWorkload, to: Recipient) -> Outgoing:
    """The digest of ``workload`` for one staff member, in their language."""
    lang = to.language
    return compose(
        KIND,
        to,
        subject=para("digest.subject", date=format_date(workload.day, lang), n=workload.total),
        body=_paragraphs(workload, lang),
        link=("digest.link", page_link("")),  # the staff home, the app's first page
        dedupe_key=f"{KIND}:{workload.day:%Y-%m-%d}:{to.user_id}",
    )


@dataclass(frozen=True)
class DigestReport:
    """What a run of the digest found and queued."""

    workload: StaffWorkload
    queued: int  # messages queued by this run
    already: int  # messages an earlier run queued for the same person and day
    staff: int  # staff accounts written to (address, active, digest not turned off)

    def as_dict(self) -> dict[str, object]:
        return {
            "date": self.workload.day.isoformat(),
            "waiting": self.workload.total,
            "sections": self.workload.counts(),
            "staff": self.staff,
            "queued": self.queued,
            "already_queued": self.already,
        }


def queue_digests(
    actor: Actor, day: dt.date | None = None, *, url: str | None = None
) -> DigestReport:
    """Queue ``day``'s digest (default: today in Seoul) for every staff member who gets it;
    none when nothing waits."""
    require(actor, "user.manage")
    day = day or dt.datetime.now(SEOUL).date()
    with session_for(actor, write=True, url=url) as session:
        workload = workload_in(session, day)
        staff = [
            to
            for user in session.scalars(select(User).where(User.role == "admin").order_by(User.id))
            if (to := recipient_for(user, KIND)) is not None
        ]
        queued = already = 0
        if workload.total:
            for to in staff:
                if enqueue(session, digest_message(workload, to)) is None:
                    already += 1
                else:
                    queued += 1
        return DigestReport(workload, queued, already, len(staff))
