"""The concurrency benchmark's client speaks Streamlit's protocol correctly: against a real
server it logs in as staff and as a committee and counts reruns (no time is asserted), and it
reruns the trivial app it measures beside the real one: two runs, the trivial app back to back
and the real one paced with the forced collection (the benchmark's five runs combine the same
options). The comparison with the trivial app, on figures made up for it; and the client of
the first-start step."""

from __future__ import annotations

import pytest

from benchmarks.concurrency import against_trivial, measure_concurrency
from benchmarks.first_start import first_start_once


@pytest.mark.slow
@pytest.mark.parametrize("small_store", ["sqlite"], indirect=True)
def test_sessions_log_in_and_rerun_with_and_without_gc(small_store: str) -> None:
    results = measure_concurrency(
        small_store,
        sessions=2,
        seconds=1.0,
        rate=4.0,
        runs=(("trivial", False, False), ("lines", False, False), ("energy", True, True)),
    )
    assert [(r["app"], r["post_script_gc"], r["offered_per_s"]) for r in results] == [
        ("trivial", False, None),
        ("lines", False, None),
        ("energy", True, 4.0),
    ]
    for result in results:
        assert result["failures"] == []
        assert result["reruns"] >= 2  # each session reran its page at least once
        assert result["p95_ms"] >= result["p50_ms"] > 0
    # Messages a rerun: the trivial app's 3 elements and the run's start and end, the lines
    # app's as many and its lines (as many in all as the real home pages send; the step
    # prints both counts).
    trivial, lines, ours = (r["messages_per_rerun"] for r in results)
    assert trivial == 5
    assert lines == 5 + lines_app_extra_lines()
    assert ours > trivial


def lines_app_extra_lines() -> int:
    import ast
    from pathlib import Path

    tree = ast.parse(Path("benchmarks/lines_app.py").read_text(encoding="utf-8"))
    return next(
        int(node.value.value)  # type: ignore[attr-defined]
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "EXTRA_LINES"
    )


def _run(app: str, per_s: float, paced: bool = False, gc: bool = False, p95: float = 50.0) -> dict:
    return {
        "app": app, "post_script_gc": gc, "offered_per_s": 50.0 if paced else None,
        "reruns_per_s": per_s, "p95_ms": p95,
    }  # fmt: skip


def test_the_real_app_is_compared_with_the_trivial_one_as_deployed() -> None:
    runs = [
        _run("trivial", 120.0), _run("trivial", 50.0, paced=True, p95=12.0),
        _run("energy", 8.0, gc=True), _run("energy", 105.0), _run("energy", 50.0, paced=True, p95=80.0),
    ]  # fmt: skip
    assert against_trivial(runs) == {"ratio": 0.88, "paced_p95_ms": 80.0, "met": True}
    slow_tail = [*runs[:4], _run("energy", 50.0, paced=True, p95=140.0)]
    assert against_trivial(slow_tail)["met"] is False
    assert against_trivial(runs[2:]) == {}  # no trivial run: nothing to compare with
    # With the lines app: what as many plain messages leave, and ours beside that.
    with_lines = [*runs, _run("lines", 40.0)]
    assert against_trivial(with_lines) == {
        "ratio": 0.88, "paced_p95_ms": 80.0, "met": True, "lines_ratio": 0.33, "ratio_vs_lines": 2.62,
    }  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("small_store", ["sqlite"], indirect=True)
def test_a_first_start_is_timed_up_to_a_real_login(small_store: str) -> None:
    """The client of the first-start step, on a store already made (a new install's demo
    store is built the same way by the app; tests/test_browser_fresh_server.py watches that
    start in Chromium, and the benchmark times it)."""
    trivial = first_start_once("trivial")
    assert 0 < trivial["healthy_s"] <= trivial["first_element_s"]
    ours = first_start_once("energy", small_store)
    # The first element, the end of the run with the login form, then the demo login gone
    # through (the client raises if it does not).
    assert ours["healthy_s"] <= ours["first_element_s"] < ours["login_form_s"] < ours["logged_in_s"]
