"""Demo organisations and stopped villages (deterministic): every formation stage of every
legal form, Sungdaegol's three organisations and Dobong's citizen solar social cooperative,
and at least one village that stopped for each reason (and one that came back).

:func:`add_demo_stops` runs before the demo's readings (a village that stopped stops
reporting); :func:`add_demo_organisations` after them and after the call's demo data
(members link to households, and founders to the organisers of the village's applications).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from energy.core.vocabulary import REASONS_FOR_STATUS
from energy.organisations.formation_rules import CHECKLISTS
from energy.store.models.call import Application, Call, Organiser
from energy.store.models.organisations import (
    FormationStep,
    Organisation,
    OrganisationAsset,
    OrganisationMember,
    OrganisationYear,
)
from energy.store.models.readings import Household
from energy.store.models.villages import Village, VillageStatusChange

RECORDED_BY = "demo"
STOP_NOTES = {
    "internal_conflict": "예산 집행 방식을 두고 위원 간 갈등이 깊어져 활동 중단",
    "organisers_moved": "대표 활동가가 다른 구로 이사",
    "lack_of_time": "맞벌이 위원들이 모임 시간을 내기 어려움",
    "goal_reached": "목표했던 미니태양광 100가구 설치를 마치고 해산",
    "merged": "이웃 마을 에너지자립마을과 하나로 합침",
    "funding_ended": "3년 지원이 끝난 뒤 운영비를 마련하지 못함",
    "other": "활동 공간(주민센터 회의실)이 재건축으로 사라짐",
}
# Seoul's rooftop solar yields about 1,150 kWh a year per kW (a 3 kW roof: ~288 kWh/month).
KWH_PER_KW_YEAR = 1_152


def add_demo_stops(
    session: Session, villages: list[Village], *, keep: tuple[Village, ...], today: dt.date
) -> int:
    """Stop one village for each reason the demo's random stories did not use (paused or
    disbanded as the reason allows), and bring one paused village back. Returns the count."""
    session.flush()
    used = set(
        session.scalars(
            select(VillageStatusChange.reason_code).where(
                VillageStatusChange.village_id.in_([v.id for v in villages])
            )
        )
    )
    stopped = set(
        session.scalars(
            select(VillageStatusChange.village_id).where(
                VillageStatusChange.reason_code != "started"
            )
        )
    )
    candidates = [
        v
        for v in sorted(villages, key=lambda v: v.code)
        if v not in keep and v.id not in stopped and v.cohort_year <= today.year - 3
    ]
    added = 0
    wanted = [r for r in REASONS_FOR_STATUS["disbanded"] if r not in used]
    wanted += [r for r in ("resumed",) if r not in used]
    for reason, village in zip(wanted, candidates[::3], strict=False):
        start = dt.date(village.cohort_year, 4, 1)
        stop_on = min(dt.date(village.cohort_year + 2, 6, 15), today - dt.timedelta(days=60))
        status = "paused" if reason in REASONS_FOR_STATUS["paused"] and added % 2 else "disbanded"
        if reason == "resumed":
            status = "paused"
        story = [
            (status, max(stop_on, start + dt.timedelta(days=90)), reason, STOP_NOTES.get(reason))
        ]
        if reason == "resumed":
            story = [
                ("paused", story[0][1], "lack_of_time", STOP_NOTES["lack_of_time"]),
                ("active", story[0][1] + dt.timedelta(days=200), "resumed", "새 위원 3명 합류"),
            ]
        for new_status, when, code, note in story:
            session.add(
                VillageStatusChange(
                    village_id=village.id,
                    status=new_status,
                    effective_on=when,
                    reason_code=code,
                    note=note,
                    recorded_by=RECORDED_BY,
                )
            )
            village.status = new_status
        added += 1
    session.flush()
    return added


@dataclass(frozen=True)
class _Plan:
    form: str
    name_ko: str
    name_en: str
    steps_done: int  # how many checklist steps are done, in order
    members: int
    founders: int = 0


# One organisation at each stage of each form (villages: graduated, still active).
PLANS = (
    _Plan("cooperative", "햇빛 협동조합 준비모임", "Solar Cooperative (forming)", 0, 3, 3),
    _Plan("social_cooperative", "에너지 사회적협동조합", "Energy Social Cooperative", 2, 9, 9),
    _Plan("cooperative", "마을에너지 협동조합", "Village Energy Cooperative", 3, 12, 7),
    _Plan(
        "social_cooperative",
        "에너지전환 사회적협동조합",
        "Energy Transition Social Co-op",
        3,
        15,
        8,
    ),
    _Plan("cooperative", "절전소 협동조합", "Power-Saving Cooperative", 5, 30, 6),
    _Plan("nonprofit", "에너지 시민모임", "Energy Citizens' Circle", 1, 60),
    _Plan("nonprofit", "기후행동 주민연대", "Residents for Climate Action", 3, 124),
    _Plan("social_enterprise", "에너지 진단 사회적기업", "Energy Check-up Enterprise", 2, 6),
    _Plan("social_enterprise", "태양광 설치 사회적기업", "Solar Installers Enterprise", 4, 8),
)


def _organisation(
    session: Session,
    village: Village,
    plan: _Plan,
    *,
    start: dt.date,
    today: dt.date,
    name: tuple[str, str] | None = None,
    share_price: int | None = 10_000,
) -> Organisation:
    """An organisation whose first ``plan.steps_done`` steps were done a month apart, its
    founders joined before the first (the first of them the organisers of the village's
    latest application, where it has one), and the next step due (some overdue)."""
    org = Organisation(
        village_id=village.id,
        name=name[0] if name else f"{village.neighbourhood or village.name} {plan.name_ko}",
        name_en=name[1] if name else f"{(village.name_en or '').split(' ')[0]} {plan.name_en}",
        legal_form=plan.form,
        started_on=start,
        activity_since=dt.date(village.cohort_year, 4, 1),
        share_price_krw=share_price if plan.form in ("cooperative", "social_cooperative") else None,
    )
    session.add(org)
    session.flush()
    day = start
    for index, spec in enumerate(CHECKLISTS[plan.form]):
        day += dt.timedelta(days=200 if spec.key == "certification" else 35)
        step = FormationStep(organisation_id=org.id, step=spec.key)
        if index < plan.steps_done:
            step.done_on = min(day, today)
            step.responsible = "설립준비위원장"
        elif index == plan.steps_done:
            step.due_on = today + dt.timedelta(days=20 if index % 2 else -10)
            step.responsible = "사무국"
        if spec.meeting and index <= plan.steps_done:
            step.notice_on = day - dt.timedelta(days=10)
            step.eligible, step.attendees, step.votes_for = (
                plan.founders,
                plan.founders - 1,
                plan.founders - 2,
            )
            if index < plan.steps_done:
                step.documents = "창립총회 공고문, 의사록, 정관"
        session.add(step)
    organisers = _organisers(session, village)[: plan.founders]
    session.add_all(
        OrganisationMember(
            organisation_id=org.id,
            name=organisers[i][1] if i < len(organisers) else f"회원 {i + 1:03d}",
            organiser_id=organisers[i][0] if i < len(organisers) else None,
            kind="organiser" if i < plan.founders else "resident",
            is_founder=i < plan.founders,
            board_role=("chair", "director", "auditor")[i] if i < 3 else None,
            joined_on=start,
            shares_pledged=5 if share_price else 0,
            shares_paid=5 if plan.steps_done >= 5 and share_price else 0,
        )
        for i in range(plan.members)
    )
    return org


def _organisers(session: Session, village: Village) -> list[tuple[int, str]]:
    """The organisers (id, name) of the village's latest sent-in application."""
    latest = session.scalar(
        select(Application.id)
        .join(Call, Call.id == Application.call_id)
        .where(Application.village_id == village.id, Application.status != "draft")
        .order_by(Call.year.desc())
        .limit(1)
    )
    rows = session.execute(
        select(Organiser.id, Organiser.name)
        .where(Organiser.application_id == latest)
        .order_by(Organiser.position)
    )
    return [(row.id, row.name) for row in rows]


