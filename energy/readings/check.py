"""Judging raw rows of readings, one by one or a plain file's block at a time.

A :class:`RowCheck` judges the rows of one import against the village's households and the
rules (household code, month, carrier, value, unit), keeping the rows that pass column by
column in the report's :class:`~energy.readings.report.CheckedRows` and an :class:`Issue`
for every problem. Rows come one by one (:meth:`RowCheck.rows`, from any source) or as a
plain CSV block's columns (:meth:`RowCheck.columns`): a block's texts are judged once per
distinct text and its values parsed column by column, and every row the columns cannot
settle is judged one by one, so both ways give the same report.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from energy.calc.metrics import month_index
from energy.core.vocabulary import CANONICAL_UNITS, CARRIERS
from energy.readings.files import Columns, RawRow, arrow_pool
from energy.readings.report import CheckedRows, ImportReport, Issue
from energy.readings.writer import CARRIER_INDEX
from energy.savings.factors import factor_for_period
from energy.villages.households import HOUSEHOLD_CODE_PATTERN

try:  # pyarrow comes with Streamlit; a file is read as Columns only with it
    import pyarrow as pa
    import pyarrow.compute as pc
except ImportError:  # pragma: no cover
    pa = pc = None

# Units a person may type, per carrier, and the factor that brings them to the stored unit.
# Gas in m³ is turned into MJ with ONE calorific value for every month (see _calorific).
UNIT_ALIASES: dict[str, dict[str, float | None]] = {
    "electricity": {"kwh": 1.0, "mwh": 1000.0, "wh": 0.001},
    "gas": {"mj": 1.0, "gj": 1000.0, "m3": None, "m³": None, "㎥": None, "nm3": None},
    "water": {"m3": 1.0, "m³": 1.0, "㎥": 1.0, "l": 0.001, "톤": 1.0, "ton": 1.0},
    "heat": {"kwh": 1.0, "mwh": 1000.0, "mcal": 1.163, "gcal": 1163.0, "gj": 277.778},
    "solar": {"kwh": 1.0, "wh": 0.001},
}
CARRIER_ALIASES = {
    "electricity": "electricity",
    "electric": "electricity",
    "elec": "electricity",
    "전기": "electricity",
    "gas": "gas",
    "city gas": "gas",
    "가스": "gas",
    "도시가스": "gas",
    "water": "water",
    "수도": "water",
    "물": "water",
    "상수도": "water",
    "heat": "heat",
    "district heating": "heat",
    "지역난방": "heat",
    "난방": "heat",
    "solar": "solar",
    "pv": "solar",
    "태양광": "solar",
    "발전": "solar",
}
MONTH_PATTERN = re.compile(r"^\s*([0-9]{4})\s*[-./년]\s*([0-9]{1,2})\s*월?\s*$")
EARLIEST_MONTH = dt.date(2000, 1, 1)
# No household uses more than this in a month in any carrier's unit (a typo guard).
MAX_VALUE = 10_000_000.0
CHUNK_ROWS = 5_000
CALORIFIC = -1.0  # the unit scale of gas in m³: the one calorific value of the import
# A value the columns parse themselves: plain digits, at most 30 characters. Any other text
# (signs, exponents, spaces, thousands separators, other digits) is judged row by row.
PLAIN_DECIMAL = r"^[0-9]{1,15}(\.[0-9]{1,14})?$"
Progress = Callable[[int, int | None], None]


def parse_month(text: str) -> dt.date | None:
    match = MONTH_PATTERN.match(text)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, 1)


def ascii_number(text: str) -> bool:
    """Whether ``text`` may be read as a number: Python's float() also takes ``1_000``,
    Arabic-Indic and full-width digits, which a readings file must not carry."""
    return text.isascii() and "_" not in text


def parse_value(text: str) -> float | None:
    cleaned = text.strip().replace(",", "").replace(" ", "")
    if not cleaned or len(cleaned) > 30 or not ascii_number(cleaned):
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _float_or_none(text: str) -> float | None:
    """What Python's float() makes of ``text`` (digits of any script), or None."""
    try:
        return float(text.strip().replace(",", "").replace(" ", ""))
    except ValueError:
        return None


