"""Hostile readings files: each is refused with a named error (a catalogue key, Korean and
English) or a row-by-row report, within a bounded amount of work, with the store unchanged;
and no file, however hostile, is read while the store's write lock is held.

The files are made here, in the test's own directory or in memory: none is committed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl import Workbook
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from energy.core.access import CLI_ACTOR
from energy.core.errors import EnergyError
from energy.core.i18n import translate
from energy.readings import files
from energy.readings.files import Columns, FileProblem, Part, ReadingsFile, read_rows
from energy.readings.imports import ImportRejected, check_readings, import_readings
from energy.readings.report import ImportChangedMeanwhile
from energy.store import db
from energy.store.models.readings import Household, Reading, ReadingBatch
from energy.store.models.system import AuditEntry
from energy.villages import directory as villages
from energy.villages import households

TODAY = dt.date(2026, 11, 25)
HEADER = "household,month,carrier,value,unit\n"
GOOD_ROW = "H-001,2025-01,electricity,312.5,kWh\n"
# A hostile file is refused in well under a second once bounded; without the bounds the
# padded sheet alone costs about 17 minutes. (A generous bound, not a measurement.)
BOUNDED = pytest.mark.timeout(120)


@pytest.fixture
def village(fresh_store: str) -> str:
    for code, district in (("V-1", "Mapo-gu"), ("V-2", "Guro-gu")):
        villages.add_village(
            CLI_ACTOR,
            code=code,
            name=code,
            district=district,
            cohort_year=2024,
            today=TODAY,
            url=fresh_store,
        )
    for code in ("H-001", "H-002"):
        households.add_household(
            CLI_ACTOR, "V-1", code=code, joined_on=dt.date(2024, 4, 1), url=fresh_store
        )
    return fresh_store


def _state(url: str) -> dict[str, Any]:
    with db.session_for(CLI_ACTOR, url=url) as session:
        return {
            "readings": sorted(
                (h, c, str(m), v)
                for h, c, m, v in session.execute(
                    select(Reading.household_id, Reading.carrier, Reading.month, Reading.value)
                )
            ),
            "households": session.scalar(select(func.count()).select_from(Household)),
            "batches": session.scalar(select(func.count()).select_from(ReadingBatch)),
            "audit": session.scalar(select(func.count()).select_from(AuditEntry)),
        }


def _import(url: str, source: Any, name: str, **options: Any) -> Any:
    return import_readings(
        CLI_ACTOR, "V-1", read_rows(source, name), filename=name, today=TODAY, url=url, **options
    )


def _refused(url: str, source: Any, name: str) -> EnergyError:
    """The file is refused (as a whole or row by row) in both languages, the store unchanged;
    checking it (the page's first step) says the same."""
    before = _state(url)
    with pytest.raises(EnergyError) as caught:
        _import(url, source, name)
    error = caught.value
    for lang in ("ko", "en"):
        message = error.message(lang)
        assert message.strip() and message != error.key
    if isinstance(error, ImportRejected):
        assert error.report.errors
        for issue in error.report.issues:
            for lang in ("ko", "en"):
                assert issue.message(lang) != issue.key
    assert _state(url) == before, "a refused file changed the store"
    if isinstance(source, io.IOBase):
        source.seek(0)
    if not isinstance(error, ImportRejected):
        with pytest.raises(type(error)) as again:
            check_readings(CLI_ACTOR, "V-1", read_rows(source, name), today=TODAY, url=url)
        assert again.value.key == error.key
    return error


def _row_keys(error: EnergyError) -> set[str]:
    assert isinstance(error, ImportRejected)
    return {issue.key for issue in error.report.errors}


# --- Excel files, written part by part --------------------------------------------------


def _xlsx(rows: list[list[Any]], *, sheets: int = 1) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for n in range(1, sheets):
        workbook.create_sheet(f"extra{n}")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _replace_part(data: bytes, name: str, write: Callable[[Any], None]) -> bytes:
    """``data`` (an xlsx file) with the part ``name`` written afresh by ``write``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            if entry.filename == name:
                info = zipfile.ZipInfo(name, entry.date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                with target.open(info, "w", force_zip64=True) as part:
                    write(part)
            else:
                target.writestr(entry, source.read(entry.filename))
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _sheet_part(data: bytes, body: bytes | Callable[[Any], None]) -> bytes:
    """``data`` with its first sheet's part replaced by ``body`` (or what it writes)."""
    return _replace_part(data, SHEET, body if callable(body) else lambda part: part.write(body))


def _inline_row(number: int, cells: list[str]) -> bytes:
    parts = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
        for i, value in enumerate(cells)
    )
    return f'<row r="{number}">{parts}</row>'.encode()


