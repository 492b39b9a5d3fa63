"""Backup and restore: a consistent snapshot of the whole store in one portable file.

The file is gzip-compressed JSON lines: a header (format, schema revision, time), then each
table's column names and rows (as arrays) in dependency order, in chunks. It is read inside
one snapshot transaction, so a backup taken while the app is writing is still consistent,
and it restores into SQLite or PostgreSQL alike (an embedded store can move to a server
this way). Restore replaces everything in one transaction: all of the file or none of it.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Connection, Date, Table, func, insert, select, text

from energy.core.access import Actor, require
from energy.core.errors import InvalidInput
from energy.store.db import current_revision, get_engine, record_action, session_for
from energy.store.models.base import Base, UTCDateTime, utcnow
from energy.store.models.system import AuditEntry

FORMAT = "energy-villages-backup"
FORMAT_VERSION = 2
BATCH_ROWS = 20_000
# Fast compression: a backup is written while people work; size matters less than time.
COMPRESS_LEVEL = 3


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    revision: str | None
    rows: dict[str, int]


def _kinds(table: Table) -> list[str]:
    """Per column: "datetime", "date", "json" or "" (kept as it is)."""
    kinds = []
    for column in table.columns:
        if isinstance(column.type, UTCDateTime):
            kinds.append("datetime")
        elif isinstance(column.type, Date):
            kinds.append("date")
        elif isinstance(column.type, JSON):
            kinds.append("json")
        else:
            kinds.append("")
    return kinds


def _snapshot(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))


def backup(actor: Actor, path: Path, *, url: str | None = None) -> BackupSummary:
    """Write a snapshot of every table to ``path`` (written to a temporary name, then renamed)."""
    require(actor, "user.manage")
    engine = get_engine(url)
    counts: dict[str, int] = {}
    partial = path.with_name(path.name + ".partial")
    revision = current_revision(url)
    with (
        engine.connect() as conn,
        conn.begin(),
        gzip.open(partial, "wt", encoding="utf-8", compresslevel=COMPRESS_LEVEL) as out,
    ):
        _snapshot(conn)
        header = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "revision": revision,
            "created_at": utcnow().isoformat(),
        }
        out.write(json.dumps(header) + "\n")
        for table in Base.metadata.sorted_tables:
            counts[table.name] = 0
            columns = [c.name for c in table.columns]
            dated = [i for i, kind in enumerate(_kinds(table)) if kind in ("date", "datetime")]
            result = conn.execution_options(yield_per=BATCH_ROWS).execute(
                select(table).order_by(*table.primary_key.columns)
            )
            for chunk in result.partitions(BATCH_ROWS):
                rows = [list(row) for row in chunk]
                for row in rows:
                    for i in dated:
                        if row[i] is not None:
                            row[i] = row[i].isoformat()
                record = {"table": table.name, "columns": columns, "rows": rows}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                counts[table.name] += len(rows)
    partial.replace(path)
    with session_for(actor, write=True, url=url) as session:
        record_action(session, "backup", "store", path.name, {"rows": sum(counts.values())})
    return BackupSummary(path, revision, counts)


def _read(path: Path) -> Iterator[dict[str, Any]]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)
    except (OSError, EOFError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput("error.backup_unreadable", path=str(path)) from exc


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


def restore(actor: Actor, path: Path, *, url: str | None = None) -> BackupSummary:
    """Replace the store's contents with the backup at ``path``, all or nothing.

    The store must already be at the backup's schema revision (run the upgrade first).
    """
    require(actor, "user.manage")
    if not path.is_file():
        raise InvalidInput("error.file_missing", path=str(path))
    records = _read(path)
    header = next(records, None)
    if not header or header.get("format") != FORMAT or header.get("version") != FORMAT_VERSION:
        raise InvalidInput("error.backup_unreadable", path=str(path))
    revision = current_revision(url)
    if header.get("revision") != revision:
        raise InvalidInput(
            "error.backup_revision", backup=str(header.get("revision")), store=str(revision)
        )
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    counts = dict.fromkeys(tables, 0)
    engine = get_engine(url).execution_options(energy_write=True)
    with engine.begin() as conn:
        postgres = conn.dialect.name == "postgresql"
        newest_before = conn.execute(select(func.max(AuditEntry.id))).scalar() or 0
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
        for record in records:
            table = tables.get(record.get("table", ""))
            columns = record.get("columns")
            if table is None or not isinstance(columns, list):
                raise InvalidInput("error.backup_unreadable", path=str(path))
            try:
                decode = _decoder(table, columns, for_copy=postgres)
                rows = [decode(row) for row in record["rows"]]
            except (KeyError, TypeError, ValueError) as exc:
                raise InvalidInput("error.backup_unreadable", path=str(path)) from exc
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
    # The monthly sums come back with the snapshot. A village its restored rows marked stale
    # is computed from its readings until it is rebuilt; the caller that knows the kept sums
    # rebuilds it (``python -m energy restore`` does, at once).
    return BackupSummary(path, revision, counts)
