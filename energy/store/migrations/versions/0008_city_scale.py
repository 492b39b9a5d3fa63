"""city scale: derived monthly sums per village; imports keep derived columns themselves

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 21:40:00

On PostgreSQL the insert triggers of migration 0004 step aside while the transaction-local
setting ``energy.history_by_writer`` is ``on``: a bulk writer that computes
``value_y1``/``value_y2`` itself (``energy.readings.writer``) sets it for its own inserts only.
Updates and deletes always run the trigger. SQLite needs no change (the writer drops and
re-creates the insert trigger inside its own transaction).

``village_month_sums`` holds the savings engine's grouped sums per village, method, carrier
and month (``energy.savings.village_sums``), and ``village_sums_state`` says per village whether they
match the data: triggers on readings, households, status changes and the cohort year mark a
village stale; a stale village is computed from its readings until it is rebuilt.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from energy.store.migrations import types

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The setting a bulk writer turns on, for its own transaction, while it inserts readings
# whose history columns it has computed itself.
WRITER_KEEPS_HISTORY = "current_setting('energy.history_by_writer', true) IS NOT DISTINCT FROM 'on'"

UPGRADE = [
    "DROP TRIGGER trg_readings_history_before ON readings",
    "DROP TRIGGER trg_readings_history_after ON readings",
    # A trigger's WHEN is tested as the row is written: when it is false, PostgreSQL does not
    # call the function nor queue the after-event (a queued event per row is most of the cost
    # of a million-row COPY).
    f"""
    CREATE TRIGGER trg_readings_history_before BEFORE INSERT ON readings
    FOR EACH ROW WHEN (NOT ({WRITER_KEEPS_HISTORY}))
    EXECUTE FUNCTION readings_history_before()
    """,
    f"""
    CREATE TRIGGER trg_readings_history_after_insert AFTER INSERT ON readings
    FOR EACH ROW WHEN (NOT ({WRITER_KEEPS_HISTORY}))
    EXECUTE FUNCTION readings_history_after()
    """,
    """
    CREATE TRIGGER trg_readings_history_after AFTER DELETE OR UPDATE OF value ON readings
    FOR EACH ROW EXECUTE FUNCTION readings_history_after()
    """,
]

DOWNGRADE = [
    "DROP TRIGGER trg_readings_history_after_insert ON readings",
    "DROP TRIGGER trg_readings_history_after ON readings",
    "DROP TRIGGER trg_readings_history_before ON readings",
    """
    CREATE TRIGGER trg_readings_history_before BEFORE INSERT ON readings
    FOR EACH ROW EXECUTE FUNCTION readings_history_before()
    """,
    """
    CREATE TRIGGER trg_readings_history_after AFTER INSERT OR DELETE OR UPDATE OF value ON readings
    FOR EACH ROW EXECUTE FUNCTION readings_history_after()
    """,
]


_MARK_STALE = (
    "UPDATE village_sums_state SET fresh = 0 WHERE village_id = {row}.village_id AND fresh = 1;"
)


def _sqlite_stale(name: str, event: str, table: str, rows: tuple[str, ...]) -> str:
    body = " ".join(_MARK_STALE.format(row=row) for row in rows)
    return f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {body} END"


# Beware: a later SQLite batch migration that recreates one of these tables drops its
# triggers and must create them again (tests/test_village_sums.py checks they work).
SQLITE_STALE_TRIGGERS = [
    _sqlite_stale(f"trg_sums_{table}_{event.lower()}", event, table, rows)
    for table in ("readings", "households", "village_status_changes")
    for event, rows in (("INSERT", ("NEW",)), ("UPDATE", ("NEW", "OLD")), ("DELETE", ("OLD",)))
] + [
    "CREATE TRIGGER trg_sums_villages_cohort AFTER UPDATE OF cohort_year ON villages "
    "BEGIN UPDATE village_sums_state SET fresh = 0 WHERE village_id = NEW.id AND fresh = 1; END"
]

POSTGRESQL_STALE = [
    """
    CREATE FUNCTION village_sums_stale() RETURNS trigger AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            UPDATE village_sums_state SET fresh = false WHERE village_id = OLD.village_id AND fresh;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            UPDATE village_sums_state SET fresh = false WHERE village_id = NEW.village_id AND fresh;
        END IF;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE FUNCTION village_sums_stale_village() RETURNS trigger AS $$
    BEGIN
        UPDATE village_sums_state SET fresh = false WHERE village_id = NEW.id AND fresh;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE TRIGGER trg_sums_readings_insert AFTER INSERT ON readings
    FOR EACH ROW WHEN (NOT ({WRITER_KEEPS_HISTORY})) EXECUTE FUNCTION village_sums_stale()
    """,
    """
    CREATE TRIGGER trg_sums_readings_change AFTER UPDATE OR DELETE ON readings
    FOR EACH ROW EXECUTE FUNCTION village_sums_stale()
    """,
    """
    CREATE TRIGGER trg_sums_households AFTER INSERT OR UPDATE OR DELETE ON households
    FOR EACH ROW EXECUTE FUNCTION village_sums_stale()
    """,
    """
    CREATE TRIGGER trg_sums_village_status_changes
    AFTER INSERT OR UPDATE OR DELETE ON village_status_changes
    FOR EACH ROW EXECUTE FUNCTION village_sums_stale()
    """,
    """
    CREATE TRIGGER trg_sums_villages_cohort AFTER UPDATE OF cohort_year ON villages
    FOR EACH ROW EXECUTE FUNCTION village_sums_stale_village()
    """,
]
POSTGRESQL_STALE_DROP = [
    "DROP TRIGGER trg_sums_villages_cohort ON villages",
    "DROP TRIGGER trg_sums_village_status_changes ON village_status_changes",
    "DROP TRIGGER trg_sums_households ON households",
    "DROP TRIGGER trg_sums_readings_change ON readings",
    "DROP TRIGGER trg_sums_readings_insert ON readings",
    "DROP FUNCTION village_sums_stale_village()",
    "DROP FUNCTION village_sums_stale()",
]


def upgrade() -> None:
    op.create_table(
        "village_month_sums",
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("carrier", sa.String(length=12), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("baseline", sa.Float(), nullable=False),
        sa.Column("actual", sa.Float(), nullable=False),
        sa.Column("cells", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["villages.id"],
            name=op.f("fk_village_month_sums_village_id_villages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "village_id", "method", "carrier", "month", name=op.f("pk_village_month_sums")
        ),
    )
    op.create_table(
        "village_household_spans",
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("carrier", sa.String(length=12), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["villages.id"],
            name=op.f("fk_village_household_spans_village_id_villages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "village_id", "carrier", "first", "last", name=op.f("pk_village_household_spans")
        ),
    )
    op.create_table(
        "village_sums_state",
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("fresh", sa.Boolean(), nullable=False),
        sa.Column("rebuilt_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["villages.id"],
            name=op.f("fk_village_sums_state_village_id_villages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("village_id", name=op.f("pk_village_sums_state")),
    )
    if op.get_bind().dialect.name == "postgresql":
        for statement in UPGRADE + POSTGRESQL_STALE:
            op.execute(statement)
    else:
        for statement in SQLITE_STALE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRESQL_STALE_DROP + DOWNGRADE:
            op.execute(statement)
    else:
        for statement in SQLITE_STALE_TRIGGERS:
            name = statement.split("CREATE TRIGGER", 1)[1].split()[0]
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("village_sums_state")
    op.drop_table("village_household_spans")
    op.drop_table("village_month_sums")