HEADER_CELLS = ["household", "month", "carrier", "value", "unit"]


def padded_dimension_xlsx() -> bytes:
    """4.7 KB: a header, one cell in row 1,048,576, and a declared size of A1:XFD1048576."""
    body = (
        SHEET_START
        + b'<dimension ref="A1:XFD1048576"/><sheetData>'
        + _inline_row(1, HEADER_CELLS)
        + _inline_row(1_048_576, ["H-001"])
        + b"</sheetData></worksheet>"
    )
    return _sheet_part(_xlsx([HEADER_CELLS]), body)


@BOUNDED
def test_a_sheet_declaring_a_huge_size_is_read_by_its_real_cells(village: str) -> None:
    data = padded_dimension_xlsx()
    assert len(data) < 10_000
    rows = list(read_rows(data, "padded.xlsx"))
    assert [row.line for row in rows] == [1_048_576]  # the one cell's row, nothing padded
    error = _refused(village, data, "padded.xlsx")
    assert {"import.month_format", "import.carrier_unknown"} <= _row_keys(error)


@BOUNDED
def test_a_row_numbered_past_excels_last_row_is_refused(village: str) -> None:
    body = (
        SHEET_START
        + b"<sheetData>"
        + _inline_row(1, HEADER_CELLS)
        + _inline_row(2_000_000, ["H-001", "2025-01", "electricity", "1", "kWh"])
        + b"</sheetData></worksheet>"
    )
    error = _refused(village, _sheet_part(_xlsx([HEADER_CELLS]), body), "far.xlsx")
    assert error.key == "import.too_many_lines"
    assert "1,048,576" in error.message("en") and "1,048,576" in error.message("ko")


