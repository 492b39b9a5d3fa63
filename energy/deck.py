"""Town-hall exports: the PowerPoint deck (16:9), the PDF handout and a village's one-page
summary. No Streamlit and no network.

Charts are the screen's Altair charts rendered to PNG by vl-convert (which carries its own
Vega, so nothing is fetched) with Noto Sans CJK from the machine's fonts, so Korean labels are
drawn as Korean. The PDFs embed the same font (fpdf2). Without the font an export stops
with ``error.deck_font_missing`` naming the package to install, rather than drawing boxes.

The deck keeps every text editable: titles are the slides' title placeholders, figures are
text boxes, and the speaker notes say where each figure comes from.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pandas as pd
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from energy import presentation, townhall
from energy.access import Actor
from energy.charts import comparison_chart
from energy.errors import EnergyError, InvalidInput
from energy.i18n import format_date, format_krw, format_month, format_number, format_percent
from energy.i18n import translate as _translate
from energy.presentation import SlideView
from energy.townhall import TownHallFilter

# Where Debian's fonts-noto-cjk (and other distributions' packages) put Noto Sans CJK.
FONT_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/share/fonts/google-noto-cjk"),
    Path("/usr/share/fonts/opentype/noto-cjk"),
)
FONT_FILES = {"": "NotoSansCJK-Regular.ttc", "B": "NotoSansCJK-Bold.ttc"}
FONT_FAMILY = "Noto Sans CJK KR"  # the Korean face of the collection

# 16:9 at PowerPoint's own widescreen size (13.333 x 7.5 in).
SLIDE_WIDTH = Emu(12_192_000)
SLIDE_HEIGHT = Emu(6_858_000)
MARGIN = Inches(0.6)
INK = RGBColor(0x22, 0x22, 0x22)  # type: ignore[no-untyped-call]
MUTED = RGBColor(0x59, 0x59, 0x59)  # type: ignore[no-untyped-call]
GREEN = RGBColor(0x00, 0x6B, 0x4F)  # type: ignore[no-untyped-call]  # chart green, darker
PANEL = RGBColor(0xF2, 0xF2, 0xF2)  # type: ignore[no-untyped-call]
CHART_PX_WIDTH = 1100  # Vega's plot width; the picture is scaled to the slide, never stretched
CHART_SCALE = 2.0
MAP_PX_HEIGHT = 520  # a chart of fixed proportions (the map) is drawn at least this tall
NUMBERS_PER_ROW = 3


# --- fonts and chart pictures -----------------------------------------------------------------


def font_files() -> dict[str, Path]:
    """Regular and bold Noto Sans CJK collections, or ``error.deck_font_missing``."""
    for folder in FONT_DIRS:
        found = {style: folder / name for style, name in FONT_FILES.items()}
        if all(path.is_file() for path in found.values()):
            return found
    raise EnergyError("error.deck_font_missing", path=str(FONT_DIRS[0] / FONT_FILES[""]))


def _korean_face(path: Path) -> int:
    """The index of the Korean face inside a font collection (.ttc)."""
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(path), lazy=True)
    try:
        for index, font in enumerate(collection.fonts):
            if font["name"].getDebugName(1) == FONT_FAMILY:
                return index
    finally:
        collection.close()
    raise EnergyError("error.deck_font_missing", path=str(path))


_vl_lock = threading.Lock()
_vl_fonts_registered = False


def chart_png(chart: Any, *, width: int = CHART_PX_WIDTH, height: int = 420) -> bytes:
    """An Altair chart as a PNG, rendered offline with the Korean font."""
    import vl_convert

    global _vl_fonts_registered
    folder = font_files()[""].parent
    spec = chart.properties(width=width, height=height).to_dict()
    spec.setdefault("config", {})["font"] = FONT_FAMILY
    spec["background"] = "white"
    with _vl_lock:
        if not _vl_fonts_registered:
            vl_convert.register_font_directory(str(folder))
            _vl_fonts_registered = True
        png: bytes = vl_convert.vegalite_to_png(spec, scale=CHART_SCALE)
    return _opaque(png)


def _opaque(png: bytes) -> bytes:
    """The PNG without its alpha channel: PDF viewers draw a soft mask as a grey veil."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        out = io.BytesIO()
        image.convert("RGB").save(out, format="PNG", optimize=True)
    return out.getvalue()


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels, read from the PNG header."""
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


def _fit(png: bytes, box_width: int, box_height: int) -> tuple[int, int]:
    """The largest (width, height) with the picture's proportions that fits the box."""
    px_width, px_height = png_size(png)
    scale = min(box_width / px_width, box_height / px_height)
    return int(px_width * scale), int(px_height * scale)


