"""One village: its facts, status and dated history; staff change its status or stage."""

import datetime as dt

import streamlit as st

from energy.core.access import can
from energy.core.errors import EnergyError, InvalidInput
from energy.core.vocabulary import REASONS_FOR_STATUS, VILLAGE_STATUSES
from energy.villages import directory as villages
from ui.core.auth import guard
from ui.core.chrome import flash, page_header
from ui.core.forms import HELD, form, submit
from ui.core.i18n import lang, t
from ui.core.markup import md
from ui.core.nav import page_path
from ui.core.widgets import choice, empty_state, show_error, stage_label
from ui.villages.card import village_card

actor = guard("village")

if actor.role == "committee":
    code = villages.get_village_by_id(actor, actor.village_id or 0).village.code
else:
    listed = villages.list_villages(actor)
    if not listed:
        page_header("page.village")
        empty_state("village.none_yet")
        st.stop()
    codes = [v.code for v in listed]
    names = {v.code: f"{v.code} · {v.display_name(lang())}" for v in listed}
    wanted = st.query_params.get("code")
    code = st.selectbox(
        t("village.choose"),
        options=codes,
        format_func=names.__getitem__,
        index=codes.index(wanted) if wanted in codes else 0,
        key=choice("village.code"),
    )
    st.query_params["code"] = code

try:
    detail = villages.get_village(actor, code)
except EnergyError as exc:
    show_error(exc)
    st.stop()

v = detail.village
page_header("village.title", None, name=v.display_name(lang()))
st.caption(f"{md(v.code)} · {md(v.district_name(lang()))} · {t('field.cohort')} {v.cohort_year}")
village_card(detail)

if can(actor, "village.write"):
    st.divider()
    status_col, stage_col = st.columns(2, gap="large")
    with status_col, st.container(border=True):
        # Not a form: the reasons on offer follow the status chosen.
        st.subheader(t("village.change_status"))
        options = [s for s in VILLAGE_STATUSES if s != v.status]
        new_status = st.radio(
            t("field.status"),
            options,
            format_func=lambda s: t(f"status.{s}"),
            horizontal=True,
            index=None,  # no default: pausing a village must be a deliberate choice
            key=choice("village.status.new"),
        )
        reason = st.selectbox(
            t("field.reason"),
            REASONS_FOR_STATUS[new_status] if new_status else [],
            format_func=lambda r: t(f"reason.{r}"),
            index=None,
            placeholder=t("form.choose"),
            disabled=new_status is None,
            key=choice(f"village.status.reason.{new_status}"),
        )
        effective = st.date_input(
            t("field.effective_on"),
            value=dt.date.today(),
            max_value=dt.date.today(),
            key="village.status.date",
            format="YYYY-MM-DD",
        )
        note = st.text_area(t("field.note"), max_chars=2000, key="village.status.note")
        if st.button(t("village.save_status"), type="primary", key="village.status.save"):
            try:
                if new_status is None or reason is None:
                    raise InvalidInput("village.pick_status", field="status")
                villages.change_status(
                    actor,
                    v.code,
                    status=new_status,
                    reason_code=reason,
                    effective_on=effective,
                    note=note,
                )
            except EnergyError as exc:
                show_error(exc)
            else:
                flash(t("village.status_saved", status=t(f"status.{new_status}")))
                st.rerun()
    with stage_col, form("village.stage"):
        st.subheader(t("village.change_stage"))
        stage = st.radio(
            t("field.stage"),
            ["1", "2", "3", "graduated"],
            format_func=stage_label,
            horizontal=True,
            index=["1", "2", "3", "graduated"].index(v.programme_stage),
            key=choice("village.stage.new"),
            on_change=HELD,
        )
        st.caption(t("village.stage_note"))
        if submit(t("village.save_stage")):
            try:
                villages.set_programme_stage(
                    actor,
                    v.code,
                    programme_year=3 if stage == "graduated" else int(stage),
                    graduated=stage == "graduated",
                )
            except EnergyError as exc:
                show_error(exc)
            else:
                flash(t("village.stage_saved", stage=stage_label(stage)))
                st.rerun()

if actor.role != "committee":
    st.page_link(page_path("villages"), label=t("village.back"), icon=":material/arrow_back:")