@BOUNDED
def test_an_excel_zip_bomb_is_refused_before_it_is_unpacked(village: str) -> None:
    row = b'<row><c t="inlineStr"><is><t>H-001</t></is></c></row>'

    def bomb(part: Any) -> None:  # 64 MB of sheet, packed into about 100 KB
        part.write(SHEET_START + b"<sheetData>" + _inline_row(1, HEADER_CELLS))
        chunk = row * (1 << 14)
        for _ in range((64 << 20) // len(chunk)):
            part.write(chunk)
        part.write(b"</sheetData></worksheet>")

    data = _sheet_part(_xlsx([HEADER_CELLS]), bomb)
    assert len(data) < 1 << 20
    error = _refused(village, data, "bomb.xlsx")
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
    error = _refused(village, _xlsx(rows), "big.xlsx")
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
    data = _xlsx([HEADER_CELLS, ["H-001", "2025-01", "electricity", "x", "kWh"]])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        original = archive.read(part)
    body = BILLION_LAUGHS + re.sub(rb"^<\?xml[^>]*\?>\s*", b"", original)
    body = body.replace(b"<t>H-001", b"<t>&lol9;", 1)
    error = _refused(village, _replace_part(data, part, lambda out: out.write(body)), "lol.xlsx")
    # The sheet is read through defusedxml (entities refused); the other parts through
    # lxml's parser with entities left unexpanded: the file is read as if they were not there.
    assert error.key == ("import.bad_excel" if part == SHEET else "import.rejected")


@BOUNDED
def test_a_sheet_damaged_after_its_start_is_refused_with_a_named_error(village: str) -> None:
    body = (
        SHEET_START
        + b'<dimension ref="A1:E3"/><sheetData>'
        + _inline_row(1, HEADER_CELLS)
        + _inline_row(2, ["H-001", "2025-01", "electricity", "1", "kWh"])
        + b'<row r="3"><c r="A3"><v>1</v></c></rowx>'
    )
    error = _refused(village, _sheet_part(_xlsx([HEADER_CELLS]), body), "broken.xlsx")
    assert error.key == "import.bad_excel"


@BOUNDED
def test_too_many_sheets_columns_or_cells_are_refused(
    village: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = [HEADER_CELLS, ["H-001", "2025-01", "electricity", 1, "kWh"]]
    assert _refused(village, _xlsx(good, sheets=17), "s.xlsx").key == "import.too_many_sheets"
    wide = [HEADER_CELLS, ["H-001", "2025-01", "electricity", 1, "kWh", *([None] * 45), "x"]]
    assert _refused(village, _xlsx(wide), "w.xlsx").key == "import.too_many_columns"
    wide_csv = ",".join(HEADER_CELLS + [f"note{n}" for n in range(46)]) + "\n" + GOOD_ROW
    assert _refused(village, wide_csv.encode(), "w.csv").key == "import.too_many_columns"
    monkeypatch.setattr(files, "MAX_CELLS", 50)
    many = [HEADER_CELLS] + [
        ["H-001", f"2025-{m:02d}", "electricity", 1, "kWh"] for m in (1, 2)
    ] * 5
    error = _refused(village, _xlsx(many), "c.xlsx")
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
    keys = _row_keys(_refused(village, _xlsx(rows), "cells.xlsx"))
    assert {"import.field_too_long", "import.value_not_number", "import.household_missing"} <= keys
    csv_rows = HEADER + f"{huge[:5000]},2025-01,electricity,1,kWh\n" + '"=1+1",2025-01,gas,1,MJ\n'
    keys = _row_keys(_refused(village, csv_rows.encode(), "cells.csv"))
    assert {"import.field_too_long", "import.household_format"} <= keys
    # A line longer than any row of readings can be (a 32,000-character cell) is refused
    # whole, at its line, before it is split into fields.
    csv_rows = HEADER + GOOD_ROW + f"{huge},2025-01,electricity,1,kWh\n"
    error = _refused(village, csv_rows.encode(), "huge.csv")
    assert (error.key, error.params["line"]) == ("import.line_too_long", 3)


def test_a_sheets_header_is_its_first_row_with_text_however_wide(village: str) -> None:
    """Rows are cut to the header's width: a row of blanks above it does not set the width."""
    rows = [
        [" "],
        [None, *HEADER_CELLS],
        [None, "H-001", "2025-01", "gas", 10, "GJ"],
    ]
    result = _import(village, _xlsx(rows), "offset.xlsx")
    assert result.added == 1
    assert [r.value for r in result.report.readings] == [10_000.0]  # GJ read: the unit kept


@BOUNDED
def test_a_value_of_1e308_in_excel_is_out_of_range_not_too_long(village: str) -> None:
    rows = [HEADER_CELLS, ["H-001", "2025-01", "electricity", 1e308, "kWh"]]
    error = _refused(village, _xlsx(rows), "big.xlsx")
    assert _row_keys(error) == {"import.value_too_large"}
    digits = "9" * 300  # a whole number of 300 digits, as a sheet may hold it
    body = (
        SHEET_START
        + b"<sheetData>"
        + _inline_row(1, HEADER_CELLS)
        + _inline_row(2, ["H-001", "2025-01", "electricity"])[: -len("</row>")]
        + f'<c r="D2"><v>{digits}</v></c></row>'.encode()
        + b"</sheetData></worksheet>"
    )
    error = _refused(village, _sheet_part(_xlsx([HEADER_CELLS]), body), "digits.xlsx")
    assert _row_keys(error) == {"import.value_too_large"}


@BOUNDED
@pytest.mark.parametrize("value", ["1_000", "٣٠٠", "１２３", "1_0.5", "۱۲"])
def test_only_ascii_digits_are_numbers(village: str, value: str) -> None:
    data = (HEADER + GOOD_ROW + f"H-002,2025-01,electricity,{value},kWh\n").encode()
    error = _refused(village, data, "digits.csv")
    assert isinstance(error, ImportRejected)
    assert [(i.line, i.key) for i in error.report.errors] == [(3, "import.value_digits")]
    assert value in error.report.errors[0].message("en")


@BOUNDED
@pytest.mark.parametrize("month", ["٢٠٢٥-٠١", "２０２５-０１"])
def test_only_ascii_digits_make_a_month(village: str, month: str) -> None:
    data = (HEADER + f"H-002,{month},electricity,1,kWh\n").encode()
    assert _row_keys(_refused(village, data, "months.csv")) == {"import.month_format"}


# --- CSV files --------------------------------------------------------------------------


@BOUNDED
@pytest.mark.parametrize("where", [0, 100_000])
def test_nul_bytes_are_refused_as_not_text(village: str, where: int) -> None:
    filler = GOOD_ROW.replace("H-001", "H-002") * (where // len(GOOD_ROW))
    data = (HEADER + filler).encode() + b"H-001,2025-01,electricity,1\x00,kWh\n"
    assert _refused(village, data, "nul.csv").key == "import.not_text"


@BOUNDED
def test_mixed_encodings_are_refused(village: str) -> None:
    rows = "".join(
        f"H-001,{y}-{m:02d},electricity,1,kWh\n" for y in range(2001, 2025) for m in range(1, 13)
    )
    data = (HEADER + rows * 30).encode() + "H-001,2025-01,전기,1,kWh\n".encode("cp949")
    assert len(data) > files.SNIFF_BYTES
    assert _refused(village, data, "mixed.csv").key == "import.encoding"


class _Lazy(io.RawIOBase):
    """``size`` bytes made on demand: ``head``, then ``fill`` repeated (never held whole)."""

    def __init__(self, head: bytes, fill: bytes, size: int) -> None:
        self.head, self.fill, self.size, self.at = head, fill, size, 0
        self.reads = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        self.at = {0: offset, 1: self.at + offset, 2: self.size + offset}[whence]
        return self.at

    def tell(self) -> int:
        return self.at

    def readinto(self, buffer: Any) -> int:
        count = min(len(buffer), self.size - self.at)
        if count <= 0:
            return 0
        self.reads += count
        out = bytearray()
        position = self.at
        while len(out) < count:
            if position < len(self.head):
                piece = self.head[position : position + count - len(out)]
            else:
                offset = (position - len(self.head)) % len(self.fill)
                piece = self.fill[offset : offset + count - len(out)]
            out += piece
            position += len(piece)
        buffer[:count] = out
        self.at += count
        return count


@BOUNDED
@pytest.mark.parametrize("head", [b"", HEADER.encode()])
def test_a_100_mb_line_is_refused_without_reading_it(village: str, head: bytes) -> None:
    lazy = _Lazy(head, b"a" * 4096, 100 << 20)
    error = _refused(village, io.BufferedReader(lazy), "line.csv")
    assert error.key == "import.line_too_long"
    assert error.params["line"] == (2 if head else 1)
    assert lazy.reads < 4 * files.BLOCK_BYTES  # (read twice: to import, to check)


@BOUNDED
def test_a_file_larger_than_the_bound_is_refused_unread(village: str) -> None:
    lazy = _Lazy(HEADER.encode(), GOOD_ROW.encode(), files.MAX_FILE_BYTES + 1)
    assert _refused(village, io.BufferedReader(lazy), "huge.csv").key == "import.file_too_large"
    assert lazy.reads == 0


@BOUNDED
@pytest.mark.parametrize("quoted", [False, True])
def test_a_file_with_more_lines_than_the_bound_is_refused(
    village: str, monkeypatch: pytest.MonkeyPatch, quoted: bool
) -> None:
    monkeypatch.setattr(files, "MAX_LINES", 20)
    row = '"H-001",2025-01,electricity,1,kWh\n' if quoted else GOOD_ROW
    data = (HEADER + row * 25).encode()
    error = _refused(village, data, "long.csv")
    assert error.key == "import.too_many_lines" and "20" in error.message("en")
    assert (HEADER + row * 19).encode().count(b"\n") == 20  # within the bound: read
    assert len(list(read_rows((HEADER + row * 19).encode(), "ok.csv"))) == 19


# --- what the import holds while it reads -------------------------------------------------


class _Watched(ReadingsFile):
    """A readings file that calls ``probe`` once its reading has begun (mid-parse)."""

    def __init__(self, source: bytes, filename: str, probe: Callable[[], None]) -> None:
        super().__init__(source, filename)
        self.probe = probe
        self.probed = 0

    def parts(self) -> Iterator[Part]:
        for part in super().parts():
            if isinstance(part, Columns):
                self._once()
                yield part
            else:
                yield self._rows(part)

    def _rows(self, part: Any) -> Iterator[Any]:
        for row in part:
            self._once()
            yield row

    def _once(self) -> None:
        if not self.probed:
            self.probed += 1
            self.probe()


def _no_write_lock(url: str) -> None:
    """Another connection can take the write lock now, without waiting."""
    if url.startswith("sqlite"):
        path = make_url(url).database
        assert path is not None
        other = sqlite3.connect(Path(path), timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # 'database is locked' if a writer holds it
            other.execute("ROLLBACK")
        finally:
            other.close()
    else:
        engine = create_engine(url)
        try:
            with engine.begin() as conn:
                conn.execute(text("SELECT id FROM villages WHERE code = 'V-1' FOR UPDATE NOWAIT"))
        finally:
            engine.dispose()


@BOUNDED
@pytest.mark.parametrize("name", ["padded.xlsx", "plain.csv", "quoted.csv"])
def test_no_write_lock_is_held_while_a_file_is_read(village: str, name: str) -> None:
    """While the import reads the file, another connection takes the write lock without
    waiting, and a write through the library (a household added) succeeds."""
    source = {
        "padded.xlsx": padded_dimension_xlsx(),
        "plain.csv": (HEADER + GOOD_ROW).encode(),
        "quoted.csv": (HEADER + '"H-001",2025-01,electricity,1,kWh\n').encode(),
    }[name]

    def probe() -> None:
        _no_write_lock(village)
        households.add_household(
            CLI_ACTOR, "V-2", code="H-900", joined_on=dt.date(2024, 4, 1), url=village
        )

    rows = _Watched(source, name, probe)
    try:
        import_readings(CLI_ACTOR, "V-1", rows, filename=name, today=TODAY, url=village)
    except ImportRejected:
        assert name == "padded.xlsx"
    assert rows.probed == 1
    with db.session_for(CLI_ACTOR, url=village) as session:
        assert session.scalar(select(func.count()).where(Household.code == "H-900")) == 1


@BOUNDED
def test_a_value_written_while_the_file_was_read_is_a_conflict_not_overwritten(
    village: str,
) -> None:
    """A concurrent import lands between the check and the write: the outer import sees it
    in its write transaction, and its differing value is a conflict, kept as stored."""
    march = "H-001,2025-03,electricity,300,kWh\n"

    def probe() -> None:
        _no_write_lock(village)
        _import(village, (HEADER + march.replace("300", "999")).encode(), "other.csv")

    rows = _Watched((HEADER + GOOD_ROW + march).encode(), "mine.csv", probe)
    result = import_readings(CLI_ACTOR, "V-1", rows, filename="mine.csv", today=TODAY, url=village)
    assert (result.added, result.changed, result.dropped) == (1, 0, 1)
    assert [(c.stored, c.new) for c in result.report.conflicts] == [(999.0, 300.0)]
    with db.session_for(CLI_ACTOR, url=village) as session:
        assert (
            session.scalar(select(Reading.value).where(Reading.month == dt.date(2025, 3, 1)))
            == 999.0
        )


@BOUNDED
def test_a_household_registered_while_the_file_was_read_is_not_registered_twice(
    village: str,
) -> None:
    def probe() -> None:
        households.add_household(
            CLI_ACTOR, "V-1", code="H-003", joined_on=dt.date(2024, 4, 1), url=village
        )

    data = (HEADER + GOOD_ROW.replace("H-001", "H-003")).encode()
    rows = _Watched(data, "new.csv", probe)
    result = import_readings(
        CLI_ACTOR, "V-1", rows, register_households=True, today=TODAY, url=village
    )
    assert result.added == 1 and result.report.new_households == []
    with db.session_for(CLI_ACTOR, url=village) as session:
        assert session.scalar(select(func.count()).where(Household.code == "H-003")) == 1


@BOUNDED
def test_a_household_removed_while_the_file_was_read_stops_the_import(village: str) -> None:
    """The write transaction reads the households again: rows for one that is gone are not
    written (SQLite's bulk insert leaves foreign keys to the import's own checks)."""

    def probe() -> None:
        engine = create_engine(village)
        try:
            with engine.begin() as conn:
                conn.execute(text("DELETE FROM households WHERE code = 'H-002'"))
        finally:
            engine.dispose()

    rows = _Watched((HEADER + GOOD_ROW.replace("H-001", "H-002")).encode(), "gone.csv", probe)
    before = _state(village)
    with pytest.raises(ImportChangedMeanwhile) as caught:
        import_readings(CLI_ACTOR, "V-1", rows, today=TODAY, url=village)
    assert caught.value.key == "import.households_changed"
    after = _state(village)
    assert after == {**before, "households": before["households"] - 1}


def test_an_import_that_changes_nothing_records_nothing(village: str) -> None:
    data = (HEADER + GOOD_ROW).encode()
    first = _import(village, data, "once.csv")
    assert first.batch_id is not None and first.added == 1
    before = _state(village)
    again = _import(village, data, "twice.csv")
    assert (again.batch_id, again.added, again.changed, again.unchanged) == (None, 0, 0, 1)
    differing = _import(village, data.replace(b"312.5", b"400"), "differs.csv")
    assert (differing.batch_id, differing.dropped) == (None, 1)
    assert _state(village) == before


def test_every_bound_has_its_message_in_both_languages() -> None:
    for key in (
        "import.file_too_large",
        "import.too_many_lines",
        "import.too_many_columns",
        "import.line_too_long",
        "import.too_many_sheets",
        "import.too_many_cells",
        "import.excel_unpacks_too_large",
        "import.households_changed",
        "import.value_digits",
    ):
        for lang in ("ko", "en"):
            message = translate(key, lang, limit=1, line=2, value="x")
            assert message != key and "{" not in message


def test_a_file_problem_is_a_named_error() -> None:
    with pytest.raises(FileProblem) as caught:
        list(read_rows(b"\x00\x01", "x.csv"))
    assert caught.value.key == "import.not_text"
