"""village_year_electricity: a village's yearly electricity per span of taking part, kept

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-26 16:30:00

The renewables slide sets the city's solar output against the electricity of the households
taking part in the period. From ``household_year_electricity`` (0012) that is a row per
household joined to the households table: 117,647 rows and 0.06 s of every cold town hall at
ten million readings on SQLite. The new table sums those rows per village, year and span of
taking part (the month indexes of ``village_household_spans``), so the same figure is a sum
over a few rows per village. Kept with the other sums by ``energy.savings.compute.village_sums.rebuild``
and trusted only for fresh villages.

The upgrade fills the table from the kept yearly rows and the households in one statement.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STILL_TAKING_PART = 10**9  # energy.calc.metrics.STILL_TAKING_PART
MONTH_INDEX = {  # energy.calc.metrics.month_index: year * 12 + month - 1
    "sqlite": "(CAST(strftime('%Y', {c}) AS INTEGER) * 12 + CAST(strftime('%m', {c}) AS INTEGER) - 1)",
    "postgresql": "(CAST(EXTRACT(YEAR FROM {c}) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM {c}) AS INTEGER) - 1)",
}  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "village_year_electricity",
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("kwh", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["villages.id"],
            name=op.f("fk_village_year_electricity_village_id_villages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "village_id", "year", "first", "last", name=op.f("pk_village_year_electricity")
        ),
    )
    index = MONTH_INDEX[op.get_bind().dialect.name]
    first = index.format(c="h.joined_on")
    last = f"CASE WHEN h.left_on IS NULL THEN {STILL_TAKING_PART} ELSE {index.format(c='h.left_on')} END"
    op.execute(
        "INSERT INTO village_year_electricity (village_id, year, first, last, kwh) "
        "SELECT village_id, year, first, last, SUM(kwh) FROM ("
        f"SELECT e.village_id, e.year, {first} AS first, {last} AS last, e.kwh "
        "FROM household_year_electricity e JOIN households h ON h.id = e.household_id"
        ") AS spans GROUP BY village_id, year, first, last"
    )


def downgrade() -> None:
    op.drop_table("village_year_electricity")
