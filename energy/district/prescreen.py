"""Pre-screening (issue 27): before the city reviews an application, the officer of its district
records whether the organisers were met in person, whether they live in the village area, and
a verdict (no concerns, concerns, could not verify) in its own words, for the city to weigh.

Who may do what, enforced here:

- the officer of the application's district (role ``district``, ``call.prescreen``) lists the
  applications of its district, pre-screens each one that is submitted or in review, and
  revises its pre-screen until a decision; another district's officer is refused, whatever id
  it tries; a draft is not pre-screened (it may still change), a decided one no more;
- staff (``call.manage``) read every pre-screen beside the application's eligibility checks;
- a reviewer reads the pre-screen of an application assigned to it once it declared no
  conflict of interest (the city's review weighs it);
- a committee, an applicant or the town-hall viewer never reads one.

One pre-screen per application, revised in place; each version stays in the audit log, from
which :func:`prescreen_history` reads the earlier ones.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from energy.call.applications import ApplicationInfo, info
from energy.call.reviews import reviews_without_conflict
from energy.core.access import Actor, can, require, require_district
from energy.core.errors import AccessDenied, InvalidInput, NotFound
from energy.core.vocabulary import PRESCREEN_MET, PRESCREEN_RESIDENCE, PRESCREEN_VERDICTS
from energy.store.db import session_for
from energy.store.models.accounts import User
from energy.store.models.base import utcnow
from energy.store.models.call import Application
from energy.store.models.prescreen import Prescreen
from energy.store.models.system import AuditEntry

# Before a decision, once submitted: a draft may still change, a decision is taken.
PRESCREENABLE = ("submitted", "in_review")
# A verdict other than "no concerns" says why, in words the city can weigh.
NOTE_NEEDED = ("concerns", "could_not_verify")
NOTE_LIMIT = 2000
ENTITY = Prescreen.__tablename__


@dataclass(frozen=True)
class PrescreenInput:
    """What the officer records (each choice from the vocabulary; ``note`` its own words)."""

    met_in_person: str | None = None
    lives_in_area: str | None = None
    verdict: str | None = None
    note: str = ""


@dataclass(frozen=True)
class PrescreenInfo:
    application_id: int
    met_in_person: str
    lives_in_area: str
    verdict: str
    note: str
    recorded_by: str
    recorded_by_name: str
    recorded_at: dt.datetime
    district_ko: str
    district_en: str

    def district_name(self, lang: str) -> str:
        return self.district_ko if lang == "ko" else self.district_en

    @property
    def entry(self) -> PrescreenInput:
        return PrescreenInput(self.met_in_person, self.lives_in_area, self.verdict, self.note)


@dataclass(frozen=True)
class PrescreenVersion:
    """A pre-screen as it stood after one save (from the audit log)."""

    at: dt.datetime
    by: str
    met_in_person: str
    lives_in_area: str
    verdict: str
    note: str


@dataclass(frozen=True)
class ScreeningItem:
    """An application of the officer's district, its pre-screen (None: not yet), and whether
    it may still be pre-screened (``open``)."""

    application: ApplicationInfo
    prescreen: PrescreenInfo | None

    @property
    def open(self) -> bool:
        return self.application.status in PRESCREENABLE


def _names(session: Session, usernames: set[str]) -> dict[str, str]:
    if not usernames:
        return {}
    rows = session.execute(
        select(User.username, User.display_name).where(User.username.in_(usernames))
    )
    return {username: display or username for username, display in rows}


def _infos(session: Session, rows: list[Prescreen]) -> dict[int, PrescreenInfo]:
    names = _names(session, {r.recorded_by for r in rows})
    found = {}
    for r in rows:
        district = r.application.district
        found[r.application_id] = PrescreenInfo(
            application_id=r.application_id,
            met_in_person=r.met_in_person,
            lives_in_area=r.lives_in_area,
            verdict=r.verdict,
            note=r.note or "",
            recorded_by=r.recorded_by,
            recorded_by_name=names.get(r.recorded_by, r.recorded_by),
            recorded_at=r.recorded_at,
            district_ko=district.name_ko if district else "",
            district_en=district.name_en if district else "",
        )
    return found


def _prescreens(session: Session, application_ids: list[int]) -> dict[int, PrescreenInfo]:
    if not application_ids:
        return {}
    rows = session.scalars(
        select(Prescreen)
        .where(Prescreen.application_id.in_(application_ids))
        .options(selectinload(Prescreen.application).selectinload(Application.district))
    ).all()
    return _infos(session, list(rows))


def _loaded(session: Session, application_id: int) -> Application:
    app = session.get(Application, application_id)
    if app is None:
        raise NotFound("call.err_unknown_application", ref=str(application_id))
    return app


def _officer_app(session: Session, actor: Actor, application_id: int) -> Application:
    """The application, for the officer of its district; a draft is not shown here."""
    require(actor, "call.prescreen")
    app = _loaded(session, application_id)
    require_district(actor, app.district_id)
    if actor.district_id is None or app.status == "draft":
        raise AccessDenied()
    return app


def _may_read(session: Session, actor: Actor, app: Application) -> bool:
    if can(actor, "call.manage"):
        return True
    if can(actor, "call.prescreen"):
        return actor.district_id is not None and app.district_id == actor.district_id
    return reviews_without_conflict(session, actor, app.id)


# --- the officer ------------------------------------------------------------------------------


def district_queue(actor: Actor, *, url: str | None = None) -> list[ScreeningItem]:
    """The officer's district's applications open to pre-screening (submitted or in review),
    those not pre-screened yet first, then the decided ones it pre-screened, each with its
    pre-screen; newest first within each."""
    require(actor, "call.prescreen")
    require_district(actor, actor.district_id)
    if actor.district_id is None:
        raise AccessDenied()
    with session_for(actor, url=url) as session:
        apps = session.scalars(
            select(Application)
            .where(Application.district_id == actor.district_id, Application.status != "draft")
            .options(
                selectinload(Application.organisers),
                selectinload(Application.call),
                selectinload(Application.district),
                selectinload(Application.village),
            )
            .order_by(Application.reference.desc())
        ).all()
        screened = _prescreens(session, [a.id for a in apps])
        items = [ScreeningItem(info(a), screened.get(a.id)) for a in apps]
    kept = [i for i in items if i.open or i.prescreen is not None]
    return sorted(kept, key=lambda i: (not i.open, i.prescreen is not None))  # stable


def screening_item(actor: Actor, application_id: int, *, url: str | None = None) -> ScreeningItem:
    """One application of the officer's district with its pre-screen (another district's is
    refused, as is a draft)."""
    with session_for(actor, url=url) as session:
        app = _officer_app(session, actor, application_id)
        return ScreeningItem(info(app), _prescreens(session, [app.id]).get(app.id))


def _clean(entry: PrescreenInput) -> PrescreenInput:
    if entry.met_in_person not in PRESCREEN_MET:
        raise InvalidInput("prescreen.err_choose", field="met_in_person")
    if entry.lives_in_area not in PRESCREEN_RESIDENCE:
        raise InvalidInput("prescreen.err_choose", field="lives_in_area")
    if entry.verdict not in PRESCREEN_VERDICTS:
        raise InvalidInput("prescreen.err_choose", field="verdict")
    note = (entry.note or "").strip()
    if len(note) > NOTE_LIMIT:
        raise InvalidInput("error.too_long", field="note", n=NOTE_LIMIT)
    if entry.verdict in NOTE_NEEDED and not note:
        raise InvalidInput("prescreen.err_note_needed", field="note")
    return PrescreenInput(entry.met_in_person, entry.lives_in_area, entry.verdict, note)


def record_prescreen(
    actor: Actor, application_id: int, entry: PrescreenInput, *, url: str | None = None
) -> PrescreenInfo:
    """Record (or revise) the pre-screen of an application of the officer's district while
    it is submitted or in review. Saving what is already recorded writes nothing."""
    require(actor, "call.prescreen")
    clean = _clean(entry)
    with session_for(actor, write=True, url=url) as session:
        app = _officer_app(session, actor, application_id)
        if app.status not in PRESCREENABLE:
            raise InvalidInput("prescreen.err_decided", field="status")
        row = session.scalar(select(Prescreen).where(Prescreen.application_id == app.id))
        values: dict[str, Any] = {
            "met_in_person": clean.met_in_person,
            "lives_in_area": clean.lives_in_area,
            "verdict": clean.verdict,
            "note": clean.note or None,
        }
        if row is None:
            assert app.district_id is not None  # require_district: the officer's own
            row = Prescreen(application_id=app.id, district_id=app.district_id)
            session.add(row)
        elif all(getattr(row, k) == v for k, v in values.items()):
            return _infos(session, [row])[app.id]
        for key, value in values.items():
            setattr(row, key, value)
        row.recorded_by = actor.audit_name
        row.recorded_at = utcnow()
        session.flush()
        session.refresh(row)
        return _infos(session, [row])[app.id]


# --- staff and reviewers --------------------------------------------------------------------


def get_prescreen(
    actor: Actor, application_id: int, *, url: str | None = None
) -> PrescreenInfo | None:
    """The pre-screen of an application (None: not pre-screened), for staff, the officer of
    its district, or a reviewer assigned to it without a conflict of interest."""
    with session_for(actor, url=url) as session:
        app = _loaded(session, application_id)
        if not _may_read(session, actor, app):
            raise AccessDenied()
        return _prescreens(session, [app.id]).get(app.id)


def prescreens_for(
    actor: Actor, application_ids: list[int], *, url: str | None = None
) -> dict[int, PrescreenInfo]:
    """Staff: the pre-screens of ``application_ids`` (those not pre-screened are left out)."""
    require(actor, "call.manage")
    with session_for(actor, url=url) as session:
        return _prescreens(session, list(application_ids))


def prescreen_history(
    actor: Actor, application_id: int, *, url: str | None = None
) -> list[PrescreenVersion]:
    """Every version of an application's pre-screen, newest first, read from the audit log:
    for staff and the officer of its district (the reviewers read the current one only)."""
    with session_for(actor, url=url) as session:
        app = _loaded(session, application_id)
        if not (can(actor, "call.manage") or can(actor, "call.prescreen")):
            raise AccessDenied()
        if not _may_read(session, actor, app):
            raise AccessDenied()
        row_id = session.scalar(select(Prescreen.id).where(Prescreen.application_id == app.id))
        if row_id is None:
            return []
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == ENTITY, AuditEntry.entity_key == str(row_id))
            .where(AuditEntry.action.in_(("create", "update")))
            .order_by(AuditEntry.id)
        ).all()
        versions: list[PrescreenVersion] = []
        state: dict[str, Any] = {}
        for e in entries:
            state.update(e.after or {})
            versions.append(
                PrescreenVersion(
                    at=e.at,
                    by=str(state.get("recorded_by") or e.actor),
                    met_in_person=str(state.get("met_in_person") or ""),
                    lives_in_area=str(state.get("lives_in_area") or ""),
                    verdict=str(state.get("verdict") or ""),
                    note=str(state.get("note") or ""),
                )
            )
        # Each version's officer by name (the one who recorded it, not who loaded the demo).
        names = _names(session, {v.by for v in versions})
        return [dataclasses.replace(v, by=names.get(v.by, v.by)) for v in versions[::-1]]
