"""The exported deck and handout, read back: 16:9, every slide's title, pictures, notes; the
PDF's pages; and ``python -m energy deck`` writing both and refusing bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from energy.core.access import CLI_ACTOR
from energy.core.i18n import translate
from energy.townhall import deck
from energy.townhall.figures import TownHallFilter, default_year
from energy.villages import stories
from tests.energy_cli import Result, energy

YEAR = default_year()  # the demo data reaches back four years from today
# growth, energy by carrier, programme year, renewables, map, the calls year by year, the
# training's topics, the organisations founded
CHART_SLIDES = {2, 3, 4, 5, 6, 7, 8, 9}


def _titles(lang: str, url: str) -> list[str]:
    """What each slide of the demo deck is called, from the catalogue and the demo's stories."""
    told = stories.list_stories(CLI_ACTOR, url=url)
    return [
        translate("townhall.cover_title", lang),
        translate("townhall.glance_title", lang),
        translate("townhall.growth_title", lang),
        translate("townhall.energy_title", lang, year=YEAR),
        translate("townhall.programme_year_title", lang),
        translate("townhall.renewables_title", lang),
        translate("townhall.map_title", lang),
        translate("townhall.call_title", lang, year=YEAR),
        translate("townhall.training_title", lang),
        translate("townhall.organisations_title", lang),
        *(
            translate("townhall.story_title", lang, village=s.village_display_name(lang))
            for s in told
        ),
    ]


def _flat(text: str) -> str:
    """Text as pypdf reads it back from a CID font, without the NULs and spaces it puts
    between glyphs."""
    return "".join(text.replace("\x00", "").split())


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_deck_reopens_with_its_slides_titles_pictures_and_notes(
    demo_store: str, lang: str
) -> None:
    data = deck.deck_pptx(CLI_ACTOR, TownHallFilter(year=YEAR), lang=lang, url=demo_store)
    prs = Presentation(io.BytesIO(data))
    assert (prs.slide_width, prs.slide_height) == (12_192_000, 6_858_000)  # 13.333 x 7.5 in
    assert prs.slide_width * 9 == prs.slide_height * 16
    expected = _titles(lang, demo_store)
    assert len(expected) == 13  # ten slides and the demo's three stories
    assert [slide.shapes.title.text for slide in prs.slides] == expected
    for n, slide in enumerate(prs.slides):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == (1 if n in CHART_SLIDES else 0), expected[n]
        for picture in pictures:  # real images, drawn at twice the plot size: sharp projected
            assert picture.image.content_type == "image/png"
            width, height = deck.png_size(picture.image.blob)
            assert width >= 1500 and height >= 400, expected[n]
        notes = slide.notes_slide.notes_text_frame.text
        assert translate("townhall.notes_privacy", lang, n=5) in notes, expected[n]
    energy_notes = prs.slides[3].notes_slide.notes_text_frame.text
    assert "electricity.co2" in energy_notes  # the factor that priced the CO2 figure
    assert translate("townhall.notes_typical", lang).split("{")[0].strip() in energy_notes


def test_the_handout_has_a_page_per_slide(demo_store: str) -> None:
    heard: list[tuple[int, int]] = []
    data = deck.handout_pdf(
        CLI_ACTOR, TownHallFilter(year=YEAR), lang="ko", url=demo_store, progress=lambda *p: heard.append(p)
    )  # fmt: skip
    # The page's progress bar hears every page, then the file written (13 slides + 1).
    assert heard == [(n, 14) for n in range(1, 15)]
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 13
    assert _flat(translate("townhall.cover_title", "ko")) in _flat(reader.pages[0].extract_text())
    assert _flat("성대골 마을 이야기") in _flat(reader.pages[10].extract_text())


def test_a_village_summary_is_one_page(demo_store: str) -> None:
    data = deck.village_summary_pdf(CLI_ACTOR, "DJK-2012-01", year=YEAR, lang="en", url=demo_store)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert _flat(f"Sungdaegol · {YEAR} summary") in _flat(reader.pages[0].extract_text())


def _energy(url: str, *args: str) -> Result:
    """``python -m energy deck ARGS`` (in this process: ``tests.energy_cli``)."""
    return energy(url, "deck", *args)


