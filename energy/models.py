"""Typed SQLAlchemy models: the store's tables.

Every constraint has a name (the naming convention) so that Alembic can change it on
SQLite in batch mode and on PostgreSQL alike. Timestamps are UTC; months are first-of-month
dates; money is integer KRW.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("admin", "reviewer", "trainer", "committee", "viewer", "applicant")
LANGUAGES = ("ko", "en")
HOUSING_TYPES = ("apartment", "detached", "mixed")
VILLAGE_STATUSES = ("active", "paused", "disbanded")
# Why a village paused or disbanded (or came back): the city wants to learn from these.
STATUS_REASONS = (
    "started",
    "resumed",
    "internal_conflict",
    "organisers_moved",
    "lack_of_time",
    "goal_reached",
    "merged",
    "funding_ended",
    "other",
)
# Which reasons fit which new status: a village comes back ("resumed"); it stops for a cause.
REASONS_FOR_STATUS: dict[str, tuple[str, ...]] = {
    "active": ("resumed", "other"),
    "paused": ("internal_conflict", "organisers_moved", "lack_of_time", "funding_ended", "other"),
    "disbanded": (
        "internal_conflict",
        "organisers_moved",
        "lack_of_time",
        "goal_reached",
        "merged",
        "funding_ended",
        "other",
    ),
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp that is always timezone-aware UTC in Python, whatever the store keeps."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC is required")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class District(Base):
    """One of Seoul's 25 autonomous districts (reference data from data/districts.csv)."""

    __tablename__ = "districts"
    __audit_key__ = "code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(5), unique=True)
    name_ko: Mapped[str] = mapped_column(String(20), unique=True)
    name_en: Mapped[str] = mapped_column(String(40), unique=True)
    tile_row: Mapped[int] = mapped_column(SmallInteger)
    tile_col: Mapped[int] = mapped_column(SmallInteger)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)


class Village(Base):
    __tablename__ = "villages"
    __audit_key__ = "code"
    __table_args__ = (
        CheckConstraint(_in("housing_type", HOUSING_TYPES), name="housing_type"),
        CheckConstraint(_in("status", VILLAGE_STATUSES), name="status"),
        CheckConstraint("programme_year BETWEEN 1 AND 3", name="programme_year"),
        CheckConstraint("cohort_year BETWEEN 2012 AND 2100", name="cohort_year"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str | None] = mapped_column(String(120))
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"), index=True)
    neighbourhood: Mapped[str | None] = mapped_column(String(60))
    housing_type: Mapped[str] = mapped_column(String(12), default="mixed")
    cohort_year: Mapped[int] = mapped_column(SmallInteger, index=True)
    programme_year: Mapped[int] = mapped_column(SmallInteger, default=1)
    graduated: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), default="active", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    district: Mapped[District] = relationship(lazy="joined")
    status_history: Mapped[list[VillageStatusChange]] = relationship(
        back_populates="village", order_by="VillageStatusChange.effective_on"
    )


