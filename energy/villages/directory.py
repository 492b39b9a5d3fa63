"""Villages: the directory, a village's record and status history, the programme overview."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from energy.core.access import Actor, require, scope_village, village_scope_ids
from energy.core.errors import AlreadyExists, InvalidInput, NotFound
from energy.core.vocabulary import (
    FIRST_COHORT,
    HOUSING_TYPES,
    REASONS_FOR_STATUS,
    STATUS_REASONS,
    VILLAGE_STATUSES,
)
from energy.store import cache
from energy.store.db import session_for
from energy.store.models.villages import District, Village, VillageStatusChange
from energy.villages.districts import find_district, list_districts

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$")


@dataclass(frozen=True)
class VillageSummary:
    id: int
    code: str
    name: str
    name_en: str | None
    district_code: str
    district_ko: str
    district_en: str
    neighbourhood: str | None
    housing_type: str
    cohort_year: int
    programme_year: int
    graduated: bool
    status: str

    def display_name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name

    def district_name(self, lang: str) -> str:
        return self.district_ko if lang == "ko" else self.district_en

    @property
    def programme_stage(self) -> str:
        """``1``, ``2``, ``3`` or ``graduated``: the stage a person reads."""
        return "graduated" if self.graduated else str(self.programme_year)

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "name_en": self.name_en,
            "district": self.district_en,
            "district_ko": self.district_ko,
            "neighbourhood": self.neighbourhood,
            "housing_type": self.housing_type,
            "cohort": self.cohort_year,
            "programme_year": "graduated" if self.graduated else self.programme_year,
            "status": self.status,
        }


@dataclass(frozen=True)
class StatusChange:
    status: str
    effective_on: dt.date
    reason_code: str
    note: str | None
    recorded_by: str
    recorded_at: dt.datetime


@dataclass(frozen=True)
class VillageDetail:
    village: VillageSummary
    history: list[StatusChange] = field(default_factory=list)


def _summary(v: Village) -> VillageSummary:
    return VillageSummary(
        id=v.id,
        code=v.code,
        name=v.name,
        name_en=v.name_en,
        district_code=v.district.code,
        district_ko=v.district.name_ko,
        district_en=v.district.name_en,
        neighbourhood=v.neighbourhood,
        housing_type=v.housing_type,
        cohort_year=v.cohort_year,
        programme_year=v.programme_year,
        graduated=v.graduated,
        status=v.status,
    )


def _clean_text(value: str | None, field_name: str, limit: int) -> str | None:
    text = (value or "").strip()
    if len(text) > limit:
        raise InvalidInput("error.too_long", field=field_name, n=limit)
    return text or None


def add_village(
    actor: Actor,
    *,
    code: str,
    name: str,
    district: str,
    cohort_year: int | None = None,
    name_en: str | None = None,
    neighbourhood: str | None = None,
    housing_type: str = "mixed",
    programme_year: int = 1,
    started_on: dt.date | None = None,
    today: dt.date | None = None,
    url: str | None = None,
) -> VillageSummary:
    """Register a village (active, with a first status entry "started")."""
    require(actor, "village.write")
    today = today or dt.date.today()
    code = code.strip()
    if not CODE_PATTERN.match(code):
        raise InvalidInput("error.village_code_format", field="code")
    clean_name = _clean_text(name, "name", 120)
    if clean_name is None:
        raise InvalidInput("error.required", field="name")
    cohort = cohort_year if cohort_year is not None else today.year
    if not FIRST_COHORT <= cohort <= today.year + 1:
        raise InvalidInput(
            "error.cohort_range", field="cohort", first=FIRST_COHORT, last=today.year + 1
        )
    if housing_type not in HOUSING_TYPES:
        raise InvalidInput("error.unknown_housing_type", field="housing_type", value=housing_type)
    if programme_year not in (1, 2, 3):
        raise InvalidInput("error.programme_year_range", field="programme_year")
    with session_for(actor, write=True, url=url) as session:
        found = find_district(session, district)
        if session.scalar(select(func.count()).where(Village.code == code)):
            raise AlreadyExists("error.village_code_taken", field="code", code=code)
        village = Village(
            code=code,
            name=clean_name,
            name_en=_clean_text(name_en, "name_en", 120),
            district_id=found.id,
            neighbourhood=_clean_text(neighbourhood, "neighbourhood", 60),
            housing_type=housing_type,
            cohort_year=cohort,
            programme_year=programme_year,
            graduated=False,
            status="active",
        )
        session.add(village)
        session.flush()
        session.add(
            VillageStatusChange(
                village_id=village.id,
                status="active",
                effective_on=started_on or dt.date(cohort, 1, 1),
                reason_code="started",
                recorded_by=actor.audit_name,
            )
        )
        session.flush()
        session.refresh(village)
        return _summary(village)


@dataclass(frozen=True)
class VillageFilter:
    text: str = ""
    district_codes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    cohorts: tuple[int, ...] = ()
    stages: tuple[str, ...] = ()  # "1", "2", "3", "graduated"


def list_villages(
    actor: Actor, filters: VillageFilter | None = None, *, url: str | None = None
) -> list[VillageSummary]:
    """The villages ``actor`` may see, filtered, ordered by district then code."""
    scope = village_scope_ids(actor)
    filters = filters or VillageFilter()
    query = select(Village).join(District)
    if scope is not None:
        query = query.where(Village.id.in_(scope))
    if filters.text.strip():
        needle = f"%{filters.text.strip().lower()}%"
        query = query.where(
            func.lower(Village.name).like(needle)
            | func.lower(func.coalesce(Village.name_en, "")).like(needle)
            | func.lower(Village.code).like(needle)
            | func.lower(func.coalesce(Village.neighbourhood, "")).like(needle)
        )
    if filters.district_codes:
        query = query.where(District.code.in_(filters.district_codes))
    if filters.statuses:
        query = query.where(Village.status.in_(filters.statuses))
    if filters.cohorts:
        query = query.where(Village.cohort_year.in_(filters.cohorts))
    if filters.stages:
        years = [int(s) for s in filters.stages if s in ("1", "2", "3")]
        stage_clause = (Village.graduated.is_(False)) & Village.programme_year.in_(years)
        if "graduated" in filters.stages:
            stage_clause = stage_clause | Village.graduated.is_(True)
        query = query.where(stage_clause)
    with session_for(actor, url=url) as session:
        rows = session.scalars(query.order_by(District.code, Village.code))
        return [_summary(v) for v in rows]


def _get(session: Session, code: str) -> Village:
    village = session.scalar(select(Village).where(Village.code == code.strip()))
    if village is None:
        raise NotFound("error.unknown_village", code=code)
    return village


def get_village(actor: Actor, code: str, *, url: str | None = None) -> VillageDetail:
    """A village with its dated status history. Memoised until the data changes (a
    committee's every rerun draws it); ``actor``'s access is checked before it is returned."""

    def compute() -> VillageDetail:
        with session_for(actor, url=url) as session:
            village = _get(session, code)
            history = [
                StatusChange(
                    h.status, h.effective_on, h.reason_code, h.note, h.recorded_by, h.recorded_at
                )
                for h in sorted(village.status_history, key=lambda h: (h.effective_on, h.id))
            ]
            return VillageDetail(_summary(village), history)

    detail: VillageDetail = cache.memo(("village_detail", code.strip()), compute, url=url)
    scope_village(actor, detail.village.id)
    return detail


def get_village_by_id(actor: Actor, village_id: int, *, url: str | None = None) -> VillageDetail:
    scope_village(actor, village_id)

    def code_of() -> str:
        with session_for(actor, url=url) as session:
            code = session.scalar(select(Village.code).where(Village.id == village_id))
            if code is None:
                raise NotFound("error.unknown_village", code=str(village_id))
            return str(code)

    return get_village(actor, cache.memo(("village_code", village_id), code_of, url=url), url=url)


def change_status(
    actor: Actor,
    code: str,
    *,
    status: str,
    reason_code: str,
    effective_on: dt.date,
    note: str | None = None,
    today: dt.date | None = None,
    url: str | None = None,
) -> VillageDetail:
    """Pause, disband or reactivate a village, keeping the dated history and the reason."""
    require(actor, "village.write")
    today = today or dt.date.today()
    if status not in VILLAGE_STATUSES:
        raise InvalidInput("error.unknown_status", field="status", value=status)
    if reason_code not in STATUS_REASONS:
        raise InvalidInput("error.unknown_reason", field="reason", value=reason_code)
    if reason_code not in REASONS_FOR_STATUS[status]:
        raise InvalidInput("error.reason_does_not_fit", field="reason")
    if effective_on > today:
        raise InvalidInput("error.date_in_future", field="effective_on")
    clean_note = _clean_text(note, "note", 2000)
    if reason_code == "other" and not clean_note:
        raise InvalidInput("error.reason_other_needs_note", field="note")
    with session_for(actor, write=True, url=url) as session:
        village = _get(session, code)
        if village.status == status:
            raise InvalidInput("error.status_unchanged", field="status")
        last = max((h.effective_on for h in village.status_history), default=None)
        if last is not None and effective_on < last:
            raise InvalidInput(
                "error.status_before_last", field="effective_on", last=last.isoformat()
            )
        village.status = status
        session.add(
            VillageStatusChange(
                village_id=village.id,
                status=status,
                effective_on=effective_on,
                reason_code=reason_code,
                note=clean_note,
                recorded_by=actor.audit_name,
            )
        )
    return get_village(actor, code, url=url)


def set_programme_stage(
    actor: Actor, code: str, *, programme_year: int, graduated: bool, url: str | None = None
) -> VillageSummary:
    require(actor, "village.write")
    if programme_year not in (1, 2, 3):
        raise InvalidInput("error.programme_year_range", field="programme_year")
    with session_for(actor, write=True, url=url) as session:
        village = _get(session, code)
        if (village.programme_year, village.graduated) == (programme_year, graduated):
            raise InvalidInput("error.stage_unchanged", field="stage")
        village.programme_year = programme_year
        village.graduated = graduated
        session.flush()
        return _summary(village)


# --- the programme overview (aggregates: any role with overview.read) ----------------------


@dataclass(frozen=True)
class ProgrammeOverview:
    total: int
    by_status: dict[str, int]
    by_stage: dict[str, int]
    by_cohort: pd.DataFrame  # cohort_year, status, villages
    # district_code, name_ko, name_en, tile_row, tile_col, status, villages, short_en
    by_district: pd.DataFrame


def programme_overview(actor: Actor, *, url: str | None = None) -> ProgrammeOverview:
    """Village counts by status, stage, cohort and district (all 25 districts, zeros kept).

    The same for everyone allowed to read it, and on every staff home page: memoised until
    the data changes (energy.store.cache), so a busy server builds it once, not once a rerun.
    """
    require(actor, "overview.read")
    return cache.memo(("programme_overview",), lambda: _programme_overview(actor, url), url=url)


def _programme_overview(actor: Actor, url: str | None) -> ProgrammeOverview:
    with session_for(actor, url=url) as session:
        rows = session.execute(
            select(
                Village.cohort_year,
                Village.status,
                Village.programme_year,
                Village.graduated,
                District.code,
                func.count(),
            )
            .join(District)
            .group_by(
                Village.cohort_year,
                Village.status,
                Village.programme_year,
                Village.graduated,
                District.code,
            )
        ).all()
        districts = list_districts(session)
    frame = pd.DataFrame(
        rows,
        columns=[
            "cohort_year",
            "status",
            "programme_year",
            "graduated",
            "district_code",
            "villages",
        ],
    )
    by_status = {s: int(frame.loc[frame.status == s, "villages"].sum()) for s in VILLAGE_STATUSES}
    stage = (
        frame.apply(lambda r: "graduated" if r.graduated else str(r.programme_year), axis=1)
        if not frame.empty
        else pd.Series(dtype=str)
    )
    by_stage = {
        s: int(frame.loc[stage == s, "villages"].sum()) if not frame.empty else 0
        for s in ("1", "2", "3", "graduated")
    }
    by_cohort = (
        frame.groupby(["cohort_year", "status"], as_index=False)["villages"].sum()
        if not frame.empty
        else pd.DataFrame(columns=["cohort_year", "status", "villages"])
    )
    district_frame = pd.DataFrame(
        [(d.code, d.name_ko, d.name_en, d.tile_row, d.tile_col) for d in districts],
        columns=["district_code", "name_ko", "name_en", "tile_row", "tile_col"],
    )
    counts = (
        frame.groupby(["district_code", "status"], as_index=False)["villages"].sum()
        if not frame.empty
        else pd.DataFrame(columns=["district_code", "status", "villages"])
    )
    grid = district_frame.merge(pd.DataFrame({"status": list(VILLAGE_STATUSES)}), how="cross")
    by_district = grid.merge(counts, on=["district_code", "status"], how="left")
    by_district["villages"] = by_district["villages"].fillna(0).astype(int)
    by_district["short_en"] = by_district["name_en"].str.removesuffix("-gu")  # tile labels
    return ProgrammeOverview(
        total=int(frame["villages"].sum()) if not frame.empty else 0,
        by_status=by_status,
        by_stage=by_stage,
        by_cohort=by_cohort,
        by_district=by_district,
    )
