"""Reliability under load and faults (issue 8), on SQLite and PostgreSQL.

* 16 writers at once, separate processes, through the command line a city's scripts use:
  every reading stored exactly once, and no "database is locked" reaching anyone. The
  writers are forked from one process that imported the library once (``forkserver``), each
  running ``energy.cli.main`` as ``python -m energy`` would: 16 interpreters importing
  pandas and SQLAlchemy cost 20 s of CPU and tested nothing more.
* A process killed with SIGKILL in the middle of a large import: afterwards the store holds
  all of that file or none of it, and passes an integrity check.

Bounded in time: every child process has a timeout; nothing asserts a duration.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from energy.core.access import CLI_ACTOR
from energy.store import db
from energy.store.models.readings import Household, Reading, ReadingBatch
from energy.villages import directory as villages

# What a writer needs, imported once by the process the writers are forked from.
WRITER_PRELOAD = ["tests.energy_cli", "energy.readings.files", "energy.readings.imports"]

ROOT = Path(__file__).resolve().parent.parent
WRITERS = 16
VILLAGES = 8  # two writers per village: the same file twice, at the same time
CHILD_TIMEOUT = 300


def _village_file(path: Path, households_n: int, months: int) -> int:
    lines = ["household,month,carrier,value,unit"]
    for h in range(households_n):
        for m in range(months):
            month = f"{2022 + m // 12}-{m % 12 + 1:02d}"
            lines.append(f"H-{h + 1:03d},{month},electricity,{200 + h + m},kWh")
            lines.append(f"H-{h + 1:03d},{month},gas,{1500 + h * 3 + m},MJ")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def _setup_villages(url: str, count: int, households_n: int) -> list[str]:
    codes = [f"V-{i + 1:02d}" for i in range(count)]
    for code in codes:
        villages.add_village(
            CLI_ACTOR, code=code, name=f"마을 {code}", district="Mapo-gu", cohort_year=2023, url=url
        )
    engine = create_engine(url)
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        for code in codes:
            village_id = villages.get_village(CLI_ACTOR, code, url=url).village.id
            session.add_all(
                Household(
                    village_id=village_id,
                    code=f"H-{h + 1:03d}",
                    housing_type="apartment",
                    joined_on=dt.date(2023, 1, 1),
                )
                for h in range(households_n)
            )
    engine.dispose()
    return codes


def _cli(url: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "ENERGY_DATABASE_URL": url}
    return subprocess.Popen(
        [sys.executable, "-m", "energy", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _write(results: Any, index: int, url: str, args: tuple[str, ...]) -> None:
    """In a writer process: ``python -m energy ARGS`` over the store ``url``."""
    from tests.energy_cli import energy

    result = energy(url, *args)
    results.put((index, result.returncode, result.stdout, result.stderr))


def _in_writer_processes(url: str, jobs: list[tuple[str, ...]]) -> list[tuple[int, str, str]]:
    """Run each command line of ``jobs`` in a process of its own, all at once; their exit
    codes and output in the order of ``jobs``."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(WRITER_PRELOAD)
    results = context.Queue()
    writers = [
        context.Process(target=_write, args=(results, i, url, job)) for i, job in enumerate(jobs)
    ]
    for writer in writers:
        writer.start()
    outcomes = {}
    for _ in writers:  # read before joining: a child with output still queued does not end
        index, *outcome = results.get(timeout=CHILD_TIMEOUT)
        outcomes[index] = tuple(outcome)
    for writer in writers:
        writer.join(CHILD_TIMEOUT)
        assert writer.exitcode == 0, writer
    return [outcomes[i] for i in range(len(jobs))]


def _count(url: str, model: type = Reading) -> int:
    with db.session_for(CLI_ACTOR, url=url) as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


