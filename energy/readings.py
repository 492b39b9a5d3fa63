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
from collections.abc import Callable, Collection, Iterable
from typing import Any

import numpy as np
from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session

from energy import village_sums
from energy.access import Actor, require_village
from energy.db import record_action, session_for
from energy.factors import factors_at
from energy.households import HOUSEHOLD_CODE_PATTERN, village_by_code
from energy.models import CANONICAL_UNITS, CARRIERS, Household, Reading, ReadingBatch, Village
from energy.readings_file import RawRow
from energy.readings_report import (
    CheckedReading,
    CheckedRows,
    Conflict,
    ImportRejected,
    ImportReport,
    ImportResult,
    Issue,
)
from energy.readings_store import (
    CARRIER_INDEX,
    add_new_households,
    lookup,
    month_index,
    month_of,
    pack,
    write_new,
)

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
CALORIFIC = -1.0  # the unit scale of gas in m³: the month's calorific value
Progress = Callable[[int, int | None], None]


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


def _unit_scale(carrier: str, unit_text: str) -> float | None:
    """The factor to the stored unit; :data:`CALORIFIC` for gas in m³; None if unknown."""
    unit = unit_text.strip().lower().replace(" ", "") or CANONICAL_UNITS[carrier].lower()
    aliases = UNIT_ALIASES[carrier]
    if unit not in aliases:
        return None
    scale = aliases[unit]
    return CALORIFIC if scale is None else scale


def _calorific(session: Session, month: int, cache: dict[int, float]) -> float:
    """Gas MJ per m³ valid in ``month`` (a versioned factor); 0.0 when none is set."""
    if month not in cache:
        cache[month] = factors_at(session, month_of(month)).value("gas.mj_per_m3") or 0.0
    return cache[month]


def _outlier_limits(values: list[float]) -> float | None:
    if len(values) < OUTLIER_MIN_HISTORY:
        return None
    quartiles = statistics.quantiles(values, n=4)
    iqr = quartiles[2] - quartiles[0]
    return statistics.median(values) + OUTLIER_IQR_FACTOR * iqr if iqr > 0 else None


def _row_issues(
    report: ImportReport,
    row: RawRow,
    households: dict[str, int],
    register_households: bool,
    this_month: dt.date,
) -> None:
    """Every problem of a row that failed the fast checks, field by field."""

    def fail(column: str | None, key: str, **params: Any) -> None:
        report.issues.append(Issue(row.line, column, key, params))

    if row.value.startswith("\x00too-long"):
        fail(None, "import.field_too_long")
        return
    if row.value.startswith("\x00fields:"):
        _, got, expected = row.value.split(":")
        fail(None, "import.field_count", got=got, expected=expected)
        return
    code = row.household.strip()
    if not code:
        fail("household", "import.household_missing")
    elif not HOUSEHOLD_CODE_PATTERN.match(code):
        fail("household", "import.household_format", value=code[:40])
    elif code not in households and not register_households:
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
    if carrier is not None and _unit_scale(carrier, row.unit) is None:
        fail("unit", "import.unit_unknown", value=row.unit[:20], carrier=carrier,
             units=", ".join(u for u in UNIT_ALIASES[carrier] if u.isascii()))  # fmt: skip


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
    """Check ``rows`` one by one, streaming: each distinct household, month, carrier and unit
    text is judged once, and the rows that pass are kept column by column."""
    report = ImportReport()
    checked = report.checked
    households: dict[str, int] = {
        code: household_id
        for code, household_id in session.execute(
            select(Household.code, Household.id).where(Household.village_id == village.id)
        )
    }
    this_month = month_start(today)
    newest, oldest = month_index(this_month), month_index(EARLIEST_MONTH)
    codes: dict[str, int] = {}  # text → household number, or -1 when the text is not valid
    months: dict[str, int] = {}  # text → month index, or -1
    carriers: dict[str, int] = {}  # text → carrier index, or -1
    scales: list[dict[str, float | None]] = [{} for _ in CARRIERS]
    calorific: dict[int, float] = {}
    unknown: dict[str, int | None] = {}
    rows_in = 0
    lines, numbers, month_column = checked.line.append, checked.code.append, checked.month.append
    carrier_column, values = checked.carrier.append, checked.value.append
    for row in rows:
        rows_in += 1
        if progress and rows_in % CHUNK_ROWS == 0:
            progress(rows_in, total)
        line, code_text, month_text, carrier_text, value_text, unit_text = row
        code = codes.get(code_text)
        if code is None:
            code = codes[code_text] = _household_number(
                checked, code_text, households, register_households, unknown, line
            )
        month = months.get(month_text)
        if month is None:
            parsed = parse_month(month_text)
            month = months[month_text] = -1 if parsed is None else month_index(parsed)
        carrier = carriers.get(carrier_text)
        if carrier is None:
            name = CARRIER_ALIASES.get(carrier_text.strip().lower())
            carrier = carriers[carrier_text] = -1 if name is None else CARRIER_INDEX[name]
        try:
            number: float | None = float(value_text) if len(value_text) <= 30 else None
        except ValueError:
            number = parse_value(value_text)
        scale = scales[carrier].get(unit_text, 0.0) if carrier >= 0 else None
        if scale == 0.0:
            scale = scales[carrier][unit_text] = _unit_scale(CARRIERS[carrier], unit_text)
        # (NaN fails the range test; infinities are out of range.)
        if (
            code < 0
            or not oldest <= month <= newest
            or carrier < 0
            or number is None
            or not 0 <= number <= MAX_VALUE
            or scale is None
        ):
            _row_issues(report, row, households, register_households, this_month)
            continue
        if scale == CALORIFIC:
            scale = _calorific(session, month, calorific)
            if not scale:
                report.issues.append(Issue(line, "unit", "import.unit_unknown", {
                    "value": unit_text[:20], "carrier": "gas",
                    "units": ", ".join(u for u in UNIT_ALIASES["gas"] if u.isascii())}))  # fmt: skip
                continue
        lines(-1 if line is None else line)
        numbers(code)
        month_column(month)
        carrier_column(carrier)
        values(number * scale)
    report.rows_in = rows_in
    if progress:
        progress(rows_in, total)
    _drop_duplicates(report)
    if rows_in == 0:
        report.issues.append(Issue(None, None, "import.no_rows", {}))
    report.new_households = sorted(unknown)
    _compare_with_store(session, village, report)
    return report


