"""training_self_checkin: a session's check-in key; who marked an attendance, and when checked in

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07 10:00:00

Participants check themselves in at a training session with a code that changes every minute
(issue 24). While the trainer keeps self check-in open, the session holds the key its codes
are made from (``training_sessions.checkin_secret``; none: closed). An attendance mark says
who put it there (``source``: ``recorded`` by the trainer or staff, as every mark so far;
``self`` by the participant's own check-in) and, for a check-in, when the person checked in
(``checked_in_at``, kept when the trainer corrects the mark).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from energy.store.migrations import types

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("checkin_secret", sa.String(length=64), nullable=True))
    with op.batch_alter_table("training_attendance", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source", sa.String(length=8), server_default="recorded", nullable=False)
        )
        batch_op.add_column(
            sa.Column("checked_in_at", types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_check_constraint(
            op.f("ck_training_attendance_source"), "source IN ('recorded', 'self')"
        )


def downgrade() -> None:
    with op.batch_alter_table("training_attendance", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_training_attendance_source"), type_="check")
        batch_op.drop_column("checked_in_at")
        batch_op.drop_column("source")
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.drop_column("checkin_secret")
