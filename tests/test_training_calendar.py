"""Training calendars: .ics files read back by an independent parser (``ical``), the command
line, the week and month grids, and the sign-in sheet and certificate PDFs."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from ical.calendar_stream import IcsCalendarStream
from ical.event import EventStatus
from pypdf import PdfReader

from energy.accounts import users as accounts
from energy.core.access import CLI_ACTOR, Actor
from energy.core.errors import AccessDenied, InvalidInput
from energy.demo.load import DEMO_PASSWORD
from energy.training import attendance, schedule
from energy.training import calendar as training_calendar
from energy.training import ics as training_ics
from energy.training import pdf as training_pdf
from energy.training.completion import cohort_progress
from energy.training.schedule import SessionFilter
from tests.test_cli import _one_line_error, energy

SEOUL = ZoneInfo("Asia/Seoul")
FLAGSHIP = "DJK-2012-01"


def _login(url: str, name: str) -> Actor:
    actor = accounts.authenticate(name, DEMO_PASSWORD, url=url).actor
    assert actor is not None
    return actor


def _strict_lines(raw: bytes) -> list[bytes]:
    """RFC 5545 section 3.1: CRLF line ends, no line longer than 75 octets."""
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    return lines


def test_a_village_calendar_from_the_command_line_reads_back_with_every_session(
    demo_store: str, tmp_path: Path
) -> None:
    out = tmp_path / "village.ics"
    result = energy(demo_store, "calendar", "--village", FLAGSHIP, "--out", str(out))
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    lines = _strict_lines(raw)
    assert b"BEGIN:VTIMEZONE" in lines and b"TZID:Asia/Seoul" in lines
    parsed = IcsCalendarStream.calendar_from_ics(raw.decode("utf-8"))
    expected = schedule.list_sessions(
        CLI_ACTOR,
        SessionFilter(village_id=_village_id(demo_store, FLAGSHIP), include_cancelled=True),
        url=demo_store,
    )
    assert len(parsed.events) == len(expected) == 2
    assert [tz.tz_id for tz in parsed.timezones] == ["Asia/Seoul"]
    for event, session in zip(
        sorted(parsed.events, key=lambda e: e.dtstart), expected, strict=True
    ):
        assert isinstance(event.dtstart, dt.datetime)
        assert str(event.dtstart.tzinfo) == "Asia/Seoul"
        assert event.dtstart == session.local_start
        assert event.dtend == session.local_end
        assert event.uid == f"session-{session.id}@{training_ics.UID_DOMAIN}"
        assert event.summary is not None and session.title_ko in event.summary
        assert event.location is not None and event.location.startswith(session.venue_name)
        assert event.status == EventStatus.CONFIRMED
    assert f"wrote {out}" in result.stdout


def _village_id(url: str, code: str) -> int:
    from energy.villages import directory as villages

    return villages.get_village(CLI_ACTOR, code, url=url).village.id


def test_a_trainer_calendar_marks_cancelled_sessions_so_programs_remove_them(
    demo_store: str, tmp_path: Path
) -> None:
    trainer = _login(demo_store, "trainer")
    own = schedule.list_sessions(trainer, url=demo_store)
    upcoming = next(s for s in own if s.starts_at > dt.datetime.now(dt.UTC))
    schedule.cancel_session(CLI_ACTOR, upcoming.id, reason="강사 사정", url=demo_store)
    out = tmp_path / "trainer.ics"
    result = energy(
        demo_store, "calendar", "--trainer", "박하은", "--out", str(out), "--lang", "en"
    )
    assert result.returncode == 0, result.stderr
    parsed = IcsCalendarStream.calendar_from_ics(out.read_text(encoding="utf-8"))
    assert len(parsed.events) == len(own)
    statuses = {e.uid: e.status for e in parsed.events}
    cancelled = f"session-{upcoming.id}@{training_ics.UID_DOMAIN}"
    assert statuses[cancelled] == EventStatus.CANCELLED
    assert sum(s == EventStatus.CANCELLED for s in statuses.values()) == 1
    assert all(
        e.summary and not any("가" <= ch <= "힣" for ch in e.summary.split("·")[0])
        for e in parsed.events
    )


def test_the_calendar_command_refuses_an_unknown_trainer_or_village(
    demo_store: str, tmp_path: Path
) -> None:
    out = tmp_path / "x.ics"
    assert "no trainer 'nobody'" in _one_line_error(
        energy(demo_store, "calendar", "--trainer", "nobody", "--out", str(out))
    )
    assert "NOPE-1" in _one_line_error(
        energy(demo_store, "calendar", "--village", "NOPE-1", "--out", str(out))
    )
    assert not out.exists()


def test_a_calendar_is_only_for_those_who_may_see_it(demo_store: str) -> None:
    committee = _login(demo_store, "committee")
    trainer = _login(demo_store, "trainer")
    own = training_calendar.village_calendar(committee, FLAGSHIP, url=demo_store)
    assert own.events == 2 and own.filename == f"training-{FLAGSHIP}.ics"
    with pytest.raises(AccessDenied):
        training_calendar.village_calendar(committee, "DJK-2026-05", url=demo_store)
    with pytest.raises(AccessDenied):
        training_calendar.trainer_calendar(trainer, "최민준", url=demo_store)
    assert training_calendar.trainer_calendar(trainer, "박하은", url=demo_store).events > 0


def test_week_and_month_grids_start_on_monday() -> None:
    days = training_calendar.week_days(dt.date(2026, 11, 26))
    assert (days[0], days[-1]) == (dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    weeks = training_calendar.month_weeks(2026, 2)
    assert weeks[0][0] == dt.date(2026, 1, 26) and weeks[-1][-1] == dt.date(2026, 3, 1)
    assert all(len(w) == 7 and w[0].weekday() == 0 for w in weeks)


def _pdf_text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return "\n".join(page.extract_text() for page in pages).replace("\x00", "")


def test_the_sign_in_sheet_numbers_every_participant_in_the_entry_order(demo_store: str) -> None:
    trainer = _login(demo_store, "trainer")
    session = schedule.list_sessions(trainer, url=demo_store)[-1]
    sheet = attendance.attendance_sheet(trainer, session.id, url=demo_store)
    text = _pdf_text(training_pdf.sign_in_sheet_pdf(trainer, session.id, lang="ko", url=demo_store))
    assert "교육 참석 서명부" in text and session.trainer_name in text
    positions = [text.index(row.name) for row in sheet.rows]
    assert positions == sorted(positions) and len(sheet.rows) == 12


def test_the_certificate_is_bilingual_and_only_for_a_village_that_completed(
    demo_store: str,
) -> None:
    cohort = cohort_progress(CLI_ACTOR, dt.date.today().year - 1, url=demo_store)
    done = next(p for p in cohort if p.completed_on is not None)
    behind = next(p for p in cohort if p.completed_on is None)
    text = _pdf_text(training_pdf.certificate_pdf(CLI_ACTOR, done.village_id, url=demo_store))
    assert "수 료 증" in text and "Certificate of Completion" in text
    assert done.name in text and done.name_en in text
    with pytest.raises(InvalidInput) as refused:
        training_pdf.certificate_pdf(CLI_ACTOR, behind.village_id, url=demo_store)
    assert refused.value.key == "error.not_completed"
