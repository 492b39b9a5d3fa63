"""The PDF page with the Korean font registered as "noto" (handouts, certificates, letters)."""

from __future__ import annotations

from typing import cast

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

from energy.documents.chart_pictures import (
    font_files,
    korean_face,
)

# --- PDF --------------------------------------------------------------------------------------


class Pdf(FPDF):
    """fpdf2 with the Korean font registered as "noto" (regular and bold)."""

    def __init__(self, orientation: str) -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        files = font_files()
        for style, path in files.items():
            self.add_font("noto", style, str(path), collection_font_number=korean_face(path))
        for font in self.fonts.values():
            if not isinstance(font, TTFFont):
                continue
            # The subset keeps the whole font's bounding boxes: recomputing them from every
            # glyph's outline was most of a handout's time (CFF outlines are slow to measure),
            # and a reader needs only each glyph's own width.
            font.ttfont.recalcBBoxes = False
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
