"""Weather stations, their daily mean temperatures, the batches that brought them, and which
station serves a village.

A station is known by KMA's station number (108 is Seoul). A temperature is unique per
station and day, so a repeated import never doubles a day; who brought it and from where
lives on its batch. A village with no row in ``village_weather_stations`` is served by the
default station (``energy.core.vocabulary.DEFAULT_WEATHER_STATION``): the villages table
itself is unchanged.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from energy.core.vocabulary import DAILY_MEAN_RANGE_C, WEATHER_SOURCES
from energy.store.models.base import Base, UTCDateTime, in_, utcnow


class WeatherStation(Base):
    """A KMA observing station (ASOS), by its number: 108 is 서울 / Seoul."""

    __tablename__ = "weather_stations"
    __audit_key__ = "code"
    __table_args__ = (CheckConstraint("code BETWEEN 1 AND 9999", name="code"),)

    code: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name_ko: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(60))


class WeatherBatch(Base):
    """One import of daily temperatures (a KMA file, a plain CSV file, the demo)."""

    __tablename__ = "weather_batches"
    __table_args__ = (CheckConstraint(in_("source", WEATHER_SOURCES), name="source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    station_code: Mapped[int] = mapped_column(ForeignKey("weather_stations.code"), index=True)
    source: Mapped[str] = mapped_column(String(12))
    filename: Mapped[str | None] = mapped_column(String(255))
    rows_in: Mapped[int] = mapped_column(Integer, default=0)
    added: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class DailyTemperature(Base):
    """A station's mean temperature of one day (°C). A day with no observation has no row."""

    __tablename__ = "daily_temperatures"
    __audit_skip__ = True  # written in bulk; each batch writes its own audit entry
    __table_args__ = (
        UniqueConstraint("station_code", "day"),
        CheckConstraint(
            f"mean_c BETWEEN {DAILY_MEAN_RANGE_C[0]} AND {DAILY_MEAN_RANGE_C[1]}", name="mean_c"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    station_code: Mapped[int] = mapped_column(ForeignKey("weather_stations.code"))
    day: Mapped[dt.date] = mapped_column(Date)
    mean_c: Mapped[float] = mapped_column(Float)
    batch_id: Mapped[int] = mapped_column(ForeignKey("weather_batches.id"))


class VillageWeatherStation(Base):
    """The station whose temperatures stand for a village's weather, where it is not the
    default one."""

    __tablename__ = "village_weather_stations"
    __audit_village__ = "village_id"
    __audit_key__ = "village_id"

    village_id: Mapped[int] = mapped_column(
        ForeignKey("villages.id", ondelete="CASCADE"), primary_key=True
    )
    station_code: Mapped[int] = mapped_column(ForeignKey("weather_stations.code"))
