"""Migration 0029: the district officer's role. Accounts made before keep their rows; an
officer's account needs its district; the downgrade keeps an officer's account, disabled, as
a town-hall viewer."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text

from energy.store import db

BEFORE = "0028"  # the revision 0029 follows
ADD = (
    "INSERT INTO users (username, display_name, role, district_id, password_hash, language, "
    "is_active, created_at) VALUES (:name, :name, :role, :district, 'x', 'ko', true, "
    "CURRENT_TIMESTAMP)"
)


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0029_adds_the_district_role(empty_database: str) -> None:
    url = empty_database
    db.upgrade(url, BEFORE)
    with db.get_engine(url).begin() as conn:
        mapo = conn.execute(text("SELECT id FROM districts WHERE code = '11440'")).scalar()
        assert mapo is not None  # the districts are reference data the migrations load
        conn.execute(text(ADD), {"name": "kim", "role": "admin", "district": None})
    with pytest.raises(Exception, match=r"(?i)check"), db.get_engine(url).begin() as conn:
        conn.execute(text(ADD), {"name": "gu", "role": "district", "district": mapo})

    db.upgrade(url, "0029")
    with db.get_engine(url).begin() as conn:
        kept = conn.execute(text("SELECT username, role FROM users"))
        assert [tuple(r) for r in kept] == [("kim", "admin")]
    with pytest.raises(Exception, match=r"(?i)check"), db.get_engine(url).begin() as conn:
        conn.execute(text(ADD), {"name": "gu", "role": "district", "district": None})
    with db.get_engine(url).begin() as conn:
        conn.execute(text(ADD), {"name": "gu", "role": "district", "district": mapo})

    command.downgrade(db.alembic_config(url), BEFORE)
    with db.get_engine(url).begin() as conn:
        kept = conn.execute(text("SELECT username, role, is_active FROM users ORDER BY id"))
        assert [tuple(r) for r in kept] == [("kim", "admin", True), ("gu", "viewer", False)]
    with pytest.raises(Exception, match=r"(?i)check"), db.get_engine(url).begin() as conn:
        conn.execute(text(ADD), {"name": "gu", "role": "district", "district": mapo})
    db.dispose_engine(url)
