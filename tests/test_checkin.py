"""Training self check-in (issue 24): the rotating code, its window, a participant's check-in,
the trainer's board and corrections, the wrong-code limit and who may do what.

Time is given to every call (``now=``): nothing here waits or reads the clock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from energy.core.access import CLI_ACTOR, ROLES, Actor, can
from energy.core.errors import AccessDenied, EnergyError, InvalidInput
from energy.core.vocabulary import CHECKIN_OPENS_BEFORE_MINUTES
from energy.store import audit, db
from energy.store.models.training import (
    Attendance,
    Participant,
    SessionVillage,
    Trainer,
    TrainingModule,
    TrainingSession,
    Venue,
)
from energy.store.models.villages import Village
from energy.training import attendance, checkin, checkin_board
from energy.training.attendance import ParticipantInfo
from energy.training.checkin_codes import (
    BEFORE,
    CANCELLED,
    ENDED,
    OPEN,
    app_address,
    checkin_link,
    checkin_window,
    code_age,
    code_for,
    code_matches,
    is_local_address,
    minute_number,
    normalise_code,
    qr_png,
    shown_code,
)
from tests.test_apptest import _actor

# A Tuesday evening session, 19:00-21:00 in Seoul (10:00-12:00 UTC), years from any demo date.
START = dt.datetime(2030, 4, 9, 10, 0, tzinfo=dt.UTC)
END = START + dt.timedelta(hours=2)
AT = START + dt.timedelta(minutes=5, seconds=20)  # five minutes in
KEY = "ab" * 32
FLAGSHIP = "DJK-2012-01"  # the demo committee's village
DOBONG_LOGIN = "committee2"  # a committee of another village


@contextlib.contextmanager
def _refused(kind: type[EnergyError], key: str) -> Iterator[None]:
    with pytest.raises(kind) as caught:
        yield
    assert caught.value.key == key, caught.value.key


# --- the code, its window, its link: rules without a store -------------------------------------


def test_a_code_is_six_digits_and_changes_with_the_minute_the_key_and_the_session() -> None:
    minute = minute_number(AT)
    code = code_for(KEY, 7, minute)
    assert len(code) == 6 and code.isdigit()
    assert code_for(KEY, 7, minute) == code  # the same inputs, the same code
    others = {
        code_for(KEY, 7, minute + 1),
        code_for("cd" * 32, 7, minute),
        code_for(KEY, 8, minute),
    }
    assert code not in others
    # Every second of a minute shows the same code; the next minute a new one.
    assert (
        shown_code(KEY, 7, AT.replace(second=0)).code
        == shown_code(KEY, 7, AT.replace(second=59)).code
    )
    shown = shown_code(KEY, 7, AT)
    assert shown.code == code and shown.valid_from == AT.replace(second=0)
    assert shown.changes_at == shown.valid_from + dt.timedelta(minutes=1)
    assert shown.spaced == f"{code[:3]} {code[3:]}"


def test_the_last_minutes_code_is_accepted_in_grace_and_no_older_one() -> None:
    shown = shown_code(KEY, 7, AT).code
    minute_start = AT.replace(second=0)
    assert code_matches(KEY, 7, shown, minute_start)
    assert code_matches(KEY, 7, shown, minute_start + dt.timedelta(seconds=119))  # grace
    assert not code_matches(KEY, 7, shown, minute_start + dt.timedelta(seconds=120))
    assert code_age(KEY, 7, shown, minute_start + dt.timedelta(minutes=5)) == 5  # expired
    assert code_age(KEY, 7, shown, minute_start + dt.timedelta(minutes=16)) is None
    assert not code_matches(KEY, 7, shown, minute_start - dt.timedelta(seconds=1))  # not before
    with pytest.raises(ValueError):
        minute_number(AT.replace(tzinfo=None))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("382916", "382916"),
        (" 382 916 ", "382916"),
        ("382-916", "382916"),
        ("３８２９１６", "382916"),  # a Korean phone keyboard's full-width digits
        ("38291", None),
        ("3829160", None),
        ("abc123", None),
        ("٣٨٢٩١٦", None),  # digits of another script
        ("", None),
    ],
)
def test_a_typed_code_is_read_as_its_six_digits(typed: str, expected: str | None) -> None:
    assert normalise_code(typed) == expected


def test_the_window_opens_before_the_start_and_closes_at_the_end() -> None:
    window = checkin_window(START, END)
    opens = START - dt.timedelta(minutes=CHECKIN_OPENS_BEFORE_MINUTES)
    assert window.opens_at == opens and window.closes_at == END
    assert window.phase(opens - dt.timedelta(seconds=1)) == BEFORE
    assert window.phase(opens) == OPEN
    assert window.phase(END - dt.timedelta(seconds=1)) == OPEN
    assert window.phase(END) == ENDED
    assert window.phase(AT, cancelled=True) == CANCELLED


@pytest.mark.parametrize(
    ("page_url", "address", "local"),
    [
        ("http://10.0.0.5:8501/checkin_board", "http://10.0.0.5:8501", False),
        (
            "https://energy.seoul.example/app/checkin_board",
            "https://energy.seoul.example/app",
            False,
        ),
        ("http://localhost:8501/checkin_board", "http://localhost:8501", True),
        ("http://127.0.0.1:8501/", "http://127.0.0.1:8501", True),
    ],
)
def test_the_apps_address_is_read_off_the_boards(page_url: str, address: str, local: bool) -> None:
    assert app_address(page_url, "checkin_board") == address
    assert is_local_address(address) is local


def test_the_link_and_its_qr_code() -> None:
    link = checkin_link("https://energy.seoul.example/", 12, "012345")
    assert link == "https://energy.seoul.example/checkin?session=12&code=012345"
    png = qr_png(link)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 200


def test_only_a_committee_checks_in_and_only_trainers_and_staff_run_the_board() -> None:
    for role in ROLES:
        actor = Actor(username=role, role=role, village_id=1)
        assert can(actor, "training.checkin") == (role == "committee"), role
        assert can(actor, "training.attendance") == (role in ("admin", "trainer")), role


# --- in the store ---------------------------------------------------------------------------


def _village_id(url: str, code: str) -> int:
    with db.session_for(CLI_ACTOR, url=url) as session:
        found = session.scalar(select(Village.id).where(Village.code == code))
        assert found is not None
        return found


def _add_session(
    url: str, *, start: dt.datetime = START, villages: tuple[str, ...] = (FLAGSHIP,)
) -> int:
    """A session of the demo trainer with a login (박하은), two hours from ``start``."""
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        module = session.scalar(select(TrainingModule).where(TrainingModule.code == "Y1-04"))
        trainer = session.scalar(select(Trainer).where(Trainer.user_id.is_not(None)))
        venue = session.scalar(select(Venue).where(Venue.name == "성대골 마을카페"))
        assert module and trainer and venue
        row = TrainingSession(
            module_id=module.id, trainer_id=trainer.id, venue_id=venue.id, starts_at=start,
            ends_at=start + dt.timedelta(hours=2), status="scheduled",
        )  # fmt: skip
        ids = session.scalars(select(Village.id).where(Village.code.in_(villages))).all()
        row.villages = [SessionVillage(village_id=v) for v in ids]
        session.add(row)
        session.flush()
        return row.id


def _people(url: str, village_code: str) -> list[ParticipantInfo]:
    with db.session_for(CLI_ACTOR, url=url) as session:
        rows = session.scalars(
            select(Participant)
            .join(Village, Village.id == Participant.village_id)
            .where(Village.code == village_code, Participant.active.is_(True))
            .order_by(Participant.id)
        )
        return [ParticipantInfo(p.id, p.village_id, p.name, p.role, None, p.active) for p in rows]


@dataclass(frozen=True)
class Mark:
    status: str
    source: str
    checked_in_at: dt.datetime | None
    recorded_by: str


def _mark(url: str, session_id: int, participant_id: int) -> Mark | None:
    with db.session_for(CLI_ACTOR, url=url) as session:
        row = session.scalar(
            select(Attendance).where(
                Attendance.session_id == session_id, Attendance.participant_id == participant_id
            )
        )
        return row and Mark(row.status, row.source, row.checked_in_at, row.recorded_by)


def _opened(url: str, *, start: dt.datetime = START) -> tuple[int, Actor, Actor, str]:
    """A session opened for self check-in by its trainer: (id, trainer, committee, the code
    on the board five minutes in)."""
    sid = _add_session(url, start=start)
    trainer = _actor(url, "trainer")
    board = checkin_board.open_check_in(trainer, sid, now=start, url=url)
    assert board.opened
    now = start + (AT - START)
    shown = checkin_board.check_in_board(trainer, sid, now=now, url=url).code
    assert shown is not None
    return sid, trainer, _actor(url, "committee"), shown.code


def test_a_participant_checks_in_with_the_boards_code_and_the_trainer_sees_it(
    small_store: str,
) -> None:
    url = small_store
    sid, trainer, committee, code = _opened(url)
    person = _people(url, FLAGSHIP)[0]
    result = checkin.check_in(
        committee, code, participant_id=person.id, session_id=sid, now=AT, url=url
    )
    assert (result.status, result.already, result.checked_in_at) == ("present", False, AT)
    assert result.participant.name == person.name and result.session.id == sid
    mark = _mark(url, sid, person.id)
    assert mark is not None
    assert (mark.status, mark.source, mark.checked_in_at, mark.recorded_by) == (
        "present", "self", AT, "committee",
    )  # fmt: skip
    board = checkin_board.check_in_board(trainer, sid, now=AT, url=url)
    assert [a.participant_id for a in board.arrived] == [person.id]
    assert len(board.waiting) == len(_people(url, FLAGSHIP)) - 1
    # The check-in is in the audit log, as the committee's; the session's key never is.
    created = audit.list_audit(CLI_ACTOR, entity="training_attendance", who="committee", url=url)
    assert [r.after and r.after["source"] for r in created.records] == ["self"]
    opened = audit.list_audit(CLI_ACTOR, entity="training_sessions", who="trainer", url=url)
    assert [r.after for r in opened.records] == [{"checkin_secret": "[redacted]"}]


def test_a_typed_code_finds_the_villages_open_session(small_store: str) -> None:
    url = small_store
    sid, _, committee, code = _opened(url)
    person = _people(url, FLAGSHIP)[1]
    result = checkin.check_in(
        committee, f"{code[:3]} {code[3:]}", participant_id=person.id, now=AT, url=url
    )
    assert result.session.id == sid


def test_a_repeated_check_in_changes_nothing(small_store: str) -> None:
    url = small_store
    sid, _, committee, code = _opened(url)
    person = _people(url, FLAGSHIP)[0]
    checkin.check_in(committee, code, participant_id=person.id, session_id=sid, now=AT, url=url)
    entries = audit.list_audit(CLI_ACTOR, entity="training_attendance", url=url).total
    later = AT + dt.timedelta(seconds=30)
    again = checkin.check_in(
        committee, code, participant_id=person.id, session_id=sid, now=later, url=url
    )
    assert (again.already, again.status, again.checked_in_at) == (True, "present", AT)
    assert audit.list_audit(CLI_ACTOR, entity="training_attendance", url=url).total == entries


def test_the_code_counts_in_grace_and_then_has_expired(small_store: str) -> None:
    url = small_store
    sid, _, committee, code = _opened(url)
    first, second, third = _people(url, FLAGSHIP)[:3]
    minute = AT.replace(second=0)
    in_grace = minute + dt.timedelta(seconds=119)
    checkin.check_in(
        committee, code, participant_id=first.id, session_id=sid, now=in_grace, url=url
    )
    expired = minute + dt.timedelta(minutes=2)
    with _refused(InvalidInput, "error.checkin_code_expired"):
        checkin.check_in(
            committee, code, participant_id=second.id, session_id=sid, now=expired, url=url
        )
    with _refused(InvalidInput, "error.checkin_wrong_code"):
        wrong = f"{(int(code) + 1) % 10**6:06d}"
        checkin.check_in(committee, wrong, participant_id=third.id, session_id=sid, now=AT, url=url)
    assert _mark(url, sid, second.id) is None and _mark(url, sid, third.id) is None


def test_no_code_counts_before_the_window_after_the_end_or_at_a_cancelled_session(
    small_store: str,
) -> None:
    url = small_store
    sid, trainer, committee, _ = _opened(url)
    person = _people(url, FLAGSHIP)[0]
    opens = START - dt.timedelta(minutes=CHECKIN_OPENS_BEFORE_MINUTES)

    def attempt(now: dt.datetime) -> checkin.CheckInResult:
        code = shown_code(_key(url, sid), sid, now).code  # the right code of that very minute
        return checkin.check_in(
            committee, code, participant_id=person.id, session_id=sid, now=now, url=url
        )

    with _refused(InvalidInput, "error.checkin_not_yet"):
        attempt(opens - dt.timedelta(seconds=1))
    with _refused(InvalidInput, "error.checkin_ended"):
        attempt(END)
    with _refused(InvalidInput, "error.checkin_ended"):
        attempt(END + dt.timedelta(days=3))
    assert attempt(opens).status == "present"  # the window's first second
    # The board shows no code outside the window.
    assert checkin_board.check_in_board(trainer, sid, now=END, url=url).code is None
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        row = session.get(TrainingSession, sid)
        assert row is not None
        row.status = "cancelled"
    with _refused(InvalidInput, "error.checkin_cancelled"):
        attempt(AT)
    board = checkin_board.check_in_board(trainer, sid, now=AT, url=url)
    assert (board.phase, board.code) == (CANCELLED, None)
    with _refused(InvalidInput, "error.checkin_cancelled"):
        checkin_board.open_check_in(trainer, sid, now=AT, url=url)


def _key(url: str, session_id: int) -> str:
    with db.session_for(CLI_ACTOR, url=url) as session:
        row = session.get(TrainingSession, session_id)
        assert row is not None and row.checkin_secret is not None
        return row.checkin_secret


def test_closing_check_in_makes_every_code_useless(small_store: str) -> None:
    url = small_store
    sid, trainer, committee, code = _opened(url)
    person = _people(url, FLAGSHIP)[0]
    checkin_board.close_check_in(trainer, sid, now=AT, url=url)
    with _refused(InvalidInput, "error.checkin_not_opened"):
        checkin.check_in(committee, code, participant_id=person.id, session_id=sid, now=AT, url=url)
    with _refused(InvalidInput, "error.checkin_not_opened"):  # typed, without the link
        checkin.check_in(committee, code, participant_id=person.id, now=AT, url=url)
    reopened = checkin_board.open_check_in(trainer, sid, now=AT, url=url)
    assert reopened.code is not None and reopened.code.code != code  # (a new key)


def test_nothing_open_is_said_so(small_store: str) -> None:
    url = small_store
    committee = _actor(url, "committee")
    person = _people(url, FLAGSHIP)[0]
    with _refused(InvalidInput, "error.checkin_none_open"):
        checkin.check_in(committee, "123456", participant_id=person.id, now=AT, url=url)
    with _refused(InvalidInput, "error.checkin_code_format"):
        checkin.check_in(committee, "12345", participant_id=person.id, now=AT, url=url)
    with _refused(InvalidInput, "error.checkin_who"):
        checkin.check_in(committee, "123456", now=AT, url=url)


def test_the_trainer_corrects_a_mark_and_a_later_check_in_does_not_undo_it(
    small_store: str,
) -> None:
    url = small_store
    sid, trainer, committee, code = _opened(url)
    person, other = _people(url, FLAGSHIP)[:2]
    checkin.check_in(committee, code, participant_id=person.id, session_id=sid, now=AT, url=url)
    later = AT + dt.timedelta(minutes=1)
    board = checkin_board.correct_arrival(trainer, sid, person.id, "absent", now=later, url=url)
    mark = _mark(url, sid, person.id)
    assert mark is not None
    assert (mark.status, mark.source, mark.checked_in_at, mark.recorded_by) == (
        "absent", "recorded", AT, "trainer",
    )  # fmt: skip
    assert person.id not in [a.participant_id for a in board.arrived]
    fresh = shown_code(_key(url, sid), sid, later).code
    with _refused(InvalidInput, "error.checkin_marked_absent"):
        checkin.check_in(
            committee, fresh, participant_id=person.id, session_id=sid, now=later, url=url
        )
    # The trainer marks someone present who has no phone.
    board = checkin_board.correct_arrival(trainer, sid, other.id, "present", now=later, url=url)
    assert [a.participant_id for a in board.arrived] == [other.id]
    other_mark = _mark(url, sid, other.id)
    assert other_mark is not None and other_mark.source == "recorded"
    # Before the window nothing is marked; a stranger is refused.
    with _refused(InvalidInput, "error.checkin_not_yet"):
        checkin_board.correct_arrival(
            trainer, sid, other.id, "absent", now=START - dt.timedelta(hours=1), url=url
        )
    dobong = _stranger(url)
    with _refused(InvalidInput, "error.participant_not_in_session"):
        checkin_board.correct_arrival(trainer, sid, dobong.id, "present", now=later, url=url)


def test_the_attendance_form_turns_a_check_in_into_the_trainers_mark(small_store: str) -> None:
    url = small_store
    sid, trainer, committee, code = _opened(url)
    person = _people(url, FLAGSHIP)[0]
    checkin.check_in(committee, code, participant_id=person.id, session_id=sid, now=AT, url=url)
    attendance.record_attendance(trainer, sid, {person.id: "late"}, now=AT, url=url)
    mark = _mark(url, sid, person.id)
    assert mark is not None and (mark.status, mark.source, mark.checked_in_at) == (
        "late",
        "recorded",
        AT,
    )


def test_wrong_codes_lock_that_phone_out_for_a_while(small_store: str) -> None:
    url = small_store
    sid, _, committee, code = _opened(url)
    person = _people(url, FLAGSHIP)[0]
    wrong = f"{(int(code) + 500_000) % 10**6:06d}"
    phone, other_phone = "10.0.0.7", "10.0.0.8"
    for _ in range(checkin.LOCK_AFTER_WRONG_CODES - 1):
        with _refused(InvalidInput, "error.checkin_wrong_code"):
            checkin.check_in(
                committee,
                wrong,
                participant_id=person.id,
                session_id=sid,
                client=phone,
                now=AT,
                url=url,
            )
    with _refused(InvalidInput, "error.checkin_locked"):
        checkin.check_in(
            committee,
            wrong,
            participant_id=person.id,
            session_id=sid,
            client=phone,
            now=AT,
            url=url,
        )
    with _refused(InvalidInput, "error.checkin_locked"):  # even the right code, while locked
        checkin.check_in(
            committee, code, participant_id=person.id, session_id=sid, client=phone, now=AT, url=url
        )
    # Another phone of the same committee is not locked out.
    assert checkin.check_in(
        committee,
        code,
        participant_id=person.id,
        session_id=sid,
        client=other_phone,
        now=AT,
        url=url,
    )
    after = AT + dt.timedelta(minutes=checkin.LOCK_MINUTES, seconds=1)
    second = _people(url, FLAGSHIP)[1]
    fresh = shown_code(_key(url, sid), sid, after).code
    assert checkin.check_in(
        committee, fresh, participant_id=second.id, session_id=sid, client=phone, now=after, url=url
    )
    actions = [r.action for r in audit.list_audit(CLI_ACTOR, who="committee", url=url).records]
    assert actions.count("checkin_refused") == checkin.LOCK_AFTER_WRONG_CODES
    assert actions.count("checkin_lockout") == 1 and actions.count("checkin_locked") == 1


def _stranger(url: str) -> ParticipantInfo:
    """A resident on the training list of the other committee's village (not invited)."""
    code = _village_code(url, DOBONG_LOGIN)
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        session.add(
            Participant(village_id=_village_id(url, code), name="도봉 주민", role="resident")
        )
    return _people(url, code)[0]


