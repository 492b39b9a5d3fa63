"""``t()``: every visible string goes through here, in the session's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from energy.core import i18n
from ui.core import clock, state


def lang() -> str:
    """The session's language: the user's choice, else the browser's, else Korean."""
    chosen = st.session_state.get(state.LANG)
    if chosen in i18n.LANGUAGES:
        return str(chosen)
    locale = (getattr(st.context, "locale", None) or "").lower()
    guess = "en" if locale.startswith("en") else i18n.DEFAULT_LANGUAGE
    st.session_state[state.LANG] = guess
    return guess


def t(key: str, /, **params: Any) -> str:
    return i18n.translate(key, lang(), **params)


def t_or(key: str, fallback: str) -> str:
    """``t(key)``, or ``fallback`` where the catalogue has no such key (open vocabularies)."""
    text = t(key)
    return fallback if text == key else text


def today() -> dt.date:
    """Today on the city's clock (Seoul), not the server's UTC date."""
    return dt.datetime.now(i18n.SEOUL).date()


def now_local() -> dt.datetime:
    """The pages' time (ui.core.clock) on the city's clock (Seoul), for a person reading
    "saved at 14:05"."""
    return clock.now().astimezone(i18n.SEOUL)


def number(value: float | int | None, digits: int = 0) -> str:
    return i18n.format_number(value, lang(), digits)


def quantity(value: float | int | None) -> str:
    return i18n.format_quantity(value, lang())


def krw(amount: int | None) -> str:
    return i18n.format_krw(amount, lang())


def date(value: dt.date | None) -> str:
    return i18n.format_date(value, lang())


def datetime(value: dt.datetime | None) -> str:
    return i18n.format_datetime(value, lang())
