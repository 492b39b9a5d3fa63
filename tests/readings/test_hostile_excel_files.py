"""Hostile Excel files: declared sizes, zip bombs, entities, damaged XML, huge cells, numbers
that are not ASCII digits. Each is refused with a named error or a row report, the store
unchanged.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import openpyxl
import pytest

from energy.readings import files
from energy.readings.files import read_rows
from energy.readings.imports import ImportRejected
from tests.readings.hostile import (
    BOUNDED,
    GOOD_ROW,
    HEADER,
    HEADER_CELLS,
    SHEET,
    SHEET_START,
    import_file,
    inline_row,
    padded_dimension_xlsx,
    refused,
    replace_part,
    row_keys,
    sheet_part,
    xlsx,
)


@BOUNDED
def test_a_sheet_declaring_a_huge_size_is_read_by_its_real_cells(village: str) -> None:
    data = padded_dimension_xlsx()
    assert len(data) < 10_000
    rows = list(read_rows(data, "padded.xlsx"))
    assert [row.line for row in rows] == [1_048_576]  # the one cell's row, nothing padded
    error = refused(village, data, "padded.xlsx")
    assert {"import.month_format", "import.carrier_unknown"} <= row_keys(error)


@BOUNDED
def test_a_row_numbered_past_excels_last_row_is_refused(village: str) -> None:
    body = (
        SHEET_START
        + b"<sheetData>"
        + inline_row(1, HEADER_CELLS)
        + inline_row(2_000_000, ["H-001", "2025-01", "electricity", "1", "kWh"])
        + b"</sheetData></worksheet>"
    )
    error = refused(village, sheet_part(xlsx([HEADER_CELLS]), body), "far.xlsx")
    assert error.key == "import.too_many_lines"
    assert "1,048,576" in error.message("en") and "1,048,576" in error.message("ko")


@BOUNDED
def test_an_excel_zip_bomb_is_refused_before_it_is_unpacked(village: str) -> None:
    row = b'<row><c t="inlineStr"><is><t>H-001</t></is></c></row>'

    def bomb(part: Any) -> None:  # 64 MB of sheet, packed into about 100 KB
        part.write(SHEET_START + b"<sheetData>" + inline_row(1, HEADER_CELLS))
        chunk = row * (1 << 14)
        for _ in range((64 << 20) // len(chunk)):
            part.write(chunk)
        part.write(b"</sheetData></worksheet>")

    data = sheet_part(xlsx([HEADER_CELLS]), bomb)
    assert len(data) < 1 << 20
    error = refused(village, data, "bomb.xlsx")
    assert error.key == "import.excel_unpacks_too_large"


@BOUNDED
def test_an_excel_file_unpacking_past_the_bound_is_refused(
    village: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parts that each pack plausibly, but together unpack beyond the bound (made small
    here so the file stays small)."""
    monkeypatch.setattr(files, "MAX_UNPACKED_BYTES", 64 * 1024)
    rows = [HEADER_CELLS] + [
        [f"H-{n:05d}", "2025-01", "electricity", n, "kWh"] for n in range(3000)
    ]
    error = refused(village, xlsx(rows), "big.xlsx")
    assert error.key == "import.excel_unpacks_too_large"


def test_openpyxl_reads_xml_through_defusedxml() -> None:
    """openpyxl's documented guard against entity expansion (requirements.txt has it)."""
    assert openpyxl.DEFUSEDXML is True


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'.encode()
        for n in range(1, 10)
    )
    + b"]>"
)


@BOUNDED
@pytest.mark.parametrize("part", [SHEET, "xl/styles.xml", "xl/workbook.xml"])
def test_xml_entities_in_an_excel_part_are_refused(village: str, part: str) -> None:
    """Billion laughs: ten to the ninth 'lol's, declared in a part's prologue (and, in the
    sheet, used in a cell)."""
    data = xlsx([HEADER_CELLS, ["H-001", "2025-01", "electricity", "x", "kWh"]])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        original = archive.read(part)
    body = BILLION_LAUGHS + re.sub(rb"^<\?xml[^>]*\?>\s*", b"", original)
    body = body.replace(b"<t>H-001", b"<t>&lol9;", 1)
    error = refused(village, replace_part(data, part, lambda out: out.write(body)), "lol.xlsx")
    # The sheet is read through defusedxml (entities refused); the other parts through
    # lxml's parser with entities left unexpanded: the file is read as if they were not there.
    assert error.key == ("import.bad_excel" if part == SHEET else "import.rejected")


@BOUNDED
def test_a_sheet_damaged_after_its_start_is_refused_with_a_named_error(village: str) -> None:
    body = (
        SHEET_START
        + b'<dimension ref="A1:E3"/><sheetData>'
        + inline_row(1, HEADER_CELLS)
        + inline_row(2, ["H-001", "2025-01", "electricity", "1", "kWh"])
        + b'<row r="3"><c r="A3"><v>1</v></c></rowx>'
    )
    error = refused(village, sheet_part(xlsx([HEADER_CELLS]), body), "broken.xlsx")
    assert error.key == "import.bad_excel"


