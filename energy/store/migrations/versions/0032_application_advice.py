"""application_advice: a group asks its district office for advice on its draft

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-07 03:00:00

Issue 27, advice before applying: ``application_advice_requests`` records a group asking
(when, who, its question, when the advice was done) and ``application_advice`` the thread,
one message per row in one section of the form, by the district officer or by the group; an
officer's message may suggest a value for one field, which the group may accept. Both go
with their application (deleted with it). No rows: a new store has no advice.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from energy.store.migrations import types  # the only project module a migration imports

revision: str = "0032"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SECTIONS = "'basics', 'organisers', 'plan', 'budget'"
AUTHORS = "'district', 'applicant'"
FIELDS = (
    "'group_name', 'village_name', 'households_detached', 'households_apartment', "
    "'target_saving_pct', 'actions_other', 'plan', 'budget.rent', 'budget.training', "
    "'budget.equipment', 'budget.events', 'budget.other'"
)
SUGGESTION = (
    "(suggested_field IS NULL AND suggested_value IS NULL AND accepted_at IS NULL) OR "
    "(suggested_field IS NOT NULL AND suggested_value IS NOT NULL AND author_role = 'district')"
)


def upgrade() -> None:
    op.create_table(
        "application_advice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=16), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("author_role", sa.String(length=12), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("suggested_field", sa.String(length=40), nullable=True),
        sa.Column("suggested_value", sa.Text(), nullable=True),
        sa.Column("accepted_at", types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(SUGGESTION, name=op.f("ck_application_advice_suggestion")),
        sa.CheckConstraint(
            f"author_role IN ({AUTHORS})", name=op.f("ck_application_advice_author_role")
        ),
        sa.CheckConstraint(f"section IN ({SECTIONS})", name=op.f("ck_application_advice_section")),
        sa.CheckConstraint(
            f"suggested_field IS NULL OR suggested_field IN ({FIELDS})",
            name=op.f("ck_application_advice_suggested_field"),
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["call_applications.id"],
            name=op.f("fk_application_advice_application_id_call_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_application_advice_author_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_advice")),
    )
    with op.batch_alter_table("application_advice", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_advice_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "application_advice_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("asked_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("asked_by", sa.String(length=80), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("closed_at", types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["call_applications.id"],
            name=op.f("fk_application_advice_requests_application_id_call_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_advice_requests")),
    )
    with op.batch_alter_table("application_advice_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_advice_requests_application_id"),
            ["application_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("application_advice_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_advice_requests_application_id"))
    op.drop_table("application_advice_requests")
    with op.batch_alter_table("application_advice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_advice_application_id"))
    op.drop_table("application_advice")