@pytest.mark.slow
def test_sixteen_writers_at_once_store_every_reading_exactly_once(
    fresh_store: str, tmp_path: Path
) -> None:
    url = fresh_store
    codes = _setup_villages(url, VILLAGES, households_n=10)
    files = {}
    for code in codes:
        files[code] = tmp_path / f"{code}.csv"
        rows = _village_file(files[code], households_n=10, months=24)
    jobs = [
        ("readings", "import", str(files[codes[i % VILLAGES]]), "--village", codes[i % VILLAGES])
        for i in range(WRITERS)
    ]  # fmt: skip
    outcomes = _in_writer_processes(url, jobs)
    for code, out, err in outcomes:
        assert code == 0, err
        assert "locked" not in (out + err).lower()
    assert _count(url) == VILLAGES * rows
    # Each village's file was saved once and found unchanged once, in either order.
    summaries = sorted(out.split(":", 1)[1].strip() for _, out, _ in outcomes)
    assert (
        summaries.count(f"{rows} added, 0 changed, 0 unchanged, 0 conflicts kept as stored")
        == VILLAGES
    )
    assert (
        summaries.count(f"0 added, 0 changed, {rows} unchanged, 0 conflicts kept as stored")
        == VILLAGES
    )
    with db.session_for(CLI_ACTOR, url=url) as session:
        duplicates = session.execute(
            select(Reading.household_id, Reading.carrier, Reading.month)
            .group_by(Reading.household_id, Reading.carrier, Reading.month)
            .having(func.count() > 1)
        ).all()
        batches = session.execute(select(func.sum(ReadingBatch.added))).scalar_one()
    assert duplicates == []
    assert batches == VILLAGES * rows


def _writing_started(url: str, store_path: Path | None) -> bool:
    if store_path is not None:  # SQLite: the write-ahead log grows while the import writes
        wal = Path(f"{store_path}-wal")
        return wal.exists() and wal.stat().st_size > 2_000_000
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return bool(
                conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND query ILIKE 'COPY readings%' AND pid <> pg_backend_pid()"
                    )
                ).scalar()
            )
    finally:
        engine.dispose()


def _no_other_backends(url: str) -> None:
    """Wait until the server has ended every other session on the database (the killed
    client's among them). The test's own pooled connections are closed first: they would be
    counted too, and the wait would run out instead of ending."""
    db.dispose_engine(url)
    engine = create_engine(url)
    try:
        for _ in range(200):
            with engine.connect() as conn:
                others = conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND pid <> pg_backend_pid()"
                    )
                ).scalar()
            if not others:
                return
            time.sleep(0.05)
    finally:
        engine.dispose()
    raise AssertionError(f"{others} other sessions still on the database after 10 s")


@pytest.mark.slow
def test_an_import_killed_midway_leaves_all_or_nothing(fresh_store: str, tmp_path: Path) -> None:
    url = fresh_store
    (code,) = _setup_villages(url, 1, households_n=400)
    big = tmp_path / "big.csv"
    rows = _village_file(big, households_n=400, months=48)  # 38,400 readings
    sqlite_path = (
        Path(make_url(url).database or "") if make_url(url).get_backend_name() == "sqlite" else None
    )
    victim = _cli(url, "readings", "import", str(big), "--village", code)
    deadline = time.monotonic() + CHILD_TIMEOUT
    while victim.poll() is None and not _writing_started(url, sqlite_path):
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.005)
    # Frozen first, so that what it has committed can be read before the kill: on a busy
    # machine it may have finished between the look above and the signal.
    victim.send_signal(signal.SIGSTOP)
    committed = _count(url)
    killed_while_writing = victim.poll() is None and committed == 0
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=CHILD_TIMEOUT)
    victim.communicate()
    if sqlite_path is None:
        _no_other_backends(url)  # the server rolls the dead client's transaction back
    stored = _count(url)
    assert stored in (0, rows)
    assert stored == committed, "what was committed before the kill is what remains"
    if killed_while_writing:
        assert stored == 0, "killed inside its transaction: nothing of the file may remain"
    with db.session_for(CLI_ACTOR, url=url) as session:
        if sqlite_path is not None:
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []
            triggers = session.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            ).scalars()
            assert {
                "trg_readings_history_delete",
                "trg_readings_history_insert",
                "trg_readings_history_update",
                "trg_sums_readings_insert",
                "trg_sums_readings_update",
                "trg_sums_readings_delete",
            } <= set(triggers)  # the import's dropped insert triggers came back
        batches = session.execute(select(func.count()).select_from(ReadingBatch)).scalar_one()
        assert batches == (1 if stored else 0)
    # After the restart the same file imports whole.
    again = _cli(url, "readings", "import", str(big), "--village", code)
    assert again.wait(timeout=CHILD_TIMEOUT) == 0, again.communicate()[1]
    assert _count(url) == rows