# --- PowerPoint -------------------------------------------------------------------------------


def _style(run: Any, size: float, *, bold: bool = False, colour: RGBColor = INK) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = colour


def _text_box(
    slide: Any,
    left: int,
    top: int,
    width: int,
    height: int,
    lines: Sequence[tuple[str, float, bool, RGBColor]],
    *,
    align: Any = PP_ALIGN.LEFT,
    anchor: Any = MSO_ANCHOR.TOP,
) -> Any:
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for n, (text, size, bold, colour) in enumerate(lines):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = text
        _style(run, size, bold=bold, colour=colour)
    return box


def _value_size(value: str, *, roomy: bool) -> int:
    """Point size that keeps a figure on one line in a third of the slide (larger when the
    figures have the slide to themselves)."""
    size = 40 if len(value) <= 8 else 34 if len(value) <= 11 else 28
    return size + 4 if roomy else size


def _numbers(
    slide: Any, numbers: Sequence[presentation.BigNumber], top: int, *, bottom: int | None = None
) -> int:
    """Rows of big numbers from ``top``; returns where the next thing may start. With
    ``bottom`` the rows spread over the space down to it (a slide of figures only)."""
    inner = SLIDE_WIDTH - 2 * MARGIN
    rows = -(-len(numbers) // NUMBERS_PER_ROW)
    row_height: int = Inches(1.45)
    if bottom is not None:
        row_height = min(int((bottom - top) / max(rows, 1)), Inches(2.2))
    # One grid for every row, so that a second row lines up under the first.
    width = int(inner / min(max(len(numbers), 1), NUMBERS_PER_ROW))
    for start in range(0, len(numbers), NUMBERS_PER_ROW):
        row = numbers[start : start + NUMBERS_PER_ROW]
        for n, number in enumerate(row):
            value = (
                (number.value, 28, False, MUTED)
                if number.missing
                else (
                    number.value,
                    _value_size(number.value, roomy=bottom is not None),
                    True,
                    GREEN,
                )
            )
            lines = [(number.label, 16, False, MUTED), value]
            if number.caption:
                lines.append((number.caption, 13, False, MUTED))
            _text_box(slide, MARGIN + n * width, top, width - Inches(0.2), row_height, lines)
        top += row_height
    return top


def _add_slide(prs: Any, view: SlideView, number: int, footer: str) -> None:
    if view.key == "cover":
        slide = prs.slides.add_slide(prs.slide_layouts[0])
        slide.shapes.title.text = view.title
        slide.shapes.title.left, slide.shapes.title.top = MARGIN, Inches(2.2)
        slide.shapes.title.width, slide.shapes.title.height = SLIDE_WIDTH - 2 * MARGIN, Inches(1.5)
        for paragraph in slide.shapes.title.text_frame.paragraphs:
            for run in paragraph.runs:
                _style(run, 48, bold=True, colour=GREEN)
        subtitle = slide.placeholders[1]
        subtitle.left, subtitle.top = MARGIN, Inches(3.9)
        subtitle.width, subtitle.height = SLIDE_WIDTH - 2 * MARGIN, Inches(1.4)
        subtitle.text = view.subtitle
        paragraph = subtitle.text_frame.add_paragraph()
        paragraph.text = view.footnote
        for paragraph in subtitle.text_frame.paragraphs:
            for run in paragraph.runs:
                _style(run, 24, colour=MUTED)
        slide.notes_slide.notes_text_frame.text = view.notes
        return
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only": an editable title
    title = slide.shapes.title
    title.left, title.top = MARGIN, Inches(0.3)
    title.width, title.height = SLIDE_WIDTH - 2 * MARGIN, Inches(0.9)
    title.text = view.title
    title.text_frame.word_wrap = True
    for paragraph in title.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            _style(run, 36, bold=True)
    inner = SLIDE_WIDTH - 2 * MARGIN
    _text_box(slide, MARGIN, Inches(1.15), inner, Inches(0.45), [(view.subtitle, 16, False, MUTED)])
    top: int = Inches(1.75)
    bottom = SLIDE_HEIGHT - Inches(0.55 if not view.footnote else 0.95)
    if view.numbers:
        alone = view.chart is None and not view.quote and not view.message
        top = _numbers(slide, view.numbers, top, bottom=bottom if alone else None)
    if view.chart is not None:
        box_width, box_height = inner, bottom - top - Inches(0.1)
        # The plot's pixel size follows the free box; axes and legend add about 100 px.
        plot_height = max(int(CHART_PX_WIDTH * box_height / box_width) - 100, 220)
        plot_width = CHART_PX_WIDTH
        if view.chart_aspect:
            # Drawn at its own size and scaled as a picture, so labels keep to their tiles.
            plot_height = max(plot_height, MAP_PX_HEIGHT)
            plot_width = int(plot_height * view.chart_aspect)
        png = chart_png(view.chart, width=plot_width, height=plot_height)
        width, height = _fit(png, box_width, box_height)
        slide.shapes.add_picture(
            io.BytesIO(png), MARGIN + (inner - width) // 2, top, width=width, height=height
        )
    if view.quote:
        _text_box(
            slide,
            MARGIN + Inches(0.4),
            Inches(2.0),
            inner - Inches(0.8),
            Inches(3.2),
            [(f"“{view.quote}”", 32, False, INK)],
            anchor=MSO_ANCHOR.MIDDLE,
        )
        _text_box(
            slide,
            MARGIN,
            Inches(5.4),
            inner - Inches(0.4),
            Inches(0.6),
            [(f"— {view.attribution}", 20, False, MUTED)],
            align=PP_ALIGN.RIGHT,
        )
    if view.message:
        panel = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE,
            MARGIN + Inches(0.8),
            max(top, Inches(2.4)),
            inner - Inches(1.6),
            Inches(2.0),
        )
        panel.fill.solid()
        panel.fill.fore_color.rgb = PANEL
        panel.line.fill.background()
        frame = panel.text_frame
        frame.word_wrap = True
        frame.text = view.message
        for paragraph in frame.paragraphs:
            paragraph.alignment = PP_ALIGN.CENTER
            for run in paragraph.runs:
                _style(run, 28, colour=INK)
    if view.footnote:
        _text_box(
            slide,
            MARGIN,
            SLIDE_HEIGHT - Inches(0.95),
            inner,
            Inches(0.4),
            [(view.footnote, 14, False, MUTED)],
        )
    _text_box(
        slide,
        MARGIN,
        SLIDE_HEIGHT - Inches(0.5),
        inner,
        Inches(0.35),
        [(f"{footer}   {number}", 11, False, MUTED)],
        align=PP_ALIGN.RIGHT,
    )
    slide.notes_slide.notes_text_frame.text = view.notes


