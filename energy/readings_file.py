"""Reading a readings file (CSV or Excel) into raw rows, without judging them.

The canonical format (DOMAIN.md): ``household,month,carrier,value,unit``. Files saved by
Korean Excel arrive as CP949 or as UTF-8 with a byte-order mark: both are read. Korean
column names (가구, 월, 에너지원, 사용량, 단위) are accepted too, since that is what a
committee's own spreadsheet says. Rows stream: a large file is never held twice.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, NamedTuple

from energy.errors import InvalidInput

COLUMNS = ("household", "month", "carrier", "value", "unit")
REQUIRED = ("household", "month", "carrier", "value")
HEADER_ALIASES = {
    "household": "household", "가구": "household", "가구코드": "household", "가구 코드": "household",
    "month": "month", "월": "month", "년월": "month", "연월": "month", "사용월": "month",
    "carrier": "carrier", "에너지원": "carrier", "종류": "carrier", "에너지": "carrier",
    "value": "value", "사용량": "value", "값": "value", "양": "value",
    "unit": "unit", "단위": "unit",
}  # fmt: skip
XLSX_MAGIC = b"PK\x03\x04"
# A field longer than this is not a reading; refuse it before it costs memory.
MAX_FIELD_CHARS = 200
SNIFF_BYTES = 64 * 1024


class RawRow(NamedTuple):
    """One data row as typed; ``line`` is the 1-based line (or sheet row) in the file.

    A named tuple, not a dataclass: a million of them pass through an import.
    """

    line: int | None
    household: str
    month: str
    carrier: str
    value: str
    unit: str = ""


class FileProblem(InvalidInput):
    """The file as a whole cannot be read (encoding, header, format)."""


def _normalise_header(cells: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = HEADER_ALIASES.get(cell.strip().lstrip("\ufeff").strip().lower())
        if name and name not in positions:
            positions[name] = index
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        raise FileProblem("import.missing_columns", columns=", ".join(missing))
    return positions


def _rows_from_cells(cells_iter: Iterator[tuple[int, list[str]]]) -> Iterator[RawRow]:
    header: dict[str, int] | None = None
    for _line, cells in cells_iter:
        if "".join(cells).strip():
            header = _normalise_header(cells)
            break
    if header is None:
        raise FileProblem("import.empty_file")
    width = len(cells)
    widest = max(width, len(COLUMNS))
    needed = max(header.values()) + 1
    h, m, c, v = header["household"], header["month"], header["carrier"], header["value"]
    u = header.get("unit", -1)
    make = tuple.__new__  # RawRow(...) without the named tuple's Python-level __new__
    for line, cells in cells_iter:  # a million times: every step here is counted
        count = len(cells)
        if count < needed or count > widest:
            if "".join(cells).strip():
                yield RawRow(line, "", "", "", f"\x00fields:{count}:{width}", "")
            continue
        if max(map(len, cells)) > MAX_FIELD_CHARS:
            yield RawRow(line, "", "", "", "\x00too-long", "")
            continue
        household, month = cells[h].strip(), cells[m].strip()
        carrier, value = cells[c].strip(), cells[v].strip()
        unit = cells[u].strip() if 0 <= u < count else ""
        if household or month or carrier or value or unit or "".join(cells).strip():
            yield make(RawRow, (line, household, month, carrier, value, unit))


def _detect_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the sniff boundary is still UTF-8.
        if exc.start >= len(head) - 3:
            return "utf-8"
    try:
        head.decode("cp949")
        return "cp949"
    except UnicodeDecodeError as exc:
        raise FileProblem("import.encoding") from exc


def _csv_rows(binary: IO[bytes]) -> Iterator[RawRow]:
    head = binary.read(SNIFF_BYTES)
    if b"\x00" in head:
        raise FileProblem("import.not_text")
    encoding = _detect_encoding(head)
    binary.seek(0)
    text = io.TextIOWrapper(binary, encoding=encoding, newline="")

    def cells() -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(text)
        try:
            for row in reader:
                yield reader.line_num, row
        except UnicodeDecodeError as exc:
            raise FileProblem("import.encoding") from exc
        except csv.Error as exc:
            raise FileProblem("import.bad_csv", line=reader.line_num) from exc

    yield from _rows_from_cells(cells())


def _excel_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(binary: IO[bytes]) -> Iterator[RawRow]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(binary, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise FileProblem("import.bad_excel") from exc
    try:
        sheet = workbook.worksheets[0]

        def cells() -> Iterator[tuple[int, list[str]]]:
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, [_excel_cell(v) for v in row]

        yield from _rows_from_cells(cells())
    finally:
        workbook.close()


def read_rows(source: bytes | Path | IO[bytes], filename: str = "") -> Iterator[RawRow]:
    """Raw rows of a CSV or Excel readings file; :class:`FileProblem` if it is not one."""
    if isinstance(source, bytes):
        binary: IO[bytes] = io.BytesIO(source)
    elif isinstance(source, Path):
        binary = source.open("rb")
        filename = filename or source.name
    else:
        binary = source
    try:
        head = binary.read(len(XLSX_MAGIC))
        binary.seek(0)
        if not head:
            raise FileProblem("import.empty_file")
        if head == XLSX_MAGIC or filename.lower().endswith((".xlsx", ".xlsm")):
            yield from _xlsx_rows(binary)
        else:
            yield from _csv_rows(binary)
    finally:
        if isinstance(source, Path):
            binary.close()


def template_csv() -> bytes:
    """The canonical template, with example rows, as UTF-8 with a BOM (Korean Excel opens it)."""
    lines = [
        ",".join(COLUMNS),
        "H-001,2025-01,electricity,312.5,kWh",
        "H-001,2025-01,gas,1450,MJ",
        "H-001,2025-01,water,14,m3",
        "H-002,2025-01,electricity,280,kWh",
        "H-002,2025-01,gas,120,m3",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "readings"
    sheet.append(list(COLUMNS))
    for row in template_csv().decode("utf-8-sig").splitlines()[1:]:
        household, month, carrier, value, unit = row.split(",")
        sheet.append([household, month, carrier, float(value), unit])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
