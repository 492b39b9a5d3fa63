"""Reading a file of daily mean temperatures into checked days, without the store.

Two formats, told apart by the header:

- **KMA ASOS daily**, as the Korea Meteorological Administration's data portal
  (data.kma.go.kr) exports it: ``지점,지점명,일시,평균기온(°C),...`` (more columns follow and
  are ignored), the day as YYYY-MM-DD, the station in every row's ``지점``. An empty
  ``평균기온`` is a missing observation: that day is simply absent.
- **plain**: ``date,temp_c``, the station given by the caller (default 108, Seoul).

Both are read as a readings file is (:func:`energy.readings.files.csv_records`: CP949,
UTF-8 or UTF-8 with a byte-order mark, within the same bounds). Every problem of a row is an
:class:`~energy.readings.report.Issue` with its file line; a file with any is not imported.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple

from energy.core.vocabulary import DAILY_MEAN_RANGE_C, DEFAULT_WEATHER_STATION
from energy.readings.files import MAX_FIELD_CHARS, FileProblem, csv_records
from energy.readings.report import Issue

# Header names, as KMA and the plain format write them (compared stripped and lower-cased).
KMA_HEADER = {
    "지점": "station",
    "지점명": "station_name",
    "일시": "day",
    "평균기온(°c)": "mean_c",
    "평균기온(℃)": "mean_c",
}
PLAIN_HEADER = {"date": "day", "temp_c": "mean_c"}
DAY_PATTERN = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# A temperature as a person or KMA writes it: a sign, at most three digits, a decimal point.
TEMPERATURE_PATTERN = re.compile(r"^[+-]?[0-9]{1,3}(\.[0-9]{1,6})?$")
STATION_PATTERN = re.compile(r"^[0-9]{1,4}$")


class Day(NamedTuple):
    """One day's mean temperature as the file gives it, with its file line."""

    line: int
    day: dt.date
    mean_c: float


@dataclass
class TemperatureFile:
    """What a file holds: its format (``kma_asos`` or ``csv``), its one station, the checked
    days in file order, and every problem found."""

    source: str
    station: int
    days: list[Day] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    rows_in: int = 0
    missing: int = 0  # KMA rows with no observation (an empty mean temperature)
    station_name: str = ""  # a KMA file's 지점명 (used to register a station not known yet)

    @property
    def ok(self) -> bool:
        return not self.issues


class _Layout(NamedTuple):
    source: str
    width: int
    station: int  # -1: the plain format has no station column
    day: int
    mean_c: int
    station_name: int = -1  # -1: no 지점명 column

    @property
    def needed(self) -> int:
        return max(self.station, self.day, self.mean_c) + 1


def _layout(cells: list[str]) -> _Layout:
    names = [cell.strip().lstrip("\ufeff").strip().lower().replace(" ", "") for cell in cells]
    for source, header in (("kma_asos", KMA_HEADER), ("csv", PLAIN_HEADER)):
        found: dict[str, int] = {}
        for index, name in enumerate(names):
            if name in header:
                found.setdefault(header[name], index)
        if {"day", "mean_c"} <= set(found) and (source == "csv" or "station" in found):
            return _Layout(
                source,
                len(cells),
                found.get("station", -1),
                found["day"],
                found["mean_c"],
                found.get("station_name", -1),
            )
    raise FileProblem("weather.header")


def _records(source: bytes | Path | IO[bytes]) -> Iterator[tuple[int, list[str]]]:
    """The file's records, blank lines left out."""
    for line, cells in csv_records(source):
        if "".join(cells).strip():
            yield line, cells


def parse_day(text: str) -> dt.date | None:
    """A YYYY-MM-DD day, or None."""
    if not DAY_PATTERN.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def parse_temperature(text: str) -> float | None:
    """A temperature in °C as written (``-3.2``, ``+0.5``, ``21``), or None. Thousands
    separators and decimal commas are refused, never guessed."""
    if not TEMPERATURE_PATTERN.match(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


class _RowCheck:
    """The checks of one file's rows, in order: its station (once known) and its days so far."""

    def __init__(self, layout: _Layout, result: TemperatureFile, expected: int | None,
                 today: dt.date) -> None:  # fmt: skip
        self.layout, self.result, self.expected, self.today = layout, result, expected, today
        self.seen: dict[dt.date, int] = {}

    def row(self, line: int, cells: list[str]) -> None:
        """Judge one row: its day is kept, or its problems are the file's issues."""
        layout, result = self.layout, self.result
        problems: list[Issue] = []

        def fail(column: str | None, key: str, **params: Any) -> None:
            problems.append(Issue(line, column, key, params))

        if len(cells) < layout.needed:
            fail(None, "import.field_count", got=len(cells), expected=layout.width)
        elif max(map(len, cells)) > MAX_FIELD_CHARS:
            fail(None, "import.field_too_long")
        else:
            if layout.station >= 0:
                self._station(cells[layout.station].strip(), fail)
            if 0 <= layout.station_name < len(cells) and not result.station_name:
                result.station_name = cells[layout.station_name].strip()[:40]
            day = self._day(cells[layout.day].strip(), fail, line)
            text = cells[layout.mean_c].strip()
            low, high = DAILY_MEAN_RANGE_C
            mean_c = parse_temperature(text)
            if not text and layout.source == "kma_asos":  # no observation that day
                result.missing += not problems
            elif not text:
                fail("temp_c", "weather.temp_missing")
            elif mean_c is None:
                fail("temp_c", "weather.temp_not_number", value=text[:20])
            elif not low <= mean_c <= high:
                fail(
                    "temp_c",
                    "weather.temp_out_of_range",
                    value=text,
                    low=f"{low:g}",
                    high=f"{high:g}",
                )
            elif day is not None and not problems:
                result.days.append(Day(line, day, mean_c))
        result.issues.extend(problems)

    def _station(self, text: str, fail: Any) -> None:
        if not STATION_PATTERN.match(text):
            fail("station", "weather.station_format", value=text[:20])
        elif self.expected is None:
            self.expected = self.result.station = int(text)
        elif int(text) != self.expected:
            fail("station", "weather.station_mixed", value=int(text), station=self.expected)

    def _day(self, text: str, fail: Any, line: int) -> dt.date | None:
        day = parse_day(text)
        if day is None:
            fail("date", "weather.day_format", value=text[:20])
        elif day > self.today:
            fail("date", "weather.day_future", value=text)
        elif day in self.seen:
            fail("date", "weather.day_twice", day=text, first=self.seen[day])
        else:
            self.seen[day] = line
            return day
        return None


def read_temperatures(
    source: bytes | Path | IO[bytes], *, station: int | None = None, today: dt.date | None = None
) -> TemperatureFile:
    """The checked days of a KMA ASOS daily file or a plain ``date,temp_c`` file.

    ``station``: the station the file must be of (a KMA file's rows must all name it), or of
    a plain file (default :data:`~energy.core.vocabulary.DEFAULT_WEATHER_STATION`); for a KMA
    file without it, the first row's station. :class:`FileProblem` when the file as a whole
    cannot be read; every row's problem is an issue of the result.
    """
    records = _records(source)
    first = next(records, None)
    if first is None:
        raise FileProblem("import.empty_file")
    layout = _layout(first[1])
    result = TemperatureFile(layout.source, station or DEFAULT_WEATHER_STATION)
    check = _RowCheck(layout, result, station, today or dt.date.today())
    for line, cells in records:
        result.rows_in += 1
        check.row(line, cells)
    if result.rows_in == 0:
        result.issues.append(Issue(None, None, "import.no_rows", {}))
    return result
