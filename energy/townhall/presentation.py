"""The town-hall slides as a person sees them, in one language: titles, big numbers, a chart,
a village's words, and speaker notes saying where every figure comes from.

The screen (``pages/townhall.py``) and the exports (:mod:`energy.townhall.deck`) draw the same
:class:`SlideView` list, so the room, the PowerPoint deck and the PDF handout always agree.
Figures come from :mod:`energy.townhall.figures` (aggregates only, the small-village rule applied);
this module only words and formats them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import altair as alt
import pandas as pd

from energy.calc import conversions, metrics
from energy.calc import townhall_charts as charts
from energy.core.access import Actor
from energy.core.i18n import (
    format_date,
    format_krw,
    format_month,
    format_number,
    format_percent,
    translate,
)
from energy.savings.compute import published_context
from energy.townhall import figures as townhall
from energy.townhall.figures import ScopeInfo, TownHallFilter


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


def _t(lang: str, key: str, **params: object) -> str:
    return translate(key, lang, **params)


def _amount(value: float, lang: str) -> str:
    """Big numbers with as many decimals as a person needs to read them."""
    size = abs(value)
    return format_number(value, lang, 0 if size >= 100 else 1 if size >= 10 else 2)


def _place(scope: ScopeInfo, lang: str) -> str:
    return scope.district_name(lang) or _t(lang, "townhall.all_seoul")


def _scope_line(scope: ScopeInfo, lang: str) -> str:
    return _t(
        lang,
        "townhall.scope_line",
        place=_place(scope, lang),
        start=format_month(scope.start, lang),
        end=format_month(scope.end, lang),
    )


def _notes(scope: ScopeInfo, lang: str, *lines: str) -> str:
    common = (
        _t(
            lang,
            "townhall.notes_scope",
            place=_place(scope, lang),
            start=format_month(scope.start, lang),
            end=format_month(scope.end, lang),
            villages=format_number(scope.villages, lang),
            households=format_number(scope.households, lang),
        ),
        _t(lang, "townhall.notes_privacy", n=scope.min_households),
    )
    return "\n".join([*lines, *common])


def _period_end_day(scope: ScopeInfo) -> dt.date:
    return metrics.last_day_of_month(scope.end)


def _stage_label(stage: str, lang: str) -> str:
    return _t(lang, "stage.graduated") if stage == "graduated" else _t(lang, "stage.year", n=stage)


def cover(scope: ScopeInfo, lang: str) -> SlideView:
    return SlideView(
        key="cover",
        title=_t(lang, "townhall.cover_title"),
        subtitle=_t(lang, "townhall.cover_subtitle", year=scope.year, place=_place(scope, lang)),
        footnote=_t(
            lang,
            "townhall.period",
            start=format_month(scope.start, lang),
            end=format_month(scope.end, lang),
        ),
        notes=_notes(scope, lang),
    )


def glance_view(slide: townhall.GlanceSlide, lang: str) -> SlideView:
    scope = slide.scope
    organisations = (
        format_number(slide.organisations.founded, lang)
        if slide.organisations is not None
        else _t(lang, "townhall.not_recorded")
    )
    return SlideView(
        key="glance",
        title=_t(lang, "townhall.glance_title"),
        subtitle=_scope_line(scope, lang),
        numbers=(
            BigNumber(
                _t(lang, "townhall.villages_active"),
                format_number(slide.villages_active, lang),
                _t(
                    lang,
                    "townhall.villages_active_caption",
                    year=scope.year,
                    districts=slide.districts,
                ),
            ),
            BigNumber(
                _t(lang, "townhall.villages_selected"),
                format_number(slide.villages_selected, lang),
                _t(
                    lang,
                    "townhall.villages_selected_caption",
                    first=townhall.FIRST_YEAR,
                    year=scope.year,
                ),
            ),
            BigNumber(
                _t(lang, "townhall.households"),
                format_number(slide.households, lang),
                _t(lang, "townhall.households_caption", year=scope.year),
            ),
            BigNumber(
                _t(lang, "townhall.organisations"),
                organisations,
                missing=slide.organisations is None,
            ),
        ),
        notes=_notes(
            scope,
            lang,
            _t(lang, "townhall.notes_glance", date=format_date(_period_end_day(scope), lang)),
        ),
    )


def growth_view(slide: townhall.GrowthSlide, lang: str) -> SlideView:
    scope = slide.scope
    frame = slide.by_year
    this_year = frame[frame["year"] == scope.year]
    new = int(this_year["new_villages"].iloc[0]) if not this_year.empty else 0
    total = int(frame["villages"].iloc[-1]) if not frame.empty else 0
    lines = [_t(lang, "townhall.notes_growth")]
    if slide.milestone_year is not None:
        lines.append(
            _t(
                lang,
                "townhall.notes_milestone",
                year=slide.milestone_year,
                n=slide.milestone_villages,
            )
        )
    return SlideView(
        key="growth",
        title=_t(lang, "townhall.growth_title"),
        subtitle=_scope_line(scope, lang),
        numbers=(
            BigNumber(
                _t(lang, "townhall.growth_total", year=scope.year), format_number(total, lang)
            ),
            BigNumber(_t(lang, "townhall.growth_new", year=scope.year), format_number(new, lang)),
        ),
        chart=charts.growth_chart(
            frame,
            milestone_year=slide.milestone_year,
            milestone_label=_t(lang, "townhall.milestone_label", n=slide.milestone_villages),
            x_title=_t(lang, "townhall.growth_x"),
            y_title=_t(lang, "townhall.growth_y"),
        ),
        notes=_notes(scope, lang, *lines),
    )


def _carrier_list(carriers: Sequence[str], lang: str) -> str:
    return ", ".join(_t(lang, f"carrier.{c}") for c in carriers)


def energy_view(slide: townhall.EnergySlide, lang: str) -> SlideView:
    """All carriers' saving in TOE, tCO2 and won, each saying which carriers it covers, and
    beside them each carrier's own saving: never one carrier's kWh beside all carriers'
    money (issue 23)."""
    scope = slide.scope
    base = SlideView(
        key="energy",
        title=_t(lang, "townhall.energy_title", year=scope.year),
        subtitle=_scope_line(scope, lang),
    )
    report = slide.report
    if report is None:
        message = _t(lang, "townhall.too_few", n=scope.min_households)
        return replace(base, message=message, notes=_notes(scope, lang))
    counted = [c for c in report.carriers if c.cells and c.saving is not None]
    if not counted:
        return replace(base, message=_t(lang, "townhall.no_cells"), notes=_notes(scope, lang))
    names = [c.carrier for c in counted]
    in_toe = [c for c in names if c not in report.not_converted.get("saving_toe", ())]
    in_co2 = [c for c in names if c not in report.not_converted.get("saving_tco2", ())]
    left_out = [c for c in names if c not in in_co2 and c != "water"]
    numbers = []
    if report.saving_toe is not None:
        numbers.append(
            BigNumber(
                _t(lang, "townhall.toe" if report.saving_toe >= 0 else "townhall.toe_more"),
                f"{_amount(abs(report.saving_toe), lang)} TOE",
                _t(lang, "townhall.covers", carriers=_carrier_list(in_toe, lang)),
            )
        )
    if report.saving_tco2 is not None:
        caption = _t(lang, "townhall.covers", carriers=_carrier_list(in_co2, lang))
        if left_out:  # district heat: no emission factor, said on the slide itself
            caption += " · " + _t(
                lang, "townhall.not_counted", carriers=_carrier_list(left_out, lang)
            )
        numbers.append(
            BigNumber(
                _t(lang, "townhall.tco2" if report.saving_tco2 >= 0 else "townhall.tco2_more"),
                f"{_amount(abs(report.saving_tco2), lang)} tCO2",
                caption,
            )
        )
    if report.saving_krw is not None:
        per_household = round(report.saving_krw / scope.households) if scope.households else None
        numbers.append(
            BigNumber(
                _t(lang, "townhall.krw" if report.saving_krw >= 0 else "townhall.krw_more"),
                format_krw(abs(report.saving_krw), lang),
                _t(
                    lang,
                    "townhall.krw_caption",
                    krw=format_krw(per_household, lang),
                    carriers=_carrier_list(names, lang),
                )
                + (
                    " · "
                    + _t(
                        lang,
                        "townhall.krw_indicative",
                        carriers=_carrier_list(report.indicative_money, lang),
                    )
                    if report.indicative_money
                    else ""
                ),
            )
        )
    rows = []
    for carrier in counted:
        part = report.by_carrier.get(carrier.carrier)
        amounts = [f"{_amount(carrier.saving or 0.0, lang)} {carrier.unit}"]
        if part is not None and part.krw is not None:
            amounts.append(format_krw(conversions.round_krw(part.krw), lang))
        if part is not None and part.tco2 is not None:
            amounts.append(f"{_amount(part.tco2, lang)} tCO2")
        rows.append(
            (_t(lang, f"carrier.{carrier.carrier}"), carrier.saving_pct or 0.0, " · ".join(amounts))
        )
    chart = charts.carrier_breakdown_chart(
        pd.DataFrame(rows, columns=["label", "pct", "text"]),
        x_title=_t(lang, "townhall.breakdown_x"),
    )
    electricity = slide.electricity
    footnote = ""
    equivalent = slide.households_equivalent
    if equivalent is not None and slide.typical_household_kwh is not None and electricity:
        footnote = _t(
            lang,
            "townhall.equivalent_line",
            kwh=_amount(electricity.saving or 0.0, lang),
            n=format_number(equivalent, lang, 1 if equivalent < 100 else 0),
            typical=format_number(slide.typical_household_kwh, lang),
        )
    typical = (
        _t(
            lang,
            "townhall.notes_typical",
            start=format_month(slide.typical_start, lang),
            end=format_month(slide.typical_end, lang),
            n=format_number(slide.typical_households, lang),
            kwh=format_number(slide.typical_household_kwh, lang),
        )
        if slide.typical_household_kwh is not None
        else _t(lang, "townhall.notes_typical_none", n=scope.min_households)
    )
    factors = "; ".join(
        f"{f.key} {f.value} {f.unit} ({f.basis}; {f.valid_from.isoformat()}, {f.source})"
        for f in report.factors
    )
    coverage = "; ".join(
        _t(
            lang,
            "townhall.notes_coverage",
            carrier=_t(lang, f"carrier.{c.carrier}"),
            cells=format_number(c.cells, lang),
            expected=format_number(c.expected_cells, lang),
            coverage=format_percent(c.coverage, lang),
        )
        for c in counted
    )
    notes = _notes(
        scope,
        lang,
        _t(lang, "townhall.notes_energy", coverage=coverage),
        typical,
        _t(lang, "townhall.notes_factors", factors=factors, year=scope.end.year),
        *(
            [_t(lang, "townhall.notes_heat_co2", carriers=_carrier_list(left_out, lang))]
            if left_out
            else []
        ),
        _t(lang, "townhall.notes_krw"),
    )
    return replace(base, numbers=tuple(numbers), chart=chart, footnote=footnote, notes=notes)


def programme_year_view(slide: townhall.ProgrammeYearSlide, lang: str) -> SlideView:
    scope = slide.scope
    ours = _t(lang, "townhall.series_villages", year=scope.year)
    rows = [
        (_stage_label(stage.stage, lang), ours, stage.electricity_pct)
        for stage in slide.stages
        if stage.electricity_pct is not None
    ]
    hidden = [s for s in slide.stages if s.villages and not s.shown]
    # Seoul's published figures cover other villages and years: named, never drawn as bars.
    footnote = " ".join(
        [
            *(
                [
                    _t(
                        lang,
                        "townhall.stage_hidden",
                        n=scope.min_households,
                        stages=", ".join(_stage_label(s.stage, lang) for s in hidden),
                    )
                ]
                if hidden
                else []
            ),
            published_context(lang),
        ]
    )
    combined = ", ".join(
        f"{_stage_label(s.stage, lang)} {format_percent(s.combined_pct, lang)}"
        for s in slide.stages
        if s.combined_pct is not None
    )
    villages = ", ".join(
        _t(lang, "townhall.stage_villages", stage=_stage_label(s.stage, lang), villages=s.villages)
        for s in slide.stages
        if s.villages
    )
    notes = _notes(
        scope,
        lang,
        _t(lang, "townhall.notes_programme_year", year=scope.year),
        villages,
        _t(lang, "townhall.notes_combined", values=combined or "–"),
    )
    base = SlideView(
        key="programme_year",
        title=_t(lang, "townhall.programme_year_title"),
        subtitle=_scope_line(scope, lang),
        footnote=footnote,
        notes=notes,
    )
    if not rows:
        key = "townhall.too_few" if hidden or not scope.shown else "townhall.no_cells"
        return replace(base, message=_t(lang, key, n=scope.min_households))
    chart = charts.programme_year_chart(
        pd.DataFrame(rows, columns=["label", "series", "pct"]),
        series_labels=(ours,),
        x_title=_t(lang, "townhall.programme_year_x"),
        y_title=_t(lang, "townhall.programme_year_y"),
    )
    return replace(base, chart=chart)


def renewables_view(slide: townhall.RenewablesSlide, lang: str) -> SlideView:
    scope = slide.scope
    base = SlideView(
        key="renewables",
        title=_t(lang, "townhall.renewables_title"),
        subtitle=_scope_line(scope, lang),
        notes=_notes(scope, lang, _t(lang, "townhall.notes_renewables")),
    )
    if not slide.shown or slide.generation_kwh is None or slide.capacity_kw is None:
        key = "townhall.too_few" if not scope.shown else "townhall.too_few_generating"
        return replace(base, message=_t(lang, key, n=scope.min_households))
    estimated_share = (
        (slide.estimated_kwh or 0.0) / slide.generation_kwh if slide.generation_kwh else 0.0
    )
    monthly = pd.DataFrame(
        {
            "label": [str(m.month) for m in slide.monthly["month"]],
            "kwh": slide.monthly["metered_kwh"] + slide.monthly["estimated_kwh"],
        }
    )
    return replace(
        base,
        numbers=(
            BigNumber(
                _t(lang, "townhall.capacity"),
                f"{_amount(slide.capacity_kw, lang)} kW",
                _t(
                    lang,
                    "townhall.capacity_caption",
                    n=format_number(slide.households_with_generation, lang),
                ),
            ),
            BigNumber(
                _t(lang, "townhall.generation"),
                f"{_amount(slide.generation_kwh, lang)} kWh",
                _t(
                    lang,
                    "townhall.generation_caption",
                    pct=format_percent(estimated_share, lang, 0),
                ),
            ),
            BigNumber(
                _t(lang, "townhall.self_reliance"),
                format_percent(slide.self_reliance, lang),
                _t(lang, "townhall.self_reliance_caption"),
            ),
        ),
        chart=charts.generation_chart(
            monthly,
            x_title=_t(lang, "townhall.month_x", year=scope.year),
            y_title=_t(lang, "townhall.generation_y"),
        ),
    )


def map_view(slide: townhall.MapSlide, lang: str) -> SlideView:
    scope = slide.scope
    frame = slide.districts.assign(short_en=slide.districts["name_en"].str.removesuffix("-gu"))
    with_villages = int((frame["villages"] > 0).sum())
    return SlideView(
        key="map",
        title=_t(lang, "townhall.map_title"),
        subtitle=_scope_line(scope, lang),
        footnote=f"{_t(lang, 'townhall.map_districts')}: "
        f"{_t(lang, 'townhall.map_districts_value', n=with_villages)}",
        chart_aspect=charts.MAP_ASPECT,
        chart=charts.district_map(
            frame,
            name_column="name_ko" if lang == "ko" else "short_en",
            value_title=_t(lang, "townhall.map_value"),
        ),
        notes=_notes(
            scope,
            lang,
            _t(lang, "townhall.notes_map", date=format_date(_period_end_day(scope), lang)),
        ),
    )


def _counts(
    lang: str, figures: object | None, fields: tuple[tuple[str, str], ...]
) -> tuple[BigNumber, ...]:
    """Big numbers from a later capability's figures (``(label key, attribute)``), or none."""
    if figures is None:
        return ()
    return tuple(
        BigNumber(_t(lang, key), format_number(getattr(figures, attribute), lang))
        for key, attribute in fields
    )


