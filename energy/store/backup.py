"""Backup and restore: a consistent snapshot of the whole store in one portable file.

The file is gzip-compressed JSON lines: a header (format, schema revision, time), then each
table's column names and rows (as arrays) in dependency order, in chunks, then a trailer
line ``{"trailer": {"rows": {table: count}, "sha256": ...}}``: the row count of every table
and the SHA-256 of every line before it (as written, uncompressed). Binary values (the files
attached to applications) are written in base64, a few megabytes of them to a chunk, so
neither the backup nor the restore holds more than a chunk of files in memory. It is read inside one
snapshot transaction, so a backup taken while the app is writing is still consistent, and
it restores into SQLite or PostgreSQL alike (an embedded store can move to a server this
way). The file is written to a temporary name readable by its owner only (it holds password
hashes) and renamed over the target when complete.

Restore first reads the whole file and checks it (every line, the counts, the checksum)
before it deletes anything; then it replaces everything in one transaction, hashing again
as it goes: all of the file or none of it. A file without a trailer (cut short, or written
before the trailer existed) cannot be verified and is refused.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import gzip
import hashlib
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Date,
    LargeBinary,
    Table,
    func,
    insert,
    select,
    text,
)

from energy.core.access import Actor, require
from energy.core.errors import InvalidInput
from energy.core.output import atomic_output, safe_output_path
from energy.store.db import current_revision, get_engine, record_action, session_for
from energy.store.models.base import Base, UTCDateTime, utcnow
from energy.store.models.system import AuditEntry

FORMAT = "energy-villages-backup"
FORMAT_VERSION = 3
# Version 2 had no trailer: such a file cannot be verified.
UNVERIFIABLE_VERSIONS = (1, 2)
SUFFIXES = (".jsonl.gz", ".gz")
BATCH_ROWS = 20_000
# A table with binary values (attached files of up to 10 MB) is written in chunks of about
# this many bytes of them, whatever the row count: a chunk is one line, read whole.
BATCH_BINARY_BYTES = 8 * 1024 * 1024
# Fast compression: a backup is written while people work; size matters less than time.
COMPRESS_LEVEL = 3


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    revision: str | None
    rows: dict[str, int]


def _kinds(table: Table) -> list[str]:
    """Per column: "datetime", "date", "json", "binary" or "" (kept as it is)."""
    kinds = []
    for column in table.columns:
        if isinstance(column.type, UTCDateTime):
            kinds.append("datetime")
        elif isinstance(column.type, Date):
            kinds.append("date")
        elif isinstance(column.type, JSON):
            kinds.append("json")
        elif isinstance(column.type, LargeBinary):
            kinds.append("binary")
        else:
            kinds.append("")
    return kinds


def _chunks(result: Any, binary: list[int]) -> Iterator[list[list[Any]]]:
    """The rows of ``result`` in chunks: :data:`BATCH_ROWS` rows, or for a table with binary
    columns, as many rows as hold about :data:`BATCH_BINARY_BYTES` of them."""
    if not binary:
        for chunk in result.partitions(BATCH_ROWS):
            yield [list(row) for row in chunk]
        return
    rows: list[list[Any]] = []
    size = 0
    for row in result:
        rows.append(list(row))
        size += sum(len(row[i]) for i in binary if row[i] is not None)
        if size >= BATCH_BINARY_BYTES or len(rows) >= BATCH_ROWS:
            yield rows
            rows, size = [], 0
    if rows:
        yield rows


def _b64decode(value: str) -> bytes:
    return base64.b64decode(value.encode("ascii"), validate=True)


def _snapshot(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))


def _line(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def backup(actor: Actor, path: Path, *, url: str | None = None) -> BackupSummary:
    """Write a snapshot of every table to ``path`` (written to a temporary name, then renamed).

    ``path`` must end in ``.jsonl.gz`` or ``.gz`` and may not be one of the store's own
    files, a link or anything but a regular file (``energy.core.output``).
    """
    require(actor, "user.manage")
    safe_output_path(path, SUFFIXES, url)
    engine = get_engine(url)
    counts: dict[str, int] = {}
    digest = hashlib.sha256()
    revision = current_revision(url)
    with (
        atomic_output(path, private=True, store_url=url) as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=COMPRESS_LEVEL) as out,
        engine.connect() as conn,
        conn.begin(),
    ):

        def write(record: dict[str, Any]) -> None:
            line = _line(record)
            digest.update(line)
            out.write(line)

        _snapshot(conn)
        write(
            {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "revision": revision,
                "created_at": utcnow().isoformat(),
            }
        )
        for table in Base.metadata.sorted_tables:
            counts[table.name] = 0
            columns = [c.name for c in table.columns]
            kinds = _kinds(table)
            dated = [i for i, kind in enumerate(kinds) if kind in ("date", "datetime")]
            binary = [i for i, kind in enumerate(kinds) if kind == "binary"]
            result = conn.execution_options(yield_per=16 if binary else BATCH_ROWS).execute(
                select(table).order_by(*table.primary_key.columns)
            )
            for rows in _chunks(result, binary):
                for row in rows:
                    for i in dated:
                        if row[i] is not None:
                            row[i] = row[i].isoformat()
                    for i in binary:
                        if row[i] is not None:
                            row[i] = base64.b64encode(row[i]).decode("ascii")
                write({"table": table.name, "columns": columns, "rows": rows})
                counts[table.name] += len(rows)
        out.write(_line({"trailer": {"rows": counts, "sha256": digest.hexdigest()}}))
    with session_for(actor, write=True, url=url) as session:
        record_action(session, "backup", "store", path.name, {"rows": sum(counts.values())})
    return BackupSummary(path, revision, counts)


def _decoder(table: Table, columns: list[str], for_copy: bool) -> Callable[[list[Any]], list[Any]]:
    kinds = dict(zip((c.name for c in table.columns), _kinds(table), strict=True))
    steps: list[tuple[int, Callable[[Any], Any]]] = []
    for i, name in enumerate(columns):
        if name not in kinds:
            raise KeyError(name)
        if kinds[name] == "datetime":
            steps.append((i, dt.datetime.fromisoformat))
        elif kinds[name] == "date":
            steps.append((i, dt.date.fromisoformat))
        elif kinds[name] == "json" and for_copy:
            steps.append((i, lambda v: json.dumps(v, ensure_ascii=False)))
        elif kinds[name] == "binary":
            steps.append((i, _b64decode))

    def decode(row: list[Any]) -> list[Any]:
        for i, convert in steps:
            if row[i] is not None:
                row[i] = convert(row[i])
        return row

    return decode


def _copy_rows(conn: Connection, table: Table, columns: list[str], rows: list[list[Any]]) -> None:
    """PostgreSQL's COPY: an order of magnitude faster than INSERTs for a large table."""
    raw = conn.connection.driver_connection
    assert raw is not None
    names = ", ".join(f'"{c}"' for c in columns)
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


