"""Readings: the file import and its row-by-row report; atomic saves; conflicts; access."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from energy.accounts import users as accounts
from energy.core.access import CLI_ACTOR
from energy.core.errors import AccessDenied
from energy.readings.files import FileProblem, read_rows, template_csv, template_xlsx
from energy.readings.imports import ImportRejected, check_readings, import_readings
from energy.store import db
from energy.store.models.readings import Household, Reading, ReadingBatch
from energy.store.models.system import AuditEntry
from energy.villages import households

TODAY = dt.date(2026, 11, 25)
GOOD = "household,month,carrier,value,unit\nH-001,2025-01,electricity,312.5,kWh\nH-001,2025-01,gas,1450,MJ\nH-002,2025-01,water,14,m3\n"


def _stored(url: str) -> list[tuple]:
    with db.session_for(CLI_ACTOR, url=url) as session:
        return sorted(
            (str(m), c, v)
            for m, c, v in session.execute(select(Reading.month, Reading.carrier, Reading.value))
        )


def _import(url: str, data: bytes, name: str = "r.csv", **kw):
    return import_readings(
        CLI_ACTOR, "V-1", read_rows(data, name), filename=name, today=TODAY, url=url, **kw
    )


def _rejected_keys(url: str, data: bytes, name: str = "r.csv") -> list[tuple]:
    before = _stored(url)
    with pytest.raises(ImportRejected) as caught:
        _import(url, data, name)
    assert _stored(url) == before, "a rejected file must leave the store unchanged"
    return [(i.line, i.column, i.key) for i in caught.value.report.errors]


def test_a_good_file_imports_every_row(village: str) -> None:
    result = _import(village, GOOD.encode("utf-8-sig"))
    assert (result.added, result.changed, result.unchanged) == (3, 0, 0)
    assert _stored(village) == [
        ("2025-01-01", "electricity", 312.5),
        ("2025-01-01", "gas", 1450.0),
        ("2025-01-01", "water", 14.0),
    ]
    with db.session_for(CLI_ACTOR, url=village) as session:
        batch = session.scalar(select(ReadingBatch))
        assert batch is not None and (
            batch.source,
            batch.filename,
            batch.added,
            batch.created_by,
        ) == ("import", "r.csv", 3, "cli")


def test_a_cp949_file_with_korean_headers_and_carriers(village: str) -> None:
    text = '가구,월,에너지원,사용량,단위\nH-001,2025-02,전기,300,kWh\nH-001,2025-02,도시가스,"1,200",MJ\n'
    result = _import(village, text.encode("cp949"))
    assert result.added == 2
    assert ("2025-02-01", "gas", 1200.0) in _stored(village)


def test_an_excel_file(village: str) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["household", "month", "carrier", "value", "unit"])
    sheet.append(["H-001", dt.datetime(2025, 3, 1), "electricity", 280, "kWh"])
    sheet.append(["H-002", "2025-03", "gas", 900.5, ""])
    buffer = io.BytesIO()
    book.save(buffer)
    assert _import(village, buffer.getvalue(), "readings.xlsx").added == 2
    assert ("2025-03-01", "gas", 900.5) in _stored(village)


def test_the_templates_import_cleanly(village: str) -> None:
    # The template's example rows use H-001/H-002 and both gas units.
    assert _import(village, template_csv()).added == 5
    assert _import(village, template_xlsx(), "t.xlsx").unchanged == 5


def test_gas_in_cubic_metres_is_stored_in_mj_with_one_calorific_value(village: str) -> None:
    """DOMAIN.md: one factor for both sides of a comparison. 100 m³ every month is the same MJ
    in every month, across the calorific table's revision of 2023 (42.7 -> 43.1 MJ/Nm³):
    converted with each month's own value it showed a -0.94% gas "saving" for 2023."""
    text = "household,month,carrier,value,unit\n" + "".join(
        f"H-001,{year}-01,gas,100,{unit}\n"
        for year, unit in ((2021, "m3"), (2022, "m³"), (2023, "m3"), (2024, "Nm3"))
    )
    _import(village, text.encode())
    stored = {m: v for m, c, v in _stored(village)}
    # The value in force for the import's reporting year: 43.1 MJ/Nm³ (later table).
    assert list(stored.values()) == [pytest.approx(4310.0)] * 4


