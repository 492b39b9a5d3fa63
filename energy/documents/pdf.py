"""The PDF page with the Korean font registered as "noto" (handouts, certificates, letters).

"noto" is the cut-down Noto Sans CJK KR committed in ``fonts/`` (Hangul, KS X 1001's hanja,
Latin, symbols: see ``font_subset``), which a document registers in a tenth of the time the
machine's 65,535-glyph collection takes. Text with a character it lacks (a rare hanja, say)
brings in the machine's full font for that document, as fpdf2's fallback font, so every
character is drawn.
"""

from __future__ import annotations

from typing import cast

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

from energy.documents.chart_pictures import font_files, korean_face
from energy.documents.font_subset import SUBSET_FILES

FAMILY = "noto"
FULL_FAMILY = "noto-full"  # the machine's whole collection, registered only when needed
CONTROL = " "  # code points below the space (line breaks, tabs) are never drawn


class Pdf(FPDF):
    """fpdf2 with the Korean font registered as "noto" (regular and bold)."""

    def __init__(self, orientation: str) -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        for style, path in SUBSET_FILES.items():
            self.add_font(FAMILY, style, str(path))
        self._drawn = frozenset(cast(TTFFont, self.fonts[FAMILY]).cmap)
        self._full_font = False
        self._keep_bounding_boxes()
        self.set_auto_page_break(False)
        self.set_margins(14, 12, 14)
        self.set_text_color(0x22, 0x22, 0x22)

    def _keep_bounding_boxes(self) -> None:
        for font in self.fonts.values():
            if isinstance(font, TTFFont):
                # The subset keeps the whole font's bounding boxes: recomputing them from every
                # glyph's outline is slow (CFF outlines), and a reader needs only the widths.
                font.ttfont.recalcBBoxes = False

    def normalize_text(self, text: str) -> str:
        """fpdf2 passes every text through here before it measures or draws it: the first
        character the cut-down font lacks registers the full font as the fallback."""
        text = super().normalize_text(text)
        if not self._full_font and not self._drawn.issuperset(
            ord(c) for c in set(text) if c >= CONTROL
        ):
            self._add_full_font()
        return text

    def _add_full_font(self) -> None:
        """The machine's Noto Sans CJK KR (``error.deck_font_missing`` without it: a missing
        character is never dropped silently)."""
        for style, path in font_files().items():
            self.add_font(FULL_FAMILY, style, str(path), collection_font_number=korean_face(path))
            # Its own name in the file: the cut-down font has the same one, and two different
            # subsets of one name in a PDF may be taken for each other by a reader.
            full = cast(TTFFont, self.fonts[f"{FULL_FAMILY}{style}"])
            full.name = f"{full.name}-Full"
        self._keep_bounding_boxes()
        self.set_fallback_fonts([FULL_FAMILY])
        self._full_font = True

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
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_text_color(*((0x59, 0x59, 0x59) if grey else (0x22, 0x22, 0x22)))
        self.multi_cell(
            0, height or size * 0.5, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def text_height(self, text: str, size: float, width: float) -> float:
        self.set_font(FAMILY, "", size)
        lines = cast(
            list[str], self.multi_cell(width, size * 0.45, text, dry_run=True, output="LINES")
        )
        return float(len(lines) * size * 0.45)
