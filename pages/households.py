"""Households of a village: codes (never names), housing, occupants, installed generation."""

import datetime as dt

import pandas as pd
import streamlit as st

from energy.core.access import can
from energy.core.errors import EnergyError
from energy.core.vocabulary import FIRST_COHORT, FLOOR_AREA_BANDS, GENERATION_KINDS, HOUSING_TYPES
from energy.readings import quality
from energy.villages import households
from ui.core.auth import guard
from ui.core.chrome import flash, page_header
from ui.core.forms import HELD, clear, form, submit
from ui.core.i18n import date, lang, number, t, today
from ui.core.markup import t_md
from ui.core.widgets import badge_label, choice, column_help, empty_state, show_error
from ui.villages.picker import pick_village

actor = guard("households")
# Streamlit's date inputs stop ten years back; the programme's households go back to 2012.
SINCE_2012 = {"min_value": dt.date(FIRST_COHORT, 1, 1)}
page_header("page.households", "households.caption")
village = pick_village(actor, key="households.village")
listed = households.list_households(actor, village.code)
health = quality.village_quality(actor, village.code, as_of=today())
badges = {h.household: h for h in health.households}

if listed:
    st.markdown(t("households.quality", badge=badge_label(health.badge), **health.counts))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("field.household"): h.code,
                    t("households.badge"): badge_label(badges[h.code].badge)
                    if h.code in badges
                    else "",
                    t("field.housing_type"): t(f"housing.{h.housing_type}"),
                    t("field.floor_area_band"): h.floor_area_band or "",
                    t("field.occupants"): h.occupants,
                    t("field.joined_on"): date(h.joined_on),
                    t("field.left_on"): date(h.left_on) if h.left_on else "",
                    t("households.generation"): f"{number(h.capacity_w)} W" if h.generation else "",
                }
                for h in listed
            ]
        ),
        hide_index=True,
        width="stretch",
        column_config=column_help(("households.badge", "households.badge_help")),
    )
    findings = [f for h in health.households for f in h.findings]
    if findings:
        with st.expander(t("households.fixes", n=len(findings)), icon=":material/checklist:"):
            st.markdown("\n".join(f"- {f.message(lang())}" for f in findings[:200]))
    st.caption(
        t(
            "households.count",
            n=sum(h.left_on is None for h in listed),
            left=sum(h.left_on is not None for h in listed),
        )
    )
else:
    empty_state("households.none")

if not can(actor, "tracking.write"):
    st.stop()

add_tab, edit_tab, solar_tab = st.tabs(
    [t("households.add"), t("households.edit"), t("households.add_generation")]
)
with add_tab, form("households.add", clear_on_submit=True):
    a1, a2, a3, a4, a5 = st.columns(5)
    code = a1.text_input(
        t("field.household"),
        placeholder="H-001",
        help=t("households.code_help"),
        key="households.add.code",
        on_change=HELD,
    )
    housing = a2.selectbox(
        t("field.housing_type"),
        HOUSING_TYPES,
        format_func=lambda h: t(f"housing.{h}"),
        key=choice("households.add.housing"),
        on_change=HELD,
    )
    band = a3.selectbox(
        t("field.floor_area_band"),
        FLOOR_AREA_BANDS,
        index=None,
        placeholder=t("form.choose"),
        key="households.add.band",
        on_change=HELD,
    )
    occupants = a4.number_input(
        t("field.occupants"),
        min_value=1,
        max_value=20,
        value=None,
        step=1,
        key="households.add.occupants",
        on_change=HELD,
    )
    joined = a5.date_input(
        t("field.joined_on"),
        value=today(),
        **SINCE_2012,
        max_value=today(),
        format="YYYY-MM-DD",
        key="households.add.joined",
        on_change=HELD,
    )
    if submit(t("households.add_submit"), type="primary"):
        try:
            added = households.add_household(
                actor, village.code, code=code, housing_type=housing, floor_area_band=band,
                occupants=int(occupants) if occupants else None, joined_on=joined,
            )  # fmt: skip
        except EnergyError as exc:
            show_error(exc)
        else:
            clear("households.add")
            flash(t_md("households.added", code=added.code))
            st.rerun()

