"""A plain CSV file is checked a block of columns at a time (pyarrow's CSV reader, numpy):
the same report as the row-by-row reading, to the issue, the line and the checked value.

Each file is checked both ways on the same store: ``read_rows(...)`` (its parts, column by
column where the file is plain) and ``iter(read_rows(...))`` (the rows one by one, the
reference), and the two outcomes must be equal: the rows counted, every issue, the checked
rows in order, the new households, the comparison with the stored history, the progress
calls, or else the same refusal of the file.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from energy.core.access import CLI_ACTOR
from energy.core.errors import EnergyError
from energy.readings import files as readings_file
from energy.readings.check import PLAIN_DECIMAL
from energy.readings.files import Columns, read_rows
from energy.readings.imports import check_readings, import_readings
from energy.villages import directory as villages
from energy.villages import households

TODAY = dt.date(2026, 11, 25)
HEADER = "household,month,carrier,value,unit"
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def village(fresh_store: str) -> str:
    villages.add_village(
        CLI_ACTOR, code="V-1", name="한마을", district="Mapo-gu", cohort_year=2024, url=fresh_store
    )
    for code in ("H-001", "H-002", "H-003"):
        households.add_household(
            CLI_ACTOR, "V-1", code=code, joined_on=dt.date(2024, 1, 1), url=fresh_store
        )
    return fresh_store


def _outcome(url: str, rows: Any, **kw: Any) -> Any:
    calls: list[tuple[int, int | None]] = []
    try:
        report = check_readings(
            CLI_ACTOR,
            "V-1",
            rows,
            today=TODAY,
            url=url,
            progress=lambda done, total: calls.append((done, total)),
            **kw,
        )
    except EnergyError as exc:
        return ("refused", type(exc).__name__, exc.key, exc.params)
    checked = report.checked
    return (
        report.rows_in,
        report.issues,
        report.unchanged,
        report.conflicts,
        report.new_households,
        checked.codes,
        checked.ids,
        [list(column) for column in (checked.line, checked.code, checked.month)],
        [list(checked.carrier), list(checked.value)],
        report.fresh.tolist(),
        calls,
    )


def _same_both_ways(url: str, data: bytes, name: str = "r.csv", **kw: Any) -> Any:
    by_columns = _outcome(url, read_rows(data, name), **kw)
    one_by_one = _outcome(url, iter(read_rows(data, name)), **kw)
    assert by_columns == one_by_one
    return by_columns


def _column_parts(data: bytes) -> int:
    return sum(isinstance(part, Columns) for part in read_rows(data, "r.csv").parts())


def _file(lines: list[str], *, end: str = "\n", encoding: str = "utf-8") -> bytes:
    return (end.join(lines) + end).encode(encoding)


GOOD_ROWS = [
    "H-001,2025-01,electricity,312.5,kWh",
    "H-001,2025-01,gas,1450,MJ",
    "H-002,2025-01,water,14,m3",
    "H-002,2025-02,전기,0.5,MWh",
    "H-003,2025-02,가스,100,m3",
    "H-003,2024-12,heat,1.25,Gcal",
]
ODD_ROWS = [
    "",  # blank
    ",,,,",  # every cell empty
    "   , ,,,",
    " H-001 , 2025-03 , electricity , 7 , kwh ",  # spaces around every cell
    "H-001,2025-04,electricity,1e3,kWh",  # numbers float() reads and the columns do not
    "H-001,2025-05,electricity,1_000,kWh",
    "H-001,2025-06,electricity,+5,kWh",
    "H-001,2025-07,electricity,.5,kWh",
    "H-001,2025-08,electricity,١٢٣,kWh",
    "H-001,2025-09,electricity,nan,kWh",
    "H-001,2025-10,electricity,-1,kWh",
    "H-001,2025-11,electricity,99999999,kWh",
    "H-001,2025-01,electricity,5,kWh",  # a duplicate of the first good row
    "H-999,2025-01,electricity,5,kWh",  # unknown household
    "h 1,2025-01,electricity,5,kWh",  # not a household code
    "H-001,2030-01,electricity,5,kWh",  # future
    "H-001,1999-12,electricity,5,kWh",  # too old
    "H-001,2025년 3월,gas,5,MJ",
    "H-001,2025-13,gas,5,MJ",
    "H-001,2025-01,steam,5,kg",
    "H-001,2025-01,water,5,lbs",
    "H-001,2005-01,gas,5,m3",  # no calorific value that month
    "H-001,2025-01",  # too few fields
    "H-001,2025-01,gas,5,MJ,extra,more",  # too many
    "H-002,2025-03,solar,3,kWh," + "x" * 250,  # a field over the limit
    "H-002,2025-04,water," + "1" * 40 + ",m3",
]


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_a_clean_file_is_checked_by_columns_with_the_same_report(village: str, end: str) -> None:
    data = _file([HEADER, *GOOD_ROWS], end=end)
    assert _column_parts(data) == 1
    outcome = _same_both_ways(village, data)
    assert outcome[0] == len(GOOD_ROWS) and outcome[1] == []


@pytest.mark.parametrize("register", [False, True])
def test_every_kind_of_odd_row_gives_the_same_report(village: str, register: bool) -> None:
    rows = [*GOOD_ROWS, *ODD_ROWS, *GOOD_ROWS[:2]]
    data = _file([HEADER, *rows])
    assert _column_parts(data) >= 1
    outcome = _same_both_ways(village, data, register_households=register)
    assert len(outcome[1]) > 15  # the odd rows were judged, not lost


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n\n\n",
        _file([HEADER]),
        _file(["", "", HEADER, *GOOD_ROWS]),  # blank lines before the header
        _file(["name,when,what", *GOOD_ROWS]),  # no usable header
        ("\ufeff" + "\n".join([HEADER, *GOOD_ROWS])).encode(),  # a byte-order mark
        _file(["가구,월,에너지원,사용량,단위", *GOOD_ROWS]),  # Korean column names
        _file(["month,value,household,carrier", "2025-01,5,H-001,gas"]),  # no unit column
        _file([HEADER + ",note", *(r + ",ok" for r in GOOD_ROWS)]),  # an extra column
        _file([HEADER, *GOOD_ROWS], encoding="cp949"),  # not UTF-8: row by row
        _file([HEADER, *GOOD_ROWS])[:-20],  # cut off mid-row, no line end
        _file([HEADER, *GOOD_ROWS, '"H-001",2025-03,gas,"1,5",MJ']),  # quotes: row by row
        _file([HEADER, *GOOD_ROWS]) + b"H-001,2025-03,gas,5,MJ\r",  # a lone carriage return
        _file([HEADER, *GOOD_ROWS]) + b"H-001,2025-03,gas,\r5,MJ\n",  # one inside a line
        _file([HEADER, *GOOD_ROWS[:3]], end="\r\n") + _file(GOOD_ROWS[3:]),  # CRLF, then LF
        _file([HEADER, *GOOD_ROWS]) + b"H-001,2025-03,gas,5,\xff\n",  # broken UTF-8 later on
        _file([HEADER, *GOOD_ROWS]) + b"H-001,2025-03,gas,5,MJ\x00\n",
        _file([HEADER, *GOOD_ROWS]) + "\ufeffH-001,2025-03,gas,5,MJ\n".encode(),
        _file([HEADER, "H-001,2025-01,gas," + "9" * 200_000 + ",MJ"]),  # over csv's limit
    ],
)
def test_files_out_of_the_ordinary_give_the_same_outcome(village: str, data: bytes) -> None:
    _same_both_ways(village, data)


def test_small_blocks_and_a_fallback_part_way_give_the_same_report(
    village: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readings_file, "BLOCK_BYTES", 97)  # a few rows a block, cut mid-row
    rows = [*GOOD_ROWS, *ODD_ROWS] * 3
    data = _file(["", HEADER, *rows, '"H-002",2025-05,gas,1,MJ', *GOOD_ROWS])
    assert _column_parts(data) > 3
    _same_both_ways(village, data, register_households=True)


def test_many_odd_lines_in_a_block_are_read_row_by_row_with_the_same_report(
    village: str,
) -> None:
    rows = [row for good in GOOD_ROWS * 30 for row in (good, "")]  # every other line blank
    _same_both_ways(village, _file([HEADER, *rows]))


def test_progress_is_reported_at_the_same_counts(village: str) -> None:
    rows = [
        f"H-00{1 + i % 3},{2000 + i // 36:04d}-{1 + i // 3 % 12:02d},water,{i},m3"
        for i in range(12_000)
    ]
    rows[6000] = "H-001,2025-01,water,oops,m3"
    outcome = _same_both_ways(village, _file([HEADER, *rows]), total=12_000)
    assert [done for done, _ in outcome[-1]] == [5000, 10000, 12000]


def test_conflicts_and_stored_history_compare_the_same(village: str) -> None:
    first = [f"H-001,2024-{m:02d},electricity,{100 + m},kWh" for m in range(1, 13)]
    import_readings(CLI_ACTOR, "V-1", read_rows(_file([HEADER, *first])), today=TODAY, url=village)
    again = [
        "H-001,2024-01,electricity,101,kWh",  # unchanged
        "H-001,2024-02,electricity,555,kWh",  # a conflict
        "H-001,2025-01,electricity,99999,kWh",  # far outside the history: a warning
        "H-002,2025-01,electricity,5,kWh",
    ]
    outcome = _same_both_ways(village, _file([HEADER, *again]))
    assert outcome[2] == 1 and len(outcome[3]) == 1
    assert {issue.key for issue in outcome[1]} == {"import.outlier"}


CELLS = st.one_of(
    st.sampled_from(["H-001", "H-002", "H-004", " H-003", "h1", "", " "]),
    st.sampled_from(["2025-01", "2025-02", " 2024-12", "2025-13", "2030-01", "2025.3", "x"]),
    st.sampled_from(["electricity", "gas", "water", "전기", " GAS ", "coal"]),
    st.sampled_from(["1", "12.5", "0", "007", "1e3", "-1", "1.", " 3", "10000001", "inf"]),
    st.sampled_from(["kWh", "MJ", "m3", "㎥", "", " mj", "lbs", "Gcal"]),
    # Any text a file can hold (a lone surrogate cannot be written in UTF-8).
    st.text(
        alphabet=st.characters(
            blacklist_characters=',"\r\n\x00\ufeff', blacklist_categories=["Cs"]
        ),
        max_size=8,
    ),
)


@SETTINGS
@given(
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=7), max_size=40),
    end=st.sampled_from(["\n", "\r\n"]),
    block=st.sampled_from([23, 64, 4096]),
)
def test_generated_files_give_the_same_report_both_ways(
    village: str, rows: list[list[str]], end: str, block: int
) -> None:
    original = readings_file.BLOCK_BYTES
    readings_file.BLOCK_BYTES = block
    try:
        _same_both_ways(village, _file([HEADER, *(",".join(r) for r in rows)], end=end))
    finally:
        readings_file.BLOCK_BYTES = original


def test_the_columns_read_plain_decimals_exactly_as_float_does() -> None:
    generator = random.Random(20261125)
    texts = [
        "0",
        "007",
        "0.1",
        "0.30000000000004",
        "9999999.99999999",
        "123456789012345.12345678901234",
        "1" * 15,
    ]
    for _ in range(20_000):
        whole = str(generator.randrange(10 ** generator.randint(1, 15)))
        texts.append(f"{whole}.{generator.randrange(10 ** generator.randint(1, 14))}")
        texts.append(whole)
    column = pa.array(texts)
    assert pc.all(pc.match_substring_regex(column, PLAIN_DECIMAL)).as_py()
    parsed = pc.cast(column, pa.float64()).to_pylist()
    assert parsed == [float(text) for text in texts]
