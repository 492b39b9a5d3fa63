"""A deterministic, realistic demo data set (the same store every time it is built).

Villages in all 25 districts and every cohort from 2012 to this year, sized after the
programme's own growth (7 villages in 2012, 100 by 2018); some paused, some disbanded, some
back again; one account for every role; households with generation and four years of monthly
readings (see :mod:`energy.demo.readings`); made-up daily temperatures of station 108 for the
readings' days (:mod:`energy.demo.weather`: demo data, never observations). Later
capabilities extend it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select

from energy.accounts.users import DEMO_PASSWORD as DEMO_PASSWORD  # printed in the README
from energy.accounts.users import hash_password
from energy.core.access import Actor
from energy.core.config import get_settings
from energy.core.errors import InvalidInput
from energy.demo.call import add_demo_call
from energy.demo.district import add_demo_visits
from energy.demo.organisations import add_demo_organisations, add_demo_stops
from energy.demo.people import demo_email
from energy.demo.readings import DemoReadingsSummary, add_demo_readings
from energy.demo.stories import add_demo_stories
from energy.demo.training import add_demo_training
from energy.demo.weather import add_demo_weather
from energy.savings import village_sums
from energy.store import db
from energy.store.db import record_action, session_for
from energy.store.models.accounts import User
from energy.store.models.system import AppSetting
from energy.store.models.villages import District, Village, VillageStatusChange

DEMO_ACTOR = Actor(username="demo", role="admin", display_name="Demo data")
SEED = 2012
# New villages per cohort year; cumulative 100 by 2018 as the city reported.
COHORT_SIZES = {
    2012: 7, 2013: 8, 2014: 10, 2015: 10, 2016: 20, 2017: 25, 2018: 20,
    2019: 15, 2020: 18, 2021: 12, 2022: 12, 2023: 10, 2024: 10, 2025: 10, 2026: 8,
}  # fmt: skip
LATER_COHORT_SIZE = 8  # after the last listed year, a steady trickle, so any `today` works

# Per district: a short code prefix and a few neighbourhoods (Korean, romanised).
DISTRICT_PLACES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "11110": ("JNO", [("부암동", "Buam-dong"), ("창신동", "Changsin-dong"), ("혜화동", "Hyehwa-dong")]),
    "11140": ("JUG", [("신당동", "Sindang-dong"), ("약수동", "Yaksu-dong"), ("중림동", "Jungnim-dong")]),
    "11170": ("YSN", [("후암동", "Huam-dong"), ("이촌동", "Ichon-dong"), ("효창동", "Hyochang-dong")]),
    "11200": ("SDG", [("마장동", "Majang-dong"), ("금호동", "Geumho-dong"), ("성수동", "Seongsu-dong")]),
    "11215": ("GJN", [("자양동", "Jayang-dong"), ("구의동", "Guui-dong"), ("중곡동", "Junggok-dong")]),
    "11230": ("DDM", [("휘경동", "Hwigyeong-dong"), ("전농동", "Jeonnong-dong"), ("이문동", "Imun-dong")]),
    "11260": ("JNG", [("면목동", "Myeonmok-dong"), ("신내동", "Sinnae-dong"), ("묵동", "Muk-dong")]),
    "11290": ("SBK", [("정릉동", "Jeongneung-dong"), ("길음동", "Gireum-dong"), ("장위동", "Jangwi-dong")]),
    "11305": ("GBK", [("번동", "Beon-dong"), ("수유동", "Suyu-dong"), ("미아동", "Mia-dong")]),
    "11320": ("DBG", [("방학동", "Banghak-dong"), ("쌍문동", "Ssangmun-dong"), ("창동", "Chang-dong")]),
    "11350": ("NWN", [("상계동", "Sanggye-dong"), ("중계동", "Junggye-dong"), ("공릉동", "Gongneung-dong")]),
    "11380": ("EPY", [("불광동", "Bulgwang-dong"), ("녹번동", "Nokbeon-dong"), ("진관동", "Jingwan-dong")]),
    "11410": ("SDM", [("홍제동", "Hongje-dong"), ("북가좌동", "Bukgajwa-dong"), ("연희동", "Yeonhui-dong")]),
    "11440": ("MPO", [("성산동", "Seongsan-dong"), ("망원동", "Mangwon-dong"), ("염리동", "Yeomni-dong")]),
    "11470": ("YCN", [("신월동", "Sinwol-dong"), ("목동", "Mok-dong"), ("신정동", "Sinjeong-dong")]),
    "11500": ("GSO", [("화곡동", "Hwagok-dong"), ("가양동", "Gayang-dong"), ("방화동", "Banghwa-dong")]),
    "11530": ("GRO", [("개봉동", "Gaebong-dong"), ("오류동", "Oryu-dong"), ("구로동", "Guro-dong")]),
    "11545": ("GCN", [("시흥동", "Siheung-dong"), ("독산동", "Doksan-dong"), ("가산동", "Gasan-dong")]),
    "11560": ("YDP", [("문래동", "Mullae-dong"), ("대림동", "Daerim-dong"), ("신길동", "Singil-dong")]),
    "11590": ("DJK", [("상도동", "Sangdo-dong"), ("흑석동", "Heukseok-dong"), ("사당동", "Sadang-dong")]),
    "11620": ("GWK", [("신림동", "Sillim-dong"), ("봉천동", "Bongcheon-dong"), ("남현동", "Namhyeon-dong")]),
    "11650": ("SCO", [("방배동", "Bangbae-dong"), ("양재동", "Yangjae-dong"), ("내곡동", "Naegok-dong")]),
    "11680": ("GNM", [("개포동", "Gaepo-dong"), ("일원동", "Irwon-dong"), ("수서동", "Suseo-dong")]),
    "11710": ("SPA", [("거여동", "Geoyeo-dong"), ("마천동", "Macheon-dong"), ("잠실동", "Jamsil-dong")]),
    "11740": ("GDG", [("고덕동", "Godeok-dong"), ("명일동", "Myeongil-dong"), ("암사동", "Amsa-dong")]),
}  # fmt: skip

# Name patterns: (Korean suffix, English suffix, housing type).
NAME_PATTERNS = [
    ("햇빛마을", "Sunshine Village", "detached"),
    ("에너지자립마을", "Energy Village", "mixed"),
    ("아파트 에너지절약단", "Apartment Energy Savers", "apartment"),
    ("절전소 마을", "Power-Saving Village", "detached"),
    ("단지 에너지공동체", "Estate Energy Community", "apartment"),
    ("두레 에너지마을", "Dure Energy Village", "mixed"),
]

# (username, role, display name, language)
DEMO_USERS = [
    ("admin", "admin", "김서연 (에너지정책과)", "ko"),
    ("staff.en", "admin", "Jamie Park (Energy Policy Division)", "en"),
    ("reviewer", "reviewer", "이도윤 (심사위원)", "ko"),
    ("trainer", "trainer", "박하은 (에너지 강사)", "ko"),
    ("committee", "committee", "성대골 주민위원회", "ko"),
    ("committee2", "committee", "도봉 햇빛마을 위원회", "ko"),
    ("viewer", "viewer", "시민 타운홀", "ko"),
    (
        "former.staff",
        "admin",
        "전 담당자",
        "ko",
    ),  # disabled: shows what a closed account looks like
]


@dataclass(frozen=True)
class DemoSummary:
    villages: int
    users: int
    districts: int
    households: int = 0
    generation_units: int = 0
    readings: int = 0


def _status_story(
    rng: random.Random, cohort: int, today: dt.date
) -> list[tuple[str, dt.date, str, str | None]]:
    """A village's dated status changes after it started: mostly none."""
    years = today.year - cohort
    if years < 1:
        return []
    roll = rng.random()
    when = dt.date(cohort + rng.randint(1, years), rng.randint(1, 12), rng.randint(1, 28))
    when = min(when, today - dt.timedelta(days=30))
    reasons = ["internal_conflict", "organisers_moved", "lack_of_time", "goal_reached", "merged"]
    if roll < 0.08:
        reason = rng.choice(reasons)
        note = {
            "internal_conflict": "운영 방식에 대한 위원 간 이견으로 활동 중단",
            "organisers_moved": "핵심 활동가 2명 이사",
            "lack_of_time": "위원들의 생업으로 모임 유지 어려움",
            "goal_reached": "목표한 절감과 태양광 설치를 마치고 해산",
            "merged": "인근 마을과 통합",
        }[reason]
        return [("disbanded", when, reason, note)]
    if roll < 0.14:
        reason = rng.choice(["internal_conflict", "organisers_moved", "lack_of_time"])
        story: list[tuple[str, dt.date, str, str | None]] = [("paused", when, reason, None)]
        back = when + dt.timedelta(days=rng.randint(120, 400))
        if rng.random() < 0.5 and back < today:
            story.append(("active", back, "resumed", "새 위원 합류로 활동 재개"))
        return story
    return []


