"""Backup and restore: a consistent snapshot of the whole store in one portable file.

The file is gzip-compressed JSON lines: a header (format, schema revision, time), then the
rows of each table in dependency order. It is read inside one snapshot transaction, so a
backup taken while the app is writing is still consistent, and it restores into SQLite or
PostgreSQL alike (an embedded store can move to a server this way).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Date, Table, insert, select, text

from energy.access import Actor, require
from energy.db import current_revision, get_engine, record_action, session_for
from energy.errors import InvalidInput
from energy.models import AuditEntry, Base, UTCDateTime, utcnow

FORMAT = "energy-villages-backup"
FORMAT_VERSION = 1
BATCH_ROWS = 5_000


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    revision: str | None
    rows: dict[str, int]


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _decode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in row.items():
        column = table.c[name]
        if value is not None and isinstance(column.type, UTCDateTime):
            value = dt.datetime.fromisoformat(value)
        elif value is not None and isinstance(column.type, Date):
            value = dt.date.fromisoformat(value)
        out[name] = value
    return out


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
    with engine.connect() as conn, conn.begin(), gzip.open(partial, "wt", encoding="utf-8") as out:
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
            order = list(table.primary_key.columns)
            result = conn.execution_options(yield_per=BATCH_ROWS).execute(
                select(table).order_by(*order)
            )
            for chunk in result.mappings().partitions(BATCH_ROWS):
                rows = [{k: _encode(v) for k, v in row.items()} for row in chunk]
                out.write(
                    json.dumps({"table": table.name, "rows": rows}, ensure_ascii=False) + "\n"
                )
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


def restore(actor: Actor, path: Path, *, url: str | None = None) -> BackupSummary:
    """Replace the store's contents with the backup at ``path``, all or nothing.

    The store must already be at the backup's schema revision (run the upgrade first).
    """
    require(actor, "user.manage")
    if not path.is_file():
        raise InvalidInput("error.file_missing", path=str(path))
    records = _read(path)
    header = next(records, None)
    if not header or header.get("format") != FORMAT:
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
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
        for record in records:
            table = tables.get(record.get("table", ""))
            if table is None:
                raise InvalidInput("error.backup_unreadable", path=str(path))
            rows = [_decode(table, row) for row in record["rows"]]
            if rows:
                conn.execute(table.insert(), rows)
                counts[table.name] += len(rows)
        if conn.dialect.name == "postgresql":
            for table in tables.values():
                pk = list(table.primary_key.columns)
                if (
                    len(pk) == 1
                    and pk[0].autoincrement is not False
                    and pk[0].type.python_type is int
                ):
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                            f"COALESCE((SELECT MAX({pk[0].name}) FROM {table.name}), 0) + 1, false)"
                        )
                    )
        conn.execute(
            insert(AuditEntry),
            [
                {
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
    return BackupSummary(path, revision, counts)
