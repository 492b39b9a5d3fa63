"""An organisation's register: members and their shares, board, registration numbers,
citizen solar plants, and each year's activities, jobs and revenue; all organisations side by
side for staff, and the formation pipeline by stage.

Share capital is counted in shares (``shares_pledged``, ``shares_paid``) times the
organisation's price of a share, in whole KRW. A member who joined as one of the village's
participating households is linked to it (``household``: its code in the village); one who
was an organiser on the village's call applications, to that organiser (see
:mod:`energy.organisations.organisers`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import BigInteger, func, select
from sqlalchemy.orm import Session, selectinload

from energy.calc import metrics
from energy.core.access import Actor, require_village
from energy.core.errors import InvalidInput, NotFound
from energy.core.vocabulary import BOARD_ROLES, LEGAL_FORMS, MEMBER_KINDS
from energy.organisations.formation import (
    BIGINT_MAX,
    CHECKLISTS,
    INTEGER_MAX,
    PHASES,
    Checklist,
    OrganisationSummary,
    check_count,
    checklist,
    clean_text,
    list_organisations,
    load_organisation,
    summarise,
)
from energy.organisations.organisers import check_organisers
from energy.store.db import session_for
from energy.store.models.call import Application, Call, Organiser
from energy.store.models.organisations import (
    Organisation,
    OrganisationAsset,
    OrganisationMember,
    OrganisationYear,
)
from energy.store.models.readings import Household

YEAR_FIGURES = (
    "supermarket_sales_krw",
    "checkups",
    "education_sessions",
    "education_participants",
    "jobs_full_time",
    "jobs_part_time",
    "energy_careers",
    "revenue_krw",
)
# Reported by some forms only (None: not reported): see :func:`record_year`.
EXTRA_YEAR_FIGURES = ("public_benefit_pct", "labour_costs_krw")


def _writable(session: Session, actor: Actor, organisation_id: int) -> Organisation:
    org = load_organisation(session, actor, organisation_id)
    require_village(actor, org.village_id, "organisation.write")
    return org


# --- members ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberInput:
    name: str
    kind: str
    joined_on: dt.date
    household: str | None = None  # the household's code in the village
    organiser_id: int | None = None  # an organiser of the village's call applications
    is_founder: bool = False
    board_role: str | None = None
    shares_pledged: int = 0
    shares_paid: int = 0


def _check_member(member: MemberInput, today: dt.date) -> str | None:
    name = clean_text(member.name, "member_name", 120)
    if name is None and member.organiser_id is None:
        raise InvalidInput("error.required", field="member_name")
    if member.kind not in MEMBER_KINDS:
        raise InvalidInput("error.organisation_member_kind", field="kind", value=member.kind)
    if member.board_role is not None and member.board_role not in BOARD_ROLES:
        raise InvalidInput("error.organisation_board_role", field="board_role")
    if member.joined_on > today:
        raise InvalidInput("error.date_in_future", field="joined_on")
    _check_shares(member.shares_pledged, member.shares_paid)
    return name


def _check_shares(pledged: int, paid: int) -> None:
    check_count(pledged, "shares_pledged")
    check_count(paid, "shares_paid")
    if paid > pledged:
        raise InvalidInput("error.organisation_paid_over_pledged", field="shares_paid")


def add_members(
    actor: Actor,
    organisation_id: int,
    members: list[MemberInput],
    *,
    today: dt.date | None = None,
    url: str | None = None,
) -> int:
    """Add members to the register (all or none); returns how many were added. A member
    linked to an organiser and given no name takes the organiser's."""
    today = today or dt.date.today()
    names = [_check_member(m, today) for m in members]
    with session_for(actor, write=True, url=url) as session:
        org = _writable(session, actor, organisation_id)
        organisers = check_organisers(session, org, (m.organiser_id for m in members))
        codes = {m.household.strip() for m in members if m.household}
        households = (
            dict(
                session.execute(
                    select(Household.code, Household.id).where(
                        Household.village_id == org.village_id, Household.code.in_(codes)
                    )
                ).all()
            )
            if codes
            else {}
        )
        for member, name in zip(members, names, strict=True):
            household_id = None
            if member.household:
                household_id = households.get(member.household.strip())
                if household_id is None:
                    raise NotFound("error.organisation_unknown_household", code=member.household)
            session.add(
                OrganisationMember(
                    organisation_id=org.id,
                    name=name or organisers[member.organiser_id or 0],
                    kind=member.kind,
                    household_id=household_id,
                    organiser_id=member.organiser_id,
                    is_founder=member.is_founder,
                    board_role=member.board_role,
                    joined_on=member.joined_on,
                    shares_pledged=member.shares_pledged,
                    shares_paid=member.shares_paid,
                )
            )
    return len(members)


