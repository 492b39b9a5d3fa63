"""An organisation's register: members and capital, board, solar plants, yearly work,
registration numbers; staff add to each in a form."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.core.vocabulary import BOARD_ROLES, MEMBER_KINDS
from energy.organisations import organisers as organisation_organisers
from energy.organisations import registry as organisations
from energy.organisations.registry import YEAR_FIGURES, MemberInput, OrganisationDetail
from ui.core.chrome import flash
from ui.core.forms import HELD, clear, form, submit
from ui.core.i18n import date, krw, number, t, today
from ui.core.markup import md
from ui.core.money import amounts_ok, money_input
from ui.core.widgets import choice, column_help, download_table, empty_state, kpi_row, show_error

# The yearly figures a legal form reports besides the common ones (``None``: not reported).
FORM_FIGURES = {
    "social_cooperative": ("public_benefit_pct",),
    "social_enterprise": ("labour_costs_krw",),
}


def _saved(message_key: str) -> None:
    flash(t(message_key))
    st.rerun()


def members_panel(detail: OrganisationDetail) -> None:
    capital = detail.capital
    kpi_row(
        [(t("org.members"), capital.members, None), (t("org.founders"), capital.founders, None)]
    )
    kpi_row(
        [
            (t("org.capital_pledged"), krw(capital.pledged_krw), t("org.capital_help")),
            (t("org.capital_paid"), krw(capital.paid_krw), None),
        ]
    )
    if capital.founders_organisers:
        st.caption(
            t("org.founders_organisers", n=capital.founders_organisers, founders=capital.founders)
        )
    board = detail.board
    if not board.empty:
        st.markdown(f"**{t('org.board')}**")
        st.caption(
            " · ".join(
                f"{t(f'board.{r}')}: {md(n)}"
                for n, r in zip(board["name"], board["board_role"], strict=True)
            )
        )
    if detail.members.empty:
        empty_state("org.no_members")
        return
    members = detail.members
    table = pd.DataFrame(
        {
            t("org.member_name"): members["name"],
            t("org.member_kind"): [t(f"member_kind.{k}") for k in members["kind"]],
            t("field.household"): members["household"].fillna("–"),
            t("org.organiser"): [
                t("org.organiser_value", name=n, year=int(y)) if isinstance(n, str) else "–"
                for n, y in zip(members["organiser"], members["organiser_year"], strict=True)
            ],
            t("org.founder"): ["✓" if f else "" for f in members["is_founder"]],
            t("org.board"): [t(f"board.{r}") if isinstance(r, str) else "" for r in members["board_role"]],
            t("field.joined_on"): [date(d) for d in members["joined_on"]],
            t("field.left_on"): [date(d) if isinstance(d, dt.date) else "" for d in members["left_on"]],
            t("org.shares_pledged"): members["shares_pledged"],
            t("org.shares_paid"): members["shares_paid"],
        }
    )  # fmt: skip
    st.dataframe(table, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(table)))
    org = detail.organisation
    download_table(
        table, file_stem=f"members-{org.village_code}-{org.id}", key=f"org.{org.id}.members"
    )


def _organiser_picker(actor: Actor, org_id: int) -> int | None:
    """The village's call organisers; picking one fills the member's name and kind."""
    choices = {c.id: c for c in organisation_organisers.organiser_choices(actor, org_id)}
    if not choices:
        st.caption(t("org.no_organisers"))
        return None
    picker = f"org.{org_id}.member.organiser"

    def _prefill() -> None:
        chosen = st.session_state.get(picker)
        if chosen in choices:
            st.session_state[f"org.{org_id}.member.name"] = choices[chosen].name
            st.session_state[f"org.{org_id}.member.kind"] = "organiser"

    def _label(oid: int | None) -> str:
        if oid is None:
            return t("org.organiser_none")
        c = choices[oid]
        key = "org.organiser_option_member" if c.member else "org.organiser_option"
        return t(key, name=c.name, year=c.call_year, reference=c.reference, member=c.member)

    chosen: int | None = st.selectbox(
        t("org.organiser"), [None, *choices], format_func=_label, help=t("org.organiser_help"),
        on_change=_prefill, key=choice(picker),
    )  # fmt: skip
    return chosen


def member_form(actor: Actor, detail: OrganisationDetail) -> None:
    org_id = detail.organisation.id
    with st.expander(t("org.add_member"), icon=":material/person_add:"):
        organiser = _organiser_picker(actor, org_id)
        _member_fields(actor, org_id, organiser)


def _member_fields(actor: Actor, org_id: int, organiser: int | None) -> None:
    with form(f"org.{org_id}.member", clear_on_submit=True):
        c1, c2, c3 = st.columns(3)
        name = c1.text_input(t("org.member_name"), key=f"org.{org_id}.member.name", on_change=HELD)
        kind = c2.selectbox(
            t("org.member_kind"),
            MEMBER_KINDS,
            format_func=lambda k: t(f"member_kind.{k}"),
            key=choice(f"org.{org_id}.member.kind"),
            on_change=HELD,
        )
        household = c3.text_input(
            t("field.household"),
            help=t("org.household_help"),
            key=f"org.{org_id}.member.household",
            on_change=HELD,
        )
        d1, d2, d3, d4, d5 = st.columns(5)
        joined = d1.date_input(
            t("field.joined_on"),
            value=today(),
            max_value=today(),
            format="YYYY-MM-DD",
            key=f"org.{org_id}.member.joined",
            on_change=HELD,
        )
        founder = d2.checkbox(t("org.founder"), key=f"org.{org_id}.member.founder", on_change=HELD)
        board = d3.selectbox(
            t("org.board"),
            [None, *BOARD_ROLES],
            format_func=lambda r: t(f"board.{r}") if r else "–",
            key=choice(f"org.{org_id}.member.board"),
            on_change=HELD,
        )
        pledged = d4.number_input(
            t("org.shares_pledged"),
            min_value=0,
            step=1,
            key=f"org.{org_id}.member.pledged",
            on_change=HELD,
        )
        paid = d5.number_input(
            t("org.shares_paid"),
            min_value=0,
            step=1,
            key=f"org.{org_id}.member.paid",
            on_change=HELD,
        )
        if submit(t("org.add_member_submit"), type="primary"):
            member = MemberInput(
                name,
                kind,
                joined,
                household=household.strip() or None,
                organiser_id=organiser,
                is_founder=founder,
                board_role=board,
                shares_pledged=int(pledged),
                shares_paid=int(paid),
            )
            try:
                organisations.add_member(actor, org_id, member, today=today())
            except EnergyError as exc:
                show_error(exc)
            else:
                st.session_state.pop(f"org.{org_id}.member.organiser", None)
                clear(f"org.{org_id}.member")
                _saved("org.member_added")


def assets_panel(actor: Actor, detail: OrganisationDetail, *, can_write: bool) -> None:
    assets = detail.assets
    if assets.empty:
        empty_state("org.no_assets")
    else:
        kpi_row(
            [
                (t("org.solar_kw"), f"{number(float(assets['capacity_kw'].sum()), 1)} kW", None),
                (
                    t("org.solar_kwh"),
                    f"{number(float(assets['yearly_kwh'].fillna(0).sum()))} kWh",
                    None,
                ),
            ]
        )
        st.dataframe(
            pd.DataFrame({
                t("org.asset_name"): assets["name"], t("org.site"): assets["site"].fillna(""),
                t("org.capacity_kw"): assets["capacity_kw"], t("org.yearly_kwh"): assets["yearly_kwh"],
                t("org.commissioned_on"): [date(d) if d else "" for d in assets["commissioned_on"]],
            }),
            hide_index=True, width="stretch",
        )  # fmt: skip
    if not can_write:
        return
    org_id = detail.organisation.id
    with (
        st.expander(t("org.add_asset"), icon=":material/solar_power:"),
        st.form(f"org.{org_id}.asset", clear_on_submit=True),
    ):
        c1, c2 = st.columns(2)
        name = c1.text_input(t("org.asset_name"), key=f"org.{org_id}.asset.name")
        site = c2.text_input(t("org.site"), key=f"org.{org_id}.asset.site")
        d1, d2, d3 = st.columns(3)
        kw = d1.number_input(
            t("org.capacity_kw"), min_value=0.0, step=1.0, key=f"org.{org_id}.asset.kw"
        )
        kwh = d2.number_input(
            t("org.yearly_kwh"),
            min_value=0.0,
            step=100.0,
            help=t("org.yearly_kwh_help"),
            key=f"org.{org_id}.asset.kwh",
        )
        since = d3.date_input(
            t("org.commissioned_on"),
            value=None,
            max_value=today(),
            format="YYYY-MM-DD",
            key=f"org.{org_id}.asset.since",
        )
        if st.form_submit_button(t("org.add_asset_submit"), type="primary"):
            try:
                organisations.add_asset(
                    actor,
                    org_id,
                    name=name,
                    site=site,
                    capacity_kw=float(kw),
                    yearly_kwh=float(kwh) or None,
                    commissioned_on=since,
                    today=today(),
                )
            except EnergyError as exc:
                show_error(exc)
            else:
                _saved("org.asset_added")


def years_panel(actor: Actor, detail: OrganisationDetail, *, can_write: bool) -> None:
    years = detail.years
    if years.empty:
        empty_state("org.no_years")
    else:
        shown = pd.DataFrame({t("field.year"): years["year"].astype(str)})
        for key in YEAR_FIGURES:
            values = years[key]
            shown[t(f"org.{key.removesuffix('_krw')}")] = (
                [krw(int(v)) for v in values] if key.endswith("_krw") else values
            )
        for key in FORM_FIGURES.get(detail.organisation.legal_form, ()):
            shown[t(f"org.{key.removesuffix('_krw')}")] = [
                "–" if pd.isna(v) else krw(int(v)) if key.endswith("_krw") else f"{v:g}%"
                for v in years[key]
            ]
        helps = column_help(("org.public_benefit_pct", "org.public_benefit_help"),
                            ("org.labour_costs", "org.labour_costs_help"))  # fmt: skip
        st.dataframe(shown, hide_index=True, width="stretch", column_config=helps)
    if not can_write:
        return
    org_id = detail.organisation.id
    extra_keys = FORM_FIGURES.get(detail.organisation.legal_form, ())
    with (
        st.expander(t("org.add_year"), icon=":material/event_note:"),
        st.form(f"org.{org_id}.year"),
    ):
        year = st.number_input(
            t("field.year"),
            min_value=2012,
            max_value=today().year,
            value=today().year - 1,
            step=1,
            key=f"org.{org_id}.year.year",
        )
        columns = st.columns(4)
        figures = {
            key: int(
                columns[i % 4].number_input(
                    t(f"org.{key.removesuffix('_krw')}"),
                    min_value=0,
                    step=1,
                    key=f"org.{org_id}.year.{key}",
                )
            )
            for i, key in enumerate(YEAR_FIGURES)
        }
        extra = {
            key: st.number_input(
                t(f"org.{key.removesuffix('_krw')}"),
                value=None,
                min_value=0,
                max_value=100 if key == "public_benefit_pct" else None,
                step=1,
                help=t(f"org.{key.removesuffix('_krw').removesuffix('_pct')}_help"),
                key=f"org.{org_id}.year.{key}",
            )
            for key in extra_keys
        }
        if st.form_submit_button(t("org.add_year_submit"), type="primary"):
            try:
                organisations.record_year(
                    actor, org_id, int(year), figures=figures, today=today(),
                    **{k: (None if v is None else int(v)) for k, v in extra.items()},  # type: ignore[arg-type]
                )  # fmt: skip
            except EnergyError as exc:
                show_error(exc)
            else:
                _saved("org.year_saved")


def registration_panel(actor: Actor, detail: OrganisationDetail, *, can_write: bool) -> None:
    org = detail.organisation
    values = {
        "org.report_no": org.report_no, "org.corporate_no": org.corporate_registration_no,
        "org.business_no": org.business_registration_no,
    }  # fmt: skip
    for key, value in values.items():
        st.markdown(f"**{t(key)}**: {md(value) if value else '–'}")
    st.markdown(f"**{t('org.share_price')}**: {krw(org.share_price_krw)}")
    st.markdown(f"**{t('org.activity_since')}**: {date(org.activity_since)}")
    if not can_write:
        return
    with (
        st.expander(t("org.edit_registration"), icon=":material/badge:"),
        st.form(f"org.{org.id}.registration"),
    ):
        c1, c2, c3, c4 = st.columns(4)
        report_no = c1.text_input(
            t("org.report_no"), value=org.report_no or "", key=f"org.{org.id}.reg.report"
        )
        corporate = c2.text_input(
            t("org.corporate_no"),
            value=org.corporate_registration_no or "",
            key=f"org.{org.id}.reg.corporate",
        )
        business = c3.text_input(
            t("org.business_no"),
            value=org.business_registration_no or "",
            key=f"org.{org.id}.reg.business",
        )
        price = money_input(
            t("org.share_price"), value=org.share_price_krw, where=c4, key=f"org.{org.id}.reg.price"
        )
        if st.form_submit_button(t("org.save_registration"), type="primary") and amounts_ok(
            {t("org.share_price"): price}
        ):
            try:
                organisations.set_registration(
                    actor,
                    org.id,
                    report_no=report_no,
                    corporate_registration_no=corporate,
                    business_registration_no=business,
                    share_price_krw=price or None,
                )
            except EnergyError as exc:
                show_error(exc)
            else:
                _saved("org.registration_saved")
