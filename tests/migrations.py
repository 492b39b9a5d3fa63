"""Shared steps of the migration tests: an index added, readings stored before a kept table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from alembic import command
from sqlalchemy import inspect, text

from energy.core.access import CLI_ACTOR
from energy.readings.files import read_rows
from energy.readings.imports import import_readings
from energy.savings import household_years, village_reported, village_sums
from energy.store import db
from energy.villages import directory as villages

VILLAGE = "DJK-2020-01"


# Each kept table's rebuild step, with the revision that adds the table.
KEPT_STEPS = (
    ("0012", household_years, "_rebuild_electricity"),
    ("0015", household_years, "_rebuild_solar"),
    ("0017", household_years, "_rebuild_village_years"),
    ("0018", village_sums, "_rebuild_recorded"),
    ("0022", village_sums, "_rebuild_bill_steps"),
    ("0034", village_reported, "rebuild"),
)


# The revision that gives the audit log its village column (today's writes fill it).
AUDIT_VILLAGES = "0025"


def kept_as_of(monkeypatch: pytest.MonkeyPatch, revision: str) -> None:
    """Leave out today's rebuild steps of the kept tables a store at ``revision`` lacks, and
    the audit log's village where it has no such column."""
    for since, module, step in KEPT_STEPS:
        if since > revision:
            monkeypatch.setattr(module, step, lambda *_: None)
    if revision < AUDIT_VILLAGES:
        write = db._write_entries

        def without_village(session: object, rows: list[dict[str, object]]) -> None:
            write(session, [{k: v for k, v in r.items() if k != "village_id"} for r in rows])  # type: ignore[arg-type]

        monkeypatch.setattr(db, "_write_entries", without_village)


def readings_before(
    url: str, revision: str, lines: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store at ``revision`` with one village holding the readings file ``lines``, imported
    by today's code, leaving out the kept tables a store at ``revision`` lacks."""
    db.upgrade(url, revision)
    kept_as_of(monkeypatch, revision)
    today = dt.date(2026, 11, 26)
    villages.add_village(
        CLI_ACTOR, code=VILLAGE, name="상도 마을", district="동작구", cohort_year=2020,
        today=today, url=url,
    )  # fmt: skip
    import_readings(
        CLI_ACTOR, VILLAGE, read_rows("\n".join(lines).encode()),
        register_households=True, today=today, url=url,
    )  # fmt: skip
    monkeypatch.undo()
    db.dispose_engine(url)


def all_stale(url: str) -> None:
    """Every village's kept sums marked stale: its figures are then read from its readings."""
    with db.get_engine(url).begin() as conn:
        conn.execute(text("UPDATE village_sums_state SET fresh = :no"), {"no": False})


def rebuilt_as_of(url: str, revision: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """The stale villages rebuilt by today's code, leaving out the kept tables a store at
    ``revision`` lacks; how many."""
    kept_as_of(monkeypatch, revision)
    rebuilt = village_sums.rebuild_stale(CLI_ACTOR, url=url)
    monkeypatch.undo()
    db.dispose_engine(url)
    return rebuilt


def downgraded_without(url: str, revision: str, table: str) -> bool:
    """The store downgraded to ``revision``: whether ``table`` is gone."""
    command.downgrade(db.alembic_config(url), revision)
    db.dispose_engine(url)
    gone = table not in inspect(db.get_engine(url)).get_table_names()
    db.dispose_engine(url)
    return gone


def paper_application(url: str, call_id: int, group_name: str, status: str = "draft") -> int:
    """An application of the call ``call_id`` written as SQL, as a store before today's
    columns of ``call_applications`` (0030's declaration) keeps it; its id."""
    row = {"call": call_id, "ref": f"2027-{call_id:02d}-{group_name[:5]}", "group": group_name,
           "status": status, "at": dt.datetime(2027, 3, 10, 9, tzinfo=dt.UTC)}  # fmt: skip
    with db.get_engine(url).begin() as conn:
        return int(
            conn.execute(
                text(
                    "INSERT INTO call_applications (call_id, reference, entered_by, on_paper, "
                    "applicant_type, group_name, village_name, housing_type, "
                    "households_detached, households_apartment, programme_year, actions, budget, "
                    "status, created_at, updated_at) VALUES (:call, :ref, 'cli', true, "
                    "'resident_group', :group, '', 'detached', 0, 0, 1, '[]', '{}', :status, "
                    ":at, :at) RETURNING id"
                ),
                row,
            ).scalar_one()
        )


def index_columns(url: str, table: str) -> dict[str, list[str | None]]:
    """Each index of ``table`` by name, with its columns (read afresh from the store)."""
    db.dispose_engine(url)
    found = inspect(db.get_engine(url)).get_indexes(table)
    return {str(i["name"]): list(i["column_names"]) for i in found}


@contextmanager
def index_added(
    url: str, table: str, index: str, columns: list[str], *, before: str, after: str
) -> Iterator[None]:
    """Upgrade to ``before`` (no ``index``), then to ``after`` (``index`` on ``columns``); the
    block checks what else it wants, then the downgrade to ``before`` must take it away."""
    db.upgrade(url, before)
    assert index not in index_columns(url, table)
    db.upgrade(url, after)
    assert index_columns(url, table)[index] == columns
    yield
    command.downgrade(db.alembic_config(url), before)
    assert index not in index_columns(url, table)
    db.dispose_engine(url)


def training_session_with_participant(
    url: str, monkeypatch: pytest.MonkeyPatch, revision: str
) -> int:
    """On a store at ``revision`` (0022 or later): a village, a module, a trainer, a venue,
    session 1 on 3 March 2026 and participant 1 (김민서, an organiser of the village); the
    village's id."""
    kept_as_of(monkeypatch, revision)  # today's write, as a store at that revision keeps it
    village = villages.add_village(
        CLI_ACTOR, code="DJK-2026-01", name="상도 마을", district="동작구", cohort_year=2026,
        today=dt.date(2026, 2, 1), url=url,
    )  # fmt: skip
    monkeypatch.undo()
    with db.get_engine(url).begin() as conn:
        conn.execute(text(
            "INSERT INTO training_modules (id, code, title_ko, title_en, topic, programme_year, core, minutes, position, active) "
            "VALUES (1, 'Y1-01', '기초', 'Basics', 'energy_efficiency', 1, true, 120, 1, true)"
        ))  # fmt: skip
        conn.execute(
            text("INSERT INTO trainers (id, name, topics, active) VALUES (1, '강사', '[]', true)")
        )
        conn.execute(
            text("INSERT INTO venues (id, name, capacity, active) VALUES (1, '교육실', 30, true)")
        )
        conn.execute(text(
            "INSERT INTO training_sessions (id, module_id, trainer_id, venue_id, starts_at, ends_at, status, created_at, updated_at) "
            "VALUES (1, 1, 1, 1, '2026-03-03 10:00:00+00', '2026-03-03 12:00:00+00', 'scheduled', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        ))  # fmt: skip
        conn.execute(text(
            "INSERT INTO training_participants (id, village_id, name, role, active, created_at) "
            "VALUES (1, :village, '김민서', 'organiser', true, CURRENT_TIMESTAMP)"
        ), {"village": village.id})  # fmt: skip
    return village.id
