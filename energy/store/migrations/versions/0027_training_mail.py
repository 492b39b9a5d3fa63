"""training_mail: participants' e-mail addresses; a session's iCalendar sequence

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-06 22:01:50

A participant hears of a training session scheduled, moved or cancelled by e-mail, with the
session's ``.ics`` attached (issue 25). A participant on a village's training list may
therefore have an address (``training_participants.email``: trimmed and in lower case,
optional, not unique: two residents of one home may share one). A session counts the times it
was changed after it was announced (``training_sessions.sequence``, 0 for every session so
far): the ``SEQUENCE`` of its calendar event, so that a calendar program takes the moved or
cancelled event over the one it holds (same UID, higher SEQUENCE, RFC 5545 3.8.7.4).
No rows: nobody has an address yet.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("training_participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email", sa.String(length=254), nullable=True))
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sequence", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    # In place (SQLite 3.35+): a rebuilt table fails once attendance rows refer to it.
    op.drop_column("training_sessions", "sequence")
    op.drop_column("training_participants", "email")
