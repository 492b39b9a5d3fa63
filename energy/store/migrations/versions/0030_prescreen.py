"""prescreen: a district officer's pre-screen of an application; the public-body declaration

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-07 03:00:00

Issue 27: before the city's review, the officer of an application's district records whether
the organisers were met in person, whether they live in the village area, and a verdict with
its own words (``call_prescreens``, one per application, revised in place: the audit log keeps
each version). The organisers declare that none of them acts for a public body, naming the
link if one does (``call_applications.public_body_declared`` and ``public_body_link``).
Applications stored before this revision made no declaration: they keep ``false`` and no link.
Both columns are added in place (``ALTER TABLE ... ADD COLUMN`` on SQLite too); the downgrade
takes the table and the columns away again.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from energy.store.migrations import types  # the only project module a migration imports

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MET = "'all', 'some', 'none'"
RESIDENCE = "'all', 'some', 'none', 'unknown'"
VERDICTS = "'no_concerns', 'concerns', 'could_not_verify'"


def upgrade() -> None:
    op.add_column(
        "call_applications",
        sa.Column(
            "public_body_declared", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
    )
    op.add_column(
        "call_applications", sa.Column("public_body_link", sa.String(length=300), nullable=True)
    )
    op.create_table(
        "call_prescreens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("met_in_person", sa.String(length=8), nullable=False),
        sa.Column("lives_in_area", sa.String(length=8), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("recorded_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            f"lives_in_area IN ({RESIDENCE})", name=op.f("ck_call_prescreens_lives_in_area")
        ),
        sa.CheckConstraint(
            f"met_in_person IN ({MET})", name=op.f("ck_call_prescreens_met_in_person")
        ),
        sa.CheckConstraint(f"verdict IN ({VERDICTS})", name=op.f("ck_call_prescreens_verdict")),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["call_applications.id"],
            name=op.f("fk_call_prescreens_application_id_call_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["district_id"], ["districts.id"], name=op.f("fk_call_prescreens_district_id_districts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_prescreens")),
        sa.UniqueConstraint("application_id", name=op.f("uq_call_prescreens_application_id")),
    )
    op.create_index(
        op.f("ix_call_prescreens_district_id"), "call_prescreens", ["district_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_call_prescreens_district_id"), table_name="call_prescreens")
    op.drop_table("call_prescreens")
    with op.batch_alter_table("call_applications", schema=None) as batch_op:
        batch_op.drop_column("public_body_link")
        batch_op.drop_column("public_body_declared")
