"""Reading a readings file (CSV or Excel) into raw rows, without judging them.

The canonical format (DOMAIN.md): ``household,month,carrier,value,unit``. Files saved by
Korean Excel arrive as CP949 or as UTF-8 with a byte-order mark: both are read. Korean
column names (가구, 월, 에너지원, 사용량, 단위) are accepted too, since that is what a
committee's own spreadsheet says. Rows stream: a large file is never held twice.

A file is bounded before it is trusted: at most :data:`MAX_FILE_BYTES` bytes, :data:`MAX_LINES`
lines (Excel's own row limit), :data:`MAX_COLUMNS` columns and :data:`MAX_LINE_CHARS`
characters a line; an Excel file at most :data:`MAX_SHEETS` sheets, :data:`MAX_CELLS` filled
cells and :data:`MAX_UNPACKED_BYTES` unpacked (each part at most :data:`MAX_PACK_RATIO` times
its packed size), its sheet read without trusting the size it declares. Beyond a bound the
reading stops with a :class:`FileProblem` that names it.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, NamedTuple

import numpy as np

from energy.core.errors import InvalidInput

try:  # pyarrow comes with Streamlit; without it every file is read row by row
    import pyarrow as pa
    from pyarrow import csv as pa_csv
except ImportError:  # pragma: no cover
    pa = pa_csv = None

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
# The bounds of a readings file. A million-row CSV file (the largest import measured) is
# about 40 MB; Excel holds at most 1,048,576 rows, so no readings file needs more lines.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_LINES = 1_048_576
# The format has five columns; a few more (notes) are allowed and ignored.
MAX_COLUMNS = 50
# No row of readings needs a longer line: MAX_COLUMNS fields of MAX_FIELD_CHARS, quoted.
MAX_LINE_CHARS = MAX_COLUMNS * (MAX_FIELD_CHARS + 3)
# Excel: the first sheet is read; a few more (instructions) may be there.
MAX_SHEETS = 16
# Five filled cells a row, and a spare, for the most rows a sheet has.
MAX_CELLS = 6 * MAX_LINES
# A sheet of a million rows unpacks to a few hundred MB; real workbooks pack 5-20 times.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_PACK_RATIO = 100
# (a part this small may pack any way it likes)
SMALL_PART_BYTES = 1024 * 1024
# A plain CSV file is read this much at a time (column by column): bounded memory.
BLOCK_BYTES = 1 << 20
# A plain block with more lines than this that its columns cannot carry (blank, ragged or
# long lines) is read row by row: a part per run of such lines would cost more.
MAX_ODD_LINES = 64


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


class _NotPlain(Exception):
    """A block the column-by-column reading cannot carry: it is read row by row."""


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


class Layout(NamedTuple):
    """Where the header put each column, and how many fields a data row may have."""

    width: int  # the header's field count
    widest: int
    needed: int
    household: int
    month: int
    carrier: int
    value: int
    unit: int  # -1: no unit column


def _layout(cells_iter: Iterator[tuple[int, list[str]]]) -> Layout:
    """Read up to the header (the first row that is not blank) and say where things are."""
    for _line, cells in cells_iter:
        if "".join(cells).strip():
            if len(cells) > MAX_COLUMNS:
                raise FileProblem("import.too_many_columns", limit=MAX_COLUMNS)
            header = _normalise_header(cells)
            width = len(cells)
            return Layout(
                width,
                max(width, len(COLUMNS)),
                max(header.values()) + 1,
                header["household"],
                header["month"],
                header["carrier"],
                header["value"],
                header.get("unit", -1),
            )
    raise FileProblem("import.empty_file")


def _data_rows(layout: Layout, cells_iter: Iterable[tuple[int, list[str]]]) -> Iterator[RawRow]:
    width, widest, needed, h, m, c, v, u = layout
    make = tuple.__new__  # RawRow(...) without the named tuple's Python-level __new__
    for line, cells in cells_iter:  # a million times: every step here is counted
        if line > MAX_LINES:
            raise FileProblem("import.too_many_lines", limit=f"{MAX_LINES:,}")
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


def _rows_from_cells(cells_iter: Iterator[tuple[int, list[str]]]) -> Iterator[RawRow]:
    layout = _layout(cells_iter)
    yield from _data_rows(layout, cells_iter)


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


def _sniff(binary: IO[bytes]) -> str:
    """The text encoding of a CSV file, judged from its start; the stream is rewound."""
    head = binary.read(SNIFF_BYTES)
    if b"\x00" in head:
        raise FileProblem("import.not_text")
    encoding = _detect_encoding(head)
    binary.seek(0)
    return encoding


def _bounded_lines(text: IO[str], lines_before: int) -> Iterator[str]:
    """The lines of ``text``, each read at most :data:`MAX_LINE_CHARS` at a time: a longer
    line is refused before it is held whole."""
    number = lines_before
    while line := text.readline(MAX_LINE_CHARS + 1):
        number += 1
        if "\x00" in line:  # no text file holds a NUL
            raise FileProblem("import.not_text")
        if len(line) > MAX_LINE_CHARS and line[-1] not in "\r\n":
            raise FileProblem("import.line_too_long", line=number, limit=f"{MAX_LINE_CHARS:,}")
        yield line


def _csv_cells(text: IO[str], lines_before: int = 0) -> Iterator[tuple[int, list[str]]]:
    """Each record's cells with its file line (records read after ``lines_before`` lines)."""
    reader = csv.reader(_bounded_lines(text, lines_before))
    try:
        for row in reader:
            yield lines_before + reader.line_num, row
    except UnicodeDecodeError as exc:
        raise FileProblem("import.encoding") from exc
    except csv.Error as exc:
        raise FileProblem("import.bad_csv", line=lines_before + reader.line_num) from exc