def build_pptx(slides: Sequence[SlideView], *, footer: str) -> bytes:
    """A 16:9 deck: one slide per view, titles and figures editable, charts as pictures."""
    font_files()  # a deck with unreadable chart labels is worse than a clear error
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    for number, view in enumerate(slides, start=1):
        _add_slide(prs, view, number, footer)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# --- PDF --------------------------------------------------------------------------------------


class _Pdf(FPDF):
    """fpdf2 with the Korean font registered as "noto" (regular and bold)."""

    def __init__(self, orientation: str) -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        files = font_files()
        for style, path in files.items():
            self.add_font("noto", style, str(path), collection_font_number=_korean_face(path))
        self.set_auto_page_break(False)
        self.set_margins(14, 12, 14)
        self.set_text_color(0x22, 0x22, 0x22)

    def line_of(
        self,
        text: str,
        size: float,
        *,
        bold: bool = False,
        grey: bool = False,
        align: str = "L",
        height: float | None = None,
    ) -> None:
        self.set_font("noto", "B" if bold else "", size)
        self.set_text_color(*((0x59, 0x59, 0x59) if grey else (0x22, 0x22, 0x22)))
        self.multi_cell(
            0, height or size * 0.5, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def text_height(self, text: str, size: float, width: float) -> float:
        self.set_font("noto", "", size)
        lines = cast(
            list[str], self.multi_cell(width, size * 0.45, text, dry_run=True, output="LINES")
        )
        return float(len(lines) * size * 0.45)


def _pdf_numbers(pdf: _Pdf, numbers: Sequence[presentation.BigNumber]) -> None:
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


def _pdf_page(pdf: _Pdf, view: SlideView, number: int, footer: str, notes_heading: str) -> None:
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
        width, height = _fit(png, int(inner * 100), int(box_height * 100))
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


def build_handout(slides: Sequence[SlideView], *, footer: str, notes_heading: str) -> bytes:
    """A landscape A4 handout: one page per slide, with its notes under it."""
    pdf = _Pdf("landscape")
    for number, view in enumerate(slides, start=1):
        _pdf_page(pdf, view, number, footer, notes_heading)
    return bytes(pdf.output())


def build_village_pdf(sheet: townhall.VillageSheet, *, lang: str) -> bytes:
    """One village on one portrait A4 page: facts, savings with coverage, solar, its words."""

    def t(key: str, **params: object) -> str:
        return _translate(key, lang, **params)

    scope = sheet.scope
    stage = t("stage.graduated") if sheet.stage == "graduated" else t("stage.year", n=sheet.stage)
    pdf = _Pdf("portrait")
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
        width, height = _fit(png, int(inner * 100), 7000)
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


# --- what the page and the command line call --------------------------------------------------


def _footer(filters: TownHallFilter, lang: str) -> str:
    return _translate("townhall.page_footer", lang, year=filters.year)


def deck_pptx(
    actor: Actor,
    filters: TownHallFilter,
    *,
    lang: str,
    today: dt.date | None = None,
    url: str | None = None,
) -> bytes:
    slides = presentation.build_slides(actor, filters, lang, today=today, url=url)
    return build_pptx(slides, footer=_footer(filters, lang))


def handout_pdf(
    actor: Actor,
    filters: TownHallFilter,
    *,
    lang: str,
    today: dt.date | None = None,
    url: str | None = None,
) -> bytes:
    slides = presentation.build_slides(actor, filters, lang, today=today, url=url)
    heading = _translate("townhall.notes_heading", lang)
    return build_handout(slides, footer=_footer(filters, lang), notes_heading=heading)


def village_summary_pdf(
    actor: Actor,
    code: str,
    *,
    year: int,
    lang: str,
    min_households: int = townhall.MIN_HOUSEHOLDS,
    today: dt.date | None = None,
    url: str | None = None,
) -> bytes:
    sheet = townhall.village_sheet(
        actor, code, year=year, min_households=min_households, today=today, url=url
    )
    return build_village_pdf(sheet, lang=lang)


@dataclass(frozen=True)
class Export:
    path: Path
    kind: str  # "deck", "handout" or "village"
    pages: int


def export_kind(path: Path, *, village: str | None) -> str:
    """What a file name asks for, or ``InvalidInput`` (checked before any work is done)."""
    suffix = path.suffix.lower()
    if village is not None:
        if suffix != ".pdf":
            raise InvalidInput("error.deck_village_pdf", field="out", name=path.name)
        return "village"
    if suffix == ".pptx":
        return "deck"
    if suffix == ".pdf":
        return "handout"
    raise InvalidInput("error.deck_format", field="out", name=path.name)


def write_export(
    actor: Actor,
    path: Path,
    *,
    year: int,
    lang: str,
    district: str | None = None,
    village: str | None = None,
    today: dt.date | None = None,
    url: str | None = None,
) -> Export:
    """Write the deck (``.pptx``), the handout (``.pdf``) or, with ``village``, that village's
    one-page summary (``.pdf``) to ``path``."""
    kind = export_kind(path, village=village)
    filters = TownHallFilter(year=year, district=district)
    if kind == "village":
        assert village is not None
        data = village_summary_pdf(actor, village, year=year, lang=lang, today=today, url=url)
        pages = 1
    else:
        slides = presentation.build_slides(actor, filters, lang, today=today, url=url)
        footer = _footer(filters, lang)
        if kind == "deck":
            data = build_pptx(slides, footer=footer)
        else:
            heading = _translate("townhall.notes_heading", lang)
            data = build_handout(slides, footer=footer, notes_heading=heading)
        pages = len(slides)
    path.write_bytes(data)
    return Export(path, kind, pages)
