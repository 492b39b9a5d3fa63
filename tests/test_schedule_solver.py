"""The schedule generator on hard cases (pure: no store)."""

from __future__ import annotations

import datetime as dt
import itertools

from energy.calc.schedule_solver import (
    Booking,
    PlanModule,
    PlannedSession,
    PlanTrainer,
    PlanVenue,
    PlanVillage,
    PlanWindow,
    ResidentTimes,
    SchedulePlan,
    ScheduleRules,
    conflicts_for,
    plan_schedule,
)

TOPICS = ("energy_efficiency", "home_energy_check", "mini_solar", "community_organising")
MODULES = [PlanModule(i + 1, f"M{i + 1}", topic, 120) for i, topic in enumerate(TOPICS)]
START = dt.date(2026, 3, 2)  # a Monday
EVENINGS_AND_WEEKENDS = tuple(
    PlanWindow(d, dt.time(19, 0), dt.time(22, 0)) for d in range(5)
) + tuple(PlanWindow(d, dt.time(9, 0), dt.time(18, 0)) for d in (5, 6))


def _trainer(tid: int, topics: tuple[str, ...] = TOPICS, **kw: object) -> PlanTrainer:
    windows = kw.pop("windows", EVENINGS_AND_WEEKENDS)
    return PlanTrainer(tid, f"T{tid}", frozenset(topics), windows, **kw)  # type: ignore[arg-type]


def _villages(n: int, districts: int) -> list[PlanVillage]:
    return [PlanVillage(i + 1, f"V{i + 1:02d}", (i % districts) + 1) for i in range(n)]


def _venues(districts: int, capacity: int = 40) -> list[PlanVenue]:
    return [PlanVenue(d, f"Hall {d}", d, capacity) for d in range(1, districts + 1)]


def _rules(weeks: int, **kw: object) -> ScheduleRules:
    return ScheduleRules(START, START + dt.timedelta(weeks=weeks, days=-1), **kw)  # type: ignore[arg-type]


def _assert_valid(plan: SchedulePlan, rules: ScheduleRules, trainers: list[PlanTrainer]) -> None:
    """No double booking of trainer, venue or village; resident times; weekly limit."""
    by_id = {t.id: t for t in trainers}
    for a, b in itertools.combinations(plan.sessions, 2):
        if a.start < b.end and b.start < a.end:
            assert a.trainer_id != b.trainer_id, (a, b)
            assert a.venue_id != b.venue_id, (a, b)
            assert not set(a.village_ids) & set(b.village_ids), (a, b)
    weekly: dict[tuple[int, int, int], int] = {}
    for s in plan.sessions:
        assert rules.times.allows(s.start, s.end), s
        assert rules.window_start <= s.start.date() <= rules.window_end, s
        assert by_id[s.trainer_id].available(s.start, s.end), s
        for v in s.village_ids:
            iso = s.start.isocalendar()
            key = (v, iso[0], iso[1])
            weekly[key] = weekly.get(key, 0) + 1
    assert max(weekly.values(), default=0) <= rules.max_per_week


def _coverage(sessions: tuple[PlannedSession, ...]) -> set[tuple[int, int]]:
    return {(v, s.module_id) for s in sessions for v in s.village_ids}


def test_thirty_villages_get_every_module_without_any_double_booking() -> None:
    villages = _villages(30, 10)
    trainers = [_trainer(1), _trainer(2), _trainer(3)]
    rules = _rules(12)
    plan = plan_schedule(rules, villages, MODULES, trainers, _venues(10))
    assert plan.complete, plan.unmet
    assert _coverage(plan.sessions) == {(v.id, m.id) for v in villages for m in MODULES}
    _assert_valid(plan, rules, trainers)
    # Three villages per district share each module's session (40 seats hold 3 x 12).
    assert len(plan.sessions) == 10 * len(MODULES)
    assert {len(s.village_ids) for s in plan.sessions} == {3}


