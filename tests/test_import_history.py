"""An import writes the history columns itself (energy.readings.writer): the result must be
exactly what the triggers of migration 0004 give, whatever order the months arrive in,
and the triggers must still work for every other writer afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import insert, select, text

from energy.core.access import CLI_ACTOR
from energy.readings import writer as readings_store
from energy.readings.files import read_rows
from energy.readings.imports import import_readings
from energy.store import db
from energy.store.models.readings import Reading
from energy.villages import directory as villages
from energy.villages import households

TODAY = dt.date(2026, 11, 25)
HEADER = "household,month,carrier,value,unit\n"


def _file(rows: list[tuple[str, str, str, float]]) -> bytes:
    lines = [f"{h},{m},{c},{v},{'MJ' if c == 'gas' else 'kWh'}" for h, m, c, v in rows]
    return (HEADER + "\n".join(lines) + "\n").encode()


def _months(first: dt.date, count: int) -> list[str]:
    index = first.year * 12 + first.month - 1
    return [f"{(index + k) // 12:04d}-{(index + k) % 12 + 1:02d}" for k in range(count)]


def _import(url: str, rows: list[tuple[str, str, str, float]], **kw: object) -> None:
    import_readings(CLI_ACTOR, "V-1", read_rows(_file(rows), "r.csv"), today=TODAY, url=url, **kw)  # type: ignore[arg-type]


def _history_matches_a_self_join(url: str) -> int:
    """Every reading's value_y1/value_y2 against the same household's stored earlier months."""
    with db.session_for(CLI_ACTOR, url=url) as session:
        rows = session.execute(
            select(
                Reading.household_id,
                Reading.carrier,
                Reading.month,
                Reading.value,
                Reading.value_y1,
                Reading.value_y2,
            )
        ).all()
    values = {(h, c, m): v for h, c, m, v, _, _ in rows}
    for h, c, m, _, y1, y2 in rows:
        expected = (
            values.get((h, c, m.replace(year=m.year - 1))),
            values.get((h, c, m.replace(year=m.year - 2))),
        )
        assert (y1, y2) == expected, (h, c, m)
    return len(rows)


def test_imports_in_any_order_keep_the_history_exact(
    fresh_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = fresh_store
    # SQLite binds 7 rows to a statement and the rest one by one (500 for a real file).
    monkeypatch.setattr(readings_store, "ROWS_PER_STATEMENT", 7)
    villages.add_village(
        CLI_ACTOR, code="V-1", name="마을", district="Mapo-gu", cohort_year=2021, url=url
    )
    for code in ("H-001", "H-002"):
        households.add_household(
            CLI_ACTOR, "V-1", code=code, joined_on=dt.date(2021, 1, 1), url=url
        )
    middle = _months(dt.date(2023, 1, 1), 12)
    # 1. The middle year first.
    _import(url, [(h, m, c, 100.0 + k) for h in ("H-001", "H-002") for k, m in enumerate(middle)
                  for c in ("electricity", "gas")])  # fmt: skip
    assert _history_matches_a_self_join(url) == 48
    # 2. The year before and the year after in one file: stored rows gain earlier values and
    #    the new later rows find theirs, stored or in the same file.
    around = _months(dt.date(2022, 1, 1), 12) + _months(dt.date(2024, 1, 1), 12)
    _import(url, [("H-001", m, "electricity", 200.0 + k) for k, m in enumerate(around)])
    assert _history_matches_a_self_join(url) == 72
    # 3. Two years earlier, a new household registered by the file, and a changed value
    #    accepted (the update trigger carries it forward).
    early = _months(dt.date(2021, 1, 1), 12)
    rows = [("H-001", m, "electricity", 50.0 + k) for k, m in enumerate(early)]
    rows += [("H-003", m, "gas", 70.0) for m in early + middle]
    rows += [("H-001", "2022-03", "electricity", 999.0)]
    _import(url, rows, register_households=True, accept_conflicts=True)
    assert _history_matches_a_self_join(url) == 72 + 12 + 24


def test_the_insert_trigger_still_serves_other_writers_after_an_import(fresh_store: str) -> None:
    url = fresh_store
    villages.add_village(
        CLI_ACTOR, code="V-1", name="마을", district="Mapo-gu", cohort_year=2021, url=url
    )
    household = households.add_household(
        CLI_ACTOR, "V-1", code="H-001", joined_on=dt.date(2021, 1, 1), url=url
    )
    _import(url, [("H-001", "2023-05", "electricity", 100.0)])
    village_id = villages.get_village(CLI_ACTOR, "V-1", url=url).village.id
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        session.execute(
            insert(Reading),
            [{"household_id": household.id, "village_id": village_id,
              "month": dt.date(2024, 5, 1), "carrier": "electricity", "value": 90.0}],
        )  # fmt: skip
        if session.get_bind().dialect.name == "postgresql":
            setting = session.execute(
                text("SELECT current_setting('energy.history_by_writer', true)")
            ).scalar()
            assert setting in (None, "", "off")
    assert _history_matches_a_self_join(url) == 2
    with db.session_for(CLI_ACTOR, url=url) as session:
        y1 = session.execute(
            select(Reading.value_y1).where(Reading.month == dt.date(2024, 5, 1))
        ).scalar()
    assert y1 == 100.0


def _indexes(url: str) -> list[tuple[str, str]]:
    with db.session_for(CLI_ACTOR, url=url) as session:
        if session.get_bind().dialect.name == "sqlite":
            query = (
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'readings'"
            )
        else:
            query = "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'readings'"
        return sorted((name, str(sql)) for name, sql in session.execute(text(query)))


def test_an_import_larger_than_the_table_builds_its_indexes_again_the_same(
    fresh_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite: an import that adds at least as many rows as ``readings`` holds drops the
    secondary indexes while it inserts and builds them again after, in its transaction: the
    same indexes, consistent with the rows; a smaller import leaves them in place."""
    url = fresh_store
    monkeypatch.setattr(readings_store, "MIN_REBUILD_ROWS", 0)  # a few rows stand for a million
    monkeypatch.setattr(readings_store, "ROWS_PER_STATEMENT", 5)  # 36 rows: 7 statements and 1
    seen: list[list[str]] = []
    original = readings_store._indexes_built_after

    @contextmanager
    def spy(cursor: Any, expected: int) -> Iterator[None]:
        with original(cursor, expected):
            names = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'readings'"
            seen.append(sorted(name for (name,) in cursor.execute(names)))
            yield

    monkeypatch.setattr(readings_store, "_indexes_built_after", spy)
    villages.add_village(
        CLI_ACTOR, code="V-1", name="마을", district="Mapo-gu", cohort_year=2021, url=url
    )
    for code in ("H-001", "H-002"):
        households.add_household(
            CLI_ACTOR, "V-1", code=code, joined_on=dt.date(2020, 1, 1), url=url
        )
    before = _indexes(url)
    months = _months(dt.date(2020, 1, 1), 36)
    _import(url, [("H-001", m, "electricity", 100.0 + k) for k, m in enumerate(months)])
    assert _indexes(url) == before
    _import(url, [("H-002", m, "gas", 50.0 + k) for k, m in enumerate(months[:12])])
    assert _indexes(url) == before
    assert _history_matches_a_self_join(url) == 48
    with db.session_for(CLI_ACTOR, url=url) as session:
        if session.get_bind().dialect.name == "sqlite":
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            village = "ix_readings_village_carrier_month"
            assert village not in seen[0] and village in seen[1]  # dropped, then kept
            # The sort threads allowed for the rebuild are put back for the pooled connection.
            assert session.execute(text("PRAGMA threads")).scalar() == 0
        else:
            assert seen == []  # PostgreSQL copies into the table as it is
