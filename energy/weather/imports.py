"""The import of a file of daily temperatures: all its days or none.

The file is read and checked first (:mod:`energy.weather.files`); a file with any problem
stores nothing (:class:`WeatherRejected`, row by row). Then its days are compared with what
the station holds: a day stored with the same value is left as it is (a re-import is a
no-op); a day stored with another value is a *conflict*, and a file with conflicts stores
nothing (:class:`WeatherConflicts`, day by day) unless the caller asks to ``replace`` them.
Every import that stores something is one batch with one audit entry.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from energy.core.access import Actor, require
from energy.core.errors import EnergyError
from energy.readings.report import Issue
from energy.store.db import record_action, session_for
from energy.store.models.weather import DailyTemperature, WeatherBatch, WeatherStation
from energy.weather.files import Day, read_temperatures

# Rows a bulk insert sends at once.
CHUNK_ROWS = 5_000


@dataclass(frozen=True)
class TemperatureConflict:
    """A day the file gives a value other than the stored one."""

    line: int | None
    day: dt.date
    stored: float
    new: float


@dataclass(frozen=True)
class WeatherImportResult:
    station: int
    source: str
    batch_id: int | None  # None: nothing changed, nothing recorded
    added: int
    changed: int
    unchanged: int
    missing: int  # rows of a KMA file with no observation
    first: dt.date | None  # the file's first and last day
    last: dt.date | None


class WeatherRejected(EnergyError):
    """The file has problems: nothing was saved. ``issues`` says which and where."""

    key = "import.rejected"

    def __init__(self, issues: Sequence[Issue]) -> None:
        super().__init__("import.rejected", errors=len(issues))
        self.issues = list(issues)


class WeatherConflicts(EnergyError):
    """Days of the file differ from the stored ones: nothing was saved (``replace`` stores
    the file's values)."""

    key = "weather.conflicts"

    def __init__(self, conflicts: Sequence[TemperatureConflict]) -> None:
        super().__init__("weather.conflicts", count=len(conflicts))
        self.conflicts = list(conflicts)


def same_temperature(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0.0, abs_tol=1e-9)


def write_days(
    session: Session,
    station: int,
    source: str,
    days: Sequence[tuple[dt.date, float]],
    *,
    filename: str | None = None,
    rows_in: int | None = None,
    changed: int = 0,
    unchanged: int = 0,
) -> int:
    """Insert new ``days`` (none stored yet) of ``station`` under a new batch, in bulk, in the
    session's transaction; the batch's id. The caller audits the batch."""
    batch = WeatherBatch(
        station_code=station,
        source=source,
        filename=(filename or "")[:255] or None,
        rows_in=len(days) if rows_in is None else rows_in,
        added=len(days),
        changed=changed,
        unchanged=unchanged,
        created_by=session.info["actor"].audit_name,
    )
    session.add(batch)
    session.flush()
    rows = [
        {"station_code": station, "day": day, "mean_c": mean_c, "batch_id": batch.id}
        for day, mean_c in days
    ]
    connection = session.connection()
    for start in range(0, len(rows), CHUNK_ROWS):
        connection.execute(insert(DailyTemperature), rows[start : start + CHUNK_ROWS])
    return batch.id


def _known_station(session: Session, station: int, name: str = "") -> None:
    """Lock the station's row (one import per station at a time on PostgreSQL; SQLite's
    write transaction already serialises writers). A station not registered yet is
    registered when the file names it (a KMA file's 지점명), else refused."""
    found = session.scalar(
        select(WeatherStation.code).where(WeatherStation.code == station).with_for_update()
    )
    if found is None and name:
        session.add(WeatherStation(code=station, name_ko=name, name_en=name))
        session.flush()
        return
    if found is None:
        known = ", ".join(str(c) for c in session.scalars(select(WeatherStation.code)))
        raise WeatherRejected(
            [
                Issue(
                    None, "station", "weather.station_unknown", {"station": station, "known": known}
                )
            ]
        )


def _compare(
    session: Session, station: int, days: Sequence[Day]
) -> tuple[list[Day], int, list[TemperatureConflict]]:
    """The file's days not stored yet, how many are stored with the same value, and the
    conflicts."""
    stored: dict[dt.date, float] = dict(
        session.execute(
            select(DailyTemperature.day, DailyTemperature.mean_c).where(
                DailyTemperature.station_code == station,
                DailyTemperature.day >= min(d.day for d in days),
                DailyTemperature.day <= max(d.day for d in days),
            )
        ).all()
    )
    new: list[Day] = []
    unchanged = 0
    conflicts: list[TemperatureConflict] = []
    for day in days:
        before = stored.get(day.day)
        if before is None:
            new.append(day)
        elif same_temperature(before, day.mean_c):
            unchanged += 1
        else:
            conflicts.append(TemperatureConflict(day.line, day.day, before, day.mean_c))
    return new, unchanged, conflicts


def import_temperatures(
    actor: Actor,
    source: bytes | Path | IO[bytes],
    *,
    station: int | None = None,
    filename: str | None = None,
    replace: bool = False,
    today: dt.date | None = None,
    url: str | None = None,
) -> WeatherImportResult:
    """Check a KMA ASOS daily file or a plain ``date,temp_c`` file and store its days in one
    transaction, or raise :class:`WeatherRejected` / :class:`WeatherConflicts` having stored
    nothing. ``station``: see :func:`energy.weather.files.read_temperatures`. ``replace``:
    store the file's value where a stored day differs."""
    require(actor, "weather.write")
    checked = read_temperatures(source, station=station, today=today)
    if not checked.ok:
        raise WeatherRejected(checked.issues)
    days = checked.days
    first = min((d.day for d in days), default=None)
    last = max((d.day for d in days), default=None)
    with session_for(actor, write=True, url=url) as session:
        _known_station(session, checked.station, checked.station_name)
        if not days:  # a KMA file of missing observations only
            return WeatherImportResult(
                checked.station, checked.source, None, 0, 0, 0, checked.missing, None, None
            )
        new, unchanged, conflicts = _compare(session, checked.station, days)
        if conflicts and not replace:
            raise WeatherConflicts(conflicts)
        if not new and not conflicts:
            # Nothing changes: nothing is recorded (no batch, no audit entry).
            return WeatherImportResult(
                checked.station, checked.source, None, 0, 0, unchanged, checked.missing, first, last
            )
        batch_id = write_days(
            session,
            checked.station,
            checked.source,
            [(d.day, d.mean_c) for d in new],
            filename=filename,
            rows_in=checked.rows_in,
            changed=len(conflicts),
            unchanged=unchanged,
        )
        for conflict in conflicts:
            session.execute(
                update(DailyTemperature)
                .where(
                    DailyTemperature.station_code == checked.station,
                    DailyTemperature.day == conflict.day,
                )
                .values(mean_c=conflict.new, batch_id=batch_id)
            )
        record_action(
            session,
            "import_temperatures",
            "weather_stations",
            str(checked.station),
            {
                "batch": batch_id,
                "source": checked.source,
                "file": filename,
                "added": len(new),
                "first": first.isoformat() if first else None,
                "last": last.isoformat() if last else None,
                "changed": [
                    {"day": c.day.isoformat(), "before": c.stored, "after": c.new}
                    for c in conflicts
                ],
                "unchanged": unchanged,
                "missing": checked.missing,
            },
        )
    return WeatherImportResult(
        checked.station,
        checked.source,
        batch_id,
        len(new),
        len(conflicts),
        unchanged,
        checked.missing,
        first,
        last,
    )
