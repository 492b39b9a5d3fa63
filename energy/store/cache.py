"""A small in-process memo for expensive aggregates, keyed by what they depend on.

Results are stored under the caller's key plus the store's *data version* (the newest audit
entry that is not about logins or accounts), so any write — a saved batch of readings, a new factor, a
village that pauses — makes the next call recompute. Access is always checked by the
caller *before* it asks here: the memo only ever saves work, never a permission check.

Within :func:`pinned` (one run of a page) the data version is read once, not once per memo
call: a page reads as of its start. A write committed by this process during the run drops
the pinned version, so what the page shows after its own write is read afresh. Page runs
less than ``SHARED_VERSION_SECONDS`` apart share one read (another process's write shows
that much later).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import func, select

from energy.core.access import require_village
from energy.core.errors import NotFound
from energy.store import db
from energy.store.db import get_engine
from energy.store.models.system import AuditEntry
from energy.store.models.villages import Village

T = TypeVar("T")
MAX_ENTRIES = 256  # aggregates are small; this bounds memory, not correctness
LOGIN_ACTIONS = ("login", "login_failed", "login_locked", "lockout")

_entries: OrderedDict[Hashable, Any] = OrderedDict()
_lock = threading.Lock()


def data_version(url: str | None = None) -> int:
    """The id of the newest audit entry that changed data (0 for an empty log).

    Logins and account changes are left out: they change no figure.
    """
    engine = db.reader(get_engine(url))
    with engine.connect() as conn:
        newest = conn.execute(
            select(func.max(AuditEntry.id)).where(
                AuditEntry.action.not_in(LOGIN_ACTIONS), AuditEntry.entity != "users"
            )
        ).scalar()
    return int(newest or 0)


_pins = threading.local()


@contextmanager
def pinned() -> Iterator[None]:
    """Read the data version once for everything memoised inside (one page run, one thread)."""
    outer = getattr(_pins, "versions", None)
    _pins.versions = {}
    try:
        yield
    finally:
        _pins.versions = outer


# A page run reuses the data version that another page run of this process read this
# recently, if the process has committed nothing since: one query fewer per rerun (a tenth
# of a committee's rerun under load, benchmarks/README.md, session 10). A write through
# another process (a replica, the command line) shows at most this much later; this
# process's own writes show at once. Calls outside a page run always read afresh.
SHARED_VERSION_SECONDS = 0.5
_shared: dict[str, tuple[int, float, int]] = {}  # store: (last write, read at, version)


def _version(store: str, url: str | None) -> int:
    versions: dict[str, tuple[int, int]] | None = getattr(_pins, "versions", None)
    if versions is None:
        return data_version(url)
    written = db.last_write()
    kept = versions.get(store)
    if kept is not None and kept[0] == written:
        return kept[1]
    now = time.monotonic()
    shared = _shared.get(store)
    if shared is not None and shared[0] == written and now - shared[1] < SHARED_VERSION_SECONDS:
        version = shared[2]
    else:
        version = data_version(url)
        _shared[store] = (written, now, version)
    versions[store] = (written, version)
    return version


def memo(key: Hashable, compute: Callable[[], T], *, url: str | None = None) -> T:
    """``compute()``, or its result from an earlier call with the same key and data."""
    store = str(get_engine(url).url)
    full_key = (store, _version(store, url), key)
    with _lock:
        if full_key in _entries:
            _entries.move_to_end(full_key)
            cached: T = _entries[full_key]
            return cached
    value = compute()
    with _lock:
        _entries[full_key] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    with _lock:
        _entries.clear()
        _shared.clear()


def village_id(actor: Any, village_code: str, *, url: str | None = None) -> int:
    """The id of the village coded ``village_code``, memoised (``NotFound`` if there is none).
    Checks no access: the caller does, with the id."""
    code = village_code.strip()

    def lookup() -> int:
        with db.session_for(actor, url=url) as session:
            found = session.scalar(select(Village.id).where(Village.code == code))
        if found is None:
            raise NotFound("error.unknown_village", code=village_code)
        return int(found)

    return memo(("village_id", village_code.strip()), lookup, url=url)


def village_memo(
    actor: Any,
    village_code: str,
    capability: str,
    key: Hashable,
    compute: Callable[[], T],
    *,
    url: str | None = None,
) -> T:
    """:func:`memo` for a figure of one village: ``actor`` must hold ``capability`` for that
    village (checked on every call, before anything is returned); an unknown code is
    ``NotFound``, as from the store."""
    village = village_id(actor, village_code, url=url)
    require_village(actor, village, capability)
    return memo((key, village), compute, url=url)
