"""Settings from the environment, read in one place (no other module reads ``os.environ``)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T", int, float)
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_SQLITE_PATH = DATA_DIR / "energy.db"

# Half an hour of inactivity ends a session: long enough to type a month of readings,
# short enough that a shared village-centre computer does not stay logged in all evening.
DEFAULT_SESSION_IDLE_MINUTES = 30
# After this many failed logins for one name, each further try waits a little longer...
DEFAULT_LOGIN_SLOWDOWN_AFTER = 3
# ...after this many from one client for one name, that client is locked out of that name for
# a while (the person, from anywhere else, is not)...
DEFAULT_LOGIN_LOCK_AFTER = 6
DEFAULT_LOGIN_LOCK_MINUTES = 15
# ...and after this many from one client for any names, the client is locked out.
DEFAULT_LOGIN_CLIENT_LOCK_AFTER = 20
# Applicant accounts one client may make in an hour.
DEFAULT_SIGNUPS_PER_CLIENT_HOUR = 5


@dataclass(frozen=True)
class Settings:
    database_url: str
    session_idle_minutes: float  # a fraction is allowed (tests: seconds)
    login_slowdown_after: int
    login_lock_after: int
    login_lock_minutes: int
    login_client_lock_after: int
    signups_per_client_hour: int
    # How many proxies stand in front of the app (nginx: 1): the client's address is then
    # read from X-Forwarded-For, that many entries from its end; 0: the connection's own.
    trusted_proxies: int
    demo_on_empty_embedded: bool
    # The address people reach the app at (``https://energy.seoul.example``), for links that
    # leave the app: the training check-in QR code a phone scans. None: not set (the trainer's
    # screen then uses the address its own browser shows).
    public_url: str | None = None

    @property
    def is_embedded(self) -> bool:
        return self.database_url.startswith("sqlite")


def _number_env(
    name: str, default: T, parse: Callable[[str], T], kind: str, rule: str, ok: Callable[[T], bool]
) -> T:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = parse(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be {kind}, got {raw!r}") from exc
    if not ok(value):
        raise ValueError(f"{name} {rule}, got {raw}")
    return value


def _int_env(name: str, default: int) -> int:
    return _number_env(name, default, int, "a whole number", "must not be negative", _not_negative)


def _positive_float_env(name: str, default: float) -> float:
    return _number_env(name, default, float, "a number", "must be a positive number", _positive)


def _not_negative(value: int) -> bool:
    return value >= 0


def _positive(value: float) -> bool:
    return 0 < value < float("inf")


def _public_url_env() -> str | None:
    raw = os.environ.get("ENERGY_PUBLIC_URL", "").strip().rstrip("/")
    if not raw:
        return None
    if not raw.startswith(("http://", "https://")) or " " in raw:
        raise ValueError(f"ENERGY_PUBLIC_URL must be an http:// or https:// address, got {raw!r}")
    return raw


def default_database_url() -> str:
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def get_settings() -> Settings:
    """Read the settings now (cheap; tests change the environment between calls)."""
    return Settings(
        database_url=os.environ.get("ENERGY_DATABASE_URL", "").strip() or default_database_url(),
        session_idle_minutes=_positive_float_env(
            "ENERGY_SESSION_IDLE_MINUTES", DEFAULT_SESSION_IDLE_MINUTES
        ),
        login_slowdown_after=_int_env("ENERGY_LOGIN_SLOWDOWN_AFTER", DEFAULT_LOGIN_SLOWDOWN_AFTER),
        login_lock_after=_int_env("ENERGY_LOGIN_LOCK_AFTER", DEFAULT_LOGIN_LOCK_AFTER),
        login_lock_minutes=_int_env("ENERGY_LOGIN_LOCK_MINUTES", DEFAULT_LOGIN_LOCK_MINUTES),
        login_client_lock_after=_int_env(
            "ENERGY_LOGIN_CLIENT_LOCK_AFTER", DEFAULT_LOGIN_CLIENT_LOCK_AFTER
        ),
        signups_per_client_hour=_int_env(
            "ENERGY_SIGNUPS_PER_CLIENT_HOUR", DEFAULT_SIGNUPS_PER_CLIENT_HOUR
        ),
        trusted_proxies=_int_env("ENERGY_TRUSTED_PROXIES", 0),
        demo_on_empty_embedded=os.environ.get("ENERGY_NO_DEMO", "").strip() == "",
        public_url=_public_url_env(),
    )
