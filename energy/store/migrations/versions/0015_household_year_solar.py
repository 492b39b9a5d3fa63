"""household_year_solar: each household's metered solar per calendar year and month, kept

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-26 15:30:00

The town hall's renewables slide sums a year of the whole city's metered solar output by
month and lists the households that generated: about 135,000 readings at ten million, and
0.4 s of every cold town hall on SQLite even along the solar index of 0014. The new table
keeps one row per household and year with one column per month (NULL where the month has
no reading), kept with ``village_month_sums`` by ``energy.savings.compute.village_sums.rebuild`` and
trusted only for villages whose sums are fresh (the triggers of 0008 mark a village stale
on every change). The slide then reads a twelfth of the rows.

The upgrade fills the table from the readings in one statement, so an upgraded store needs
no rebuild.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONTHS = tuple(f"kwh_{m:02d}" for m in range(1, 13))
PART = {
    "sqlite": "CAST(strftime('{part}', month) AS INTEGER)",
    "postgresql": "CAST(EXTRACT({part} FROM month) AS INTEGER)",
}
PARTS = {"sqlite": ("%Y", "%m"), "postgresql": ("YEAR", "MONTH")}


def upgrade() -> None:
    op.create_table(
        "household_year_solar",
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.Float(), nullable=True) for name in MONTHS),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_household_year_solar_household_id_households"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("household_id", "year", name=op.f("pk_household_year_solar")),
    )
    op.create_index("ix_household_year_solar_year", "household_year_solar", ["year", "village_id"])
    dialect = op.get_bind().dialect.name
    year, month = (PART[dialect].format(part=part) for part in PARTS[dialect])
    sums = ", ".join(
        f"SUM(CASE WHEN {month} = {number} THEN value END)" for number in range(1, len(MONTHS) + 1)
    )
    op.execute(
        f"INSERT INTO household_year_solar (household_id, year, village_id, {', '.join(MONTHS)}) "
        f"SELECT household_id, {year}, MIN(village_id), {sums} FROM readings "
        f"WHERE carrier = 'solar' GROUP BY household_id, {year}"
    )


def downgrade() -> None:
    op.drop_index("ix_household_year_solar_year", table_name="household_year_solar")
    op.drop_table("household_year_solar")
