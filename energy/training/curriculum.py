"""The training curriculum, the trainers who teach it and the venues it is taught in.

Staff (``training.manage``) edit all three; everyone who may read training sees them.
A trainer may be linked to a user account (role ``trainer``): that account then sees its
own sessions and records their attendance.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.core.access import Actor, require
from energy.core.errors import AlreadyExists, InvalidInput, NotFound
from energy.core.vocabulary import TOPICS
from energy.store.db import session_for
from energy.store.models.accounts import User
from energy.store.models.training import (
    SessionVillage,
    Trainer,
    TrainerAvailability,
    TrainingModule,
    TrainingSession,
    Venue,
    time_minute,
)
from energy.store.models.villages import District

MODULE_CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,23}$")


@dataclass(frozen=True)
class ModuleInfo:
    id: int
    code: str
    title_ko: str
    title_en: str
    topic: str
    programme_year: int
    core: bool
    minutes: int
    position: int
    active: bool

    def title(self, lang: str) -> str:
        return self.title_ko if lang == "ko" else self.title_en


@dataclass(frozen=True)
class Window:
    """A weekly window in Seoul time: weekday 0 = Monday."""

    weekday: int
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class TrainerInfo:
    id: int
    name: str
    topics: tuple[str, ...]
    windows: tuple[Window, ...]
    available_from: dt.date | None
    available_to: dt.date | None
    username: str | None
    active: bool


@dataclass(frozen=True)
class VenueInfo:
    id: int
    name: str
    district_id: int | None
    district_ko: str | None
    district_en: str | None
    capacity: int
    address: str | None
    active: bool

    def district_name(self, lang: str) -> str | None:
        return self.district_ko if lang == "ko" else self.district_en


def module_info(m: TrainingModule) -> ModuleInfo:
    return ModuleInfo(
        m.id, m.code, m.title_ko, m.title_en, m.topic, m.programme_year, m.core, m.minutes,
        m.position, m.active,
    )  # fmt: skip


def trainer_info(t: Trainer, username: str | None = None) -> TrainerInfo:
    return TrainerInfo(
        id=t.id,
        name=t.name,
        topics=tuple(str(x) for x in t.topics or ()),
        windows=tuple(Window(a.weekday, a.start_time, a.end_time) for a in t.availability),
        available_from=t.available_from,
        available_to=t.available_to,
        username=username,
        active=t.active,
    )


def venue_info(v: Venue, district: District | None) -> VenueInfo:
    return VenueInfo(
        v.id, v.name, v.district_id, district.name_ko if district else None,
        district.name_en if district else None, v.capacity, v.address, v.active,
    )  # fmt: skip


# --- modules ----------------------------------------------------------------------------------


def list_modules(
    actor: Actor,
    *,
    programme_year: int | None = None,
    include_inactive: bool = False,
    url: str | None = None,
) -> list[ModuleInfo]:
    require(actor, "training.read")
    with session_for(actor, url=url) as session:
        return modules_in(session, programme_year=programme_year, include_inactive=include_inactive)


def modules_in(
    session: Session, *, programme_year: int | None = None, include_inactive: bool = False
) -> list[ModuleInfo]:
    query = select(TrainingModule).order_by(
        TrainingModule.programme_year, TrainingModule.position, TrainingModule.code
    )
    if programme_year is not None:
        query = query.where(TrainingModule.programme_year == programme_year)
    if not include_inactive:
        query = query.where(TrainingModule.active.is_(True))
    return [module_info(m) for m in session.scalars(query)]


def save_module(
    actor: Actor,
    *,
    code: str,
    title_ko: str,
    title_en: str,
    topic: str,
    programme_year: int = 1,
    core: bool = True,
    minutes: int = 120,
    position: int | None = None,
    active: bool = True,
    url: str | None = None,
) -> ModuleInfo:
    """Add the module ``code``, or change it where it exists (staff only)."""
    require(actor, "training.manage")
    code = code.strip().upper()
    if not MODULE_CODE_PATTERN.match(code):
        raise InvalidInput("error.module_code_format", field="module", code=code)
    title_ko, title_en = title_ko.strip(), title_en.strip()
    if not title_ko or not title_en:
        raise InvalidInput("error.module_titles", field="title_ko")
    if topic not in TOPICS:
        raise InvalidInput("error.unknown_topic", field="topic", topic=topic)
    if programme_year not in (1, 2, 3):
        raise InvalidInput("error.programme_year_range", field="programme_year")
    if not 30 <= minutes <= 480:
        raise InvalidInput("error.module_minutes", field="minutes")
    with session_for(actor, write=True, url=url) as session:
        module = session.scalar(select(TrainingModule).where(TrainingModule.code == code))
        if module is None:
            if position is None:
                position = len(modules_in(session, programme_year=programme_year)) + 1
            module = TrainingModule(code=code)
            session.add(module)
        module.title_ko, module.title_en, module.topic = title_ko, title_en, topic
        module.programme_year, module.core, module.minutes = programme_year, core, minutes
        module.active = active
        if position is not None:
            module.position = position
        session.flush()
        return module_info(module)


# --- trainers ---------------------------------------------------------------------------------


def _usernames(session: Session, ids: Sequence[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return dict(session.execute(select(User.id, User.username).where(User.id.in_(wanted))).all())


def list_trainers(
    actor: Actor, *, include_inactive: bool = False, url: str | None = None
) -> list[TrainerInfo]:
    require(actor, "training.read")
    with session_for(actor, url=url) as session:
        return trainers_in(session, include_inactive=include_inactive)


def trainers_in(session: Session, *, include_inactive: bool = False) -> list[TrainerInfo]:
    query = select(Trainer).order_by(Trainer.name)
    if not include_inactive:
        query = query.where(Trainer.active.is_(True))
    trainers = list(session.scalars(query))
    names = _usernames(session, [t.user_id for t in trainers])
    return [trainer_info(t, names.get(t.user_id or 0)) for t in trainers]


def trainer_for_user(session: Session, actor: Actor) -> Trainer | None:
    """The trainer profile linked to ``actor``'s account, if any."""
    if actor.user_id is None:
        return None
    return session.scalar(select(Trainer).where(Trainer.user_id == actor.user_id))