def _unit_scale(carrier: str, unit_text: str) -> float | None:
    """The factor to the stored unit; :data:`CALORIFIC` for gas in m³; None if unknown."""
    unit = unit_text.strip().lower().replace(" ", "") or CANONICAL_UNITS[carrier].lower()
    aliases = UNIT_ALIASES[carrier]
    if unit not in aliases:
        return None
    scale = aliases[unit]
    return CALORIFIC if scale is None else scale


def _calorific(session: Session, this_month: dt.date, cache: dict[int, float]) -> float:
    """Gas MJ per m³ for every m³ reading of an import, whatever its month; 0.0 when none is set.

    One value for all months (docs/factors.md): a household that burns 100 m³ every month
    shows no gas saving across a revision of the calorific table. It is the gross value of
    the current reporting year (the latest published), the one today's MJ bills are made
    with. Readings typed in m³ before a later revision keep the value they were stored with.
    """
    if 0 not in cache:
        cache[0] = factor_for_period(session, "gas.mj_per_m3", this_month) or 0.0
    return cache[0]


def _row_issues(
    report: ImportReport,
    row: RawRow,
    households: dict[str, int],
    register_households: bool,
    this_month: dt.date,
) -> None:
    """Every problem of a row that failed the fast checks, field by field."""

    carrier = CARRIER_ALIASES.get(row.carrier.strip().lower())

    def fail(column: str | None, key: str, **params: Any) -> None:
        report.issues.append(Issue(row.line, column, key, params, carrier=carrier))

    if row.value.startswith("\x00too-long"):
        fail(None, "import.field_too_long")
        return
    if row.value.startswith("\x00fields:"):
        _, got, expected = row.value.split(":")
        fail(None, "import.field_count", got=got, expected=expected)
        return
    code = row.household.strip()
    if not code:
        fail("household", "import.household_missing")
    elif not HOUSEHOLD_CODE_PATTERN.match(code):
        fail("household", "import.household_format", value=code[:40])
    elif code not in households and not register_households:
        fail("household", "import.household_unknown", value=code)
    month = parse_month(row.month)
    if month is None:
        fail("month", "import.month_format", value=row.month[:20])
    elif month > this_month:
        fail("month", "import.month_future", value=row.month)
    elif month < EARLIEST_MONTH:
        fail("month", "import.month_too_old", value=row.month)
    if carrier is None:
        fail("carrier", "import.carrier_unknown", value=row.carrier[:30])
    number = parse_value(row.value)
    if number is None and not ascii_number(row.value) and _float_or_none(row.value) is not None:
        fail("value", "import.value_digits", value=row.value[:30])
    elif number is None:
        fail("value", "import.value_not_number", value=row.value[:30])
    elif number < 0:
        fail("value", "import.value_negative", value=row.value)
    elif number > MAX_VALUE:
        fail("value", "import.value_too_large", value=row.value[:30])
    if carrier is not None and _unit_scale(carrier, row.unit) is None:
        fail("unit", "import.unit_unknown", value=row.unit[:20], carrier=carrier,
             units=", ".join(u for u in UNIT_ALIASES[carrier] if u.isascii()))  # fmt: skip


def _household_number(
    checked: CheckedRows,
    text: str,
    households: dict[str, int],
    register_households: bool,
    unknown: dict[str, int | None],
    line: int | None,
) -> int:
    code = text.strip()
    if not code or not HOUSEHOLD_CODE_PATTERN.match(code):
        return -1
    household_id = households.get(code)
    if household_id is None:
        if not register_households:
            return -1
        unknown.setdefault(code, line)
    return checked.household(code, household_id)


