"""Settings from the environment, read in one place (no other module reads ``os.environ``)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote, urlsplit

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
# The envelope sender and From address of the app's mail when ENERGY_MAIL_FROM is not set: an
# address no one answers (the messages say not to reply), on a host name that is never a
# real domain. A deployment sets its own, on a domain its mail server may send for.
DEFAULT_MAIL_FROM = "no-reply@localhost"
# ENERGY_SMTP_URL's schemes: how the connection to the mail server is protected, and the
# port each uses when the URL names none.
SMTP_SCHEMES: dict[str, tuple[str, int]] = {
    "smtp": ("plain", 25),
    "smtp+starttls": ("starttls", 587),
    "smtps": ("ssl", 465),
}


@dataclass(frozen=True)
class SmtpSettings:
    """Where the app hands its mail over: ``security`` is ``plain``, ``starttls`` (upgrade
    the connection before anything else is said) or ``ssl`` (TLS from the start); a
    ``username`` means log in (with ``password``) before sending."""

    host: str
    port: int
    security: str
    username: str | None = None
    password: str | None = field(default=None, repr=False)

    def describe(self) -> str:
        """The server as staff may see it: ``user@host:port`` (never the password)."""
        who = f"{self.username}@" if self.username else ""
        return f"{who}{self.host}:{self.port}"


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
    # The mail server (ENERGY_SMTP_URL); None: mail is off, messages wait in the outbox.
    smtp: SmtpSettings | None = None
    # The address the app's mail comes from (ENERGY_MAIL_FROM): ``addr`` or ``Name <addr>``.
    mail_from: str = DEFAULT_MAIL_FROM

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


def parse_smtp_url(raw: str, name: str = "ENERGY_SMTP_URL") -> SmtpSettings:
    """``smtp://host[:port]``, ``smtp+starttls://[user:password@]host[:587]`` or
    ``smtps://[user:password@]host[:465]``; the user and password percent-decoded (a password
    with ``@`` or ``/`` in it is written ``%40``, ``%2F``). A malformed URL is a ``ValueError``
    naming ``name``, without the password."""
    shown = _without_password(raw)
    usage = (
        "smtp://host:port, smtp+starttls://user:password@host:587 or smtps://user:password@host:465"
    )
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"{name} must be {usage}, got {shown!r}: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in SMTP_SCHEMES:
        raise ValueError(f"{name} must be {usage}, got {shown!r} (unknown scheme {scheme!r})")
    if not parts.hostname:
        raise ValueError(f"{name} must be {usage}, got {shown!r} (no host)")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(f"{name} must be {usage}, got {shown!r} (a path or query is not used)")
    if parts.password is not None and not parts.username:
        raise ValueError(f"{name} must be {usage}, got {shown!r} (a password without a user)")
    security, default_port = SMTP_SCHEMES[scheme]
    return SmtpSettings(
        host=parts.hostname,
        port=port or default_port,
        security=security,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
    )


def _without_password(raw: str) -> str:
    """``raw`` with whatever stands between ``user:`` and the host replaced by ``***``."""
    scheme, sep, rest = raw.partition("://")
    if not sep or "@" not in rest:
        return raw
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in credentials else raw


def _smtp_env() -> SmtpSettings | None:
    raw = os.environ.get("ENERGY_SMTP_URL", "").strip()
    return parse_smtp_url(raw) if raw else None


def _mail_from_env() -> str:
    raw = os.environ.get("ENERGY_MAIL_FROM", "").strip()
    if not raw:
        return DEFAULT_MAIL_FROM
    address = raw.rsplit("<", 1)[-1].rstrip(">").strip() if "<" in raw else raw
    if (
        address.count("@") != 1
        or " " in address
        or address.startswith("@")
        or address.endswith("@")
    ):
        raise ValueError(
            f"ENERGY_MAIL_FROM must be an address (no-reply@energy.seoul.example) or "
            f"'Name <address>', got {raw!r}"
        )
    return raw


def default_database_url() -> str:
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def database_url() -> str:
    """``get_settings().database_url`` alone: the store's address, read now, for the calls
    made several times a page run (every memoised figure asks for its engine). The whole
    settings take 60 µs to read, this 1 µs."""
    return os.environ.get("ENERGY_DATABASE_URL", "").strip() or default_database_url()


def session_idle_minutes() -> float:
    """``get_settings().session_idle_minutes`` alone, read now (every page run asks)."""
    return _positive_float_env("ENERGY_SESSION_IDLE_MINUTES", DEFAULT_SESSION_IDLE_MINUTES)


def get_settings() -> Settings:
    """Read the settings now (cheap; tests change the environment between calls)."""
    return Settings(
        database_url=database_url(),
        session_idle_minutes=session_idle_minutes(),
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
        smtp=_smtp_env(),
        mail_from=_mail_from_env(),
    )
