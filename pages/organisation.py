"""One organisation: its founding checklist, members and capital, solar plants, yearly work
and registration; staff record each. A committee sees its own village's organisations."""

import streamlit as st

from energy.core.access import can
from energy.core.errors import EnergyError
from energy.organisations import formation
from energy.organisations import registry as organisations
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.i18n import date, lang, t, today
from ui.core.markup import md
from ui.core.widgets import choice, empty_state, show_error
from ui.organisations import register
from ui.organisations.checklist import draw_checklist, step_form
from ui.organisations.tables import organisation_label

actor = guard("organisation")
page_header("page.organisation")

listed = formation.list_organisations(actor)
if not listed:
    empty_state("organisations.none_yet")
    st.stop()
ids = [o.id for o in listed]
labels = {o.id: organisation_label(o) for o in listed}
wanted = st.query_params.get("id")
chosen = st.selectbox(
    t("org.choose"),
    ids,
    format_func=labels.__getitem__,
    index=ids.index(int(wanted)) if wanted and wanted.isdigit() and int(wanted) in ids else 0,
    key=choice("organisation.id"),
)
st.query_params["id"] = str(chosen)

try:
    detail = organisations.organisation_detail(actor, chosen, today=today())
except EnergyError as exc:
    show_error(exc)
    st.stop()

org = detail.organisation
st.header(md(org.display_name(lang())), divider="gray")
founded = t("org.founded_value", date=date(org.founded_on)) if org.founded_on else ""
st.caption(
    f"{md(org.village_display(lang()))} ({org.village_code}) · {t(f'legal_form.{org.legal_form}')}"
    f" · {t(f'phase.{org.stage}')} {founded}"
)
can_write = can(actor, "organisation.write")

steps_tab, members_tab, assets_tab, years_tab, registration_tab = st.tabs(
    [t("org.tab_checklist"), t("org.tab_members"), t("org.tab_assets"), t("org.tab_years"),
     t("org.tab_registration")]
)  # fmt: skip
with steps_tab:
    left, right = st.columns([3, 2], gap="large") if can_write else (st.container(), None)
    with left:
        draw_checklist(detail.checklist)
    if right is not None:
        with right, st.container(border=True):
            st.subheader(t("org.record_step"))
            step_form(actor, detail.checklist)
with members_tab:
    register.members_panel(detail)
    if can_write:
        register.member_form(actor, detail)
with assets_tab:
    register.assets_panel(actor, detail, can_write=can_write)
with years_tab:
    register.years_panel(actor, detail, can_write=can_write)
with registration_tab:
    register.registration_panel(actor, detail, can_write=can_write)
