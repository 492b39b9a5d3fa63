"""Training progress: staff and trainers see a cohort's modules done per village, warnings and
certificates; a committee sees its own village, its certificate and keeps its training list."""

import streamlit as st

from energy.training import attendance
from energy.training.completion import cohort_progress, village_progress
from energy.villages import directory as villages
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.i18n import lang, t, today
from ui.core.markup import t_md
from ui.core.widgets import choice, empty_state
from ui.training.progress import (
    certificate_button,
    cohort_overview,
    participants_section,
    rule_caption,
    village_modules,
)

actor = guard("training_progress")
page_header("page.training_progress", "progress.caption")
rule_caption(attendance.get_rules(actor))

if actor.role == "committee":
    own = villages.get_village_by_id(actor, actor.village_id or 0).village
    progress = village_progress(actor, own.id)
    st.subheader(t_md("progress.own", village=own.display_name(lang())))
    village_modules(progress)
    if progress.below_threshold:
        st.warning(t("progress.warning_own"), icon=":material/warning:")
    certificate_button(actor, progress)
    st.subheader(t("participants.title"))
    participants_section(actor, own.code)
    st.stop()

years = list(range(today().year, 2011, -1))
year = st.selectbox(t("progress.cohort"), years, key="progress.cohort")
cohort = cohort_progress(actor, int(year))
if not cohort:
    empty_state("progress.no_villages")
    st.stop()
cohort_overview(cohort)

st.subheader(t("progress.one_village"))
by_code = {p.code: p for p in cohort}
code = st.selectbox(
    t("field.village"),
    list(by_code),
    format_func=lambda c: f"{c} · {by_code[c].display_name(lang())}",
    key=choice("progress.village"),
)
village_modules(by_code[code])
certificate_button(actor, by_code[code])
with st.expander(t("participants.title"), icon=":material/groups:"):
    if attendance.may_keep_list(actor, code):
        participants_section(actor, code)
    else:  # a trainer, for a village none of whose sessions they teach
        st.info(t("participants.not_yours"), icon=":material/lock:")
