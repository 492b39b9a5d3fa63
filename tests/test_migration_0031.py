"""Migration 0031: a district officer's log of visits. The table takes a contact with a kind
it knows and a follow-up day no earlier than the contact; a village's log goes with the
village; the downgrade takes the table away again."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text

from energy.store import db

BEFORE = "0030"  # the revision 0031 follows
VISIT = (
    "INSERT INTO district_visits (village_id, visited_on, kind, note, author_id, follow_up_on, "
    "created_at) SELECT v.id, :on, :kind, 'met the committee', u.id, :follow, CURRENT_TIMESTAMP "
    "FROM villages v, users u"
)


def _tables(url: str) -> set[str]:
    db.dispose_engine(url)
    return set(inspect(db.get_engine(url)).get_table_names())


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0031_adds_the_visit_log(empty_database: str) -> None:
    url = empty_database
    db.upgrade(url, BEFORE)
    with db.get_engine(url).begin() as conn:
        mapo = conn.execute(text("SELECT id FROM districts WHERE code = '11440'")).scalar()
        conn.execute(text(
            "INSERT INTO users (username, display_name, role, district_id, password_hash, "
            "language, is_active, created_at) VALUES ('gu', 'gu', 'district', :d, 'x', 'ko', "
            "true, CURRENT_TIMESTAMP)"
        ), {"d": mapo})  # fmt: skip
        conn.execute(text(
            "INSERT INTO villages (code, name, district_id, housing_type, cohort_year, "
            "programme_year, graduated, status, created_at, updated_at) VALUES ('MPO-2026-01', "
            "'망원', :d, 'mixed', 2026, 1, false, 'active', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        ), {"d": mapo})  # fmt: skip
    assert "district_visits" not in _tables(url)

    db.upgrade(url, "0031")
    assert "district_visits" in _tables(url)
    with db.get_engine(url).begin() as conn:
        conn.execute(text(VISIT), {"on": "2026-12-01", "kind": "visit", "follow": "2026-12-15"})
        conn.execute(text(VISIT), {"on": "2026-12-02", "kind": "call", "follow": None})
        kept = conn.execute(text("SELECT kind, note FROM district_visits ORDER BY visited_on"))
        assert [tuple(r) for r in kept] == [("visit", "met the committee"),
                                            ("call", "met the committee")]  # fmt: skip
    for kind, follow in (("letter", None), ("visit", "2026-11-30")):
        with pytest.raises(Exception, match=r"(?i)check"), db.get_engine(url).begin() as conn:
            conn.execute(text(VISIT), {"on": "2026-12-01", "kind": kind, "follow": follow})
    with db.get_engine(url).begin() as conn:  # a village's log goes with it
        conn.execute(text("DELETE FROM villages"))
        assert conn.execute(text("SELECT count(*) FROM district_visits")).scalar() == 0

    command.downgrade(db.alembic_config(url), BEFORE)
    assert "district_visits" not in _tables(url)
    db.dispose_engine(url)
