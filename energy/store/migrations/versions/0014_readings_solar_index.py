"""readings: a partial index of the solar rows, which the town hall's renewables read

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-26 12:00:00

The renewables slide sums a year of metered solar output by month and lists the households
that generated, for the whole city. Solar rows are about one reading in twenty, spread over
the village index among every other carrier's, so each needed a visit to the table: 0.33 s
at ten million readings on PostgreSQL. This index holds only the solar rows, with every
column those queries read, so PostgreSQL answers them from the index alone (0.04 s and
0.06 s). SQLite does the same once the store has statistics (``ANALYZE``); without them its
planner keeps to the village index, as before. The carrier is a column too: SQLite reads the
table for any column its query names that the index lacks, even one the index's condition
implies. The index costs nothing to rows of other carriers. A query uses it only when it
names ``carrier = 'solar'`` as a literal: a bound parameter does not prove the index's
condition to the planner.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SOLAR_ONLY = sa.text("carrier = 'solar'")


def upgrade() -> None:
    op.create_index(
        "ix_readings_solar",
        "readings",
        ["month", "village_id", "household_id", "value", "carrier"],
        unique=False,
        postgresql_where=SOLAR_ONLY,
        sqlite_where=SOLAR_ONLY,
    )


def downgrade() -> None:
    op.drop_index("ix_readings_solar", table_name="readings")
