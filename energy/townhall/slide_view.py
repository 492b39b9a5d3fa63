"""What every town-hall slide is made of: a :class:`SlideView` (titles, big numbers, a chart,
notes) and the wording they share (the place and period a slide speaks of, its notes on scope
and privacy, amounts as a person reads them). Every text in the language asked for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import altair as alt

from energy.calc import metrics
from energy.core.i18n import format_month, format_number, translate
from energy.townhall.figures import ScopeInfo


@dataclass(frozen=True)
class BigNumber:
    """A figure in large type. ``missing``: the value is a statement (no data yet), not a number."""

    label: str
    value: str
    caption: str = ""
    missing: bool = False


@dataclass(frozen=True)
class SlideView:
    """One slide: every text already in the chosen language.

    ``message`` stands in for figures that cannot be shown (not recorded yet, too few
    households); ``notes`` are the speaker notes (sources, factors, coverage, privacy).
    """

    key: str
    title: str
    subtitle: str
    numbers: tuple[BigNumber, ...] = ()
    chart: alt.LayerChart | None = None
    chart_aspect: float | None = None  # plot width ÷ height to keep (the map); None: any
    quote: str = ""
    attribution: str = ""
    message: str = ""
    footnote: str = ""
    notes: str = ""


def say(lang: str, key: str, **params: object) -> str:
    return translate(key, lang, **params)


def amount(value: float, lang: str) -> str:
    """Big numbers with as many decimals as a person needs to read them."""
    size = abs(value)
    return format_number(value, lang, 0 if size >= 100 else 1 if size >= 10 else 2)


def place(scope: ScopeInfo, lang: str) -> str:
    return scope.district_name(lang) or say(lang, "townhall.all_seoul")


def scope_line(scope: ScopeInfo, lang: str) -> str:
    return say(
        lang,
        "townhall.scope_line",
        place=place(scope, lang),
        start=format_month(scope.start, lang),
        end=format_month(scope.end, lang),
    )


def with_scope_notes(scope: ScopeInfo, lang: str, *lines: str) -> str:
    common = (
        say(
            lang,
            "townhall.notes_scope",
            place=place(scope, lang),
            start=format_month(scope.start, lang),
            end=format_month(scope.end, lang),
            villages=format_number(scope.villages, lang),
            households=format_number(scope.households, lang),
        ),
        say(lang, "townhall.notes_privacy", n=scope.min_households),
    )
    return "\n".join([*lines, *common])


def period_end_day(scope: ScopeInfo) -> dt.date:
    return metrics.last_day_of_month(scope.end)


def stage_label(stage: str, lang: str) -> str:
    return (
        say(lang, "stage.graduated") if stage == "graduated" else say(lang, "stage.year", n=stage)
    )