def _household_number(
    checked: CheckedRows,
    text: str,
    households: dict[str, int],
    register_households: bool,
    unknown: dict[str, int | None],
    line: int | None,
) -> int:
    code = text.strip()
    if not code or not HOUSEHOLD_CODE_PATTERN.match(code):
        return -1
    household_id = households.get(code)
    if household_id is None:
        if not register_households:
            return -1
        unknown.setdefault(code, line)
    return checked.household(code, household_id)


def _drop_duplicates(report: ImportReport) -> None:
    """A (household, month, carrier) named twice in the file: the later rows are errors
    that point at the first, and are left out of the checked rows."""
    checked = report.checked
    count = len(checked)
    if count > 1:
        keys = pack(
            np.asarray(checked.code), np.asarray(checked.month), np.asarray(checked.carrier)
        )
        order = np.argsort(keys, kind="stable")  # a run of equal keys keeps the file's order
        ordered = keys[order]
        starts = np.empty(count, dtype=bool)
        starts[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
        if not starts.all():
            run_first = np.maximum.accumulate(np.where(starts, np.arange(count), 0))
            repeats = np.flatnonzero(~starts)
            lines = np.asarray(checked.line)
            for row, first in sorted(zip(order[repeats], order[run_first[repeats]], strict=True)):
                line, first_line = int(lines[row]), int(lines[first])
                report.issues.append(
                    Issue(
                        None if line < 0 else line,
                        None,
                        "import.duplicate",
                        {"first": first_line if first_line >= 0 else "-"},
                    )
                )
            keep = np.ones(count, dtype=bool)
            keep[order[repeats]] = False
            checked.keep(keep)
    report.issues.sort(key=lambda issue: -1 if issue.line is None else issue.line)


def _compare_with_store(session: Session, village: Village, report: ImportReport) -> None:
    """Sort checked rows into new / unchanged / conflicting, and flag far-out values.

    Column by column (numpy): a million rows are compared in a fraction of a second."""
    checked = report.checked
    owners = checked.owners()
    known = owners >= 0
    if not known.any():
        report.fresh = np.arange(len(checked), dtype=np.int64)
        return
    months = np.asarray(checked.month)
    carriers = np.asarray(checked.carrier).astype(np.int64)
    values = np.asarray(checked.value)
    first, last = int(months[known].min()), int(months[known].max())
    query = select(Reading.household_id, Reading.carrier, Reading.month, Reading.value).where(
        Reading.village_id == village.id,
        Reading.month >= month_of(first - HISTORY_MONTHS),
        Reading.month <= month_of(last + 24),
    )
    stored_rows = session.execute(query).all()
    month_numbers: dict[Any, int] = {}
    for when in {row[2] for row in stored_rows}:
        month_numbers[when] = month_index(when)
    s_owner = np.fromiter((row[0] for row in stored_rows), np.int64, len(stored_rows))
    s_carrier = np.fromiter(
        (CARRIER_INDEX[row[1]] for row in stored_rows), np.int64, len(stored_rows)
    )
    s_month = np.fromiter(
        (month_numbers[row[2]] for row in stored_rows), np.int64, len(stored_rows)
    )
    s_value = np.fromiter((row[3] for row in stored_rows), np.float64, len(stored_rows))
    del stored_rows
    s_keys = pack(s_owner, s_month, s_carrier)
    order = np.argsort(s_keys)
    report.stored_keys, report.stored_values = s_keys[order], s_value[order]

    keys = pack(owners, months, carriers)
    found, before = lookup(report.stored_keys, report.stored_values, keys)
    found &= known
    same = np.abs(before - values) <= np.maximum(
        1e-9 * np.maximum(np.abs(before), np.abs(values)), 1e-9
    )  # math.isclose(rel_tol=1e-9, abs_tol=1e-9), both ways
    report.fresh = np.flatnonzero(~found)
    report.unchanged = int(np.count_nonzero(found & same))
    for i in np.flatnonzero(found & ~same).tolist():
        line = checked.line[i]
        carrier = CARRIERS[checked.carrier[i]]
        report.conflicts.append(Conflict(
            None if line < 0 else line, checked.codes[checked.code[i]], month_of(checked.month[i]),
            carrier, float(before[i]), checked.value[i], CANONICAL_UNITS[carrier],
        ))  # fmt: skip

    # Far outside the household's own history (its stored months up to the file's last).
    history: dict[int, list[float]] = {}
    group_keys = s_owner * 8 + s_carrier
    for group, value in zip(
        group_keys[s_month <= last].tolist(), s_value[s_month <= last].tolist(), strict=True
    ):
        history.setdefault(group, []).append(value)
    limits = {
        group: limit
        for group, vals in history.items()
        if (limit := _outlier_limits(vals)) is not None
    }
    if not limits:
        return
    groups = sorted(limits)
    has_limit, limit_of_row = lookup(
        np.array(groups, dtype=np.int64),
        np.array([limits[group] for group in groups]),
        owners * 8 + carriers,
    )
    for i in np.flatnonzero(known & has_limit & (values > limit_of_row)).tolist():
        line = checked.line[i]
        report.issues.append(
            Issue(
                None if line < 0 else line,
                "value",
                "import.outlier",
                {
                    "household": checked.codes[checked.code[i]],
                    "value": round(checked.value[i], 1),
                    "limit": round(float(limit_of_row[i]), 1),
                    "unit": CANONICAL_UNITS[CARRIERS[checked.carrier[i]]],
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
    rebuild_sums: bool = True,
) -> ImportResult:
    """Check ``rows`` and save them all in one transaction, or raise :class:`ImportRejected`.

    Then (``rebuild_sums``) the village's kept monthly sums are rebuilt in a second
    transaction, so the next programme page reads them ready-made; until then, or if that
    step is interrupted, the village counts as stale and its figures come from its readings.

    ``accept_conflicts``: True to overwrite every differing stored value, or the keys
    (household, carrier, month) the user confirmed; other conflicts keep the stored value.
    """
    today = today or dt.date.today()
    with session_for(actor, write=True, bulk=True, url=url) as session:
        village = village_by_code(session, village_code)
        village_id = village.id
        require_village(actor, village.id, "tracking.write")
        # One import per village at a time: a second waits here, then sees the first's rows
        # as stored (unchanged), never inserts them twice. (SQLite's write transaction
        # already serialises writers; on PostgreSQL this row lock does. NO KEY UPDATE, so
        # that rows referring to the village, like a finished import's rebuilt sums, are not
        # held up by it: a plain FOR UPDATE deadlocked against that rebuild.)
        session.execute(
            select(Village.id).where(Village.id == village.id).with_for_update(key_share=True)
        )
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
        ids = add_new_households(session, village, report, today) if report.new_households else {}
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
        added = write_new(session.connection(), village.id, batch.id, report, ids)
        by_code = dict(zip(report.checked.codes, report.checked.ids, strict=True))
        for conflict in accepted:  # the update trigger carries each new value forward
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
                "added": added,
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
        result = ImportResult(
            batch.id,
            added,
            len(accepted),
            report.unchanged,
            len(report.conflicts) - len(accepted),
            report,
        )
    if rebuild_sums:
        village_sums.rebuild_villages(actor, [village_id], url=url)
    return result


__all__ = [
    "CheckedReading",
    "CheckedRows",
    "Conflict",
    "ImportRejected",
    "ImportReport",
    "ImportResult",
    "Issue",
]
