"""Training in the store: curriculum, generated schedule, edits, attendance, completion."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from energy.accounts import users as accounts
from energy.calc.schedule_solver import CONFLICTS, REASONS, ScheduleRules
from energy.core.access import CLI_ACTOR, Actor
from energy.core.catalogue import MESSAGES
from energy.core.errors import AccessDenied, EnergyError, InvalidInput
from energy.core.vocabulary import ATTENDANCE_STATUSES, PARTICIPANT_ROLES, SESSION_STATUSES, TOPICS
from energy.demo.load import DEMO_PASSWORD
from energy.training import attendance, curriculum, schedule
from energy.training.attendance import TrainingRules
from energy.training.completion import cohort_progress, training_completion
from energy.training.schedule import ScheduleConflict, SessionFilter
from energy.villages import directory as villages

STAFF = CLI_ACTOR
# A past window (so attendance may be recorded): four weeks from Monday 2 March 2026.
WINDOW = ScheduleRules(dt.date(2026, 3, 2), dt.date(2026, 3, 29), max_per_week=1)
EVENINGS = [curriculum.Window(d, dt.time(19), dt.time(22)) for d in range(5)]
WEEKENDS = [curriculum.Window(d, dt.time(9), dt.time(18)) for d in (5, 6)]


@contextlib.contextmanager
def _raises(kind: type[EnergyError], key: str) -> Iterator[None]:
    with pytest.raises(kind) as caught:
        yield
    assert caught.value.key == key


def _login(url: str, name: str) -> Actor:
    actor = accounts.authenticate(name, DEMO_PASSWORD, url=url).actor
    assert actor is not None
    return actor


def _setup(
    url: str, *, topics: tuple[str, ...] = ("energy_efficiency", "community_organising")
) -> None:
    """Two core modules, one elective; one trainer; a room in Dongjak; three 2026 villages."""
    for code, topic, core in (
        ("Y1-01", "energy_efficiency", True),
        ("Y1-02", "community_organising", True),
        ("Y1-E1", "mini_solar", False),
    ):
        curriculum.save_module(
            STAFF, code=code, title_ko=f"{code} 과목", title_en=f"{code} module", topic=topic,
            core=core, minutes=120, url=url,
        )  # fmt: skip
    curriculum.save_trainer(
        STAFF, name="강사 A", topics=list(topics), windows=EVENINGS + WEEKENDS, url=url
    )
    curriculum.save_venue(STAFF, name="동작구 교육실", capacity=40, district_code="11590", url=url)
    curriculum.save_venue(STAFF, name="마포구 교육실", capacity=12, district_code="11440", url=url)
    for code, district in (
        ("DJK-2026-01", "동작구"),
        ("DJK-2026-02", "동작구"),
        ("MPO-2026-01", "마포구"),
    ):
        villages.add_village(
            STAFF, code=code, name=code, district=district, cohort_year=2026,
            today=dt.date(2026, 2, 1), url=url,
        )  # fmt: skip


def test_the_generator_books_every_core_module_once_and_shares_nearby_sessions(
    fresh_store: str,
) -> None:
    _setup(fresh_store)
    result = schedule.generate_schedule(STAFF, cohort_year=2026, rules=WINDOW, url=fresh_store)
    assert result.complete and result.villages == 3 and result.modules == 2
    booked = schedule.list_sessions(STAFF, url=fresh_store)
    pairs = sorted((code, s.module_code) for s in booked for code in s.village_codes)
    assert pairs == sorted(
        (v, m) for v in ("DJK-2026-01", "DJK-2026-02", "MPO-2026-01") for m in ("Y1-01", "Y1-02")
    )
    # The two Dongjak villages share their sessions; Mapo's room holds one village.
    assert (
        sorted(s.village_codes for s in booked if s.venue_name == "동작구 교육실")
        == [("DJK-2026-01", "DJK-2026-02")] * 2
    )
    assert all(s.local_start.hour in (10, 14, 19) for s in booked)
    again = schedule.generate_schedule(STAFF, cohort_year=2026, rules=WINDOW, url=fresh_store)
    assert (again.created, again.already) == (0, 6)


def test_an_infeasible_module_is_named_and_the_rest_is_booked(fresh_store: str) -> None:
    _setup(fresh_store, topics=("energy_efficiency",))
    result = schedule.generate_schedule(STAFF, cohort_year=2026, rules=WINDOW, url=fresh_store)
    assert result.created == 2
    # The shared Dongjak group failed, so each village was tried on its own: each is named.
    assert sorted((u.module_code, u.village_codes, u.reason) for u in result.unmet) == [
        ("Y1-02", ("DJK-2026-01",), "no_trainer_for_topic"),
        ("Y1-02", ("DJK-2026-02",), "no_trainer_for_topic"),
        ("Y1-02", ("MPO-2026-01",), "no_trainer_for_topic"),
    ]


def test_a_preview_saves_nothing(fresh_store: str) -> None:
    _setup(fresh_store)
    result = schedule.generate_schedule(
        STAFF, cohort_year=2026, rules=WINDOW, save=False, url=fresh_store
    )
    assert result.preview is not None and len(result.preview.sessions) == 4
    assert schedule.list_sessions(STAFF, url=fresh_store) == []


def test_edits_are_checked_for_the_same_conflicts(fresh_store: str) -> None:
    _setup(fresh_store)
    schedule.generate_schedule(STAFF, cohort_year=2026, rules=WINDOW, url=fresh_store)
    first, second = schedule.list_sessions(STAFF, url=fresh_store)[:2]
    with pytest.raises(ScheduleConflict) as caught:
        schedule.move_session(STAFF, second.id, start=first.local_start, url=fresh_store)
    kinds = {c.kind for c in caught.value.conflicts}
    assert "trainer_booked" in kinds
    assert "강사 A" in caught.value.message("ko")
    with pytest.raises(ScheduleConflict) as late:
        schedule.move_session(
            STAFF, second.id, start=dt.datetime(2026, 3, 31, 23, 0), url=fresh_store
        )
    assert [c.kind for c in late.value.conflicts] == ["resident_time", "trainer_unavailable"]
    free = dt.datetime(2026, 4, 4, 14, 0)  # a Saturday afternoon nobody uses
    moved = schedule.move_session(STAFF, second.id, start=free, url=fresh_store)
    assert moved.local_start.replace(tzinfo=None) == free


def test_a_cancelled_session_frees_its_module_for_the_next_generation(fresh_store: str) -> None:
    _setup(fresh_store)
    schedule.generate_schedule(STAFF, cohort_year=2026, rules=WINDOW, url=fresh_store)
    target = schedule.list_sessions(STAFF, url=fresh_store)[0]
    cancelled = schedule.cancel_session(STAFF, target.id, reason="강사 사정", url=fresh_store)
    assert cancelled.status == "cancelled"
    listed = schedule.list_sessions(STAFF, SessionFilter(include_cancelled=True), url=fresh_store)
    assert [s.status for s in listed].count("cancelled") == 1
    refill = schedule.generate_schedule(STAFF, cohort_year=2026, rules=WINDOW, url=fresh_store)
    assert refill.created == 1 and refill.complete


def test_add_session_checks_the_venue_capacity(fresh_store: str) -> None:
    _setup(fresh_store)
    trainer = curriculum.list_trainers(STAFF, url=fresh_store)[0]
    small = next(v for v in curriculum.list_venues(STAFF, url=fresh_store) if v.capacity == 12)
    with pytest.raises(ScheduleConflict) as caught:
        schedule.add_session(
            STAFF, module_code="Y1-01", village_codes=["DJK-2026-01", "DJK-2026-02"],
            trainer_id=trainer.id, venue_id=small.id, start=dt.datetime(2026, 3, 7, 10), url=fresh_store,
        )  # fmt: skip
    assert [c.kind for c in caught.value.conflicts] == ["venue_capacity"]


def _people(
    url: str, code: str, organisers: int, residents: int = 1
) -> list[attendance.ParticipantInfo]:
    added = [
        attendance.add_participant(STAFF, code, name=f"운영진{i}", role="organiser", url=url)
        for i in range(organisers)
    ]
    added += [
        attendance.add_participant(STAFF, code, name=f"주민{i}", url=url) for i in range(residents)
    ]
    return added


def _village_id(url: str, code: str) -> int:
    return villages.get_village(STAFF, code, url=url).village.id


def test_completion_needs_three_organisers_at_every_core_module(fresh_store: str) -> None:
    _setup(fresh_store)
    schedule.generate_schedule(STAFF, cohort_year=2026, rules=WINDOW, url=fresh_store)
    people = _people(fresh_store, "MPO-2026-01", organisers=3, residents=2)
    vid = _village_id(fresh_store, "MPO-2026-01")
    mine = schedule.list_sessions(STAFF, SessionFilter(village_id=vid), url=fresh_store)
    assert len(mine) == 2
    sheet = attendance.attendance_sheet(STAFF, mine[0].id, url=fresh_store)
    assert [r.role for r in sheet.rows] == ["organiser"] * 3 + ["resident"] * 2 and sheet.editable
    everyone = {p.id: "present" for p in people}
    attendance.record_attendance(STAFF, mine[0].id, everyone, url=fresh_store)
    two = {p.id: "present" for p in people}
    two[people[2].id] = "excused"
    attendance.record_attendance(STAFF, mine[1].id, two, url=fresh_store)
    assert training_completion(STAFF, vid, url=fresh_store) is None
    # A correction: the third organiser did come, late. Late counts by default.
    attendance.record_attendance(STAFF, mine[1].id, {people[2].id: "late"}, url=fresh_store)
    done = training_completion(STAFF, vid, url=fresh_store)
    assert done is not None and done.completed_on == mine[1].local_start.date()
    attendance.save_rules(STAFF, TrainingRules(count_late=False), url=fresh_store)
    assert training_completion(STAFF, vid, url=fresh_store) is None
    attendance.save_rules(STAFF, TrainingRules(min_organisers=2, count_late=False), url=fresh_store)
    assert training_completion(STAFF, vid, url=fresh_store) is not None


def test_attendance_below_the_threshold_is_flagged(fresh_store: str) -> None:
    _setup(fresh_store)
    schedule.generate_schedule(STAFF, cohort_year=2026, rules=WINDOW, url=fresh_store)
    people = _people(fresh_store, "MPO-2026-01", organisers=3, residents=2)
    vid = _village_id(fresh_store, "MPO-2026-01")
    first = schedule.list_sessions(STAFF, SessionFilter(village_id=vid), url=fresh_store)[0]
    statuses = dict(
        zip([p.id for p in people], ["present", "absent", "absent", "late", "absent"], strict=True)
    )
    attendance.record_attendance(STAFF, first.id, statuses, url=fresh_store)
    progress = {p.code: p for p in cohort_progress(STAFF, 2026, url=fresh_store)}
    assert progress["MPO-2026-01"].attendance_rate == pytest.approx(0.4)
    assert progress["MPO-2026-01"].below_threshold
    assert progress["MPO-2026-01"].unrecorded == 1
    assert not progress["DJK-2026-01"].below_threshold


def test_attendance_is_refused_before_the_session_and_for_strangers(fresh_store: str) -> None:
    _setup(fresh_store)
    schedule.generate_schedule(STAFF, cohort_year=2026, rules=WINDOW, url=fresh_store)
    mapo = _people(fresh_store, "MPO-2026-01", organisers=1)
    dongjak = _people(fresh_store, "DJK-2026-01", organisers=1)
    session = schedule.list_sessions(
        STAFF, SessionFilter(village_id=_village_id(fresh_store, "MPO-2026-01")), url=fresh_store
    )[0]
    with _raises(InvalidInput, "error.attendance_future"):
        attendance.record_attendance(
            STAFF,
            session.id,
            {mapo[0].id: "present"},
            now=session.starts_at - dt.timedelta(hours=1),
            url=fresh_store,
        )
    with _raises(InvalidInput, "error.participant_not_in_session"):
        attendance.record_attendance(STAFF, session.id, {dongjak[0].id: "present"}, url=fresh_store)
    with _raises(InvalidInput, "error.attendance_status"):
        attendance.record_attendance(STAFF, session.id, {mapo[0].id: "asleep"}, url=fresh_store)


def test_sheet_letters_are_read_back_in_row_order() -> None:
    assert attendance.parse_sheet_letters("PPL a -E 출결", 8) == {
        1: "present", 2: "present", 3: "late", 4: "absent", 6: "excused", 7: "present", 8: "absent",
    }  # fmt: skip
    with _raises(InvalidInput, "error.sheet_letter_count"):
        attendance.parse_sheet_letters("PP", 3)
    with _raises(InvalidInput, "error.sheet_letter"):
        attendance.parse_sheet_letters("PXP", 3)


def test_staff_only_edit_the_curriculum(demo_store: str) -> None:
    trainer = _login(demo_store, "trainer")
    with pytest.raises(AccessDenied):
        curriculum.save_module(
            trainer, code="Y1-99", title_ko="가", title_en="A", topic="mini_solar", url=demo_store
        )
    with _raises(InvalidInput, "error.module_code_format"):
        curriculum.save_module(
            STAFF, code="bad code", title_ko="가", title_en="A", topic="mini_solar", url=demo_store
        )
    changed = curriculum.save_module(
        STAFF, code="Y1-04", title_ko="에코마일리지", title_en="Eco-mileage", topic="eco_mileage",
        minutes=60, url=demo_store,
    )  # fmt: skip
    assert changed.minutes == 60
    assert len(curriculum.list_modules(STAFF, programme_year=1, url=demo_store)) == 8


def test_a_trainer_sees_and_records_only_their_own_sessions(demo_store: str) -> None:
    trainer = _login(demo_store, "trainer")
    own = schedule.list_sessions(trainer, url=demo_store)
    assert own and {s.trainer_name for s in own} == {"박하은"}
    other = next(
        s for s in schedule.list_sessions(STAFF, url=demo_store) if s.trainer_name != "박하은"
    )
    with pytest.raises(AccessDenied):
        attendance.attendance_sheet(trainer, other.id, url=demo_store)
    now = dt.datetime.now(dt.UTC)
    open_ = [
        s
        for s in own
        if s.starts_at <= now
        and not attendance.attendance_sheet(trainer, s.id, url=demo_store).recorded
    ]
    assert open_, "the demo leaves the trainer's latest sessions to record"
    sheet = attendance.attendance_sheet(trainer, open_[-1].id, url=demo_store)
    letters = "".join("P" if r.role == "organiser" else "L" for r in sheet.rows)
    marks = attendance.parse_sheet_letters(letters, len(sheet.rows))
    saved = attendance.record_attendance(
        trainer,
        sheet.session.id,
        {sheet.rows[n - 1].participant_id: s for n, s in marks.items()},
        url=demo_store,
    )
    assert saved.recorded == len(sheet.rows)


def test_a_trainer_reads_and_changes_only_the_lists_of_their_own_sessions_villages(
    demo_store: str,
) -> None:
    """Issue 22, item 4: a trainer with no session in a village cannot list its participants,
    add one, deactivate one or demote its organisers (its first-year completion, the renewal
    gate, hangs on them); at their own sessions' villages they still add a walk-in."""
    trainer = _login(demo_store, "trainer")
    sessions = schedule.list_sessions(STAFF, url=demo_store)
    own = {c for s in sessions if s.trainer_name == "박하은" for c in s.village_codes}
    others = sorted({c for s in sessions for c in s.village_codes} - own)
    assert own and others
    other = others[0]
    people = attendance.list_participants(STAFF, other, url=demo_store)
    organiser = next(p for p in people if p.role == "organiser")
    with pytest.raises(AccessDenied):
        attendance.list_participants(trainer, other, url=demo_store)
    with pytest.raises(AccessDenied):
        attendance.add_participant(
            trainer, other, name="가짜 운영진", role="organiser", url=demo_store
        )
    with pytest.raises(AccessDenied):
        attendance.update_participant(
            trainer, organiser.id, role="resident", active=False, url=demo_store
        )
    assert attendance.list_participants(STAFF, other, url=demo_store) == people  # unchanged
    assert attendance.may_keep_list(trainer, other, url=demo_store) is False
    mine = sorted(own)[0]
    assert attendance.may_keep_list(trainer, mine, url=demo_store) is True
    assert attendance.list_participants(trainer, mine, url=demo_store)
    walk_in = attendance.add_participant(trainer, mine, name="당일 참석 주민", url=demo_store)
    assert (
        walk_in.village_id
        == attendance.list_participants(STAFF, mine, url=demo_store)[0].village_id
    )
    # Staff keep every list.
    assert attendance.may_keep_list(STAFF, other, url=demo_store) is True


