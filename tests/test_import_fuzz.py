"""Malformed readings files, generated (hypothesis): each is either rejected with a readable
report, leaving the store exactly as it was, or imported correctly. Never a crash, never a
half-saved file, never a message key shown instead of words."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from energy.core.access import CLI_ACTOR
from energy.core.errors import EnergyError
from energy.readings.files import read_rows
from energy.readings.imports import ImportRejected, import_readings
from energy.villages import directory as villages
from energy.villages import households
from tests.readings.hostile import store_state

TODAY = dt.date(2026, 11, 25)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HEADERS = ["household", "month", "carrier", "value", "unit", "가구", "월", "에너지원", "사용량", "단위", "", "extra"]  # fmt: skip
CELLS = st.one_of(
    st.sampled_from(["H-001", "H-002", "H-999", "h 001", "", " ", "\x00", "\ufeff"]),
    st.sampled_from(
        ["2025-01", "2025-13", "2030-01", "1999-12", "2025년 3월", "25-1", "2024-02-30"]
    ),
    st.sampled_from(["electricity", "gas", "전기", "수도", "steam", "GAS", "태양광"]),
    st.sampled_from(["kWh", "MJ", "m3", "㎥", "Gcal", "lbs", ""]),
    st.sampled_from(["=1+2", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", '=HYPERLINK("x")']),
    st.sampled_from(["1e308", "-1", "NaN", "inf", "9" * 40, "1,234.5", "0x10", "1_000", "١٢٣"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.text(max_size=40),
)


@pytest.fixture
def village(fresh_store: str) -> str:
    villages.add_village(
        CLI_ACTOR, code="V-1", name="한마을", district="Mapo-gu", cohort_year=2024, url=fresh_store
    )
    for code in ("H-001", "H-002"):
        households.add_household(
            CLI_ACTOR, "V-1", code=code, joined_on=dt.date(2024, 1, 1), url=fresh_store
        )
    return fresh_store


def _readable(message: str, key: str) -> None:
    assert message.strip(), key
    assert message != key, f"the key {key} was shown instead of a message"


def _rejected_or_imported(url: str, data: bytes, name: str) -> None:
    before = store_state(url)
    try:
        result = import_readings(
            CLI_ACTOR, "V-1", read_rows(data, name), filename=name, today=TODAY, url=url
        )
    except ImportRejected as exc:
        assert exc.report.errors
        for issue in exc.report.issues:
            for lang in ("ko", "en"):
                _readable(issue.message(lang), issue.key)
        assert store_state(url) == before, "a rejected file changed the store"
        return
    except EnergyError as exc:  # the file as a whole (encoding, header, format)
        for lang in ("ko", "en"):
            _readable(exc.message(lang), exc.key)
        assert store_state(url) == before, "a refused file changed the store"
        return
    after = store_state(url)
    assert len(after["readings"]) == len(before["readings"]) + result.added
    changed = result.added or result.changed or after["households"] != before["households"]
    assert after["batches"] == before["batches"] + (1 if changed else 0)  # nothing: no batch
    for _, _, _, value in after["readings"]:
        assert 0 <= value < float("inf")


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    import csv

    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@FUZZ
@given(data=st.binary(max_size=3000))
def test_binary_garbage(village: str, data: bytes) -> None:
    _rejected_or_imported(village, data, "garbage.csv")


@FUZZ
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=0, max_size=7),
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=8), max_size=25),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp949", "utf-16", "latin-1"]),
)
def test_ragged_csv_in_any_encoding(
    village: str, header: list[str], rows: list[list[str]], encoding: str
) -> None:
    data = _csv(header, rows).encode(encoding, errors="replace")
    _rejected_or_imported(village, data, "ragged.csv")


@FUZZ
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["H-001", "H-002"]),
            st.sampled_from(["2025-01", "2025-02", "2025-03"]),
            st.sampled_from(["electricity", "gas", "water"]),
            st.one_of(st.floats(min_value=0, max_value=1e7), st.floats(), st.text(max_size=12)),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_mostly_valid_csv_with_bad_values(village: str, rows: list[tuple[Any, ...]]) -> None:
    body = [[h, m, c, str(v), ""] for h, m, c, v in rows]
    _rejected_or_imported(village, _csv(["household", "month", "carrier", "value", "unit"], body).encode(), "r.csv")  # fmt: skip


EXCEL_VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 1, 1)),
    st.sampled_from(["H-001", "H-002", "2025-01", "electricity", "gas", "kWh", "=1+1", "=A1*2"]),
    st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cs"]), max_size=30),
)


@FUZZ
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=0, max_size=6),
    rows=st.lists(st.lists(EXCEL_VALUES, max_size=7), max_size=15),
)
def test_excel_workbooks_with_anything_in_the_cells(
    village: str, header: list[str], rows: list[list[Any]]
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if header:
        sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    _rejected_or_imported(village, out.getvalue(), "book.xlsx")


def test_a_hundred_megabyte_line_is_refused_without_reading_it_whole(village: str) -> None:
    data = b"household,month,carrier,value,unit\nH-001,2025-01,electricity," + b"9" * 100_000_000
    _rejected_or_imported(village, data, "huge.csv")


def test_an_empty_file_and_a_header_only_file_are_refused(village: str) -> None:
    for data in (b"", b"\n\n", b"household,month,carrier,value,unit\n"):
        _rejected_or_imported(village, data, "empty.csv")
