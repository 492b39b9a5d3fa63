"""annual call: calls, applications, reviews, decisions, grants; applicant role; users' district

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 21:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from energy.store.migrations import types

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The role vocabulary before and after this revision (a new role: `applicant`).
ROLES_OLD = "'admin', 'reviewer', 'trainer', 'committee', 'viewer'"
ROLES_NEW = ROLES_OLD + ", 'applicant'"


def upgrade() -> None:
    op.create_table(
        "calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("budget_krw", sa.BigInteger(), nullable=False),
        sa.Column("cap_y1_krw", sa.BigInteger(), nullable=False),
        sa.Column("cap_y2_krw", sa.BigInteger(), nullable=False),
        sa.Column("cap_y3_krw", sa.BigInteger(), nullable=False),
        sa.Column("min_organisers", sa.SmallInteger(), nullable=False),
        sa.Column("min_households_detached", sa.SmallInteger(), nullable=False),
        sa.Column("min_households_apartment", sa.SmallInteger(), nullable=False),
        sa.Column("applicant_types", sa.JSON(), nullable=False),
        sa.Column("stages", sa.JSON(), nullable=False),
        sa.Column("rubric", sa.JSON(), nullable=False),
        sa.Column("renewal_min_coverage", sa.Float(), nullable=False),
        sa.Column("renewal_min_saving_pct", sa.Float(), nullable=False),
        sa.Column("created_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "budget_krw >= 0 AND cap_y1_krw >= 0 AND cap_y2_krw >= 0 AND cap_y3_krw >= 0",
            name=op.f("ck_calls_money"),
        ),
        sa.CheckConstraint("closes_on >= opens_on", name=op.f("ck_calls_dates")),
        sa.CheckConstraint("min_organisers >= 1", name=op.f("ck_calls_min_organisers")),
        sa.CheckConstraint("year BETWEEN 2012 AND 2100", name=op.f("ck_calls_year")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calls")),
    )
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calls_year"), ["year"], unique=False)

    op.create_table(
        "call_applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("entered_by", sa.String(length=80), nullable=False),
        sa.Column("on_paper", sa.Boolean(), nullable=False),
        sa.Column("applicant_type", sa.String(length=24), nullable=False),
        sa.Column("group_name", sa.String(length=120), nullable=False),
        sa.Column("village_name", sa.String(length=120), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=True),
        sa.Column("housing_type", sa.String(length=12), nullable=False),
        sa.Column("households_detached", sa.Integer(), nullable=False),
        sa.Column("households_apartment", sa.Integer(), nullable=False),
        sa.Column("programme_year", sa.SmallInteger(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=True),
        sa.Column("strategy", sa.String(length=12), nullable=True),
        sa.Column("actions", sa.JSON(), nullable=False),
        sa.Column("actions_other", sa.String(length=200), nullable=True),
        sa.Column("target_saving_pct", sa.Float(), nullable=True),
        sa.Column("plan", sa.Text(), nullable=True),
        sa.Column("budget", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=True),
        sa.Column("submitted_at", types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("award_krw", sa.BigInteger(), nullable=True),
        sa.Column("decided_at", types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=80), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("created_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "applicant_type IN ('resident_group', 'civil_organisation', 'nonprofit_corporation', 'social_cooperative')",
            name=op.f("ck_call_applications_applicant_type"),
        ),
        sa.CheckConstraint(
            "housing_type IN ('apartment', 'detached', 'mixed')",
            name=op.f("ck_call_applications_housing_type"),
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'in_review', 'selected', 'wait_listed', 'rejected', 'withdrawn')",
            name=op.f("ck_call_applications_status"),
        ),
        sa.CheckConstraint(
            "award_krw IS NULL OR award_krw >= 0", name=op.f("ck_call_applications_award")
        ),
        sa.CheckConstraint(
            "households_detached >= 0 AND households_apartment >= 0",
            name=op.f("ck_call_applications_households"),
        ),
        sa.CheckConstraint(
            "programme_year BETWEEN 1 AND 3", name=op.f("ck_call_applications_programme_year")
        ),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_call_applications_call_id_calls")
        ),
        sa.ForeignKeyConstraint(
            ["district_id"],
            ["districts.id"],
            name=op.f("fk_call_applications_district_id_districts"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_call_applications_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["village_id"], ["villages.id"], name=op.f("fk_call_applications_village_id_villages")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_applications")),
        sa.UniqueConstraint("reference", name=op.f("uq_call_applications_reference")),
    )
    with op.batch_alter_table("call_applications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_call_applications_call_id"), ["call_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_call_applications_owner_id"), ["owner_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_call_applications_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_call_applications_village_id"), ["village_id"], unique=False
        )

    op.create_table(
        "call_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("programme_year", sa.SmallInteger(), nullable=False),
        sa.Column("award_krw", sa.BigInteger(), nullable=False),
        sa.Column("created_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("award_krw >= 0", name=op.f("ck_call_grants_award")),
        sa.CheckConstraint(
            "programme_year BETWEEN 1 AND 3", name=op.f("ck_call_grants_programme_year")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["call_applications.id"],
            name=op.f("fk_call_grants_application_id_call_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_call_grants_call_id_calls")
        ),
        sa.ForeignKeyConstraint(
            ["village_id"], ["villages.id"], name=op.f("fk_call_grants_village_id_villages")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_grants")),
        sa.UniqueConstraint("application_id", name=op.f("uq_call_grants_application_id")),
    )
    with op.batch_alter_table("call_grants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_call_grants_call_id"), ["call_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_call_grants_village_id"), ["village_id"], unique=False)

    op.create_table(
        "call_organisers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("contact", sa.String(length=120), nullable=False),
        sa.Column("lives_in_district", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["call_applications.id"],
            name=op.f("fk_call_organisers_application_id_call_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_organisers")),
        sa.UniqueConstraint(
            "application_id", "position", name=op.f("uq_call_organisers_application_id_position")
        ),
    )
    with op.batch_alter_table("call_organisers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_call_organisers_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "call_review_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("conflict", sa.Boolean(), nullable=True),
        sa.Column("conflict_note", sa.Text(), nullable=True),
        sa.Column("declared_at", types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("submitted_at", types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["call_applications.id"],
            name=op.f("fk_call_review_assignments_application_id_call_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["users.id"], name=op.f("fk_call_review_assignments_reviewer_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_review_assignments")),
        sa.UniqueConstraint(
            "application_id",
            "reviewer_id",
            "stage",
            name=op.f("uq_call_review_assignments_application_id_reviewer_id_stage"),
        ),
    )
    with op.batch_alter_table("call_review_assignments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_call_review_assignments_application_id"),
            ["application_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_call_review_assignments_reviewer_id"), ["reviewer_id"], unique=False
        )

    op.create_table(
        "call_instalments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grant_id", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount_krw", sa.BigInteger(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.CheckConstraint("amount_krw > 0", name=op.f("ck_call_instalments_amount")),
        sa.ForeignKeyConstraint(
            ["grant_id"], ["call_grants.id"], name=op.f("fk_call_instalments_grant_id_call_grants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_instalments")),
    )
    with op.batch_alter_table("call_instalments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_call_instalments_grant_id"), ["grant_id"], unique=False
        )

    op.create_table(
        "call_review_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("criterion", sa.String(length=40), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("score BETWEEN 0 AND 10", name=op.f("ck_call_review_scores_score")),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["call_review_assignments.id"],
            name=op.f("fk_call_review_scores_assignment_id_call_review_assignments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_review_scores")),
        sa.UniqueConstraint(
            "assignment_id", "criterion", name=op.f("uq_call_review_scores_assignment_id_criterion")
        ),
    )
    with op.batch_alter_table("call_review_scores", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_call_review_scores_assignment_id"), ["assignment_id"], unique=False
        )

    op.create_table(
        "call_spending_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("grant_id", sa.Integer(), nullable=False),
        sa.Column("line", sa.String(length=12), nullable=False),
        sa.Column("amount_krw", sa.BigInteger(), nullable=False),
        sa.Column("filed_by", sa.String(length=80), nullable=False),
        sa.Column("filed_at", types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "line IN ('rent', 'training', 'equipment', 'events', 'other')",
            name=op.f("ck_call_spending_lines_line"),
        ),
        sa.CheckConstraint("amount_krw >= 0", name=op.f("ck_call_spending_lines_amount")),
        sa.ForeignKeyConstraint(
            ["grant_id"],
            ["call_grants.id"],
            name=op.f("fk_call_spending_lines_grant_id_call_grants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_spending_lines")),
        sa.UniqueConstraint("grant_id", "line", name=op.f("uq_call_spending_lines_grant_id_line")),
    )
    with op.batch_alter_table("call_spending_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_call_spending_lines_grant_id"), ["grant_id"], unique=False
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("district_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_users_district_id_districts"), "districts", ["district_id"], ["id"]
        )
        batch_op.drop_constraint(op.f("ck_users_role"), type_="check")
        batch_op.create_check_constraint(op.f("ck_users_role"), f"role IN ({ROLES_NEW})")


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_users_district_id_districts"), type_="foreignkey")
        batch_op.drop_column("district_id")
        batch_op.drop_constraint(op.f("ck_users_role"), type_="check")
        batch_op.create_check_constraint(op.f("ck_users_role"), f"role IN ({ROLES_OLD})")

    with op.batch_alter_table("call_spending_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_spending_lines_grant_id"))

    op.drop_table("call_spending_lines")
    with op.batch_alter_table("call_review_scores", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_review_scores_assignment_id"))

    op.drop_table("call_review_scores")
    with op.batch_alter_table("call_instalments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_instalments_grant_id"))

    op.drop_table("call_instalments")
    with op.batch_alter_table("call_review_assignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_review_assignments_reviewer_id"))
        batch_op.drop_index(batch_op.f("ix_call_review_assignments_application_id"))

    op.drop_table("call_review_assignments")
    with op.batch_alter_table("call_organisers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_organisers_application_id"))

    op.drop_table("call_organisers")
    with op.batch_alter_table("call_grants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_grants_village_id"))
        batch_op.drop_index(batch_op.f("ix_call_grants_call_id"))

    op.drop_table("call_grants")
    with op.batch_alter_table("call_applications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_applications_village_id"))
        batch_op.drop_index(batch_op.f("ix_call_applications_status"))
        batch_op.drop_index(batch_op.f("ix_call_applications_owner_id"))
        batch_op.drop_index(batch_op.f("ix_call_applications_call_id"))

    op.drop_table("call_applications")
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calls_year"))

    op.drop_table("calls")
