"""Demo data of the annual call: past calls with their applications, reviews, decisions,
grants, instalments and spending reports, tied to the demo villages they selected; and a
call open now, with a demo applicant's draft and a few applications in review."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.call.calls import DEFAULT_CAPS, DEFAULT_RUBRIC
from energy.core.vocabulary import APPLICANT_TYPES, STAGES
from energy.demo.people import demo_email
from energy.store.models.accounts import User
from energy.store.models.base import utcnow
from energy.store.models.call import (
    Application,
    Call,
    Grant,
    Instalment,
    Organiser,
    ReviewAssignment,
    ReviewScore,
    SpendingLine,
)
from energy.store.models.prescreen import Prescreen
from energy.store.models.villages import District, Village

CALL_BUDGET_KRW = 1_000_000_000
PAST_CALLS = 4  # the last four calls that have closed
# (username, display name, district code): the second reviewer lives in Mapo-gu.
DEMO_REVIEWER_DISTRICT = "11590"
EXTRA_USERS = [
    ("reviewer2", "reviewer", "최민준 (심사위원)", "11440"),
    ("applicant", "applicant", "망원동 햇빛모임", None),
    # The district officer of Mapo-gu, where the demo applicant group applies from.
    ("district", "district", "정하린 (마포구청 에너지팀)", "11440"),
]
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = [
    "민서",
    "지훈",
    "서연",
    "도윤",
    "하은",
    "예준",
    "수아",
    "시우",
    "지아",
    "준호",
    "은지",
    "현우",
]
ACTION_SETS = [
    ["led", "eco_mileage", "education"],
    ["balcony_solar", "energy_clinic", "eco_mileage"],
    ["insulation_windows", "led", "energy_clinic"],
    ["rooftop_solar", "balcony_solar", "education"],
]


def _organisers(rng: random.Random, n: int) -> list[Organiser]:
    people = []
    for i in range(n):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        people.append(
            Organiser(
                position=i + 1,
                name=name,
                contact=f"010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}",
                lives_in_district=True,
            )
        )
    return people


def _budget(rng: random.Random, cap: int) -> dict[str, int]:
    total = rng.randint(int(cap * 0.7) // 100_000, cap // 100_000) * 100_000
    training = total // 5
    events = total // 10
    rent = total // 10 if rng.random() < 0.4 else 0
    return {
        k: v
        for k, v in {
            "training": training,
            "events": events,
            "rent": rent,
            "equipment": total - training - events - rent,
        }.items()
        if v
    }


def _application(
    rng: random.Random,
    call: Call,
    serial: int,
    *,
    name: str,
    district_id: int,
    housing: str,
    programme_year: int,
    status: str,
    village_id: int | None = None,
    owner_id: int | None = None,
) -> Application:
    cap = (call.cap_y1_krw, call.cap_y2_krw, call.cap_y3_krw)[programme_year - 1]
    apartment = housing == "apartment"
    app = Application(
        call_id=call.id,
        reference=f"{call.year}-{call.id:02d}-{serial:03d}",
        owner_id=owner_id,
        entered_by="demo",
        on_paper=owner_id is None,
        applicant_type="resident_group" if rng.random() < 0.85 else rng.choice(APPLICANT_TYPES[1:]),
        group_name=f"{name} 주민모임",
        village_name=name,
        district_id=district_id,
        housing_type=housing,
        households_detached=0 if apartment else rng.randint(30, 70),
        households_apartment=rng.randint(50, 160) if apartment else 0,
        programme_year=programme_year,
        village_id=village_id,
        strategy=rng.choice(["saving", "saving", "efficiency", "production"]),
        actions=rng.choice(ACTION_SETS),
        target_saving_pct=float(rng.choice([5, 7, 10, 12, 15])),
        plan="주민 에너지 교육과 가정 에너지 진단으로 시작해 베란다 태양광을 함께 설치합니다.",
        budget=_budget(rng, cap),
        status=status,
        stage=call.stages[-1] if status != "submitted" else None,
        submitted_at=dt.datetime.combine(call.closes_on, dt.time(9), tzinfo=dt.UTC)
        - dt.timedelta(days=rng.randint(1, 20)),
        # Every group declared that none of its organisers acts for a public body (issue 27);
        # the applicant's draft too, so that it can be submitted as it stands.
        public_body_declared=True,
    )
    app.organisers.extend(_organisers(rng, rng.randint(3, 5)))
    return app


def _scores(
    rng: random.Random, app: Application, reviewers: list[User], quality: float, stage: str
) -> list[ReviewAssignment]:
    out = []
    for reviewer in reviewers:
        assignment = ReviewAssignment(
            application_id=app.id,
            reviewer_id=reviewer.id,
            stage=stage,
            conflict=False,
            declared_at=utcnow(),
            submitted_at=utcnow(),
        )
        for criterion in DEFAULT_RUBRIC:
            score = max(0, min(10, round(quality + rng.gauss(0, 1.2))))
            assignment.scores.append(ReviewScore(criterion=criterion, score=score))
        out.append(assignment)
    return out


def _new_call(year: int, opens: dt.date, closes: dt.date) -> Call:
    return Call(
        year=year,
        title=f"{year}년 에너지자립마을 공모",
        opens_on=opens,
        closes_on=closes,
        budget_krw=CALL_BUDGET_KRW,
        cap_y1_krw=DEFAULT_CAPS[0],
        cap_y2_krw=DEFAULT_CAPS[1],
        cap_y3_krw=DEFAULT_CAPS[2],
        min_organisers=3,
        min_households_detached=30,
        min_households_apartment=50,
        applicant_types=list(APPLICANT_TYPES),
        stages=list(STAGES),
        rubric=dict(DEFAULT_RUBRIC),
        renewal_min_coverage=0.5,
        renewal_min_saving_pct=0.0,
    )


def add_demo_call(
    session: Session, villages: list[Village], *, today: dt.date, seed: int, password_hash: str
) -> int:
    """Add the call's demo data; returns the number of applications."""
    rng = random.Random(seed + 3)
    users = {}
    for username, role, display, district_code in EXTRA_USERS:
        district = (
            session.scalar(select(District).where(District.code == district_code))
            if district_code
            else None
        )
        user = User(
            username=username,
            display_name=display,
            role=role,
            password_hash=password_hash,
            language="ko",
            is_active=True,
            district_id=district.id if district else None,
            email=demo_email(username),
        )
        session.add(user)
        users[username] = user
    first_reviewer = session.scalar(select(User).where(User.username == "reviewer"))
    assert first_reviewer is not None
    home = session.scalar(select(District).where(District.code == DEMO_REVIEWER_DISTRICT))
    first_reviewer.district_id = home.id if home else None
    session.flush()
    reviewers = [first_reviewer, users["reviewer2"]]
    district_ids = [d.id for d in session.scalars(select(District).order_by(District.code))]

    last_closed = today.year if dt.date(today.year, 3, 15) < today else today.year - 1
    applications = 0
    for year in range(last_closed - PAST_CALLS + 1, last_closed + 1):
        call = _new_call(year, dt.date(year, 2, 1), dt.date(year, 3, 15))
        session.add(call)
        session.flush()
        serial = 0
        decided: list[tuple[Application, Village | None, float]] = []
        for village in villages:
            years_in = year - village.cohort_year + 1
            if not 1 <= years_in <= 3 or (village.status == "disbanded" and years_in > 1):
                continue
            serial += 1
            app = _application(
                rng, call, serial, name=village.name, district_id=village.district_id,
                housing=village.housing_type, programme_year=years_in, status="selected",
                village_id=village.id,
            )  # fmt: skip
            decided.append((app, village, rng.uniform(6.5, 9)))
        for _ in range(rng.randint(3, 6)):  # groups that were not selected
            serial += 1
            district_id = rng.choice(district_ids)
            app = _application(
                rng, call, serial, name=f"{rng.choice(GIVEN)}동 에너지모임", district_id=district_id,
                housing=rng.choice(["detached", "apartment"]), programme_year=1,
                status=rng.choice(["rejected", "rejected", "wait_listed"]),
            )  # fmt: skip
            decided.append((app, None, rng.uniform(3, 6.5)))
        session.add_all(a for a, _, _ in decided)
        session.flush()
        for app, chosen, quality in decided:
            session.add_all(_scores(rng, app, reviewers, quality, "written"))
            app.decided_at = dt.datetime.combine(
                call.closes_on, dt.time(9), tzinfo=dt.UTC
            ) + dt.timedelta(days=40)
            app.decided_by = "demo"
            if app.status == "rejected":
                app.decision_note = "실행 계획의 구체성이 부족함"
            if chosen is None:
                continue
            cap = (call.cap_y1_krw, call.cap_y2_krw, call.cap_y3_krw)[app.programme_year - 1]
            award = min(cap, sum(app.budget.values()))
            app.award_krw = award
            grant = Grant(
                application_id=app.id, call_id=call.id, village_id=chosen.id,
                programme_year=app.programme_year, award_krw=award,
            )  # fmt: skip
            session.add(grant)
            session.flush()
            first = award * 7 // 10
            session.add(
                Instalment(grant_id=grant.id, paid_on=dt.date(year, 5, 10), amount_krw=first)
            )
            if dt.date(year, 9, 10) < today:
                session.add(
                    Instalment(
                        grant_id=grant.id, paid_on=dt.date(year, 9, 10), amount_krw=award - first
                    )
                )
            if dt.date(year + 1, 1, 31) < today and rng.random() < 0.85:
                for line, planned in app.budget.items():
                    spent = int(planned * rng.uniform(0.8, 1.0)) // 1000 * 1000
                    session.add(
                        SpendingLine(
                            grant_id=grant.id, line=line, amount_krw=spent, filed_by="demo"
                        )
                    )
        applications += len(decided)

    # A call open now: a few applications in, one in review, and the demo applicant's draft.
    year = today.year + 1
    call = _new_call(year, today - dt.timedelta(days=7), today + dt.timedelta(days=45))
    session.add(call)
    session.flush()
    current = []
    for serial in range(1, 6):
        district_id = rng.choice(district_ids)
        current.append(
            _application(
                rng,
                call,
                serial,
                name=f"{rng.choice(GIVEN)}동 햇빛마을",
                district_id=district_id,
                housing=rng.choice(["detached", "apartment"]),
                programme_year=1,
                status="in_review" if serial <= 2 else "submitted",
            )
        )
    for app in current:
        app.stage = call.stages[0] if app.status == "in_review" else None
    draft = _application(
        rng, call, 6, name="망원 햇빛마을", district_id=district_ids[13], housing="detached",
        programme_year=1, status="draft", owner_id=users["applicant"].id,
    )  # fmt: skip
    draft.submitted_at, draft.stage, draft.group_name = None, None, "망원동 햇빛모임"
    session.add_all([*current, draft])
    session.flush()
    session.add_all(_scores(rng, current[0], reviewers[1:], 7.5, call.stages[0]))
    session.add(
        ReviewAssignment(
            application_id=current[0].id, reviewer_id=reviewers[0].id, stage=call.stages[0]
        )
    )
    session.add(
        ReviewAssignment(
            application_id=current[1].id, reviewer_id=reviewers[0].id, stage=call.stages[0]
        )
    )
    return applications + len(current) + 1 + _mapo_applications(session, call, seed, today)


