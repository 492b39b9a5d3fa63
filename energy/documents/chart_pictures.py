"""Fonts and chart pictures for the exports: Noto Sans CJK found on the machine, Altair charts
rendered to PNG offline by vl-convert (Korean drawn as Korean)."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches

from energy.core.errors import EnergyError

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


def korean_face(path: Path) -> int:
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
# The last pictures drawn, by their chart's full specification (data included): the deck, the
# handout and a village's page draw the same charts, and each takes a third of a second.
_pictures: OrderedDict[str, bytes] = OrderedDict()
PICTURES_KEPT = 48


def chart_png(chart: Any, *, width: int = CHART_PX_WIDTH, height: int = 420) -> bytes:
    """An Altair chart as a PNG, rendered offline with the Korean font (the same chart asked
    for again is not drawn again)."""
    import vl_convert

    global _vl_fonts_registered
    folder = font_files()[""].parent
    spec = chart.properties(width=width, height=height).to_dict()
    spec.setdefault("config", {})["font"] = FONT_FAMILY
    spec["background"] = "white"
    key = hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()
    with _vl_lock:
        if key in _pictures:
            _pictures.move_to_end(key)
            return _pictures[key]
        if not _vl_fonts_registered:
            vl_convert.register_font_directory(str(folder))
            _vl_fonts_registered = True
        png = _opaque(vl_convert.vegalite_to_png(spec, scale=CHART_SCALE))
        _pictures[key] = png
        while len(_pictures) > PICTURES_KEPT:
            _pictures.popitem(last=False)
    return png


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


def fit(png: bytes, box_width: int, box_height: int) -> tuple[int, int]:
    """The largest (width, height) with the picture's proportions that fits the box."""
    px_width, px_height = png_size(png)
    scale = min(box_width / px_width, box_height / px_height)
    return int(px_width * scale), int(px_height * scale)
