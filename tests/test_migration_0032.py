"""Migration 0032: the advice a group asks its district for before applying. The two tables
come with their rules (a section of the form, who wrote, a suggestion only from the office
and only for a field of the form) and go with their application; the downgrade takes them
away, the applications left as they were."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import inspect, text

from energy.store import db

BEFORE = "0031"  # the revision 0032 follows
NOW = "CURRENT_TIMESTAMP"
USER = (
    "INSERT INTO users (username, display_name, role, district_id, password_hash, language, "
    f"is_active, created_at) VALUES (:name, :name, :role, :district, 'x', 'ko', true, {NOW})"
)
CALL = (
    "INSERT INTO calls (year, title, opens_on, closes_on, budget_krw, cap_y1_krw, cap_y2_krw, "
    "cap_y3_krw, min_organisers, min_households_detached, min_households_apartment, "
    "applicant_types, stages, rubric, renewal_min_coverage, renewal_min_saving_pct, created_at) "
    "VALUES (2027, '2027 공모', '2027-02-15', '2027-03-31', 50000000, 10000000, 20000000, "
    f"30000000, 3, 30, 50, '[]', '[\"written\"]', '{{}}', 0.5, 0, {NOW})"
)
APPLICATION = (
    "INSERT INTO call_applications (call_id, reference, owner_id, entered_by, on_paper, "
    "applicant_type, group_name, village_name, district_id, housing_type, households_detached, "
    "households_apartment, programme_year, actions, budget, status, created_at, updated_at) "
    "VALUES (:call, '2027-01-001', :owner, 'mangwon', false, 'resident_group', '망원 모임', "
    f"'망원 마을', :district, 'detached', 30, 0, 1, '[]', '{{}}', 'draft', {NOW}, {NOW})"
)
ADVICE = (
    "INSERT INTO application_advice (application_id, section, author_id, author_role, body, "
    f"suggested_field, suggested_value, created_at) VALUES (:app, :section, :author, :role, "
    f"'의견', :field, :value, {NOW})"
)


def _refused(url: str, row: dict[str, object]) -> bool:
    try:
        with db.get_engine(url).begin() as conn:
            conn.execute(text(ADVICE), row)
    except sa.exc.IntegrityError:
        return True
    return False


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0032_keeps_the_advice_with_its_application(empty_database: str) -> None:
    url = empty_database
    db.upgrade(url, BEFORE)
    with db.get_engine(url).begin() as conn:
        mapo = conn.execute(text("SELECT id FROM districts WHERE code = '11440'")).scalar()
        group = conn.execute(
            text(USER + " RETURNING id"), {"name": "mangwon", "role": "applicant", "district": None}
        ).scalar()
        officer = conn.execute(
            text(USER + " RETURNING id"), {"name": "gu", "role": "district", "district": mapo}
        ).scalar()
        call = conn.execute(text(CALL + " RETURNING id")).scalar()
        app = conn.execute(
            text(APPLICATION + " RETURNING id"), {"call": call, "owner": group, "district": mapo}
        ).scalar()
    db.dispose_engine(url)
    tables = inspect(db.get_engine(url)).get_table_names()
    assert "application_advice" not in tables and "application_advice_requests" not in tables

    db.upgrade(url, "0032")
    db.dispose_engine(url)
    with db.get_engine(url).begin() as conn:
        conn.execute(
            text(
                "INSERT INTO application_advice_requests (application_id, asked_at, asked_by, "
                f"note) VALUES (:app, {NOW}, 'mangwon', '예산을 봐 주세요')"
            ),
            {"app": app},
        )
    office = {"app": app, "author": officer, "role": "district"}
    assert not _refused(url, {**office, "section": "plan", "field": None, "value": None})
    assert not _refused(url, {**office, "section": "budget", "field": "budget.training",
                              "value": "3000000"})  # fmt: skip
    assert _refused(url, {**office, "section": "purse", "field": None, "value": None})
    assert _refused(url, {**office, "section": "plan", "field": "organiser_1", "value": "김"})
    assert _refused(url, {**office, "section": "plan", "field": "plan", "value": None})
    own = {"app": app, "author": group, "section": "plan"}
    assert not _refused(url, {**own, "role": "applicant", "field": None, "value": None})
    assert _refused(url, {**own, "role": "applicant", "field": "plan", "value": "내 계획"})
    assert _refused(url, {**own, "role": "mayor", "field": None, "value": None})
    with db.get_engine(url).connect() as conn:
        kept = conn.execute(text("SELECT author_role, section FROM application_advice ORDER BY id"))
        assert [tuple(r) for r in kept] == [
            ("district", "plan"), ("district", "budget"), ("applicant", "plan")
        ]  # fmt: skip

    with db.get_engine(url).begin() as conn:  # the advice goes with its application
        conn.execute(text("DELETE FROM call_applications"))
    with db.get_engine(url).connect() as conn:
        for table in ("application_advice", "application_advice_requests"):
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0

    command.downgrade(db.alembic_config(url), BEFORE)
    db.dispose_engine(url)
    tables = inspect(db.get_engine(url)).get_table_names()
    assert "application_advice" not in tables and "application_advice_requests" not in tables
    assert "call_applications" in tables
    db.dispose_engine(url)
