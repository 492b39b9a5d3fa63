"""mail: people's addresses and identity-provider subjects; the outbox, attachments, attempts

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-06 22:00:00

The app tells people what they must act on by e-mail, and staff may log in with the city's
identity provider (issue 25). A person has an e-mail address (``users.email``, trimmed and in
lower case, one account each), the identity provider's subject once they have logged in with
it (``users.oidc_subject``), and the kinds of optional mail they turned off
(``users.mail_muted``, a JSON list; none: everything on).

Every message is queued in ``mail_outbox`` in the transaction of the change that causes it,
with its attachments (``mail_attachments``); the sender records each attempt with the
server's answer (``mail_attempts``). ``dedupe_key`` keeps a message that must go once from
being queued twice. No rows: a store has no mail yet. ``users`` is altered in place
(its new columns' uniqueness is a unique index), never rebuilt: on SQLite a rebuild fails
once other tables' rows refer to the accounts.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from energy.store.migrations import types  # the only project module a migration imports

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Added in place, with unique indexes rather than constraints: on SQLite a constraint
    # would rebuild ``users``, which fails once other tables' rows refer to it.
    op.add_column("users", sa.Column("email", sa.String(length=254), nullable=True))
    op.add_column("users", sa.Column("oidc_subject", sa.String(length=255), nullable=True))
    op.add_column("users", sa.Column("mail_muted", sa.JSON(), nullable=True))
    op.create_index(op.f("ix_users_email"), "users", ["email"], unique=True)
    op.create_index(op.f("ix_users_oidc_subject"), "users", ["oidc_subject"], unique=True)

    op.create_table(
        "mail_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("dedupe_key", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", types.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("language IN ('ko', 'en')", name=op.f("ck_mail_outbox_language")),
        sa.CheckConstraint(
            "status IN ('queued', 'sent', 'failed')", name=op.f("ck_mail_outbox_status")
        ),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_mail_outbox_attempts")),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_mail_outbox_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_outbox")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_mail_outbox_dedupe_key")),
    )
    with op.batch_alter_table("mail_outbox", schema=None) as batch_op:
        batch_op.create_index(
            "ix_mail_outbox_status_next_attempt_at", ["status", "next_attempt_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_mail_outbox_user_id"), ["user_id"], unique=False)

    op.create_table(
        "mail_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=160), nullable=False),
        sa.Column("media_type", sa.String(length=120), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["mail_outbox.id"],
            name=op.f("fk_mail_attachments_message_id_mail_outbox"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_attachments")),
    )
    with op.batch_alter_table("mail_attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mail_attachments_message_id"), ["message_id"], unique=False
        )

    op.create_table(
        "mail_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("at", types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("reply", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["mail_outbox.id"],
            name=op.f("fk_mail_attempts_message_id_mail_outbox"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_attempts")),
    )
    with op.batch_alter_table("mail_attempts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mail_attempts_message_id"), ["message_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("mail_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_attempts_message_id"))

    op.drop_table("mail_attempts")
    with op.batch_alter_table("mail_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_attachments_message_id"))

    op.drop_table("mail_attachments")
    with op.batch_alter_table("mail_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_outbox_user_id"))
        batch_op.drop_index("ix_mail_outbox_status_next_attempt_at")

    op.drop_table("mail_outbox")

    op.drop_index(op.f("ix_users_oidc_subject"), table_name="users")
    op.drop_index(op.f("ix_users_email"), table_name="users")
    for column in ("mail_muted", "oidc_subject", "email"):
        op.drop_column("users", column)  # SQLite 3.35+ drops a column in place