def call_view(slide: townhall.CallSlide, lang: str) -> SlideView:
    fields = (("townhall.applications", "applications"), ("townhall.selected", "selected"))
    return _not_recorded_or(
        "call",
        _t(lang, "townhall.call_title", year=slide.scope.year),
        slide.scope,
        lang,
        _counts(lang, slide.figures, fields),
        "townhall.call_none",
    )


def training_view(slide: townhall.TrainingSlide, lang: str) -> SlideView:
    fields = (
        ("townhall.sessions", "sessions"),
        ("townhall.villages_trained", "villages"),
        ("townhall.participants", "participants"),
    )
    return _not_recorded_or(
        "training",
        _t(lang, "townhall.training_title"),
        slide.scope,
        lang,
        _counts(lang, slide.figures, fields),
        "townhall.training_none",
    )


def organisations_view(slide: townhall.OrganisationsSlide, lang: str) -> SlideView:
    fields = (
        ("townhall.founded", "founded"),
        ("townhall.members", "members"),
        ("townhall.jobs", "jobs"),
    )
    return _not_recorded_or(
        "organisations",
        _t(lang, "townhall.organisations_title"),
        slide.scope,
        lang,
        _counts(lang, slide.figures, fields),
        "townhall.organisations_none",
    )


def _not_recorded_or(
    key: str,
    title: str,
    scope: ScopeInfo,
    lang: str,
    numbers: tuple[BigNumber, ...],
    none_key: str,
) -> SlideView:
    """The figures once a capability records them; until then a plain statement, no number."""
    if numbers:
        return SlideView(key, title, _scope_line(scope, lang), numbers, notes=_notes(scope, lang))
    return SlideView(
        key,
        title,
        _scope_line(scope, lang),
        message=_t(lang, none_key),
        notes=_notes(scope, lang, _t(lang, "townhall.notes_not_recorded")),
    )


