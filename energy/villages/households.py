"""Households: the participating homes of a village, known only by a committee-chosen code.

A committee registers and edits its own village's households; staff may for any village.
Codes are pseudonyms (``H-007``): names and addresses are never stored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, selectinload

from energy.calc.metrics import last_day_of_month
from energy.core.access import Actor, require_village
from energy.core.errors import AlreadyExists, InvalidInput, NotFound
from energy.core.vocabulary import FLOOR_AREA_BANDS, GENERATION_KINDS, HOUSING_TYPES
from energy.store import cache
from energy.store.db import session_for
from energy.store.models.readings import GenerationUnit, Household
from energy.store.models.villages import Village

# Letters, digits, hyphens: room for "H-001", "101동-1203" is NOT allowed (an address).
HOUSEHOLD_CODE_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,31}$")


@dataclass(frozen=True)
class GenerationInfo:
    kind: str
    units: int
    watts_per_unit: int
    installed_on: dt.date

    @property
    def capacity_w(self) -> int:
        return self.units * self.watts_per_unit


@dataclass(frozen=True)
class HouseholdInfo:
    id: int
    village_id: int
    code: str
    housing_type: str
    floor_area_band: str | None
    occupants: int | None
    joined_on: dt.date
    left_on: dt.date | None
    generation: tuple[GenerationInfo, ...]

    @property
    def capacity_w(self) -> int:
        return sum(g.capacity_w for g in self.generation)

    def active_in(self, month: dt.date) -> bool:
        """Taking part during any of ``month`` (a first-of-month date)."""
        last_day = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(
            days=1
        )
        return self.joined_on <= last_day and (self.left_on is None or self.left_on >= month)


def _info(h: Household) -> HouseholdInfo:
    return HouseholdInfo(
        id=h.id,
        village_id=h.village_id,
        code=h.code,
        housing_type=h.housing_type,
        floor_area_band=h.floor_area_band,
        occupants=h.occupants,
        joined_on=h.joined_on,
        left_on=h.left_on,
        generation=tuple(
            GenerationInfo(g.kind, g.units, g.watts_per_unit, g.installed_on) for g in h.generation
        ),
    )


def taking_part(start: dt.date, end: dt.date) -> tuple[ColumnElement[bool], ...]:
    """Conditions on ``Household``: it takes part at some time from month ``start`` to month
    ``end`` (joined by the end of ``end``, not left before ``start`` began)."""
    return (
        Household.joined_on <= last_day_of_month(end),
        or_(Household.left_on.is_(None), Household.left_on >= start),
    )


def village_by_code(session: Session, code: str) -> Village:
    village = session.scalar(select(Village).where(Village.code == code.strip()))
    if village is None:
        raise NotFound("error.unknown_village", code=code)
    return village


def validate_household_code(code: str) -> str:
    code = code.strip()
    if not HOUSEHOLD_CODE_PATTERN.match(code):
        raise InvalidInput("error.household_code_format", field="household", code=code)
    return code


def _validate(housing_type: str, floor_area_band: str | None, occupants: int | None) -> None:
    if housing_type not in HOUSING_TYPES:
        raise InvalidInput("error.unknown_housing_type", field="housing_type", value=housing_type)
    if floor_area_band is not None and floor_area_band not in FLOOR_AREA_BANDS:
        raise InvalidInput("error.unknown_floor_area", field="floor_area_band")
    if occupants is not None and not 1 <= occupants <= 20:
        raise InvalidInput("error.occupants_range", field="occupants")


def add_household(
    actor: Actor,
    village_code: str,
    *,
    code: str,
    housing_type: str | None = None,
    floor_area_band: str | None = None,
    occupants: int | None = None,
    joined_on: dt.date | None = None,
    url: str | None = None,
) -> HouseholdInfo:
    code = validate_household_code(code)
    with session_for(actor, write=True, url=url) as session:
        village = village_by_code(session, village_code)
        require_village(actor, village.id, "tracking.write")
        housing = housing_type or (
            village.housing_type if village.housing_type != "mixed" else "apartment"
        )
        _validate(housing, floor_area_band, occupants)
        taken = session.scalar(
            select(func.count()).where(Household.village_id == village.id, Household.code == code)
        )
        if taken:
            raise AlreadyExists("error.household_code_taken", field="household", code=code)
        household = Household(
            village_id=village.id,
            code=code,
            housing_type=housing,
            floor_area_band=floor_area_band,
            occupants=occupants,
            joined_on=joined_on or dt.date.today(),
        )
        session.add(household)
        session.flush()
        session.refresh(household)
        return _info(household)


def list_households(
    actor: Actor, village_code: str, *, include_left: bool = True, url: str | None = None
) -> list[HouseholdInfo]:
    """The village's households by code (memoised until the data changes)."""

    def compute() -> list[HouseholdInfo]:
        with session_for(actor, url=url) as session:
            village = village_by_code(session, village_code)
            query = (
                select(Household)
                .where(Household.village_id == village.id)
                .options(selectinload(Household.generation))  # one query, not one per household
            )
            if not include_left:
                query = query.where(Household.left_on.is_(None))
            return [_info(h) for h in session.scalars(query.order_by(Household.code))]

    found: list[HouseholdInfo] = cache.village_memo(
        actor, village_code, "tracking.read", ("households", include_left), compute, url=url
    )
    return list(found)  # the caller's own list; the items are frozen


def _household(session: Session, village: Village, code: str) -> Household:
    household = session.scalar(
        select(Household).where(Household.village_id == village.id, Household.code == code.strip())
    )
    if household is None:
        raise NotFound("error.unknown_household", code=code)
    return household


def update_household(
    actor: Actor,
    village_code: str,
    code: str,
    *,
    housing_type: str,
    floor_area_band: str | None,
    occupants: int | None,
    joined_on: dt.date,
    left_on: dt.date | None,
    url: str | None = None,
) -> HouseholdInfo:
    _validate(housing_type, floor_area_band, occupants)
    if left_on is not None and left_on < joined_on:
        raise InvalidInput("error.left_before_joined", field="left_on")
    with session_for(actor, write=True, url=url) as session:
        village = village_by_code(session, village_code)
        require_village(actor, village.id, "tracking.write")
        household = _household(session, village, code)
        household.housing_type = housing_type
        household.floor_area_band = floor_area_band
        household.occupants = occupants
        household.joined_on = joined_on
        household.left_on = left_on
        session.flush()
        return _info(household)


def add_generation(
    actor: Actor,
    village_code: str,
    household_code: str,
    *,
    kind: str,
    units: int,
    watts_per_unit: int,
    installed_on: dt.date,
    today: dt.date | None = None,
    url: str | None = None,
) -> HouseholdInfo:
    """Record generation a household installed (e.g. one 325 W balcony panel)."""
    if kind not in GENERATION_KINDS:
        raise InvalidInput("error.unknown_generation_kind", field="kind")
    if units < 1 or watts_per_unit <= 0:
        raise InvalidInput("error.positive", field="watts_per_unit")
    if installed_on > (today or dt.date.today()):
        raise InvalidInput("error.date_in_future", field="installed_on")
    with session_for(actor, write=True, url=url) as session:
        village = village_by_code(session, village_code)
        require_village(actor, village.id, "tracking.write")
        household = _household(session, village, household_code)
        session.add(
            GenerationUnit(
                household_id=household.id,
                kind=kind,
                units=units,
                watts_per_unit=watts_per_unit,
                installed_on=installed_on,
            )
        )
        session.flush()
        session.refresh(household)
        return _info(household)
