"""district_visits: a district officer's log of visits, calls and meetings with its villages

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-07 03:00:00

Issue 27, following the villages: a district officer keeps a log of its contacts with the
villages of its district (``district_visits``): the village, the day, how (``visit``,
``call`` or ``meeting``), a note, who wrote it, when, and optionally the day to follow it up
(never before the contact itself). Removing a village removes its log; an account that wrote
in the log is not removed while the log names it. A new table: no rows are written, and the
downgrade drops it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from energy.store.migrations import types  # the only project module a migration imports

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "district_visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("created_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "follow_up_on IS NULL OR follow_up_on >= visited_on",
            name=op.f("ck_district_visits_follow_up"),
        ),
        sa.CheckConstraint(
            "kind IN ('visit', 'call', 'meeting')", name=op.f("ck_district_visits_kind")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_district_visits_author_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["villages.id"],
            name=op.f("fk_district_visits_village_id_villages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_district_visits")),
    )
    with op.batch_alter_table("district_visits", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_district_visits_author_id"), ["author_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_district_visits_village_id"), ["village_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_district_visits_visited_on"), ["visited_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("district_visits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_district_visits_visited_on"))
        batch_op.drop_index(batch_op.f("ix_district_visits_village_id"))
        batch_op.drop_index(batch_op.f("ix_district_visits_author_id"))

    op.drop_table("district_visits")
