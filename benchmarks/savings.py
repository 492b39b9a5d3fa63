"""The programme-wide savings computation against one hand-written SQL query."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from typing import Any

from sqlalchemy import text

HAND_SQL = {
    "sqlite": """
        SELECT a.carrier, SUM((b1.value + b2.value) / 2.0), SUM(a.value), COUNT(*)
        FROM readings a
        JOIN households h ON h.id = a.household_id
        JOIN readings b1 ON b1.household_id = a.household_id AND b1.carrier = a.carrier
             AND b1.month = date(a.month, '-12 months')
        JOIN readings b2 ON b2.household_id = a.household_id AND b2.carrier = a.carrier
             AND b2.month = date(a.month, '-24 months')
        WHERE a.month BETWEEN :start AND :end AND a.carrier <> 'solar'
          AND h.joined_on < date(a.month, '+1 month')
          AND (h.left_on IS NULL OR h.left_on >= a.month)
        GROUP BY a.carrier""",
    "postgresql": """
        SELECT a.carrier, SUM((b1.value + b2.value) / 2.0), SUM(a.value), COUNT(*)
        FROM readings a
        JOIN households h ON h.id = a.household_id
        JOIN readings b1 ON b1.household_id = a.household_id AND b1.carrier = a.carrier
             AND b1.month = (a.month - interval '12 months')::date
        JOIN readings b2 ON b2.household_id = a.household_id AND b2.carrier = a.carrier
             AND b2.month = (a.month - interval '24 months')::date
        WHERE a.month BETWEEN :start AND :end AND a.carrier <> 'solar'
          AND h.joined_on < (a.month + interval '1 month')::date
          AND (h.left_on IS NULL OR h.left_on >= a.month)
        GROUP BY a.carrier""",
}


# The same figures from the history columns that migration 0004 keeps on every reading: the
# strictest "one query" to hold the engine against, since it reads what the engine reads.
HISTORY_SQL = {
    "sqlite": """
        SELECT a.carrier, SUM((a.value_y1 + a.value_y2) / 2.0), SUM(a.value), COUNT(*)
        FROM readings a JOIN households h ON h.id = a.household_id
        WHERE a.month BETWEEN :start AND :end AND a.carrier <> 'solar'
          AND a.value_y1 IS NOT NULL AND a.value_y2 IS NOT NULL
          AND h.joined_on < date(a.month, '+1 month')
          AND (h.left_on IS NULL OR h.left_on >= a.month)
        GROUP BY a.carrier""",
    "postgresql": """
        SELECT a.carrier, SUM((a.value_y1 + a.value_y2) / 2.0), SUM(a.value), COUNT(*)
        FROM readings a JOIN households h ON h.id = a.household_id
        WHERE a.month BETWEEN :start AND :end AND a.carrier <> 'solar'
          AND a.value_y1 IS NOT NULL AND a.value_y2 IS NOT NULL
          AND h.joined_on < (a.month + interval '1 month')::date
          AND (h.left_on IS NULL OR h.left_on >= a.month)
        GROUP BY a.carrier""",
}

REPEATS = 3


def _timed(engine: Any, sql: str, params: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    with engine.connect() as conn:
        rows = {c: (b, a, n) for c, b, a, n in conn.execute(text(sql), params)}
    return time.perf_counter() - started, rows


def measure_savings(url: str, kind: str) -> dict[str, Any]:
    from energy.calc.metrics import add_months, first_of_month
    from energy.core.access import CLI_ACTOR
    from energy.savings import compute as savings
    from energy.store import cache, db

    end = add_months(first_of_month(dt.date.today()), -1)
    params = {"start": add_months(end, -11), "end": end}
    engine = db.get_engine(url)
    # Each side is timed REPEATS times and the median kept: a single first run carried the
    # process's first-time costs (mapper set-up, statement compilation) on our side only, and
    # at 100k readings those were most of it (0.04-0.10 s against 0.02-0.04 s warm).
    hands, histories, ours = [], [], []
    for _ in range(REPEATS):
        hand_s, hand = _timed(engine, HAND_SQL[kind], params)
        history_s, history = _timed(engine, HISTORY_SQL[kind], params)
        cache.clear()
        started = time.perf_counter()
        report = savings.compute_savings(CLI_ACTOR, start=params["start"], end=end, url=url)
        ours.append(time.perf_counter() - started)
        hands.append(hand_s)
        histories.append(history_s)
    hand_s, history_s, ours_s = (statistics.median(t) for t in (hands, histories, ours))
    agree = {c: n for c, (_, _, n) in hand.items()} == {c: n for c, (_, _, n) in history.items()}
    agree = agree and all(
        abs((report.carrier(c).actual or 0) - float(a)) < 1e-6 * max(1.0, float(a))
        and report.carrier(c).cells == n
        for c, (_, a, n) in hand.items()
    )
    db.dispose_engine(url)
    return {
        "hand_sql_s": round(hand_s, 3),
        "history_sql_s": round(history_s, 3),
        "ours_s": round(ours_s, 3),
        "ratio": round(ours_s / hand_s, 2) if hand_s else None,
        "ratio_history": round(ours_s / history_s, 2) if history_s else None,
        "same_figures": agree,
    }
