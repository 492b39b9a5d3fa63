"""Daily temperatures: the KMA and plain files, the atomic import, conflicts, who may do
what, the reading API, the demo's weather and the command line."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from energy.calc.metrics import add_months
from energy.core.access import CLI_ACTOR, ROLES, Actor
from energy.core.errors import AccessDenied
from energy.demo.readings import WINDOW_MONTHS
from energy.demo.weather import SEOUL_NORMALS_C, demo_temperatures
from energy.store import db
from energy.store.models.readings import Reading
from energy.store.models.system import AuditEntry
from energy.store.models.weather import DailyTemperature, WeatherBatch
from energy.villages import directory as villages
from energy.weather import imports as weather
from energy.weather import temperatures
from energy.weather.files import read_temperatures
from tests.conftest import TEMPLATE_TODAY
from tests.energy_cli import energy

# As data.kma.go.kr exports ASOS daily data: more columns follow the mean temperature.
KMA_HEADER = (
    "지점,지점명,일시,평균기온(°C),최저기온(°C),최저기온 시각(hhmi),최고기온(°C),"
    "최고기온 시각(hhmi),일강수량(mm)"
)
KMA_ROWS = [
    "108,서울,2025-01-01,-1.2,-5.4,0651,3.1,1455,",
    "108,서울,2025-01-02,,-6.0,0702,1.0,1500,0.3",  # no observation that day
    "108,서울,2025-01-03,0.4,-3.2,0540,4.8,1420,",
    "108,서울,2025-01-04,-3.5,-8.1,0710,0.2,1350,",
]
STAFF = ("admin",)


def kma_file(rows: list[str], encoding: str = "cp949") -> bytes:
    return ("\r\n".join([KMA_HEADER, *rows]) + "\r\n").encode(encoding)


def stored(url: str) -> dict[dt.date, float]:
    with db.get_engine(url).connect() as conn:
        return dict(  # type: ignore[arg-type]
            conn.execute(select(DailyTemperature.day, DailyTemperature.mean_c)).all()
        )


def audit_entries(url: str) -> list[Any]:
    """The imports' audit entries (actor, entity_key, after), oldest first."""
    with db.get_engine(url).connect() as conn:
        return list(
            conn.execute(
                select(AuditEntry.actor, AuditEntry.entity_key, AuditEntry.after)
                .where(AuditEntry.action == "import_temperatures")
                .order_by(AuditEntry.id)
            )
        )


def batches(url: str) -> int:
    with db.get_engine(url).connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(WeatherBatch)) or 0)


# --- files and the import ----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp949", "utf-8-sig"])
def test_a_kma_file_with_korean_headers_and_more_columns_imports(
    fresh_store: str, encoding: str
) -> None:
    result = weather.import_temperatures(
        CLI_ACTOR, kma_file(KMA_ROWS, encoding), filename="OBS_ASOS_DD.csv", url=fresh_store
    )
    assert (result.station, result.source) == (108, "kma_asos")
    assert (result.added, result.changed, result.unchanged, result.missing) == (3, 0, 0, 1)
    assert (result.first, result.last) == (dt.date(2025, 1, 1), dt.date(2025, 1, 4))
    assert stored(fresh_store) == {
        dt.date(2025, 1, 1): -1.2,
        dt.date(2025, 1, 3): 0.4,
        dt.date(2025, 1, 4): -3.5,
    }
    (entry,) = audit_entries(fresh_store)
    assert entry.actor == "cli" and entry.entity_key == "108"
    assert entry.after is not None and entry.after["added"] == 3
    assert entry.after["source"] == "kma_asos" and entry.after["file"] == "OBS_ASOS_DD.csv"