def trainer_village_ids(session: Session, actor: Actor) -> set[int] | None:
    """For a trainer, the villages of the sessions they teach (the only training lists they
    may read or change); ``None`` for every other role."""
    if actor.role != "trainer":
        return None
    own = trainer_for_user(session, actor)
    if own is None:
        return set()
    return set(
        session.scalars(
            select(SessionVillage.village_id)
            .join(TrainingSession, TrainingSession.id == SessionVillage.session_id)
            .where(TrainingSession.trainer_id == own.id)
        )
    )


def save_trainer(
    actor: Actor,
    *,
    name: str,
    topics: Sequence[str],
    windows: Sequence[Window],
    available_from: dt.date | None = None,
    available_to: dt.date | None = None,
    username: str | None = None,
    active: bool = True,
    url: str | None = None,
) -> TrainerInfo:
    """Add the trainer ``name`` or replace its topics, windows and account link."""
    require(actor, "training.manage")
    name = name.strip()
    if not name or len(name) > 80:
        raise InvalidInput("error.trainer_name", field="trainer")
    unknown = [t for t in topics if t not in TOPICS]
    if unknown or not topics:
        raise InvalidInput("error.trainer_topics", field="topics")
    for w in windows:
        if not 0 <= w.weekday <= 6 or w.start >= w.end:
            raise InvalidInput("error.availability_window", field="windows")
    if available_from and available_to and available_to < available_from:
        raise InvalidInput("error.availability_dates", field="available_to")
    with session_for(actor, write=True, url=url) as session:
        user_id = None
        if username:
            user = session.scalar(select(User).where(User.username == username.strip()))
            if user is None or user.role != "trainer":
                raise InvalidInput("error.trainer_account", field="username", name=username)
            user_id = user.id
            taken = session.scalar(
                select(Trainer).where(Trainer.user_id == user_id, Trainer.name != name)
            )
            if taken is not None:
                raise AlreadyExists("error.trainer_account_taken", field="username", name=username)
        trainer = session.scalar(select(Trainer).where(Trainer.name == name))
        if trainer is None:
            trainer = Trainer(name=name)
            session.add(trainer)
        trainer.topics = sorted(set(topics), key=TOPICS.index)
        trainer.user_id = user_id
        trainer.available_from, trainer.available_to = available_from, available_to
        trainer.active = active
        trainer.availability = [
            TrainerAvailability(
                weekday=w.weekday, start_minute=time_minute(w.start), end_minute=time_minute(w.end)
            )
            for w in sorted(windows, key=lambda w: (w.weekday, w.start))
        ]
        session.flush()
        session.refresh(trainer)
        return trainer_info(trainer, username.strip() if username else None)


# --- venues -----------------------------------------------------------------------------------


def list_venues(
    actor: Actor, *, include_inactive: bool = False, url: str | None = None
) -> list[VenueInfo]:
    require(actor, "training.read")
    with session_for(actor, url=url) as session:
        return venues_in(session, include_inactive=include_inactive)


def venues_in(session: Session, *, include_inactive: bool = False) -> list[VenueInfo]:
    query = select(Venue, District).outerjoin(District, Venue.district_id == District.id)
    if not include_inactive:
        query = query.where(Venue.active.is_(True))
    return [venue_info(v, d) for v, d in session.execute(query.order_by(Venue.name))]


def save_venue(
    actor: Actor,
    *,
    name: str,
    capacity: int,
    district_code: str | None = None,
    address: str | None = None,
    active: bool = True,
    url: str | None = None,
) -> VenueInfo:
    """Add the venue ``name`` or change it; no district means a city-wide venue."""
    require(actor, "training.manage")
    name = name.strip()
    if not name or len(name) > 120:
        raise InvalidInput("error.venue_name", field="venue")
    if not 1 <= capacity <= 1000:
        raise InvalidInput("error.venue_capacity", field="capacity")
    with session_for(actor, write=True, url=url) as session:
        district = None
        if district_code:
            district = session.scalar(select(District).where(District.code == district_code))
            if district is None:
                raise NotFound("error.unknown_district", name=district_code)
        venue = session.scalar(select(Venue).where(Venue.name == name))
        if venue is None:
            venue = Venue(name=name)
            session.add(venue)
        venue.capacity, venue.address, venue.active = capacity, address, active
        venue.district_id = district.id if district else None
        session.flush()
        return venue_info(venue, district)
