"""Files an applicant might attach, made in memory: real PDFs, photos and workbooks, and the
wrong ones (a program renamed, a file cut short, a PDF behind a password, a workbook with
macros). Shared by the library, page and browser tests of attachments."""

from __future__ import annotations

import io
import zipfile

from fpdf import FPDF
from openpyxl import Workbook
from PIL import Image
from pypdf import PdfWriter

# The first bytes of a Windows program: what a renamed "plan.pdf" from a phishing mail holds.
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 240


def pdf(text: str = "Village plan", pages: int = 1) -> bytes:
    document = FPDF()
    document.set_font("helvetica", size=14)
    for n in range(pages):
        document.add_page()
        document.cell(text=f"{text} - page {n + 1}")
    return bytes(document.output())


def protected_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def picture(fmt: str = "JPEG", colour: tuple[int, int, int] = (30, 120, 90), size: tuple[int, int] = (640, 480)) -> bytes:  # fmt: skip
    """A photo-like picture: a sky and a green roof, so a preview shows something."""
    image = Image.new("RGB", size, (170, 205, 235))
    roof = Image.new("RGB", (size[0], size[1] // 2), colour)
    image.paste(roof, (0, size[1] // 2))
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def heic() -> bytes:
    """The opening of an iPhone photo (an ISO media file of brand ``heic``); no decoder is
    needed to keep one."""
    ftyp = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
    return ftyp + b"\x00\x00\x00\x10meta\x00\x00\x00\x00" + bytes(range(256)) * 4


def workbook(macros: bool = False) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["항목", "금액"])
    sheet.append(["교육비", 3_000_000])
    sheet.append(["장비·설비비", 6_000_000])
    out = io.BytesIO()
    book.save(out)
    if not macros:
        return out.getvalue()
    # The same workbook with a VBA project inside, as Excel saves an .xlsm.
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    with_macros = io.BytesIO()
    with zipfile.ZipFile(with_macros, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\x00" * 60)
    return with_macros.getvalue()


def word_document() -> bytes:
    """A ZIP that is not a workbook (a .docx's parts)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()
