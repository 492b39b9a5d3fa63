"""members linked to call organisers; public-benefit share and labour costs per year; the
social enterprise's full certification checklist

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 10:00:00

- ``organisation_members.organiser_id``: the organiser (named on one of the village's call
  applications) a member is; set to NULL if the application's organisers are removed.
- ``organisation_years.public_benefit_pct`` (a social cooperative's public-benefit business,
  0-100 % of all its business) and ``labour_costs_krw`` (a social enterprise's revenue test).
- Existing social enterprises get the checklist steps this revision adds (articles, social
  purpose, stakeholder decision-making); where the enterprise is already certified they are
  dated with the certification, which could not have been granted without them.

On SQLite the two tables are rebuilt (batch mode). Neither carries a trigger (the triggers
of 0004 and 0008 sit on readings, households, village_status_changes and villages);
tests/test_migration_0009.py checks that every trigger is still there after the upgrade.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from energy.store.migrations import types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The steps 0009 adds to the social enterprise checklist (energy.organisations.formation_rules.CHECKLISTS).
NEW_ENTERPRISE_STEPS = ("articles", "social_purpose", "stakeholder_governance")

_organisations = sa.table(
    "organisations", sa.column("id", sa.Integer), sa.column("legal_form", sa.String)
)
_steps = sa.table(
    "formation_steps",
    sa.column("id", sa.Integer),
    sa.column("organisation_id", sa.Integer),
    sa.column("step", sa.String),
    sa.column("done_on", sa.Date),
    sa.column("updated_at", types.UTCDateTime(timezone=True)),
)


def upgrade() -> None:
    with op.batch_alter_table("organisation_members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("organiser_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_organisation_members_organiser_id"), ["organiser_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_organisation_members_organiser_id_call_organisers"),
            "call_organisers",
            ["organiser_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("organisation_years", schema=None) as batch_op:
        batch_op.add_column(sa.Column("public_benefit_pct", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("labour_costs_krw", sa.BigInteger(), nullable=True))
        batch_op.create_check_constraint(
            batch_op.f("ck_organisation_years_public_benefit_pct"),
            "public_benefit_pct IS NULL OR (public_benefit_pct >= 0 AND public_benefit_pct <= 100)",
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_organisation_years_labour_costs"),
            "labour_costs_krw IS NULL OR labour_costs_krw >= 0",
        )
    _add_enterprise_steps()


def _add_enterprise_steps() -> None:
    bind = op.get_bind()
    enterprises = bind.execute(
        sa.select(_organisations.c.id).where(_organisations.c.legal_form == "social_enterprise")
    ).scalars()
    now = dt.datetime.now(dt.UTC)
    for organisation_id in list(enterprises):
        certified = bind.execute(
            sa.select(_steps.c.done_on).where(
                _steps.c.organisation_id == organisation_id, _steps.c.step == "certification"
            )
        ).scalar()
        have = set(
            bind.execute(
                sa.select(_steps.c.step).where(_steps.c.organisation_id == organisation_id)
            ).scalars()
        )
        for step in NEW_ENTERPRISE_STEPS:
            if step not in have:
                bind.execute(
                    _steps.insert().values(
                        organisation_id=organisation_id, step=step, done_on=certified,
                        updated_at=now,
                    )
                )  # fmt: skip


def downgrade() -> None:
    enterprises = sa.select(_organisations.c.id).where(
        _organisations.c.legal_form == "social_enterprise"
    )
    op.execute(
        _steps.delete().where(
            _steps.c.organisation_id.in_(enterprises), _steps.c.step.in_(NEW_ENTERPRISE_STEPS)
        )
    )
    with op.batch_alter_table("organisation_years", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_organisation_years_labour_costs"), type_="check")
        batch_op.drop_constraint(
            batch_op.f("ck_organisation_years_public_benefit_pct"), type_="check"
        )
        batch_op.drop_column("labour_costs_krw")
        batch_op.drop_column("public_benefit_pct")
    with op.batch_alter_table("organisation_members", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_organisation_members_organiser_id_call_organisers"),
            type_="foreignkey",
        )
        batch_op.drop_index(batch_op.f("ix_organisation_members_organiser_id"))
        batch_op.drop_column("organiser_id")
