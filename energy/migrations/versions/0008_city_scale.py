"""city scale: an import writes the history columns itself (no per-row trigger work)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 21:40:00

On PostgreSQL the history trigger functions of migration 0004 learn to step aside for an
insert while the transaction-local setting ``energy.history_by_writer`` is ``on``: a bulk
writer that computes ``value_y1``/``value_y2`` itself (``energy.readings_store``) sets it for
its own inserts only. Updates and deletes always run the trigger. SQLite needs no change
(the writer drops and re-creates the insert trigger inside its transaction).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BYPASS = "current_setting('energy.history_by_writer', true) = 'on'"


def _functions(bypass: bool) -> list[str]:
    skip_before = f"IF {BYPASS} THEN RETURN NEW; END IF;" if bypass else ""
    skip_after = f"IF TG_OP = 'INSERT' AND {BYPASS} THEN RETURN NEW; END IF;" if bypass else ""
    return [
        f"""
        CREATE OR REPLACE FUNCTION readings_history_before() RETURNS trigger AS $$
        BEGIN
            {skip_before}
            NEW.value_y1 := (SELECT b.value FROM readings b WHERE b.household_id = NEW.household_id
                             AND b.carrier = NEW.carrier AND b.month = (NEW.month - interval '12 months')::date);
            NEW.value_y2 := (SELECT b.value FROM readings b WHERE b.household_id = NEW.household_id
                             AND b.carrier = NEW.carrier AND b.month = (NEW.month - interval '24 months')::date);
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql
        """,
        f"""
        CREATE OR REPLACE FUNCTION readings_history_after() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                UPDATE readings SET value_y1 = NULL WHERE household_id = OLD.household_id
                    AND carrier = OLD.carrier AND month = (OLD.month + interval '12 months')::date;
                UPDATE readings SET value_y2 = NULL WHERE household_id = OLD.household_id
                    AND carrier = OLD.carrier AND month = (OLD.month + interval '24 months')::date;
                RETURN OLD;
            END IF;
            {skip_after}
            UPDATE readings SET value_y1 = NEW.value WHERE household_id = NEW.household_id
                AND carrier = NEW.carrier AND month = (NEW.month + interval '12 months')::date;
            UPDATE readings SET value_y2 = NEW.value WHERE household_id = NEW.household_id
                AND carrier = NEW.carrier AND month = (NEW.month + interval '24 months')::date;
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql
        """,
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _functions(bypass=True):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _functions(bypass=False):
            op.execute(statement)
