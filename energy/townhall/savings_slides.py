"""The town hall's savings slides: energy saved (every carrier, with the breakdown), the saving
by programme year, renewables and the district map. Figures from :mod:`energy.townhall.figures`;
this module words and formats them (:mod:`energy.townhall.presentation` puts them in order)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from energy.calc import conversions
from energy.calc import townhall_charts as charts
from energy.core.i18n import format_date, format_krw, format_month, format_number, format_percent
from energy.savings.compute import published_context
from energy.townhall import figures as townhall
from energy.townhall.slide_view import (
    BigNumber,
    SlideView,
    amount,
    period_end_day,
    say,
    scope_line,
    stage_label,
    with_scope_notes,
)


def _carrier_list(carriers: Sequence[str], lang: str) -> str:
    return ", ".join(say(lang, f"carrier.{c}") for c in carriers)


def energy_view(slide: townhall.EnergySlide, lang: str) -> SlideView:
    """All carriers' saving in TOE, tCO2 and won, each saying which carriers it covers, and
    beside them each carrier's own saving: never one carrier's kWh beside all carriers'
    money (issue 23)."""
    scope = slide.scope
    base = SlideView(
        key="energy",
        title=say(lang, "townhall.energy_title", year=scope.year),
        subtitle=scope_line(scope, lang),
    )
    report = slide.report
    if report is None:
        message = say(lang, "townhall.too_few", n=scope.min_households)
        return replace(base, message=message, notes=with_scope_notes(scope, lang))
    counted = [c for c in report.carriers if c.cells and c.saving is not None]
    if not counted:
        return replace(
            base, message=say(lang, "townhall.no_cells"), notes=with_scope_notes(scope, lang)
        )
    names = [c.carrier for c in counted]
    in_toe = [c for c in names if c not in report.not_converted.get("saving_toe", ())]
    in_co2 = [c for c in names if c not in report.not_converted.get("saving_tco2", ())]
    left_out = [c for c in names if c not in in_co2 and c != "water"]
    numbers = []
    if report.saving_toe is not None:
        numbers.append(
            BigNumber(
                say(lang, "townhall.toe" if report.saving_toe >= 0 else "townhall.toe_more"),
                f"{amount(abs(report.saving_toe), lang)} TOE",
                say(lang, "townhall.covers", carriers=_carrier_list(in_toe, lang)),
            )
        )
    if report.saving_tco2 is not None:
        caption = say(lang, "townhall.covers", carriers=_carrier_list(in_co2, lang))
        if left_out:  # district heat: no emission factor, said on the slide itself
            caption += " · " + say(
                lang, "townhall.not_counted", carriers=_carrier_list(left_out, lang)
            )
        numbers.append(
            BigNumber(
                say(lang, "townhall.tco2" if report.saving_tco2 >= 0 else "townhall.tco2_more"),
                f"{amount(abs(report.saving_tco2), lang)} tCO2",
                caption,
            )
        )
    if report.saving_krw is not None:
        per_household = round(report.saving_krw / scope.households) if scope.households else None
        numbers.append(
            BigNumber(
                say(lang, "townhall.krw" if report.saving_krw >= 0 else "townhall.krw_more"),
                format_krw(abs(report.saving_krw), lang),
                say(
                    lang,
                    "townhall.krw_caption",
                    krw=format_krw(per_household, lang),
                    carriers=_carrier_list(names, lang),
                )
                + (
                    " · "
                    + say(
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
        amounts = [f"{amount(carrier.saving or 0.0, lang)} {carrier.unit}"]
        if part is not None and part.krw is not None:
            amounts.append(format_krw(conversions.round_krw(part.krw), lang))
        if part is not None and part.tco2 is not None:
            amounts.append(f"{amount(part.tco2, lang)} tCO2")
        rows.append(
            (
                say(lang, f"carrier.{carrier.carrier}"),
                carrier.saving_pct or 0.0,
                " · ".join(amounts),
            )
        )
    chart = charts.carrier_breakdown_chart(
        pd.DataFrame(rows, columns=["label", "pct", "text"]),
        x_title=say(lang, "townhall.breakdown_x"),
    )
    electricity = slide.electricity
    footnote = ""
    equivalent = slide.households_equivalent
    if equivalent is not None and slide.typical_household_kwh is not None and electricity:
        footnote = say(
            lang,
            "townhall.equivalent_line",
            kwh=amount(electricity.saving or 0.0, lang),
            n=format_number(equivalent, lang, 1 if equivalent < 100 else 0),
            typical=format_number(slide.typical_household_kwh, lang),
        )
    typical = (
        say(
            lang,
            "townhall.notes_typical",
            start=format_month(slide.typical_start, lang),
            end=format_month(slide.typical_end, lang),
            n=format_number(slide.typical_households, lang),
            kwh=format_number(slide.typical_household_kwh, lang),
        )
        if slide.typical_household_kwh is not None
        else say(lang, "townhall.notes_typical_none", n=scope.min_households)
    )
    factors = "; ".join(
        f"{f.key} {f.value} {f.unit} ({f.basis}; {f.valid_from.isoformat()}, {f.source})"
        for f in report.factors
    )
    coverage = "; ".join(
        say(
            lang,
            "townhall.notes_coverage",
            carrier=say(lang, f"carrier.{c.carrier}"),
            cells=format_number(c.cells, lang),
            expected=format_number(c.expected_cells, lang),
            coverage=format_percent(c.coverage, lang),
        )
        for c in counted
    )
    notes = with_scope_notes(
        scope,
        lang,
        say(lang, "townhall.notes_energy", coverage=coverage),
        typical,
        say(lang, "townhall.notes_factors", factors=factors, year=scope.end.year),
        *(
            [say(lang, "townhall.notes_heat_co2", carriers=_carrier_list(left_out, lang))]
            if left_out
            else []
        ),
        say(lang, "townhall.notes_krw"),
    )
    return replace(base, numbers=tuple(numbers), chart=chart, footnote=footnote, notes=notes)


def programme_year_view(slide: townhall.ProgrammeYearSlide, lang: str) -> SlideView:
    scope = slide.scope
    ours = say(lang, "townhall.series_villages", year=scope.year)
    rows = [
        (stage_label(stage.stage, lang), ours, stage.electricity_pct)
        for stage in slide.stages
        if stage.electricity_pct is not None
    ]
    hidden = [s for s in slide.stages if s.villages and not s.shown]
    # Seoul's published figures cover other villages and years: named, never drawn as bars.
    footnote = " ".join(
        [
            *(
                [
                    say(
                        lang,
                        "townhall.stage_hidden",
                        n=scope.min_households,
                        stages=", ".join(stage_label(s.stage, lang) for s in hidden),
                    )
                ]
                if hidden
                else []
            ),
            published_context(lang),
        ]
    )
    combined = ", ".join(
        f"{stage_label(s.stage, lang)} {format_percent(s.combined_pct, lang)}"
        for s in slide.stages
        if s.combined_pct is not None
    )
    villages = ", ".join(
        say(lang, "townhall.stage_villages", stage=stage_label(s.stage, lang), villages=s.villages)
        for s in slide.stages
        if s.villages
    )
    notes = with_scope_notes(
        scope,
        lang,
        say(lang, "townhall.notes_programme_year", year=scope.year),
        villages,
        say(lang, "townhall.notes_combined", values=combined or "–"),
    )
    base = SlideView(
        key="programme_year",
        title=say(lang, "townhall.programme_year_title"),
        subtitle=scope_line(scope, lang),
        footnote=footnote,
        notes=notes,
    )
    if not rows:
        key = "townhall.too_few" if hidden or not scope.shown else "townhall.no_cells"
        return replace(base, message=say(lang, key, n=scope.min_households))
    chart = charts.programme_year_chart(
        pd.DataFrame(rows, columns=["label", "series", "pct"]),
        series_labels=(ours,),
        x_title=say(lang, "townhall.programme_year_x"),
        y_title=say(lang, "townhall.programme_year_y"),
    )
    return replace(base, chart=chart)


def renewables_view(slide: townhall.RenewablesSlide, lang: str) -> SlideView:
    scope = slide.scope
    base = SlideView(
        key="renewables",
        title=say(lang, "townhall.renewables_title"),
        subtitle=scope_line(scope, lang),
        notes=with_scope_notes(scope, lang, say(lang, "townhall.notes_renewables")),
    )
    if not slide.shown or slide.generation_kwh is None or slide.capacity_kw is None:
        key = "townhall.too_few" if not scope.shown else "townhall.too_few_generating"
        return replace(base, message=say(lang, key, n=scope.min_households))
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
                say(lang, "townhall.capacity"),
                f"{amount(slide.capacity_kw, lang)} kW",
                say(
                    lang,
                    "townhall.capacity_caption",
                    n=format_number(slide.households_with_generation, lang),
                ),
            ),
            BigNumber(
                say(lang, "townhall.generation"),
                f"{amount(slide.generation_kwh, lang)} kWh",
                say(
                    lang,
                    "townhall.generation_caption",
                    pct=format_percent(estimated_share, lang, 0),
                ),
            ),
            BigNumber(
                say(lang, "townhall.self_reliance"),
                format_percent(slide.self_reliance, lang),
                say(lang, "townhall.self_reliance_caption"),
            ),
        ),
        chart=charts.generation_chart(
            monthly,
            x_title=say(lang, "townhall.month_x", year=scope.year),
            y_title=say(lang, "townhall.generation_y"),
        ),
    )


def map_view(slide: townhall.MapSlide, lang: str) -> SlideView:
    scope = slide.scope
    frame = slide.districts.assign(short_en=slide.districts["name_en"].str.removesuffix("-gu"))
    with_villages = int((frame["villages"] > 0).sum())
    return SlideView(
        key="map",
        title=say(lang, "townhall.map_title"),
        subtitle=scope_line(scope, lang),
        footnote=f"{say(lang, 'townhall.map_districts')}: "
        f"{say(lang, 'townhall.map_districts_value', n=with_villages)}",
        chart_aspect=charts.MAP_ASPECT,
        chart=charts.district_map(
            frame,
            name_column="name_ko" if lang == "ko" else "short_en",
            value_title=say(lang, "townhall.map_value"),
        ),
        notes=with_scope_notes(
            scope,
            lang,
            say(lang, "townhall.notes_map", date=format_date(period_end_day(scope), lang)),
        ),
    )
