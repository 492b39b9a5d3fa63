"""Writing checked readings in bulk while keeping the history columns exact.

Every reading carries the same month's value one and two years earlier (``value_y1``,
``value_y2``, migration 0004), kept by triggers for any writer. A trigger costs three indexed
statements per inserted row, which made a large import four times slower than it needs to
be. An import already knows the neighbouring values (it reads the village's stored months for
its checks), so for its own inserts it switches the insert triggers off *inside its own
transaction*, writes the history columns itself and updates the later stored rows that now
have an earlier value. Other writers and the update and delete triggers are unaffected:

* SQLite: DDL is transactional, so the insert trigger is dropped and created again within
  the import's write transaction (which holds the store's write lock); no other connection
  ever sees the store without it, and a crash rolls the drop back.
* PostgreSQL: the insert triggers (migration 0008) carry a ``WHEN`` that skips them while
  the transaction-local setting ``energy.history_by_writer`` is ``on``; no lock, no DDL.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice, repeat
from typing import Any

import numpy as np
from sqlalchemy import Table, and_, bindparam, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from energy.calc.metrics import month_from_index
from energy.core.vocabulary import CARRIERS
from energy.readings.report import ImportReport
from energy.store.db import audit_created
from energy.store.models.base import utcnow
from energy.store.models.readings import Household, Reading, VillageSumsState
from energy.store.models.villages import Village

try:  # pyarrow comes with Streamlit; without it PostgreSQL is sent rows one by one
    import pyarrow as pa
    from pyarrow import csv as pa_csv
except ImportError:  # pragma: no cover
    pa = pa_csv = None

HISTORY_SETTING = "energy.history_by_writer"
SQLITE_INSERT_TRIGGERS = ("trg_readings_history_insert", "trg_sums_readings_insert")
COLUMNS = (
    "household_id",
    "village_id",
    "month",
    "carrier",
    "value",
    "batch_id",
    "value_y1",
    "value_y2",
)
CHUNK_ROWS = 5_000
ROWS_PER_STATEMENT = 500  # SQLite: rows bound to one multi-row INSERT (8 values each)
BATCH_ROWS = 50_000  # rows made into Python objects at a time by write_new
# Fewer new rows than this are inserted with the indexes in place, however small the table.
MIN_REBUILD_ROWS = 10_000
SORT_THREADS = 4  # at most this many threads sort a rebuilt index's keys
# A (household or file code, month, carrier) triple as one int, for compact dicts and sets.
MONTH_SPAN = 40_000
CARRIER_INDEX = {carrier: index for index, carrier in enumerate(CARRIERS)}
NO_MONTH = np.iinfo(np.int64).max  # a household with no checked row (none in the file)

Row = tuple[int, int, Any, str, float, int, float | None, float | None]


def pack(owner: np.ndarray, month: np.ndarray, carrier: np.ndarray) -> np.ndarray:
    """(owner, month index, carrier index) triples as one int64 each, column by column.
    The same key ``months`` later is ``key + 8 * months``."""
    keys: np.ndarray = (owner.astype(np.int64) * MONTH_SPAN + month) * 8 + carrier
    return keys


@contextmanager
def history_by_writer(conn: Connection, village_ids: Collection[int]) -> Iterator[None]:
    """Inside the block, inserts into ``readings`` leave the history columns to the writer,
    and do not mark the villages' monthly sums stale row by row: the block marks
    ``village_ids`` stale once at the end (the writer then rebuilds them, see
    :func:`energy.savings.village_sums.rebuild`)."""
    if conn.dialect.name == "sqlite":
        triggers = [
            (name, sql)
            for name, sql in conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?)",
                SQLITE_INSERT_TRIGGERS,
            )
        ]
        for name, _ in triggers:
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
        yield
        for _, sql in triggers:
            conn.exec_driver_sql(sql)
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT set_config('{HISTORY_SETTING}', 'on', true)")
        yield
        conn.exec_driver_sql(f"SELECT set_config('{HISTORY_SETTING}', 'off', true)")
    else:  # pragma: no cover - the app runs on SQLite and PostgreSQL only
        yield
    ids = sorted(set(village_ids))
    for start in range(0, len(ids), 500):
        conn.execute(
            update(VillageSumsState)
            .where(VillageSumsState.village_id.in_(ids[start : start + 500]))
            .values(fresh=False)
        )


def month_binder(conn: Connection) -> Callable[[dt.date], Any]:
    """A month as the store's driver takes it (SQLite keeps dates as ISO text)."""
    month_type = Reading.__table__.c.month.type.dialect_impl(conn.dialect)
    bind = month_type.bind_processor(conn.dialect)
    return bind if bind is not None else (lambda month: month)