class _Reader:
    """One pass over a backup file: every line checked, hashed and counted as it is read.

    ``header`` is the first line; :meth:`records` yields each table chunk (its rows checked
    against its columns, not yet decoded) and, when the file ends, checks the trailer: the
    row counts and the SHA-256. Every problem is an ``InvalidInput`` naming it.
    """

    def __init__(
        self,
        handle: Iterable[bytes],
        path: Path,
        tables: dict[str, Table],
        *,
        check_rows: bool = True,
    ) -> None:
        self.lines = enumerate(handle, start=1)
        self.path = path
        self.tables = tables
        self.check_rows = check_rows
        self.digest = hashlib.sha256()
        self.header = self._header()

    def _next(self) -> tuple[int, bytes] | None:
        try:
            return next(self.lines, None)
        except (OSError, EOFError, ValueError, zlib.error) as exc:  # cut short, or not gzip at all
            raise InvalidInput("error.backup_unreadable", path=str(self.path)) from exc

    def _malformed(self, line: int, table: str = "-") -> InvalidInput:
        return InvalidInput("error.backup_malformed", path=str(self.path), line=line, table=table)

    def _parse(self, number: int, line: bytes) -> dict[str, Any]:
        try:
            record = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise self._malformed(number) from exc
        if not isinstance(record, dict):
            raise self._malformed(number)
        return record

    def _header(self) -> dict[str, Any]:
        first = self._next()
        if first is None:
            raise InvalidInput("error.backup_unreadable", path=str(self.path))
        number, line = first
        try:
            header = self._parse(number, line)
        except InvalidInput as exc:
            raise InvalidInput("error.backup_unreadable", path=str(self.path)) from exc
        if header.get("format") != FORMAT:
            raise InvalidInput("error.backup_unreadable", path=str(self.path))
        if header.get("version") in UNVERIFIABLE_VERSIONS:
            raise InvalidInput("error.backup_incomplete", path=str(self.path))
        if header.get("version") != FORMAT_VERSION:
            raise InvalidInput("error.backup_unreadable", path=str(self.path))
        self.digest.update(line)
        return header

    def _chunk(
        self, number: int, record: dict[str, Any]
    ) -> tuple[Table, list[str], list[list[Any]]]:
        name = record.get("table")
        table = self.tables.get(name) if isinstance(name, str) else None
        if table is None:
            raise self._malformed(number)
        columns, rows = record.get("columns"), record.get("rows")
        expected = [c.name for c in table.columns]
        if (
            not isinstance(columns, list)
            or len(columns) != len(expected)
            or set(columns) != set(expected)
            or not isinstance(rows, list)
        ):
            raise self._malformed(number, table.name)
        if not self.check_rows:  # a second pass over a checked file: its checksum suffices
            return table, columns, rows
        decode = _decoder(table, columns, for_copy=False)
        for row in rows:
            if not isinstance(row, list) or len(row) != len(columns):
                raise self._malformed(number, table.name)
            try:
                decode(list(row))
            except (TypeError, ValueError, AttributeError, binascii.Error) as exc:
                raise self._malformed(number, table.name) from exc
        return table, columns, rows

    def records(self) -> Iterator[tuple[Table, list[str], list[list[Any]]]]:
        counts = dict.fromkeys(self.tables, 0)
        trailer: Any = None
        while (item := self._next()) is not None:
            number, line = item
            record = self._parse(number, line)
            if trailer is not None:  # nothing may follow the trailer
                raise self._malformed(number)
            if "trailer" in record:
                trailer = record["trailer"]
                continue
            self.digest.update(line)
            table, columns, rows = self._chunk(number, record)
            counts[table.name] += len(rows)
            yield table, columns, rows
        if not isinstance(trailer, dict):
            raise InvalidInput("error.backup_incomplete", path=str(self.path))
        if trailer.get("sha256") != self.digest.hexdigest():
            raise InvalidInput("error.backup_checksum", path=str(self.path))
        recorded = trailer.get("rows")
        if not isinstance(recorded, dict):
            raise InvalidInput("error.backup_incomplete", path=str(self.path))
        for name in sorted(set(counts) | set(recorded)):
            if recorded.get(name) != counts.get(name):
                raise InvalidInput(
                    "error.backup_counts",
                    path=str(self.path),
                    table=name,
                    expected=str(recorded.get(name, 0)),
                    found=str(counts.get(name, 0)),
                )


