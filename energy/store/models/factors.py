"""Conversion factors (TOE, CO2, calorific values) and tariffs, versioned by the date they hold from, each with its source."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from energy.core.vocabulary import CARRIERS, TARIFF_SEASONS
from energy.store.models.base import Base, in_


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
        CheckConstraint(in_("carrier", CARRIERS), name="carrier"),
        CheckConstraint("krw_per_unit >= 0", name="krw_per_unit"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    carrier: Mapped[str] = mapped_column(String(12))
    # The price of a unit when the tariff has no tiers (with tiers: the first tier's price).
    krw_per_unit: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(12))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(Text)
    # Charged on every unit besides the tiers' price (KEPCO: climate-environment charge and
    # fuel-cost adjustment), then VAT and a levy on the whole charge (KEPCO: the Electric
    # Power Industry Basis Fund), as fractions (0.1 is 10%). Migration 0020.
    extra_per_unit: Mapped[float] = mapped_column(Float, server_default=text("0"))
    vat_rate: Mapped[float] = mapped_column(Float, server_default=text("0"))
    levy_rate: Mapped[float] = mapped_column(Float, server_default=text("0"))
    # Months (1-12, comma-separated) in which the summer tiers apply; empty: none.
    summer_months: Mapped[str] = mapped_column(String(40), server_default="")
    # True where the price is an approximation rather than a cited table: screens say so.
    indicative: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))

    tiers: Mapped[list[TariffTier]] = relationship(
        order_by="(TariffTier.season, TariffTier.position)", cascade="all, delete-orphan"
    )


class TariffTier(Base):
    """One step of a progressive tariff: the units of a month up to ``up_to`` cost
    ``krw_per_unit`` each, and a month whose use ends in this step pays ``basic_krw``."""

    __tablename__ = "tariff_tiers"
    __table_args__ = (
        UniqueConstraint("tariff_id", "season", "position"),
        CheckConstraint(in_("season", TARIFF_SEASONS), name="season"),
        CheckConstraint("krw_per_unit >= 0 AND basic_krw >= 0", name="prices"),
        CheckConstraint("up_to IS NULL OR up_to > 0", name="up_to"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tariff_id: Mapped[int] = mapped_column(ForeignKey("tariffs.id", ondelete="CASCADE"), index=True)
    season: Mapped[str] = mapped_column(String(8))  # "other" months, or "summer" months
    position: Mapped[int] = mapped_column(SmallInteger)
    up_to: Mapped[float | None] = mapped_column(Float)  # None: the last step, no limit
    basic_krw: Mapped[float] = mapped_column(Float)
    krw_per_unit: Mapped[float] = mapped_column(Float)
