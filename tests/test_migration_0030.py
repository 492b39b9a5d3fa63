"""Migration 0030: the district's pre-screens and the organisers' public-body declaration.
Applications stored before keep their rows, declared ``false`` with no link; a pre-screen
takes answers from the vocabulary only, one per application, gone with its application; the
downgrade takes both away and leaves the applications as they were."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import inspect, text

from energy.call import calls
from energy.core.access import CLI_ACTOR
from energy.store import db
from tests.migrations import paper_application

BEFORE = "0029"  # the revision 0030 follows
INSERT = text(
    "INSERT INTO call_prescreens (application_id, district_id, met_in_person, lives_in_area, "
    "verdict, note, recorded_by, recorded_at, created_at) VALUES (:app, :district, :met, "
    ":lives, :verdict, NULL, 'gu.mapo', :at, :at)"
)


def _refused(url: str, app_id: int, district: int, **overrides: object) -> bool:
    """Whether the store refuses a pre-screen of ``app_id`` (answers as ``overrides`` say)."""
    row = {"app": app_id, "district": district, "met": "all", "lives": "some",
           "verdict": "no_concerns", "at": dt.datetime(2027, 3, 12, 9, tzinfo=dt.UTC)}  # fmt: skip
    try:
        with db.get_engine(url).begin() as conn:
            conn.execute(INSERT, {**row, **overrides})
    except sa.exc.IntegrityError:
        return True
    return False


@pytest.mark.parametrize("empty_database", ["sqlite", "postgresql"], indirect=True)
def test_0030_adds_prescreens_and_the_declaration(empty_database: str) -> None:
    url = empty_database
    db.upgrade(url, BEFORE)
    call = calls.create_call(
        CLI_ACTOR, year=2027, title="2027 공모", opens_on=dt.date(2027, 2, 15),
        closes_on=dt.date(2027, 3, 31), budget_krw=50_000_000, url=url,
    )  # fmt: skip
    kept = paper_application(url, call.id, "성산 모임", status="submitted")
    db.dispose_engine(url)
    assert "call_prescreens" not in inspect(db.get_engine(url)).get_table_names()

    db.upgrade(url, "0030")
    db.dispose_engine(url)
    with db.get_engine(url).connect() as conn:
        stored = conn.execute(
            text("SELECT group_name, public_body_declared, public_body_link FROM call_applications")
        ).one()
        mapo = conn.execute(text("SELECT id FROM districts WHERE code = '11440'")).scalar_one()
    assert (stored[0], bool(stored[1]), stored[2]) == ("성산 모임", False, None)
    columns = [c["name"] for c in inspect(db.get_engine(url)).get_columns("call_prescreens")]
    assert columns == [
        "id", "application_id", "district_id", "met_in_person", "lives_in_area", "verdict",
        "note", "recorded_by", "recorded_at", "created_at",
    ]  # fmt: skip

    # Answers from the vocabulary only; one pre-screen per application, of a real one.
    assert _refused(url, kept, mapo, met="maybe")
    assert _refused(url, kept, mapo, lives="yes")
    assert _refused(url, kept, mapo, verdict="fine")
    assert _refused(url, kept + 99, mapo)
    assert not _refused(url, kept, mapo)
    assert _refused(url, kept, mapo, verdict="concerns")
    gone = paper_application(url, call.id, "망원 모임", status="submitted")
    assert not _refused(url, gone, mapo, verdict="could_not_verify")
    with db.get_engine(url).begin() as conn:  # a pre-screen goes with its application
        conn.execute(text("DELETE FROM call_applications WHERE id = :id"), {"id": gone})
    with db.get_engine(url).connect() as conn:
        assert conn.execute(text("SELECT application_id FROM call_prescreens")).scalars().all() == [
            kept
        ]
    with db.get_engine(url).begin() as conn:  # a new application declares, or names a link
        conn.execute(
            text(
                "UPDATE call_applications SET public_body_declared = true, "
                "public_body_link = '주민센터 통장' WHERE id = :id"
            ),
            {"id": kept},
        )
    db.dispose_engine(url)

    command.downgrade(db.alembic_config(url), BEFORE)
    db.dispose_engine(url)
    assert "call_prescreens" not in inspect(db.get_engine(url)).get_table_names()
    names = {c["name"] for c in inspect(db.get_engine(url)).get_columns("call_applications")}
    assert not names & {"public_body_declared", "public_body_link"}
    with db.get_engine(url).connect() as conn:
        assert conn.execute(text("SELECT group_name FROM call_applications")).scalars().all() == [
            "성산 모임"
        ]
    db.upgrade(url, "0030")  # and up again, as a store that was rolled back is upgraded
    db.dispose_engine(url)
