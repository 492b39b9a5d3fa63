"""Migration 0025: the audit log's village column, filled from what the entries say; the "?"
keys of new rows mended; the reader's indexes. Filled by the migration, every entry is filed
under the village today's writes file it under."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import bindparam, inspect, text

from energy.store import db
from energy.store.models.base import Base
from tests.audit_writes import everyday_writes
from tests.migrations import index_columns

ENTRIES = "SELECT id, entity, action, entity_key, village_id FROM audit_log ORDER BY id"
NEW_INDEXES = {
    "ix_audit_log_at_id": ["at", "id"],
    "ix_audit_log_actor_at_id": ["actor", "at", "id"],
    "ix_audit_log_entity_at_id": ["entity", "at", "id"],
    "ix_audit_log_village_id_at_id": ["village_id", "at", "id"],
    "ix_audit_log_entity_key": ["entity", "entity_key"],
}
OLD_INDEXES = {
    "ix_audit_log_at": ["at"],
    "ix_audit_log_actor": ["actor"],
    "ix_audit_log_entity_key": ["entity", "entity_key"],
}


def _entries(url: str) -> list[tuple[object, ...]]:
    with db.get_engine(url).connect() as conn:
        return [tuple(r) for r in conn.execute(text(ENTRIES))]


@pytest.mark.own_database  # goes down to 0024 and back: not on the database other tests share
def test_0025_files_every_entry_under_the_village_todays_writes_file_it_under(
    small_store: str,
) -> None:
    url = small_store
    everyday_writes(url)
    written = _entries(url)
    assert sum(1 for *_, village in written if village is not None) > 1_000
    db.dispose_engine(url)

    command.downgrade(db.alembic_config(url), "0024")
    assert index_columns(url, "audit_log") == OLD_INDEXES
    # The tables of later revisions (a district's visit log) are gone at 0024: 0025 knows only
    # the tables of its own day, so their entries are compared as far as it can file them.
    with db.get_engine(url).connect() as conn:
        at_0024 = set(inspect(conn).get_table_names())
    later = {entity for _, entity, *_ in written if entity not in at_0024}
    # New rows without an __audit_key__ were logged with the key "?" before 0025.
    unkeyed = sorted(
        m.class_.__tablename__
        for m in Base.registry.mappers
        if not getattr(m.class_, "__audit_key__", None)
    )
    with db.get_engine(url).begin() as conn:
        mark = text(
            "UPDATE audit_log SET entity_key = '?' WHERE action = 'create' AND entity IN :tables"
        ).bindparams(bindparam("tables", expanding=True))
        conn.execute(mark, {"tables": unkeyed})
        assert conn.execute(text("SELECT count(*) FROM audit_log WHERE entity_key = '?'")).scalar()
    db.dispose_engine(url)

    db.upgrade(url)
    assert _entries(url) == [
        (*entry[:-1], None) if entry[1] in later else entry for entry in written
    ]
    assert index_columns(url, "audit_log") == NEW_INDEXES
    command.check(db.alembic_config(url))
    db.dispose_engine(url)
