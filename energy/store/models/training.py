"""First-year training (issue 4): modules, trainers, venues, sessions, attendance.

Tables live on ``energy.store.models.base.Base``; the package ``energy.store.models`` imports
this module so that they are registered on the metadata Alembic and backups read.

Vocabulary: a *module* is one unit of the curriculum (a topic, taught once per village);
a *session* is one meeting where a trainer teaches a module to one village or to a few
nearby villages together, at a venue; a *participant* is a resident on a village's training
list (an organiser counts for completion); *attendance* is one participant's status at one
session.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from energy.core.vocabulary import (
    ATTENDANCE_SOURCES,
    ATTENDANCE_STATUSES,
    PARTICIPANT_ROLES,
    SELF_CHECKIN_STATES,
    SESSION_STATUSES,
    TOPICS,
)
from energy.store.models.base import Base, UTCDateTime, in_, utcnow
from energy.store.models.villages import Village


def minute_time(minute: int) -> dt.time:
    """Minutes after midnight as a time of day (1440, the end of the day, as 23:59:59)."""
    if minute >= 24 * 60:
        return dt.time(23, 59, 59)
    return dt.time(minute // 60, minute % 60)


def time_minute(value: dt.time) -> int:
    return value.hour * 60 + value.minute + (1 if value.second == 59 and value.hour == 23 else 0)


class TrainingModule(Base):
    """One unit of the curriculum, in both languages; staff edit it."""

    __tablename__ = "training_modules"
    __audit_key__ = "code"
    __table_args__ = (
        CheckConstraint(in_("topic", TOPICS), name="topic"),
        CheckConstraint("programme_year BETWEEN 1 AND 3", name="programme_year"),
        CheckConstraint("minutes BETWEEN 30 AND 480", name="minutes"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)
    title_ko: Mapped[str] = mapped_column(String(120))
    title_en: Mapped[str] = mapped_column(String(120))
    topic: Mapped[str] = mapped_column(String(24))
    programme_year: Mapped[int] = mapped_column(SmallInteger, default=1)
    core: Mapped[bool] = mapped_column(Boolean, default=True)
    minutes: Mapped[int] = mapped_column(SmallInteger, default=120)
    position: Mapped[int] = mapped_column(SmallInteger, default=0)  # order in the curriculum
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Trainer(Base):
    """An external expert: the topics they teach and when they can (weekly windows)."""

    __tablename__ = "trainers"
    __audit_key__ = "name"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    topics: Mapped[list[Any]] = mapped_column(JSON, default=list)
    available_from: Mapped[dt.date | None] = mapped_column(Date)
    available_to: Mapped[dt.date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    availability: Mapped[list[TrainerAvailability]] = relationship(
        back_populates="trainer",
        order_by="(TrainerAvailability.weekday, TrainerAvailability.start_minute)",
        cascade="all, delete-orphan",
    )


class TrainerAvailability(Base):
    """A weekly window when a trainer can teach, in minutes after midnight Seoul time
    (weekday 0 = Monday). Minutes, not TIME: the same on both stores, in backups and audit."""

    __tablename__ = "trainer_availability"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint(
            "start_minute >= 0 AND start_minute < end_minute AND end_minute <= 1440", name="window"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trainer_id: Mapped[int] = mapped_column(
        ForeignKey("trainers.id", ondelete="CASCADE"), index=True
    )
    weekday: Mapped[int] = mapped_column(SmallInteger)
    start_minute: Mapped[int] = mapped_column(SmallInteger)
    end_minute: Mapped[int] = mapped_column(SmallInteger)

    @property
    def start_time(self) -> dt.time:
        return minute_time(self.start_minute)

    @property
    def end_time(self) -> dt.time:
        return minute_time(self.end_minute)

    trainer: Mapped[Trainer] = relationship(back_populates="availability")


class Venue(Base):
    """A village centre or district office room; ``district_id`` None: a city-wide venue."""

    __tablename__ = "venues"
    __audit_key__ = "name"
    __table_args__ = (CheckConstraint("capacity BETWEEN 1 AND 1000", name="capacity"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    district_id: Mapped[int | None] = mapped_column(ForeignKey("districts.id"), index=True)
    capacity: Mapped[int] = mapped_column(SmallInteger)
    address: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class TrainingSession(Base):
    """One meeting: a trainer teaches a module to one or more villages at a venue.

    ``checkin_secret`` is set while the trainer keeps self check-in open: the key the
    session's changing check-in codes are made from (``energy.training.checkin_codes``);
    redacted in the audit log, so the log never lets anyone work out a code."""

    __tablename__ = "training_sessions"
    __audit_redact__ = ("checkin_secret",)
    __table_args__ = (
        CheckConstraint(in_("status", SESSION_STATUSES), name="status"),
        CheckConstraint("starts_at < ends_at", name="times"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("training_modules.id"), index=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("trainers.id"), index=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id"), index=True)
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(12), default="scheduled")
    note: Mapped[str | None] = mapped_column(Text)
    checkin_secret: Mapped[str | None] = mapped_column(String(64))
    # How many times the session was changed after it was announced (moved, cancelled): the
    # iCalendar SEQUENCE, so that a calendar program takes a later notice over an earlier one.
    sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    module: Mapped[TrainingModule] = relationship(lazy="joined")
    trainer: Mapped[Trainer] = relationship(lazy="joined")
    venue: Mapped[Venue] = relationship(lazy="joined")
    villages: Mapped[list[SessionVillage]] = relationship(
        back_populates="session", cascade="all, delete-orphan", lazy="selectin"
    )


class SessionVillage(Base):
    """A village a session is for (nearby villages may share one session)."""

    __tablename__ = "training_session_villages"
    __audit_village__ = "village_id"
    __table_args__ = (UniqueConstraint("session_id", "village_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True
    )
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)

    session: Mapped[TrainingSession] = relationship(back_populates="villages")
    village: Mapped[Village] = relationship(lazy="joined")


class Participant(Base):
    """A resident on a village's training list; organisers count for completion."""

    __tablename__ = "training_participants"
    __audit_village__ = "village_id"
    __table_args__ = (
        UniqueConstraint("village_id", "name"),
        CheckConstraint(in_("role", PARTICIPANT_ROLES), name="role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(12), default="resident")
    household_code: Mapped[str | None] = mapped_column(String(32))
    # Where the session notices go (scheduled, moved, cancelled), if the person gave one:
    # trimmed and in lower case (energy.mail.addresses). Not unique: a couple may share one.
    email: Mapped[str | None] = mapped_column(String(254))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Attendance(Base):
    """One participant's status at one session (one row each; a new entry replaces it).

    ``source`` says who put the status there: ``self`` a participant's own check-in with the
    session's code, ``recorded`` the trainer or staff (who may correct a check-in: the row
    then says ``recorded``, and ``checked_in_at`` still says when the person checked in)."""

    __tablename__ = "training_attendance"
    __audit_village__ = ("participant_id", "training_participants")
    __table_args__ = (
        UniqueConstraint("session_id", "participant_id"),
        CheckConstraint(in_("status", ATTENDANCE_STATUSES), name="status"),
        CheckConstraint(in_("source", ATTENDANCE_SOURCES), name="source"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("training_participants.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(8))
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    source: Mapped[str] = mapped_column(String(8), default="recorded", server_default="recorded")
    checked_in_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class SelfCheckIn(Base):
    """A check-in from a phone without an account: the village chosen and the name typed
    (``name`` as typed, spaces tidied; ``name_key`` the same folded, spaces and case gone, so
    "김 민지" and "김민지" are one), when, and the phone it came from (a digest, not its address).

    ``state`` (``SELF_CHECKIN_STATES``): ``checked_in`` when the name was the one person of
    that name on the village's list (``participant_id``, marked present at once); ``waiting``
    for the trainer otherwise (no such name, two people of it, or a person the trainer had
    marked absent), until the trainer matches it to a person, adds the name to the list or
    sets it aside (``resolved_by``, ``resolved_at``). One row per session, village and name:
    a second check-in of the same name changes nothing."""

    __tablename__ = "training_self_checkins"
    __audit_village__ = "village_id"
    __table_args__ = (
        UniqueConstraint("session_id", "village_id", "name_key"),
        CheckConstraint(in_("state", SELF_CHECKIN_STATES), name="state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True
    )
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    name_key: Mapped[str] = mapped_column(String(60))
    client: Mapped[str] = mapped_column(String(12))
    arrived_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(10))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_participants.id", ondelete="SET NULL"), index=True
    )
    resolved_by: Mapped[str | None] = mapped_column(String(80))
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
