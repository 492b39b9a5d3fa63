"""Migration 0011 up and down on both stores: readings lose the foreign keys of village_id
and batch_id, and nothing else (SQLite rebuilds the table: its triggers, indexes,
constraints and rows must all come back)."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import inspect, text

from energy.core.access import CLI_ACTOR
from energy.readings.files import read_rows
from energy.readings.imports import import_readings
from energy.store import db
from energy.villages import directory as villages
from tests.migrations import kept_as_of

TODAY = dt.date(2026, 11, 25)


def _schema(url: str) -> dict[str, object]:
    db.dispose_engine(url)  # forget what was reflected before the rebuild
    engine = db.get_engine(url)
    found = inspect(engine)
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            triggers = set(
                conn.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
                ).scalars()
            )
        else:
            triggers = set(
                conn.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).scalars()
            )
        rows = conn.execute(
            text(
                "SELECT id, household_id, village_id, month, carrier, value, batch_id, "
                "value_y1, value_y2 FROM readings ORDER BY id"
            )
        ).all()
    schema = {
        "triggers": triggers,
        "indexes": {(i["name"], tuple(i["column_names"])) for i in found.get_indexes("readings")},
        "checks": {c["name"] for c in found.get_check_constraints("readings")},
        "unique": {
            (u["name"], tuple(u["column_names"])) for u in found.get_unique_constraints("readings")
        },
        "keys": {
            (k["name"], tuple(k["constrained_columns"]), k["referred_table"])
            for k in found.get_foreign_keys("readings")
        },
        "rows": rows,
    }
    db.dispose_engine(url)
    return schema


def _readings(url: str) -> None:
    villages.add_village(
        CLI_ACTOR, code="DJK-2020-01", name="상도 마을", district="동작구", cohort_year=2020,
        today=TODAY, url=url,
    )  # fmt: skip
    lines = ["household,month,carrier,value,unit"]
    for household in ("H-001", "H-002"):
        for year in (2023, 2024):
            lines.append(f"{household},{year}-03,electricity,{300 + year - 2023},kWh")
    import_readings(
        CLI_ACTOR, "DJK-2020-01", read_rows("\n".join(lines).encode()),
        register_households=True, today=TODAY, url=url,
    )  # fmt: skip


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0011_drops_two_keys_and_keeps_everything_else(
    empty_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = empty_database
    db.upgrade(url, "0010")
    kept_as_of(monkeypatch, "0010")  # today's import keeps tables not there yet at 0010
    _readings(url)
    monkeypatch.undo()
    before = _schema(url)
    assert {name for name, _, _ in before["keys"]} == {  # type: ignore[attr-defined]
        "fk_readings_household_id_households",
        "fk_readings_village_id_villages",
        "fk_readings_batch_id_reading_batches",
    }
    assert len(before["rows"]) == 4  # type: ignore[arg-type]

    db.upgrade(url, "0011")
    assert db.current_revision(url) == "0011"
    after = _schema(url)
    assert after["keys"] == {
        ("fk_readings_household_id_households", ("household_id",), "households")
    }
    for part in ("triggers", "indexes", "checks", "unique", "rows"):
        assert after[part] == before[part], part

    # The history triggers still fire on the rebuilt table: a corrected 2023 value reaches
    # the 2024 row's "one year earlier" column.
    with db.get_engine(url).begin() as conn:
        conn.execute(
            text(
                "UPDATE readings SET value = 999 WHERE month = :m AND household_id = "
                "(SELECT id FROM households WHERE code = 'H-001')"
            ),
            {"m": dt.date(2023, 3, 1)},
        )
        later = conn.execute(
            text(
                "SELECT value_y1 FROM readings WHERE month = :m AND household_id = "
                "(SELECT id FROM households WHERE code = 'H-001')"
            ),
            {"m": dt.date(2024, 3, 1)},
        ).scalar()
        if conn.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    assert later == 999
    db.dispose_engine(url)

    command.downgrade(db.alembic_config(url), "0010")
    again = _schema(url)
    assert again["keys"] == before["keys"]
    for part in ("triggers", "indexes", "checks", "unique"):
        assert again[part] == before[part], part