def add_member(
    actor: Actor,
    organisation_id: int,
    member: MemberInput,
    *,
    today: dt.date | None = None,
    url: str | None = None,
) -> None:
    add_members(actor, organisation_id, [member], today=today, url=url)


def update_member(
    actor: Actor,
    member_id: int,
    *,
    shares_pledged: int,
    shares_paid: int,
    board_role: str | None,
    left_on: dt.date | None = None,
    today: dt.date | None = None,
    url: str | None = None,
) -> None:
    """Change a member's shares, board seat, or record that the member left."""
    today = today or dt.date.today()
    _check_shares(shares_pledged, shares_paid)
    if board_role is not None and board_role not in BOARD_ROLES:
        raise InvalidInput("error.organisation_board_role", field="board_role")
    if left_on is not None and left_on > today:
        raise InvalidInput("error.date_in_future", field="left_on")
    with session_for(actor, write=True, url=url) as session:
        member = session.get(OrganisationMember, member_id)
        if member is None:
            raise NotFound("error.organisation_unknown_member", id=member_id)
        _writable(session, actor, member.organisation_id)
        if left_on is not None and left_on < member.joined_on:
            raise InvalidInput("error.organisation_left_before_joined", field="left_on")
        member.shares_pledged, member.shares_paid = shares_pledged, shares_paid
        member.board_role = None if left_on is not None else board_role
        member.left_on = left_on


# --- registration, assets, years ------------------------------------------------------------------


def set_registration(
    actor: Actor,
    organisation_id: int,
    *,
    report_no: str | None,
    corporate_registration_no: str | None,
    business_registration_no: str | None,
    share_price_krw: int | None,
    url: str | None = None,
) -> None:
    if share_price_krw is not None and share_price_krw <= 0:
        raise InvalidInput("error.organisation_share_price", field="share_price_krw")
    check_count(share_price_krw, "share_price_krw")
    with session_for(actor, write=True, url=url) as session:
        org = _writable(session, actor, organisation_id)
        org.report_no = clean_text(report_no, "report_no", 40)
        org.corporate_registration_no = clean_text(
            corporate_registration_no, "corporate_registration_no", 40
        )
        org.business_registration_no = clean_text(
            business_registration_no, "business_registration_no", 40
        )
        org.share_price_krw = share_price_krw


def add_asset(
    actor: Actor,
    organisation_id: int,
    *,
    name: str,
    capacity_kw: float,
    yearly_kwh: float | None = None,
    site: str | None = None,
    commissioned_on: dt.date | None = None,
    today: dt.date | None = None,
    url: str | None = None,
) -> None:
    """A citizen solar plant: its capacity (kW) and yearly generation (kWh)."""
    today = today or dt.date.today()
    clean_name = clean_text(name, "asset_name", 120)
    if clean_name is None:
        raise InvalidInput("error.required", field="asset_name")
    if capacity_kw <= 0:
        raise InvalidInput("error.organisation_capacity", field="capacity_kw")
    if yearly_kwh is not None and yearly_kwh < 0:
        raise InvalidInput("error.formation_negative", field="yearly_kwh")
    if commissioned_on is not None and commissioned_on > today:
        raise InvalidInput("error.date_in_future", field="commissioned_on")
    with session_for(actor, write=True, url=url) as session:
        org = _writable(session, actor, organisation_id)
        session.add(
            OrganisationAsset(
                organisation_id=org.id,
                name=clean_name,
                site=clean_text(site, "site", 120),
                capacity_kw=capacity_kw,
                yearly_kwh=yearly_kwh,
                commissioned_on=commissioned_on,
            )
        )


