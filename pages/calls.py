"""The annual call (staff): the calls, a call's dashboard, applications and decisions,
review by stage, grants, and setting up a call."""

import streamlit as st

from energy.call import calls
from ui.call.admin import NEXT_PICK, call_setup, calls_table, dashboard, exports_row
from ui.call.decisions import applications_tab, review_tab
from ui.call.grants import staff_grants
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.i18n import t, today
from ui.core.markup import t_md
from ui.core.widgets import choice, empty_state

actor = guard("calls")
page_header("page.calls", "calls.caption")

all_calls = calls.list_calls(actor)
if not all_calls:
    empty_state("calls.none")
    st.subheader(t("calls.new"))
    call_setup(actor, None)
    st.stop()

by_id = {c.id: c for c in all_calls}
current = next((c for c in all_calls if c.is_open(today())), all_calls[0])
if st.session_state.get(NEXT_PICK) in by_id:  # the call just created or saved
    st.session_state["calls.pick"] = st.session_state.pop(NEXT_PICK)
if st.session_state.get("calls.pick") not in by_id:
    st.session_state["calls.pick"] = current.id
picked = st.selectbox(
    t("calls.pick"),
    options=list(by_id),
    format_func=lambda i: f"{by_id[i].label} · {t(f'call_phase.{by_id[i].phase(today())}')}",
    key=choice("calls.pick"),
)
call = by_id[picked]

tabs = st.tabs(
    [
        t("calls.tab_dashboard"),
        t("calls.tab_applications"),
        t("calls.tab_review"),
        t("calls.tab_grants"),
        t("calls.tab_setup"),
    ]
)
with tabs[0]:
    dashboard(actor, call)
    exports_row(actor, call)
with tabs[1]:
    applications_tab(actor, call)
with tabs[2]:
    review_tab(actor, call)
with tabs[3]:
    staff_grants(actor, call.id)
with tabs[4]:
    st.dataframe(calls_table(all_calls), hide_index=True, width="stretch")
    st.markdown(f"**{t_md('calls.edit', call=call.label)}**")
    call_setup(actor, call)
    with st.expander(t("calls.new"), icon=":material/add:"):
        call_setup(actor, None)
