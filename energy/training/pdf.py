"""Printable training papers (fpdf2, the Korean font embedded): a session's sign-in sheet and
a village's bilingual completion certificate."""

from __future__ import annotations

import datetime as dt

from fpdf.enums import XPos, YPos

from energy.core.access import Actor, require_village
from energy.core.errors import InvalidInput, NotFound
from energy.core.i18n import SEOUL, format_date, translate
from energy.documents.pdf import Pdf
from energy.store.db import session_for
from energy.store.models.villages import Village
from energy.training.attendance import AttendanceSheet, attendance_sheet
from energy.training.completion import training_completion

GREEN = (0x00, 0x6B, 0x4F)
INK = (0x22, 0x22, 0x22)
GREY = (0x59, 0x59, 0x59)
# Sheet columns (mm on A4 portrait): number, name, village, role, then a box per status.
SHEET_COLUMNS = (8, 34, 40, 16)
STATUS_BOX = 14  # four boxes; the signature takes the rest (about 30 mm)
ROW_HEIGHT = 9.0
BLANK_ROWS = 4  # for residents who are not on the list yet


def _sheet_header(pdf: Pdf, sheet: AttendanceSheet, lang: str) -> None:
    s = sheet.session
    pdf.line_of(translate("sheet.title", lang), 18, bold=True, height=10)
    pdf.line_of(f"{s.title(lang)} ({s.module_code})", 12, bold=True, height=7)
    when = f"{format_date(s.local_start.date(), lang)} {s.local_start:%H:%M}-{s.local_end:%H:%M}"
    pdf.line_of(
        translate("sheet.details", lang, when=when, venue=s.venue_name, trainer=s.trainer_name),
        10, grey=True, height=6,
    )  # fmt: skip
    pdf.line_of(translate("sheet.how_to", lang), 9, grey=True, height=5)
    pdf.ln(2)


def _sheet_table_head(pdf: Pdf, lang: str) -> None:
    pdf.set_font("noto", "B", 8)
    pdf.set_fill_color(0xE8, 0xF3, 0xEF)
    pdf.set_text_color(*INK)
    labels = [
        "#",
        translate("field.person", lang),
        translate("field.village", lang),
        translate("field.role", lang),
    ]
    for width, label in zip(SHEET_COLUMNS, labels, strict=True):
        pdf.cell(width, ROW_HEIGHT, label, border=1, align="C", fill=True)
    for status, letter in (("present", "P"), ("late", "L"), ("excused", "E"), ("absent", "A")):
        x, y = pdf.get_x(), pdf.get_y()
        pdf.cell(STATUS_BOX, ROW_HEIGHT / 2, translate(f"attendance.{status}", lang), border="LTR",
                 align="C", fill=True)  # fmt: skip
        pdf.set_xy(x, y + ROW_HEIGHT / 2)
        pdf.cell(STATUS_BOX, ROW_HEIGHT / 2, letter, border="LBR", align="C", fill=True)
        pdf.set_xy(x + STATUS_BOX, y)
    pdf.cell(0, ROW_HEIGHT, translate("sheet.signature", lang), border=1, align="C", fill=True,
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip


def _sheet_row(pdf: Pdf, cells: tuple[str, str, str, str], mark: str | None) -> None:
    pdf.set_font("noto", "", 9)
    for width, text in zip(SHEET_COLUMNS, cells, strict=True):
        pdf.cell(width, ROW_HEIGHT, text, border=1, align="C" if width <= 20 else "L")
    for status in ("present", "late", "excused", "absent"):
        pdf.cell(STATUS_BOX, ROW_HEIGHT, "✓" if mark == status else "", border=1, align="C")
    pdf.cell(0, ROW_HEIGHT, "", border=1, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def sign_in_sheet_pdf(
    actor: Actor, session_id: int, *, lang: str = "ko", url: str | None = None
) -> bytes:
    """The session's sign-in sheet: one numbered row per participant (the order the letters
    are typed back in), a box per status, room to sign, and blank rows for newcomers."""
    sheet = attendance_sheet(actor, session_id, url=url)
    pdf = Pdf("P")
    pdf.set_title(translate("sheet.title", lang))
    rows = [
        (
            (str(r.number), r.name, r.village_name, translate(f"participant_role.{r.role}", lang)),
            r.status,
        )
        for r in sheet.rows
    ] + [(("", "", "", ""), None)] * BLANK_ROWS
    bottom = pdf.h - 16
    pdf.add_page()
    _sheet_header(pdf, sheet, lang)
    _sheet_table_head(pdf, lang)
    for cells, mark in rows:
        if pdf.get_y() + ROW_HEIGHT > bottom:
            pdf.add_page()
            _sheet_table_head(pdf, lang)
        _sheet_row(pdf, cells, mark)
    pdf.ln(4)
    pdf.line_of(translate("sheet.footer", lang, n=len(sheet.rows)), 8, grey=True, height=4)
    return bytes(pdf.output())


def certificate_pdf(
    actor: Actor, village_id: int, *, today: dt.date | None = None, url: str | None = None
) -> bytes:
    """The village's completion certificate, in Korean and English on one page, issued
    ``today`` (default: today in Seoul, not on the server's clock)."""
    require_village(actor, village_id, "training.read")
    completion = training_completion(actor, village_id, url=url)
    if completion is None:
        raise InvalidInput("error.not_completed", field="village")
    with session_for(actor, url=url) as session:
        village = session.get(Village, village_id)
        if village is None:
            raise NotFound("error.unknown_village", code=str(village_id))
        name_ko, name_en, code = village.name, village.name_en or village.name, village.code
    pdf = Pdf("L")
    pdf.set_title(translate("certificate.title", "en"))
    pdf.add_page()
    pdf.set_draw_color(*GREEN)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, pdf.w - 16, pdf.h - 16)
    pdf.set_line_width(0.3)
    pdf.rect(11, 11, pdf.w - 22, pdf.h - 22)
    pdf.set_y(24)
    pdf.set_text_color(*GREEN)
    pdf.line_of(translate("certificate.title", "ko"), 30, bold=True, align="C", height=14)
    pdf.line_of(translate("certificate.title", "en"), 16, grey=True, align="C", height=9)
    pdf.ln(6)
    pdf.line_of(f"{name_ko}  ·  {name_en}", 22, bold=True, align="C", height=12)
    pdf.line_of(f"({code})", 11, grey=True, align="C", height=6)
    pdf.ln(4)
    done = completion.completed_on
    for lang, size in (("ko", 12), ("en", 10)):
        pdf.set_x(36)
        pdf.set_font("noto", "", size)
        pdf.set_text_color(*(INK if lang == "ko" else GREY))
        body = translate("certificate.body", lang, modules=len(completion.modules),
                         organisers=completion.rules.min_organisers, date=format_date(done, lang))  # fmt: skip
        pdf.multi_cell(
            pdf.w - 72, size * 0.55, body, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.ln(2)
    pdf.ln(4)
    names = " · ".join(f"{m.module.title_ko}" for m in completion.modules)
    pdf.set_x(30)
    pdf.set_font("noto", "", 9)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(pdf.w - 60, 5, names, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(pdf.h - 50)
    issued = today or dt.datetime.now(SEOUL).date()
    pdf.line_of(
        f"{format_date(issued, 'ko')}  ·  {format_date(issued, 'en')}", 11, align="C", height=7
    )
    pdf.line_of(translate("certificate.issuer", "ko"), 16, bold=True, align="C", height=9)
    pdf.line_of(translate("certificate.issuer", "en"), 11, grey=True, align="C", height=6)
    return bytes(pdf.output())