@pytest.mark.slow
# The command's own work (arguments, files, lines printed) on SQLite; the documents it writes
# are built from the same library calls the tests above make on both stores.
@pytest.mark.parametrize("demo_store", ["sqlite"], indirect=True)
def test_the_command_writes_the_deck_the_handout_and_a_village_page(
    demo_store: str, tmp_path: Path
) -> None:
    year = str(YEAR)
    result = _energy(demo_store, "--year", year, "--lang", "en", "--out", str(tmp_path / "d.pptx"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {tmp_path / 'd.pptx'} (deck, 13 slides)"
    assert len(Presentation(str(tmp_path / "d.pptx")).slides) == 13
    result = _energy(
        demo_store, "--year", year, "--out", str(tmp_path / "d.pdf"), "--district", "동작구"
    )
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(tmp_path / "d.pdf").pages) == 11  # one district: Sungdaegol's story only
    result = _energy(
        demo_store, "--year", year, "--out", str(tmp_path / "v.pdf"), "--village", "DJK-2012-01"
    )
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(tmp_path / "v.pdf").pages) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "d.txt"], "error: The output file must end in .pptx or .pdf: d.txt"),
        (["--out", "v.pptx", "--village", "DJK-2012-01"],
         "error: A village summary is written as a PDF (.pdf): v.pptx"),
        (["--out", "d.pdf", "--district", "Atlantis"], "error: There is no district called"),
        (["--out", "v.pdf", "--village", "NO-SUCH"], "error: There is no village 'NO-SUCH'."),
        (["--out", "d.pdf", "--lang", "fr"], "error: argument --lang: invalid choice: 'fr'"),
    ],
)  # fmt: skip
def test_the_command_refuses_bad_input_in_one_line(
    demo_store: str, tmp_path: Path, args: list[str], message: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = [str(folder / a) if a.endswith((".txt", ".pdf", ".pptx")) else a for a in args]
    result = _energy(demo_store, "--year", str(YEAR), *out)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), result.stderr
    assert list(folder.iterdir()) == []  # nothing half-written


def test_a_year_before_the_programme_is_refused(demo_store: str, tmp_path: Path) -> None:
    result = _energy(demo_store, "--year", "1999", "--out", str(tmp_path / "d.pdf"))
    assert result.returncode == 1
    assert result.stderr.startswith("error: The year must be between 2012 and ")
    assert not (tmp_path / "d.pdf").exists()


def test_without_the_korean_font_an_export_stops_with_the_package_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from energy.core.errors import EnergyError
    from energy.documents import chart_pictures
    from energy.townhall.presentation import SlideView

    monkeypatch.setattr(chart_pictures, "FONT_DIRS", (tmp_path,))
    for build in (
        lambda: deck.build_pptx([SlideView("cover", "t", "s")], footer="f"),
        lambda: deck.build_handout([SlideView("cover", "t", "s")], footer="f", notes_heading="n"),
    ):
        with pytest.raises(EnergyError) as caught:
            build()
        assert caught.value.key == "error.deck_font_missing"
        assert "apt-get install fonts-noto-cjk" in caught.value.message("en")


def test_a_chart_asked_for_again_is_not_drawn_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The deck, the handout and a village's page draw the same charts: each is drawn once."""
    import altair as alt
    import pandas as pd
    import vl_convert

    from energy.documents import chart_pictures

    drawn: list[dict] = []
    real = vl_convert.vegalite_to_png

    def counted(spec: dict, **kw: object) -> bytes:
        drawn.append(spec)
        return real(spec, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(vl_convert, "vegalite_to_png", counted)
    monkeypatch.setattr(chart_pictures, "_pictures", chart_pictures.OrderedDict())

    def chart(kwh: float) -> alt.Chart:
        frame = pd.DataFrame({"month": ["1월", "2월"], "kWh": [kwh, 120.0]})
        return alt.Chart(frame).mark_bar().encode(x="month", y="kWh")

    first = chart_pictures.chart_png(chart(100.0))
    assert chart_pictures.chart_png(chart(100.0)) == first and len(drawn) == 1
    other = chart_pictures.chart_png(chart(101.0))  # other data: drawn
    assert other != first and len(drawn) == 2
    assert chart_pictures.chart_png(chart(100.0), height=300) != first  # another size: drawn
    assert len(drawn) == 3
    assert chart_pictures.png_size(first)[0] > 0
