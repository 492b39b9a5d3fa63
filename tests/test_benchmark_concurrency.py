"""The concurrency benchmark's client speaks Streamlit's protocol correctly: against a real
server it logs in as staff and as a committee and counts reruns (no time is asserted). Two of
the benchmark's three runs: with the forced collection back to back, and without it paced;
the third (without it, back to back) combines the same options."""

from __future__ import annotations

import pytest

from benchmarks.concurrency import measure_concurrency


@pytest.mark.slow
@pytest.mark.parametrize("small_store", ["sqlite"], indirect=True)
def test_sessions_log_in_and_rerun_with_and_without_gc(small_store: str) -> None:
    results = measure_concurrency(
        small_store, sessions=2, seconds=1.0, rate=4.0, runs=((True, False), (False, True))
    )
    assert [(r["post_script_gc"], r["offered_per_s"]) for r in results] == [
        (True, None),
        (False, 4.0),
    ]
    for result in results:
        assert result["failures"] == []
        assert result["reruns"] >= 2  # each session reran its page at least once
        assert result["p95_ms"] >= result["p50_ms"] > 0
