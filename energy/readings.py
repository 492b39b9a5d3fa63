"""Monthly readings: the committee's month grid and file imports, checked before saving.

The flow is the same for both: rows are checked against the village's households, the
file itself and the stored history, giving an :class:`ImportReport` row by row. Nothing is
written until the report has no errors; then everything is written in one transaction
(all or nothing). A value equal to the stored one is a no-op; a different one is a
*conflict* that is written only when the user confirms it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, insert, select, update
from sqlalchemy.orm import Session

from energy.access import Actor, require_village
from energy.db import record_action, session_for
from energy.errors import EnergyError
from energy.factors import factors_at
from energy.households import HOUSEHOLD_CODE_PATTERN, village_by_code
from energy.i18n import translate
from energy.models import CANONICAL_UNITS, Household, Reading, ReadingBatch, Village
from energy.readings_file import RawRow

# Units a person may type, per carrier, and the factor that brings them to the stored unit.
# Gas in m³ needs the calorific value valid for that month (a versioned factor), see below.
UNIT_ALIASES: dict[str, dict[str, float | None]] = {
    "electricity": {"kwh": 1.0, "mwh": 1000.0, "wh": 0.001},
    "gas": {"mj": 1.0, "gj": 1000.0, "m3": None, "m³": None, "㎥": None, "nm3": None},
    "water": {"m3": 1.0, "m³": 1.0, "㎥": 1.0, "l": 0.001, "톤": 1.0, "ton": 1.0},
    "heat": {"kwh": 1.0, "mwh": 1000.0, "mcal": 1.163, "gcal": 1163.0, "gj": 277.778},
    "solar": {"kwh": 1.0, "wh": 0.001},
}
CARRIER_ALIASES = {
    "electricity": "electricity",
    "electric": "electricity",
    "elec": "electricity",
    "전기": "electricity",
    "gas": "gas",
    "city gas": "gas",
    "가스": "gas",
    "도시가스": "gas",
    "water": "water",
    "수도": "water",
    "물": "water",
    "상수도": "water",
    "heat": "heat",
    "district heating": "heat",
    "지역난방": "heat",
    "난방": "heat",
    "solar": "solar",
    "pv": "solar",
    "태양광": "solar",
    "발전": "solar",
}
MONTH_PATTERN = re.compile(r"^\s*(\d{4})\s*[-./년]\s*(\d{1,2})\s*월?\s*$")
EARLIEST_MONTH = dt.date(2000, 1, 1)
# No household uses more than this in a month in any carrier's unit (a typo guard).
MAX_VALUE = 10_000_000.0
# "Far outside the household's own history": beyond median + 3 × IQR of its months.
OUTLIER_IQR_FACTOR = 3.0
OUTLIER_MIN_HISTORY = 6
HISTORY_MONTHS = 36
CHUNK_ROWS = 5_000
Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class Issue:
    """A problem with one row (``line``) or with the file (``line`` is None)."""

    line: int | None
    column: str | None
    key: str
    params: dict[str, Any]
    severity: str = "error"  # or "warning": shown, but does not stop the import

    def message(self, lang: str) -> str:
        return translate(self.key, lang, **self.params)


@dataclass(frozen=True)
class CheckedReading:
    line: int | None
    household: str
    month: dt.date
    carrier: str
    value: float  # in the carrier's stored unit
    household_id: int | None  # None: a household the import will register


@dataclass(frozen=True)
class Conflict:
    line: int | None
    household: str
    month: dt.date
    carrier: str
    stored: float
    new: float
    unit: str

    @property
    def key(self) -> tuple[str, str, dt.date]:
        return (self.household, self.carrier, self.month)


@dataclass
class ImportReport:
    rows_in: int = 0
    issues: list[Issue] = field(default_factory=list)
    readings: list[CheckedReading] = field(default_factory=list)
    to_insert: list[CheckedReading] = field(default_factory=list)  # not stored yet
    unchanged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    new_households: list[str] = field(default_factory=list)

    @property
    def new(self) -> int:
        return len(self.to_insert)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ImportResult:
    batch_id: int | None
    added: int
    changed: int
    unchanged: int
    dropped: int  # conflicts the user did not confirm: the stored values stay
    report: ImportReport


class ImportRejected(EnergyError):
    """The rows have errors: nothing was saved. ``report`` says which and where."""

    key = "import.rejected"

    def __init__(self, report: ImportReport) -> None:
        super().__init__("import.rejected", errors=len(report.errors))
        self.report = report


def month_start(value: dt.date) -> dt.date:
    return value.replace(day=1)


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def parse_month(text: str) -> dt.date | None:
    match = MONTH_PATTERN.match(text)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, 1)


def parse_value(text: str) -> float | None:
    cleaned = text.strip().replace(",", "").replace(" ", "")
    if not cleaned or len(cleaned) > 30:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _stored_value(
    carrier: str,
    unit_text: str,
    number: float,
    month: dt.date,
    session: Session,
    calorific: dict[dt.date, float],
) -> float | None:
    unit = unit_text.strip().lower().replace(" ", "") or CANONICAL_UNITS[carrier].lower()
    aliases = UNIT_ALIASES[carrier]
    if unit not in aliases:
        return None
    scale = aliases[unit]
    if scale is not None:
        return number * scale
    # Gas in m³: the calorific value valid for that month, from the versioned factor table.
    if month not in calorific:
        mj_per_m3 = factors_at(session, month).value("gas.mj_per_m3")
        calorific[month] = mj_per_m3 or 0.0
    return number * calorific[month] if calorific[month] else None


def _outlier_limits(values: list[float]) -> float | None:
    if len(values) < OUTLIER_MIN_HISTORY:
        return None
    quartiles = statistics.quantiles(values, n=4)
    iqr = quartiles[2] - quartiles[0]
    return statistics.median(values) + OUTLIER_IQR_FACTOR * iqr if iqr > 0 else None


def _check(
    session: Session,
    village: Village,
    rows: Iterable[RawRow],
    *,
    register_households: bool,
    today: dt.date,
    progress: Progress | None,
    total: int | None,
) -> ImportReport:
    report = ImportReport()
    households = {
        h.code: h
        for h in session.scalars(select(Household).where(Household.village_id == village.id))
    }
    seen: dict[tuple[str, str, dt.date], int | None] = {}
    calorific: dict[dt.date, float] = {}
    this_month = month_start(today)
    unknown: dict[str, int | None] = {}
    for row in rows:
        report.rows_in += 1
        if progress and report.rows_in % CHUNK_ROWS == 0:
            progress(report.rows_in, total)
        issues_before = len(report.issues)

        def fail(column: str | None, key: str, row: RawRow = row, **params: Any) -> None:
            report.issues.append(Issue(row.line, column, key, params))

        if row.value.startswith("\x00too-long"):
            fail(None, "import.field_too_long")
            continue
        if row.value.startswith("\x00fields:"):
            _, got, expected = row.value.split(":")
            fail(None, "import.field_count", got=got, expected=expected)
            continue
        code = row.household.strip()
        if not code:
            fail("household", "import.household_missing")
        elif not HOUSEHOLD_CODE_PATTERN.match(code):
            fail("household", "import.household_format", value=code[:40])
        elif code not in households:
            if register_households:
                unknown.setdefault(code, row.line)
            else:
                fail("household", "import.household_unknown", value=code)
        month = parse_month(row.month)
        if month is None:
            fail("month", "import.month_format", value=row.month[:20])
        elif month > this_month:
            fail("month", "import.month_future", value=row.month)
        elif month < EARLIEST_MONTH:
            fail("month", "import.month_too_old", value=row.month)
        carrier = CARRIER_ALIASES.get(row.carrier.strip().lower())
        if carrier is None:
            fail("carrier", "import.carrier_unknown", value=row.carrier[:30])
        number = parse_value(row.value)
        if number is None:
            fail("value", "import.value_not_number", value=row.value[:30])
        elif number < 0:
            fail("value", "import.value_negative", value=row.value)
        elif number > MAX_VALUE:
            fail("value", "import.value_too_large", value=row.value[:30])
        stored: float | None = None
        if carrier is not None and number is not None and month is not None:
            stored = _stored_value(carrier, row.unit, number, month, session, calorific)
            if stored is None:
                fail(
                    "unit",
                    "import.unit_unknown",
                    value=row.unit[:20],
                    carrier=carrier,
                    units=", ".join(u for u in UNIT_ALIASES[carrier] if u.isascii()),
                )
        if len(report.issues) > issues_before or carrier is None or month is None or stored is None:
            continue
        key = (code, carrier, month)
        if key in seen:
            fail(None, "import.duplicate", first=seen[key] if seen[key] is not None else "-")
            continue
        seen[key] = row.line
        household = households.get(code)
        report.readings.append(
            CheckedReading(
                row.line, code, month, carrier, stored, household.id if household else None
            )
        )
    if progress:
        progress(report.rows_in, total)
    if report.rows_in == 0:
        report.issues.append(Issue(None, None, "import.no_rows", {}))
    report.new_households = sorted(unknown)
    _compare_with_store(session, village, report)
    return report


def _compare_with_store(session: Session, village: Village, report: ImportReport) -> None:
    """Sort checked rows into new / unchanged / conflicting, and flag far-out values."""
    known = [r for r in report.readings if r.household_id is not None]
    if not known:
        report.to_insert = list(report.readings)
        return
    first = min(r.month for r in known)
    last = max(r.month for r in known)
    household_ids = {r.household_id for r in known}
    existing: dict[tuple[int, str, dt.date], float] = {}
    history: dict[tuple[int, str], list[float]] = {}
    query = select(Reading.household_id, Reading.carrier, Reading.month, Reading.value).where(
        Reading.village_id == village.id,
        Reading.month >= add_months(first, -HISTORY_MONTHS),
        Reading.month <= last,
    )
    for household_id, carrier, month, value in session.execute(query):
        if household_id not in household_ids:
            continue
        if month >= first:
            existing[(household_id, carrier, month)] = value
        history.setdefault((household_id, carrier), []).append(value)
    limits = {key: _outlier_limits(values) for key, values in history.items()}
    for reading in report.readings:
        if reading.household_id is None:
            report.to_insert.append(reading)
            continue
        stored = existing.get((reading.household_id, reading.carrier, reading.month))
        if stored is None:
            report.to_insert.append(reading)
        elif math.isclose(stored, reading.value, rel_tol=1e-9, abs_tol=1e-9):
            report.unchanged += 1
        else:
            report.conflicts.append(
                Conflict(
                    reading.line,
                    reading.household,
                    reading.month,
                    reading.carrier,
                    stored,
                    reading.value,
                    CANONICAL_UNITS[reading.carrier],
                )
            )
        limit = limits.get((reading.household_id, reading.carrier))
        if limit is not None and reading.value > limit:
            report.issues.append(
                Issue(
                    reading.line,
                    "value",
                    "import.outlier",
                    {
                        "household": reading.household,
                        "value": round(reading.value, 1),
                        "limit": round(limit, 1),
                        "unit": CANONICAL_UNITS[reading.carrier],
                    },
                    severity="warning",
                )
            )


def check_readings(
    actor: Actor,
    village_code: str,
    rows: Iterable[RawRow],
    *,
    register_households: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
    total: int | None = None,
    url: str | None = None,
) -> ImportReport:
    """The report for ``rows``, without saving anything."""
    with session_for(actor, url=url) as session:
        village = village_by_code(session, village_code)
        require_village(actor, village.id, "tracking.write")
        return _check(
            session,
            village,
            rows,
            register_households=register_households,
            today=today or dt.date.today(),
            progress=progress,
            total=total,
        )


def _chunks(items: list[dict[str, Any]], size: int = CHUNK_ROWS) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def import_readings(
    actor: Actor,
    village_code: str,
    rows: Iterable[RawRow],
    *,
    source: str = "import",
    filename: str | None = None,
    register_households: bool = False,
    accept_conflicts: bool | Collection[tuple[str, str, dt.date]] = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
    total: int | None = None,
    url: str | None = None,
) -> ImportResult:
    """Check ``rows`` and save them all in one transaction, or raise :class:`ImportRejected`.

    ``accept_conflicts``: True to overwrite every differing stored value, or the keys
    (household, carrier, month) the user confirmed; other conflicts keep the stored value.
    """
    today = today or dt.date.today()
    with session_for(actor, write=True, url=url) as session:
        village = village_by_code(session, village_code)
        require_village(actor, village.id, "tracking.write")
        report = _check(
            session,
            village,
            rows,
            register_households=register_households,
            today=today,
            progress=progress,
            total=total,
        )
        if not report.ok:
            raise ImportRejected(report)
        ids = _register(session, village, report, today) if report.new_households else {}
        accepted = [
            c
            for c in report.conflicts
            if accept_conflicts is True or (accept_conflicts and c.key in accept_conflicts)
        ]
        batch = ReadingBatch(
            village_id=village.id,
            source=source,
            filename=(filename or "")[:255] or None,
            rows_in=report.rows_in,
            added=report.new,
            changed=len(accepted),
            unchanged=report.unchanged,
            created_by=actor.audit_name,
        )
        session.add(batch)
        session.flush()
        new_rows = [
            {
                "household_id": r.household_id if r.household_id is not None else ids[r.household],
                "village_id": village.id,
                "month": r.month,
                "carrier": r.carrier,
                "value": r.value,
                "batch_id": batch.id,
            }
            for r in report.to_insert
        ]
        for chunk in _chunks(new_rows):
            session.execute(insert(Reading), chunk)
        by_code = {r.household: r.household_id for r in report.readings if r.household_id}
        for conflict in accepted:
            session.execute(
                update(Reading)
                .where(
                    and_(
                        Reading.household_id == by_code[conflict.household],
                        Reading.carrier == conflict.carrier,
                        Reading.month == conflict.month,
                    )
                )
                .values(value=conflict.new, batch_id=batch.id)
            )
        record_action(
            session,
            "import_readings",
            "villages",
            village.code,
            {
                "batch": batch.id,
                "source": source,
                "file": filename,
                "added": len(new_rows),
                "changed": [
                    {
                        "household": c.household,
                        "carrier": c.carrier,
                        "month": c.month.isoformat(),
                        "before": c.stored,
                        "after": c.new,
                    }
                    for c in accepted
                ],
                "unchanged": report.unchanged,
                "dropped": len(report.conflicts) - len(accepted),
                "households_registered": report.new_households,
            },
        )
        return ImportResult(
            batch.id,
            len(new_rows),
            len(accepted),
            report.unchanged,
            len(report.conflicts) - len(accepted),
            report,
        )


def _register(
    session: Session, village: Village, report: ImportReport, today: dt.date
) -> dict[str, int]:
    """Households named in the file that the village does not have yet (when asked)."""
    first_month: dict[str, dt.date] = {}
    for reading in report.readings:
        if reading.household_id is None:
            first_month[reading.household] = min(
                first_month.get(reading.household, today), reading.month
            )
    housing = village.housing_type if village.housing_type != "mixed" else "apartment"
    ids: dict[str, int] = {}
    for code in report.new_households:
        household = Household(
            village_id=village.id,
            code=code,
            housing_type=housing,
            joined_on=first_month.get(code, today),
        )
        session.add(household)
        session.flush()
        ids[code] = household.id
    return ids
