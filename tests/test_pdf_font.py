"""The Korean font the PDFs embed: the committed cut-down Noto Sans CJK KR (what it holds, where
it came from, its licence), and the machine's full font drawing any character it lacks."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTCollection, TTFont
from pypdf import PdfReader

from energy.core.catalogue import MESSAGES
from energy.core.errors import EnergyError
from energy.documents import chart_pictures
from energy.documents.font_subset import FONTS_DIR, SUBSET_FILES, ks_x_1001, subset_characters
from energy.documents.pdf import Pdf
from tests.conftest import require

COMMON = "서울 에너지자립마을 · 洞 會議 · Nguyễn · 1,280 kWh ㎾ ✓ 「마을」"
RARE = "深圳 㐀"  # 圳 (Shenzhen's) and Extension A's 㐀 are no KS X 1001 hanja


def _machine_face(style: str) -> TTFont:
    try:
        path = chart_pictures.font_files()[style]
    except EnergyError:
        require(False, "Noto Sans CJK is not installed (apt-get install fonts-noto-cjk)")
        raise
    collection = TTCollection(str(path), lazy=True)
    return collection.fonts[chart_pictures.korean_face(path)]


def _flat(text: str) -> str:
    """Text as pypdf reads it back from a CID font, without the NULs and spaces it puts
    between glyphs."""
    return "".join(text.replace("\x00", "").split())


def _document(*lines: tuple[str, bool]) -> bytes:
    pdf = Pdf("portrait")
    pdf.add_page()
    for text, bold in lines:
        pdf.line_of(text, 12, bold=bold)
    return bytes(pdf.output())


def _embedded_fonts(data: bytes) -> dict[str, int]:
    """Each font of the first page by name: the size of its embedded font program."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    fonts: dict[str, int] = {}
    for ref in page["/Resources"]["/Font"].values():
        font: Any = ref.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        program = descriptor.get("/FontFile3") or descriptor.get("/FontFile2")
        fonts[str(font["/BaseFont"])] = len(program.get_object().get_data()) if program else 0
    return fonts


@pytest.mark.parametrize("style", sorted(SUBSET_FILES))
def test_the_committed_font_is_the_korean_face_cut_down_as_the_script_says(style: str) -> None:
    face = _machine_face(style)
    committed = TTFont(SUBSET_FILES[style])
    kept = set(committed.getBestCmap())
    assert kept == subset_characters(face.getBestCmap())
    assert committed["name"].getDebugName(5) == face["name"].getDebugName(5)
    hanja = {c for c in ks_x_1001() if 0x4E00 <= c <= 0x9FFF}
    assert len(hanja) > 4_000 and hanja <= kept
    assert set(range(0xAC00, 0xD7A4)) <= kept  # all 11,172 Hangul syllables
    assert len(kept) < len(face.getBestCmap()) // 2


def test_the_font_says_where_it_came_from_and_under_which_licence() -> None:
    readme = (FONTS_DIR / "README.md").read_text(encoding="utf-8")
    licence = (FONTS_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Reserved Font Name 'Source'" in licence
    for path in SUBSET_FILES.values():
        names = TTFont(path)["name"]
        assert path.name in readme
        assert f"`{names.getDebugName(5)}`" in readme  # the version it was cut from
        assert "SIL Open Font License" in (names.getDebugName(13) or "")
        assert "Source" not in (names.getDebugName(1) or "")  # the reserved name is not used


def test_every_character_of_the_catalogue_is_in_the_cut_down_font() -> None:
    """Translated text never needs the machine's full font (a character neither font draws
    is not counted: the full font would not help)."""
    drawn = set(_machine_face("").getBestCmap())
    used = {ord(c) for entry in MESSAGES.values() for text in entry.values() for c in text}
    for path in SUBSET_FILES.values():
        missing = (used & drawn) - set(TTFont(path).getBestCmap())
        assert sorted(map(chr, missing)) == []


def test_common_text_embeds_only_the_cut_down_font_without_the_machines(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(chart_pictures, "FONT_DIRS", (tmp_path,))  # no font on the machine
    data = _document((COMMON, False), (COMMON, True))
    assert _flat(COMMON) * 2 in _flat(PdfReader(io.BytesIO(data)).pages[0].extract_text())
    fonts = _embedded_fonts(data)
    # Two fonts, each a subset of its few glyphs (fpdf2 tags a subset's name "MPDFAA+").
    assert sorted(fonts) == ["/MPDFAA+NotoSansCJKKR", "/MPDFAA+NotoSansCJKKRBold"]
    assert all(0 < size < 40_000 for size in fonts.values()), fonts
    assert len(data) < 100_000


def test_a_rare_hanja_is_drawn_from_the_machines_full_font() -> None:
    _machine_face("")
    data = _document((f"{COMMON} {RARE}", False), (RARE, True))
    text = _flat(PdfReader(io.BytesIO(data)).pages[0].extract_text())
    assert _flat(f"{COMMON} {RARE}") + _flat(RARE) in text
    fonts = _embedded_fonts(data)
    # The cut-down font for the rest, the full one (named apart) for the rare hanja: all four
    # embedded as subsets (the full font's of three glyphs, not its 65,535).
    assert sorted(fonts) == [
        "/MPDFAA+NotoSansCJKKR", "/MPDFAA+NotoSansCJKKR-Full",
        "/MPDFAA+NotoSansCJKKRBold", "/MPDFAA+NotoSansCJKKRBold-Full",
    ]  # fmt: skip
    assert all(0 < size < 40_000 for size in fonts.values()), fonts


def test_without_the_machines_font_a_rare_hanja_stops_the_document_instead_of_vanishing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(chart_pictures, "FONT_DIRS", (tmp_path,))
    with pytest.raises(EnergyError) as caught:
        _document((RARE, False))
    assert caught.value.key == "error.deck_font_missing"