def test_a_plain_file_is_of_the_station_given_default_108(fresh_store: str) -> None:
    plain = b"date,temp_c\n2025-07-01,24.5\n2025-07-02,+26\n"
    result = weather.import_temperatures(CLI_ACTOR, plain, url=fresh_store)
    assert (result.station, result.source, result.added) == (108, "csv", 2)
    assert stored(fresh_store) == {dt.date(2025, 7, 1): 24.5, dt.date(2025, 7, 2): 26.0}


def test_the_reading_api_gives_a_series_of_the_days_present(fresh_store: str) -> None:
    weather.import_temperatures(CLI_ACTOR, kma_file(KMA_ROWS), url=fresh_store)
    viewer = Actor(username="town", role="viewer")
    series = temperatures.daily_temperatures(
        viewer, 108, dt.date(2025, 1, 2), dt.date(2025, 1, 31), url=fresh_store
    )
    assert series.name == "mean_c" and series.index.name == "day"
    assert [d.date() for d in series.index] == [dt.date(2025, 1, 3), dt.date(2025, 1, 4)]
    assert series.tolist() == [0.4, -3.5]
    empty = temperatures.daily_temperatures(
        viewer, 119, dt.date(2025, 1, 1), dt.date(2025, 1, 31), url=fresh_store
    )
    assert empty.empty and empty.dtype == float


BAD_ROWS = [
    "108,서울,2025-01-01,-1.2",
    "108,서울,2025-01-01,-1.0",  # line 3: the same day again
    "108,서울,2025-13-01,1.0",  # line 4: no such month
    "108,서울,2025-01-05,영하",  # line 5: not a number
    "108,서울,2025-01-06,51.2",  # line 6: out of range
    "119,수원,2025-01-07,0.5",  # line 7: another station
    "108,서울,2025-01-08,1,5",  # line 8: a decimal comma makes an extra field, and "1" is fine
    "108,서울,2025-01-09,1.234.5",  # line 9
]


def test_bad_rows_are_named_by_line_in_both_languages_and_nothing_is_stored(
    fresh_store: str,
) -> None:
    with pytest.raises(weather.WeatherRejected) as caught:
        weather.import_temperatures(CLI_ACTOR, kma_file(BAD_ROWS), url=fresh_store)
    issues = caught.value.issues
    assert [(i.line, i.key) for i in issues] == [
        (3, "weather.day_twice"),
        (4, "weather.day_format"),
        (5, "weather.temp_not_number"),
        (6, "weather.temp_out_of_range"),
        (7, "weather.station_mixed"),
        (9, "weather.temp_not_number"),
    ]
    assert issues[0].message("en") == "The same day (2025-01-01) is already on line 2."
    assert issues[0].message("ko") == "같은 날(2025-01-01)이 2번째 줄에 이미 있습니다."
    assert issues[3].message("en") == "51.2 °C is outside the range of a daily mean (-40 to 45 °C)."
    assert "범위(-40~45°C)" in issues[3].message("ko")
    assert (
        issues[4].message("en") == "Station 119 is not the file's station 108: one station a file."
    )
    assert caught.value.message("ko") == "파일에 고칠 곳이 6건 있어 아무것도 저장하지 않았습니다."
    assert stored(fresh_store) == {}
    assert batches(fresh_store) == 0 and audit_entries(fresh_store) == []


def test_a_station_given_must_be_the_kma_files_station(fresh_store: str) -> None:
    checked = read_temperatures(kma_file(KMA_ROWS), station=119)
    assert [(i.line, i.key) for i in checked.issues] == [
        (line, "weather.station_mixed") for line in (2, 3, 4, 5)
    ]


def test_a_station_not_registered_is_refused(fresh_store: str) -> None:
    with pytest.raises(weather.WeatherRejected) as caught:
        weather.import_temperatures(
            CLI_ACTOR, b"date,temp_c\n2025-01-01,1.0\n", station=119, url=fresh_store
        )
    assert (
        caught.value.issues[0].message("en") == "Station 119 is not a known station (known: 108)."
    )
    assert stored(fresh_store) == {}


