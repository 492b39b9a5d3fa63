"""Migration 0028: the links that reset a forgotten password (a digest per link, one use, an
end), and a sender's lease on an outbox message. A message queued before keeps its state and
gets no lease; the downgrade takes both away again."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text

from energy.store import db

BEFORE = "0027"  # the revision 0028 follows


def _schema(url: str) -> tuple[set[str], set[str]]:
    db.dispose_engine(url)
    inspector = inspect(db.get_engine(url))
    return set(inspector.get_table_names()), {
        c["name"] for c in inspector.get_columns("mail_outbox")
    }


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0028_keeps_reset_links_and_leases(empty_database: str) -> None:
    url = empty_database
    db.upgrade(url, BEFORE)
    with db.get_engine(url).begin() as conn:
        conn.execute(text(
            "INSERT INTO users (username, display_name, role, password_hash, language, is_active, created_at) "
            "VALUES ('kim', 'kim', 'admin', 'x', 'ko', true, CURRENT_TIMESTAMP)"
        ))  # fmt: skip
        conn.execute(text(
            "INSERT INTO mail_outbox (kind, to_address, language, subject, body_text, body_html, status, attempts, created_at, next_attempt_at) "
            "VALUES ('digest', 'kim@example.org', 'ko', 's', 't', 'h', 'queued', 2, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        ))  # fmt: skip
    tables, columns = _schema(url)
    assert "password_resets" not in tables and "leased_until" not in columns

    db.upgrade(url, "0028")
    tables, columns = _schema(url)
    assert "password_resets" in tables and "leased_until" in columns
    with db.get_engine(url).begin() as conn:
        kept = conn.execute(text("SELECT status, attempts, leased_until FROM mail_outbox"))
        assert [tuple(r) for r in kept] == [("queued", 2, None)]
        conn.execute(text(
            "INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) "
            "SELECT id, :digest, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM users"
        ), {"digest": "a" * 64})  # fmt: skip
    with pytest.raises(Exception, match=r"(?i)unique"), db.get_engine(url).begin() as conn:
        conn.execute(text(
            "INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) "
            "SELECT id, :digest, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM users"
        ), {"digest": "a" * 64})  # fmt: skip
    with db.get_engine(url).begin() as conn:  # an account's links go with it
        conn.execute(text("DELETE FROM users"))
        assert conn.execute(text("SELECT count(*) FROM password_resets")).scalar() == 0

    command.downgrade(db.alembic_config(url), BEFORE)
    tables, columns = _schema(url)
    assert "password_resets" not in tables and "leased_until" not in columns
    db.dispose_engine(url)
