"""Translation and locale formatting, for pages and the command line alike.

Messages live in :mod:`energy.core.catalogue`, one entry per key with both languages side by
side, so a missing translation is visible in review and caught by a test.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from energy.core.catalogue import MESSAGES

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"
SEOUL = ZoneInfo("Asia/Seoul")


def normalise_language(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def translate(key: str, lang: str, /, **params: Any) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in.

    An unknown key returns the key itself (visible, never a crash); a test checks that
    every key used in the code exists in both languages.
    """
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    template = entry.get(normalise_language(lang)) or entry["en"]
    if not params:
        return template
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def format_number(value: float | int | None, lang: str, digits: int = 0) -> str:
    """Thousands separators in both languages; ``–`` for a missing value."""
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def format_krw(amount: int | None, lang: str) -> str:
    """Money is whole won: ``1,234,000원`` in Korean, ``KRW 1,234,000`` in English."""
    if amount is None:
        return "–"
    if normalise_language(lang) == "ko":
        return f"{amount:,}원"
    return f"KRW {amount:,}"


def format_percent(fraction: float | None, lang: str, digits: int = 1) -> str:
    if fraction is None:
        return "–"
    return f"{fraction * 100:.{digits}f}%"


_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(value: dt.date | None, lang: str) -> str:
    """``2026년 11월 25일`` in Korean, ``25 Nov 2026`` in English."""
    if value is None:
        return "–"
    if isinstance(value, dt.datetime):
        value = value.astimezone(SEOUL).date() if value.tzinfo else value.date()
    if normalise_language(lang) == "ko":
        return f"{value.year}년 {value.month}월 {value.day}일"
    return f"{value.day} {_EN_MONTHS[value.month - 1]} {value.year}"


def format_datetime(value: dt.datetime | None, lang: str) -> str:
    """A UTC timestamp shown in Seoul time (the city's clock)."""
    if value is None:
        return "–"
    local = value.astimezone(SEOUL) if value.tzinfo else value.replace(tzinfo=dt.UTC)
    local = local.astimezone(SEOUL)
    return f"{format_date(local.date(), lang)} {local:%H:%M}"


def format_month(value: dt.date | None, lang: str) -> str:
    if value is None:
        return "–"
    if normalise_language(lang) == "ko":
        return f"{value.year}년 {value.month}월"
    return f"{_EN_MONTHS[value.month - 1]} {value.year}"