def test_a_kma_file_of_a_new_station_registers_it_by_its_name(fresh_store: str) -> None:
    """A KMA file names its station (지점, 지점명): Suwon's days register station 119."""
    rows = [row.replace("108,서울", "119,수원") for row in KMA_ROWS]
    result = weather.import_temperatures(CLI_ACTOR, kma_file(rows), url=fresh_store)
    assert (result.station, result.added) == (119, 3)
    years = temperatures.coverage(CLI_ACTOR, station=119, url=fresh_store)
    assert [(y.name_ko, y.days) for y in years] == [("수원", 3)]
    with db.get_engine(fresh_store).connect() as conn:
        added = conn.execute(
            select(AuditEntry.entity_key).where(
                AuditEntry.entity == "weather_stations", AuditEntry.action == "create"
            )
        ).scalars()
        assert list(added) == ["119"]
    villages.add_village(CLI_ACTOR, code="SW-1", name="수원 곁 마을", district="Mapo-gu",
                         cohort_year=2025, today=dt.date(2026, 1, 1), url=fresh_store)  # fmt: skip
    done = energy(fresh_store, "weather", "station", "SW-1", "119")
    assert done.returncode == 0, done.stderr
    assert temperatures.station_for_village(CLI_ACTOR, "SW-1", url=fresh_store) == 119


def test_a_day_to_come_and_a_missing_plain_temperature_are_errors() -> None:
    today = dt.date(2025, 1, 10)
    checked = read_temperatures(b"date,temp_c\n2025-01-09,\n2025-01-11,2.0\n", today=today)
    assert [(i.line, i.key) for i in checked.issues] == [
        (2, "weather.temp_missing"),
        (3, "weather.day_future"),
    ]


def test_a_file_that_is_neither_format_is_refused_as_a_whole() -> None:
    from energy.readings.files import FileProblem

    with pytest.raises(FileProblem) as caught:
        read_temperatures(b"household,month,carrier,value\nH-001,2025-01,gas,10\n")
    assert caught.value.key == "weather.header"


def test_a_re_import_is_a_no_op(fresh_store: str) -> None:
    weather.import_temperatures(CLI_ACTOR, kma_file(KMA_ROWS), url=fresh_store)
    again = weather.import_temperatures(CLI_ACTOR, kma_file(KMA_ROWS), url=fresh_store)
    assert (again.batch_id, again.added, again.changed, again.unchanged) == (None, 0, 0, 3)
    assert batches(fresh_store) == 1 and len(audit_entries(fresh_store)) == 1


def test_a_changed_day_is_refused_unless_replaced_and_then_audited(fresh_store: str) -> None:
    weather.import_temperatures(CLI_ACTOR, kma_file(KMA_ROWS), url=fresh_store)
    changed = ["108,서울,2025-01-03,0.9", "108,서울,2025-01-05,2.2"]
    with pytest.raises(weather.WeatherConflicts) as caught:
        weather.import_temperatures(CLI_ACTOR, kma_file(changed), url=fresh_store)
    (conflict,) = caught.value.conflicts
    assert (conflict.line, conflict.day, conflict.stored, conflict.new) == (
        2, dt.date(2025, 1, 3), 0.4, 0.9,
    )  # fmt: skip
    assert "--replace" in caught.value.message("en") and "--replace" in caught.value.message("ko")
    assert dt.date(2025, 1, 5) not in stored(fresh_store)  # nothing of the file was stored
    assert stored(fresh_store)[dt.date(2025, 1, 3)] == 0.4

    result = weather.import_temperatures(
        CLI_ACTOR, kma_file(changed), replace=True, url=fresh_store
    )
    assert (result.added, result.changed, result.unchanged) == (1, 1, 0)
    days = stored(fresh_store)
    assert days[dt.date(2025, 1, 3)] == 0.9 and days[dt.date(2025, 1, 5)] == 2.2
    last = audit_entries(fresh_store)[-1]
    assert last.after is not None
    assert last.after["changed"] == [{"day": "2025-01-03", "before": 0.4, "after": 0.9}]