def verify(path: Path) -> dict[str, int]:
    """Check the whole backup at ``path`` without touching a store: its rows per table."""
    if not path.is_file():
        raise InvalidInput("error.file_missing", path=str(path))
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    counts = dict.fromkeys(tables, 0)
    with path.open("rb") as raw:
        for table, _columns, rows in _Reader(gzip.GzipFile(fileobj=raw), path, tables).records():
            counts[table.name] += len(rows)
    return counts


def restore(actor: Actor, path: Path, *, url: str | None = None) -> BackupSummary:
    """Replace the store's contents with the backup at ``path``, all or nothing.

    The whole file is checked first (its lines, row counts and checksum); only then is the
    store emptied and filled, in one transaction. The store must already be at the backup's
    schema revision (run the upgrade first).
    """
    require(actor, "user.manage")
    if not path.is_file():
        raise InvalidInput("error.file_missing", path=str(path))
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    with path.open("rb") as raw:
        header = _Reader(gzip.GzipFile(fileobj=raw), path, tables).header
        revision = current_revision(url)
        if header.get("revision") != revision:
            raise InvalidInput(
                "error.backup_revision", backup=str(header.get("revision")), store=str(revision)
            )
        raw.seek(0)
        for _chunk in _Reader(gzip.GzipFile(fileobj=raw), path, tables).records():
            pass  # the whole file is checked before anything is deleted
        raw.seek(0)
        # Read again while writing (and checked again: a file changed in between rolls back).
        records = _Reader(gzip.GzipFile(fileobj=raw), path, tables, check_rows=False).records()
        counts = _replace_all(actor, path, header, records, tables, url)
    # The monthly sums come back with the snapshot. A village its restored rows marked stale
    # is computed from its readings until it is rebuilt; the caller that knows the kept sums
    # rebuilds it (``python -m energy restore`` does, at once).
    return BackupSummary(path, revision, counts)


def _replace_all(
    actor: Actor,
    path: Path,
    header: dict[str, Any],
    records: Iterator[tuple[Table, list[str], list[list[Any]]]],
    tables: dict[str, Table],
    url: str | None,
) -> dict[str, int]:
    counts = dict.fromkeys(tables, 0)
    engine = get_engine(url).execution_options(energy_write=True)
    with engine.begin() as conn:
        postgres = conn.dialect.name == "postgresql"
        newest_before = conn.execute(select(func.max(AuditEntry.id))).scalar() or 0
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
        for table, columns, chunk in records:
            decode = _decoder(table, columns, for_copy=postgres)
            rows = [decode(row) for row in chunk]
            if not rows:
                continue
            if postgres:
                _copy_rows(conn, table, columns, rows)
            else:
                conn.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
            counts[table.name] += len(rows)
        if postgres:
            for table in tables.values():
                pk = list(table.primary_key.columns)
                if len(pk) == 1 and pk[0].type.python_type is int:
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                            f"COALESCE((SELECT MAX({pk[0].name}) FROM {table.name}), 0) + 1, false)"
                        )
                    )
        # The restore's own entry comes after every entry the store ever had, restored or not:
        # running servers key their memo on the newest entry id (energy.store.cache), and an id
        # they saw before the restore must never name the restored data.
        restore_id = max(newest_before, conn.execute(select(func.max(AuditEntry.id))).scalar() or 0)
        conn.execute(
            insert(AuditEntry),
            [
                {
                    "id": restore_id + 1,
                    "at": utcnow(),
                    "actor": actor.audit_name,
                    "action": "restore",
                    "entity": "store",
                    "entity_key": path.name,
                    "before": None,
                    "after": {
                        "rows": sum(counts.values()),
                        "backup_created_at": header.get("created_at"),
                    },
                }
            ],
        )
        if postgres:
            conn.execute(
                text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :n, false)"),
                {"t": AuditEntry.__tablename__, "n": restore_id + 2},
            )
    return counts
