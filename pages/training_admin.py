"""Training for staff: generate a cohort's schedule, edit sessions, and keep the curriculum,
trainers, venues and the completion rule."""

import streamlit as st

from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.i18n import t
from ui.training.admin import curriculum_section, rules_section, trainers_section, venues_section
from ui.training.schedule import edit_forms, generator_form

actor = guard("training_admin")
page_header("page.training_admin", "training_admin.caption")

generate, edit, modules, trainers, venues, rules = st.tabs(
    [
        t("training_admin.tab_generate"),
        t("training_admin.tab_edit"),
        t("training_admin.tab_curriculum"),
        t("training_admin.tab_trainers"),
        t("training_admin.tab_venues"),
        t("training_admin.tab_rules"),
    ]
)
with generate:
    st.caption(t("generator.help"))
    generator_form(actor)
with edit:
    st.caption(t("edit.help"))
    edit_forms(actor)
with modules:
    curriculum_section(actor)
with trainers:
    trainers_section(actor)
with venues:
    venues_section(actor)
with rules:
    rules_section(actor)
