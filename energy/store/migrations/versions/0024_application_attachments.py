"""application_attachments: the files an applicant attaches to an application

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06 19:10:00

Grant tools take attachments (issue 24): a group attaches its plan, its budget sheet and
photos to its application; staff and the reviewers assigned to it read them. The files are
kept in the store itself (``bytea`` on PostgreSQL, a BLOB on SQLite), so every server of the
city sees the same files and a backup holds them, with their type, size and SHA-256 beside
them. The same content is attached to an application once (unique per application and
SHA-256); the size is the content's own length. No rows: a new store has no attachments.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from energy.store.migrations import types  # the only project module a migration imports

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = "'plan', 'budget', 'photo', 'other'"
MEDIA_TYPES = (
    "'application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif', "
    "'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'"
)


def upgrade() -> None:
    op.create_table(
        "application_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("file_name", sa.String(length=160), nullable=False),
        sa.Column("media_type", sa.String(length=80), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=80), nullable=False),
        sa.Column("uploaded_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(f"kind IN ({KINDS})", name=op.f("ck_application_attachments_kind")),
        sa.CheckConstraint(
            f"media_type IN ({MEDIA_TYPES})", name=op.f("ck_application_attachments_media_type")
        ),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_application_attachments_sha256")),
        sa.CheckConstraint(
            "size_bytes > 0 AND length(content) = size_bytes",
            name=op.f("ck_application_attachments_size"),
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["call_applications.id"],
            name=op.f("fk_application_attachments_application_id_call_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_attachments")),
        sa.UniqueConstraint(
            "application_id",
            "sha256",
            name=op.f("uq_application_attachments_application_id_sha256"),
        ),
    )
    with op.batch_alter_table("application_attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_attachments_application_id"),
            ["application_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("application_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_attachments_application_id"))
    op.drop_table("application_attachments")
