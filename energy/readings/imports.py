"""Monthly readings: the committee's month grid and file imports, checked before saving.

The flow is the same for both: rows are checked against the village's households, the
file itself and the stored history, giving an :class:`ImportReport` row by row. Nothing is
written until the report has no errors; then everything is written in one transaction
(all or nothing). A value equal to the stored one is a no-op; a different one is a
*conflict* that is written only when the user confirms it.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Collection, Iterable
from typing import Any

import numpy as np
from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session

from energy.calc.metrics import first_of_month, month_from_index, month_index
from energy.core.access import Actor, require_village
from energy.core.i18n import format_quantity
from energy.core.vocabulary import CANONICAL_UNITS, CARRIERS
from energy.readings.check import Progress, RowCheck
from energy.readings.files import Columns, RawRow, ReadingsFile
from energy.readings.report import (
    CheckedReading,
    CheckedRows,
    Conflict,
    ImportChangedMeanwhile,
    ImportRejected,
    ImportReport,
    ImportResult,
    Issue,
)
from energy.readings.writer import CARRIER_INDEX, add_new_households, lookup, pack, write_new
from energy.savings import village_sums
from energy.store.db import record_action, session_for
from energy.store.models.readings import Household, Reading, ReadingBatch
from energy.store.models.villages import Village
from energy.villages.households import village_by_code

# "Far outside the household's own history": beyond median + 3 × IQR of its months.
OUTLIER_IQR_FACTOR = 3.0
OUTLIER_MIN_HISTORY = 6
HISTORY_MONTHS = 36


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
    compare: bool = True,
) -> ImportReport:
    """Check ``rows``, streaming (:class:`~energy.readings.check.RowCheck`): a readings file
    by its parts (a plain CSV file a block of columns at a time), any other rows one by one;
    then (``compare``) sort them by what the store holds (:func:`_compare_with_store`)."""
    report = ImportReport()
    households: dict[str, int] = {
        code: household_id
        for code, household_id in session.execute(
            select(Household.code, Household.id).where(Household.village_id == village.id)
        )
    }
    check = RowCheck(
        session,
        report,
        households,
        register_households=register_households,
        this_month=first_of_month(today),
        progress=progress,
        total=total,
    )
    for part in rows.parts() if isinstance(rows, ReadingsFile) else [rows]:
        if isinstance(part, Columns):
            check.columns(part)
        else:
            check.rows(part)
    report.rows_in = rows_in = check.rows_in
    if progress:
        progress(rows_in, total)
    _drop_duplicates(report)
    if rows_in == 0:
        report.issues.append(Issue(None, None, "import.no_rows", {}))
    report.new_households = sorted(check.unknown)
    if compare:
        _compare_with_store(session, village, report)
    return report


def _households_again(session: Session, village: Village, report: ImportReport) -> None:
    """Inside the write transaction: the checked rows' households as stored now. One
    registered since the check is the file's too; one gone since is the import refused."""
    checked = report.checked
    stored: dict[str, int] = {
        code: household_id
        for code, household_id in session.execute(
            select(Household.code, Household.id).where(Household.village_id == village.id)
        )
    }
    for number, code in enumerate(checked.codes):
        now = stored.get(code)
        if now is None and checked.ids[number] is not None:
            raise ImportChangedMeanwhile("import.households_changed")
        checked.ids[number] = now
    report.new_households = [h for h in report.new_households if h not in stored]


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
                        carrier=CARRIERS[checked.carrier[row]],
                    )
                )
            keep = np.ones(count, dtype=bool)
            keep[order[repeats]] = False
            checked.keep(keep)
    report.issues.sort(key=lambda issue: -1 if issue.line is None else issue.line)


