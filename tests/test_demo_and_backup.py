"""The demo data set, and backup/restore on both stores."""

from __future__ import annotations

import datetime as dt
import gzip
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from energy.core.access import CLI_ACTOR
from energy.core.errors import InvalidInput
from energy.core.vocabulary import ROLES
from energy.demo import load as demo
from energy.store import backup, db
from energy.store.models.accounts import User
from energy.store.models.system import AuditEntry
from energy.store.models.villages import Village, VillageStatusChange
from energy.villages import directory as villages


def _snapshot(url: str) -> list[tuple]:
    return [
        (v.code, v.name, v.district_en, v.cohort_year, v.programme_stage, v.status)
        for v in villages.list_villages(CLI_ACTOR, url=url)
    ]


def test_demo_covers_every_district_cohort_status_and_role(demo_store: str) -> None:
    listed = villages.list_villages(CLI_ACTOR, url=demo_store)
    assert {v.district_code for v in listed} == {d for d in demo.DISTRICT_PLACES}
    assert {v.cohort_year for v in listed} == set(range(2012, dt.date.today().year + 1))
    assert {v.status for v in listed} == {"active", "paused", "disbanded"}
    assert sum(v.cohort_year <= 2018 for v in listed) == 100  # the city's 100 villages in 2018
    with db.session_for(CLI_ACTOR, url=demo_store) as session:
        roles = set(session.scalars(select(User.role).where(User.is_active.is_(True))))
    assert roles == set(ROLES)  # every role, the call's `applicant` included
    resumed = [
        h for v in listed for h in villages.get_village(CLI_ACTOR, v.code, url=demo_store).history
        if h.reason_code == "resumed"
    ]  # fmt: skip
    assert resumed, "the demo should include a village that came back"


def test_demo_refuses_a_store_with_data(demo_store: str) -> None:
    with pytest.raises(InvalidInput):
        demo.load_demo(url=demo_store)


@pytest.mark.slow
def test_backup_and_restore_round_trip(small_store: str, tmp_path: Path) -> None:
    before = _snapshot(small_store)
    path = tmp_path / "snapshot.jsonl.gz"
    summary = backup.backup(CLI_ACTOR, path, url=small_store)
    assert summary.rows["villages"] == len(before)
    villages.add_village(
        CLI_ACTOR, code="AFTER-1", name="나중", district="Mapo-gu", url=small_store
    )
    restored = backup.restore(CLI_ACTOR, path, url=small_store)
    assert restored.rows["villages"] == len(before)
    assert _snapshot(small_store) == before
    # Ids continue after a restore (sequences reset on PostgreSQL).
    villages.add_village(
        CLI_ACTOR, code="AFTER-2", name="다음", district="Mapo-gu", url=small_store
    )
    with db.session_for(CLI_ACTOR, url=small_store) as session:
        assert session.scalar(select(func.count()).select_from(Village)) == len(before) + 1
        last = session.scalars(
            select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(3)
        ).all()
    assert "restore" in last


@pytest.mark.slow
def test_backup_is_consistent_while_the_store_is_written(small_store: str, tmp_path: Path) -> None:
    stop = threading.Event()
    written: list[str] = []

    def writer() -> None:
        n = 0
        while not stop.is_set() and n < 60:  # a bound, should the backup be slow
            n += 1
            code = f"LIVE-{n}"
            villages.add_village(
                CLI_ACTOR, code=code, name="동시", district="Guro-gu", url=small_store
            )
            written.append(code)

    thread = threading.Thread(target=writer)
    thread.start()
    while not written and thread.is_alive():  # the backup starts while villages are written
        time.sleep(0.005)
    try:
        path = tmp_path / "live.jsonl.gz"
        summary = backup.backup(CLI_ACTOR, path, url=small_store)
    finally:
        stop.set()
        thread.join(timeout=60)
    # Every village in the snapshot has its matching "started" history row: one moment in time.
    assert summary.rows["village_status_changes"] >= summary.rows["villages"]
    restored = backup.restore(CLI_ACTOR, path, url=small_store)
    assert restored.rows["villages"] == summary.rows["villages"]
    with db.session_for(CLI_ACTOR, url=small_store) as session:
        started = set(
            session.scalars(
                select(VillageStatusChange.village_id).where(
                    VillageStatusChange.reason_code == "started"
                )
            )
        )
        assert set(session.scalars(select(Village.id))) <= started


@pytest.mark.slow
def test_restore_rejects_a_damaged_file_and_leaves_the_store_alone(
    small_store: str, tmp_path: Path
) -> None:
    before = _snapshot(small_store)
    good = tmp_path / "good.jsonl.gz"
    backup.backup(CLI_ACTOR, good, url=small_store)
    truncated = tmp_path / "truncated.jsonl.gz"
    truncated.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    garbage = tmp_path / "garbage.jsonl.gz"
    garbage.write_bytes(b"not a backup at all")
    wrong = tmp_path / "wrong.jsonl.gz"
    with gzip.open(wrong, "wt") as handle:
        handle.write('{"format": "something-else"}\n')
    for path in (truncated, garbage, wrong, tmp_path / "missing.gz"):
        with pytest.raises(InvalidInput):
            backup.restore(CLI_ACTOR, path, url=small_store)
        assert _snapshot(small_store) == before, path.name
