"""Each page's script time through AppTest, cold (fresh process memo) and warm, per role."""

from __future__ import annotations

import os
import time
from typing import Any

from benchmarks.stores import ROOT

ROLES = {"staff": "admin", "committee": "committee", "viewer": "viewer"}
# Staff look at the committee's village, which is full (the same size) in every store, so a
# one-village page shows the same thing at 100k and at 10M and only the history differs.
STAFF_VILLAGE = "DJK-2012-01"


def measure_pages(url: str) -> list[dict[str, Any]]:
    os.environ["ENERGY_DATABASE_URL"] = url
    from streamlit.testing.v1 import AppTest

    from energy import accounts, cache, db
    from energy.demo import DEMO_PASSWORD
    from ui import state
    from ui.nav import pages_for

    db.forget_store_state(url)
    results = []
    for role, login in ROLES.items():
        actor = accounts.authenticate(login, DEMO_PASSWORD, url=url).actor
        assert actor is not None, login
        for spec in pages_for(actor):
            cache.clear()
            app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
            app.session_state[state.ACTOR] = actor
            app.run()
            app.switch_page(spec.path)
            if role == "staff":
                app.query_params["code"] = STAFF_VILLAGE
            started = time.perf_counter()
            app.run()
            cold = time.perf_counter() - started
            started = time.perf_counter()
            app.run()
            warm = time.perf_counter() - started
            results.append(
                {
                    "role": role,
                    "page": spec.key,
                    "cold_s": round(cold, 3),
                    "warm_s": round(warm, 3),
                    "errors": len(app.exception),
                }
            )
    db.dispose_engine(url)
    return results