def _csv_rows(binary: IO[bytes]) -> Iterator[RawRow]:
    encoding = _sniff(binary)
    text = io.TextIOWrapper(binary, encoding=encoding, newline="")
    yield from _rows_from_cells(_csv_cells(text))


def _csv_rest(
    binary: IO[bytes], start: int, lines_before: int, layout: Layout | None
) -> Iterator[RawRow]:
    """The rows from byte ``start`` (a line start, after ``lines_before`` lines) to the end,
    read as the row-by-row reading reads them."""
    binary.seek(start)
    cells = _csv_cells(io.TextIOWrapper(binary, encoding="utf-8", newline=""), lines_before)
    yield from _rows_from_cells(cells) if layout is None else _data_rows(layout, cells)


# A whole float below this is written without its ".0"; a larger one keeps its exponent
# (1e308 as "1e+308", judged as a number out of range, not 309 digits judged too long).
WHOLE_FLOAT_LIMIT = 1e15


def _excel_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, float) and value.is_integer() and abs(value) < WHOLE_FLOAT_LIMIT:
        return str(int(value))
    if isinstance(value, int) and abs(value) >= WHOLE_FLOAT_LIMIT:  # a cell of 300 digits
        try:
            return repr(float(value))
        except OverflowError:
            return "inf"  # (beyond any float: not a number)
    return str(value)


def _check_archive(binary: IO[bytes]) -> None:
    """Refuse an Excel file whose parts would unpack beyond the bounds, before any is read.
    (Python's zip reader stops a part at the size its entry declares, so the declared sizes
    bound what is read.)"""
    try:
        with zipfile.ZipFile(binary) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileProblem("import.bad_excel") from exc
    finally:
        binary.seek(0)
    sheets = [e for e in entries if e.filename.lower().startswith("xl/worksheets/")
              and e.filename.lower().endswith(".xml")]  # fmt: skip
    if len(sheets) > MAX_SHEETS:
        raise FileProblem("import.too_many_sheets", limit=MAX_SHEETS)
    unpacked = 0
    for entry in entries:
        unpacked += entry.file_size
        if entry.file_size > SMALL_PART_BYTES and (
            entry.file_size > MAX_PACK_RATIO * max(entry.compress_size, 1)
        ):
            raise FileProblem("import.excel_unpacks_too_large", limit=MAX_UNPACKED_BYTES >> 20)
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileProblem("import.excel_unpacks_too_large", limit=MAX_UNPACKED_BYTES >> 20)