# Two applications of Mapo-gu, where the demo's district officer works (issue 27): one to
# pre-screen, whose third organiser writes from the officer's own address (flagged to staff),
# and one pre-screened already, whose group named a link to a public body.
MAPO = "11440"
MAPO_GROUPS = (
    ("성산동 햇빛마을", "성산동 에너지두레", ("김서연", "박도윤", "정 하린"), None),
    (
        "연남동 햇빛마을",
        "연남동 불끄기모임",
        ("이수아", "최준호", "한은지"),
        "이수아 님이 연남동 주민센터에서 무급 자원봉사 상담가로 일합니다.",
    ),
)
MAPO_PRESCREEN_NOTE = (
    "지난주 연남동 주민센터에서 세 분을 만났습니다. 모두 연남동에 10년 넘게 살았고, "
    "이수아 님의 주민센터 일은 무급 자원봉사입니다."
)


def _mapo_applications(session: Session, call: Call, seed: int, today: dt.date) -> int:
    """The two Mapo-gu applications (their own random stream: the rest of the demo is as
    before); returns how many."""
    rng = random.Random(seed + 27)
    mapo = session.scalar(select(District).where(District.code == MAPO))
    assert mapo is not None
    made = []
    for serial, (village, group, names, link) in enumerate(MAPO_GROUPS, start=7):
        app = _application(
            rng, call, serial, name=village, district_id=mapo.id, housing="detached",
            programme_year=1, status="submitted",
        )  # fmt: skip
        app.group_name, app.public_body_link = group, link
        app.submitted_at = dt.datetime.combine(today, dt.time(1), tzinfo=dt.UTC) - dt.timedelta(
            days=serial - 5
        )
        app.organisers.clear()
        for position, name in enumerate(names, start=1):
            contact = f"010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}"
            app.organisers.append(
                Organiser(position=position, name=name, contact=contact, lives_in_district=True)
            )
        made.append(app)
    # The officer's colleague, reached at the officer's own address (as the group typed it).
    made[0].organisers[2].contact = f" {demo_email('district').upper()} "
    session.add_all(made)
    session.flush()
    session.add(
        Prescreen(
            application_id=made[1].id, district_id=mapo.id, met_in_person="all",
            lives_in_area="all", verdict="no_concerns", note=MAPO_PRESCREEN_NOTE,
            recorded_by="district", recorded_at=utcnow(),
        )
    )  # fmt: skip
    return len(made)
