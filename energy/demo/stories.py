"""Demo stories for the town hall: a few villages in their own words (deterministic)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from energy.store.models.villages import TownHallStory, Village


def add_demo_stories(
    session: Session, villages: list[Village], *, flagship: Village, dobong: Village, today: dt.date
) -> int:
    """Three stories: the flagship, Dobong's solar village and an apartment estate.

    Attributions name groups, never people, as staff are asked to do.
    """
    estate = next(
        v
        for v in villages
        if v.housing_type == "apartment" and v.status == "active" and v.cohort_year <= 2018
    )
    last_year = today.year - 1
    stories = [
        TownHallStory(
            village_id=flagship.id,
            year=last_year,
            quote_ko="처음엔 안 쓰는 전등 하나 끄는 일이었어요. 이제는 골목 전체가 모여 에너지 이야기를 합니다.",
            quote_en="It started with switching off one unused light. Now the whole alley gets together to talk about energy.",
            attribution_ko="성대골 마을 주민위원회",
            attribution_en="Sungdaegol residents' committee",
            position=1,
        ),
        TownHallStory(
            village_id=dobong.id,
            year=last_year,
            quote_ko="베란다 태양광 한 장이 이웃을 모으는 계기가 됐습니다. 요즘은 아이들이 발전량을 먼저 챙겨요.",
            quote_en="One balcony solar panel brought the neighbours together. These days the children check the output first.",
            attribution_ko="도봉 햇빛마을 에너지 동아리",
            attribution_en="Dobong Sunshine Village energy club",
            position=2,
        ),
        TownHallStory(
            village_id=estate.id,
            year=last_year - 1,
            quote_ko="관리사무소와 함께 복도와 주차장 전기를 줄였더니 관리비 고지서가 달라졌습니다.",
            quote_en="With the management office we cut the corridor and car-park lighting, and the maintenance bill changed.",
            attribution_ko=f"{estate.name} 주민 모임",
            attribution_en=f"{estate.name_en} residents' group",
            position=3,
        ),
    ]
    session.add_all(stories)
    session.flush()
    return len(stories)
