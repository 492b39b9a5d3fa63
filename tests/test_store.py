"""The store: migrations, reference data, start-up behaviour on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import func, inspect, select, text

from energy import db
from energy.access import CLI_ACTOR
from energy.demo import is_demo_store
from energy.errors import StoreBehind
from energy.models import District, Village


def test_migrations_match_the_models(fresh_store: str) -> None:
    # `alembic check` fails when the models have changes no migration carries.
    command.check(db.alembic_config(fresh_store))


def test_the_25_districts_ship_with_the_schema(fresh_store: str) -> None:
    with db.session_for(CLI_ACTOR, url=fresh_store) as session:
        assert session.scalar(select(func.count()).select_from(District)) == 25
        dongjak = session.scalar(select(District).where(District.name_en == "Dongjak-gu"))
        assert dongjak is not None and dongjak.name_ko == "동작구" and dongjak.code == "11590"


def test_every_constraint_has_a_name(fresh_store: str) -> None:
    inspector = inspect(db.get_engine(fresh_store))
    for table in inspector.get_table_names():
        for fk in inspector.get_foreign_keys(table):
            assert fk["name"], f"unnamed foreign key on {table}"
        for uq in inspector.get_unique_constraints(table):
            assert uq["name"], f"unnamed unique constraint on {table}"


def test_downgrade_to_empty_and_back(fresh_store: str) -> None:
    command.downgrade(db.alembic_config(fresh_store), "base")
    assert "villages" not in inspect(db.get_engine(fresh_store)).get_table_names()
    db.upgrade(fresh_store)
    assert db.current_revision(fresh_store) == db.head_revision()


def test_sqlite_store_uses_wal_foreign_keys_and_a_busy_timeout(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'pragmas.db'}"
    with db.get_engine(url).connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == db.SQLITE_BUSY_TIMEOUT_MS
    db.dispose_engine(url)


def test_a_new_embedded_store_is_built_with_demo_data(empty_database: str) -> None:
    state = db.ensure_store(empty_database)
    assert state.created and state.embedded
    assert is_demo_store(url=empty_database)
    with db.session_for(CLI_ACTOR, url=empty_database) as session:
        assert session.scalar(select(func.count()).select_from(Village)) > 100


def test_a_new_embedded_store_can_start_empty(empty_database: str, monkeypatch) -> None:
    monkeypatch.setenv("ENERGY_NO_DEMO", "1")
    db.ensure_store(empty_database)
    assert not is_demo_store(url=empty_database)


@pytest.mark.parametrize("empty_database", ["postgresql"], indirect=True)
def test_a_server_store_behind_its_migrations_stops_with_the_command(empty_database: str) -> None:
    with pytest.raises(StoreBehind) as caught:
        db.ensure_store(empty_database)
    assert "python -m energy db upgrade" in caught.value.message("en")
    assert "python -m energy db upgrade" in caught.value.message("ko")
    # ...and nothing was created behind the operator's back.
    assert inspect(db.get_engine(empty_database)).get_table_names() == []


@pytest.mark.parametrize("empty_database", ["postgresql"], indirect=True)
def test_a_server_store_never_gets_demo_data_on_its_own(empty_database: str) -> None:
    db.upgrade(empty_database)
    state = db.ensure_store(empty_database)
    assert not state.created
    assert not is_demo_store(url=empty_database)
