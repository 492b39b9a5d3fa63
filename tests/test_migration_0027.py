"""Migration 0027: an optional e-mail address for each participant on a training list, and a
session's iCalendar sequence (0 for the sessions already there). The lists and sessions stay
as they were; the downgrade takes both columns away again."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text

from energy.store import db

BEFORE = "0026"  # the revision 0027 follows
# A village (in a district the migrations seeded), one person on its list, one session.
BEFORE_ROWS = (
    "INSERT INTO villages (id, code, name, district_id, housing_type, cohort_year, programme_year, graduated, status, created_at, updated_at) "
    "SELECT 1, 'DJK-2026-01', '성대골 마을', id, 'mixed', 2026, 1, false, 'active', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM districts WHERE name_ko = '동작구'",
    "INSERT INTO training_participants (village_id, name, role, active, created_at) "
    "VALUES (1, '김민서', 'organiser', true, CURRENT_TIMESTAMP)",
    "INSERT INTO training_modules (id, code, title_ko, title_en, topic, programme_year, core, minutes, position, active) "
    "VALUES (1, 'Y1-01', '기초', 'Basics', 'energy_efficiency', 1, true, 120, 0, true)",
    "INSERT INTO trainers (id, name, topics, active) VALUES (1, '박하은', '[]', true)",
    "INSERT INTO venues (id, name, capacity, active) VALUES (1, '마을카페', 30, true)",
    "INSERT INTO training_sessions (module_id, trainer_id, venue_id, starts_at, ends_at, status, created_at, updated_at) "
    "VALUES (1, 1, 1, '2027-03-06 01:00:00', '2027-03-06 03:00:00', 'scheduled', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
)  # fmt: skip
SECOND_PERSON = (
    "INSERT INTO training_participants (village_id, name, role, active, email, created_at) "
    "VALUES (1, '김지훈', 'resident', true, 'home@example.org', CURRENT_TIMESTAMP)"
)


def _columns(url: str, table: str) -> set[str]:
    db.dispose_engine(url)
    return {c["name"] for c in inspect(db.get_engine(url)).get_columns(table)}


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0027_gives_participants_an_address_and_sessions_a_sequence(empty_database: str) -> None:
    url = empty_database
    db.upgrade(url, BEFORE)
    with db.get_engine(url).begin() as conn:
        for statement in BEFORE_ROWS:
            conn.execute(text(statement))
    assert "email" not in _columns(url, "training_participants")
    assert "sequence" not in _columns(url, "training_sessions")

    db.upgrade(url, "0027")
    with db.get_engine(url).begin() as conn:
        person = conn.execute(text("SELECT name, role, email FROM training_participants")).one()
        assert tuple(person) == ("김민서", "organiser", None)
        assert conn.execute(text("SELECT sequence FROM training_sessions")).scalar_one() == 0
        # Two residents of one home may share an address: it is not unique.
        conn.execute(text("UPDATE training_participants SET email = 'home@example.org'"))
        conn.execute(text(SECOND_PERSON))

    command.downgrade(db.alembic_config(url), BEFORE)
    assert "email" not in _columns(url, "training_participants")
    assert "sequence" not in _columns(url, "training_sessions")
    with db.get_engine(url).begin() as conn:
        names = conn.execute(text("SELECT name FROM training_participants ORDER BY id")).scalars()
        assert list(names) == ["김민서", "김지훈"]
    db.dispose_engine(url)
