"""The PDF handout and a village's one-page summary (fpdf2, the Korean font embedded)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence

import pandas as pd
from fpdf.enums import XPos, YPos

from energy.calc.charts import comparison_chart
from energy.core.i18n import format_date, format_krw, format_month, format_number, format_percent
from energy.core.i18n import translate as _translate
from energy.documents.chart_pictures import (
    CHART_PX_WIDTH,
    MAP_PX_HEIGHT,
    NUMBERS_PER_ROW,
    chart_png,
    fit,
    font_files,
)
from energy.documents.pdf import Pdf
from energy.townhall import figures as townhall
from energy.townhall import presentation
from energy.townhall.presentation import SlideView


def _pdf_numbers(pdf: Pdf, numbers: Sequence[presentation.BigNumber]) -> None:
    inner = pdf.w - pdf.l_margin - pdf.r_margin
    width = inner / min(max(len(numbers), 1), NUMBERS_PER_ROW)
    for start in range(0, len(numbers), NUMBERS_PER_ROW):
        row = numbers[start : start + NUMBERS_PER_ROW]
        top = pdf.get_y()
        for n, number in enumerate(row):
            x = pdf.l_margin + n * width
            pdf.set_xy(x, top)
            pdf.set_font("noto", "", 10)
            pdf.set_text_color(0x59, 0x59, 0x59)
            pdf.multi_cell(width - 4, 5, number.label, new_x=XPos.LEFT, new_y=YPos.NEXT)
            if number.missing:
                pdf.set_font("noto", "", 16)
                pdf.set_text_color(0x59, 0x59, 0x59)
            else:
                pdf.set_font("noto", "B", 22)
                pdf.set_text_color(0x00, 0x6B, 0x4F)
            pdf.multi_cell(width - 4, 10, number.value, new_x=XPos.LEFT, new_y=YPos.NEXT)
            if number.caption:
                pdf.set_font("noto", "", 9)
                pdf.set_text_color(0x59, 0x59, 0x59)
                pdf.multi_cell(width - 4, 4.5, number.caption, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_xy(pdf.l_margin, top + 24)


def _pdf_page(pdf: Pdf, view: SlideView, number: int, footer: str, notes_heading: str) -> None:
    pdf.add_page()
    inner = pdf.w - pdf.l_margin - pdf.r_margin
    if view.key == "cover":
        pdf.set_y(70)
        pdf.line_of(view.title, 32, bold=True, align="C", height=16)
        pdf.line_of(view.subtitle, 18, grey=True, align="C", height=11)
        pdf.line_of(view.footnote, 14, grey=True, align="C", height=9)
    else:
        pdf.line_of(view.title, 22, bold=True, height=11)
        pdf.line_of(view.subtitle, 11, grey=True, height=6)
        pdf.ln(3)
        if view.numbers:
            _pdf_numbers(pdf, view.numbers)
    notes_height = pdf.text_height(view.notes, 8, inner) + 8
    bottom = pdf.h - 12 - notes_height
    if view.chart is not None:
        box_height = bottom - pdf.get_y() - (8 if view.footnote else 2)
        plot_height = max(int(CHART_PX_WIDTH * box_height / inner) - 100, 220)
        plot_width = CHART_PX_WIDTH
        if view.chart_aspect:
            # Drawn at its own size and scaled as a picture, so labels keep to their tiles.
            plot_height = max(plot_height, MAP_PX_HEIGHT)
            plot_width = int(plot_height * view.chart_aspect)
        png = chart_png(view.chart, width=plot_width, height=plot_height)
        width, height = fit(png, int(inner * 100), int(box_height * 100))
        pdf.image(
            io.BytesIO(png),
            x=pdf.l_margin + (inner - width / 100) / 2,
            y=pdf.get_y(),
            w=width / 100,
            h=height / 100,
        )
        pdf.set_y(pdf.get_y() + height / 100 + 2)
    if view.quote:
        pdf.ln(10)
        pdf.line_of(f"“{view.quote}”", 20, height=10)
        pdf.ln(4)
        pdf.line_of(f"— {view.attribution}", 12, grey=True, align="R", height=7)
    if view.message:
        pdf.ln(12)
        pdf.set_fill_color(0xF2, 0xF2, 0xF2)
        pdf.set_font("noto", "", 15)
        pdf.multi_cell(
            0, 9, view.message, align="C", fill=True, padding=6, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    if view.footnote and view.key != "cover":
        pdf.line_of(view.footnote, 10, grey=True, height=5)
    if view.notes:
        pdf.set_y(bottom)
        pdf.set_draw_color(0xBB, 0xBB, 0xBB)
        pdf.line(pdf.l_margin, bottom, pdf.w - pdf.r_margin, bottom)
        pdf.ln(1.5)
        pdf.line_of(notes_heading, 8, bold=True, grey=True, height=4.5)
        pdf.line_of(view.notes, 8, grey=True, height=3.6)
    pdf.set_y(pdf.h - 9)
    pdf.line_of(f"{footer}   {number}", 8, grey=True, align="R", height=4)


def build_handout(
    slides: Sequence[SlideView],
    *,
    footer: str,
    notes_heading: str,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """A landscape A4 handout: one page per slide, with its notes under it. ``progress``
    hears (pages done, pages + 1) after each page and once the file is written."""
    font_files()  # its charts' labels need the machine's font, as the deck's do: a clear error
    report = progress or (lambda done, total: None)
    pdf = Pdf("landscape")
    for number, view in enumerate(slides, start=1):
        _pdf_page(pdf, view, number, footer, notes_heading)
        report(number, len(slides) + 1)
    out = bytes(pdf.output())
    report(len(slides) + 1, len(slides) + 1)
    return out


def build_village_pdf(sheet: townhall.VillageSheet, *, lang: str) -> bytes:
    """One village on one portrait A4 page: facts, savings with coverage, solar, its words."""

    def t(key: str, **params: object) -> str:
        return _translate(key, lang, **params)

    scope = sheet.scope
    stage = t("stage.graduated") if sheet.stage == "graduated" else t("stage.year", n=sheet.stage)
    pdf = Pdf("portrait")
    pdf.add_page()
    pdf.line_of(
        t("townhall.sheet_title", village=sheet.display_name(lang), year=scope.year),
        20,
        bold=True,
        height=10,
    )
    pdf.line_of(
        t(
            "townhall.sheet_facts",
            district=scope.district_name(lang) or "",
            cohort=sheet.cohort_year,
            stage=stage,
            n=format_number(sheet.households, lang),
        ),
        11,
        grey=True,
        height=6,
    )
    pdf.line_of(
        t(
            "townhall.period",
            start=format_month(scope.start, lang),
            end=format_month(scope.end, lang),
        ),
        11,
        grey=True,
        height=6,
    )
    pdf.ln(6)
    pdf.line_of(t("townhall.sheet_savings"), 14, bold=True, height=8)
    for carrier in sheet.report.carriers:
        if carrier.expected_cells == 0:
            continue
        name = t(f"carrier.{carrier.carrier}")
        more = (carrier.saving or 0.0) < 0
        line = (
            t(
                "townhall.sheet_carrier_more" if more else "townhall.sheet_carrier_line",
                carrier=name,
                pct=format_percent(abs(carrier.saving_pct or 0.0), lang),
                saving=format_number(abs(carrier.saving or 0.0), lang),
                unit=carrier.unit,
                coverage=format_percent(carrier.coverage, lang),
            )
            if carrier.cells
            else t("townhall.sheet_no_cells", carrier=name)
        )
        pdf.line_of(line, 11, height=6.5)
    report = sheet.report
    totals = [
        f"{t('townhall.toe')}: {format_number(report.saving_toe, lang, 2)} TOE",
        f"{t('townhall.tco2')}: {format_number(report.saving_tco2, lang, 2)} tCO2",
        f"{t('townhall.krw')}: {format_krw(report.saving_krw, lang)}",
    ]
    pdf.line_of(" · ".join(totals), 11, bold=True, height=7)
    left_out = [c for c in report.not_converted.get("saving_tco2", ()) if c != "water"]
    if left_out:  # district heat has no emission factor: the sheet says so, as the slide does
        carriers = ", ".join(t(f"carrier.{c}") for c in left_out)
        pdf.line_of(t("townhall.notes_heat_co2", carriers=carriers), 9, height=5)
    if not sheet.electricity_by_month.empty:
        chart = (
            comparison_chart(
                sheet.electricity_by_month.assign(
                    month=pd.to_datetime(sheet.electricity_by_month["month"])
                ),
                series_labels={"baseline": t("savings.baseline"), "actual": t("savings.actual")},
                x_title=t("report.month"),
                y_title=f"{t('carrier.electricity')} (kWh)",
            )
            .configure_axis(labelFontSize=14, titleFontSize=15)
            .configure_legend(labelFontSize=15)
        )
        png = chart_png(chart, width=760, height=260)
        inner = pdf.w - pdf.l_margin - pdf.r_margin
        width, height = fit(png, int(inner * 100), 7000)
        pdf.ln(2)
        pdf.image(io.BytesIO(png), x=pdf.l_margin, y=pdf.get_y(), w=width / 100, h=height / 100)
        pdf.set_y(pdf.get_y() + height / 100)
    pdf.ln(5)
    pdf.line_of(t("townhall.sheet_generation"), 14, bold=True, height=8)
    share = sheet.estimated_kwh / sheet.generation_kwh if sheet.generation_kwh else 0.0
    pdf.line_of(
        f"{t('townhall.capacity')}: {format_number(sheet.capacity_kw, lang, 2)} kW · "
        f"{t('townhall.generation')}: {format_number(sheet.generation_kwh, lang)} kWh "
        f"({t('townhall.generation_caption', pct=format_percent(share, lang, 0))})",
        11,
        height=6.5,
    )
    if sheet.stories:
        pdf.ln(5)
        pdf.line_of(t("townhall.sheet_stories"), 14, bold=True, height=8)
        for story in sheet.stories:
            pdf.line_of(f"“{story.quote(lang)}”", 13, height=7)
            pdf.line_of(
                f"— {story.attribution(lang)}, {story.year}", 10, grey=True, align="R", height=6
            )
            pdf.ln(2)
    pdf.set_y(pdf.h - 30)
    pdf.line_of(t("townhall.notes_privacy", n=scope.min_households), 8, grey=True, height=4)
    factors = "; ".join(
        f"{f.key} {f.value} {f.unit} ({f.valid_from.isoformat()})" for f in report.factors
    )
    pdf.line_of(t("townhall.notes_factors", factors=factors), 8, grey=True, height=4)
    pdf.line_of(format_date(dt.date.today(), lang), 8, grey=True, align="R", height=4)
    return bytes(pdf.output())
