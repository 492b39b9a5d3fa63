"""Seoul's 25 autonomous districts (자치구): dated reference data from ``data/districts.csv``."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from energy.core.access import Actor
from energy.core.errors import InvalidInput
from energy.store.db import session_for
from energy.store.models.villages import District


@dataclass(frozen=True)
class DistrictInfo:
    id: int
    code: str
    name_ko: str
    name_en: str
    tile_row: int
    tile_col: int

    def name(self, lang: str) -> str:
        return self.name_ko if lang == "ko" else self.name_en


def list_districts(session: Session) -> list[DistrictInfo]:
    """Current districts in official code order (districts are public reference data)."""
    rows = session.scalars(
        select(District).where(District.valid_to.is_(None)).order_by(District.code)
    )
    return [DistrictInfo(d.id, d.code, d.name_ko, d.name_en, d.tile_row, d.tile_col) for d in rows]


def _fold(name: str) -> str:
    return "".join(name.split()).casefold()


def find_district(session: Session, name: str) -> DistrictInfo:
    """A district by its English name (``Dongjak-gu``, ``dongjak``), Korean name or code."""
    wanted = _fold(name)
    for district in list_districts(session):
        english = _fold(district.name_en)
        candidates = {
            english,
            english.removesuffix("-gu"),
            _fold(district.name_ko),
            _fold(district.name_ko).removesuffix("구"),
            district.code,
        }
        if wanted in candidates:
            return district
    raise InvalidInput("error.unknown_district", field="district", name=name)


def district_list(actor: Actor, *, url: str | None = None) -> list[DistrictInfo]:
    """Every district in official order (reference data: any actor may read it)."""
    with session_for(actor, url=url) as session:
        return list_districts(session)