def test_a_committee_sees_only_its_own_villages_training(demo_store: str) -> None:
    committee = _login(demo_store, "committee")
    own = schedule.list_sessions(committee, url=demo_store)
    assert own and all(s.village_codes == ("DJK-2012-01",) for s in own)
    assert [p.code for p in cohort_progress(committee, 2012, url=demo_store)] == ["DJK-2012-01"]
    other = next(
        s
        for s in schedule.list_sessions(STAFF, url=demo_store)
        if "DJK-2012-01" not in s.village_codes
    )
    with pytest.raises(AccessDenied):
        attendance.attendance_sheet(committee, other.id, url=demo_store)
    with pytest.raises(AccessDenied):
        attendance.add_participant(
            committee, other.village_codes[0], name="남의 주민", url=demo_store
        )
    added = attendance.add_participant(committee, "DJK-2012-01", name="새 주민", url=demo_store)
    assert added.role == "resident"


def test_the_demo_cohort_of_last_year_completed_but_one(demo_store: str) -> None:
    year = dt.date.today().year - 1
    progress = cohort_progress(STAFF, year, url=demo_store)
    finished = [p.code for p in progress if p.completed_on is not None]
    behind = [p for p in progress if p.completed_on is None]
    assert len(finished) == len(progress) - 1 and len(behind) == 1
    assert behind[0].below_threshold
    assert training_completion(STAFF, behind[0].village_id, url=demo_store) is None