@BOUNDED
def test_too_many_sheets_columns_or_cells_are_refused(
    village: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = [HEADER_CELLS, ["H-001", "2025-01", "electricity", 1, "kWh"]]
    assert refused(village, xlsx(good, sheets=17), "s.xlsx").key == "import.too_many_sheets"
    wide = [HEADER_CELLS, ["H-001", "2025-01", "electricity", 1, "kWh", *([None] * 45), "x"]]
    assert refused(village, xlsx(wide), "w.xlsx").key == "import.too_many_columns"
    wide_csv = ",".join(HEADER_CELLS + [f"note{n}" for n in range(46)]) + "\n" + GOOD_ROW
    assert refused(village, wide_csv.encode(), "w.csv").key == "import.too_many_columns"
    monkeypatch.setattr(files, "MAX_CELLS", 50)
    many = [HEADER_CELLS] + [
        ["H-001", f"2025-{m:02d}", "electricity", 1, "kWh"] for m in (1, 2)
    ] * 5
    error = refused(village, xlsx(many), "c.xlsx")
    assert error.key == "import.too_many_cells" and "50" in error.message("ko")


@BOUNDED
def test_huge_cells_and_formulas_end_in_the_rows_report(village: str) -> None:
    huge = "H" + "9" * 32_000
    rows = [
        HEADER_CELLS,
        [huge, "2025-01", "electricity", 1, "kWh"],
        ["H-001", "2025-01", "electricity", "=1+1", "kWh"],
        ['=HYPERLINK("http://example.invalid","x")', "2025-02", "gas", 1, "MJ"],
        ["H-001", "2025-03", "electricity", "=cmd|' /C calc'!A0", "kWh"],
    ]
    keys = row_keys(refused(village, xlsx(rows), "cells.xlsx"))
    assert {"import.field_too_long", "import.value_not_number", "import.household_missing"} <= keys
    csv_rows = HEADER + f"{huge[:5000]},2025-01,electricity,1,kWh\n" + '"=1+1",2025-01,gas,1,MJ\n'
    keys = row_keys(refused(village, csv_rows.encode(), "cells.csv"))
    assert {"import.field_too_long", "import.household_format"} <= keys
    # A line longer than any row of readings can be (a 32,000-character cell) is refused
    # whole, at its line, before it is split into fields.
    csv_rows = HEADER + GOOD_ROW + f"{huge},2025-01,electricity,1,kWh\n"
    error = refused(village, csv_rows.encode(), "huge.csv")
    assert (error.key, error.params["line"]) == ("import.line_too_long", 3)


def test_a_sheets_header_is_its_first_row_with_text_however_wide(village: str) -> None:
    """Rows are cut to the header's width: a row of blanks above it does not set the width."""
    rows = [
        [" "],
        [None, *HEADER_CELLS],
        [None, "H-001", "2025-01", "gas", 10, "GJ"],
    ]
    result = import_file(village, xlsx(rows), "offset.xlsx")
    assert result.added == 1
    assert [r.value for r in result.report.readings] == [10_000.0]  # GJ read: the unit kept


@BOUNDED
def test_a_value_of_1e308_in_excel_is_out_of_range_not_too_long(village: str) -> None:
    rows = [HEADER_CELLS, ["H-001", "2025-01", "electricity", 1e308, "kWh"]]
    error = refused(village, xlsx(rows), "big.xlsx")
    assert row_keys(error) == {"import.value_too_large"}
    digits = "9" * 300  # a whole number of 300 digits, as a sheet may hold it
    body = (
        SHEET_START
        + b"<sheetData>"
        + inline_row(1, HEADER_CELLS)
        + inline_row(2, ["H-001", "2025-01", "electricity"])[: -len("</row>")]
        + f'<c r="D2"><v>{digits}</v></c></row>'.encode()
        + b"</sheetData></worksheet>"
    )
    error = refused(village, sheet_part(xlsx([HEADER_CELLS]), body), "digits.xlsx")
    assert row_keys(error) == {"import.value_too_large"}


@BOUNDED
@pytest.mark.parametrize("value", ["1_000", "٣٠٠", "１２３", "1_0.5", "۱۲"])
def test_only_ascii_digits_are_numbers(village: str, value: str) -> None:
    data = (HEADER + GOOD_ROW + f"H-002,2025-01,electricity,{value},kWh\n").encode()
    error = refused(village, data, "digits.csv")
    assert isinstance(error, ImportRejected)
    assert [(i.line, i.key) for i in error.report.errors] == [(3, "import.value_digits")]
    assert value in error.report.errors[0].message("en")


@BOUNDED
@pytest.mark.parametrize("month", ["٢٠٢٥-٠١", "２０２５-０１"])
def test_only_ascii_digits_make_a_month(village: str, month: str) -> None:
    data = (HEADER + f"H-002,{month},electricity,1,kWh\n").encode()
    assert row_keys(refused(village, data, "months.csv")) == {"import.month_format"}
