"""Demo training: the default curriculum, trainers, venues, training lists, two cohorts'
schedules and their attendance (deterministic for a given ``today``).

Last year's cohort finished its first-year training (all but one village met the rule: one
village's organisers kept missing sessions); this year's cohort is part-way through, with the
latest sessions not yet recorded, so the trainer has forms to fill.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.calc.schedule_solver import ScheduleRules
from energy.store.models.accounts import User
from energy.store.models.base import utcnow
from energy.store.models.training import (
    Attendance,
    Participant,
    SessionVillage,
    Trainer,
    TrainerAvailability,
    TrainingModule,
    TrainingSession,
    Venue,
    time_minute,
)
from energy.store.models.villages import District, Village
from energy.training.schedule import book_schedule, to_utc

# (code, Korean title, English title, topic, programme year, core, minutes)
DEFAULT_CURRICULUM = [
    ("Y1-01", "에너지자립마을 이해와 에너지 효율 기초", "Energy villages and energy efficiency basics", "energy_efficiency", 1, True, 120),
    ("Y1-02", "우리 집 에너지 진단 실습", "Home energy check-up in practice", "home_energy_check", 1, True, 120),
    ("Y1-03", "베란다 미니태양광 설치와 관리", "Balcony mini solar: installing and looking after it", "mini_solar", 1, True, 120),
    ("Y1-04", "에코마일리지 가입과 절약 기록", "Eco-mileage: signing up and recording savings", "eco_mileage", 1, True, 90),
    ("Y1-05", "주민 모으기와 마을 조직", "Recruiting residents and organising a village", "community_organising", 1, True, 120),
    ("Y1-06", "회의 진행과 갈등 해결", "Running meetings and resolving conflict", "meetings_conflict", 1, True, 120),
    ("Y1-07", "회계와 성과 보고", "Accounting and performance reporting", "accounting_reporting", 1, True, 120),
    ("Y1-E1", "LED와 단열 공동구매", "Group purchase of LEDs and insulation", "energy_efficiency", 1, False, 90),
    ("Y2-01", "에너지 진단가 양성", "Training residents as energy auditors", "home_energy_check", 2, True, 180),
    ("Y2-02", "마을 에너지 계획 세우기", "Writing the village energy plan", "community_organising", 2, True, 120),
    ("Y3-01", "협동조합 설립 준비", "Preparing to found a cooperative", "cooperative", 3, True, 180),
    ("Y3-02", "햇빛발전 협동조합 사례", "Citizen solar cooperatives: case studies", "mini_solar", 3, False, 120),
]  # fmt: skip

EVENINGS = [(d, dt.time(19, 0), dt.time(22, 0)) for d in range(5)]
WEEKENDS = [(d, dt.time(9, 0), dt.time(18, 0)) for d in (5, 6)]
# (name, topics, weekly windows, linked demo login)
DEMO_TRAINERS = [
    ("박하은", ["energy_efficiency", "home_energy_check", "eco_mileage", "mini_solar"],
     EVENINGS[1:4] + WEEKENDS, "trainer"),
    ("최민준", ["mini_solar", "energy_efficiency", "cooperative"], EVENINGS + WEEKENDS[:1], None),
    ("정수빈", ["community_organising", "meetings_conflict", "accounting_reporting"],
     EVENINGS + WEEKENDS, None),
    ("한지우", ["accounting_reporting", "cooperative", "community_organising", "eco_mileage"],
     EVENINGS[::2] + WEEKENDS[1:], None),
]  # fmt: skip

SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = ["민서", "지훈", "서연", "현우", "영희", "정숙", "동현", "미경", "상철", "은주", "재원", "순자",
         "지영", "태호", "혜진", "성민", "경자", "도윤", "수아", "광수"]  # fmt: skip
ORGANISERS, RESIDENTS = 5, 7


@dataclass(frozen=True)
class DemoTrainingSummary:
    modules: int
    trainers: int
    venues: int
    sessions: int
    participants: int
    attendance: int


def _people(rng: random.Random, village: Village) -> list[Participant]:
    names: list[str] = []
    while len(names) < ORGANISERS + RESIDENTS:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if name not in names:
            names.append(name)
    return [
        Participant(
            village_id=village.id,
            name=name,
            role="organiser" if i < ORGANISERS else "resident",
            household_code=f"H-{i + 1:03d}" if i % 3 == 0 else None,
        )
        for i, name in enumerate(names)
    ]


def _window(cohort: int, today: dt.date) -> tuple[dt.date, dt.date]:
    if cohort < today.year:
        return dt.date(cohort, 5, 1), dt.date(cohort, 10, 31)
    # Three weeks in: most modules are still to come.
    return today - dt.timedelta(weeks=3), today + dt.timedelta(weeks=10)


def add_demo_training(
    session: Session, villages: list[Village], *, flagship: Village, today: dt.date, seed: int
) -> DemoTrainingSummary:
    rng = random.Random(seed + 4)
    for n, (code, ko, en, topic, year, core, minutes) in enumerate(DEFAULT_CURRICULUM, start=1):
        session.add(
            TrainingModule(
                code=code, title_ko=ko, title_en=en, topic=topic, programme_year=year,
                core=core, minutes=minutes, position=n,
            )
        )  # fmt: skip
    users = {u.username: u.id for u in session.scalars(select(User))}
    trainers = []
    for name, topics, windows, login in DEMO_TRAINERS:
        trainer = Trainer(name=name, topics=topics, user_id=users.get(login or ""))
        trainer.availability = [
            TrainerAvailability(weekday=d, start_minute=time_minute(a), end_minute=time_minute(b))
            for d, a, b in windows
        ]
        trainers.append(trainer)
    session.add_all(trainers)
    districts = {d.id: d for d in session.scalars(select(District))}
    cohorts = (today.year - 1, today.year)
    taught = [v for v in villages if v.cohort_year in cohorts and v.status == "active"]
    venues = [
        Venue(
            name=f"{districts[d].name_ko} 주민교육실", district_id=d, capacity=36,
            address=f"서울특별시 {districts[d].name_ko}청",
        )
        for d in sorted({v.district_id for v in taught} | {flagship.district_id})
    ]  # fmt: skip
    venues.append(
        Venue(
            name="서울시민청 교육실",
            district_id=None,
            capacity=60,
            address="서울특별시 중구 세종대로 110",
        )
    )
    venues.append(Venue(name="성대골 마을카페", district_id=flagship.district_id, capacity=20))
    session.add_all(venues)
    people: dict[int, list[Participant]] = {v.id: _people(rng, v) for v in [*taught, flagship]}
    session.add_all([p for group in people.values() for p in group])
    session.flush()
    created: list[TrainingSession] = []
    for cohort in cohorts:
        if not any(v.cohort_year == cohort for v in taught):
            continue
        start, end = _window(cohort, today)
        result = book_schedule(
            session,
            cohort_year=cohort,
            rules=ScheduleRules(start, end, max_per_week=1),
            save=True,
        )
        ids = [s.id for s in result.planned]
        created.extend(session.scalars(select(TrainingSession).where(TrainingSession.id.in_(ids))))
    # Year-3 capacity building for the flagship: founding a cooperative, coming up.
    coop = session.scalar(select(TrainingModule).where(TrainingModule.code == "Y3-01"))
    assert coop is not None
    for weeks, trainer in ((1, trainers[1]), (3, trainers[3])):
        day = today + dt.timedelta(days=(5 - today.weekday()) % 7, weeks=weeks)
        begin = dt.datetime.combine(day, dt.time(10, 0))
        row = TrainingSession(
            module_id=coop.id, trainer_id=trainer.id, venue_id=venues[-1].id,
            starts_at=to_utc(begin), ends_at=to_utc(begin + dt.timedelta(minutes=coop.minutes)),
        )  # fmt: skip
        row.villages = [SessionVillage(village_id=flagship.id)]
        session.add(row)
    session.flush()
    attendance = _demo_attendance(session, rng, created, people, taught, today)
    return DemoTrainingSummary(
        modules=len(DEFAULT_CURRICULUM),
        trainers=len(trainers),
        venues=len(venues),
        sessions=len(created) + 2,
        participants=sum(len(g) for g in people.values()),
        attendance=attendance,
    )


def _demo_attendance(
    session: Session,
    rng: random.Random,
    created: list[TrainingSession],
    people: dict[int, list[Participant]],
    taught: list[Village],
    today: dt.date,
) -> int:
    now = min(utcnow(), to_utc(dt.datetime.combine(today, dt.time(12))))
    past = sorted((s for s in created if s.starts_at <= now), key=lambda s: s.starts_at)
    # The past week's sessions are left for their trainers to record.
    to_record = [s for s in past if s.starts_at <= now - dt.timedelta(days=6)]
    # Whatever the weekday, a trainer with a login has their latest session still to record.
    for trainer_id in {s.trainer_id for s in past if s.trainer.user_id is not None}:
        latest = max((s for s in past if s.trainer_id == trainer_id), key=lambda s: s.starts_at)
        to_record = [s for s in to_record if s is not latest]
    # One village of last year's cohort whose organisers drifted away.
    struggling = next((v.id for v in taught if v.cohort_year == today.year - 1), None)
    rows = []
    for s in to_record:
        for sv in s.villages:
            weak = sv.village_id == struggling
            for p in people[sv.village_id]:
                roll = rng.random()
                if weak:
                    status = "present" if roll < 0.35 else "absent" if roll < 0.85 else "excused"
                elif p.role == "organiser":
                    status = "present" if roll < 0.8 else "late" if roll < 0.92 else "excused"
                else:
                    status = "present" if roll < 0.6 else "late" if roll < 0.7 else "absent"
                rows.append(
                    Attendance(
                        session_id=s.id, participant_id=p.id, status=status,
                        recorded_by="demo", recorded_at=s.ends_at,
                    )
                )  # fmt: skip
    session.add_all(rows)
    session.flush()
    return len(rows)