def _sheet_cells(sheet: Any) -> Iterator[tuple[int, list[str]]]:
    """The first sheet's rows as cells, read in the columns a readings file may have and one
    more (a cell there refuses the file; cells further right are never read), whatever size
    the sheet declares: blank rows skipped, each row cut to the header's width (at least the
    format's five columns)."""
    sheet.reset_dimensions()  # a declared A1:XFD1048576 would pad every row to 16,384 cells
    width = 0
    cells = 0
    for number, row in enumerate(
        sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True), start=1
    ):
        if number > MAX_LINES:
            raise FileProblem("import.too_many_lines", limit=f"{MAX_LINES:,}")
        empty = row.count(None)
        if empty == len(row):
            continue
        if row[MAX_COLUMNS] is not None:
            raise FileProblem("import.too_many_columns", limit=MAX_COLUMNS)
        cells += len(row) - empty
        if cells > MAX_CELLS:
            raise FileProblem("import.too_many_cells", limit=f"{MAX_CELLS:,}")
        if not width:  # the header is the first row with text (as the reading's layout says)
            cells_text = [_excel_cell(v) for v in row]
            if not "".join(cells_text).strip():
                continue
            width = max(i for i, text in enumerate(cells_text) if text.strip()) + 1
            width = max(width, len(COLUMNS))
        yield number, [_excel_cell(v) for v in row[:width]]


def _xlsx_rows(binary: IO[bytes]) -> Iterator[RawRow]:
    from openpyxl import load_workbook

    _check_archive(binary)
    try:
        workbook = load_workbook(binary, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise FileProblem("import.bad_excel") from exc
    try:
        if not workbook.worksheets:
            raise FileProblem("import.empty_file")
        yield from _rows_from_cells(_sheet_cells(workbook.worksheets[0]))
    except FileProblem:
        raise
    except Exception as exc:  # a part damaged (or hostile: XML entities) past its start
        raise FileProblem("import.bad_excel") from exc
    finally:
        workbook.close()


def arrow_pool() -> Any:
    """Where pyarrow allocates for an import: the C library's allocator, which gives freed
    blocks back; pyarrow's default pool kept ~40 MB more at the peak of a 1M-row import."""
    return pa.system_memory_pool()


class Columns:
    """Rows of a plain block, column by column: a pyarrow string array per header field (the
    cells as typed, not stripped) and each row's file line. Every row has the header's width
    and no field near :data:`MAX_FIELD_CHARS`."""

    __slots__ = ("cells", "layout", "lines")

    def __init__(self, layout: Layout, lines: np.ndarray, cells: list[Any]) -> None:
        self.layout, self.lines, self.cells = layout, lines, cells

    def __len__(self) -> int:
        return len(self.lines)

    def row(self, i: int) -> RawRow | None:
        """Row ``i`` as the row-by-row reading gives it (None: a blank row, which it skips)."""
        cells = [column[int(i)].as_py() for column in self.cells]
        return next(_data_rows(self.layout, [(int(self.lines[i]), cells)]), None)


# A part of a file: rows one by one, or a plain block's rows column by column.
Part = Iterable[RawRow] | Columns


def _plain(block: bytes) -> bytes | None:
    """``block``, ending in a line end, if it may be plain CSV: UTF-8 with no quote, NUL or
    byte-order mark (lone carriage returns are looked for with the lines)."""
    if b'"' in block or b"\x00" in block or codecs.BOM_UTF8 in block:
        return None
    try:
        codecs.utf_8_decode(block, "strict", True)
    except UnicodeDecodeError:
        return None
    return block if block.endswith(b"\n") else block + b"\n"


def _cells(line: bytes) -> list[str]:
    return line.decode("utf-8").split(",") if line else []  # as csv.reader splits a plain line


def _parse(data: bytes, layout: Layout, lines: np.ndarray) -> Columns:
    names = [str(i) for i in range(layout.width)]
    table = pa_csv.read_csv(
        io.BytesIO(data),
        # One thread: the parse is a small share of an import, and pyarrow's worker threads
        # would keep memory arenas of their own for the rest of the process. One chunk.
        read_options=pa_csv.ReadOptions(
            column_names=names, use_threads=False, block_size=len(data) + 1
        ),
        parse_options=pa_csv.ParseOptions(
            quote_char=False, newlines_in_values=False, ignore_empty_lines=False
        ),
        convert_options=pa_csv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()),
            null_values=[],
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
        memory_pool=arrow_pool(),
    )
    if table.num_rows != len(lines):  # pragma: no cover - a plain block parses line by line
        raise _NotPlain
    pool = arrow_pool()
    return Columns(layout, lines, [table.column(n).combine_chunks(pool) for n in names])


