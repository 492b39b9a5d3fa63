"""village_month_reported: each village's households with a reading, month by month, kept

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-07 08:00:00

The districts comparison follows every village's readings over the last six complete
months: per village and month, the households taking part and how many of them have a
reading of any carrier. Counted from the readings, that is a distinct count over half a
year of the whole city's readings joined to their households (2.5 s of the cold page at ten
million readings). The new table keeps, per village and month, the households taking part
that month (joined by its end, not left before it began) with at least one reading for it,
so the comparison reads a row per village and month. Kept with the other sums by
``energy.savings.village_sums.rebuild`` and trusted only for fresh villages.

The upgrade fills the table from the readings in one statement.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0034"
down_revision: str | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEXT_MONTH = {
    "sqlite": "date(r.month, '+1 months')",
    "postgresql": "CAST(r.month + INTERVAL '1 month' AS DATE)",
}


def upgrade() -> None:
    op.create_table(
        "village_month_reported",
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["villages.id"],
            name=op.f("fk_village_month_reported_village_id_villages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("village_id", "month", name=op.f("pk_village_month_reported")),
    )
    next_month = NEXT_MONTH[op.get_bind().dialect.name]
    op.execute(
        "INSERT INTO village_month_reported (village_id, month, households) "
        "SELECT h.village_id, r.month, COUNT(DISTINCT r.household_id) "
        "FROM households h JOIN readings r ON r.household_id = h.id "
        f"WHERE h.joined_on < {next_month} AND (h.left_on IS NULL OR h.left_on >= r.month) "
        "GROUP BY h.village_id, r.month"
    )


def downgrade() -> None:
    op.drop_table("village_month_reported")