if listed:
    by_code = {h.code: h for h in listed}
    with edit_tab:
        chosen = by_code[
            st.selectbox(t("field.household"), list(by_code), key="households.edit.code")
        ]
        with form(f"households.edit.{chosen.code}"):
            e1, e2, e3, e4, e5 = st.columns(5)
            housing = e1.selectbox(t("field.housing_type"), HOUSING_TYPES, index=HOUSING_TYPES.index(chosen.housing_type),
                                   format_func=lambda h: t(f"housing.{h}"), key=choice(f"households.edit.{chosen.code}.housing"), on_change=HELD)  # fmt: skip
            band = e2.selectbox(t("field.floor_area_band"), FLOOR_AREA_BANDS, placeholder=t("form.choose"),
                                index=FLOOR_AREA_BANDS.index(chosen.floor_area_band) if chosen.floor_area_band else None, key=f"households.edit.{chosen.code}.band", on_change=HELD)  # fmt: skip
            edit = f"households.edit.{chosen.code}"
            occupants = e3.number_input(t("field.occupants"), min_value=1, max_value=20, value=chosen.occupants,
                                        step=1, key=f"{edit}.occupants", on_change=HELD)  # fmt: skip
            joined = e4.date_input(t("field.joined_on"), value=chosen.joined_on, format="YYYY-MM-DD",
                                   **SINCE_2012, key=f"{edit}.joined", on_change=HELD)  # fmt: skip
            left = e5.date_input(t("field.left_on"), value=chosen.left_on, format="YYYY-MM-DD", **SINCE_2012,
                                 help=t("households.left_help"), key=f"{edit}.left", on_change=HELD)  # fmt: skip
            if submit(t("action.save"), type="primary"):
                try:
                    households.update_household(
                        actor, village.code, chosen.code, housing_type=housing, floor_area_band=band,
                        occupants=int(occupants) if occupants else None, joined_on=joined,
                        left_on=left if isinstance(left, dt.date) else None,
                    )  # fmt: skip
                except EnergyError as exc:
                    show_error(exc)
                else:
                    flash(t_md("households.saved", code=chosen.code))
                    st.rerun()
    with solar_tab, form("households.generation", clear_on_submit=True):
        g1, g2, g3, g4, g5 = st.columns(5)
        owner = g1.selectbox(
            t("field.household"), list(by_code), key="households.gen.code", on_change=HELD
        )
        kind = g2.selectbox(
            t("field.kind"), GENERATION_KINDS, format_func=lambda k: t(f"generation.{k}"),
            key=choice("households.gen.kind"), on_change=HELD,
        )  # fmt: skip
        units = g3.number_input(
            t("households.units"), min_value=1, max_value=100, value=1, step=1,
            key="households.gen.units", on_change=HELD,
        )  # fmt: skip
        watts = g4.number_input(
            t("field.watts_per_unit"), min_value=1, max_value=100_000, value=325, step=5,
            key="households.gen.watts", on_change=HELD,
        )  # fmt: skip
        installed = g5.date_input(
            t("field.installed_on"), value=today(), max_value=today(), format="YYYY-MM-DD",
            key="households.gen.installed", **SINCE_2012, on_change=HELD,
        )  # fmt: skip
        st.caption(t("households.generation_help"))
        if submit(t("households.add_generation"), type="primary"):
            try:
                households.add_generation(actor, village.code, owner, kind=kind, units=int(units),
                                          watts_per_unit=int(watts), installed_on=installed)  # fmt: skip
            except EnergyError as exc:
                show_error(exc)
            else:
                clear("households.generation")
                flash(t_md("households.generation_added", code=owner))
                st.rerun()