def story_views(slide: townhall.StoriesSlide, lang: str) -> list[SlideView]:
    scope = slide.scope
    withheld = (
        [_t(lang, "townhall.notes_withheld", n=scope.min_households, count=slide.withheld)]
        if slide.withheld
        else []
    )
    if not slide.stories:
        return [
            SlideView(
                key="stories",
                title=_t(lang, "townhall.stories_title"),
                subtitle=_scope_line(scope, lang),
                message=_t(lang, "townhall.no_stories"),
                notes=_notes(scope, lang, *withheld),
            )
        ]
    return [
        SlideView(
            key=f"story-{n}",
            title=_t(lang, "townhall.story_title", village=story.village(lang)),
            subtitle=_t(
                lang,
                "townhall.story_facts",
                district=story.district(lang),
                cohort=story.cohort_year,
                n=format_number(story.households, lang),
            ),
            quote=story.quote(lang),
            attribution=f"{story.attribution(lang)}, {story.year}",
            notes=_notes(
                scope,
                lang,
                _t(
                    lang,
                    "townhall.notes_story",
                    year=story.year,
                    attribution=story.attribution(lang),
                ),
                *withheld,
            ),
        )
        for n, story in enumerate(slide.stories, start=1)
    ]


def build_slides(
    actor: Actor,
    filters: TownHallFilter,
    lang: str,
    *,
    today: dt.date | None = None,
    url: str | None = None,
) -> list[SlideView]:
    """Every slide of the town hall, in order, in ``lang`` (each figure from the store)."""
    scope = townhall.scope_info(actor, filters, today=today, url=url)
    return [
        cover(scope, lang),
        glance_view(townhall.glance(actor, filters, today=today, url=url), lang),
        growth_view(townhall.growth(actor, filters, today=today, url=url), lang),
        energy_view(townhall.energy_saved(actor, filters, today=today, url=url), lang),
        programme_year_view(
            townhall.savings_by_programme_year(actor, filters, today=today, url=url), lang
        ),
        renewables_view(townhall.renewables(actor, filters, today=today, url=url), lang),
        map_view(townhall.district_map(actor, filters, today=today, url=url), lang),
        call_view(townhall.annual_call(actor, filters, today=today, url=url), lang),
        training_view(townhall.training(actor, filters, today=today, url=url), lang),
        organisations_view(townhall.organisations(actor, filters, today=today, url=url), lang),
        *story_views(townhall.stories(actor, filters, today=today, url=url), lang),
    ]
