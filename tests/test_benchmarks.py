"""The benchmark harness measures the same figures it compares (never a time in a test)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.engine import make_url

from benchmarks.savings import measure_savings
from energy import demo, scale


def test_the_hand_written_query_and_the_engine_agree(fresh_store: str) -> None:
    demo.load_demo(url=fresh_store, with_readings=False)
    scale.add_scale_readings(households=300, years=3, url=fresh_store, today=dt.date.today())
    kind = make_url(fresh_store).get_backend_name()
    figures = measure_savings(fresh_store, kind)
    assert figures["same_figures"] is True
    assert figures["ours_s"] > 0 and figures["hand_sql_s"] > 0
