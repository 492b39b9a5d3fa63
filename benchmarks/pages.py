"""Each page's script time through AppTest, cold (fresh process memo) and warm, per role.

Each page is timed ``REPEATS`` times in the same process and the median kept: cold = the run
right after the memo is cleared (as after any saved change), warm = the run after it. A
single run swung by 2-4x between runs of the same page (a collection, the first read of the
store's file into the operating system's cache, first-time imports), more than the sizes
differ.

Each store is measured in a process of its own (:func:`measure_pages` starts it): measured
one after another in one process, the later stores' pages ran in a process grown by the
earlier ones (the committee's savings page 2.1x slower at 10M in the run, 1.08x measured
apart), which charged the history for the order of the runs.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from benchmarks.stores import ROOT

ROLES = {"staff": "admin", "committee": "committee", "viewer": "viewer", "district": "district"}
# Staff look at the committee's village, which is full (the same size) in every store, so a
# one-village page shows the same thing at 100k and at 10M and only the history differs.
STAFF_VILLAGE = "DJK-2012-01"
REPEATS = 3


def measure_pages(
    url: str, repeats: int = REPEATS, roles: tuple[str, ...] = tuple(ROLES)
) -> list[dict[str, Any]]:
    """Every page of each of ``roles`` (all of :data:`ROLES` by default) on the store at
    ``url``, in a new process, each timed ``repeats`` times (the harness's own test asks for
    one role and one time)."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.pages", url, str(repeats), ",".join(roles)],
        cwd=ROOT,
        env={**os.environ, "ENERGY_DATABASE_URL": url},
        check=True,
        capture_output=True,
        text=True,
    )
    results: list[dict[str, Any]] = json.loads(done.stdout.strip().splitlines()[-1])
    return results


def _timed(run: Callable[[], object]) -> float:
    """Seconds ``run`` takes, with the garbage collector run before and held off during it
    (as ``timeit`` does): a full collection's length depends on every object the process
    holds, not on the page, and one landing in a 20 ms page run doubled it at random."""
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        run()
        return time.perf_counter() - started
    finally:
        gc.enable()


class _SqlClock:
    """Time spent in the store's driver (every statement, from cursor execute to its rows
    returned to SQLAlchemy) and statements run, since :meth:`reset`: the part of a page's
    time that could grow with the history; the rest is Python drawing what is shown."""

    def __init__(self) -> None:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        self.seconds, self.statements = 0.0, 0
        self._began: dict[int, float] = {}
        event.listen(Engine, "before_cursor_execute", self._before)
        event.listen(Engine, "after_cursor_execute", self._after)

    def reset(self) -> None:
        self.seconds, self.statements = 0.0, 0

    def _before(self, conn: Any, *_: Any) -> None:
        self._began[id(conn)] = time.perf_counter()

    def _after(self, conn: Any, *_: Any) -> None:
        self.seconds += time.perf_counter() - self._began.pop(id(conn), time.perf_counter())
        self.statements += 1


def _measure_here(url: str, repeats: int, roles: list[str]) -> list[dict[str, Any]]:
    os.environ["ENERGY_DATABASE_URL"] = url
    from streamlit.testing.v1 import AppTest

    from energy.accounts import users as accounts
    from energy.demo.load import DEMO_PASSWORD
    from energy.store import cache, db
    from tests.apptest_speed import scan_installed_components_once
    from ui.core import state
    from ui.core.nav import pages_for

    scan_installed_components_once()  # once, not per page: a server scans when it starts
    db.forget_store_state(url)
    sql = _SqlClock()
    results = []
    for role in roles:
        actor = accounts.authenticate(ROLES[role], DEMO_PASSWORD, url=url).actor
        assert actor is not None, role
        for spec in pages_for(actor):
            cache.clear()
            app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
            app.session_state[state.ACTOR] = actor
            app.run()
            app.switch_page(spec.path)
            if role == "staff":
                app.query_params["code"] = STAFF_VILLAGE
            colds, warms, cold_sql, statements = [], [], [], []
            for _ in range(repeats):
                cache.clear()
                sql.reset()
                colds.append(_timed(app.run))
                cold_sql.append(sql.seconds)
                statements.append(sql.statements)
                warms.append(_timed(app.run))
            results.append(
                {
                    "role": role,
                    "page": spec.key,
                    "cold_s": round(statistics.median(colds), 3),
                    "warm_s": round(statistics.median(warms), 3),
                    "cold_runs_s": [round(c, 3) for c in colds],
                    "cold_sql_s": round(statistics.median(cold_sql), 4),
                    "cold_statements": int(statistics.median(statements)),
                    "errors": len(app.exception),
                }
            )
    db.dispose_engine(url)
    return results


if __name__ == "__main__":
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else REPEATS
    roles = sys.argv[3].split(",") if len(sys.argv) > 3 else list(ROLES)
    print(json.dumps(_measure_here(sys.argv[1], repeats, roles)))