@pytest.mark.parametrize(
    ("row", "column", "key"),
    [
        ("H-999,2025-01,electricity,10,kWh", "household", "import.household_unknown"),
        ("홍길동,2025-01,electricity,10,kWh", "household", "import.household_format"),
        (",2025-01,electricity,10,kWh", "household", "import.household_missing"),
        ("H-001,2025-13,electricity,10,kWh", "month", "import.month_format"),
        ("H-001,Jan 2025,electricity,10,kWh", "month", "import.month_format"),
        ("H-001,2027-01,electricity,10,kWh", "month", "import.month_future"),
        ("H-001,2025-01,coal,10,kg", "carrier", "import.carrier_unknown"),
        ("H-001,2025-01,electricity,10,litres", "unit", "import.unit_unknown"),
        ("H-001,2025-01,electricity,-5,kWh", "value", "import.value_negative"),
        ("H-001,2025-01,electricity,ten,kWh", "value", "import.value_not_number"),
        ("H-001,2025-01,electricity,1e300,kWh", "value", "import.value_too_large"),
        ("H-001,2025-01,electricity,nan,kWh", "value", "import.value_not_number"),
        ("H-001,2025-01,electricity,=1+1,kWh", "value", "import.value_not_number"),
        ("H-001,2025-01", None, "import.field_count"),
    ],
)
def test_each_rule_rejects_the_whole_file_naming_line_and_column(
    village: str, row: str, column: str | None, key: str
) -> None:
    data = (
        "household,month,carrier,value,unit\nH-002,2025-01,electricity,100,kWh\n" + row + "\n"
    ).encode()
    assert _rejected_keys(village, data) == [(3, column, key)]


