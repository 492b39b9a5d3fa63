"""Migration 0026: people's e-mail addresses (one account each), identity-provider subjects
and muted mail; the outbox, its attachments and attempts. The accounts stay as they were;
the downgrade takes it all away again."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text

from energy.store import db

BEFORE = "0025"  # the revision 0026 follows
NEW_TABLES = {"mail_outbox", "mail_attachments", "mail_attempts"}


def _schema(url: str) -> tuple[set[str], set[str]]:
    db.dispose_engine(url)
    inspector = inspect(db.get_engine(url))
    return set(inspector.get_table_names()), {c["name"] for c in inspector.get_columns("users")}


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0026_gives_people_addresses_and_an_outbox(empty_database: str) -> None:
    url = empty_database
    db.upgrade(url, BEFORE)
    with db.get_engine(url).begin() as conn:
        for name in ("kim", "lee"):
            conn.execute(text(
                "INSERT INTO users (username, display_name, role, password_hash, language, is_active, created_at) "
                "VALUES (:name, :name, 'admin', 'x', 'ko', true, CURRENT_TIMESTAMP)"
            ), {"name": name})  # fmt: skip
        # A row that refers to an account: on SQLite a rebuilt ``users`` would refuse to go.
        conn.execute(text(
            "INSERT INTO trainers (name, topics, active, user_id) "
            "SELECT '강사', '[]', true, id FROM users WHERE username = 'kim'"
        ))  # fmt: skip
    tables, columns = _schema(url)
    assert NEW_TABLES.isdisjoint(tables) and "email" not in columns

    db.upgrade(url, "0026")
    tables, columns = _schema(url)
    assert tables >= NEW_TABLES and {"email", "oidc_subject", "mail_muted"} <= columns
    with db.get_engine(url).begin() as conn:
        rows = conn.execute(text("SELECT username, email, oidc_subject FROM users ORDER BY 1"))
        assert [tuple(r) for r in rows] == [("kim", None, None), ("lee", None, None)]
        conn.execute(text("UPDATE users SET email = 'kim@example.org' WHERE username = 'kim'"))
    with (
        pytest.raises(Exception, match=r"(?i)unique|duplicate"),
        db.get_engine(url).begin() as conn,
    ):
        conn.execute(text("UPDATE users SET email = 'kim@example.org' WHERE username = 'lee'"))
    with pytest.raises(Exception, match=r"(?i)check"), db.get_engine(url).begin() as conn:
        conn.execute(text(
            "INSERT INTO mail_outbox (kind, to_address, language, subject, body_text, body_html, status, attempts, created_at, next_attempt_at) "
            "VALUES ('x', 'a@b.org', 'ko', 's', 't', 'h', 'lost', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        ))  # fmt: skip

    command.downgrade(db.alembic_config(url), BEFORE)
    tables, columns = _schema(url)
    assert NEW_TABLES.isdisjoint(tables) and {"email", "oidc_subject", "mail_muted"}.isdisjoint(
        columns
    )
    db.dispose_engine(url)