def test_every_training_vocabulary_has_a_message() -> None:
    keys = (
        [f"topic.{t}" for t in TOPICS]
        + [f"attendance.{s}" for s in ATTENDANCE_STATUSES]
        + [f"participant_role.{r}" for r in PARTICIPANT_ROLES]
        + [f"session_status.{s}" for s in SESSION_STATUSES]
        + [f"schedule.reason.{r}" for r in REASONS]
        + [f"schedule.conflict.{c}" for c in CONFLICTS]
    )
    assert [k for k in keys if k not in MESSAGES] == []


def test_the_town_hall_counts_the_years_training(demo_store: str) -> None:
    from energy.townhall import figures as townhall
    from energy.townhall.scope import TownHallFilter

    year = dt.date.today().year - 1
    figures = townhall.training(CLI_ACTOR, TownHallFilter(year=year), url=demo_store).figures
    held = schedule.list_sessions(
        STAFF, SessionFilter(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)), url=demo_store
    )
    assert figures is not None
    assert figures.sessions == len(held)
    assert figures.villages == len({v for s in held for v in s.village_ids})
    # Each village's twelve residents came at least once, but for the one that drifted away.
    assert 0 < figures.participants <= 12 * figures.villages
    assert townhall.training(CLI_ACTOR, TownHallFilter(year=2015), url=demo_store).figures is None
    # By topic, in the curriculum's order: the sessions of the list above, and the residents
    # counted from the attendance marks one by one.
    from collections import Counter

    from energy.core.vocabulary import TOPIC_STRANDS
    from energy.store.db import session_for
    from energy.store.models.training import Attendance
    from energy.townhall.presentation import training_view

    ids = {s.id: s.topic for s in held}
    with session_for(CLI_ACTOR, url=demo_store) as session:
        marks = session.execute(
            select(Attendance.session_id, Attendance.participant_id, Attendance.status)
        ).all()
    came: dict[str, set[int]] = {}
    for session_id, participant, status in marks:
        if session_id in ids and status in ("present", "late"):
            came.setdefault(ids[session_id], set()).add(participant)
    sessions = Counter(ids.values())
    by_hand = [(t, sessions[t], len(came.get(t, ()))) for t in TOPICS if sessions[t]]
    assert figures.by_topic == tuple(by_hand)
    assert len(by_hand) > 1 and set(TOPIC_STRANDS) == set(TOPICS)
    assert max(n for _, _, n in by_hand) <= figures.participants <= sum(n for *_, n in by_hand)
    slide = townhall.training(CLI_ACTOR, TownHallFilter(year=year), url=demo_store)
    assert training_view(slide, "ko").chart is not None
