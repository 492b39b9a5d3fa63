"""audit_log: the village each entry is about, the keys of new rows, indexes for the reader

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07 09:00:00

The audit log is read by people (issue 24): newest first over a period, for one person, one
kind of thing or one village. A village's entries (its households, readings, committee,
applications, grants, training list and attendance, organisations ...) are found through the
new ``village_id`` column and its index; the models name each table's village with
``__audit_village__`` and the store fills it on every write.

Here the existing entries are filled from what they say, in SQL only:

- a new row without an ``__audit_key__`` was logged with the key "?" (its identity was read
  before the flush had set it); its key is the ``id`` its ``after`` values hold;
- ``village_id`` comes from the entry's own values (``after``, then ``before``), else from
  the row the entry is about as the store holds it now, and through the row it refers to
  where the village is one or two steps away (a review score: its assignment's application).
  An entry whose row and references are gone keeps no village.

The indexes on ``at`` and ``actor`` become ``(at, id)`` and ``(actor, at, id)``, and
``(entity, at, id)`` and ``(village_id, at, id)`` are added: each filter reads one index range
in the log's order. The downgrade drops the column and puts the old indexes back; the keys
stay mended.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each audited table whose rows belong to a village, as of this revision: the column holding
# the village, or (column, table) where the column refers to a row of that table.
VILLAGE_RULES: dict[str, str | tuple[str, str]] = {
    "villages": "id",
    "village_status_changes": "village_id",
    "townhall_stories": "village_id",
    "users": "village_id",
    "households": "village_id",
    "generation_units": ("household_id", "households"),
    "reading_batches": "village_id",
    "call_applications": "village_id",
    "call_organisers": ("application_id", "call_applications"),
    "call_review_assignments": ("application_id", "call_applications"),
    "call_review_scores": ("assignment_id", "call_review_assignments"),
    "call_grants": "village_id",
    "call_instalments": ("grant_id", "call_grants"),
    "call_spending_lines": ("grant_id", "call_grants"),
    "organisations": "village_id",
    "formation_steps": ("organisation_id", "organisations"),
    "organisation_members": ("organisation_id", "organisations"),
    "organisation_assets": ("organisation_id", "organisations"),
    "organisation_years": ("organisation_id", "organisations"),
    "training_session_villages": "village_id",
    "training_participants": "village_id",
    "training_attendance": ("participant_id", "training_participants"),
    "village_weather_stations": "village_id",
}
# The column an entry's key names, where it is not ``id`` (the tables' ``__audit_key__``).
KEYS = {
    "villages": "code",
    "users": "username",
    "call_applications": "reference",
    "organisations": "name",
    "village_weather_stations": "village_id",
}
# Actions that are about a village's row without being a row change: a village's readings
# import (entity "villages"), its committee account's login (entity "users").
EVENTS = ("import_readings", "login")


def _value(dialect: str, document: str, field: str) -> str:
    """An integer field of the JSON column ``document`` (NULL where absent)."""
    if dialect == "postgresql":
        return f"CAST(audit_log.{document} ->> '{field}' AS INTEGER)"
    return f"CAST(json_extract(audit_log.{document}, '$.{field}') AS INTEGER)"


def _key(dialect: str, table: str) -> str:
    """The entry's key as the value of the key column of ``table``."""
    if KEYS.get(table, "id") not in ("id", "village_id"):
        return "audit_log.entity_key"
    if dialect == "postgresql":
        return (
            "CASE WHEN audit_log.entity_key ~ '^[0-9]+$' "
            "THEN CAST(audit_log.entity_key AS INTEGER) END"
        )
    return (
        "CASE WHEN audit_log.entity_key <> '' AND audit_log.entity_key NOT GLOB '*[^0-9]*' "
        "THEN CAST(audit_log.entity_key AS INTEGER) END"
    )


def _own(dialect: str, table: str, column: str) -> str:
    """The entry's row's ``column``: from its values, else from the row as stored now."""
    stored = f"(SELECT t.{column} FROM {table} t WHERE t.{KEYS.get(table, 'id')} = {_key(dialect, table)})"
    return (
        f"COALESCE({_value(dialect, 'after', column)}, {_value(dialect, 'before', column)}, "
        f"{stored})"
    )


def _village_of(table: str, row_id: str) -> str:
    """The village of the row of ``table`` with id ``row_id`` (an SQL expression)."""
    rule = VILLAGE_RULES[table]
    if isinstance(rule, str):
        return f"(SELECT p.{rule} FROM {table} p WHERE p.id = {row_id})"
    column, parent = rule
    link = f"(SELECT p.{column} FROM {table} p WHERE p.id = {row_id})"
    return _village_of(parent, link)


def _village(dialect: str, table: str) -> str:
    rule = VILLAGE_RULES[table]
    if isinstance(rule, str):
        return _own(dialect, table, rule)
    column, parent = rule
    return _village_of(parent, _own(dialect, table, column))


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("village_id", sa.Integer(), nullable=True))
        batch_op.drop_index("ix_audit_log_at")
        batch_op.drop_index("ix_audit_log_actor")
        batch_op.create_index("ix_audit_log_at_id", ["at", "id"], unique=False)
        batch_op.create_index("ix_audit_log_actor_at_id", ["actor", "at", "id"], unique=False)
        batch_op.create_index("ix_audit_log_entity_at_id", ["entity", "at", "id"], unique=False)
        batch_op.create_index(
            "ix_audit_log_village_id_at_id", ["village_id", "at", "id"], unique=False
        )
    new_id = _value(dialect, "after", "id")
    op.execute(
        f"UPDATE audit_log SET entity_key = CAST({new_id} AS VARCHAR(120)) "
        f"WHERE entity_key = '?' AND action = 'create' AND {new_id} IS NOT NULL"
    )
    actions = ", ".join(f"'{a}'" for a in ("create", "update", "delete", *EVENTS))
    for table in VILLAGE_RULES:
        op.execute(
            f"UPDATE audit_log SET village_id = {_village(dialect, table)} "
            f"WHERE audit_log.entity = '{table}' AND audit_log.action IN ({actions})"
        )


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_village_id_at_id")
        batch_op.drop_index("ix_audit_log_entity_at_id")
        batch_op.drop_index("ix_audit_log_actor_at_id")
        batch_op.drop_index("ix_audit_log_at_id")
        batch_op.create_index("ix_audit_log_actor", ["actor"], unique=False)
        batch_op.create_index("ix_audit_log_at", ["at"], unique=False)
        batch_op.drop_column("village_id")
