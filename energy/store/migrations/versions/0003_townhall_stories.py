"""town hall: villages' stories chosen by staff

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 18:13:24.968320
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from energy.store.migrations import types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "townhall_stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("quote_ko", sa.Text(), nullable=False),
        sa.Column("quote_en", sa.Text(), nullable=True),
        sa.Column("attribution_ko", sa.String(length=120), nullable=False),
        sa.Column("attribution_en", sa.String(length=120), nullable=True),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("created_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("position >= 0", name=op.f("ck_townhall_stories_position")),
        sa.CheckConstraint("year BETWEEN 2012 AND 2100", name=op.f("ck_townhall_stories_year")),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["villages.id"],
            name=op.f("fk_townhall_stories_village_id_villages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_townhall_stories")),
    )
    with op.batch_alter_table("townhall_stories", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_townhall_stories_village_id"), ["village_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("townhall_stories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_townhall_stories_village_id"))

    op.drop_table("townhall_stories")