def _column_max(figure: str) -> int:
    """The largest value ``figure``'s column holds (won amounts are BIGINT, counts INTEGER)."""
    column_type = OrganisationYear.__table__.c[figure].type
    return BIGINT_MAX if isinstance(column_type, BigInteger) else INTEGER_MAX


def record_year(
    actor: Actor,
    organisation_id: int,
    year: int,
    *,
    figures: dict[str, int],
    public_benefit_pct: float | None = None,
    labour_costs_krw: int | None = None,
    today: dt.date | None = None,
    url: str | None = None,
) -> None:
    """Record (or replace) a year's activities, jobs and revenue; figures left out are 0.
    ``public_benefit_pct`` (a social cooperative's public-benefit share of its business,
    0-100) and ``labour_costs_krw`` (a social enterprise's) are ``None`` when not reported."""
    today = today or dt.date.today()
    unknown = set(figures) - set(YEAR_FIGURES)
    if unknown:
        raise InvalidInput("error.organisation_unknown_figure", field=sorted(unknown)[0])
    if not 2012 <= year <= today.year:
        raise InvalidInput("error.organisation_year", field="year", last=today.year)
    for key, value in figures.items():
        check_count(value, key, _column_max(key))
    if public_benefit_pct is not None and not 0 <= public_benefit_pct <= 100:
        raise InvalidInput("error.organisation_public_benefit_pct", field="public_benefit_pct")
    check_count(labour_costs_krw, "labour_costs_krw", BIGINT_MAX)
    with session_for(actor, write=True, url=url) as session:
        org = _writable(session, actor, organisation_id)
        row = session.scalar(
            select(OrganisationYear).where(
                OrganisationYear.organisation_id == org.id, OrganisationYear.year == year
            )
        )
        if row is None:
            row = OrganisationYear(organisation_id=org.id, year=year)
            session.add(row)
        for key in YEAR_FIGURES:
            setattr(row, key, int(figures.get(key, 0)))
        row.public_benefit_pct, row.labour_costs_krw = public_benefit_pct, labour_costs_krw


# --- reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Capital:
    members: int  # members today
    founders: int
    founders_organisers: int  # founders who were organisers on the village's applications
    shares_pledged: int
    shares_paid: int
    pledged_krw: int | None  # None: no share price recorded
    paid_krw: int | None


@dataclass(frozen=True)
class OrganisationDetail:
    checklist: Checklist
    capital: Capital
    # id, name, kind, household, organiser (and its call year), founder, board_role, joined,
    # left, shares
    members: pd.DataFrame
    assets: pd.DataFrame  # name, site, capacity_kw, yearly_kwh, commissioned_on
    years: pd.DataFrame  # year, YEAR_FIGURES, public_benefit_pct, labour_costs_krw

    @property
    def organisation(self) -> OrganisationSummary:
        return self.checklist.organisation

    @property
    def board(self) -> pd.DataFrame:
        current = self.members[self.members["left_on"].isna() & self.members["board_role"].notna()]
        order = {role: i for i, role in enumerate(BOARD_ROLES)}
        return current.sort_values("board_role", key=lambda s: s.map(order))


MEMBER_COLUMNS = [
    "id", "name", "kind", "household", "organiser", "organiser_year", "is_founder", "board_role",
    "joined_on", "left_on", "shares_pledged", "shares_paid",
]  # fmt: skip
ASSET_COLUMNS = ["name", "site", "capacity_kw", "yearly_kwh", "commissioned_on"]


def _capital(members: pd.DataFrame, price: int | None, today: dt.date) -> Capital:
    current = members[members["left_on"].isna() | (members["left_on"] > today)]
    current = current[current["joined_on"] <= today]
    pledged, paid = int(current["shares_pledged"].sum()), int(current["shares_paid"].sum())
    return Capital(
        members=len(current),
        founders=int(current["is_founder"].sum()),
        founders_organisers=int((current["is_founder"] & current["organiser"].notna()).sum()),
        shares_pledged=pledged,
        shares_paid=paid,
        pledged_krw=None if price is None else pledged * price,
        paid_krw=None if price is None else paid * price,
    )