def test_each_village_takes_the_modules_in_curriculum_order() -> None:
    villages = _villages(6, 6)
    trainers = [_trainer(1), _trainer(2)]
    plan = plan_schedule(_rules(8), villages, MODULES, trainers, _venues(6))
    for v in villages:
        mine = sorted((s for s in plan.sessions if v.id in s.village_ids), key=lambda s: s.start)
        assert [s.module_id for s in mine] == [m.id for m in MODULES]


def test_a_small_room_means_villages_meet_apart() -> None:
    villages = _villages(3, 1)
    trainers = [_trainer(1)]
    rules = _rules(6)
    plan = plan_schedule(rules, villages, MODULES, trainers, _venues(1, capacity=20))
    assert plan.complete
    assert {len(s.village_ids) for s in plan.sessions} == {1}
    assert len(plan.sessions) == 3 * len(MODULES)
    _assert_valid(plan, rules, trainers)


def test_tight_availability_uses_only_the_trainers_saturday_mornings() -> None:
    saturday = (PlanWindow(5, dt.time(9, 30), dt.time(12, 30)),)
    trainers = [_trainer(1, windows=saturday)]
    rules = _rules(4)
    plan = plan_schedule(rules, _villages(1, 1), MODULES, trainers, _venues(1))
    assert plan.complete
    assert [(s.start.weekday(), s.start.time()) for s in plan.sessions] == [(5, dt.time(10))] * 4
    _assert_valid(plan, rules, trainers)


def test_tight_availability_that_runs_out_is_named_and_nothing_is_dropped() -> None:
    saturday = (PlanWindow(5, dt.time(9, 30), dt.time(12, 30)),)
    trainers = [_trainer(1, windows=saturday, available_to=START + dt.timedelta(weeks=3))]
    plan = plan_schedule(_rules(6), _villages(1, 1), MODULES, trainers, _venues(1))
    assert len(plan.sessions) == 3
    assert [(u.module_id, u.village_ids, u.reason) for u in plan.unmet] == [
        (4, (1,), "trainer_unavailable")
    ]


def test_one_trainer_for_many_villages_is_never_in_two_places() -> None:
    villages = _villages(12, 12)  # twelve districts: nobody shares
    trainers = [_trainer(1)]
    rules = _rules(8, max_per_week=2)
    plan = plan_schedule(rules, villages, MODULES, trainers, _venues(12))
    assert plan.complete, plan.unmet
    assert len(plan.sessions) == 48
    _assert_valid(plan, rules, trainers)


def test_one_trainer_with_too_little_time_names_the_trainer_as_the_limit() -> None:
    # 4 weeks x 9 resident-friendly slots = 36 slots for 48 sessions.
    villages = _villages(12, 12)
    trainers = [_trainer(1)]
    rules = _rules(4, max_per_week=2)
    plan = plan_schedule(rules, villages, MODULES, trainers, _venues(12))
    assert len(plan.sessions) == 36
    assert len(plan.unmet) == 12
    assert {u.reason for u in plan.unmet} == {"trainer_booked"}
    assert _coverage(plan.sessions) | {(u.village_ids[0], u.module_id) for u in plan.unmet} == {
        (v.id, m.id) for v in villages for m in MODULES
    }
    _assert_valid(plan, rules, trainers)


def test_infeasible_constraints_are_named() -> None:
    villages = _villages(2, 2)
    # Nobody teaches community organising; district 2 has no room and there is no city venue.
    trainers = [_trainer(1, topics=TOPICS[:3])]
    plan = plan_schedule(_rules(6), villages, MODULES, trainers, _venues(1))
    reasons = {(u.village_ids, u.module_id): u.reason for u in plan.unmet}
    assert reasons[((1,), 4)] == "no_trainer_for_topic"
    assert reasons[((2,), 1)] == "no_venue"
    assert reasons[((2,), 4)] == "no_trainer_for_topic"
    assert len(plan.unmet) == 5  # M4 for both, M1-M3 for village 2
    assert len(plan.sessions) == 3


def test_a_window_shorter_than_the_curriculum_is_named_before_anything_is_tried() -> None:
    plan = plan_schedule(_rules(3), _villages(1, 1), MODULES, [_trainer(1)], _venues(1))
    assert plan.sessions == ()
    assert [u.reason for u in plan.unmet] == ["window_too_short"] * 4


