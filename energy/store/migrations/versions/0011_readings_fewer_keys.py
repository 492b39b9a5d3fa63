"""readings: no foreign key on village_id or batch_id

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 03:30:00

A reading's ``village_id`` copies its household's village (so village figures need no join)
and ``batch_id`` notes the import that wrote it. Their foreign keys checked, for every row
written, what the household's own key already implies (the household belongs to the village)
or what nothing can break (villages, households and batches are never deleted). On
PostgreSQL each checked row also takes a share lock on the referenced village and batch: in a
bulk ``COPY`` of a million readings the three keys cost 9 of 11.7 s (benchmarks/README.md).
The household's key stays, with its cascade.

SQLite cannot drop a constraint: the table is rebuilt (create, copy, drop, rename), and the
triggers of 0004 and 0008 on it, which a dropped table takes with it, are re-created from
their own stored SQL; so is the village index. tests/test_migration_0011.py checks that
triggers, indexes, constraints and rows survive the round trip on both stores.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = "id, household_id, village_id, month, carrier, value, batch_id, value_y1, value_y2"
KEYS = {
    "fk_readings_village_id_villages": ("village_id", "villages"),
    "fk_readings_batch_id_reading_batches": ("batch_id", "reading_batches"),
}


def _sqlite_table(with_keys: bool) -> str:
    keys = "".join(
        f",\n\tCONSTRAINT {name} FOREIGN KEY({column}) REFERENCES {table} (id)"
        for name, (column, table) in KEYS.items()
        if with_keys
    )
    return f"""CREATE TABLE readings_rebuilt (
\tid INTEGER NOT NULL,
\thousehold_id INTEGER NOT NULL,
\tvillage_id INTEGER NOT NULL,
\tmonth DATE NOT NULL,
\tcarrier VARCHAR(12) NOT NULL,
\tvalue FLOAT NOT NULL,
\tbatch_id INTEGER,
\tvalue_y1 FLOAT,
\tvalue_y2 FLOAT,
\tCONSTRAINT pk_readings PRIMARY KEY (id),
\tCONSTRAINT uq_readings_household_id_carrier_month UNIQUE (household_id, carrier, month),
\tCONSTRAINT ck_readings_carrier CHECK (carrier IN ('electricity', 'gas', 'water', 'heat', 'solar')),
\tCONSTRAINT ck_readings_value CHECK (value >= 0),
\tCONSTRAINT fk_readings_household_id_households FOREIGN KEY(household_id) REFERENCES households (id) ON DELETE CASCADE{keys}
)"""  # the table as SQLite stores it


def _rebuild_sqlite(with_keys: bool) -> None:
    conn = op.get_bind()
    kept = [
        sql
        for (sql,) in conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'readings' "
            "AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name"
        )
    ]  # indexes first ('index' < 'trigger'); the unique constraint's index comes with the table
    conn.exec_driver_sql(_sqlite_table(with_keys))
    conn.exec_driver_sql(f"INSERT INTO readings_rebuilt ({COLUMNS}) SELECT {COLUMNS} FROM readings")
    conn.exec_driver_sql("DROP TABLE readings")
    conn.exec_driver_sql("ALTER TABLE readings_rebuilt RENAME TO readings")
    for sql in kept:
        conn.exec_driver_sql(sql)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite(with_keys=False)
        return
    for name in KEYS:
        op.drop_constraint(name, "readings", type_="foreignkey")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite(with_keys=True)
        return
    for name, (column, table) in KEYS.items():
        op.create_foreign_key(name, "readings", table, [column], ["id"])
