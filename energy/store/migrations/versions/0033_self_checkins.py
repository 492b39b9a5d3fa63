"""training_self_checkins: a participant checks in from a phone without an account

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-07 04:40:00

Issue 24, self check-in without a login: a phone that opened the QR code's link names its
village and types a name; ``training_self_checkins`` keeps each such check-in (one per
session, village and folded name), matched at once to the one person of that name on the
village's training list or waiting for the trainer, who matches it, adds the name to the
list or sets it aside. The rows go with their session; a participant deleted leaves the
check-in without a person. No rows: a new store has no check-ins.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from energy.store.migrations import types  # the only project module a migration imports

revision: str = "0033"
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATES = "'checked_in', 'waiting', 'matched', 'added', 'dismissed'"
TABLE = "training_self_checkins"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("name_key", sa.String(length=60), nullable=False),
        sa.Column("client", sa.String(length=12), nullable=False),
        sa.Column("arrived_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("resolved_by", sa.String(length=80), nullable=True),
        sa.Column("resolved_at", types.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(f"state IN ({STATES})", name=op.f("ck_training_self_checkins_state")),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["training_participants.id"],
            name=op.f("fk_training_self_checkins_participant_id_training_participants"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_sessions.id"],
            name=op.f("fk_training_self_checkins_session_id_training_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["villages.id"],
            name=op.f("fk_training_self_checkins_village_id_villages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_self_checkins")),
        sa.UniqueConstraint(
            "session_id",
            "village_id",
            "name_key",
            name=op.f("uq_training_self_checkins_session_id_village_id_name_key"),
        ),
    )
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        for column in ("participant_id", "session_id", "village_id"):
            batch_op.create_index(batch_op.f(f"ix_{TABLE}_{column}"), [column], unique=False)


def downgrade() -> None:
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        for column in ("village_id", "session_id", "participant_id"):
            batch_op.drop_index(batch_op.f(f"ix_{TABLE}_{column}"))
    op.drop_table(TABLE)