def _years(session: Session, org: Organisation, first: int, last: int, scale: float) -> None:
    """Yearly reports; a social cooperative's public-benefit share (above the 40% it needs),
    a social enterprise's labour costs (business revenue well above half of them)."""
    for year in range(first, last + 1):
        grow = 1 + (year - first) * 0.12
        public_benefit = (
            52.0 + (year - first) % 4 * 3 if org.legal_form == "social_cooperative" else None
        )
        labour = int(60_000_000 * scale * grow) // 1000 * 1000
        session.add(
            OrganisationYear(
                organisation_id=org.id,
                year=year,
                supermarket_sales_krw=int(42_000_000 * scale * grow) // 1000 * 1000,
                checkups=int(150 * scale * grow),
                education_sessions=int(24 * scale * grow),
                education_participants=int(520 * scale * grow),
                jobs_full_time=int(2 * scale + (year - first) // 3),
                jobs_part_time=max(1, round(3 * scale)) + (year - first) // 2,
                energy_careers=int(1 * scale + (year - first) // 4),
                revenue_krw=int(95_000_000 * scale * grow) // 1000 * 1000,
                public_benefit_pct=public_benefit,
                labour_costs_krw=labour if org.legal_form == "social_enterprise" else None,
            )
        )


def add_demo_organisations(
    session: Session,
    villages: list[Village],
    *,
    flagship: Village,
    dobong: Village,
    today: dt.date,
) -> int:
    """The organisations (see the module docstring); returns how many."""
    last = today.year - 1
    founded = _Plan("cooperative", "", "", 7, 40, 12)
    sdg = [
        _organisation(session, flagship, founded, start=dt.date(2012, 9, 1), today=today,
                      name=("성대골 에너지협동조합", "Sungdaegol Energy Cooperative")),
        _organisation(session, flagship, _Plan("social_cooperative", "", "", 7, 85, 15),
                      start=dt.date(2016, 2, 1), today=today,
                      name=("성대골 사회적협동조합", "Sungdaegol Social Cooperative")),
        _organisation(session, flagship, founded, start=dt.date(2018, 3, 1), today=today,
                      name=("성대골 햇빛발전 협동조합", "Sungdaegol Solar Cooperative")),
    ]  # fmt: skip
    session.flush()
    # Households of the village who joined its social cooperative as members.
    homes = list(
        session.scalars(
            select(Household.id)
            .where(Household.village_id == flagship.id)
            .order_by(Household.code)
            .limit(25)
        )
    )
    session.add_all(
        OrganisationMember(
            organisation_id=sdg[1].id,
            name=f"참여가구 {i + 1:02d}",
            kind="household",
            household_id=home,
            joined_on=dt.date(2017, 3, 1),
            shares_pledged=3,
            shares_paid=3,
        )
        for i, home in enumerate(homes)
    )
    _years(session, sdg[1], 2017, last, 1.0)
    _years(session, sdg[0], 2013, 2016, 0.4)
    session.add(
        OrganisationAsset(
            organisation_id=sdg[2].id, name="성대골 어린이도서관 지붕", site="상도3·4동",
            capacity_kw=30.0, yearly_kwh=30 * KWH_PER_KW_YEAR, commissioned_on=dt.date(2019, 5, 1),
        )
    )  # fmt: skip
    dobong_coop = _organisation(
        session, dobong, _Plan("social_cooperative", "", "", 7, 15, 15), start=dt.date(2017, 3, 1),
        today=today, name=("도봉 시민햇빛발전 사회적협동조합", "Dobong Citizen Solar Social Cooperative"),
    )  # fmt: skip
    session.flush()
    # About 1,700 members: written in one statement (the audit keeps one entry for the load).
    session.execute(
        insert(OrganisationMember),
        [
            {
                "organisation_id": dobong_coop.id, "name": f"조합원 {i:04d}", "kind": "resident",
                "is_founder": False, "joined_on": dt.date(2017 + i % 8, 1 + i % 12, 1),
                "shares_pledged": 2, "shares_paid": 2 if i % 9 else 1,
            }
            for i in range(1, 1_686)
        ],
    )  # fmt: skip
    for name, kw, year in (
        ("도봉구청 별관 옥상", 15.0, 2015), ("방학동 주민센터", 20.0, 2016),
        ("쌍문 도서관", 10.0, 2017), ("창동 문화체육센터", 18.0, 2018), ("도봉 구민회관", 12.0, 2019),
    ):  # fmt: skip
        session.add(
            OrganisationAsset(
                organisation_id=dobong_coop.id, name=name, site="도봉구 공공청사",
                capacity_kw=kw, yearly_kwh=kw * KWH_PER_KW_YEAR, commissioned_on=dt.date(year, 6, 1),
            )
        )  # fmt: skip
    _years(session, dobong_coop, 2018, last, 0.6)
    hosts = [
        v
        for v in sorted(villages, key=lambda v: v.code)
        if v.graduated and v.status == "active" and v not in (flagship, dobong)
    ]
    made = 4
    for plan, village in zip(PLANS, hosts[1::4], strict=False):
        start = (
            dt.date(last, 1, 15) if plan.form != "social_enterprise" else dt.date(last - 1, 3, 1)
        )
        org = _organisation(session, village, plan, start=start, today=today)
        if plan.form == "social_enterprise" and plan.steps_done >= 3:
            session.flush()
            _years(session, org, last - 1, last, 0.3)
        made += 1
    session.flush()
    return made
