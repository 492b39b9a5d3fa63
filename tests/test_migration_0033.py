"""Migration 0033: the check-ins from phones without an account. One per session, village
and folded name; a state of the closed set; they go with their session, and a participant
deleted leaves the check-in without a person; the downgrade takes the table away."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import inspect, text

from energy.core.access import CLI_ACTOR
from energy.store import db
from energy.villages import directory as villages
from tests.migrations import kept_as_of

BEFORE = "0032"  # the revision 0033 follows
NOW = "CURRENT_TIMESTAMP"
CHECK_IN = (
    "INSERT INTO training_self_checkins (session_id, village_id, name, name_key, client, "
    f"arrived_at, state, participant_id) VALUES (1, :village, :name, :key, 'abc123def456', {NOW}, "
    ":state, :person)"
)


def _refused(url: str, row: dict[str, object]) -> bool:
    try:
        with db.get_engine(url).begin() as conn:
            conn.execute(text(CHECK_IN), row)
    except sa.exc.IntegrityError:
        return True
    return False


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0033_keeps_self_check_ins_with_their_session(
    empty_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = empty_database
    db.upgrade(url, BEFORE)
    kept_as_of(monkeypatch, BEFORE)  # today's write, as a store at 0032 keeps it
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
            f"VALUES (1, 1, 1, 1, '2026-03-03 10:00:00+00', '2026-03-03 12:00:00+00', 'scheduled', {NOW}, {NOW})"
        ))  # fmt: skip
        conn.execute(text(
            "INSERT INTO training_participants (id, village_id, name, role, active, created_at) "
            f"VALUES (1, :village, '김민서', 'organiser', true, {NOW})"
        ), {"village": village.id})  # fmt: skip
    db.dispose_engine(url)
    assert "training_self_checkins" not in inspect(db.get_engine(url)).get_table_names()

    db.upgrade(url, "0033")
    db.dispose_engine(url)
    found = {"village": village.id, "name": "김민서", "key": "김민서", "state": "checked_in",
             "person": 1}  # fmt: skip
    waiting = {"village": village.id, "name": "새 주민", "key": "새주민", "state": "waiting",
               "person": None}  # fmt: skip
    assert not _refused(url, found)
    assert not _refused(url, waiting)
    assert _refused(url, {**waiting, "name": "새주민"})  # the same folded name: one check-in
    assert _refused(url, {**waiting, "key": "누구", "state": "lost"})
    with db.get_engine(url).begin() as conn:  # a participant deleted: the check-in stays
        conn.execute(text("DELETE FROM training_participants"))
    with db.get_engine(url).connect() as conn:
        kept = conn.execute(
            text("SELECT name, participant_id FROM training_self_checkins ORDER BY id")
        )
        assert [tuple(r) for r in kept] == [("김민서", None), ("새 주민", None)]
    with db.get_engine(url).begin() as conn:  # the check-ins go with their session
        conn.execute(text("DELETE FROM training_sessions"))
    with db.get_engine(url).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM training_self_checkins")).scalar() == 0

    command.downgrade(db.alembic_config(url), BEFORE)
    db.dispose_engine(url)
    tables = inspect(db.get_engine(url)).get_table_names()
    assert "training_self_checkins" not in tables and "training_sessions" in tables
    db.dispose_engine(url)
