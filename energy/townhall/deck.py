"""Town-hall exports: the PowerPoint deck (16:9), the PDF handout and a village's one-page
summary. No Streamlit and no network.

Charts are the screen's Altair charts rendered to PNG by vl-convert (which carries its own
Vega, so nothing is fetched) with Noto Sans CJK from the machine's fonts, so Korean labels are
drawn as Korean. The PDFs embed the same face, cut down and committed with the code
(``energy.documents.font_subset``). Without the machine's font an export stops with
``error.deck_font_missing`` naming the package to install, rather than drawing boxes.

The deck keeps every text editable: titles are the slides' title placeholders, figures are
text boxes, and the speaker notes say where each figure comes from.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from energy.core.access import Actor
from energy.core.errors import InvalidInput
from energy.core.i18n import translate as _translate
from energy.core.output import safe_output_path, write_atomically
from energy.documents.chart_pictures import (
    CHART_PX_WIDTH,
    GREEN,
    INK,
    MAP_PX_HEIGHT,
    MARGIN,
    MUTED,
    NUMBERS_PER_ROW,
    PANEL,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    chart_png,
    fit,
    font_files,
    png_size,
)
from energy.townhall import figures as townhall
from energy.townhall import presentation
from energy.townhall.figures import TownHallFilter
from energy.townhall.handout import build_handout, build_village_pdf
from energy.townhall.presentation import SlideView

# Callers and tests reach the exports through this module.
__all__ = [
    "build_handout",
    "build_pptx",
    "build_village_pdf",
    "deck_pptx",
    "export_kind",
    "font_files",
    "handout_pdf",
    "png_size",
    "village_summary_pdf",
    "write_export",
]


# --- PowerPoint -------------------------------------------------------------------------------


Progress = Callable[[int, int], None]  # (steps done, steps in all) as an export is built


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
        width, height = fit(png, box_width, box_height)
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


def build_pptx(
    slides: Sequence[SlideView], *, footer: str, progress: Progress | None = None
) -> bytes:
    """A 16:9 deck: one slide per view, titles and figures editable, charts as pictures.
    ``progress`` hears (slides done, slides + 1) after each slide and once it is saved."""
    font_files()  # a deck with unreadable chart labels is worse than a clear error
    report = progress or (lambda done, total: None)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    for number, view in enumerate(slides, start=1):
        _add_slide(prs, view, number, footer)
        report(number, len(slides) + 1)
    out = io.BytesIO()
    prs.save(out)
    report(len(slides) + 1, len(slides) + 1)
    return out.getvalue()


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
    progress: Progress | None = None,
) -> bytes:
    slides = presentation.build_slides(actor, filters, lang, today=today, url=url)
    return build_pptx(slides, footer=_footer(filters, lang), progress=progress)


def handout_pdf(
    actor: Actor,
    filters: TownHallFilter,
    *,
    lang: str,
    today: dt.date | None = None,
    url: str | None = None,
    progress: Progress | None = None,
) -> bytes:
    slides = presentation.build_slides(actor, filters, lang, today=today, url=url)
    heading = _translate("townhall.notes_heading", lang)
    return build_handout(
        slides, footer=_footer(filters, lang), notes_heading=heading, progress=progress
    )


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
    safe_output_path(path, (".pdf",) if kind != "deck" else (".pptx",), url)
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
    safe_output_path(path, (".pdf",) if kind != "deck" else (".pptx",), url)
    write_atomically(path, data, store_url=url)
    return Export(path, kind, pages)
