"""A committee's reminder of a month with missing readings: which villages lack readings (a
household taking part that month with no reading of any carrier), who is written to (the
village's committee accounts with an address, in their language, not those who turned it
off), once per village, month and account, and the command line that queues it."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from energy.accounts import users as accounts
from energy.core.access import CLI_ACTOR
from energy.core.errors import AccessDenied, InvalidInput
from energy.mail.reminders import remind_missing_readings
from energy.readings.files import RawRow
from energy.readings.imports import import_readings
from energy.readings.reporting import villages_lacking_readings
from energy.villages import directory, households
from tests.energy_cli import energy
from tests.mail.queued import PASSWORD, mute, queued

MONTH = dt.date(2027, 3, 1)
TODAY = dt.date(2027, 4, 10)
JOINED = dt.date(2026, 1, 1)


def _village(url: str, code: str, name: str, name_en: str, *codes: str) -> None:
    directory.add_village(
        CLI_ACTOR, code=code, name=name, name_en=name_en, district="동작구", cohort_year=2026,
        today=JOINED, url=url,
    )  # fmt: skip
    for household in codes:
        households.add_household(CLI_ACTOR, code, code=household, joined_on=JOINED, url=url)


def _readings(url: str, code: str, *households_: str, month: dt.date = MONTH) -> None:
    rows = [RawRow(n, h, f"{month:%Y-%m}", "electricity", "250", "kWh")
            for n, h in enumerate(households_, 1)]  # fmt: skip
    import_readings(CLI_ACTOR, code, rows, today=TODAY, url=url)


def _committee(url: str, name: str, village: str, *, language: str = "ko",
               email: str | None = None) -> None:  # fmt: skip
    accounts.add_user(
        CLI_ACTOR, username=name, password=PASSWORD, role="committee", village_code=village,
        display_name=f"{name} 위원회", language=language, email=email, url=url,
    )  # fmt: skip


def _programme(url: str) -> None:
    """성대골 lacks one of its two households' March; 도봉 sent all; 망원 (paused) and 은평
    (no household) are not asked. 성대골's committee: one account in Korean and one in
    English with addresses, one without an address, one that turned reminders off, one
    disabled; 도봉's has an address."""
    _village(url, "DJK-2026-01", "성대골 마을", "Sungdaegol", "H-001", "H-002")
    _village(url, "DBG-2026-01", "도봉 햇빛마을", "Dobong Sunlight", "H-001")
    _village(url, "MPO-2026-01", "망원 마을", "Mangwon", "H-001")
    _village(url, "EPY-2026-01", "은평 마을", "Eunpyeong")
    _readings(url, "DJK-2026-01", "H-001")
    _readings(url, "DBG-2026-01", "H-001")
    directory.change_status(CLI_ACTOR, "MPO-2026-01", status="paused", reason_code="lack_of_time",
                            effective_on=dt.date(2026, 6, 1), url=url)  # fmt: skip
    _committee(url, "sdg", "DJK-2026-01", email="sdg@example.org")
    _committee(url, "sdg.en", "DJK-2026-01", language="en", email="sdg.en@example.org")
    _committee(url, "sdg.nomail", "DJK-2026-01")
    _committee(url, "sdg.quiet", "DJK-2026-01", email="quiet@example.org")
    _committee(url, "sdg.gone", "DJK-2026-01", email="gone@example.org")
    _committee(url, "dobong", "DBG-2026-01", email="dobong@example.org")
    _committee(url, "mangwon", "MPO-2026-01", email="mangwon@example.org")
    mute(url, "sdg.quiet", "readings_reminder")
    accounts.set_user_active(CLI_ACTOR, "sdg.gone", False, url=url)


def test_a_village_lacks_readings_when_a_household_taking_part_has_none(
    fresh_store: str,
) -> None:
    _programme(fresh_store)
    # One who joined after March, and one who left before it, are not asked for March.
    households.add_household(CLI_ACTOR, "DBG-2026-01", code="H-002",
                             joined_on=dt.date(2027, 4, 2), url=fresh_store)  # fmt: skip
    (lacking,) = villages_lacking_readings(CLI_ACTOR, MONTH, url=fresh_store)
    assert (lacking.code, lacking.households, lacking.reported, lacking.missing) == (
        "DJK-2026-01", 2, 1, 1,
    )  # fmt: skip
    # Any carrier counts: H-002's water alone makes the month complete.
    rows = [RawRow(1, "H-002", "2027-03", "water", "12", "m3")]
    import_readings(CLI_ACTOR, "DJK-2026-01", rows, today=TODAY, url=fresh_store)
    assert villages_lacking_readings(CLI_ACTOR, MONTH, url=fresh_store) == []
    # The next month nobody has sent anything: both active villages with households lack it.
    april = villages_lacking_readings(CLI_ACTOR, dt.date(2027, 4, 1), url=fresh_store)
    assert [(v.code, v.households, v.reported) for v in april] == [
        ("DBG-2026-01", 2, 0), ("DJK-2026-01", 2, 0),
    ]  # fmt: skip


