"""Whether a village's kept sums match its readings, and the shape of the sums.

The lowest layer of the kept sums: :mod:`village_sums`, :mod:`household_years` and
:mod:`sql` all ask here which villages are fresh, and none of them asks the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.store.models.readings import VillageSumsState
from energy.store.models.villages import Village

Sums = dict[tuple[Any, ...], tuple[float, float, int]]
FromReadings = Callable[[Session, list[int] | None, dt.date, dt.date, tuple[str, ...]], Sums]
EVERY_MONTH = (dt.date(2000, 1, 1), dt.date(2100, 12, 1))


def fresh_and_stale(session: Session, village_ids: list[int] | None) -> tuple[bool, list[int]]:
    """(any fresh village at all, the stale ones) among ``village_ids`` (None: every one).

    A read-only session asks once per scope: a savings figure needs it for its sums and for
    its expected cells, and both then see the same villages as fresh. A write session asks
    each time, since its own writes (or a rebuild) change the answer."""
    if not session.info.get("read_only"):
        return _ask_fresh_and_stale(session, village_ids)
    key = None if village_ids is None else tuple(sorted(set(village_ids)))
    known: dict[tuple[int, ...] | None, tuple[bool, list[int]]]
    known = session.info.setdefault("fresh_and_stale", {})
    if key not in known:
        known[key] = _ask_fresh_and_stale(session, village_ids)
    any_fresh, stale = known[key]
    return any_fresh, list(stale)


def _ask_fresh_and_stale(session: Session, village_ids: list[int] | None) -> tuple[bool, list[int]]:
    state = VillageSumsState
    query = select(Village.id, state.fresh).outerjoin(state, state.village_id == Village.id)
    if village_ids is not None:
        query = query.where(Village.id.in_(village_ids))
    # Core rows, not the ORM's: one per village, ~400 at city scale (PostgreSQL 2.2 -> 1.1 ms).
    rows = session.connection().execute(query).all()
    stale = [int(v) for v, fresh in rows if not fresh]
    return len(stale) < len(rows), stale