def organisation_detail(
    actor: Actor, organisation_id: int, *, today: dt.date | None = None, url: str | None = None
) -> OrganisationDetail:
    today = today or dt.date.today()
    steps = checklist(actor, organisation_id, today=today, url=url)
    with session_for(actor, url=url) as session:
        members = pd.DataFrame(
            session.execute(
                select(
                    OrganisationMember.id, OrganisationMember.name, OrganisationMember.kind,
                    Household.code, Organiser.name, Call.year,
                    OrganisationMember.is_founder, OrganisationMember.board_role,
                    OrganisationMember.joined_on, OrganisationMember.left_on,
                    OrganisationMember.shares_pledged, OrganisationMember.shares_paid,
                )
                .outerjoin(Household, Household.id == OrganisationMember.household_id)
                .outerjoin(Organiser, Organiser.id == OrganisationMember.organiser_id)
                .outerjoin(Application, Application.id == Organiser.application_id)
                .outerjoin(Call, Call.id == Application.call_id)
                .where(OrganisationMember.organisation_id == organisation_id)
                .order_by(OrganisationMember.joined_on, OrganisationMember.id)
            ).all(),
            columns=MEMBER_COLUMNS,
        )  # fmt: skip
        assets = pd.DataFrame(
            session.execute(
                select(
                    OrganisationAsset.name, OrganisationAsset.site, OrganisationAsset.capacity_kw,
                    OrganisationAsset.yearly_kwh, OrganisationAsset.commissioned_on,
                )
                .where(OrganisationAsset.organisation_id == organisation_id)
                .order_by(OrganisationAsset.id)
            ).all(),
            columns=ASSET_COLUMNS,
        )  # fmt: skip
        years = pd.DataFrame(
            session.execute(
                select(
                    OrganisationYear.year,
                    *(getattr(OrganisationYear, k) for k in YEAR_FIGURES),
                    OrganisationYear.public_benefit_pct,
                    OrganisationYear.labour_costs_krw,
                )
                .where(OrganisationYear.organisation_id == organisation_id)
                .order_by(OrganisationYear.year)
            ).all(),
            columns=["year", *YEAR_FIGURES, *EXTRA_YEAR_FIGURES],
        )
    members["left_on"] = members["left_on"].astype(object)
    members["organiser_year"] = members["organiser_year"].astype("Int64")
    capital = _capital(members, steps.organisation.share_price_krw, today)
    return OrganisationDetail(steps, capital, members, assets, years)


def founded_figures(
    session: Session, village_ids: tuple[int, ...], year: int, end_month: dt.date
) -> tuple[int, dict[str, int], int, int, list[tuple[str, str | None, str, int]]] | None:
    """For the town hall (access settled by its caller): organisations founded by the end of
    ``end_month`` in ``village_ids``, by form, their members then, the year's jobs, and each
    organisation (name, English name, form, members then), most members first. ``None``
    while the store holds no organisation at all."""
    if session.scalar(select(func.count()).select_from(Organisation)) == 0:
        return None
    last_day = metrics.last_day_of_month(end_month)
    orgs = session.scalars(
        select(Organisation)
        .where(Organisation.village_id.in_(village_ids))
        .options(selectinload(Organisation.steps), selectinload(Organisation.village))
    ).all()
    founded = [
        o for o in orgs if (s := summarise(o)).founded_on is not None and s.founded_on <= last_day
    ]
    ids = [o.id for o in founded]
    by_form = {form: sum(1 for o in founded if o.legal_form == form) for form in LEGAL_FORMS}
    members_of = dict(
        session.execute(
            select(OrganisationMember.organisation_id, func.count())
            .where(
                OrganisationMember.organisation_id.in_(ids),
                OrganisationMember.joined_on <= last_day,
                (OrganisationMember.left_on.is_(None)) | (OrganisationMember.left_on > last_day),
            )
            .group_by(OrganisationMember.organisation_id)
        ).all()
    )
    jobs = session.scalar(
        select(
            func.coalesce(
                func.sum(OrganisationYear.jobs_full_time + OrganisationYear.jobs_part_time), 0
            )
        ).where(OrganisationYear.organisation_id.in_(ids), OrganisationYear.year == year)
    )
    each = sorted(
        ((o.name, o.name_en, o.legal_form, int(members_of.get(o.id, 0))) for o in founded),
        key=lambda row: (-row[3], row[0]),
    )
    members = sum(n for *_, n in each)
    return len(founded), by_form, members, int(jobs or 0), each


# --- all organisations: side by side, and the pipeline ----------------------------------------------


