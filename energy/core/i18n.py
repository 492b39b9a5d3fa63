"""Translation and locale formatting, for pages and the command line alike.

Messages live in :mod:`energy.core.catalogue`, one entry per key with both languages side by
side, so a missing translation is visible in review and caught by a test.
"""

from __future__ import annotations

import datetime as dt
import re
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
    if "|" in template:
        template = PARTICLE_MARK.sub(lambda m: particle(params.get(m[1]), m[2]), template)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


# --- Korean particles -----------------------------------------------------------------------
# A Korean message names a value's particle by the form it takes after a final consonant:
# "{code}{code|을}" is "H-001을" and "마을 두레를" alike. Forms: 은/는, 이/가, 을/를, 과/와,
# 으로/로 (a final ㄹ takes 로), 이라/라.
PARTICLES: dict[str, tuple[str, str]] = {
    "은": ("은", "는"),
    "이": ("이", "가"),
    "을": ("을", "를"),
    "과": ("과", "와"),
    "으로": ("으로", "로"),
    "이라": ("이라", "라"),
}
PARTICLE_MARK = re.compile(r"\{(\w+)\|(은|이|을|과|으로|이라)\}")
# How the last digit of a number is read: its final consonant (jongseong index), 0 for none.
# 0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구; 10 십, 100 백, 1000 천, 10000 만.
_DIGIT_FINAL = {"0": 21, "1": 8, "2": 0, "3": 16, "4": 0, "5": 0, "6": 1, "7": 8, "8": 8, "9": 0}
_TENS_FINAL = {1: 17, 2: 1, 3: 4}  # 십 (ㅂ), 백 (ㄱ), 천 (ㄴ); more zeros: 만 (ㄴ)
# Latin letters as Korean reads an English word's end: l is ㄹ; m, n and the stops k, p, t,
# b, c, g take a final consonant; a vowel, r, s, d and the rest are read with none.
_LATIN_FINAL = {"l": 8, "m": 16, "n": 4, "k": 1, "c": 1, "g": 21, "p": 17, "b": 17, "t": 19}
RIEUL = 8


def _final_consonant(text: str) -> int | None:
    """The final consonant (jongseong index, 0: none) the text is read with, from its last
    Hangul syllable, digit or Latin letter; None when it has none of those."""
    stripped = text.rstrip(" '\"’”)]}>.,!?\\*_`~-")
    if not stripped:
        return None
    last = stripped[-1]
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28
    if last.isdigit() and last.isascii():
        digits = stripped[len(stripped.rstrip("0123456789")) :]
        zeros = len(digits) - len(digits.rstrip("0"))
        if zeros and digits.strip("0"):
            return _TENS_FINAL.get(zeros, 4)
        return _DIGIT_FINAL[last]
    if last.isascii() and last.isalpha():
        return _LATIN_FINAL.get(last.lower(), 0)
    return None


def particle(value: object, form: str) -> str:
    """The particle ``form`` (named by its after-a-consonant shape, e.g. "을") as it follows
    ``value``; both shapes ("을(를)") when the value gives no way to tell."""
    after_consonant, after_vowel = PARTICLES[form]
    final = None if value is None else _final_consonant(str(value))
    if final is None:
        return f"{after_consonant}({after_vowel})"
    if form == "으로" and final == RIEUL:
        return after_vowel
    return after_consonant if final else after_vowel


def format_number(value: float | int | None, lang: str, digits: int = 0) -> str:
    """Thousands separators in both languages; ``–`` for a missing value."""
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def format_quantity(value: float | int | None, lang: str) -> str:
    """A reading as people write it: ``1,280`` and ``31.3``, never ``1280.0`` (whole numbers
    without decimals, others to one decimal)."""
    if value is None:
        return "–"
    return format_number(value, lang, 0 if round(float(value), 1).is_integer() else 1)


def format_size(size_bytes: int) -> str:
    """A file's size as people read it, the same in both languages: ``820 B``, ``14 KB``,
    ``2.4 MB`` (1 KB = 1,024 bytes, as file managers count)."""
    if size_bytes < 1024:
        return f"{size_bytes:,} B"
    if size_bytes < 1024 * 1024:
        return f"{round(size_bytes / 1024):,} KB"
    return f"{size_bytes / (1024 * 1024):,.1f} MB"


def format_krw(amount: int | None, lang: str) -> str:
    """Money is whole won: ``1,234,000원`` in Korean, ``KRW 1,234,000`` in English."""
    if amount is None:
        return "–"
    if normalise_language(lang) == "ko":
        return f"{amount:,}원"
    return f"KRW {amount:,}"


def format_krw_words(amount: int, lang: str) -> str:
    """An amount in the words people check a figure by: ``10억 원``, ``750만 원``, ``12억
    3,456만 7,890 원`` in Korean; ``KRW 1 billion``, ``KRW 7.5 million`` in English (the money
    field's echo; ui/core/money.py writes the same in the browser)."""
    if normalise_language(lang) == "en":
        for size, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
            if amount >= size:
                value = amount / size
                digits = 0 if value >= 100 else 1 if value >= 10 else 2
                shown = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
                return f"KRW {shown} {word}"
        return f"KRW {amount:,}"
    if amount == 0:
        return "0원"
    parts = []
    for size, unit in ((10**12, "조"), (10**8, "억"), (10**4, "만")):
        if amount >= size:
            parts.append(f"{amount // size:,}{unit}")
            amount %= size
    if amount:
        parts.append(f"{amount:,}")
    return " ".join(parts) + " 원"


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
