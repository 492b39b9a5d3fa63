"""Values as people write them, in the reader's language: numbers with their separators and
only the decimals they have (1,280, 212.5, 0.4541), money in won, dates and months, yes and
no, the vocabulary's words, units (m³, not m3). No look-ups here: see ``fields``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from energy.core.i18n import (
    format_date,
    format_datetime,
    format_krw,
    format_month,
    format_number,
    translate,
)

MAX_DECIMALS = 4  # a factor like 0.4541 tCO2/MWh keeps its four
# Units as they are written for people.
UNITS = {"m3": "m³", "Nm3": "Nm³", "kwh": "kWh", "mj": "MJ"}


def unit(name: str | None) -> str:
    return "" if not name else UNITS.get(name, name)


def number(value: Any, lang: str) -> str:
    """A number with thousands separators and the decimals it has (at most four)."""
    if value is None or value == "":
        return "–"
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    shown = f"{x:.{MAX_DECIMALS}f}".rstrip("0")
    digits = len(shown.partition(".")[2])
    return format_number(x, lang, digits)


def quantity(value: Any, unit_name: str | None, lang: str) -> str:
    shown = number(value, lang)
    suffix = unit(unit_name)
    return f"{shown} {suffix}" if suffix and value is not None else shown


def money(value: Any, lang: str) -> str:
    if value is None or value == "":
        return "–"
    try:
        return format_krw(round(float(value)), lang)
    except (TypeError, ValueError):
        return str(value)


def percent(value: Any, lang: str, *, fraction: bool = False) -> str:
    """``7.5`` as 7.5% (or, with ``fraction``, 0.075 as 7.5%)."""
    if value is None or value == "":
        return "–"
    try:
        x = float(value) * (100 if fraction else 1)
    except (TypeError, ValueError):
        return str(value)
    return f"{number(round(x, 2), lang)}%"


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def date(value: Any, lang: str) -> str:
    day = _date(value)
    return format_date(day, lang) if day else ("–" if value is None else str(value))


def month(value: Any, lang: str) -> str:
    day = _date(value)
    return format_month(day, lang) if day else ("–" if value is None else str(value))


def timestamp(value: Any, lang: str) -> str:
    if value is None:
        return "–"
    try:
        stamp = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return format_datetime(stamp, lang)


def yes_no(value: Any, lang: str) -> str:
    if value is None:
        return "–"
    return translate("audit.yes" if value else "audit.no", lang)


def word(prefix: str, value: Any, lang: str) -> str:
    """A vocabulary value in words (``prefix`` + value in the catalogue), else as it is."""
    if value is None or value == "":
        return "–"
    key = f"{prefix}{value}"
    shown = translate(key, lang)
    return str(value) if shown == key else shown


def words(prefix: str, values: Any, lang: str) -> str:
    if not values:
        return "–"
    if isinstance(values, str):
        values = [v for v in values.split(",") if v]
    return ", ".join(word(prefix, v, lang) for v in values)


def clipped(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters (a long text is cut with an ellipsis)."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def lower_first(text: str, lang: str) -> str:
    """An English label in the middle of a sentence ("City gas" -> "city gas"); a word that is
    all capitals (LED, TOE) and Korean stay as they are."""
    if lang != "en" or not text:
        return text
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return text
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def minute_of_day(value: Any) -> str:
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        return "–" if value is None else str(value)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def weekday(value: Any, lang: str) -> str:
    try:
        return translate(f"weekday.{WEEKDAYS[int(value)]}", lang)
    except (TypeError, ValueError, IndexError):
        return "–" if value is None else str(value)