def test_existing_bookings_are_respected_and_covered_modules_are_not_planned_again() -> None:
    villages = _villages(1, 1)
    trainers = [_trainer(1)]
    monday = dt.datetime.combine(START, dt.time(19, 30))
    elsewhere = Booking(monday, monday + dt.timedelta(hours=2), 1, 99, (77,), 9)
    plan = plan_schedule(
        _rules(6), villages, MODULES, trainers, _venues(1), bookings=[elsewhere], covered=[(1, 1)]
    )
    assert {s.module_id for s in plan.sessions} == {2, 3, 4}
    assert all(s.start != monday for s in plan.sessions)


def test_weekend_only_times_are_configurable() -> None:
    times = ResidentTimes(weekday_starts=(), weekend_starts=(dt.time(10, 0),))
    rules = _rules(4, times=times)
    plan = plan_schedule(rules, _villages(1, 1), MODULES, [_trainer(1)], _venues(1))
    assert plan.complete
    assert all(s.start.weekday() >= 5 for s in plan.sessions)


def test_thirty_villages_with_scarce_trainers_still_answer_quickly_and_in_full() -> None:
    villages = _villages(30, 25)
    trainers = [_trainer(1, topics=TOPICS[:2]), _trainer(2, topics=TOPICS[2:])]
    rules = _rules(10, max_per_week=1)
    plan = plan_schedule(rules, villages, MODULES, trainers, _venues(25, capacity=12))
    placed = _coverage(plan.sessions)
    missing = {(u.village_ids[0], u.module_id) for u in plan.unmet}
    assert placed | missing == {(v.id, m.id) for v in villages for m in MODULES}
    assert not placed & missing
    _assert_valid(plan, rules, trainers)


def _edit_context() -> tuple[ScheduleRules, PlanTrainer, PlanVenue, list[Booking]]:
    rules = _rules(6)
    trainer = _trainer(1)
    venue = PlanVenue(1, "Hall", 1, 24)
    monday = dt.datetime.combine(START, dt.time(19, 30))
    existing = [Booking(monday, monday + dt.timedelta(hours=2), 1, 1, (1,), 1, id=10)]
    return rules, trainer, venue, existing


def test_an_edit_onto_a_busy_trainer_venue_and_village_names_each_conflict() -> None:
    rules, trainer, venue, existing = _edit_context()
    start = existing[0].start + dt.timedelta(minutes=30)
    moved = Booking(start, start + dt.timedelta(hours=2), 1, 1, (1, 2, 3), 2, id=11)
    kinds = [
        c.kind
        for c in conflicts_for(
            moved, module=MODULES[1], trainer=trainer, venue=venue, rules=rules, bookings=existing
        )
    ]
    assert kinds == [
        "resident_time",
        "trainer_booked",
        "venue_booked",
        "venue_capacity",
        "village_busy",
    ]


def test_an_edit_of_a_session_does_not_conflict_with_itself() -> None:
    rules, trainer, venue, existing = _edit_context()
    same = existing[0]
    assert (
        conflicts_for(
            same, module=MODULES[0], trainer=trainer, venue=venue, rules=rules, bookings=existing
        )
        == []
    )


def test_an_edit_checks_topic_availability_and_the_weekly_limit() -> None:
    rules, _trainer1, venue, existing = _edit_context()
    only_solar = _trainer(
        2, topics=("mini_solar",), windows=(PlanWindow(5, dt.time(9), dt.time(12)),)
    )
    tuesday = dt.datetime.combine(START + dt.timedelta(days=1), dt.time(19, 30))
    proposed = Booking(tuesday, tuesday + dt.timedelta(hours=2), 2, 1, (1,), 1)
    kinds = [
        c.kind
        for c in conflicts_for(
            proposed, module=MODULES[0], trainer=only_solar, venue=venue, rules=rules,
            bookings=existing,
        )
    ]  # fmt: skip
    assert kinds == ["trainer_topic", "trainer_unavailable", "weekly_limit"]
