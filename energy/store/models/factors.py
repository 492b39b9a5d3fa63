"""Conversion factors (TOE, CO2, calorific values) and tariffs, versioned by the date they hold from, each with its source."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from energy.core.vocabulary import CARRIERS
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
    krw_per_unit: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(12))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(Text)
