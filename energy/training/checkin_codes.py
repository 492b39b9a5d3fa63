"""A training session's check-in code, its window and its QR code: rules only, no store.

Vocabulary:

- the **check-in key** of a session: 32 random bytes (64 hex digits) kept with the session
  while the trainer keeps self check-in open (``training_sessions.checkin_secret``);
- the **minute number**: whole minutes since 1970-01-01 UTC; a code belongs to one minute;
- the **code** of a minute: 6 digits, HMAC-SHA256 of ``"<session id>:<minute number>"``
  under the session's key, cut to 6 digits as RFC 4226 (HOTP) cuts its digest. Digits,
  because a trainer reads the code out loud and a phone's number pad types it;
- **grace**: the code of the minute before is accepted too, so a code read at 19:02:58 and
  typed at 19:03:20 still counts; one minute later it no longer does (it has *expired*: told
  apart from a wrong code for :data:`RECOGNISED_MINUTES`);
- the **window**: from :data:`CHECKIN_OPENS_BEFORE_MINUTES` before the session starts until it
  ends; outside it, and at a cancelled session, no code counts at all;
- the **check-in link**: ``<app address>/checkin?session=<id>&code=<code>``, what the QR code
  on the trainer's screen holds; the page fills the session and code in from it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import ipaddress
import secrets
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno

from energy.core.vocabulary import CHECKIN_OPENS_BEFORE_MINUTES

CODE_DIGITS = 6
CODE_SECONDS = 60  # a code changes on every minute
GRACE_MINUTES = 1  # the code of the minute before still counts
# A code up to this old is told apart from a wrong one ("expired": a photo of the screen, a
# tab left open), and not counted as a guess: it cannot be used, so it teaches nothing.
RECOGNISED_MINUTES = 15
KEY_BYTES = 32  # the key's 64 hex digits fill training_sessions.checkin_secret
CHECKIN_PATH = "checkin"  # the participant's page (pages/checkin.py)
# QR error correction "M" (15% of the symbol may be lost): read from a projected screen across
# a room, with glare, but short enough (a link of about 60 characters) to stay coarse.
QR_ERROR = "m"


def new_key() -> str:
    return secrets.token_hex(KEY_BYTES)


def minute_number(now: dt.datetime) -> int:
    """Whole minutes since the epoch (``now`` must say its time zone)."""
    if now.tzinfo is None:
        raise ValueError("a check-in time must say its time zone")
    return int(now.timestamp()) // CODE_SECONDS


def code_for(key: str, session_id: int, minute: int) -> str:
    """The code of ``minute`` at session ``session_id`` under ``key``."""
    digest = hmac.new(
        key.encode("ascii"), f"{session_id}:{minute}".encode("ascii"), hashlib.sha256
    ).digest()
    offset = digest[-1] & 0x0F  # RFC 4226's dynamic truncation
    value = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFF_FFFF
    return f"{value % 10**CODE_DIGITS:0{CODE_DIGITS}d}"


def normalise_code(typed: str) -> str | None:
    """The code a person typed, as its 6 digits (spaces and dashes dropped, full-width digits
    read as digits); ``None`` when it is not 6 digits."""
    text = unicodedata.normalize("NFKC", typed or "")
    kept = "".join(ch for ch in text if not ch.isspace() and ch not in "-·.")
    if len(kept) != CODE_DIGITS or not (kept.isascii() and kept.isdigit()):
        return None
    return kept


def code_age(
    key: str, session_id: int, code: str, now: dt.datetime, *, within: int = RECOGNISED_MINUTES
) -> int | None:
    """How many minutes old ``code`` (already normalised) is: 0 this minute's, 1 the last
    one's...; ``None`` if it is none of the last ``within`` minutes' codes."""
    minute = minute_number(now)
    age = None
    for back in range(within + 1):  # every candidate compared, in constant time
        if hmac.compare_digest(code_for(key, session_id, minute - back), code) and age is None:
            age = back
    return age


def code_matches(key: str, session_id: int, code: str, now: dt.datetime) -> bool:
    """Whether ``code`` is this minute's or, in grace, the last one's."""
    return code_age(key, session_id, code, now, within=GRACE_MINUTES) is not None


@dataclass(frozen=True)
class ShownCode:
    """The code to show now, and the minute it belongs to."""

    code: str
    valid_from: dt.datetime  # the start of its minute
    changes_at: dt.datetime  # the start of the next one

    @property
    def spaced(self) -> str:
        """``"382 916"``: read out and typed in two halves."""
        half = CODE_DIGITS // 2
        return f"{self.code[:half]} {self.code[half:]}"


def shown_code(key: str, session_id: int, now: dt.datetime) -> ShownCode:
    minute = minute_number(now)
    start = dt.datetime.fromtimestamp(minute * CODE_SECONDS, dt.UTC)
    return ShownCode(
        code_for(key, session_id, minute), start, start + dt.timedelta(seconds=CODE_SECONDS)
    )


# --- the window --------------------------------------------------------------------------------

BEFORE, OPEN, ENDED, CANCELLED = "before", "open", "ended", "cancelled"


@dataclass(frozen=True)
class CheckInWindow:
    """When a session takes check-ins: ``opens_at`` <= now < ``closes_at`` (UTC)."""

    opens_at: dt.datetime
    closes_at: dt.datetime

    def phase(self, now: dt.datetime, *, cancelled: bool = False) -> str:
        """``before``, ``open``, ``ended``, or ``cancelled`` whatever the time."""
        if cancelled:
            return CANCELLED
        if now < self.opens_at:
            return BEFORE
        return OPEN if now < self.closes_at else ENDED


def checkin_window(starts_at: dt.datetime, ends_at: dt.datetime) -> CheckInWindow:
    return CheckInWindow(starts_at - dt.timedelta(minutes=CHECKIN_OPENS_BEFORE_MINUTES), ends_at)


# --- the link and its QR code ------------------------------------------------------------------


def app_address(page_url: str, page: str) -> str:
    """The app's own address from the address of one of its pages, as a browser shows it
    (``http://10.0.0.5:8501/checkin_board`` -> ``http://10.0.0.5:8501``; a path the app is
    served under is kept)."""
    parts = urlsplit(page_url)
    path = parts.path.rstrip("/")
    if path == page or path.endswith("/" + page):
        path = path[: -len(page)].rstrip("/")
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def is_local_address(address: str) -> bool:
    """Whether ``address`` names this computer only (a phone cannot open it)."""
    host = (urlsplit(address).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_unspecified
    except ValueError:  # a name: reachable, as far as this can tell
        return False


def checkin_link(base: str, session_id: int, code: str) -> str:
    """The address a phone opens: ``base`` is the app's address (no trailing slash needed)."""
    query = urlencode({"session": session_id, "code": code})
    return f"{base.rstrip('/')}/{CHECKIN_PATH}?{query}"


def qr_png(text: str, *, scale: int = 10) -> bytes:
    """``text`` as a QR code, a black-on-white PNG with the standard 4-module quiet zone."""
    out = io.BytesIO()
    segno.make(text, error=QR_ERROR, micro=False).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()
