"""village_year_recorded: the months of each year in which a village has any reading, kept

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-26 17:00:00

Readiness scores each candidate village on the months of the last twelve with any reading.
Asked of the readings index, that is a probe per village and month: twelve queries and
0.04 s of every cold readiness page at ten million readings on SQLite, growing with the
villages. The new table keeps, per village and calendar year, a bit per month that has a
reading (bit m-1 for month m), so the count is a read of two rows per village. Kept with the
other sums by ``energy.savings.compute.village_sums.rebuild`` and trusted only for fresh villages.

The upgrade fills the table from the readings in one statement (a pass over the village
index).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PARTS = {
    "sqlite": ("CAST(strftime('%Y', month) AS INTEGER)", "CAST(strftime('%m', month) AS INTEGER)"),
    "postgresql": ("CAST(EXTRACT(YEAR FROM month) AS INTEGER)",
                   "CAST(EXTRACT(MONTH FROM month) AS INTEGER)"),
}  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "village_year_recorded",
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["villages.id"],
            name=op.f("fk_village_year_recorded_village_id_villages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("village_id", "year", name=op.f("pk_village_year_recorded")),
    )
    year, month = PARTS[op.get_bind().dialect.name]
    op.execute(
        "INSERT INTO village_year_recorded (village_id, year, months) "
        f"SELECT village_id, {year}, SUM(1 << ({month} - 1)) "
        "FROM (SELECT DISTINCT village_id, month FROM readings) AS recorded "
        f"GROUP BY village_id, {year}"
    )


def downgrade() -> None:
    op.drop_table("village_year_recorded")