def test_the_committee_is_reminded_once_in_its_own_language(fresh_store: str) -> None:
    _programme(fresh_store)
    report = remind_missing_readings(CLI_ACTOR, MONTH, today=TODAY, url=fresh_store)
    assert ([v.code for v in report.lacking], report.queued, report.already) == (
        ["DJK-2026-01"], 2, 0,
    )  # fmt: skip
    sent = queued(fresh_store)
    assert [(m.kind, m.to, m.language) for m in sent] == [
        ("readings_reminder", "sdg@example.org", "ko"),
        ("readings_reminder", "sdg.en@example.org", "en"),
    ]
    ko, en = sent
    assert "2027년 3월" in ko.subject and "성대골 마을" in ko.text
    assert "참여 가구 2곳 중 1곳이 입력되어 1곳이 남았습니다" in ko.text
    assert "Mar 2027" in en.subject and "Sungdaegol" in en.text
    assert "1 of the 2 households taking part have readings, 1 still to go" in en.text
    for message in sent:
        assert "http://localhost:8501/readings?month=2027-03" in message.text
        assert 'href="http://localhost:8501/readings?month=2027-03"' in message.html
        assert "/account" in message.text  # optional: where to turn it off
        assert "H-002" not in message.text  # how many are missing, never which
    # Again (cron runs it every few days): nothing new.
    again = remind_missing_readings(CLI_ACTOR, MONTH, today=TODAY, url=fresh_store)
    assert (again.queued, again.already) == (0, 2)
    assert len(queued(fresh_store)) == 2


def test_a_month_to_come_is_refused_and_only_staff_remind(fresh_store: str) -> None:
    _programme(fresh_store)
    with pytest.raises(InvalidInput) as caught:
        remind_missing_readings(CLI_ACTOR, dt.date(2027, 5, 1), today=TODAY, url=fresh_store)
    assert "2027-05 has not come yet" in caught.value.message("en")
    committee = accounts.authenticate("sdg", PASSWORD, url=fresh_store).actor
    assert committee is not None
    with pytest.raises(AccessDenied):
        remind_missing_readings(committee, MONTH, today=TODAY, url=fresh_store)
    assert queued(fresh_store) == []


def test_the_command_line_reminds_each_village_once(small_store: str) -> None:
    """The demo's flagship sent last month for every household and nothing yet this month:
    its committee account is reminded of this month, once."""
    this_month = f"{dt.date.today():%Y-%m}"
    last_month = f"{dt.date.today().replace(day=1) - dt.timedelta(days=1):%Y-%m}"
    complete = energy(small_store, "remind", "readings", "--month", last_month)
    assert complete.returncode == 0, complete.stderr
    assert complete.stdout.startswith(f"0 active villages lack readings for {last_month}")
    first = energy(small_store, "remind", "readings", "--month", this_month, "--json")
    assert first.returncode == 0, first.stderr
    found = json.loads(first.stdout)
    assert (found["villages_lacking"], found["queued"], found["already_queued"]) == (1, 1, 0)
    (village,) = found["villages"]
    assert (village["code"], village["reported"]) == ("DJK-2012-01", 0)
    (reminder,) = queued(small_store, "readings_reminder")
    assert (reminder.to, reminder.language) == ("committee@example.org", "ko")
    assert f"readings?month={this_month}" in reminder.text
    again = energy(small_store, "remind", "readings", "--month", this_month)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == (
        f"1 active villages lack readings for {this_month}; queued 0 reminders "
        "(1 queued before, not again)"
    )
    assert len(queued(small_store, "readings_reminder")) == 1
    bad = energy(small_store, "remind", "readings", "--month", "2027-13")
    assert bad.returncode == 1 and "'2027-13' is not a month" in bad.stderr
