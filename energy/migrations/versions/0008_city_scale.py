"""city scale: an import writes the history columns itself (no per-row trigger work)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 21:40:00

On PostgreSQL the insert triggers of migration 0004 step aside while the transaction-local
setting ``energy.history_by_writer`` is ``on``: a bulk writer that computes
``value_y1``/``value_y2`` itself (``energy.readings_store``) sets it for its own inserts only.
Updates and deletes always run the trigger. SQLite needs no change (the writer drops and
re-creates the insert trigger inside its own transaction).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

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


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in UPGRADE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in DOWNGRADE:
            op.execute(statement)