# --- who may do what ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", [r for r in ROLES if r not in STAFF])
def test_only_staff_import_and_every_role_reads(role: str, fresh_store: str) -> None:
    actor = Actor(username=role, role=role)
    with pytest.raises(AccessDenied):
        weather.import_temperatures(actor, kma_file(KMA_ROWS), url=fresh_store)
    assert stored(fresh_store) == {}
    assert temperatures.coverage(actor, url=fresh_store) == []


def test_a_village_is_served_by_seoul_unless_set(fresh_store: str) -> None:
    for code in ("MINE", "OTHER"):
        villages.add_village(
            CLI_ACTOR, code=code, name=code, district="Mapo-gu", cohort_year=2024, url=fresh_store
        )
    assert temperatures.station_for_village(CLI_ACTOR, "MINE", url=fresh_store) == 108
    mine = villages.list_villages(CLI_ACTOR, url=fresh_store)[0]
    committee = Actor(username="c", role="committee", village_id=mine.id)
    assert temperatures.station_for_village(committee, mine.id, url=fresh_store) == 108
    with pytest.raises(AccessDenied):
        temperatures.station_for_village(committee, "OTHER", url=fresh_store)
    with pytest.raises(AccessDenied):
        temperatures.set_village_station(committee, mine.code, 108, url=fresh_store)
    temperatures.set_village_station(CLI_ACTOR, "OTHER", 108, url=fresh_store)
    assert temperatures.station_for_village(CLI_ACTOR, "OTHER", url=fresh_store) == 108


# --- the demo's weather ------------------------------------------------------------------------


def test_the_demo_weather_keeps_to_the_normals_every_month() -> None:
    days = demo_temperatures(dt.date(2019, 1, 1), dt.date(2026, 10, 31), seed=2012)
    assert [d for d, _ in days] == [
        dt.date(2019, 1, 1) + dt.timedelta(days=n) for n in range(len(days))
    ]
    by_month: dict[tuple[int, int], list[float]] = {}
    for day, value in days:
        by_month.setdefault((day.year, day.month), []).append(value)
    departures = [
        sum(values) / len(values) - SEOUL_NORMALS_C[month - 1]
        for (_, month), values in by_month.items()
    ]
    assert max(abs(d) for d in departures) <= 1.5
    assert max(abs(d) for d in departures) > 0.3  # months differ, as real ones do
    # Day to day it moves (an AR(1) spell, not a flat line), within Seoul's range.
    steps = [abs(b - a) for (_, a), (_, b) in itertools.pairwise(days)]
    assert 0.8 < sum(steps) / len(steps) < 3.0
    assert min(v for _, v in days) > -20
    assert max(v for _, v in days) < 35
    # The same days for the same seed, whatever the window.
    again = dict(demo_temperatures(dt.date(2024, 3, 1), dt.date(2024, 3, 31), seed=2012))
    assert again == {d: v for d, v in days if (d.year, d.month) == (2024, 3)}


def test_a_new_demo_store_has_weather_for_the_readings_months(small_store: str) -> None:
    last_month = add_months(TEMPLATE_TODAY.replace(day=1), -1)
    first_month = add_months(last_month, 1 - WINDOW_MONTHS)
    days = stored(small_store)
    with db.get_engine(small_store).connect() as conn:
        months = set(conn.scalars(select(Reading.month).distinct()))
        (source,) = conn.scalars(select(WeatherBatch.source)).all()
    assert source == "demo"
    assert months and min(months) >= first_month
    wanted = {
        dt.date(m.year, m.month, d)
        for m in {add_months(first_month, k) for k in range(WINDOW_MONTHS)}
        for d in range(1, calendar.monthrange(m.year, m.month)[1] + 1)
    }
    assert set(days) == wanted
    for (year, month), values in _by_month(days).items():
        assert abs(sum(values) / len(values) - SEOUL_NORMALS_C[month - 1]) <= 1.5, (year, month)