# What the demo's loading goes through, in order, for a progress line on the first start
# (``prepare.<step>`` names each in the messages).
DEMO_STEPS = ("store", "villages", "readings", "stories", "call", "organisations", "training",
              "weather", "sums")  # fmt: skip

Progress = Callable[[str], None]  # called with each step of DEMO_STEPS as it starts


def load_demo(
    *,
    url: str | None = None,
    today: dt.date | None = None,
    with_readings: bool = True,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty store with the demo data set (refuses a store that has villages or users).

    ``with_readings=False`` leaves out households and readings (city-scale data is then added
    by :mod:`energy.demo.scale`). ``progress`` hears each step of :data:`DEMO_STEPS` begin.
    """
    report = progress or (lambda step: None)
    report("villages")
    today = today or dt.date.today()
    rng = random.Random(SEED)
    with session_for(DEMO_ACTOR, write=True, url=url) as session:
        if session.scalar(select(func.count()).select_from(Village)) or session.scalar(
            select(func.count()).select_from(User)
        ):
            raise InvalidInput("error.demo_needs_empty")
        districts = {d.code: d for d in session.scalars(select(District))}
        codes = sorted(districts)
        villages: list[Village] = []
        serial: dict[str, int] = {}
        for cohort in range(min(COHORT_SIZES), today.year + 1):
            for i in range(COHORT_SIZES.get(cohort, LATER_COHORT_SIZE)):
                # Spread each cohort over the districts, starting where the last one stopped.
                district_code = codes[(len(villages) + i * 7) % len(codes)]
                prefix, places = DISTRICT_PLACES[district_code]
                serial[prefix] = serial.get(prefix, 0) + 1
                place_ko, place_en = places[serial[prefix] % len(places)]
                suffix_ko, suffix_en, housing = NAME_PATTERNS[rng.randrange(len(NAME_PATTERNS))]
                years_in = today.year - cohort + 1
                village = Village(
                    code=f"{prefix}-{cohort}-{serial[prefix]:02d}",
                    name=f"{place_ko} {suffix_ko}",
                    name_en=f"{place_en} {suffix_en}",
                    district_id=districts[district_code].id,
                    neighbourhood=place_ko,
                    housing_type=housing,
                    cohort_year=cohort,
                    programme_year=min(years_in, 3),
                    graduated=years_in > 3,
                    status="active",
                )
                villages.append(village)
        # The programme's best-known village, by its own name.
        flagship = villages[0]
        flagship.code, flagship.name, flagship.name_en = "DJK-2012-01", "성대골 마을", "Sungdaegol"
        flagship.district_id, flagship.neighbourhood = districts["11590"].id, "상도3·4동"
        flagship.housing_type = "detached"
        dobong = next(v for v in villages if v.code.startswith("DBG-"))
        dobong.name, dobong.name_en = "도봉 햇빛마을", "Dobong Sunshine Village"
        session.add_all(villages)
        session.flush()
        for village in villages:
            start = dt.date(village.cohort_year, 4, 1)
            session.add(
                VillageStatusChange(
                    village_id=village.id,
                    status="active",
                    effective_on=start,
                    reason_code="started",
                    note="공모 선정",
                    recorded_by=DEMO_ACTOR.username,
                )
            )
            story = (
                []
                if village in (flagship, dobong)
                else _status_story(rng, village.cohort_year, today)
            )
            for status, when, reason, note in story:
                session.add(
                    VillageStatusChange(
                        village_id=village.id,
                        status=status,
                        effective_on=max(when, start + dt.timedelta(days=60)),
                        reason_code=reason,
                        note=note,
                        recorded_by=DEMO_ACTOR.username,
                    )
                )
                village.status = status
        password_hash = hash_password(DEMO_PASSWORD)
        for username, role, display, language in DEMO_USERS:
            session.add(
                User(
                    username=username,
                    display_name=display,
                    role=role,
                    village_id=(flagship.id if username == "committee" else dobong.id)
                    if role == "committee"
                    else None,
                    password_hash=password_hash,
                    language=language,
                    is_active=username != "former.staff",
                    email=demo_email(username),
                )
            )
        session.add(AppSetting(key="demo_data", value=today.isoformat()))
        session.flush()
        add_demo_stops(session, villages, keep=(flagship, dobong), today=today)
        report("readings")
        tracked = (
            add_demo_readings(
                session, today=today, seed=SEED, showcase=(flagship.code, dobong.code)
            )
            if with_readings
            else DemoReadingsSummary()
        )
        report("stories")
        add_demo_stories(session, villages, flagship=flagship, dobong=dobong, today=today)
        report("call")
        add_demo_call(session, villages, today=today, seed=SEED, password_hash=password_hash)
        add_demo_visits(session, villages, today=today)  # the district officer's, after its account
        report("organisations")
        add_demo_organisations(session, villages, flagship=flagship, dobong=dobong, today=today)
        report("training")
        add_demo_training(session, villages, flagship=flagship, today=today, seed=SEED)
        report("weather")
        weather_days = add_demo_weather(session, today=today, seed=SEED)
        report("sums")
        village_sums.rebuild(session, None)  # last: after everything that touches villages
        record_action(
            session,
            "demo_loaded",
            "store",
            "demo",
            {
                "villages": len(villages),
                "households": tracked.households,
                "generation_units": tracked.generation_units,
                "readings": dict(sorted(tracked.readings.items())),
                "weather_days": weather_days,
            },
        )
        return DemoSummary(
            villages=len(villages),
            users=len(DEMO_USERS),
            districts=len(districts),
            households=tracked.households,
            generation_units=tracked.generation_units,
            readings=sum(tracked.readings.values()),
        )


def is_demo_store(*, url: str | None = None) -> bool:
    with session_for(DEMO_ACTOR, url=url) as session:
        return session.get(AppSetting, "demo_data") is not None


def store_ready(url: str | None = None) -> bool:
    """Whether this process has made the store usable already (the app's start asks first)."""
    return db.store_prepared(url)


def ensure_store_with_demo(
    url: str | None = None, *, today: dt.date | None = None, progress: Progress | None = None
) -> db.StoreState:
    """The app's start: make the store usable (:func:`energy.store.db.ensure_store`); a new
    embedded store gets the demo data (for ``today``, by default the day it runs), unless
    ``ENERGY_NO_DEMO`` is set. ``progress`` hears the steps (the store's own first)."""
    if progress is not None:
        progress("store")

    def fill(new_url: str) -> None:
        if get_settings().demo_on_empty_embedded:
            load_demo(url=new_url, today=today, progress=progress)

    return db.ensure_store(url, on_create=fill)
