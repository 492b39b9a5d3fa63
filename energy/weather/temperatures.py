"""Reading daily temperatures: a station's days as a series, the station serving a village,
and how much of each year a station's record covers.

Temperatures are public reference data: any signed-in role reads them (``weather.read``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import asdict, dataclass

import pandas as pd
from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from energy.core.access import Actor, require, require_village
from energy.core.errors import NotFound
from energy.core.vocabulary import DEFAULT_WEATHER_STATION
from energy.store.db import session_for
from energy.store.models.villages import Village
from energy.store.models.weather import (
    DailyTemperature,
    VillageWeatherStation,
    WeatherBatch,
    WeatherStation,
)
from energy.villages.households import village_by_code


def daily_temperatures(
    actor: Actor, station: int, start: dt.date, end: dt.date, *, url: str | None = None
) -> pd.Series:
    """The daily mean temperatures (°C) of ``station`` from ``start`` to ``end`` inclusive:
    a float series named ``mean_c`` on a :class:`pandas.DatetimeIndex` of days (named
    ``day``, midnight, no time zone), in order. A day with no observation is absent."""
    require(actor, "weather.read")
    with session_for(actor, url=url) as session:
        rows = session.execute(
            select(DailyTemperature.day, DailyTemperature.mean_c)
            .where(
                DailyTemperature.station_code == station,
                DailyTemperature.day >= start,
                DailyTemperature.day <= end,
            )
            .order_by(DailyTemperature.day)
        ).all()
    index = pd.DatetimeIndex([pd.Timestamp(day) for day, _ in rows], name="day")
    return pd.Series([mean_c for _, mean_c in rows], index=index, name="mean_c", dtype=float)


def temperature_sources(
    actor: Actor, station: int, start: dt.date, end: dt.date, *, url: str | None = None
) -> tuple[str, ...]:
    """Where the days of ``station`` from ``start`` to ``end`` came from (``kma_asos``,
    ``csv``, ``demo``), so that a figure made from the demo's made-up weather says so."""
    require(actor, "weather.read")
    with session_for(actor, url=url) as session:
        found = session.scalars(
            select(WeatherBatch.source)
            .join(DailyTemperature, DailyTemperature.batch_id == WeatherBatch.id)
            .where(
                DailyTemperature.station_code == station,
                DailyTemperature.day >= start,
                DailyTemperature.day <= end,
            )
            .distinct()
        ).all()
    return tuple(sorted(found))


def _village(session: Session, village: str | int) -> Village:
    if isinstance(village, str):
        return village_by_code(session, village)
    found = session.get(Village, village)
    if found is None:
        raise NotFound("error.unknown_village", code=str(village))
    return found


def station_for_village(actor: Actor, village: str | int, *, url: str | None = None) -> int:
    """The station whose temperatures stand for ``village`` (its code or id): the one set
    for it, else :data:`~energy.core.vocabulary.DEFAULT_WEATHER_STATION` (108, Seoul). A
    committee asks for its own village only."""
    with session_for(actor, url=url) as session:
        found = _village(session, village)
        require_village(actor, found.id, "weather.read")
        station = session.scalar(
            select(VillageWeatherStation.station_code).where(
                VillageWeatherStation.village_id == found.id
            )
        )
    return DEFAULT_WEATHER_STATION if station is None else station


def set_village_station(
    actor: Actor, village: str | int, station: int, *, url: str | None = None
) -> None:
    """Serve ``village`` by ``station`` from now on (audited); the default station clears the
    village's own setting."""
    require(actor, "weather.write")
    with session_for(actor, write=True, url=url) as session:
        found = _village(session, village)
        if session.get(WeatherStation, station) is None:
            known = ", ".join(str(c) for c in session.scalars(select(WeatherStation.code)))
            raise NotFound("weather.station_unknown", station=station, known=known)
        row = session.get(VillageWeatherStation, found.id)
        if station == DEFAULT_WEATHER_STATION:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(VillageWeatherStation(village_id=found.id, station_code=station))
        else:
            row.station_code = station


@dataclass(frozen=True)
class StationYear:
    """How much of one calendar year a station's record covers."""

    station: int
    name_ko: str
    name_en: str
    year: int
    days: int
    days_in_year: int
    first: dt.date
    last: dt.date

    def as_json(self) -> dict[str, object]:
        return {**asdict(self), "first": self.first.isoformat(), "last": self.last.isoformat()}


def coverage(
    actor: Actor, *, station: int | None = None, url: str | None = None
) -> list[StationYear]:
    """Per station (or only ``station``) and calendar year: the days stored and the days the
    year has, by station and year."""
    require(actor, "weather.read")
    year = extract("year", DailyTemperature.day)
    query = (
        select(
            DailyTemperature.station_code,
            WeatherStation.name_ko,
            WeatherStation.name_en,
            year,
            func.count(),
            func.min(DailyTemperature.day),
            func.max(DailyTemperature.day),
        )
        .join(WeatherStation, WeatherStation.code == DailyTemperature.station_code)
        .group_by(
            DailyTemperature.station_code, WeatherStation.name_ko, WeatherStation.name_en, year
        )
        .order_by(DailyTemperature.station_code, year)
    )
    if station is not None:
        query = query.where(DailyTemperature.station_code == station)
    with session_for(actor, url=url) as session:
        rows = session.execute(query).all()
    return [
        StationYear(
            code, name_ko, name_en, int(y), days, 366 if calendar.isleap(int(y)) else 365,
            first, last,
        )
        for code, name_ko, name_en, y, days, first, last in rows
    ]  # fmt: skip