def _block_parts(
    block: bytes, first_line: int, layout: Layout | None
) -> tuple[Layout | None, list[Part]]:
    """The parts of a plain block whose first line is file line ``first_line``; the header
    is looked for first while ``layout`` is None. A line is a record: each ends in LF or
    CRLF, and a carriage return anywhere else (a line end to csv.reader) is not plain."""
    data = np.frombuffer(block, np.uint8)
    ends = np.flatnonzero(data == ord("\n"))
    if first_line + len(ends) - 1 > MAX_LINES:
        raise FileProblem("import.too_many_lines", limit=f"{MAX_LINES:,}")
    starts = np.concatenate(([0], ends[:-1] + 1))
    stops = ends  # where each line's text stops
    returns = np.flatnonzero(data == ord("\r"))
    if len(returns):  # (the block ends in LF, so a CR is never its last byte)
        if not (data[returns + 1] == ord("\n")).all():
            raise _NotPlain
        stops = ends - (data[ends - 1] == ord("\r"))
    if int((stops - starts).max()) > min(csv.field_size_limit(), MAX_LINE_CHARS):
        raise _NotPlain  # csv.reader may refuse one of its fields, or the line
    start = 0
    if layout is None:
        while (
            start < len(ends) and not "".join(_cells(block[starts[start] : stops[start]])).strip()
        ):
            start += 1
        if start == len(ends):
            return None, []
        layout = _layout(iter([(first_line + start, _cells(block[starts[start] : stops[start]]))]))
        start += 1
    commas = np.diff(np.searchsorted(np.flatnonzero(data == ord(",")), ends), prepend=0)
    regular = (commas == layout.width - 1) & (stops - starts <= MAX_FIELD_CHARS)
    regular[:start] = False
    lines = np.arange(first_line, first_line + len(ends), dtype=np.int64)
    parts: list[Part] = []
    if len(ends) - start - int(regular[start:].sum()) > MAX_ODD_LINES:
        regular[:] = False  # many lines to judge one by one: one part, row by row
    changes = np.flatnonzero(np.diff(regular[start:])) + start + 1
    for a, b in zip([start, *changes.tolist()], [*changes.tolist(), len(ends)], strict=True):
        if a == b:
            continue
        if regular[a]:
            parts.append(_parse(block[starts[a] : ends[b - 1] + 1], layout, lines[a:b]))
        else:
            odd = [(int(lines[j]), _cells(block[starts[j] : stops[j]])) for j in range(a, b)]
            parts.append(list(_data_rows(layout, odd)))
    return layout, parts


