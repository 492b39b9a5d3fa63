"""The store's connections: reads without a transaction on PostgreSQL, and a pooled
connection the server dropped is replaced before a page uses it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text

from energy.core.access import CLI_ACTOR
from energy.store import cache, db
from energy.store.models.villages import Village
from tests.conftest import POSTGRES_ADMIN_URL


def _autocommit(session: Any) -> bool:
    return bool(session.connection().connection.driver_connection.autocommit)


# SQLite has no server connections to lose, and its reads keep their transaction.
pytestmark = pytest.mark.parametrize("fresh_store", ["postgresql"], indirect=True)


def test_reads_need_no_transaction_and_writes_keep_theirs(fresh_store: str) -> None:
    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        assert _autocommit(session)
        assert session.scalar(select(func.count()).select_from(Village)) == 0
    with db.session_for(CLI_ACTOR, write=True, url=fresh_store) as session:
        assert not _autocommit(session)  # all or nothing, as before
    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        assert _autocommit(session)  # the pooled connection is handed back as it was


def test_a_connection_the_server_dropped_is_replaced_before_use(
    fresh_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = fresh_store
    assert cache.data_version(url) >= 0  # a connection now waits in the pool
    with db.get_engine(url).connect() as conn:
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar()
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    admin.dispose()
    monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 0.0)  # as if it had sat idle a while
    with db.session_for(CLI_ACTOR, url=url) as session:  # no error reaches the page
        assert session.scalar(select(func.count()).select_from(Village)) == 0
        assert session.scalar(text("SELECT pg_backend_pid()")) != pid


def test_a_connection_returned_a_moment_ago_is_not_pinged(
    fresh_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = db.get_engine(fresh_store)
    pings: list[object] = []
    original = engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda c: pings.append(c) or original(c))
    for _ in range(5):
        cache.data_version(fresh_store)
    assert len(pings) <= 1  # at most the pool's first connection, never a reused one
    monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 0.0)
    cache.data_version(fresh_store)
    assert len(pings) >= 1
