"""The time the pages go by, read in one place: a test sets it
(``monkeypatch.setattr(clock, "now", ...)``) to see what a page shows at a given moment
without waiting for it. Callers write ``clock.now()``, so the test's clock is the one read."""

from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    """Now, in UTC."""
    return dt.datetime.now(dt.UTC)
