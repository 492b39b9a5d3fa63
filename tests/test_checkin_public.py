"""Self check-in without an account (issue 24): a phone with the QR code's link names its
village and types a name. A name that is one person of that village's list marks them
present; any other waits on the trainer's board; the phone is told the same either way.
The code, the window, the wrong-code limit per phone, the trainer's word over a later
check-in, and what a stranger can learn, on both stores.

Time is given to every call (``now=``): nothing here waits or reads the clock.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from energy.core.access import CLI_ACTOR, PUBLIC_PAGES
from energy.core.errors import InvalidInput
from energy.store import audit, db
from energy.store.models.training import Participant, SelfCheckIn, TrainingSession
from energy.training import checkin_board, checkin_public
from energy.training.checkin_codes import shown_code
from energy.training.checkin_public import (
    MAX_PER_PHONE,
    PublicSession,
    SelfCheckInReceipt,
    fold_name,
    public_session,
    self_check_in,
)
from tests.test_checkin import (
    AT,
    DOBONG_LOGIN,
    END,
    FLAGSHIP,
    KEY,
    START,
    _add_session,
    _key,
    _mark,
    _opened,
    _people,
    _refused,
    _stranger,
    _village_code,
    _village_id,
)

PHONE, OTHER_PHONE = "10.1.0.7", "10.1.0.8"
ROOT = Path(__file__).resolve().parent.parent


def _count(url: str, session_id: int) -> int:
    with db.session_for(CLI_ACTOR, url=url) as session:
        found = session.scalar(
            select(func.count())
            .select_from(SelfCheckIn)
            .where(SelfCheckIn.session_id == session_id)
        )
        return int(found or 0)


def _wrong(code: str) -> str:
    return f"{(int(code) + 500_000) % 10**6:06d}"


def test_names_are_compared_without_spaces_or_case() -> None:
    assert fold_name("  김 민지 ") == fold_name("김민지") == "김민지"
    assert fold_name("Kim  Min-ji") == fold_name("kim min-ji") == "kimmin-ji"
    assert fold_name("ＫＩＭ") == "kim"  # full-width letters from a phone keyboard
    assert fold_name("   ") == ""


def test_a_name_on_the_list_checks_its_person_in_without_a_login(small_store: str) -> None:
    url = small_store
    sid, trainer, _, code = _opened(url)
    flagship = _village_id(url, FLAGSHIP)
    shown = public_session(sid, code, client=PHONE, now=AT, url=url)
    # What the phone sees: the session's title, time and place and the invited villages.
    assert {f.name for f in dataclasses.fields(PublicSession)} == {
        "id", "title_ko", "title_en", "venue_name", "starts_at", "ends_at", "phase", "villages",
    }  # fmt: skip
    assert (shown.id, shown.phase, shown.venue_name) == (sid, "open", "성대골 마을카페")
    assert [v.id for v in shown.villages] == [flagship]
    person = _people(url, FLAGSHIP)[0]
    typed = f"  {person.name[:1]} {person.name[1:].upper()} "  # spaces and case aside
    receipt = self_check_in(sid, code, flagship, typed, PHONE, now=AT, url=url)
    assert (receipt.session.id, receipt.village.id, receipt.at) == (sid, flagship, AT)
    mark = _mark(url, sid, person.id)
    assert mark is not None
    assert (mark.status, mark.source, mark.checked_in_at, mark.recorded_by) == (
        "present", "self", AT, "self_checkin",
    )  # fmt: skip
    board = checkin_board.check_in_board(trainer, sid, now=AT, url=url)
    assert [a.participant_id for a in board.arrived] == [person.id] and board.unmatched == ()
    # In the audit log, by the self check-in (no account), each row it wrote.
    entries = audit.list_audit(CLI_ACTOR, who="self_checkin", url=url).records
    assert {(r.entity, r.action) for r in entries} == {
        ("training_attendance", "create"), ("training_self_checkins", "create"),
    }  # fmt: skip
    # The same name again: one check-in, the same answer, the first time kept.
    later = AT + dt.timedelta(seconds=40)
    again = self_check_in(sid, code, flagship, person.name, OTHER_PHONE, now=later, url=url)
    assert (again.at, again.name) == (AT, receipt.name) and _count(url, sid) == 1
    assert _mark(url, sid, person.id) == mark


def test_a_name_not_on_the_list_waits_for_the_trainer_and_hears_the_same(
    small_store: str,
) -> None:
    url = small_store
    sid, trainer, _, code = _opened(url)
    flagship = _village_id(url, FLAGSHIP)
    known = _people(url, FLAGSHIP)[0]
    found = self_check_in(sid, code, flagship, known.name, PHONE, now=AT, url=url)
    unknown = self_check_in(sid, code, flagship, "  새  주민 ", PHONE, now=AT, url=url)
    # The phone cannot tell a name on the list from one that is not.
    assert type(found) is type(unknown) is SelfCheckInReceipt
    assert (unknown.name, unknown.at, unknown.village) == ("새 주민", AT, found.village)
    board = checkin_board.check_in_board(trainer, sid, now=AT, url=url)
    (waiting,) = board.unmatched
    assert (waiting.name, waiting.reason, waiting.participant_id) == ("새 주민", "unknown", None)
    assert {pid for pid, _ in waiting.candidates} == {p.id for p in _people(url, FLAGSHIP)}
    # The trainer adds the name to the list with one click: present, as the trainer's word.
    later = AT + dt.timedelta(minutes=2)
    board = checkin_board.resolve_check_in(trainer, sid, waiting.id, "added", now=later, url=url)
    assert board.unmatched == ()
    added = next(p for p in _people(url, FLAGSHIP) if p.name == "새 주민")
    mark = _mark(url, sid, added.id)
    assert mark is not None and (mark.status, mark.source, mark.checked_in_at) == (
        "present", "recorded", AT,
    )  # fmt: skip
    with _refused(InvalidInput, "error.self_checkin_resolved"):
        checkin_board.resolve_check_in(trainer, sid, waiting.id, "dismissed", now=later, url=url)
    with _refused(InvalidInput, "error.self_checkin_resolution"):
        checkin_board.resolve_check_in(trainer, sid, waiting.id, "present", now=later, url=url)
    # Set aside: a name nobody will claim.
    self_check_in(sid, code, flagship, "장난", PHONE, now=AT, url=url)
    (joke,) = checkin_board.check_in_board(trainer, sid, now=AT, url=url).unmatched
    board = checkin_board.resolve_check_in(trainer, sid, joke.id, "dismissed", now=later, url=url)
    assert board.unmatched == () and len(board.arrived) == 2


def test_two_people_of_one_name_wait_for_the_trainer_to_tell_them_apart(
    small_store: str,
) -> None:
    url = small_store
    sid, trainer, _, code = _opened(url)
    flagship = _village_id(url, FLAGSHIP)
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        session.add_all([Participant(village_id=flagship, name=n) for n in ("김 하나", "김하나")])
    twins = [p for p in _people(url, FLAGSHIP) if fold_name(p.name) == "김하나"]
    self_check_in(sid, code, flagship, "김하나", PHONE, now=AT, url=url)
    assert all(_mark(url, sid, p.id) is None for p in twins)  # nobody guessed
    (waiting,) = checkin_board.check_in_board(trainer, sid, now=AT, url=url).unmatched
    assert waiting.reason == "ambiguous"
    assert {pid for pid, _ in waiting.candidates[:2]} == {p.id for p in twins}  # named first
    board = checkin_board.resolve_check_in(
        trainer, sid, waiting.id, "matched", participant_id=twins[1].id, now=AT, url=url
    )
    assert [a.participant_id for a in board.arrived] == [twins[1].id] and board.unmatched == ()
    self_check_in(sid, code, flagship, "김하나", OTHER_PHONE, now=AT, url=url)  # (resolved)
    assert _count(url, sid) == 1
    # A person of another village is never matched to this village's check-in.
    stranger = _stranger(url)
    self_check_in(sid, code, flagship, "또 다른 이름", PHONE, now=AT, url=url)
    (other,) = checkin_board.check_in_board(trainer, sid, now=AT, url=url).unmatched
    with _refused(InvalidInput, "error.participant_not_in_session"):
        checkin_board.resolve_check_in(
            trainer, sid, other.id, "matched", participant_id=stranger.id, now=AT, url=url
        )


def test_wrong_codes_lock_that_phone_out_and_the_link_counts_too(small_store: str) -> None:
    url = small_store
    sid, _, _, code = _opened(url)
    flagship = _village_id(url, FLAGSHIP)
    with _refused(InvalidInput, "error.self_checkin_link"):  # a link with a made-up code
        public_session(sid, _wrong(code), client=PHONE, now=AT, url=url)
    for _ in range(checkin_public.LOCK_AFTER_WRONG_CODES - 2):
        with _refused(InvalidInput, "error.self_checkin_wrong_code"):
            self_check_in(sid, _wrong(code), flagship, "아무개", PHONE, now=AT, url=url)
    with _refused(InvalidInput, "error.checkin_locked"):
        self_check_in(sid, _wrong(code), flagship, "아무개", PHONE, now=AT, url=url)
    with _refused(InvalidInput, "error.checkin_locked"):  # even the right code, and the link
        self_check_in(sid, code, flagship, "아무개", PHONE, now=AT, url=url)
    with _refused(InvalidInput, "error.checkin_locked"):
        public_session(sid, code, client=PHONE, now=AT, url=url)
    assert self_check_in(sid, code, flagship, "아무개", OTHER_PHONE, now=AT, url=url)
    after = AT + dt.timedelta(minutes=checkin_public.LOCK_MINUTES, seconds=1)
    fresh = shown_code(_key(url, sid), sid, after).code
    assert self_check_in(sid, fresh, flagship, "누군가", PHONE, now=after, url=url)
    actions = [r.action for r in audit.list_audit(CLI_ACTOR, who="self_checkin", url=url).records]
    assert actions.count("checkin_refused") == checkin_public.LOCK_AFTER_WRONG_CODES
    assert actions.count("checkin_lockout") == 1 and actions.count("checkin_locked") == 2


def test_no_code_counts_outside_the_window_or_once_check_in_is_closed(small_store: str) -> None:
    url = small_store
    sid, trainer, _, code = _opened(url)
    flagship = _village_id(url, FLAGSHIP)
    in_grace = AT.replace(second=0) + dt.timedelta(seconds=119)
    assert self_check_in(sid, code, flagship, "일분 늦음", PHONE, now=in_grace, url=url)
    expired = AT.replace(second=0) + dt.timedelta(minutes=2)
    with _refused(InvalidInput, "error.checkin_code_expired"):
        self_check_in(sid, code, flagship, "늦은 사람", PHONE, now=expired, url=url)
    at_end = shown_code(_key(url, sid), sid, END).code  # the right code of that minute
    with _refused(InvalidInput, "error.checkin_ended"):
        self_check_in(sid, at_end, flagship, "늦은 사람", PHONE, now=END, url=url)
    next_day = END + dt.timedelta(days=1)
    late = shown_code(_key(url, sid), sid, next_day).code
    with _refused(InvalidInput, "error.checkin_ended"):
        self_check_in(sid, late, flagship, "늦은 사람", PHONE, now=next_day, url=url)
    checkin_board.close_check_in(trainer, sid, now=AT, url=url)
    with _refused(InvalidInput, "error.self_checkin_wrong_code"):  # no key: no code counts
        self_check_in(sid, code, flagship, "늦은 사람", OTHER_PHONE, now=AT, url=url)
    with _refused(InvalidInput, "error.self_checkin_link"):
        public_session(sid, code, client=OTHER_PHONE, now=AT, url=url)
    assert _count(url, sid) == 1
    refused = audit.list_audit(CLI_ACTOR, action="self_checkin_refused", url=url).records
    assert [r.after and r.after["reason"] for r in reversed(refused)] == [
        "error.checkin_code_expired", "error.checkin_ended", "error.checkin_ended",
    ]  # fmt: skip
    with db.session_for(CLI_ACTOR, write=True, url=url) as session:
        row = session.get(TrainingSession, sid)
        assert row is not None
        row.status, row.checkin_secret = "cancelled", KEY
    with _refused(InvalidInput, "error.checkin_cancelled"):
        self_check_in(sid, shown_code(KEY, sid, AT).code, flagship, "누구", PHONE, now=AT, url=url)


def test_the_trainers_mark_wins_over_a_later_check_in(small_store: str) -> None:
    url = small_store
    sid, trainer, _, code = _opened(url)
    flagship = _village_id(url, FLAGSHIP)
    person = _people(url, FLAGSHIP)[0]
    checkin_board.correct_arrival(trainer, sid, person.id, "absent", now=AT, url=url)
    receipt = self_check_in(sid, code, flagship, person.name, PHONE, now=AT, url=url)
    assert receipt.name == person.name  # the same words as any check-in
    mark = _mark(url, sid, person.id)
    assert mark is not None and (mark.status, mark.source) == ("absent", "recorded")
    (waiting,) = checkin_board.check_in_board(trainer, sid, now=AT, url=url).unmatched
    assert (waiting.reason, waiting.participant_id) == ("marked", person.id)
    # The trainer changes their mind on the board: the waiting check-in is settled with it.
    board = checkin_board.correct_arrival(trainer, sid, person.id, "present", now=AT, url=url)
    assert board.unmatched == () and [a.participant_id for a in board.arrived] == [person.id]


def test_nothing_of_other_villages_or_sessions_is_reachable(small_store: str) -> None:
    url = small_store
    sid, _, _, code = _opened(url)
    other = _add_session(url, start=START + dt.timedelta(minutes=30))
    flagship, dobong = (
        _village_id(url, FLAGSHIP),
        _village_id(url, _village_code(url, DOBONG_LOGIN)),
    )
    # A village not invited to the session: refused, whatever the name.
    with _refused(InvalidInput, "error.self_checkin_village"):
        self_check_in(sid, code, dobong, "도봉 주민", PHONE, now=AT, url=url)
    # This session's code opens no other session (one that exists, or not), nor checks in there.
    for session_id in (other, 10**6):
        with _refused(InvalidInput, "error.self_checkin_link"):
            public_session(session_id, code, client=OTHER_PHONE, now=AT, url=url)
    with _refused(InvalidInput, "error.self_checkin_wrong_code"):
        self_check_in(other, code, flagship, "성대골 주민", OTHER_PHONE, now=AT, url=url)
    assert _count(url, sid) == 0 and _count(url, other) == 0


def test_one_phone_checks_in_a_few_names_at_most(small_store: str) -> None:
    url = small_store
    sid, _, _, code = _opened(url)
    flagship = _village_id(url, FLAGSHIP)
    for n in range(MAX_PER_PHONE):
        self_check_in(sid, code, flagship, f"이름 {n}", PHONE, now=AT, url=url)
    with _refused(InvalidInput, "error.self_checkin_phone_full"):
        self_check_in(sid, code, flagship, "한 명 더", PHONE, now=AT, url=url)
    assert self_check_in(sid, code, flagship, "이름 0", PHONE, now=AT, url=url)  # (the same)
    assert self_check_in(sid, code, flagship, "한 명 더", OTHER_PHONE, now=AT, url=url)
    with _refused(InvalidInput, "error.self_checkin_name"):
        self_check_in(sid, code, flagship, "   ", OTHER_PHONE, now=AT, url=url)
    assert _count(url, sid) == MAX_PER_PHONE + 1


def test_only_the_check_in_page_is_public() -> None:
    assert PUBLIC_PAGES == {"checkin": ("session", "code")}
    public = []
    for path in sorted((ROOT / "pages").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            calls_guard = isinstance(node, ast.Call) and getattr(node.func, "id", None) == "guard"
            if calls_guard and any(k.arg == "public" for k in node.keywords):  # type: ignore[attr-defined]
                public.append(path.stem)
    assert public == ["checkin"]
