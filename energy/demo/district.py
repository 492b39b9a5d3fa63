"""Demo data of the district tier: the Mapo-gu officer's log of its villages (deterministic
for a given ``today``): a follow-up left open past its day, one closed by a later visit, one
still to come, and a contact without one."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.store.models.accounts import User
from energy.store.models.district_visits import DistrictVisit
from energy.store.models.villages import Village

OFFICER = "district"  # the demo's officer of Mapo-gu (energy.demo.call)
# (which of the district's active villages, by code order; days ago; kind; note; follow-up
# in days from today, or None)
VISITS = [
    (0, 40, "visit", "주민위원회 월례 회의에 참석했습니다. 밀린 달의 사용량 입력과 회계 정리를 도와 "
     "달라는 요청이 있어, 다음 달 초에 다시 들르기로 했습니다.", -10),
    (1, 25, "call", "위원장과 통화했습니다. 사용량을 내지 못한 두 가구에 위원회가 다시 연락하기로 "
     "했습니다.", -15),
    (1, 12, "visit", "가구 방문에 동행했습니다. 밀린 달의 고지서 사진을 받아 위원회가 입력하기로 "
     "했습니다.", None),
    (2, 5, "meeting", "마을센터에서 내년 공모 설명회를 함께 열었습니다. 주민 12명이 왔고, 베란다 "
     "태양광 공동구매에 관심이 많았습니다.", 10),
    (3, 60, "call", "관리사무소와 옥상 태양광 점검 일정을 맞췄습니다.", None),
]  # fmt: skip


def add_demo_visits(session: Session, villages: list[Village], *, today: dt.date) -> int:
    """The officer's log; returns the number of entries (none without the officer)."""
    officer = session.scalar(select(User).where(User.username == OFFICER))
    if officer is None or officer.district_id is None:
        return 0
    own = sorted(
        (v for v in villages if v.district_id == officer.district_id and v.status == "active"),
        key=lambda v: v.code,
    )
    if len(own) < 4:
        return 0
    for position, days_ago, kind, note, follow_up in VISITS:
        visited_on = today - dt.timedelta(days=days_ago)
        session.add(
            DistrictVisit(
                village_id=own[position].id,
                visited_on=visited_on,
                kind=kind,
                note=note,
                author_id=officer.id,
                follow_up_on=None if follow_up is None else today + dt.timedelta(days=follow_up),
            )
        )
    session.flush()
    return len(VISITS)
