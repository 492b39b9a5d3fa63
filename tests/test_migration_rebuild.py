"""A migration may rebuild a table other rows refer to (SQLite alters a table by copying it):
it runs with foreign keys unenforced and every reference is checked before it commits, so
the rebuild goes through and a reference it breaks is refused (energy/store/migrations/env.py)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import text

from energy.store import db


def _rebuild_users(url: str, *, break_a_reference: bool = False) -> None:
    """What a migration adding a role does on SQLite: ``users`` copied, dropped, renamed."""
    with db.get_engine(url).connect() as raw:
        connection = raw.execution_options(energy_migration=True)
        with connection.begin():
            ops = Operations(MigrationContext.configure(connection))
            with ops.batch_alter_table("users", recreate="always") as batch:
                batch.add_column(sa.Column("rebuilt", sa.Integer(), nullable=True))
            if break_a_reference:
                connection.execute(text("DELETE FROM users WHERE username = 'kim'"))
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"rows referring to nothing: {broken}")


@pytest.mark.parametrize("empty_database", ["sqlite"], indirect=True)
def test_a_table_others_refer_to_is_rebuilt_and_a_broken_reference_refused(
    empty_database: str,
) -> None:
    url = empty_database
    db.upgrade(url)
    with db.get_engine(url).begin() as conn:
        conn.execute(text(
            "INSERT INTO users (username, display_name, role, password_hash, language, is_active, created_at) "
            "VALUES ('kim', 'kim', 'trainer', 'x', 'ko', true, CURRENT_TIMESTAMP)"
        ))  # fmt: skip
        conn.execute(text(
            "INSERT INTO trainers (name, topics, active, user_id) "
            "SELECT '강사', '[]', true, id FROM users WHERE username = 'kim'"
        ))  # fmt: skip
    with pytest.raises(RuntimeError, match="referring to nothing"):
        _rebuild_users(url, break_a_reference=True)
    _rebuild_users(url)
    with db.get_engine(url).begin() as conn:
        assert (
            conn.execute(
                text("SELECT count(*) FROM trainers t JOIN users u ON u.id = t.user_id")
            ).scalar()
            == 1
        )
        # Everyday transactions enforce foreign keys again on the same pooled connection.
        with pytest.raises(sa.exc.IntegrityError):
            conn.execute(text("DELETE FROM users WHERE username = 'kim'"))
    db.dispose_engine(url)