def test_duplicates_in_the_file_name_the_first_line(village: str) -> None:
    data = b"household,month,carrier,value,unit\nH-001,2025-01,electricity,1,kWh\nH-001,2025-01,electricity,2,kWh\n"
    with pytest.raises(ImportRejected) as caught:
        _import(village, data)
    (issue,) = caught.value.report.errors
    assert (issue.line, issue.key, issue.params["first"]) == (3, "import.duplicate", 2)
    assert issue.message("en") == "Same household, month and carrier as line 2."


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"", "import.empty_file"),
        (b"name,when,what\nH-001,2025-01,electricity\n", "import.missing_columns"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", "import.not_text"),
        (b"PK\x03\x04 not really a workbook", "import.bad_excel"),
        (
            "household,month,carrier,value\nH-001,2025-01,전기,1\n".encode("utf-16"),
            "import.not_text",
        ),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(village: str, data: bytes, key: str) -> None:
    with pytest.raises(FileProblem) as caught:
        _import(village, data)
    assert caught.value.key == key
    assert _stored(village) == []


def test_a_file_with_a_header_only_is_rejected(village: str) -> None:
    assert _rejected_keys(village, b"household,month,carrier,value,unit\n") == [
        (None, None, "import.no_rows")
    ]


def test_a_truncated_file_is_rejected_whole(village: str) -> None:
    data = GOOD.encode() + b"H-002,2025-02,elec"
    keys = _rejected_keys(village, data)
    assert keys == [(5, None, "import.field_count")]


def test_the_same_file_twice_is_a_no_op(village: str) -> None:
    _import(village, GOOD.encode())
    again = _import(village, GOOD.encode())
    assert (again.added, again.changed, again.unchanged, again.dropped) == (0, 0, 3, 0)
    assert len(_stored(village)) == 3


def test_a_different_value_is_a_conflict_kept_until_confirmed(village: str) -> None:
    _import(village, GOOD.encode())
    changed = GOOD.replace("312.5", "320").encode()
    report = check_readings(CLI_ACTOR, "V-1", read_rows(changed), today=TODAY, url=village)
    (conflict,) = report.conflicts
    assert (conflict.household, conflict.carrier, conflict.stored, conflict.new) == (
        "H-001",
        "electricity",
        312.5,
        320.0,
    )
    dropped = _import(village, changed)
    assert (dropped.changed, dropped.dropped) == (0, 1)
    assert ("2025-01-01", "electricity", 312.5) in _stored(village)
    confirmed = _import(village, changed, accept_conflicts={conflict.key})
    assert confirmed.changed == 1
    assert ("2025-01-01", "electricity", 320.0) in _stored(village)
    with db.session_for(CLI_ACTOR, url=village) as session:
        detail = session.scalars(
            select(AuditEntry.after)
            .where(AuditEntry.action == "import_readings")
            .order_by(AuditEntry.id.desc())
        ).first()
    assert detail["changed"] == [
        {
            "household": "H-001",
            "carrier": "electricity",
            "month": "2025-01-01",
            "before": 312.5,
            "after": 320.0,
        }
    ]


def test_unknown_households_can_be_registered_by_the_import(village: str) -> None:
    data = b"household,month,carrier,value,unit\nH-010,2024-06,electricity,250,kWh\nH-010,2024-07,electricity,300,kWh\n"
    result = _import(village, data, register_households=True)
    assert (result.added, result.report.new_households) == (2, ["H-010"])
    listed = {h.code: h for h in households.list_households(CLI_ACTOR, "V-1", url=village)}
    assert listed["H-010"].joined_on == dt.date(2024, 6, 1)


def test_a_registered_household_joins_in_its_earliest_month_in_the_file(village: str) -> None:
    """Whatever order the file gives its months in, among rows of households already known."""
    data = (
        b"household,month,carrier,value,unit\n"
        b"H-011,2024-08,electricity,250,kWh\nH-001,2024-05,electricity,250,kWh\n"
        b"H-011,2024-06,gas,900,MJ\nH-012,2024-09,water,9,m3\nH-011,2024-07,electricity,250,kWh\n"
    )
    result = _import(village, data, register_households=True)
    assert (result.added, result.report.new_households) == (5, ["H-011", "H-012"])
    listed = {
        h.code: h.joined_on for h in households.list_households(CLI_ACTOR, "V-1", url=village)
    }
    assert (listed["H-001"], listed["H-011"], listed["H-012"]) == (
        dt.date(2024, 4, 1), dt.date(2024, 6, 1), dt.date(2024, 9, 1),
    )  # fmt: skip


def test_households_registered_by_an_import_are_audited_like_one_added_by_hand(
    village: str,
) -> None:
    """New households are written in bulk (issue 26); each still gets the audit entry an
    ORM flush writes for a household added on its own: who, which row, every column."""
    households.add_household(
        CLI_ACTOR, "V-1", code="H-020", joined_on=dt.date(2024, 6, 1), url=village
    )
    data = b"household,month,carrier,value,unit\n" + b"".join(
        f"H-{n:03d},2024-06,electricity,250,kWh\n".encode() for n in range(30, 33)
    )
    assert _import(village, data, register_households=True).report.new_households == [
        "H-030", "H-031", "H-032",
    ]  # fmt: skip
    with db.session_for(CLI_ACTOR, url=village) as session:
        entries = session.execute(
            select(AuditEntry.actor, AuditEntry.action, AuditEntry.entity_key, AuditEntry.after)
            .where(AuditEntry.entity == "households")
            .order_by(AuditEntry.id)
        ).all()
        ids = {code: id_ for code, id_ in session.execute(select(Household.code, Household.id))}
    by_hand, *bulk = entries[-4:]
    assert by_hand.after["code"] == "H-020"
    assert [(e.action, e.entity_key, e.after["code"]) for e in bulk] == [
        ("create", str(ids[c]), c) for c in ("H-030", "H-031", "H-032")
    ]
    for entry in bulk:
        assert entry.actor == by_hand.actor
        assert set(entry.after) == set(by_hand.after)
        assert entry.after["id"] == ids[entry.after["code"]]
        assert (entry.after["joined_on"], entry.after["housing_type"]) == (
            "2024-06-01",
            "apartment",
        )


def test_a_value_far_outside_the_households_history_is_a_warning(village: str) -> None:
    history = "household,month,carrier,value,unit\n" + "".join(
        f"H-001,2025-{m:02d},electricity,{300 + m},kWh\n" for m in range(1, 11)
    )
    _import(village, history.encode())
    result = _import(
        village, b"household,month,carrier,value,unit\nH-001,2025-11,electricity,3100,kWh\n"
    )
    assert result.added == 1
    (warning,) = result.report.warnings
    assert (warning.line, warning.key) == (2, "import.outlier")


def test_progress_is_reported(village: str) -> None:
    # Duplicates make errors, but the check still walks (and reports) every row.
    rows = "household,month,carrier,value,unit\n" + "H-001,2025-01,electricity,1,kWh\n" * 6000
    calls: list[tuple[int, int | None]] = []
    check_readings(
        CLI_ACTOR, "V-1", read_rows(rows.encode()), today=TODAY, url=village, total=6000,
        progress=lambda done, total: calls.append((done, total)),
    )  # fmt: skip
    assert calls[0] == (5000, 6000) and calls[-1] == (6000, 6000)


def test_a_committee_imports_for_its_own_village_only(village: str) -> None:
    accounts.add_user(
        CLI_ACTOR,
        username="v1.committee",
        password="a long enough password",
        role="committee",
        village_code="V-1",
        url=village,
    )
    actor = accounts.authenticate("v1.committee", "a long enough password", url=village).actor
    assert actor is not None
    assert (
        import_readings(actor, "V-1", read_rows(GOOD.encode()), today=TODAY, url=village).added == 3
    )
    with pytest.raises(AccessDenied):
        import_readings(actor, "V-2", read_rows(GOOD.encode()), today=TODAY, url=village)
    with pytest.raises(AccessDenied):
        check_readings(actor, "V-2", read_rows(GOOD.encode()), today=TODAY, url=village)
    with db.session_for(CLI_ACTOR, url=village) as session:
        assert session.scalar(select(func.count()).select_from(Reading)) == 3


def test_the_month_grid_saves_its_filled_cells_as_typed(village: str) -> None:
    """The entry grid's cells (household-major, empty ones None or NaN) become import rows:
    numbered by household, values written as typed, and stored like a file's."""
    from energy.readings.month_grid import grid_rows

    month = dt.date(2025, 3, 1)
    cells = [
        ("H-001", "electricity", 1280.0),
        ("H-001", "gas", float("nan")),  # an untouched cell of a float column
        ("H-002", "electricity", None),
        ("H-002", "gas", 31.25),
    ]
    rows = grid_rows(month, cells, {"electricity": "kWh", "gas": "m3"})
    assert [(r.line, r.household, r.month, r.carrier, r.value, r.unit) for r in rows] == [
        (1, "H-001", "2025-03", "electricity", "1280", "kWh"),
        (2, "H-002", "2025-03", "gas", "31.25", "m3"),
    ]
    result = import_readings(CLI_ACTOR, "V-1", rows, source="entry", today=TODAY, url=village)
    assert result.added == 2
    stored = dict(((c, v) for _, c, v in _stored(village)))
    assert stored["electricity"] == 1280.0 and stored["gas"] > 31.25  # m3 stored as MJ


def test_the_month_grid_never_changes_or_drops_what_was_typed(village: str) -> None:
    """Issue 24: "-5" is refused as negative and "abc" as not a number, each on its grid
    row, and nothing is stored; "1,280" is read as 1280, as in a file."""
    from energy.readings.month_grid import grid_rows

    month = dt.date(2025, 3, 1)
    cells = [
        ("H-001", "electricity", "-5"),
        ("H-001", "gas", "  "),  # an emptied cell: nothing to store
        ("H-002", "electricity", "abc"),
        ("H-002", "gas", "1,280"),
    ]
    rows = grid_rows(month, cells, {"electricity": "kWh", "gas": "MJ"})
    assert [(r.line, r.value) for r in rows] == [(1, "-5"), (2, "abc"), (2, "1,280")]
    report = check_readings(CLI_ACTOR, "V-1", rows, today=TODAY, url=village)
    # Each error names its cell: the grid's row and the carrier's column.
    assert [(i.line, i.carrier, i.key) for i in report.errors] == [
        (1, "electricity", "import.value_negative"), (2, "electricity", "import.value_not_number"),
    ]  # fmt: skip
    with pytest.raises(ImportRejected):
        import_readings(CLI_ACTOR, "V-1", rows, source="entry", today=TODAY, url=village)
    assert _stored(village) == []


def test_the_month_grid_numbers_rows_as_the_grid_shows_them(village: str) -> None:
    """A grid whose first rows are left empty: H-003's cell is on the grid's third row, not
    the first row something was typed in (the check names the row the person sees)."""
    from energy.readings.month_grid import grid_rows

    cells = [("H-001", "electricity", None), ("H-002", "electricity", ""),
             ("H-003", "electricity", "-1")]  # fmt: skip
    rows = grid_rows(
        dt.date(2025, 3, 1), cells, {"electricity": "kWh"}, ("H-001", "H-002", "H-003")
    )
    assert [(r.line, r.household) for r in rows] == [(3, "H-003")]


def test_a_value_stored_already_and_sent_again_is_not_warned_about_again(village: str) -> None:
    """The grid sends the month's stored values with the new ones: a far-out value confirmed
    and saved before is counted unchanged, not flagged (and confirmed) once more."""
    history = "household,month,carrier,value,unit\n" + "".join(
        f"H-001,2024-{m:02d},electricity,{180 + m},kWh\n" for m in range(4, 13)
    )
    _import(village, history.encode())
    high = b"household,month,carrier,value,unit\nH-001,2025-01,electricity,900,kWh\n"
    report = check_readings(CLI_ACTOR, "V-1", read_rows(high), today=TODAY, url=village)
    assert [(w.key, w.carrier) for w in report.warnings] == [("import.outlier", "electricity")]
    assert _import(village, high).added == 1
    again = check_readings(CLI_ACTOR, "V-1", read_rows(high), today=TODAY, url=village)
    assert (again.unchanged, again.warnings) == (1, [])


def test_a_zero_where_the_household_used_energy_is_a_warning(village: str) -> None:
    """A 0 kWh month after months of use is shown (with the usual use) to be confirmed; it
    is stored once confirmed, never dropped."""
    history = "household,month,carrier,value,unit\n" + "".join(
        f"H-001,2024-{m:02d},electricity,{180 + m},kWh\n" for m in range(4, 13)
    )
    _import(village, history.encode())
    zero = b"household,month,carrier,value,unit\nH-001,2025-01,electricity,0,kWh\n"
    report = check_readings(CLI_ACTOR, "V-1", read_rows(zero), today=TODAY, url=village)
    [warning] = report.warnings
    assert (warning.line, warning.key, warning.params["typical"]) == (2, "import.zero_value", "188")
    assert report.ok  # a warning, not an error: the person confirms and saves
    assert _import(village, zero).added == 1