def _plain_parts(binary: IO[bytes], encoding: str) -> Iterator[Part]:
    """A UTF-8 CSV file block by block: each plain block's rows column by column (parsed by
    pyarrow's CSV reader); from the first block that is not plain on, row by row."""
    start = len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0
    binary.seek(start)
    lines_before = 0
    layout: Layout | None = None
    pending = b""
    while True:
        data = binary.read(BLOCK_BYTES)
        block = pending + data
        if not block:
            break
        cut = block.rfind(b"\n") + 1 if data else len(block)
        block, pending = block[:cut], block[cut:]
        if len(pending) > 4 * MAX_LINE_CHARS:  # (UTF-8: up to 4 bytes a character)
            yield _csv_rest(binary, start, lines_before, layout)  # says which line is too long
            return
        plain = _plain(block) if block else None
        try:
            if plain is None:
                raise _NotPlain
            layout, parts = _block_parts(plain, lines_before + 1, layout)
        except (_NotPlain, pa.ArrowException):
            yield _csv_rest(binary, start, lines_before, layout)
            return
        yield from parts
        start += len(block)
        lines_before += plain.count(b"\n")
    if layout is None:
        raise FileProblem("import.empty_file")


class ReadingsFile:
    """The raw rows of a CSV or Excel readings file.

    Iterated, it gives them one by one (:class:`RawRow`), read row by row: the reference
    reading. :meth:`parts` gives the same rows, with a plain UTF-8 CSV file's blocks column
    by column (:class:`Columns`) for the checks to judge a block at a time. Either way the
    file is opened when reading starts, and :class:`FileProblem` says it is not one.
    """

    def __init__(self, source: bytes | Path | IO[bytes], filename: str = "") -> None:
        self.source = source
        self.filename = filename or (source.name if isinstance(source, Path) else "")

    def __iter__(self) -> Iterator[RawRow]:
        for part in self._read(columns=False):
            assert not isinstance(part, Columns)
            yield from part

    def parts(self) -> Iterator[Part]:
        return self._read(columns=pa is not None)

    def _read(self, *, columns: bool) -> Iterator[Part]:
        with _opened(self.source) as binary:
            head = binary.read(len(XLSX_MAGIC))
            binary.seek(0)
            if head == XLSX_MAGIC or self.filename.lower().endswith((".xlsx", ".xlsm")):
                yield _xlsx_rows(binary)
            elif columns and (encoding := _sniff(binary)) in ("utf-8", "utf-8-sig"):
                yield from _plain_parts(binary, encoding)
            else:
                yield _csv_rows(binary)


@contextmanager
def _opened(source: bytes | Path | IO[bytes]) -> Iterator[IO[bytes]]:
    """``source`` as a binary stream at its start, refused when it is empty or larger than
    :data:`MAX_FILE_BYTES`; a file opened here is closed after."""
    if isinstance(source, bytes):
        binary: IO[bytes] = io.BytesIO(source)
    elif isinstance(source, Path):
        binary = source.open("rb")
    else:
        binary = source
    try:
        binary.seek(0, io.SEEK_END)
        size = binary.tell()
        binary.seek(0)
        if size > MAX_FILE_BYTES:
            raise FileProblem("import.file_too_large", limit=MAX_FILE_BYTES >> 20)
        if not size:
            raise FileProblem("import.empty_file")
        yield binary
    finally:
        if isinstance(source, Path):
            binary.close()


def csv_records(source: bytes | Path | IO[bytes]) -> Iterator[tuple[int, list[str]]]:
    """Each record of a CSV file with its 1-based file line, the cells as typed: for files
    other than readings (daily temperatures). Read as a readings file is: UTF-8, UTF-8 with
    a byte-order mark or CP949, within the same bounds; :class:`FileProblem` says why not."""
    with _opened(source) as binary:
        text = io.TextIOWrapper(binary, encoding=_sniff(binary), newline="")
        try:
            for line, cells in _csv_cells(text):
                if line > MAX_LINES:
                    raise FileProblem("import.too_many_lines", limit=f"{MAX_LINES:,}")
                yield line, cells
        finally:
            text.detach()  # the caller's stream stays open


def read_rows(source: bytes | Path | IO[bytes], filename: str = "") -> ReadingsFile:
    """Raw rows of a CSV or Excel readings file; :class:`FileProblem` if it is not one."""
    return ReadingsFile(source, filename)


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
