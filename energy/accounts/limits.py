"""Counters that slow down and lock out failed logins and sign-ups, by client and by name.

They live in the ``login_throttle`` table, one row per key:

* ``name`` itself (a typed name of a valid form, whether or not such a user exists): its
  failures slow every further failure for that name, progressively, but never refuse a login;
* ``pair:<name>:<client>``: one client's failures for one name, which lock that client out of
  that name for a while (anyone else, the real person included, still logs in);
* ``client:<client>``: one client's failures for any name, which lock that client out;
* ``signup:<client>``: the accounts one client made in the last hour;
* ``checkin:<name>:<client>``: one client's wrong training check-in codes for one account,
  which lock that client out of checking in for a while (``energy.training.checkin``);
* ``selfcheckin:<client>``: one client's wrong check-in codes without an account, which lock
  that client out of checking in for a while (``energy.training.checkin_public``);
* ``reset:<client>`` and ``resetname:<name or address>``: the password-reset links one client
  asked for, and those asked for one typed name or address, in the last hour
  (``energy.accounts.password_reset``).

A client is named by a digest of its address, so no address is stored. A count is forgotten
once its window has passed with no new event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.orm import Session

from energy.store.models.accounts import LoginThrottle

# The command line, tests and anything that does not say where it comes from.
LOCAL_CLIENT = "local"


def _digest(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def client_address(
    forwarded_for: str | None, direct: str | None, trusted_proxies: int
) -> str | None:
    """The client's address for the limits: behind ``trusted_proxies`` proxies, the entry
    of X-Forwarded-For that the outermost of them added (counted from the end: entries
    further left are whatever the browser sent, and it can send anything); with no proxy,
    the connection's own address (``direct``). ``None`` when it cannot be known (a proxy
    setting with fewer entries than proxies: the request did not come through them)."""
    if trusted_proxies <= 0:
        return direct
    seen = [part.strip() for part in (forwarded_for or "").split(",") if part.strip()]
    return seen[-trusted_proxies] if len(seen) >= trusted_proxies else None


def client_tag(client: str | None) -> str:
    """A short, stable name for a client in the audit log (not its address)."""
    return _digest(client or LOCAL_CLIENT, 12)


def name_key(name: str) -> str:
    return name


def pair_key(name: str, client: str | None) -> str:
    return f"pair:{_digest(name, 20)}:{_digest(client or LOCAL_CLIENT, 20)}"


def client_key(client: str | None) -> str:
    return f"client:{_digest(client or LOCAL_CLIENT, 40)}"


def signup_key(client: str | None) -> str:
    return f"signup:{_digest(client or LOCAL_CLIENT, 40)}"


@dataclass
class Counter:
    """One key's count within its window (a row, added to the session when first counted)."""

    row: LoginThrottle
    session: Session

    @property
    def count(self) -> int:
        return int(self.row.failures or 0)

    def locked_minutes(self, now: dt.datetime) -> int:
        """Whole minutes left of a lock (0: not locked)."""
        until = self.row.locked_until
        if until is None or until <= now:
            return 0
        return max(1, math.ceil((until - now).total_seconds() / 60))

    def add(self, now: dt.datetime) -> int:
        if self.row not in self.session:
            self.session.add(self.row)
        self.row.failures = self.count + 1
        self.row.last_failure_at = now
        return self.count

    def lock(self, now: dt.datetime, minutes: int) -> None:
        self.row.locked_until = now + dt.timedelta(minutes=minutes)
        self.row.failures = 0

    def clear(self) -> None:
        if self.row in self.session:
            self.session.delete(self.row)


def reset_client_key(client: str | None) -> str:
    return f"reset:{_digest(client or LOCAL_CLIENT, 40)}"


def reset_name_key(typed: str) -> str:
    return f"resetname:{_digest(typed, 40)}"


def checkin_key(name: str, client: str | None) -> str:
    return f"checkin:{_digest(name, 20)}:{_digest(client or LOCAL_CLIENT, 20)}"


def self_checkin_key(client: str | None) -> str:
    return f"selfcheckin:{_digest(client or LOCAL_CLIENT, 40)}"


def counter(session: Session, key: str, now: dt.datetime, window_minutes: int) -> Counter:
    """The count for ``key``, started afresh when its last event is older than the window
    (a lock still running is kept)."""
    row = session.get(LoginThrottle, key)
    if row is None:
        return Counter(LoginThrottle(username=key, failures=0), session)
    window = dt.timedelta(minutes=window_minutes)
    if row.last_failure_at is not None and now - row.last_failure_at > window:
        row.failures = 0
    return Counter(row, session)


def forget_name(session: Session, name: str) -> None:
    """A password set by staff: the name's failures, and every client's lock on it, end."""
    prefix = f"pair:{_digest(name, 20)}:"
    session.execute(
        delete(LoginThrottle).where(
            (LoginThrottle.username == name_key(name)) | LoginThrottle.username.startswith(prefix)
        )
    )