def _village_code(url: str, login: str) -> str:
    actor = _actor(url, login)
    with db.session_for(CLI_ACTOR, url=url) as session:
        code = session.scalar(select(Village.code).where(Village.id == actor.village_id))
        assert code is not None
        return code


def test_who_may_check_in_whom_and_who_runs_the_board(small_store: str) -> None:
    url = small_store
    sid, trainer, committee, code = _opened(url)
    ours, theirs = _people(url, FLAGSHIP)[0], _stranger(url)
    # Another village's committee: not its session, even with the right code.
    with _refused(AccessDenied, "error.checkin_not_invited"):
        checkin.check_in(
            _actor(url, DOBONG_LOGIN),
            code,
            participant_id=theirs.id,
            session_id=sid,
            now=AT,
            url=url,
        )
    # A committee checks in its own village's people only.
    with _refused(AccessDenied, "error.access_denied"):
        checkin.check_in(committee, code, participant_id=theirs.id, session_id=sid, now=AT, url=url)
    # Nobody but a committee checks in (staff and trainers mark people on the board instead).
    for login in ("admin", "trainer", "reviewer", "viewer"):
        with _refused(AccessDenied, "error.access_denied"):
            checkin.check_in(
                _actor(url, login), code, participant_id=ours.id, session_id=sid, now=AT, url=url
            )
    # The board: the session's trainer and staff; not a committee, nor another trainer.
    stranger = Actor(username="other.trainer", role="trainer", user_id=10**6)
    for actor in (committee, stranger, _actor(url, "viewer")):
        with _refused(AccessDenied, "error.access_denied"):
            checkin_board.check_in_board(actor, sid, now=AT, url=url)
        with _refused(AccessDenied, "error.access_denied"):
            checkin_board.correct_arrival(actor, sid, ours.id, "present", now=AT, url=url)
        with _refused(AccessDenied, "error.access_denied"):
            checkin_board.open_check_in(actor, sid, now=AT, url=url)
    staff = _actor(url, "admin")
    assert checkin_board.correct_arrival(staff, sid, ours.id, "present", now=AT, url=url).arrived
    assert checkin_board.check_in_board(trainer, sid, now=AT, url=url).arrived
    with db.session_for(CLI_ACTOR, url=url) as session:
        assert (
            session.scalar(
                select(func.count()).select_from(Attendance).where(Attendance.session_id == sid)
            )
            == 1
        )


