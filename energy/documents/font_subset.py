"""The Korean font the PDFs embed, cut down once so a document does not parse 65,535 glyphs.

Noto Sans CJK's collection holds 65,535 glyphs per face; fpdf2 reads every one's width when a
document registers the font (about half a second a face) and prunes the whole font when it
writes the file. The PDFs need Korean, the hanja of KS X 1001, Latin and the usual symbols:
about 19,000 glyphs. This module cuts the Korean face down to them, outlines kept as drawn
(hinting kept, subroutines expanded so a document's own subset is quick to make), and writes
the two weights to ``energy/documents/fonts/``, where they are committed with their licence
and where they came from (``fonts/README.md``).

    python -m energy.documents.font_subset      # rebuild from the machine's Noto Sans CJK

A character outside the cut-down font is drawn from the machine's full font (``pdf.Pdf``), so
no text loses a character.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

FONTS_DIR = Path(__file__).with_name("fonts")
SUBSET_FILES = {
    "": FONTS_DIR / "NotoSansCJKkr-Regular-subset.otf",
    "B": FONTS_DIR / "NotoSansCJKkr-Bold-subset.otf",
}

# The CJK ideographs (Unified, its extensions, Compatibility): of these only KS X 1001's are
# kept. Every other character the Korean face draws is kept: Hangul, Latin (Vietnamese and
# pinyin letters too), Greek, Cyrillic, kana, punctuation, symbols, enclosed and unit signs.
IDEOGRAPHS = (
    (0x3400, 0x4DBF),  # Extension A
    (0x4E00, 0x9FFF),  # Unified Ideographs
    (0xF900, 0xFAFF),  # Compatibility Ideographs
    (0x20000, 0x3FFFF),  # Extensions B and later, Compatibility Supplement
)


def ks_x_1001() -> frozenset[int]:
    """Every character of KS X 1001 (EUC-KR's two-byte table): 2,350 Hangul syllables,
    4,888 hanja, symbols, kana, Greek and Cyrillic."""
    found: set[int] = set()
    for lead in range(0xA1, 0xFF):
        for trail in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes((lead, trail)).decode("euc_kr")))
            except UnicodeDecodeError:
                continue
    return frozenset(found)


def is_ideograph(code: int) -> bool:
    return any(first <= code <= last for first, last in IDEOGRAPHS)


def subset_characters(drawn: Iterable[int]) -> frozenset[int]:
    """Of the characters a face ``drawn``, those the cut-down font keeps."""
    hanja = ks_x_1001()
    return frozenset(code for code in drawn if not is_ideograph(code) or code in hanja)


def build_subsets(out_dir: Path = FONTS_DIR) -> dict[str, Path]:
    """Cut the machine's Noto Sans CJK KR (regular and bold) down to
    :func:`subset_characters` and write them to ``out_dir`` (about 20 s a weight)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from energy.documents.chart_pictures import font_files, korean_face

    written: dict[str, Path] = {}
    for style, source in font_files().items():
        # recalcTimestamp=False: the same source gives the same bytes (no rebuild date inside).
        font = TTFont(source, fontNumber=korean_face(source), recalcTimestamp=False)
        options = subset.Options()
        options.layout_features = []  # fpdf2 shapes no text: no GSUB/GPOS lookups needed
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx"]
        options.name_IDs = ["*"]  # copyright, licence and version stay in the font
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.recommended_glyphs = True
        # Subroutines expanded: 15% larger, but a document's own subset then needs no
        # subroutine pruning (a third of the time fpdf2 spends writing the file).
        options.desubroutinize = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(subset_characters(font.getBestCmap())))
        subsetter.subset(font)
        target = out_dir / SUBSET_FILES[style].name
        font.save(target)
        font.close()
        written[style] = target
    return written


def main() -> int:
    from fontTools import version as fonttools_version

    for style, path in build_subsets().items():
        print(f"{style or 'regular'}: {path} ({path.stat().st_size:,} bytes)")
    print(f"fontTools {fonttools_version}: record it in {FONTS_DIR / 'README.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
