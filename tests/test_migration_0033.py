"""Migration 0033: the check-ins from phones without an account. One per session, village
and folded name; a state of the closed set; they go with their session, and a participant
deleted leaves the check-in without a person; the downgrade takes the table away."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import inspect, text

from energy.store import db
from tests.migrations import training_session_with_participant

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
    village = training_session_with_participant(url, monkeypatch, BEFORE)
    db.dispose_engine(url)
    assert "training_self_checkins" not in inspect(db.get_engine(url)).get_table_names()

    db.upgrade(url, "0033")
    db.dispose_engine(url)
    found = {"village": village, "name": "김민서", "key": "김민서", "state": "checked_in",
             "person": 1}  # fmt: skip
    waiting = {"village": village, "name": "새 주민", "key": "새주민", "state": "waiting",
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