class RowCheck:
    """The checks of one import: each distinct household, month, carrier and unit text is
    judged once, whichever way its rows arrive."""

    def __init__(
        self,
        session: Session,
        report: ImportReport,
        households: dict[str, int],
        *,
        register_households: bool,
        this_month: dt.date,
        progress: Progress | None,
        total: int | None,
    ) -> None:
        self.session, self.report, self.households = session, report, households
        self.register_households, self.this_month = register_households, this_month
        self.progress, self.total = progress, total
        self.newest, self.oldest = month_index(this_month), month_index(EARLIEST_MONTH)
        self.codes: dict[str, int] = {}  # text → household number, or -1 when not valid
        self.months: dict[str, int] = {}  # text → month index, or -1
        self.carriers: dict[str, int] = {}  # text → carrier index, or -1
        self.scales: list[dict[str, float | None]] = [{} for _ in CARRIERS]
        self.calorific: dict[int, float] = {}
        self.unknown: dict[str, int | None] = {}
        self.rows_in = 0

    def rows(self, rows: Iterable[RawRow]) -> None:
        """Judge ``rows`` one by one, in order."""
        session, report = self.session, self.report
        checked = report.checked
        households, register_households = self.households, self.register_households
        this_month, newest, oldest = self.this_month, self.newest, self.oldest
        codes, months, carriers = self.codes, self.months, self.carriers
        scales, calorific, unknown = self.scales, self.calorific, self.unknown
        progress, total = self.progress, self.total
        rows_in = self.rows_in
        lines, numbers, month_column = (
            checked.line.append,
            checked.code.append,
            checked.month.append,
        )
        carrier_column, values = checked.carrier.append, checked.value.append
        for row in rows:
            rows_in += 1
            if progress and rows_in % CHUNK_ROWS == 0:
                progress(rows_in, total)
            line, code_text, month_text, carrier_text, value_text, unit_text = row
            code = codes.get(code_text)
            if code is None:
                code = codes[code_text] = _household_number(
                    checked, code_text, households, register_households, unknown, line
                )
            month = months.get(month_text)
            if month is None:
                parsed = parse_month(month_text)
                month = months[month_text] = -1 if parsed is None else month_index(parsed)
            carrier = carriers.get(carrier_text)
            if carrier is None:
                name = CARRIER_ALIASES.get(carrier_text.strip().lower())
                carrier = carriers[carrier_text] = -1 if name is None else CARRIER_INDEX[name]
            try:
                number: float | None = (
                    float(value_text)
                    if len(value_text) <= 30 and ascii_number(value_text)
                    else parse_value(value_text)
                )
            except ValueError:
                number = parse_value(value_text)
            scale = scales[carrier].get(unit_text, 0.0) if carrier >= 0 else None
            if scale == 0.0:
                scale = scales[carrier][unit_text] = _unit_scale(CARRIERS[carrier], unit_text)
            # (NaN fails the range test; infinities are out of range.)
            if (
                code < 0
                or not oldest <= month <= newest
                or carrier < 0
                or number is None
                or not 0 <= number <= MAX_VALUE
                or scale is None
            ):
                _row_issues(report, row, households, register_households, this_month)
                continue
            if scale == CALORIFIC:
                scale = _calorific(session, this_month, calorific)
                if not scale:
                    report.issues.append(Issue(line, "unit", "import.unit_unknown", {
                        "value": unit_text[:20], "carrier": "gas",
                        "units": ", ".join(u for u in UNIT_ALIASES["gas"] if u.isascii())},
                        carrier="gas"))  # fmt: skip
                    continue
            lines(-1 if line is None else line)
            numbers(code)
            month_column(month)
            carrier_column(carrier)
            values(number * scale)
        self.rows_in = rows_in

    def columns(self, block: Columns) -> None:
        """Judge a plain block's rows: what the columns settle at once, the rest one by one;
        the checked rows keep the file's order."""
        layout, lines = block.layout, block.lines
        checked = self.report.checked
        code = self._by_text(block.cells[layout.household], self._household, lines)
        month = self._by_text(block.cells[layout.month], self._month, lines)
        carrier = self._by_text(block.cells[layout.carrier], self._carrier, lines)
        scale = self._scales(block, carrier)
        text = block.cells[layout.value]
        pool = arrow_pool()
        plain = pc.match_substring_regex(text, PLAIN_DECIMAL, memory_pool=pool)
        number = pc.cast(
            pc.if_else(plain, text, "0", memory_pool=pool), pa.float64(), memory_pool=pool
        ).to_numpy(zero_copy_only=False)
        good = (
            (code >= 0)
            & (month >= self.oldest)
            & (month <= self.newest)
            & (carrier >= 0)
            & plain.to_numpy(zero_copy_only=False)
            & (number <= MAX_VALUE)
            & ~np.isnan(scale)
        )
        gas_m3 = np.flatnonzero(good & (scale == CALORIFIC))
        if len(gas_m3):  # one calorific value for every month
            scale[gas_m3] = _calorific(self.session, self.this_month, self.calorific)
            good[gas_m3[scale[gas_m3] == 0.0]] = False
        before = len(checked)
        self.rows(row for i in np.flatnonzero(~good).tolist() if (row := block.row(i)) is not None)
        judged_alone = len(checked) - before
        passed = int(np.count_nonzero(good))
        checked.extend(
            lines[good], code[good], month[good], carrier[good], number[good] * scale[good]
        )
        if judged_alone:
            checked.reorder(before, np.argsort(np.asarray(checked.line)[before:], kind="stable"))
        done, self.rows_in = self.rows_in, self.rows_in + passed
        if self.progress:
            for count in range((done // CHUNK_ROWS + 1) * CHUNK_ROWS, self.rows_in + 1, CHUNK_ROWS):
                self.progress(count, self.total)

    @staticmethod
    def _by_text(column: Any, judge: Callable[[str, int], int], lines: np.ndarray) -> np.ndarray:
        """``judge(text, line)`` for each distinct text of ``column`` in the order the texts
        first appear (with that first line), spread back over the rows."""
        encoded = pc.dictionary_encode(column, memory_pool=arrow_pool())
        indices: np.ndarray = encoded.indices.to_numpy(zero_copy_only=False)
        texts = encoded.dictionary.to_pylist()
        distinct, first = np.unique(indices, return_index=True)
        verdicts = np.empty(len(texts), dtype=np.int64)
        for position in np.argsort(first, kind="stable").tolist():
            verdicts[distinct[position]] = judge(
                texts[distinct[position]], int(lines[first[position]])
            )
        spread: np.ndarray = verdicts[indices]
        return spread

    def _household(self, text: str, line: int) -> int:
        text = text.strip()
        code = self.codes.get(text)
        if code is None:
            code = self.codes[text] = _household_number(
                self.report.checked, text, self.households, self.register_households,
                self.unknown, line,
            )  # fmt: skip
        return code

    def _month(self, text: str, _line: int) -> int:
        text = text.strip()
        month = self.months.get(text)
        if month is None:
            parsed = parse_month(text)
            month = self.months[text] = -1 if parsed is None else month_index(parsed)
        return month

    def _carrier(self, text: str, _line: int) -> int:
        text = text.strip()
        carrier = self.carriers.get(text)
        if carrier is None:
            name = CARRIER_ALIASES.get(text.strip().lower())
            carrier = self.carriers[text] = -1 if name is None else CARRIER_INDEX[name]
        return carrier

    def _scales(self, block: Columns, carrier: np.ndarray) -> np.ndarray:
        """Each row's unit scale (NaN: no such unit for the carrier, or no carrier)."""
        if block.layout.unit < 0:
            units, unit = [""], np.zeros(len(block), dtype=np.int64)
        else:
            encoded = pc.dictionary_encode(block.cells[block.layout.unit], memory_pool=arrow_pool())
            units = [text.strip() for text in encoded.dictionary.to_pylist()]
            unit = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        pairs, inverse = np.unique(
            np.where(carrier >= 0, carrier * len(units) + unit, -1), return_inverse=True
        )
        per_pair = np.full(len(pairs), np.nan)
        for k, pair in enumerate(pairs.tolist()):
            if pair >= 0:
                index, text = divmod(pair, len(units))
                known = self.scales[index]
                scale = known.get(units[text], 0.0)
                if scale == 0.0:
                    scale = known[units[text]] = _unit_scale(CARRIERS[index], units[text])
                per_pair[k] = np.nan if scale is None else scale
        scales: np.ndarray = per_pair[inverse.reshape(-1)]
        return scales