def _shown(value: float) -> str:
    """A value in a message as a person writes it: 1,280 and 31.3, not 1280.0."""
    return format_quantity(value, "ko")


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
        Reading.month >= month_from_index(first - HISTORY_MONTHS),
        Reading.month <= month_from_index(last + 24),
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
    # A value stored already and sent again unchanged (the grid shows the month's stored
    # values) was looked at when it was saved: only what will be written is warned about.
    written = known & ~(found & same)
    for i in np.flatnonzero(found & ~same).tolist():
        line = checked.line[i]
        carrier = CARRIERS[checked.carrier[i]]
        report.conflicts.append(Conflict(
            None if line < 0 else line, checked.codes[checked.code[i]], month_from_index(checked.month[i]),
            carrier, float(before[i]), checked.value[i], CANONICAL_UNITS[carrier],
        ))  # fmt: skip

    # Far outside the household's own history (its stored months up to the file's last).
    history: dict[int, list[float]] = {}
    group_keys = s_owner * 8 + s_carrier
    for group, value in zip(
        group_keys[s_month <= last].tolist(), s_value[s_month <= last].tolist(), strict=True
    ):
        history.setdefault(group, []).append(value)
    # A zero where the household has used the carrier before: a meter not read, a value
    # typed in the wrong cell. Shown as a warning the person confirms, never dropped.
    row_groups = owners * 8 + carriers
    for i in np.flatnonzero(written & (values == 0)).tolist():
        used = [v for v in history.get(int(row_groups[i]), ()) if v > 0]
        if used:
            line = checked.line[i]
            report.issues.append(
                Issue(
                    None if line < 0 else line,
                    "value",
                    "import.zero_value",
                    {
                        "household": checked.codes[checked.code[i]],
                        "typical": _shown(float(np.median(used))),
                        "unit": CANONICAL_UNITS[CARRIERS[checked.carrier[i]]],
                    },
                    severity="warning",
                    carrier=CARRIERS[checked.carrier[i]],
                )
            )
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
    for i in np.flatnonzero(written & has_limit & (values > limit_of_row)).tolist():
        line = checked.line[i]
        report.issues.append(
            Issue(
                None if line < 0 else line,
                "value",
                "import.outlier",
                {
                    "household": checked.codes[checked.code[i]],
                    "value": _shown(checked.value[i]),
                    "limit": _shown(float(limit_of_row[i])),
                    "unit": CANONICAL_UNITS[CARRIERS[checked.carrier[i]]],
                },
                severity="warning",
                carrier=CARRIERS[checked.carrier[i]],
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
    # The file is read and its rows checked in a read transaction, which holds no lock that
    # stops a writer (SQLite in WAL mode, PostgreSQL): however long a file takes to read, or
    # however hostile it is, it never holds the store's write lock.
    with session_for(actor, url=url) as session:
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
            compare=False,
        )
    if not report.ok:
        raise ImportRejected(report)
    # Then the write transaction takes only the checked rows: what the store holds is read
    # inside it (households, stored values), so a write that landed since the check is seen:
    # a value changed meanwhile is a conflict like any other, never silently overwritten.
    with session_for(actor, write=True, bulk=True, url=url) as session:
        village = village_by_code(session, village_code)
        village_id = village.id
        # One import per village at a time: a second waits here, then sees the first's rows
        # as stored (unchanged), never inserts them twice. (SQLite's write transaction
        # already serialises writers; on PostgreSQL this row lock does. NO KEY UPDATE, so
        # that rows referring to the village, like a finished import's rebuilt sums, are not
        # held up by it: a plain FOR UPDATE deadlocked against that rebuild.)
        session.execute(
            select(Village.id).where(Village.id == village.id).with_for_update(key_share=True)
        )
        _households_again(session, village, report)
        _compare_with_store(session, village, report)
        accepted = [
            c
            for c in report.conflicts
            if accept_conflicts is True or (accept_conflicts and c.key in accept_conflicts)
        ]
        if not (report.new or accepted or report.new_households):
            # Nothing changes: nothing is recorded (no batch, no audit entry, no rebuild).
            return ImportResult(None, 0, 0, report.unchanged, len(report.conflicts), report)
        ids = add_new_households(session, village, report, today) if report.new_households else {}
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
            village_id=village.id,
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
    "ImportChangedMeanwhile",
    "ImportRejected",
    "ImportReport",
    "ImportResult",
    "Issue",
]
