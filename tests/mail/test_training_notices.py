"""A training session scheduled, moved or cancelled: a notice with the session's ``.ics`` to the
village's committee accounts (their language; optional) and to the participants on its list
who gave an address (the committee's language; always, saying why), queued with the change
and gone with it when it rolls back. The calendar file keeps the event's UID, counts its
changes in SEQUENCE and cancels with METHOD:CANCEL."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from sqlalchemy import select

from energy.accounts import users as accounts
from energy.calc.schedule_solver import ScheduleRules
from energy.core.access import CLI_ACTOR, Actor
from energy.core.errors import AccessDenied, InvalidInput
from energy.demo.load import DEMO_PASSWORD
from energy.store import db
from energy.store.models.training import Trainer, Venue
from energy.training import attendance, notices, schedule
from energy.training.ics import organizer_address, session_uid
from energy.villages import directory
from tests.mail.queued import PASSWORD, Queued, mute, queued

SEOUL = ZoneInfo("Asia/Seoul")
FLAGSHIP = "DJK-2012-01"  # 성대골: the demo's committee account keeps its list
TRAINER = "최민준"  # teaches energy efficiency on Saturdays
VENUE = "동작구 주민교육실"


def _saturday(weeks_ahead: int) -> dt.date:
    day = dt.date.today() + dt.timedelta(weeks=weeks_ahead)
    return day + dt.timedelta(days=(5 - day.weekday()) % 7)


def _ids(url: str) -> tuple[int, int]:
    with db.session_for(CLI_ACTOR, url=url) as session:
        trainer = session.scalars(select(Trainer.id).where(Trainer.name == TRAINER)).one()
        venue = session.scalars(select(Venue.id).where(Venue.name == VENUE)).one()
    return trainer, venue


def _log_in(url: str, name: str, password: str = DEMO_PASSWORD) -> Actor:
    actor = accounts.authenticate(name, password, url=url).actor
    assert actor is not None, name
    return actor


def _calendar(message: Queued) -> icalendar.Calendar:
    ((name, media_type, content),) = message.attachments
    assert media_type == "text/calendar" and name.endswith(".ics")
    return icalendar.Calendar.from_ical(content)


def _event(cal: icalendar.Calendar) -> icalendar.Event:
    (event,) = cal.walk("VEVENT")
    return event


def _flagship_people(url: str) -> None:
    """성대골's list: one resident given an address as she is added, one given one later (in
    capitals: stored in lower case), one sharing the committee's own address, one without an
    address, one with an address but off the list. The committee account now writes in
    English; a second account, in Korean, also has an address."""
    committee = _log_in(url, "committee")
    attendance.add_participant(committee, FLAGSHIP, name="메일 주민", email="resident@example.org",
                               url=url)  # fmt: skip
    people = {p.name: p for p in attendance.list_participants(committee, FLAGSHIP, url=url)}
    named = sorted(n for n in people if n != "메일 주민")
    later, shared, off = (people[n] for n in named[:3])
    attendance.update_participant(committee, later.id, role=later.role, active=True,
                                  email=" Later@Example.ORG ", url=url)  # fmt: skip
    attendance.update_participant(committee, shared.id, role=shared.role, active=True,
                                  email="committee@example.org", url=url)  # fmt: skip
    attendance.update_participant(committee, off.id, role=off.role, active=False,
                                  email="off@example.org", url=url)  # fmt: skip
    accounts.set_language(committee, "en", url=url)
    accounts.add_user(
        CLI_ACTOR, username="sdg.ko", password=PASSWORD, role="committee", village_code=FLAGSHIP,
        display_name="성대골 총무", language="ko", email="sdg.ko@example.org", url=url,
    )  # fmt: skip


def test_a_session_added_moved_and_cancelled_is_told_with_its_calendar(small_store: str) -> None:
    url = small_store
    _flagship_people(url)
    trainer, venue = _ids(url)
    day = _saturday(20)
    added = schedule.add_session(
        CLI_ACTOR, module_code="Y1-E1", village_codes=[FLAGSHIP], trainer_id=trainer,
        venue_id=venue, start=dt.datetime.combine(day, dt.time(10)), url=url,
    )  # fmt: skip
    told = queued(url, "training_session")
    assert sorted((m.kind, m.to, m.language) for m in told) == [
        ("training_session", "committee@example.org", "en"),
        ("training_session", "sdg.ko@example.org", "ko"),
        ("training_session_participant", "later@example.org", "en"),
        ("training_session_participant", "resident@example.org", "en"),
    ]  # the committee2 account (도봉) hears nothing of 성대골's session
    by_address = {m.to: m for m in told}
    ko, en = by_address["sdg.ko@example.org"], by_address["committee@example.org"]
    resident = by_address["resident@example.org"]
    assert ko.subject.startswith("[서울 에너지자립마을] 교육 일정 안내: LED와 단열 공동구매")
    assert f"{day.year}년 {day.month}월 {day.day}일 (토) 10:00–11:30" in ko.text
    assert "동작구 주민교육실, 서울특별시 동작구청" in ko.text
    assert en.subject.startswith("[Seoul Energy Self-Reliant Villages] Training scheduled:")
    assert "Group purchase of LEDs and insulation" in en.subject and "Sat " in en.text
    assert "A training session has been scheduled for Sungdaegol." in en.text
    for account in (ko, en):
        assert "http://localhost:8501/training" in account.text and "/account" in account.text
    # A participant has no account: no link to log in with, nothing about an account page,
    # and why the message came and how to stop it.
    assert "Dear 메일 주민" in resident.text and resident.user_id is None
    assert "/training" not in resident.text and "/account" not in resident.text
    assert "on the training list of Sungdaegol" in resident.text
    for message in told:
        cal = _calendar(message)
        assert cal["METHOD"] == "PUBLISH"
        event = _event(cal)
        assert str(event["UID"]) == session_uid(added.id) and event["SEQUENCE"] == 0
        assert event.decoded("DTSTART") == dt.datetime.combine(day, dt.time(10), tzinfo=SEOUL)
        assert str(event["STATUS"]) == "CONFIRMED"
    assert "LED와 단열" in str(_event(_calendar(ko))["SUMMARY"])
    assert "Group purchase" in str(_event(_calendar(en))["SUMMARY"])

    schedule.move_session(CLI_ACTOR, added.id, start=dt.datetime.combine(day, dt.time(14)),
                          url=url)  # fmt: skip
    moved = queued(url, "training_session")[len(told) :]
    assert sorted(m.to for m in moved) == sorted(by_address)
    ko_moved = next(m for m in moved if m.to == "sdg.ko@example.org")
    assert ko_moved.subject.startswith("[서울 에너지자립마을] 교육 일정 변경")
    assert f"전에 알려드린 {day.year}년 {day.month}월 {day.day}일 10:00 대신" in ko_moved.text
    for message in moved:
        event = _event(_calendar(message))
        assert str(event["UID"]) == session_uid(added.id) and event["SEQUENCE"] == 1
        assert event.decoded("DTSTART").hour == 14

    mute(url, "sdg.ko", "training_session")  # an account may turn these off; a participant not
    schedule.cancel_session(CLI_ACTOR, added.id, reason="강사 사정", url=url)
    cancelled = queued(url, "training_session")[len(told) + len(moved) :]
    assert sorted(m.to for m in cancelled) == [
        "committee@example.org", "later@example.org", "resident@example.org",
    ]  # fmt: skip
    for message in cancelled:
        cal = _calendar(message)
        event = _event(cal)
        assert cal["METHOD"] == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
        assert (
            event["SEQUENCE"] == 2
            and str(event["ORGANIZER"]) == organizer_address() == "mailto:no-reply@localhost"
        )
        assert "강사 사정" not in message.text  # staff's note stays with staff
    assert "Training cancelled:" in next(m for m in cancelled if m.language == "en").subject
    # Cancelled once, told once: cancelling again sends nothing.
    schedule.cancel_session(CLI_ACTOR, added.id, url=url)
    assert len(queued(url, "training_session")) == len(told) + len(moved) + len(cancelled)
    # The village's own calendar file agrees: the same UID at the same SEQUENCE.
    from energy.training.calendar import village_calendar

    feed = icalendar.Calendar.from_ical(village_calendar(CLI_ACTOR, FLAGSHIP, url=url).content)
    (same,) = [e for e in feed.walk("VEVENT") if str(e["UID"]) == session_uid(added.id)]
    assert same["SEQUENCE"] == 2 and str(same["STATUS"]) == "CANCELLED"


def test_a_change_that_rolls_back_queues_no_notice(
    small_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = small_store
    committee = _log_in(url, "committee")
    person = attendance.list_participants(committee, FLAGSHIP, url=url)[0]
    attendance.update_participant(committee, person.id, role=person.role, active=True,
                                  email="resident@example.org", url=url)  # fmt: skip
    trainer, venue = _ids(url)
    day = _saturday(22)
    added = schedule.add_session(
        CLI_ACTOR, module_code="Y1-E1", village_codes=[FLAGSHIP], trainer_id=trainer,
        venue_id=venue, start=dt.datetime.combine(day, dt.time(10)), url=url,
    )  # fmt: skip
    before = queued(url)
    assert len(before) == 2  # the committee account and the resident

    def fails_after_queueing(*args: object, **kwargs: object) -> object:
        announced = real(*args, **kwargs)  # type: ignore[arg-type]
        assert announced, "the notices were queued before the change failed"
        raise RuntimeError("the change fails after its notices were queued")

    real = notices.announce
    monkeypatch.setattr(notices, "announce", fails_after_queueing)
    with pytest.raises(RuntimeError):
        schedule.move_session(CLI_ACTOR, added.id, start=dt.datetime.combine(day, dt.time(14)),
                              url=url)  # fmt: skip
    with pytest.raises(RuntimeError):
        schedule.cancel_session(CLI_ACTOR, added.id, url=url)
    assert queued(url) == before
    still = schedule.get_session(CLI_ACTOR, added.id, url=url)
    assert (still.local_start.hour, still.status, still.sequence) == (10, "scheduled", 0)


def test_a_generated_schedule_tells_each_village_of_its_sessions_in_one_message(
    small_store: str,
) -> None:
    url = small_store
    year = dt.date.today().year + 1
    directory.add_village(CLI_ACTOR, code=f"DJK-{year}-09", name="새 햇빛마을", name_en="New Sun",
                          district="동작구", cohort_year=year, url=url)  # fmt: skip
    accounts.add_user(
        CLI_ACTOR, username="new.sun", password=PASSWORD, role="committee",
        village_code=f"DJK-{year}-09", language="en", email="new.sun@example.org", url=url,
    )  # fmt: skip
    start = dt.date.today() + dt.timedelta(days=60)
    result = schedule.generate_schedule(
        CLI_ACTOR, cohort_year=year, rules=ScheduleRules(start, start + dt.timedelta(days=120)),
        url=url,
    )  # fmt: skip
    assert result.created > 1
    (message,) = queued(url, "training_session")
    assert (message.to, message.language) == ("new.sun@example.org", "en")
    assert message.subject.endswith(f"{result.created} training sessions scheduled")
    assert f"{result.created} training sessions have been scheduled for New Sun." in message.text
    events = _calendar(message).walk("VEVENT")
    assert sorted(str(e["UID"]) for e in events) == sorted(
        session_uid(s.id) for s in result.planned
    )


def test_only_those_who_keep_the_list_see_and_give_addresses(small_store: str) -> None:
    url = small_store
    committee = _log_in(url, "committee")
    with pytest.raises(InvalidInput) as caught:
        attendance.add_participant(committee, FLAGSHIP, name="잘못 주민", email="no-at-sign",
                                   url=url)  # fmt: skip
    assert caught.value.field == "email"
    added = attendance.add_participant(committee, FLAGSHIP, name="새 주민",
                                       email="New@Example.org", url=url)  # fmt: skip
    assert added.email == "new@example.org"
    trainer = _log_in(url, "trainer")
    taught = schedule.list_sessions(trainer, url=url)[0].village_codes[0]
    listed = attendance.list_participants(trainer, taught, url=url)
    assert listed and all(p.email is None for p in listed)
    with pytest.raises(AccessDenied):
        attendance.add_participant(trainer, taught, name="당일 주민", email="walk@example.org",
                                   url=url)  # fmt: skip
    with pytest.raises(AccessDenied):
        attendance.update_participant(trainer, listed[0].id, role=listed[0].role, active=True,
                                      email="walk@example.org", url=url)  # fmt: skip
    # Staff give one; a trainer's edit of the role keeps the address it never saw.
    person = listed[0]
    attendance.update_participant(CLI_ACTOR, person.id, role=person.role, active=True,
                                  email="kept@example.org", url=url)  # fmt: skip
    attendance.update_participant(trainer, person.id, role="organiser", active=True, url=url)
    kept = {p.id: p for p in attendance.list_participants(CLI_ACTOR, taught, url=url)}
    assert (kept[person.id].role, kept[person.id].email) == ("organiser", "kept@example.org")
    cleared = attendance.update_participant(committee, added.id, role="resident", active=True,
                                            email="", url=url)  # fmt: skip
    assert cleared.email is None