def compare_organisations(
    actor: Actor, *, today: dt.date | None = None, url: str | None = None
) -> pd.DataFrame:
    """One row per organisation: form, stage, members, capital, solar, latest year's work."""
    today = today or dt.date.today()
    found = list_organisations(actor, url=url)
    ids = [o.id for o in found]
    with session_for(actor, url=url) as session:
        members = pd.DataFrame(
            session.execute(
                select(
                    OrganisationMember.organisation_id, OrganisationMember.joined_on,
                    OrganisationMember.left_on, OrganisationMember.is_founder,
                    OrganisationMember.household_id, OrganisationMember.shares_pledged,
                    OrganisationMember.shares_paid,
                ).where(OrganisationMember.organisation_id.in_(ids))
            ).all(),
            columns=["org", "joined_on", "left_on", "is_founder", "household_id", "pledged", "paid"],
        )  # fmt: skip
        assets = pd.DataFrame(
            session.execute(
                select(
                    OrganisationAsset.organisation_id,
                    OrganisationAsset.capacity_kw,
                    OrganisationAsset.yearly_kwh,
                ).where(OrganisationAsset.organisation_id.in_(ids))
            ).all(),
            columns=["org", "capacity_kw", "yearly_kwh"],
        )
        years = pd.DataFrame(
            session.execute(
                select(
                    OrganisationYear.organisation_id,
                    OrganisationYear.year,
                    *(getattr(OrganisationYear, k) for k in YEAR_FIGURES),
                ).where(OrganisationYear.organisation_id.in_(ids))
            ).all(),
            columns=["org", "year", *YEAR_FIGURES],
        )
    current = members[
        (members["joined_on"] <= today)
        & (members["left_on"].isna() | (members["left_on"].astype(object) > today))
    ]
    latest = years.sort_values("year").groupby("org").tail(1).set_index("org")
    rows = []
    for org in found:
        mine = current[current["org"] == org.id]
        plants = assets[assets["org"] == org.id]
        price = org.share_price_krw
        year = latest.loc[org.id] if org.id in latest.index else None
        rows.append(
            {
                "organisation_id": org.id,
                "name": org.name,
                "name_en": org.name_en,
                "village_code": org.village_code,
                "village": org.village_name,
                "village_en": org.village_name_en,
                "legal_form": org.legal_form,
                "stage": org.stage,
                "next_step": org.next_step,
                "founded_on": org.founded_on,
                "members": len(mine),
                "household_members": int(mine["household_id"].notna().sum()),
                "capital_pledged_krw": None
                if price is None
                else int(mine["pledged"].sum()) * price,
                "capital_paid_krw": None if price is None else int(mine["paid"].sum()) * price,
                "solar_kw": float(plants["capacity_kw"].sum()),
                "solar_kwh_year": float(plants["yearly_kwh"].fillna(0).sum()),
                "report_year": None if year is None else int(year["year"]),
                **{k: (None if year is None else int(year[k])) for k in YEAR_FIGURES},
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "organisation_id", "name", "name_en", "village_code", "village", "village_en",
            "legal_form", "stage", "next_step", "founded_on", "members", "household_members",
            "capital_pledged_krw", "capital_paid_krw", "solar_kw", "solar_kwh_year",
            "report_year", *YEAR_FIGURES,
        ],
    )  # fmt: skip


@dataclass(frozen=True)
class Pipeline:
    counts: pd.DataFrame  # stage, legal_form, organisations (every stage and form, zeros kept)
    organisations: list[OrganisationSummary]

    def at(self, stage: str) -> list[OrganisationSummary]:
        return [o for o in self.organisations if o.stage == stage]


def pipeline(actor: Actor, *, url: str | None = None) -> Pipeline:
    """Organisations by stage (the phase of their next step, or founded) and legal form."""
    found = list_organisations(actor, url=url)
    counts = pd.DataFrame(
        [
            {
                "stage": stage,
                "legal_form": form,
                "organisations": sum(1 for o in found if o.stage == stage and o.legal_form == form),
            }
            for stage in PHASES
            for form in LEGAL_FORMS
            if stage == "founded" or any(s.phase == stage for s in CHECKLISTS[form])
        ]
    )
    return Pipeline(counts, found)
