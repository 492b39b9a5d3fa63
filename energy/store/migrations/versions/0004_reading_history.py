"""readings remember the same month one and two years earlier (kept by triggers)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

The eco-mileage method compares a month with the same month one and two years earlier. With
the earlier values on the row itself, every programme figure is one indexed scan instead of
a three-way self-join over tens of millions of readings. Triggers keep the two columns
current on every insert, update of the value and delete, whatever writes the row (the app,
a bulk COPY, a restore); the upgrade fills them for the readings already stored.

Beware: on SQLite, a later batch migration that *recreates* the readings table (move and
copy) drops these triggers; such a migration must create them again
(tests/test_store.py::test_readings_remember_the_same_month_one_and_two_years_earlier fails
if it does not).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TRIGGERS = [
    """
    CREATE TRIGGER trg_readings_history_insert AFTER INSERT ON readings
    BEGIN
        UPDATE readings SET
            value_y1 = (SELECT b.value FROM readings b WHERE b.household_id = NEW.household_id
                        AND b.carrier = NEW.carrier AND b.month = date(NEW.month, '-12 months')),
            value_y2 = (SELECT b.value FROM readings b WHERE b.household_id = NEW.household_id
                        AND b.carrier = NEW.carrier AND b.month = date(NEW.month, '-24 months'))
        WHERE id = NEW.id;
        UPDATE readings SET value_y1 = NEW.value WHERE household_id = NEW.household_id
            AND carrier = NEW.carrier AND month = date(NEW.month, '+12 months');
        UPDATE readings SET value_y2 = NEW.value WHERE household_id = NEW.household_id
            AND carrier = NEW.carrier AND month = date(NEW.month, '+24 months');
    END
    """,
    """
    CREATE TRIGGER trg_readings_history_update AFTER UPDATE OF value ON readings
    BEGIN
        UPDATE readings SET value_y1 = NEW.value WHERE household_id = NEW.household_id
            AND carrier = NEW.carrier AND month = date(NEW.month, '+12 months');
        UPDATE readings SET value_y2 = NEW.value WHERE household_id = NEW.household_id
            AND carrier = NEW.carrier AND month = date(NEW.month, '+24 months');
    END
    """,
    """
    CREATE TRIGGER trg_readings_history_delete AFTER DELETE ON readings
    BEGIN
        UPDATE readings SET value_y1 = NULL WHERE household_id = OLD.household_id
            AND carrier = OLD.carrier AND month = date(OLD.month, '+12 months');
        UPDATE readings SET value_y2 = NULL WHERE household_id = OLD.household_id
            AND carrier = OLD.carrier AND month = date(OLD.month, '+24 months');
    END
    """,
]

POSTGRESQL_TRIGGERS = [
    """
    CREATE FUNCTION readings_history_before() RETURNS trigger AS $$
    BEGIN
        NEW.value_y1 := (SELECT b.value FROM readings b WHERE b.household_id = NEW.household_id
                         AND b.carrier = NEW.carrier AND b.month = (NEW.month - interval '12 months')::date);
        NEW.value_y2 := (SELECT b.value FROM readings b WHERE b.household_id = NEW.household_id
                         AND b.carrier = NEW.carrier AND b.month = (NEW.month - interval '24 months')::date);
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE FUNCTION readings_history_after() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            UPDATE readings SET value_y1 = NULL WHERE household_id = OLD.household_id
                AND carrier = OLD.carrier AND month = (OLD.month + interval '12 months')::date;
            UPDATE readings SET value_y2 = NULL WHERE household_id = OLD.household_id
                AND carrier = OLD.carrier AND month = (OLD.month + interval '24 months')::date;
            RETURN OLD;
        END IF;
        UPDATE readings SET value_y1 = NEW.value WHERE household_id = NEW.household_id
            AND carrier = NEW.carrier AND month = (NEW.month + interval '12 months')::date;
        UPDATE readings SET value_y2 = NEW.value WHERE household_id = NEW.household_id
            AND carrier = NEW.carrier AND month = (NEW.month + interval '24 months')::date;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER trg_readings_history_before BEFORE INSERT ON readings
    FOR EACH ROW EXECUTE FUNCTION readings_history_before()
    """,
    """
    CREATE TRIGGER trg_readings_history_after AFTER INSERT OR DELETE OR UPDATE OF value ON readings
    FOR EACH ROW EXECUTE FUNCTION readings_history_after()
    """,
]

SQLITE_BACKFILL = """
    UPDATE readings SET
        value_y1 = (SELECT b.value FROM readings b WHERE b.household_id = readings.household_id
                    AND b.carrier = readings.carrier AND b.month = date(readings.month, '-12 months')),
        value_y2 = (SELECT b.value FROM readings b WHERE b.household_id = readings.household_id
                    AND b.carrier = readings.carrier AND b.month = date(readings.month, '-24 months'))
"""
POSTGRESQL_BACKFILL = [
    """
    UPDATE readings r SET value_y1 = b.value FROM readings b
    WHERE b.household_id = r.household_id AND b.carrier = r.carrier
      AND b.month = (r.month - interval '12 months')::date
    """,
    """
    UPDATE readings r SET value_y2 = b.value FROM readings b
    WHERE b.household_id = r.household_id AND b.carrier = r.carrier
      AND b.month = (r.month - interval '24 months')::date
    """,
]


def upgrade() -> None:
    with op.batch_alter_table("readings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("value_y1", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("value_y2", sa.Float(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRESQL_BACKFILL:
            op.execute(statement)
        for statement in POSTGRESQL_TRIGGERS:
            op.execute(statement)
    else:
        op.execute(SQLITE_BACKFILL)
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS trg_readings_history_after ON readings")
        op.execute("DROP TRIGGER IF EXISTS trg_readings_history_before ON readings")
        op.execute("DROP FUNCTION IF EXISTS readings_history_after()")
        op.execute("DROP FUNCTION IF EXISTS readings_history_before()")
    else:
        for name in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS trg_readings_history_{name}")
    with op.batch_alter_table("readings", schema=None) as batch_op:
        batch_op.drop_column("value_y2")
        batch_op.drop_column("value_y1")
