"""What an import holds while it reads its file: no write lock; what changed meanwhile is
read again inside the write (a conflict, a household registered or removed); an import
that changes nothing records nothing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from energy.core.access import CLI_ACTOR
from energy.core.i18n import translate
from energy.readings.files import Columns, FileProblem, Part, ReadingsFile, read_rows
from energy.readings.imports import ImportRejected, import_readings
from energy.readings.report import ImportChangedMeanwhile
from energy.store import db
from energy.store.models.readings import Household, Reading
from energy.villages import households
from tests.readings.hostile import (
    BOUNDED,
    GOOD_ROW,
    HEADER,
    TODAY,
    import_file,
    padded_dimension_xlsx,
    store_state,
)


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
        import_file(village, (HEADER + march.replace("300", "999")).encode(), "other.csv")

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
    before = store_state(village)
    with pytest.raises(ImportChangedMeanwhile) as caught:
        import_readings(CLI_ACTOR, "V-1", rows, today=TODAY, url=village)
    assert caught.value.key == "import.households_changed"
    after = store_state(village)
    assert after == {**before, "households": before["households"] - 1}


def test_an_import_that_changes_nothing_records_nothing(village: str) -> None:
    data = (HEADER + GOOD_ROW).encode()
    first = import_file(village, data, "once.csv")
    assert first.batch_id is not None and first.added == 1
    before = store_state(village)
    again = import_file(village, data, "twice.csv")
    assert (again.batch_id, again.added, again.changed, again.unchanged) == (None, 0, 0, 1)
    differing = import_file(village, data.replace(b"312.5", b"400"), "differs.csv")
    assert (differing.batch_id, differing.dropped) == (None, 1)
    assert store_state(village) == before


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
