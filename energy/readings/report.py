"""What an import found, row by row: the types the check produces and the pages show."""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from energy.calc.metrics import month_from_index
from energy.core.errors import EnergyError
from energy.core.i18n import translate
from energy.core.vocabulary import CARRIERS


@dataclass(frozen=True)
class Issue:
    """A problem with one row (``line``) or with the file (``line`` is None)."""

    line: int | None
    column: str | None
    key: str
    params: dict[str, Any]
    severity: str = "error"  # or "warning": shown, but does not stop the import
    carrier: str | None = None  # the row's carrier, where known (the month grid's cell)

    def message(self, lang: str) -> str:
        return translate(self.key, lang, **self.params)


@dataclass(frozen=True)
class CheckedReading:
    line: int | None
    household: str
    month: dt.date
    carrier: str
    value: float  # in the carrier's stored unit
    household_id: int | None  # None: a household the import will register


@dataclass(frozen=True)
class Conflict:
    line: int | None
    household: str
    month: dt.date
    carrier: str
    stored: float
    new: float
    unit: str

    @property
    def key(self) -> tuple[str, str, dt.date]:
        return (self.household, self.carrier, self.month)


class CheckedRows:
    """The rows that passed the checks, column by column (a million rows in tens of MB).

    Households are numbered in the order the file names them (``codes``, ``ids``: the stored
    id, or None for one the import will register); months are month indexes
    (:func:`energy.calc.metrics.month_index`); carriers are indexes into ``CARRIERS``.
    """

    __slots__ = ("carrier", "code", "codes", "ids", "index", "line", "month", "value")

    def __init__(self) -> None:
        self.codes: list[str] = []
        self.ids: list[int | None] = []
        self.index: dict[str, int] = {}
        self.line = array("q")
        self.code = array("l")
        self.month = array("l")
        self.carrier = array("b")
        self.value = array("d")

    def __len__(self) -> int:
        return len(self.line)

    def household(self, text: str, household_id: int | None) -> int:
        number = self.index.get(text)
        if number is None:
            number = self.index[text] = len(self.codes)
            self.codes.append(text)
            self.ids.append(household_id)
        return number

    def append(self, line: int | None, code: int, month: int, carrier: int, value: float) -> None:
        self.line.append(-1 if line is None else line)
        self.code.append(code)
        self.month.append(month)
        self.carrier.append(carrier)
        self.value.append(value)

    def extend(
        self,
        lines: np.ndarray,
        codes: np.ndarray,
        months: np.ndarray,
        carriers: np.ndarray,
        values: np.ndarray,
    ) -> None:
        """Append rows column by column (as :meth:`append` one row at a time)."""
        for column, part in zip(
            self._columns(), (lines, codes, months, carriers, values), strict=True
        ):
            column.frombytes(np.asarray(part, dtype=column.typecode).tobytes())

    def reorder(self, start: int, order: np.ndarray) -> None:
        """Put the rows from ``start`` on in ``order`` (positions counted from ``start``)."""
        for column in self._columns():
            tail = np.asarray(column[start:])[order]
            del column[start:]
            column.frombytes(tail.tobytes())

    def _columns(self) -> tuple[array[Any], ...]:
        return (self.line, self.code, self.month, self.carrier, self.value)

    def owners(self) -> np.ndarray:
        """Each row's stored household id (-1 for a household the import will register)."""
        ids = np.fromiter((-1 if i is None else i for i in self.ids), np.int64, len(self.ids))
        return ids[np.asarray(self.code)] if len(self.ids) else np.zeros(0, np.int64)

    def keep(self, rows: np.ndarray) -> None:
        """Keep only the rows where the boolean mask ``rows`` is true."""
        for name in ("line", "code", "month", "carrier", "value"):
            column = getattr(self, name)
            setattr(self, name, array(column.typecode, np.asarray(column)[rows].tobytes()))

    def reading(self, i: int) -> CheckedReading:
        line = self.line[i]
        code = self.code[i]
        return CheckedReading(
            None if line < 0 else line,
            self.codes[code],
            month_from_index(self.month[i]),
            CARRIERS[self.carrier[i]],
            self.value[i],
            self.ids[code],
        )


@dataclass
class ImportReport:
    rows_in: int = 0
    issues: list[Issue] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    new_households: list[str] = field(default_factory=list)
    checked: CheckedRows = field(default_factory=CheckedRows, repr=False)
    # Positions in ``checked`` of the rows not stored yet.
    fresh: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64), repr=False)
    # The village's stored values around the file's months, sorted by pack(household id,
    # month, carrier): for the history columns the import writes itself.
    stored_keys: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64), repr=False)
    stored_values: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)

    @property
    def readings(self) -> list[CheckedReading]:
        return [self.checked.reading(i) for i in range(len(self.checked))]

    @property
    def to_insert(self) -> list[CheckedReading]:
        return [self.checked.reading(i) for i in self.fresh.tolist()]

    @property
    def new(self) -> int:
        return len(self.fresh)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ImportResult:
    batch_id: int | None
    added: int
    changed: int
    unchanged: int
    dropped: int  # conflicts the user did not confirm: the stored values stay
    report: ImportReport


class ImportRejected(EnergyError):
    """The rows have errors: nothing was saved. ``report`` says which and where."""

    key = "import.rejected"

    def __init__(self, report: ImportReport) -> None:
        super().__init__("import.rejected", errors=len(report.errors))
        self.report = report


class ImportChangedMeanwhile(EnergyError):
    """The store changed between the check and the write in a way the checked rows cannot
    follow (a household named in the file is gone): nothing was saved; check again."""

    key = "import.households_changed"
