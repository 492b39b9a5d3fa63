"""readings: no index on batch_id

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 03:00:00

Every reading notes the import batch that wrote it (``batch_id``), and ``ix_readings_batch_id``
indexed that column. Nothing looks readings up by batch (batches are an audit record, never
deleted), so the index only cost every insert a fourth B-tree to update: about 17 % of a large
import's insert time on SQLite (benchmarks/README.md). The foreign key stays.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_readings_batch_id", table_name="readings")


def downgrade() -> None:
    op.create_index("ix_readings_batch_id", "readings", ["batch_id"], unique=False)
