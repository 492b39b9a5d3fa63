"""Settings from the environment, read in one place (no other module reads ``os.environ``)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_SQLITE_PATH = DATA_DIR / "energy.db"

# Half an hour of inactivity ends a session: long enough to type a month of readings,
# short enough that a shared village-centre computer does not stay logged in all evening.
DEFAULT_SESSION_IDLE_MINUTES = 30
# After this many failed logins for one name, each further try waits a little longer...
DEFAULT_LOGIN_SLOWDOWN_AFTER = 3
# ...and after this many the name is locked for a while.
DEFAULT_LOGIN_LOCK_AFTER = 6
DEFAULT_LOGIN_LOCK_MINUTES = 15


@dataclass(frozen=True)
class Settings:
    database_url: str
    session_idle_minutes: int
    login_slowdown_after: int
    login_lock_after: int
    login_lock_minutes: int
    demo_on_empty_embedded: bool

    @property
    def is_embedded(self) -> bool:
        return self.database_url.startswith("sqlite")


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from exc
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    return value


def default_database_url() -> str:
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def get_settings() -> Settings:
    """Read the settings now (cheap; tests change the environment between calls)."""
    return Settings(
        database_url=os.environ.get("ENERGY_DATABASE_URL", "").strip() or default_database_url(),
        session_idle_minutes=_int_env("ENERGY_SESSION_IDLE_MINUTES", DEFAULT_SESSION_IDLE_MINUTES),
        login_slowdown_after=_int_env("ENERGY_LOGIN_SLOWDOWN_AFTER", DEFAULT_LOGIN_SLOWDOWN_AFTER),
        login_lock_after=_int_env("ENERGY_LOGIN_LOCK_AFTER", DEFAULT_LOGIN_LOCK_AFTER),
        login_lock_minutes=_int_env("ENERGY_LOGIN_LOCK_MINUTES", DEFAULT_LOGIN_LOCK_MINUTES),
        demo_on_empty_embedded=os.environ.get("ENERGY_NO_DEMO", "").strip() == "",
    )
