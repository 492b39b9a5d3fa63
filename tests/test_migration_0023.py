"""Migration 0023: a session's check-in key and, per attendance mark, who put it there and when
a participant checked in. Marks made before it were the trainer's or staff's ("recorded")."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text

from energy.store import db
from tests.migrations import training_session_with_participant

BEFORE = "0022"  # the revision 0023 follows


def _columns(url: str, table: str) -> set[str]:
    db.dispose_engine(url)
    return {c["name"] for c in inspect(db.get_engine(url)).get_columns(table)}


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0023_marks_every_earlier_attendance_as_recorded(
    empty_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = empty_database
    db.upgrade(url, BEFORE)
    training_session_with_participant(url, monkeypatch, BEFORE)
    with db.get_engine(url).begin() as conn:
        conn.execute(text(
            "INSERT INTO training_attendance (session_id, participant_id, status, recorded_by, recorded_at) "
            "VALUES (1, 1, 'present', 'trainer', '2026-03-03 12:00:00+00')"
        ))  # fmt: skip
    assert "checkin_secret" not in _columns(url, "training_sessions")

    db.upgrade(url, "0023")
    assert "checkin_secret" in _columns(url, "training_sessions")
    with db.get_engine(url).connect() as conn:
        rows = conn.execute(text("SELECT status, source, checked_in_at FROM training_attendance"))
        assert [tuple(r) for r in rows] == [("present", "recorded", None)]
        secret = conn.execute(text("SELECT checkin_secret FROM training_sessions")).scalar_one()
        assert secret is None
    with pytest.raises(Exception, match=r"(?i)check"), db.get_engine(url).begin() as conn:
        conn.execute(text("UPDATE training_attendance SET source = 'phone'"))

    command.downgrade(db.alembic_config(url), BEFORE)
    assert {"source", "checked_in_at"}.isdisjoint(_columns(url, "training_attendance"))
    assert "checkin_secret" not in _columns(url, "training_sessions")
    db.dispose_engine(url)
