"""The town hall's stories slide: villages in their own words (see :mod:`energy.townhall.figures`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.core.access import Actor
from energy.store.db import session_for
from energy.store.models.villages import District, TownHallStory, Village
from energy.townhall.scope import MAX_STORIES, Scope, ScopeInfo, TownHallFilter, scope_slide


@dataclass(frozen=True)
class StoryCard:
    """A village's own words, with the few facts about the village a room wants to hear."""

    village_name: str
    village_name_en: str | None
    district_ko: str
    district_en: str
    cohort_year: int
    households: int
    year: int
    quote_ko: str
    quote_en: str | None
    attribution_ko: str
    attribution_en: str | None

    def village(self, lang: str) -> str:
        return self.village_name_en if lang == "en" and self.village_name_en else self.village_name

    def district(self, lang: str) -> str:
        return self.district_ko if lang == "ko" else self.district_en

    def quote(self, lang: str) -> str:
        return self.quote_en if lang == "en" and self.quote_en else self.quote_ko

    def attribution(self, lang: str) -> str:
        return self.attribution_en if lang == "en" and self.attribution_en else self.attribution_ko


@dataclass(frozen=True)
class StoriesSlide:
    """Stories staff chose, of villages in scope, told by the year (at most MAX_STORIES).

    ``withheld`` counts stories left out because their village is under the threshold.
    """

    scope: ScopeInfo
    stories: tuple[StoryCard, ...]
    withheld: int


def story_cards(
    session: Session, scope: Scope, village_ids: list[int]
) -> tuple[list[StoryCard], int]:
    """Stories of ``village_ids`` told by the year, in slide order; and how many were withheld
    because their village is under the threshold."""
    info = scope.info
    rows = session.execute(
        select(TownHallStory, Village, District)
        .join(Village, Village.id == TownHallStory.village_id)
        .join(District, District.id == Village.district_id)
        .where(TownHallStory.village_id.in_(village_ids), TownHallStory.year <= info.year)
        .order_by(TownHallStory.position, TownHallStory.year.desc(), TownHallStory.id)
    ).all()
    cards, withheld = [], 0
    for story, village, district in rows:
        households = scope.households_by_village.get(village.id, 0)
        if households < info.min_households:
            withheld += 1
            continue
        cards.append(
            StoryCard(
                village_name=village.name,
                village_name_en=village.name_en,
                district_ko=district.name_ko,
                district_en=district.name_en,
                cohort_year=village.cohort_year,
                households=households,
                year=story.year,
                quote_ko=story.quote_ko,
                quote_en=story.quote_en,
                attribution_ko=story.attribution_ko,
                attribution_en=story.attribution_en,
            )
        )
    return cards, withheld


def stories(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> StoriesSlide:
    def compute(scope: Scope, _today: dt.date) -> StoriesSlide:
        with session_for(actor, url=url) as session:
            cards, withheld = story_cards(session, scope, list(scope.village_ids))
        return StoriesSlide(scope.info, tuple(cards[:MAX_STORIES]), withheld)

    return scope_slide("stories", actor, filters, today, url, compute)


@dataclass(frozen=True)
class VillageChoice:
    code: str
    name: str
    name_en: str | None

    def display_name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name


def villages_shown(
    actor: Actor, filters: TownHallFilter, *, today: dt.date | None = None, url: str | None = None
) -> list[VillageChoice]:
    """Villages in scope large enough to be shown on their own (the one-page summaries)."""

    def compute(scope: Scope, _today: dt.date) -> list[VillageChoice]:
        shown = [
            v for v, n in scope.households_by_village.items() if n >= scope.info.min_households
        ]
        with session_for(actor, url=url) as session:
            rows = session.execute(
                select(Village.code, Village.name, Village.name_en)
                .where(Village.id.in_(shown))
                .order_by(Village.code)
            ).all()
        return [VillageChoice(code, name, name_en) for code, name, name_en in rows]

    return scope_slide("villages_shown", actor, filters, today, url, compute)
