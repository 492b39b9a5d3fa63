"""organisations villages found, and why villages stop

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 21:40:00

Why villages stop is kept by the existing village status history (migration 0001); this
revision adds the organisations, their founding checklists, members, assets and years.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from energy.store.migrations import types

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=True),
        sa.Column("legal_form", sa.String(length=24), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("activity_since", sa.Date(), nullable=False),
        sa.Column("share_price_krw", sa.Integer(), nullable=True),
        sa.Column("report_no", sa.String(length=40), nullable=True),
        sa.Column("corporate_registration_no", sa.String(length=40), nullable=True),
        sa.Column("business_registration_no", sa.String(length=40), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "legal_form IN ('cooperative', 'social_cooperative', 'nonprofit', 'social_enterprise')",
            name=op.f("ck_organisations_legal_form"),
        ),
        sa.CheckConstraint(
            "share_price_krw IS NULL OR share_price_krw > 0",
            name=op.f("ck_organisations_share_price"),
        ),
        sa.ForeignKeyConstraint(
            ["village_id"], ["villages.id"], name=op.f("fk_organisations_village_id_villages")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
    )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisations_village_id"), ["village_id"], unique=False
        )

    op.create_table(
        "formation_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=32), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("responsible", sa.String(length=120), nullable=True),
        sa.Column("documents", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("notice_on", sa.Date(), nullable=True),
        sa.Column("eligible", sa.Integer(), nullable=True),
        sa.Column("attendees", sa.Integer(), nullable=True),
        sa.Column("votes_for", sa.Integer(), nullable=True),
        sa.Column("updated_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "attendees IS NULL OR (attendees >= 0 AND votes_for >= 0)",
            name=op.f("ck_formation_steps_attendance"),
        ),
        sa.CheckConstraint(
            "eligible IS NULL OR eligible >= 0", name=op.f("ck_formation_steps_eligible")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_formation_steps_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_formation_steps")),
        sa.UniqueConstraint(
            "organisation_id", "step", name=op.f("uq_formation_steps_organisation_id_step")
        ),
    )
    with op.batch_alter_table("formation_steps", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_formation_steps_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "organisation_assets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("site", sa.String(length=120), nullable=True),
        sa.Column("capacity_kw", sa.Float(), nullable=False),
        sa.Column("yearly_kwh", sa.Float(), nullable=True),
        sa.Column("commissioned_on", sa.Date(), nullable=True),
        sa.CheckConstraint("kind IN ('solar_plant')", name=op.f("ck_organisation_assets_kind")),
        sa.CheckConstraint("capacity_kw > 0", name=op.f("ck_organisation_assets_capacity_kw")),
        sa.CheckConstraint(
            "yearly_kwh IS NULL OR yearly_kwh >= 0", name=op.f("ck_organisation_assets_yearly_kwh")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_organisation_assets_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_assets")),
    )
    with op.batch_alter_table("organisation_assets", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisation_assets_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "organisation_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("is_founder", sa.Boolean(), nullable=False),
        sa.Column("board_role", sa.String(length=16), nullable=True),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("shares_pledged", sa.Integer(), nullable=False),
        sa.Column("shares_paid", sa.Integer(), nullable=False),
        sa.Column("created_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "board_role IS NULL OR board_role IN ('chair', 'vice_chair', 'director', 'auditor')",
            name=op.f("ck_organisation_members_board_role"),
        ),
        sa.CheckConstraint(
            "kind IN ('organiser', 'household', 'resident', 'organisation')",
            name=op.f("ck_organisation_members_kind"),
        ),
        sa.CheckConstraint(
            "left_on IS NULL OR left_on >= joined_on", name=op.f("ck_organisation_members_left_on")
        ),
        sa.CheckConstraint(
            "shares_pledged >= 0 AND shares_paid >= 0 AND shares_paid <= shares_pledged",
            name=op.f("ck_organisation_members_shares"),
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_organisation_members_household_id_households"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_organisation_members_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_members")),
    )
    with op.batch_alter_table("organisation_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisation_members_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_organisation_members_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "organisation_years",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("supermarket_sales_krw", sa.BigInteger(), nullable=False),
        sa.Column("checkups", sa.Integer(), nullable=False),
        sa.Column("education_sessions", sa.Integer(), nullable=False),
        sa.Column("education_participants", sa.Integer(), nullable=False),
        sa.Column("jobs_full_time", sa.Integer(), nullable=False),
        sa.Column("jobs_part_time", sa.Integer(), nullable=False),
        sa.Column("energy_careers", sa.Integer(), nullable=False),
        sa.Column("revenue_krw", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(
            "supermarket_sales_krw >= 0 AND checkups >= 0 AND education_sessions >= 0 AND education_participants >= 0 AND jobs_full_time >= 0 AND jobs_part_time >= 0 AND energy_careers >= 0 AND revenue_krw >= 0",
            name=op.f("ck_organisation_years_non_negative"),
        ),
        sa.CheckConstraint("year BETWEEN 2012 AND 2100", name=op.f("ck_organisation_years_year")),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_organisation_years_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_years")),
        sa.UniqueConstraint(
            "organisation_id", "year", name=op.f("uq_organisation_years_organisation_id_year")
        ),
    )
    with op.batch_alter_table("organisation_years", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisation_years_organisation_id"), ["organisation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("organisation_years", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_years_organisation_id"))

    op.drop_table("organisation_years")
    with op.batch_alter_table("organisation_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_members_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_organisation_members_household_id"))

    op.drop_table("organisation_members")
    with op.batch_alter_table("organisation_assets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_assets_organisation_id"))

    op.drop_table("organisation_assets")
    with op.batch_alter_table("formation_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_formation_steps_organisation_id"))

    op.drop_table("formation_steps")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisations_village_id"))

    op.drop_table("organisations")
