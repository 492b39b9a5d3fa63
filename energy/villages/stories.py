"""Villages' stories for the town hall: staff choose a village and enter its own words.

A story is a quote, the group it comes from ("성대골 마을 주민위원회": a group, never a person)
and the year it was said, in Korean and optionally English. Staff (``village.write``) add,
change and remove stories; every write is audited by the store. The town hall shows a
story only for a village large enough to be shown on its own (see :mod:`energy.townhall.figures`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.core.access import Actor, require
from energy.core.errors import InvalidInput, NotFound
from energy.store.db import session_for
from energy.store.models.villages import District, TownHallStory, Village
from energy.villages.households import village_by_code

QUOTE_LIMIT = 300  # characters: what still reads at 32 pt on one slide
ATTRIBUTION_LIMIT = 120
FIRST_YEAR = 2012  # the programme's first villages


@dataclass(frozen=True)
class Story:
    id: int
    village_id: int
    village_code: str
    village_name: str
    village_name_en: str | None
    district_code: str
    district_ko: str
    district_en: str
    cohort_year: int
    year: int
    quote_ko: str
    quote_en: str | None
    attribution_ko: str
    attribution_en: str | None
    position: int

    def quote(self, lang: str) -> str:
        return self.quote_en if lang == "en" and self.quote_en else self.quote_ko

    def attribution(self, lang: str) -> str:
        return self.attribution_en if lang == "en" and self.attribution_en else self.attribution_ko

    def village_display_name(self, lang: str) -> str:
        return self.village_name_en if lang == "en" and self.village_name_en else self.village_name

    def district_name(self, lang: str) -> str:
        return self.district_ko if lang == "ko" else self.district_en


def _story(row: TownHallStory, village: Village, district: District) -> Story:
    return Story(
        id=row.id,
        village_id=village.id,
        village_code=village.code,
        village_name=village.name,
        village_name_en=village.name_en,
        district_code=district.code,
        district_ko=district.name_ko,
        district_en=district.name_en,
        cohort_year=village.cohort_year,
        year=row.year,
        quote_ko=row.quote_ko,
        quote_en=row.quote_en,
        attribution_ko=row.attribution_ko,
        attribution_en=row.attribution_en,
        position=row.position,
    )


def _text(value: str | None, field: str, limit: int, *, required: bool) -> str | None:
    text = " ".join((value or "").split())  # one line on a slide: no stray breaks or spaces
    if required and not text:
        raise InvalidInput("error.required", field=field)
    if len(text) > limit:
        raise InvalidInput("error.too_long", field=field, n=limit)
    return text or None


@dataclass(frozen=True)
class _Clean:
    year: int
    quote_ko: str
    quote_en: str | None
    attribution_ko: str
    attribution_en: str | None
    position: int


def _clean(
    *,
    year: int,
    quote_ko: str,
    quote_en: str | None,
    attribution_ko: str,
    attribution_en: str | None,
    position: int,
    today: dt.date,
) -> _Clean:
    if not FIRST_YEAR <= year <= today.year:
        raise InvalidInput("error.story_year", field="year", first=FIRST_YEAR, last=today.year)
    if position < 0:
        raise InvalidInput("error.positive", field="position")
    return _Clean(
        year=year,
        quote_ko=_text(quote_ko, "quote_ko", QUOTE_LIMIT, required=True) or "",
        quote_en=_text(quote_en, "quote_en", QUOTE_LIMIT, required=False),
        attribution_ko=_text(attribution_ko, "attribution_ko", ATTRIBUTION_LIMIT, required=True)
        or "",
        attribution_en=_text(attribution_en, "attribution_en", ATTRIBUTION_LIMIT, required=False),
        position=position,
    )


def list_stories(actor: Actor, *, url: str | None = None) -> list[Story]:
    """Every story, in slide order (position, then newest year). Stories are public words:
    anyone who sees the programme overview may read them."""
    require(actor, "overview.read")
    with session_for(actor, url=url) as session:
        rows = session.execute(
            select(TownHallStory, Village, District)
            .join(Village, Village.id == TownHallStory.village_id)
            .join(District, District.id == Village.district_id)
            .order_by(TownHallStory.position, TownHallStory.year.desc(), TownHallStory.id)
        ).all()
        return [_story(story, village, district) for story, village, district in rows]


def add_story(
    actor: Actor,
    *,
    village: str,
    year: int,
    quote_ko: str,
    attribution_ko: str,
    quote_en: str | None = None,
    attribution_en: str | None = None,
    position: int = 0,
    today: dt.date | None = None,
    url: str | None = None,
) -> Story:
    """Add a village's story (staff)."""
    require(actor, "village.write")
    clean = _clean(
        year=year,
        quote_ko=quote_ko,
        quote_en=quote_en,
        attribution_ko=attribution_ko,
        attribution_en=attribution_en,
        position=position,
        today=today or dt.date.today(),
    )
    with session_for(actor, write=True, url=url) as session:
        found = village_by_code(session, village)
        row = TownHallStory(
            village_id=found.id,
            year=clean.year,
            quote_ko=clean.quote_ko,
            quote_en=clean.quote_en,
            attribution_ko=clean.attribution_ko,
            attribution_en=clean.attribution_en,
            position=clean.position,
        )
        session.add(row)
        session.flush()
        return _story(row, found, found.district)


def _get(session: Session, story_id: int) -> TownHallStory:
    row = session.get(TownHallStory, story_id)
    if row is None:
        raise NotFound("error.unknown_story", id=story_id)
    return row


def update_story(
    actor: Actor,
    story_id: int,
    *,
    year: int,
    quote_ko: str,
    attribution_ko: str,
    quote_en: str | None = None,
    attribution_en: str | None = None,
    position: int = 0,
    today: dt.date | None = None,
    url: str | None = None,
) -> Story:
    """Change a story's words, year or order (staff); the village stays."""
    require(actor, "village.write")
    clean = _clean(
        year=year,
        quote_ko=quote_ko,
        quote_en=quote_en,
        attribution_ko=attribution_ko,
        attribution_en=attribution_en,
        position=position,
        today=today or dt.date.today(),
    )
    with session_for(actor, write=True, url=url) as session:
        row = _get(session, story_id)
        row.year = clean.year
        row.quote_ko, row.quote_en = clean.quote_ko, clean.quote_en
        row.attribution_ko, row.attribution_en = clean.attribution_ko, clean.attribution_en
        row.position = clean.position
        session.flush()
        village = row.village
        return _story(row, village, village.district)


def delete_story(actor: Actor, story_id: int, *, url: str | None = None) -> None:
    require(actor, "village.write")
    with session_for(actor, write=True, url=url) as session:
        session.delete(_get(session, story_id))