def _by_month(days: dict[dt.date, float]) -> dict[tuple[int, int], list[float]]:
    found: dict[tuple[int, int], list[float]] = {}
    for day, value in days.items():
        found.setdefault((day.year, day.month), []).append(value)
    return found


# --- the command line ----------------------------------------------------------------------------


def test_the_command_line_imports_and_lists(fresh_store: str, tmp_path: Path) -> None:
    path = tmp_path / "OBS_ASOS_DD.csv"
    path.write_bytes(kma_file(KMA_ROWS))
    done = energy(fresh_store, "weather", "import", str(path), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout
        == "station 108: 3 days added, 0 changed, 0 unchanged (2025-01-01 to 2025-01-04)\n"
    )
    done = energy(fresh_store, "weather", "import", str(path))
    assert (done.returncode, done.stdout) == (
        0,
        "지점 108: 새로 저장할 날이 없습니다(3일 그대로).\n",
    )

    listed = energy(fresh_store, "weather", "list", "--lang", "en")
    assert listed.stdout == "station 108 Seoul 2025: 3/365 days\n"
    assert energy(fresh_store, "weather", "list").stdout == "지점 108 서울 2025년: 3/365일\n"
    (year,) = json.loads(energy(fresh_store, "weather", "list", "--json").stdout)
    assert year == {
        "station": 108, "name_ko": "서울", "name_en": "Seoul", "year": 2025, "days": 3,
        "days_in_year": 365, "first": "2025-01-01", "last": "2025-01-04",
    }  # fmt: skip


def test_the_command_line_names_bad_rows_and_conflicts(fresh_store: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(kma_file(BAD_ROWS))
    done = energy(fresh_store, "weather", "import", str(bad), "--lang", "en")
    assert done.returncode == 1 and done.stdout == ""
    lines = done.stderr.splitlines()
    assert lines[0] == "error: Nothing was saved: the file has 6 problems to fix."
    assert lines[1] == "  line 3 [date]: The same day (2025-01-01) is already on line 2."
    assert len(lines) == 7
    korean = energy(fresh_store, "weather", "import", str(bad))
    assert korean.returncode == 1
    assert (
        korean.stderr.splitlines()[2]
        == "  4번째 줄 [date]: '2025-13-01'은 날짜가 아닙니다(YYYY-MM-DD)."
    )
    as_json = energy(fresh_store, "weather", "import", str(bad), "--json", "--lang", "en")
    assert as_json.returncode == 1
    assert [e["line"] for e in json.loads(as_json.stdout)["errors"]] == [3, 4, 5, 6, 7, 9]

    plain = tmp_path / "plain.csv"
    plain.write_text("date,temp_c\n2025-01-01,-1.0\n2025-01-02,0.0\n")
    assert energy(fresh_store, "weather", "import", str(plain)).returncode == 0
    plain.write_text("date,temp_c\n2025-01-01,-1.5\n2025-01-02,0.0\n")
    refused = energy(fresh_store, "weather", "import", str(plain), "--lang", "en")
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[1:] == [
        "  line 2 [temp_c]: 2025-01-01: -1.0 °C stored, -1.5 °C in the file"
    ]
    replaced = energy(fresh_store, "weather", "import", str(plain), "--replace", "--json")
    assert replaced.returncode == 0
    summary = json.loads(replaced.stdout)
    assert (summary["added"], summary["changed"], summary["unchanged"]) == (0, 1, 1)
    assert stored(fresh_store)[dt.date(2025, 1, 1)] == -1.5

    missing = energy(fresh_store, "weather", "import", str(tmp_path / "none.csv"), "--lang", "en")
    assert missing.returncode == 1
    assert missing.stderr.startswith("error: No such file")
