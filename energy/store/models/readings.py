"""Households, their generation units, readings and import batches, and the sums kept from
them per village, month and year so that programme pages stay fast.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Table,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from energy.core.vocabulary import (
    CARRIERS,
    FLOOR_AREA_BANDS,
    GENERATION_KINDS,
    HOUSING_TYPES,
    READING_SOURCES,
)
from energy.store.models.base import Base, UTCDateTime, in_, utcnow


class Household(Base):
    """A participating household, known only by a code its committee chose (never a name)."""

    __tablename__ = "households"
    __audit_village__ = "village_id"
    __table_args__ = (
        UniqueConstraint("village_id", "code"),
        CheckConstraint(in_("housing_type", HOUSING_TYPES), name="housing_type"),
        CheckConstraint(in_("floor_area_band", FLOOR_AREA_BANDS), name="floor_area_band"),
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
    __audit_village__ = ("household_id", "households")
    __table_args__ = (
        CheckConstraint(in_("kind", GENERATION_KINDS), name="kind"),
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
    __audit_village__ = "village_id"
    __table_args__ = (CheckConstraint(in_("source", READING_SOURCES), name="source"),)

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
        CheckConstraint(in_("carrier", CARRIERS), name="carrier"),
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
    instead of the whole history. Rebuilt per village by :mod:`energy.savings.village_sums`; a village
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


# Derived: per village and month, its households taking part that month with a reading of any
# carrier for it (a household counted once whatever its carriers). The districts compare the
# last six months of every village's readings: counted from the readings, that is a distinct
# count over the whole city's half year (2.5 s at ten million readings); read from here, a
# row per village and month (migration 0034). Kept with ``village_month_sums``.
village_month_reported = Table(
    "village_month_reported",
    Base.metadata,
    _village_key(),
    Column("month", Date, primary_key=True),
    Column("households", Integer, nullable=False),
)


class VillageMonthBillSteps(Base):
    """Derived: per village, month, carrier and method, how the counted cells' baseline use
    and actual use fall on the steps of a progressive tariff: ``cells`` whose month ends in
    the step (they pay its basic charge) and ``units`` used within it. The difference between
    the bills of any tariff with the same step limits (``up_to``) is then a sum over these
    rows (:func:`energy.savings.village_sums.grouped_bills`), not a pass over the readings.
    Kept with ``village_month_sums`` (migration 0022); limits that differ from the pricing
    tariff's make the engine bill the readings instead."""

    __tablename__ = "village_month_bill_steps"
    __audit_skip__ = True

    village_id: Mapped[int] = mapped_column(
        ForeignKey("villages.id", ondelete="CASCADE"), primary_key=True
    )
    method: Mapped[str] = mapped_column(String(16), primary_key=True)
    carrier: Mapped[str] = mapped_column(String(12), primary_key=True)
    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    side: Mapped[str] = mapped_column(String(8), primary_key=True)  # baseline or actual
    position: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    up_to: Mapped[float | None] = mapped_column(Float)  # the step's limit; None: the last
    cells: Mapped[int] = mapped_column(Integer)
    units: Mapped[float] = mapped_column(Float)


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
