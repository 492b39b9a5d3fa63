"""What the hostile-file tests share: a village with two households, the store's state, an
import that must be refused in both languages, and Excel files written part by part.

The files are made in the tests, in their own directory or in memory: none is committed.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from energy.core.access import CLI_ACTOR
from energy.core.errors import EnergyError
from energy.readings.files import read_rows
from energy.readings.imports import ImportRejected, check_readings, import_readings
from energy.store import db
from energy.store.models.readings import Household, Reading, ReadingBatch
from energy.store.models.system import AuditEntry

TODAY = dt.date(2026, 11, 25)
HEADER = "household,month,carrier,value,unit\n"
GOOD_ROW = "H-001,2025-01,electricity,312.5,kWh\n"
# A hostile file is refused in well under a second once bounded; without the bounds the
# padded sheet alone costs about 17 minutes. (A generous bound, not a measurement.)
BOUNDED = pytest.mark.timeout(120)


def store_state(url: str) -> dict[str, Any]:
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


def import_file(url: str, source: Any, name: str, **options: Any) -> Any:
    return import_readings(
        CLI_ACTOR, "V-1", read_rows(source, name), filename=name, today=TODAY, url=url, **options
    )


def refused(url: str, source: Any, name: str) -> EnergyError:
    """The file is refused (as a whole or row by row) in both languages, the store unchanged;
    checking it (the page's first step) says the same."""
    before = store_state(url)
    with pytest.raises(EnergyError) as caught:
        import_file(url, source, name)
    error = caught.value
    for lang in ("ko", "en"):
        message = error.message(lang)
        assert message.strip() and message != error.key
    if isinstance(error, ImportRejected):
        assert error.report.errors
        for issue in error.report.issues:
            for lang in ("ko", "en"):
                assert issue.message(lang) != issue.key
    assert store_state(url) == before, "a refused file changed the store"
    if isinstance(source, io.IOBase):
        source.seek(0)
    if not isinstance(error, ImportRejected):
        with pytest.raises(type(error)) as again:
            check_readings(CLI_ACTOR, "V-1", read_rows(source, name), today=TODAY, url=url)
        assert again.value.key == error.key
    return error


def row_keys(error: EnergyError) -> set[str]:
    assert isinstance(error, ImportRejected)
    return {issue.key for issue in error.report.errors}


def xlsx(rows: list[list[Any]], *, sheets: int = 1) -> bytes:
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


def replace_part(data: bytes, name: str, write: Callable[[Any], None]) -> bytes:
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


def sheet_part(data: bytes, body: bytes | Callable[[Any], None]) -> bytes:
    """``data`` with its first sheet's part replaced by ``body`` (or what it writes)."""
    return replace_part(data, SHEET, body if callable(body) else lambda part: part.write(body))


def inline_row(number: int, cells: list[str]) -> bytes:
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
        + inline_row(1, HEADER_CELLS)
        + inline_row(1_048_576, ["H-001"])
        + b"</sheetData></worksheet>"
    )
    return sheet_part(xlsx([HEADER_CELLS]), body)