def test_a_name_not_on_the_list_is_added_and_checked_in(small_store: str) -> None:
    url = small_store
    sid, _, committee, code = _opened(url)
    before = len(_people(url, FLAGSHIP))
    result = checkin.check_in(
        committee, code, new_name="  새 주민  ", session_id=sid, now=AT, url=url
    )
    assert result.participant.name == "새 주민" and result.participant.role == "resident"
    assert len(_people(url, FLAGSHIP)) == before + 1
    known = _people(url, FLAGSHIP)[0]
    again = checkin.check_in(committee, code, new_name=known.name, session_id=sid, now=AT, url=url)
    assert again.participant.id == known.id  # a name already on the list is that person
    assert len(_people(url, FLAGSHIP)) == before + 1


def test_the_check_in_page_and_the_board_list_todays_sessions(small_store: str) -> None:
    url = small_store
    sid, trainer, committee, code = _opened(url)
    tomorrow = _add_session(url, start=START + dt.timedelta(days=1))
    checkin.check_in(
        committee,
        code,
        participant_id=_people(url, FLAGSHIP)[0].id,
        session_id=sid,
        now=AT,
        url=url,
    )
    choices = checkin.check_in_choices(committee, now=AT, url=url)
    assert [(s.session.id, s.phase, s.accepting, len(s.checked_in)) for s in choices.sessions] == [
        (sid, OPEN, True, 1)
    ]
    assert [p.name for p in choices.people] == sorted(p.name for p in choices.people)
    asked = checkin.check_in_choices(committee, session_id=tomorrow, now=AT, url=url)
    assert [(s.session.id, s.phase, s.accepting) for s in asked.sessions] == [
        (sid, OPEN, True), (tomorrow, BEFORE, False),
    ]  # fmt: skip
    assert [s.id for s in checkin_board.board_sessions(trainer, now=AT, url=url)] == [sid]
    assert (
        checkin_board.current_session(
            checkin_board.board_sessions(trainer, session_id=tomorrow, now=AT, url=url), AT
        ).id
        == sid
    )
    assert [
        s.session.id
        for s in checkin.check_in_choices(_actor(url, DOBONG_LOGIN), now=AT, url=url).sessions
    ] == []
