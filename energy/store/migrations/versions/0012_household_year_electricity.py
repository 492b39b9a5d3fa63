"""household_year_electricity: each household's electricity per calendar year, kept

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26 05:10:00

The town hall tells "the yearly electricity of N typical households": the median, over every
programme household, of a year's electricity. From the readings that is a pass over a year of
electricity for the whole city (1.2 million readings at ten million; about a second on
SQLite). The new table keeps one row per household and year (kWh, months on record), kept
with ``village_month_sums`` by ``energy.savings.compute.village_sums.rebuild`` and trusted only for villages
whose sums are fresh (the triggers of 0008 mark a village stale on every change).

The upgrade fills the table from the readings in one statement, so an upgraded store needs
no rebuild.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

YEAR = {
    "sqlite": "CAST(strftime('%Y', month) AS INTEGER)",
    "postgresql": "CAST(EXTRACT(YEAR FROM month) AS INTEGER)",
}


def upgrade() -> None:
    op.create_table(
        "household_year_electricity",
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("kwh", sa.Float(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_household_year_electricity_household_id_households"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("household_id", "year", name=op.f("pk_household_year_electricity")),
    )
    op.create_index(
        "ix_household_year_electricity_year",
        "household_year_electricity",
        ["year", "village_id"],
        unique=False,
    )
    year = YEAR[op.get_bind().dialect.name]
    op.execute(
        "INSERT INTO household_year_electricity (household_id, year, village_id, kwh, months) "
        f"SELECT household_id, {year}, MIN(village_id), SUM(value), COUNT(*) FROM readings "
        f"WHERE carrier = 'electricity' GROUP BY household_id, {year}"
    )


def downgrade() -> None:
    op.drop_index("ix_household_year_electricity_year", table_name="household_year_electricity")
    op.drop_table("household_year_electricity")