def insert_rows(conn: Connection, rows: Iterable[Row], expected: int = 0) -> int:
    """Insert ``rows`` (in :data:`COLUMNS` order, months as :func:`month_binder` gives them)
    by the store driver's fastest path: COPY on PostgreSQL, multi-row INSERTs on SQLite.

    ``expected``: how many rows are coming, if known; on SQLite, at least as many as the
    table holds rebuild its secondary indexes after the insert (:func:`_indexes_built_after`)."""
    driver = conn.connection.driver_connection
    assert driver is not None  # a live connection inside the caller's transaction
    names = ", ".join(COLUMNS)
    count = 0
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
        with (
            driver.cursor() as cursor,
            cursor.copy(f"COPY readings ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    if conn.dialect.name != "sqlite":  # pragma: no cover - the app runs on these two only
        raise NotImplementedError(f"bulk insert into readings on {conn.dialect.name}")
    one = "(" + ", ".join("?" * len(COLUMNS)) + ")"
    limit = driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(COLUMNS)
    per = max(1, min(ROWS_PER_STATEMENT, limit))
    pending = iter(rows)
    rest: list[tuple[Any, ...]] = []

    def statements() -> Iterator[tuple[Any, ...]]:
        while True:
            chunk = tuple(islice(pending, per))
            if len(chunk) < per:
                rest.extend(chunk)
                return
            yield tuple(chain.from_iterable(chunk))

    cursor = driver.cursor()
    try:
        with _indexes_built_after(cursor, expected):
            # Streams: the driver takes one statement of ``per`` rows at a time. For 1M
            # rows, 1.5 s against 2.2 s for one statement per row (the same values bound).
            cursor.executemany(
                f"INSERT INTO readings ({names}) VALUES {', '.join([one] * per)}", statements()
            )
            count = max(0, int(cursor.rowcount))
            cursor.executemany(f"INSERT INTO readings ({names}) VALUES {one}", rest)
            count += max(0, int(cursor.rowcount))
    finally:
        cursor.close()
    return count


@dataclass(frozen=True)
class NewReadings:
    """Readings to insert, column by column: one village's, from one batch."""

    village_id: int
    batch_id: int
    household_id: np.ndarray  # int64
    month: np.ndarray  # month indexes (energy.calc.metrics.month_index)
    carrier: np.ndarray  # indexes into CARRIERS
    value: np.ndarray  # float64, in the carrier's stored unit
    has_y1: np.ndarray  # bool: the same month a year earlier is known ...
    value_y1: np.ndarray  # ... and its value (anything where it is not)
    has_y2: np.ndarray
    value_y2: np.ndarray

    def __len__(self) -> int:
        return len(self.value)

    def rows(self, conn: Connection) -> Iterator[Row]:
        """The rows as :func:`insert_rows` takes them."""
        months, carrier_names = self.months(month_binder(conn)), np.array(CARRIERS, dtype=object)
        for start in range(0, len(self), BATCH_ROWS):
            part = slice(start, start + BATCH_ROWS)
            yield from zip(
                self.household_id[part].tolist(),
                repeat(self.village_id),
                months(self.month[part]).tolist(),
                carrier_names[self.carrier[part]].tolist(),
                self.value[part].tolist(),
                repeat(self.batch_id),
                nullable(self.has_y1[part], self.value_y1[part]),
                nullable(self.has_y2[part], self.value_y2[part]),
            )

    def months(self, bind: Callable[[dt.date], Any]) -> Callable[[np.ndarray], np.ndarray]:
        """Month indexes to months as ``bind`` gives them (each distinct month bound once)."""
        if not len(self.month):
            return lambda months: np.empty(0, dtype=object)
        first = int(self.month.min())
        table = np.empty(int(self.month.max()) - first + 1, dtype=object)
        for month in np.unique(self.month).tolist():
            table[month - first] = bind(month_from_index(month))
        return lambda months: table[months - first]

    def arrow(self, part: slice) -> Any:
        """The rows of ``part`` as a pyarrow table in :data:`COLUMNS` order."""
        count = len(self.value[part])
        epoch = np.datetime64("1970-01", "M")
        months = (epoch + (self.month[part] - 1970 * 12)).astype("datetime64[D]")
        return pa.table(
            [
                pa.array(self.household_id[part]),
                pa.array(np.full(count, self.village_id, dtype=np.int64)),
                pa.array(months),
                pa.array(np.array(CARRIERS, dtype=object)[self.carrier[part]], pa.string()),
                pa.array(self.value[part]),
                pa.array(np.full(count, self.batch_id, dtype=np.int64)),
                pa.array(self.value_y1[part], mask=~self.has_y1[part]),
                pa.array(self.value_y2[part], mask=~self.has_y2[part]),
            ],
            names=list(COLUMNS),
        )


def insert_columns(conn: Connection, new: NewReadings) -> int:
    """Insert ``new`` as :func:`insert_rows` does, row for row. On PostgreSQL the rows are
    ``COPY``'d as CSV text that pyarrow writes column by column, not one ``write_row`` call a
    row: 0.4-0.6 s of the client's processor time for 1M rows instead of 1.8 s, time that the
    server, on the same cores, gets instead. SQLite takes :meth:`NewReadings.rows` (binding
    flat lists of values instead of row tuples cost the same: SQLite's own work is the cost)."""
    count = len(new)
    if not count:
        return 0
    driver = conn.connection.driver_connection
    assert driver is not None  # a live connection inside the caller's transaction
    names = ", ".join(COLUMNS)
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg" and pa is not None:
        with (
            driver.cursor() as cursor,
            cursor.copy(f"COPY readings ({names}) FROM STDIN WITH (FORMAT csv)") as copy,
        ):
            options = pa_csv.WriteOptions(include_header=False, quoting_style="none")
            for start in range(0, count, BATCH_ROWS):
                sink = io.BytesIO()
                pa_csv.write_csv(new.arrow(slice(start, start + BATCH_ROWS)), sink, options)
                copy.write(sink.getbuffer())
        return count
    return insert_rows(conn, new.rows(conn), expected=count)


@contextmanager
def _indexes_built_after(cursor: Any, expected: int) -> Iterator[None]:
    """SQLite: when ``expected`` new rows are at least as many as ``readings`` holds, drop its
    secondary indexes but the partial ones for the block and build them again from their
    stored SQL after it, in the same transaction (no other connection sees the table without
    them; a rollback keeps them). One sort of the whole table costs less than as many
    scattered index inserts: for 1M rows into an empty table, 0.8 s instead of 1.6 s. The
    unique key's index belongs to the table's constraint and stays."""
    stored = cursor.execute("SELECT max(id) FROM readings").fetchone()[0] or 0  # ids only grow
    if expected < max(stored, MIN_REBUILD_ROWS):
        yield
        return
    # A partial index (the solar readings') stays: it takes the few rows it holds as they
    # come, where building it again would read the whole table once more (0.07 s of 1M rows).
    partial = {row[1] for row in cursor.execute("PRAGMA index_list(readings)") if row[4]}
    indexes = [
        (name, sql)
        for name, sql in cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'readings' AND sql IS NOT NULL"
        ).fetchall()
        if name not in partial
    ]
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    yield
    if not indexes:
        return
    # SQLite sorts an index's keys with helper threads when allowed: 0.84 → 0.67 s for the
    # village index over 1M rows on two cores. Per connection; put back for the pool.
    (threads,) = cursor.execute("PRAGMA threads").fetchone()
    cursor.execute(f"PRAGMA threads = {min(SORT_THREADS, os.cpu_count() or 1)}")
    try:
        for _, sql in indexes:
            cursor.execute(sql)
    finally:
        cursor.execute(f"PRAGMA threads = {int(threads)}")


def update_history(conn: Connection, column: str, changes: list[dict[str, Any]]) -> None:
    """Set ``column`` (value_y1 or value_y2) on stored rows: dicts of h, c, m, v."""
    if not changes:
        return
    table = Reading.__table__
    assert isinstance(table, Table)
    statement = (
        update(table)
        .where(
            and_(
                table.c.household_id == bindparam("h"),
                table.c.carrier == bindparam("c"),
                table.c.month == bindparam("m"),
            )
        )
        .values({column: bindparam("v")})
    )
    for start in range(0, len(changes), CHUNK_ROWS):
        conn.execute(statement, changes[start : start + CHUNK_ROWS])


def lookup(
    sorted_keys: np.ndarray, values: np.ndarray, queries: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``queries``: whether it is one of ``sorted_keys``, and its value (NaN if not)."""
    if not len(sorted_keys):
        return np.zeros(len(queries), dtype=bool), np.full(len(queries), np.nan)
    positions = np.searchsorted(sorted_keys, queries)
    positions[positions == len(sorted_keys)] = 0
    found = sorted_keys[positions] == queries
    return found, np.where(found, values[positions], np.nan)


def nullable(found: np.ndarray, values: np.ndarray) -> list[float | None]:
    """``values`` as Python floats, None where not ``found`` (NULL in the store)."""
    column = values.astype(object)
    column[~found] = None
    return column.tolist()  # type: ignore[no-any-return]


def write_new(
    conn: Connection, village_id: int, batch_id: int, report: ImportReport, ids: dict[str, int]
) -> int:
    """Insert the new readings with their history columns, and give the later stored
    readings their new earlier values (see :mod:`energy.readings.writer`).

    Column by column: the history values are found by sorted search over the stored and the
    new keys together, and the rows reach the driver as zipped column chunks."""
    checked, fresh = report.checked, report.fresh
    if not len(fresh):
        return 0
    owner_of_code = np.fromiter(
        (
            ids[code] if household_id is None else household_id
            for code, household_id in zip(checked.codes, checked.ids, strict=True)
        ),
        np.int64,
        len(checked.codes),
    )
    owners = owner_of_code[np.asarray(checked.code)[fresh]]
    months = np.asarray(checked.month)[fresh]
    carriers = np.asarray(checked.carrier)[fresh].astype(np.int64)
    values = np.asarray(checked.value)[fresh]
    keys = pack(owners, months, carriers)
    stored_keys, stored_values = report.stored_keys, report.stored_values

    forward: dict[str, list[dict[str, Any]]] = {}
    for column, step in (("value_y1", 12), ("value_y2", 24)):  # stored later months
        later, _ = lookup(stored_keys, stored_values, keys + step * 8)
        forward[column] = [
            {
                "h": int(owners[i]),
                "c": CARRIERS[carriers[i]],
                "m": month_from_index(int(months[i]) + step),
                "v": float(values[i]),
            }
            for i in np.flatnonzero(later).tolist()
        ]
    every = np.concatenate([stored_keys, keys])  # disjoint: fresh rows are not stored
    order = np.argsort(every)
    every, every_value = every[order], np.concatenate([stored_values, values])[order]
    del order
    has_y1, value_y1 = lookup(every, every_value, keys - 12 * 8)
    has_y2, value_y2 = lookup(every, every_value, keys - 24 * 8)
    del every, every_value, keys

    new = NewReadings(
        village_id, batch_id, owners, months, carriers, values, has_y1, value_y1, has_y2, value_y2
    )
    with history_by_writer(conn, [village_id]):
        added = insert_columns(conn, new)
    for column, changes in forward.items():
        update_history(conn, column, changes)
    return added


def add_new_households(
    session: Session, village: Village, report: ImportReport, today: dt.date
) -> dict[str, int]:
    """Households named in the file that the village does not have yet (when asked)."""
    checked = report.checked
    # Each new household's first month in the file, column by column (a Python loop over a
    # million rows took a third of a second).
    numbers = np.asarray(checked.code, dtype=np.int64)
    months = np.asarray(checked.month, dtype=np.int64)
    unknown = np.fromiter((i is None for i in checked.ids), bool, len(checked.ids))
    rows_of_new = unknown[numbers] if len(numbers) else np.zeros(0, dtype=bool)
    first_month = np.full(len(checked.ids), NO_MONTH, dtype=np.int64)
    np.minimum.at(first_month, numbers[rows_of_new], months[rows_of_new])
    housing = village.housing_type if village.housing_type != "mixed" else "apartment"
    now = utcnow()
    rows: list[dict[str, Any]] = []
    for code in report.new_households:
        position = checked.index.get(code)
        joined = int(first_month[position]) if position is not None else NO_MONTH
        rows.append(
            {
                "village_id": village.id,
                "code": code,
                "housing_type": housing,
                "floor_area_band": None,
                "occupants": None,
                "joined_on": month_from_index(joined) if joined != NO_MONTH else today,
                "left_on": None,
                "created_at": now,
            }
        )
    # In bulk, not through the ORM: it sends one INSERT per object when it must read each new
    # id back (SQLite does not promise RETURNING's order), which took two thirds of a new
    # village's first import (issue 26). The ids are read afterwards by code.
    connection = session.connection()
    connection.execute(insert(Household), rows)
    ids: dict[str, int] = {}
    codes = [row["code"] for row in rows]
    for start in range(0, len(codes), 1000):
        chunk = codes[start : start + 1000]
        found = connection.execute(
            select(Household.code, Household.id).where(
                Household.village_id == village.id, Household.code.in_(chunk)
            )
        )
        ids.update((code, household_id) for code, household_id in found)
    for row in rows:
        row["id"] = ids[row["code"]]
    audit_created(session, Household, rows)
    return ids
