"""The benchmark harness measures the same figures it compares (never a time in a test)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from benchmarks import imports
from benchmarks.savings import measure_savings
from energy.demo import load as demo
from energy.demo import scale
from tests.conftest import postgres_problem, require


def test_the_hand_written_query_and_the_engine_agree(fresh_store: str) -> None:
    demo.load_demo(url=fresh_store, with_readings=False)
    scale.add_scale_readings(households=300, years=3, url=fresh_store, today=dt.date.today())
    kind = make_url(fresh_store).get_backend_name()
    figures = measure_savings(fresh_store, kind)
    assert figures["same_figures"] is True
    assert figures["ours_s"] > 0 and figures["hand_sql_s"] > 0


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_import_benchmark_compares_the_same_file_six_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    require(shutil.which("sqlite3") is not None, "the sqlite3 command-line shell is missing")
    if kind == "postgresql":
        require(postgres_problem() is None, postgres_problem() or "")
    monkeypatch.setattr(imports, "CACHE", tmp_path)
    figures = imports.measure_import(kind, 3_000)
    assert figures["rows"] == 2_880  # 20 households × 48 months × 3 carriers
    assert figures["ours_added"] == figures["rows"]
    assert figures["ours_peak_mb"] > 0 and figures["naive_peak_mb"] > 0
    assert figures["floor_s"] > 0 and figures["naive_s"] > 0 and figures["keyed_floor_s"] > 0
    # A new village's first import registers every household of the file as it goes.
    assert (figures["new_added"], figures["new_households"]) == (figures["rows"], 20)
    # The ratio itself is rounded to 0.01: with 3,000 rows the floor takes about 0.01 s against
    # the process's seconds, so it may print 0.0 on a loaded machine. Its parts are measured.
    assert figures["new_process_s"] > 0 and "new_process_rate_vs_keyed_floor" in figures
    # And as a person runs it: the command line, the whole process.
    assert figures["command_s"] > 0 and figures["command_peak_mb"] > 0
    assert "command_rate_vs_keyed_floor" in figures
    # The loader into the readings table itself (it checks the rows it stored).
    assert figures["own_table_floor_s"] > 0 and "command_rate_vs_own_table_floor" in figures


@pytest.mark.slow
@pytest.mark.parametrize(
    "small_store", ["sqlite"], indirect=True
)  # pages on PostgreSQL: test_apptest
def test_the_page_benchmark_times_every_page_of_a_role_in_a_process_of_its_own(
    small_store: str,
) -> None:
    """The pages of one store are timed in a new process (so a store measured later is not
    charged for the ones before it). Here one role's pages, each timed once (the benchmark
    times every role's, ``pages.REPEATS`` times; every page of every role is rendered by
    tests/test_apptest.py on both stores)."""
    from benchmarks import pages
    from energy.accounts import users as accounts
    from ui.core.nav import pages_for

    results = pages.measure_pages(small_store, repeats=1, roles=("viewer",))
    viewer = accounts.authenticate(pages.ROLES["viewer"], demo.DEMO_PASSWORD, url=small_store).actor
    assert viewer is not None
    assert [(r["role"], r["page"]) for r in results] == [
        ("viewer", spec.key) for spec in pages_for(viewer)
    ]
    assert all(r["errors"] == 0 and r["cold_s"] > 0 and r["warm_s"] > 0 for r in results)
    assert all(len(r["cold_runs_s"]) == 1 for r in results)
    # The store's share: every page but the account page asks the store something cold.
    asking = [r for r in results if r["page"] != "account"]
    assert asking and all(r["cold_statements"] > 0 and r["cold_sql_s"] > 0 for r in asking)
    assert all(r["cold_sql_s"] < r["cold_s"] for r in results)


def test_the_start_up_benchmark_times_the_command_line_against_its_libraries() -> None:
    """Both commands run, in turn, the same number of times; the ratio is reported, not
    asserted (a unit test reads no clock against a limit)."""
    from benchmarks.startup import GOAL, measure_startup

    figures = measure_startup(runs=2)
    assert figures["runs"] == 2 and figures["goal"] == GOAL
    assert figures["cli_help_mean_s"] > 0 and figures["libraries_mean_s"] > 0
    assert figures["ratio"] > 0 and isinstance(figures["met"], bool)


def test_the_export_benchmark_compares_the_medians_of_handout_and_deck() -> None:
    """The ratio is the handout's median over the deck's, per measure; its verdict follows the
    goal (the processes it summarises are run by ``python -m benchmarks --only exports``)."""
    from benchmarks.exports import GOAL, summarise

    def run(first: float, again: float) -> dict[str, float]:
        return {"first_s": first, "first_cpu_s": first / 2, "again_s": again,
                "again_cpu_s": again / 2, "bytes": 1000, "document_s": 0.1, "document_cpu_s": 0.1}  # fmt: skip

    figures = summarise(
        {
            "deck": [run(2.0, 0.2), run(9.0, 0.3), run(3.0, 0.25)],
            "handout": [run(6.0, 1.0), run(7.0, 0.5), run(60.0, 0.75)],
        }
    )
    assert (figures["deck_first_s"], figures["handout_first_s"]) == (3.0, 7.0)
    assert figures["ratio_first"] == round(7.0 / 3.0, 2) and figures["met"] is (GOAL >= 7.0 / 3.0)
    assert figures["ratio_again"] == 3.0 and figures["documents_met"] is True
    assert figures["ratio_first_cpu"] == figures["ratio_first"]  # each clock's own medians
    assert figures["rounds"] == 3 and figures["document_s"] == 0.1