class VillageStatusChange(Base):
    """A dated change of a village's status, with the reason (kept forever)."""

    __tablename__ = "village_status_changes"
    __table_args__ = (
        CheckConstraint(_in("status", VILLAGE_STATUSES), name="status"),
        CheckConstraint(_in("reason_code", STATUS_REASONS), name="reason_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    village_id: Mapped[int] = mapped_column(
        ForeignKey("villages.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(12))
    effective_on: Mapped[dt.date] = mapped_column(Date)
    reason_code: Mapped[str] = mapped_column(String(24))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    village: Mapped[Village] = relationship(back_populates="status_history")


class User(Base):
    __tablename__ = "users"
    __audit_key__ = "username"
    __audit_redact__ = ("password_hash",)
    __table_args__ = (
        CheckConstraint(_in("role", ROLES), name="role"),
        CheckConstraint(_in("language", LANGUAGES), name="language"),
        CheckConstraint(
            "(role = 'committee' AND village_id IS NOT NULL) "
            "OR (role <> 'committee' AND village_id IS NULL)",
            name="committee_village",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    village_id: Mapped[int | None] = mapped_column(ForeignKey("villages.id"), index=True)
    # Where the person lives (reviewers: a review of their own district is flagged).
    district_id: Mapped[int | None] = mapped_column(ForeignKey("districts.id"))
    password_hash: Mapped[str] = mapped_column(String(255))
    language: Mapped[str] = mapped_column(String(2), default="ko")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    village: Mapped[Village | None] = relationship()
    district: Mapped[District | None] = relationship()


class LoginThrottle(Base):
    """Failed logins per name typed (whether or not such a user exists: no enumeration)."""

    __tablename__ = "login_throttle"
    __audit_skip__ = True

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class AuditEntry(Base):
    """One write: who, when, what, and the values before and after."""

    __tablename__ = "audit_log"
    __audit_skip__ = True
    __table_args__ = (Index("ix_audit_log_entity_key", "entity", "entity_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(80), index=True)
    action: Mapped[str] = mapped_column(String(24))
    entity: Mapped[str] = mapped_column(String(40))
    entity_key: Mapped[str] = mapped_column(String(120))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


# --- energy tracking -------------------------------------------------------------------------

CARRIERS = ("electricity", "gas", "water", "heat", "solar")
# The one unit each carrier is stored in (gas bills in MJ since July 2012; m³ converted).
CANONICAL_UNITS = {"electricity": "kWh", "gas": "MJ", "water": "m3", "heat": "kWh", "solar": "kWh"}
FLOOR_AREA_BANDS = ("<40", "40-60", "60-85", "85-135", "135+")  # m², the bands Korean housing uses
GENERATION_KINDS = ("balcony_solar", "rooftop_solar")
READING_SOURCES = ("entry", "import", "demo")


class Household(Base):
    """A participating household, known only by a code its committee chose (never a name)."""

    __tablename__ = "households"
    __table_args__ = (
        UniqueConstraint("village_id", "code"),
        CheckConstraint(_in("housing_type", HOUSING_TYPES), name="housing_type"),
        CheckConstraint(_in("floor_area_band", FLOOR_AREA_BANDS), name="floor_area_band"),
        CheckConstraint("occupants IS NULL OR occupants BETWEEN 1 AND 20", name="occupants"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    housing_type: Mapped[str] = mapped_column(String(12))
    floor_area_band: Mapped[str | None] = mapped_column(String(8))
    occupants: Mapped[int | None] = mapped_column(SmallInteger)
    joined_on: Mapped[dt.date] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    generation: Mapped[list[GenerationUnit]] = relationship(
        back_populates="household", order_by="GenerationUnit.installed_on"
    )


class GenerationUnit(Base):
    """Generation a household installed: balcony mini solar panels or a rooftop array."""

    __tablename__ = "generation_units"
    __table_args__ = (
        CheckConstraint(_in("kind", GENERATION_KINDS), name="kind"),
        CheckConstraint("units >= 1 AND watts_per_unit > 0", name="capacity"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    units: Mapped[int] = mapped_column(SmallInteger, default=1)
    watts_per_unit: Mapped[int] = mapped_column(Integer)
    installed_on: Mapped[dt.date] = mapped_column(Date)

    household: Mapped[Household] = relationship(back_populates="generation")


class ReadingBatch(Base):
    """One save of readings (a month's grid, a file, the demo): who, when, what came of it."""

    __tablename__ = "reading_batches"
    __table_args__ = (CheckConstraint(_in("source", READING_SOURCES), name="source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    source: Mapped[str] = mapped_column(String(8))
    filename: Mapped[str | None] = mapped_column(String(255))
    rows_in: Mapped[int] = mapped_column(Integer, default=0)
    added: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Reading(Base):
    """One household's use (or generation) of one carrier in one month, in the canonical unit.

    Unique per household, carrier and month, so a repeated import can never double-count.
    ``village_id`` is kept on the row so that village and programme sums need no join.
    Who wrote it and when live on its batch; changes are in the audit log.
    """

    __tablename__ = "readings"
    __audit_skip__ = True  # written in bulk; each batch writes its own audit entry
    __table_args__ = (
        UniqueConstraint("household_id", "carrier", "month"),
        CheckConstraint(_in("carrier", CARRIERS), name="carrier"),
        CheckConstraint("value >= 0", name="value"),
        Index("ix_readings_village_carrier_month", "village_id", "carrier", "month"),
        # The town hall's renewables read only solar rows, from this index alone (0014).
        Index(
            "ix_readings_solar",
            "month",
            "village_id",
            "household_id",
            "value",
            "carrier",
            postgresql_where=text("carrier = 'solar'"),
            sqlite_where=text("carrier = 'solar'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    # The household's village, copied so that village figures need no join. No foreign key
    # (migration 0011): the household's key implies it, and on PostgreSQL each row's check
    # locked the village row (most of a bulk import's time).
    village_id: Mapped[int] = mapped_column(Integer)
    month: Mapped[dt.date] = mapped_column(Date)
    carrier: Mapped[str] = mapped_column(String(12))
    value: Mapped[float] = mapped_column(Float)
    # The import batch that wrote the reading (batches are never deleted). Neither indexed
    # (migration 0010: nothing looks readings up by batch) nor a foreign key (0011).
    batch_id: Mapped[int | None] = mapped_column(Integer)
    # The same household's value of the same carrier 12 and 24 months earlier (None when there
    # is none), kept current by database triggers on every insert, update and delete, whatever
    # writes the row. The eco-mileage method then needs no self-join: a cell counts where
    # both are present. See migration 0004.
    value_y1: Mapped[float | None] = mapped_column(Float)
    value_y2: Mapped[float | None] = mapped_column(Float)


class VillageMonthSums(Base):
    """Derived: per village, month, carrier and method, the savings engine's grouped sums
    (Σ baseline, Σ actual, cells counted), so that programme pages read a few thousand rows
    instead of the whole history. Rebuilt per village by :mod:`energy.village_sums`; a village
    whose state row is not fresh is computed from the readings instead (never a stale figure).
    """

    __tablename__ = "village_month_sums"
    __audit_skip__ = True  # derived from audited writes; rebuilt, never edited

    village_id: Mapped[int] = mapped_column(
        ForeignKey("villages.id", ondelete="CASCADE"), primary_key=True
    )
    method: Mapped[str] = mapped_column(String(16), primary_key=True)
    carrier: Mapped[str] = mapped_column(String(12), primary_key=True)
    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    baseline: Mapped[float] = mapped_column(Float)
    actual: Mapped[float] = mapped_column(Float)
    cells: Mapped[int] = mapped_column(Integer)


class VillageHouseholdSpans(Base):
    """Derived: how many of a village's households use a carrier (have it on record) and take
    part from month ``first`` to month ``last`` (month indexes; ``last`` is 10**9 while they
    still take part). Coverage (cells expected) of any period is then a sum over these few
    rows instead of a look at every household. Kept with ``village_month_sums``."""

    __tablename__ = "village_household_spans"
    __audit_skip__ = True

    village_id: Mapped[int] = mapped_column(
        ForeignKey("villages.id", ondelete="CASCADE"), primary_key=True
    )
    carrier: Mapped[str] = mapped_column(String(12), primary_key=True)
    first: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, primary_key=True)
    households: Mapped[int] = mapped_column(Integer)


class HouseholdYearElectricity(Base):
    """Derived: each household's electricity over one calendar year (kWh, months on record).
    The town hall's typical household is the median over every programme household of a
    year's electricity: read from here, that is one row per household instead of twelve
    readings. Kept with ``village_month_sums`` and trusted only for fresh villages."""

    __tablename__ = "household_year_electricity"
    __audit_skip__ = True
    __table_args__ = (
        Index("ix_household_year_electricity_year", "year", "village_id"),
        # The median's middle row is found by walking (year, months, kwh) (migration 0013).
        Index("ix_household_year_electricity_median", "year", "months", "kwh"),
    )

    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), primary_key=True
    )
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    village_id: Mapped[int] = mapped_column(Integer)
    kwh: Mapped[float] = mapped_column(Float)
    months: Mapped[int] = mapped_column(Integer)


SOLAR_MONTHS = tuple(f"kwh_{m:02d}" for m in range(1, 13))
# Derived: each household's metered solar output per calendar year, one column per month
# (NULL: no reading that month). The town hall's renewables sum a year of the whole city's
# solar readings by month and list the households that generated: read from here, that is
# one row per household instead of twelve readings. Kept with ``village_month_sums`` and
# trusted only for fresh villages (migration 0015).
household_year_solar = Table(
    "household_year_solar",
    Base.metadata,
    Column(
        "household_id",
        Integer,
        ForeignKey("households.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("year", Integer, primary_key=True),
    Column("village_id", Integer, nullable=False),
    *(Column(name, Float) for name in SOLAR_MONTHS),
    Index("ix_household_year_solar_year", "year", "village_id"),
)


def _village_key() -> Column[int]:
    """The village column that leads a kept per-village table's primary key."""
    return Column(
        "village_id", Integer, ForeignKey("villages.id", ondelete="CASCADE"), primary_key=True
    )


# Derived: the electricity of a village's households per calendar year, summed per span of
# taking part (``first``/``last`` month indexes, as in ``village_household_spans``). The
# electricity of the households taking part in a period is then a sum over a few rows per
# village instead of a row per household (migration 0017). Kept with ``village_month_sums``.
village_year_electricity = Table(
    "village_year_electricity",
    Base.metadata,
    _village_key(),
    Column("year", Integer, primary_key=True),
    Column("first", Integer, primary_key=True),
    Column("last", Integer, primary_key=True),
    Column("kwh", Float, nullable=False),
)


# Derived: the months of each calendar year in which a village has any reading (bit m-1 for
# month m). Readiness counts a year's recorded months per village from these few rows instead
# of asking the readings index about every village and month (migration 0018). Kept with
# ``village_month_sums``.
village_year_recorded = Table(
    "village_year_recorded",
    Base.metadata,
    _village_key(),
    Column("year", Integer, primary_key=True),
    Column("months", Integer, nullable=False),
)


class VillageSumsState(Base):
    """Whether a village's rows in ``village_month_sums`` match its readings. Triggers on
    readings, households, status changes and the cohort year turn ``fresh`` off (migration
    0008); a rebuild turns it on. No row: never built."""

    __tablename__ = "village_sums_state"
    __audit_skip__ = True

    village_id: Mapped[int] = mapped_column(
        ForeignKey("villages.id", ondelete="CASCADE"), primary_key=True
    )
    fresh: Mapped[bool] = mapped_column(Boolean)
    rebuilt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ConversionFactor(Base):
    """A versioned conversion factor (TOE, CO2, gas calorific value), as published."""

    __tablename__ = "conversion_factors"
    __audit_key__ = "key"
    __table_args__ = (
        UniqueConstraint("key", "valid_from"),
        CheckConstraint("value > 0", name="value"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(40))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40))
    basis: Mapped[str] = mapped_column(String(120))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(Text)


class Tariff(Base):
    """What a unit of a carrier costs a household (KRW), from a date: money saved is priced so."""

    __tablename__ = "tariffs"
    __audit_key__ = "carrier"
    __table_args__ = (
        UniqueConstraint("carrier", "valid_from"),
        CheckConstraint(_in("carrier", CARRIERS), name="carrier"),
        CheckConstraint("krw_per_unit >= 0", name="krw_per_unit"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    carrier: Mapped[str] = mapped_column(String(12))
    krw_per_unit: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(12))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(Text)


class AppSetting(Base):
    """Small key/value facts about this store (e.g. that it holds demo data)."""

    __tablename__ = "app_settings"
    __audit_key__ = "key"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


__all__ = [
    "HOUSING_TYPES",
    "LANGUAGES",
    "ROLES",
    "STATUS_REASONS",
    "VILLAGE_STATUSES",
    "AppSetting",
    "AuditEntry",
    "Base",
    "District",
    "LoginThrottle",
    "User",
    "Village",
    "VillageStatusChange",
    "utcnow",
]


# --- the town hall ---------------------------------------------------------------------------


class TownHallStory(Base):
    """A village's own words for the town hall, chosen by staff: a quote, who said it, when.

    The attribution names a group ("성대골 마을 주민위원회"), never a person. Stories of a village
    with fewer households than the town hall's threshold are not shown (energy.townhall).
    """

    __tablename__ = "townhall_stories"
    __table_args__ = (
        CheckConstraint("year BETWEEN 2012 AND 2100", name="year"),
        CheckConstraint("position >= 0", name="position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    village_id: Mapped[int] = mapped_column(
        ForeignKey("villages.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(SmallInteger)
    quote_ko: Mapped[str] = mapped_column(Text)
    quote_en: Mapped[str | None] = mapped_column(Text)
    attribution_ko: Mapped[str] = mapped_column(String(120))
    attribution_en: Mapped[str | None] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(SmallInteger, default=0)  # order on the slides
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    village: Mapped[Village] = relationship()


# Tables of later capabilities live in their own modules; importing them here registers them
# on Base.metadata (Alembic, backups and tests read it from this module).
from energy import models_call, models_organisations, models_training  # noqa: E402,F401
