"""mail: links to reset a forgotten password; a sender's lease on an outbox message

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-06 22:02:27

A person who forgot their password asks for a link by mail (issue 25). ``password_resets``
keeps one row per link: the account, a SHA-256 digest of the link's token (never the token
itself), when it was made and until when it works (30 minutes), and when it was used or
ended by a newer request (``used_at``, ``revoked_at``). Deleting an account deletes its links.

``mail_outbox.leased_until``: a sender claims a due message until then, so that two senders
(the app's background thread and a cron ``mail send``, or two app servers) never hand the
same message to the mail server twice; a sender that died lets the message go once the time
has passed. Empty for every message queued before (none is being sent during the upgrade).
No rows are written.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from energy.store.migrations import types  # the only project module a migration imports

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "password_resets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_password_resets_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_resets")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_password_resets_token_hash")),
    )
    with op.batch_alter_table("password_resets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_password_resets_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("mail_outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("leased_until", types.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    # In place (SQLite 3.35+): a rebuilt outbox would take its attachments and attempts along.
    op.drop_column("mail_outbox", "leased_until")

    with op.batch_alter_table("password_resets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_password_resets_user_id"))

    op.drop_table("password_resets")
