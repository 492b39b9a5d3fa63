"""Advice before applying (a district office's or village centre's officer): the drafts of
its district whose groups asked for advice, and everything submitted there; one application
read section by section, a comment and a suggested change on each, the group's replies."""

import streamlit as st

from energy.district import advice
from ui.core.auth import guard
from ui.core.chrome import page_header
from ui.core.widgets import empty_state
from ui.district.advice import officer_application, officer_pick, officer_table

actor = guard("advice")
page_header("page.advice", "advice.caption")

listed = advice.district_applications(actor)
if not listed:
    empty_state("advice.none")
    st.stop()
# The drafts that wait for an answer first, then the newest call's.
listed.sort(key=lambda a: not a.thread.waiting)
officer_table(listed)
officer_application(actor, officer_pick(listed))
