"""The store: migrations, reference data, start-up behaviour on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import func, inspect, select, text

from energy.core.access import CLI_ACTOR
from energy.core.errors import StoreBehind
from energy.demo.load import ensure_store_with_demo, is_demo_store
from energy.store import db
from energy.store.models.villages import District


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


@pytest.mark.own_database  # drops every table: not on the database other tests share
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


def test_only_a_bulk_writer_skips_sqlite_constraint_checks(tmp_path) -> None:
    """The import (``bulk``) has checked its ids and values itself; every other transaction
    on the same pooled connection, before and after it, runs with the checks on."""
    url = f"sqlite:///{tmp_path / 'bulk.db'}"

    def checks(**options: bool) -> tuple[int, int]:
        with db.session_for(CLI_ACTOR, url=url, **options) as session:
            conn = session.connection()
            keys = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
            ignored = conn.exec_driver_sql("PRAGMA ignore_check_constraints").scalar()
            return int(keys or 0), int(ignored or 0)

    assert checks() == (1, 0)
    assert checks(write=True, bulk=True) == (0, 1)
    assert checks(write=True) == (1, 0)
    assert checks() == (1, 0)
    db.dispose_engine(url)


# A new embedded store built with the demo data: tests/test_demo_readings.py (one load serves
# that check and the demo's determinism).


def test_a_new_embedded_store_can_start_empty(empty_database: str, monkeypatch) -> None:
    monkeypatch.setenv("ENERGY_NO_DEMO", "1")
    state = ensure_store_with_demo(empty_database)
    assert state.created
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


def test_readings_remember_the_same_month_one_and_two_years_earlier(fresh_store: str) -> None:
    """The triggers of migration 0004 keep value_y1/value_y2 current on every write path."""
    import datetime as dt

    from sqlalchemy import delete, insert, update

    from energy.store.models.readings import Reading
    from energy.villages import directory as villages
    from energy.villages import households

    villages.add_village(
        CLI_ACTOR, code="V-1", name="마을", district="Mapo-gu", cohort_year=2022, url=fresh_store
    )
    household = households.add_household(
        CLI_ACTOR, "V-1", code="H-001", joined_on=dt.date(2022, 1, 1), url=fresh_store
    )
    village_id = villages.get_village(CLI_ACTOR, "V-1", url=fresh_store).village.id

    def row(year: int, value: float) -> dict:
        return {"household_id": household.id, "village_id": village_id, "month": dt.date(year, 3, 1),
                "carrier": "electricity", "value": value}  # fmt: skip

    def history() -> dict[int, tuple]:
        with db.session_for(CLI_ACTOR, url=fresh_store) as session:
            rows = session.execute(select(Reading.month, Reading.value_y1, Reading.value_y2))
            return {m.year: (y1, y2) for m, y1, y2 in rows}

    with db.session_for(CLI_ACTOR, write=True, url=fresh_store) as session:
        session.execute(insert(Reading), [row(2025, 90.0), row(2023, 110.0)])  # out of order
    assert history() == {2025: (None, 110.0), 2023: (None, None)}
    with db.session_for(CLI_ACTOR, write=True, url=fresh_store) as session:
        session.execute(insert(Reading), [row(2024, 100.0)])  # the year in between, last
    assert history() == {2025: (100.0, 110.0), 2024: (110.0, None), 2023: (None, None)}
    with db.session_for(CLI_ACTOR, write=True, url=fresh_store) as session:
        session.execute(
            update(Reading).where(Reading.month == dt.date(2023, 3, 1)).values(value=120.0)
        )
    assert history()[2025] == (100.0, 120.0)
    with db.session_for(CLI_ACTOR, write=True, url=fresh_store) as session:
        session.execute(delete(Reading).where(Reading.month == dt.date(2024, 3, 1)))
    assert history() == {2025: (None, 120.0), 2023: (None, None)}
