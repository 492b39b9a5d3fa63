"""village_household_spans: rows that count every household, whatever it has on record

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-26 16:00:00

The league (results, readiness, the staff home) and the town hall count each village's
households taking part in a period. From the households table that is a pass over every
household of the city (117,647 in the ten-million store; 0.03-0.05 s of each of those
pages, growing with the city). The kept spans of 0008 count, per village and carrier, the
households that take part from month ``first`` to month ``last``; rows with the carrier
``*`` now count every household, so the count of any period is a sum over a few rows per
village. They are kept with the other spans by ``energy.savings.compute.village_sums.rebuild``.

The upgrade adds the rows from the households in one statement, so an upgraded store needs
no rebuild; the downgrade takes them away.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ANY_CARRIER = "*"
STILL_TAKING_PART = 10**9  # energy.calc.metrics.STILL_TAKING_PART
MONTH_INDEX = {  # energy.calc.metrics.month_index: year * 12 + month - 1
    "sqlite": "(CAST(strftime('%Y', {c}) AS INTEGER) * 12 + CAST(strftime('%m', {c}) AS INTEGER) - 1)",
    "postgresql": "(CAST(EXTRACT(YEAR FROM {c}) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM {c}) AS INTEGER) - 1)",
}  # fmt: skip


def upgrade() -> None:
    index = MONTH_INDEX[op.get_bind().dialect.name]
    first = index.format(c="joined_on")
    last = (
        f"CASE WHEN left_on IS NULL THEN {STILL_TAKING_PART} ELSE {index.format(c='left_on')} END"
    )
    op.execute(f"DELETE FROM village_household_spans WHERE carrier = '{ANY_CARRIER}'")  # (none)
    op.execute(
        "INSERT INTO village_household_spans (village_id, carrier, first, last, households) "
        f"SELECT village_id, '{ANY_CARRIER}', {first}, {last}, COUNT(*) FROM households "
        f"GROUP BY village_id, {first}, {last}"
    )


def downgrade() -> None:
    op.execute(f"DELETE FROM village_household_spans WHERE carrier = '{ANY_CARRIER}'")
